"""No family text in any log: one safeguard, installed first in every process of ours.

Rasa and the libraries under it put what a family wrote into log lines in several places (read in
the installed sources): Rasa's REST channel logs the message when handling it fails
(`rest.message.received.failure`, text=...), `FailSafeTrackerStore` logs a failed save's error,
whose text quotes the SQL parameters (the events' JSON, with the words), `SQLTrackerStore` logs
connection errors as the bare exception, the pika broker logs the failed event
(`pika.events.publish.failed`, rasa_event=...), the processor logs parse data and slot values at
DEBUG, a "/"-prefixed message that names no intent becomes a Python warning that quotes it, and
Rasa's structlog set-up renders exceptions with the values of local variables.

A handler filter would not hold: Rasa configures logging at start-up (basicConfig, coloredlogs,
structlog) and may replace handlers. So `install` sets the process's log-record factory
(`logging.setLogRecordFactory`): every record any logger makes passes through `redact` the moment
it is created, before any handler, filter or formatter sees it, however logging is configured
afterwards. What a record keeps:

- Records logged by our own code (bot/, actions/), which by rule never carry family text, and by
  `TRUSTED_LOGGERS` (alembic: schema revisions only): the message and its arguments, as written.
- Records logged by anyone else: the level, the logger's name, and of the message only what is
  written in the calling code. A literal message is kept (a template's %-arguments are replaced
  by `<withheld>`). A message built by an f-string (Rasa's favorite) is matched, whole, against
  the f-strings of the calling statement (read from its source): its literal parts are kept,
  each value becomes `<withheld>`; so the output holds only text written in the code, whatever
  the values held. Any other message becomes `[message withheld]`; an exception logged as the
  message, its type; Rasa's structlog lines keep their event key only (e.g.
  `rest.message.received.failure [details withheld]`). A record logged while an exception is
  being handled, without it, names the exception's type.
- Every record: exceptions keep their types (the whole cause/context chain, with `errno` names)
  and traceback frames (file, line, function, source line), never their text, except our
  configuration errors (`READABLE_EXCEPTIONS`), which say what to fix and quote no family input.
- Python warnings: the category and the code location; uncaught exceptions (main and other
  threads): logged through the same path.

So operators still see what failed where, and DEBUG from third parties is safe to turn on: it
keeps only templates and event keys. Tests: tests/test_logs.py (the exact leaky calls) and
tests/security/test_logs.py (the real servers, in every case that used to leak).
"""

from __future__ import annotations

import ast
import errno
import json
import linecache
import logging
import re
import sys
import threading
import traceback
import types
import warnings
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
# Code whose log calls are trusted to carry no family text (by the project's rule).
OUR_SOURCES: tuple[str, ...] = (str(ROOT / "bot") + "/", str(ROOT / "actions") + "/")
# Third-party loggers that never see family data, kept as written: alembic logs schema
# revisions and dialect names (our migrations' own code is under bot/).
TRUSTED_LOGGERS: tuple[str, ...] = ("alembic",)
WITHHELD = "<withheld>"
MESSAGE_WITHHELD = "[message withheld]"
TEXT_WITHHELD = "[text withheld]"
# Exceptions whose text is a fix for an operator (settings, schema), never a family's input.
READABLE_EXCEPTIONS: frozenset[str] = frozenset(
    {"bot.settings.SettingsError", "bot.staff.database.SchemaError"}
)
_STRUCTLOG_SOURCE = "/structlog/"
_EVENT_KEY = re.compile(r"[a-z][a-z0-9_]*(?:[.\-][a-z0-9_]+)*")
_CONSOLE_EVENT = re.compile(r"\[\s*[a-z]+\s*\]\s+([a-z][a-z0-9_.\-]*)")
# printf-style conversions, as `msg % args` reads them.
_CONVERSION = re.compile(r"%(?:\([^)]*\))?[#0 +\-]*(?:\*|\d+)?(?:\.(?:\*|\d+))?[hlL]?[a-zA-Z%]")
_MAX_FRAMES_SEARCHED = 40
_MAX_MESSAGE_CHARS = 4000
_MAX_FILES_CACHED = 512
_MAX_LINES_CACHED = 8192
_trees: dict[str, ast.Module | None] = {}
_f_strings_by_line: dict[tuple[str, int], tuple[tuple[str | None, ...], ...]] = {}

RecordFactory = Callable[..., logging.LogRecord]
_installed: dict[str, Any] = {}


def install() -> None:
    """Put the safeguard into this process: record factory, warnings, uncaught exceptions.

    Idempotent; call it before anything else logs (our entry points do it first).
    """
    if _installed:
        return
    previous: RecordFactory = logging.getLogRecordFactory()

    def factory(*args: Any, **kwargs: Any) -> logging.LogRecord:
        return safely_redacted(previous(*args, **kwargs))

    _installed.update(
        factory=previous,
        showwarning=warnings.showwarning,
        excepthook=sys.excepthook,
        threading_excepthook=threading.excepthook,
    )
    logging.setLogRecordFactory(factory)
    warnings.showwarning = show_warning
    sys.excepthook = _log_uncaught
    threading.excepthook = _log_uncaught_in_thread


def uninstall() -> None:
    """Undo `install` (for tests)."""
    if not _installed:
        return
    logging.setLogRecordFactory(_installed["factory"])
    warnings.showwarning = _installed["showwarning"]
    sys.excepthook = _installed["excepthook"]
    threading.excepthook = _installed["threading_excepthook"]
    _installed.clear()


def is_installed() -> bool:
    """Whether this process's records go through `redact`."""
    return bool(_installed)


def safely_redacted(record: logging.LogRecord) -> logging.LogRecord:
    """`redact(record)`; if that fails, a record that says so and carries nothing else."""
    try:
        code, via_structlog = _call_site(record)
        return redact(record, code=code, via_structlog=via_structlog, handling=sys.exc_info()[1])
    except Exception as failure:  # logging must never break a server
        record.msg = f"[record withheld: redaction failed with {type(failure).__name__}]"
        record.args = ()
        record.exc_info = None
        record.exc_text = None
        return record


def redact(
    record: logging.LogRecord,
    *,
    code: types.CodeType | None,
    via_structlog: bool = False,
    handling: BaseException | None = None,
) -> logging.LogRecord:
    """`record`, changed in place to keep only what cannot be family text (see the module doc).

    `code`: the code object that made the log call (None if unknown); `via_structlog`: the call
    came through structlog (the message is its rendered line); `handling`: the exception being
    handled where the call was made.
    """
    described = record.exc_info is not None and record.exc_info[1] is not None
    if record.exc_info and record.exc_info[1] is not None:
        record.exc_text = describe_exception(record.exc_info[1])
    record.exc_info = None
    if is_ours(record.pathname) or _is_trusted(record.name):
        return record
    summary = _summary(record, code, via_structlog)
    if handling is not None and not described:
        summary += f" [while handling {exception_name(handling)}]"
    record.msg, record.args = summary, ()
    return record


def is_ours(pathname: str) -> bool:
    """Whether a log call in the file `pathname` is our own code's."""
    return pathname.startswith(OUR_SOURCES)


def _is_trusted(name: str) -> bool:
    return any(name == trusted or name.startswith(f"{trusted}.") for trusted in TRUSTED_LOGGERS)


def _summary(record: logging.LogRecord, code: types.CodeType | None, via_structlog: bool) -> str:
    message = record.msg
    if via_structlog and isinstance(message, str):
        return structlog_summary(message)
    if isinstance(message, BaseException):
        return f"{MESSAGE_WITHHELD} {exception_name(message)}"
    if code is None or not isinstance(message, str):
        return MESSAGE_WITHHELD
    if any(type(constant) is str and constant == message for constant in code.co_consts):
        return template_only(message) if record.args else message
    return f_string_parts(message, f_strings_at(record.pathname, record.lineno))


def f_string_parts(message: str, templates: tuple[tuple[str | None, ...], ...]) -> str:
    """`message` as the first of `templates` (f-strings: literal parts, None for each value)
    that it fits exactly, with every value replaced by `<withheld>`; else `[message withheld]`."""
    if len(message) > _MAX_MESSAGE_CHARS:
        return MESSAGE_WITHHELD
    for parts in templates:
        pattern = "".join("(?:.*?)" if part is None else re.escape(part) for part in parts)
        if re.fullmatch(pattern, message, flags=re.DOTALL):
            shown = (WITHHELD if part is None else part for part in parts)
            return re.sub(f"(?:{re.escape(WITHHELD)})+", WITHHELD, "".join(shown))
    return MESSAGE_WITHHELD


def f_strings_at(filename: str, lineno: int) -> tuple[tuple[str | None, ...], ...]:
    """The f-strings of the innermost statement of `filename` that spans line `lineno`."""
    key = (filename, lineno)
    found = _f_strings_by_line.get(key)
    if found is None:
        if len(_f_strings_by_line) >= _MAX_LINES_CACHED:
            _f_strings_by_line.clear()
        found = _f_strings_by_line[key] = _read_f_strings(filename, lineno)
    return found


def _read_f_strings(filename: str, lineno: int) -> tuple[tuple[str | None, ...], ...]:
    tree = _parsed(filename)
    if tree is None:
        return ()
    spanning = [
        node
        for node in ast.walk(tree)
        if isinstance(node, ast.stmt) and node.lineno <= lineno <= (node.end_lineno or node.lineno)
    ]
    if not spanning:
        return ()
    innermost = min(spanning, key=lambda node: (node.end_lineno or node.lineno) - node.lineno)
    return tuple(
        tuple(
            value.value
            if isinstance(value, ast.Constant) and isinstance(value.value, str)
            else None
            for value in node.values
        )
        for node in ast.walk(innermost)
        if isinstance(node, ast.JoinedStr)
    )


def _parsed(filename: str) -> ast.Module | None:
    if filename in _trees:  # a failed parse is remembered as None
        return _trees.get(filename)
    if len(_trees) >= _MAX_FILES_CACHED:
        _trees.clear()
    try:
        tree: ast.Module | None = ast.parse("".join(linecache.getlines(filename)))
    except (SyntaxError, ValueError):
        tree = None
    _trees[filename] = tree
    return tree


def template_only(template: str) -> str:
    """A %-style template with each conversion replaced by `<withheld>` (`%%` stays `%`)."""
    return _CONVERSION.sub(lambda match: "%" if match.group() == "%%" else WITHHELD, template)


def structlog_summary(rendered: str) -> str:
    """Rasa's structlog line (JSON, or the console renderer's) reduced to its event key.

    An exception rendered into the JSON keeps its type and frames; values, locals and every other
    key (text, parse data, slots, events) are dropped.
    """
    try:
        data = json.loads(rendered)
    except ValueError:
        match = _CONSOLE_EVENT.search(rendered)
        key = match.group(1) if match else None
        return f"{key} {MESSAGE_WITHHELD}" if key else MESSAGE_WITHHELD
    if not isinstance(data, dict):
        return MESSAGE_WITHHELD
    key = data.get("event")
    summary = f"{key} " if isinstance(key, str) and _EVENT_KEY.fullmatch(key) else ""
    summary += "[details withheld]"
    frames = _structlog_exception(data.get("exception"))
    return f"{summary}\n{frames}" if frames else summary


def _structlog_exception(rendered: Any) -> str:
    if not isinstance(rendered, list):
        return ""
    lines: list[str] = []
    for stack in rendered:
        if not isinstance(stack, dict):
            continue
        for frame in stack.get("frames") or []:
            if isinstance(frame, dict):
                lines.append(
                    f'  File "{frame.get("filename")}", line {frame.get("lineno")}, '
                    f"in {frame.get('name')}"
                )
        exc_type = stack.get("exc_type")
        if isinstance(exc_type, str) and exc_type.isidentifier():
            lines.append(f"{exc_type}: {TEXT_WITHHELD}")
    return "\n".join(lines)


def exception_name(exception: BaseException) -> str:
    """`module.Type`, plus the errno's name for an OSError (`ConnectionRefusedError [ECONNREFUSED]`)."""
    kind = type(exception)
    name = (
        kind.__qualname__
        if kind.__module__ == "builtins"
        else f"{kind.__module__}.{kind.__qualname__}"
    )
    number = getattr(exception, "errno", None)
    if isinstance(exception, OSError) and isinstance(number, int) and number in errno.errorcode:
        name += f" [{errno.errorcode[number]}]"
    return name


def _exception_line(exception: BaseException) -> str:
    name = exception_name(exception)
    if name in READABLE_EXCEPTIONS:
        return f"{name}: {exception}"
    return f"{name}: {TEXT_WITHHELD}"


def describe_exception(exception: BaseException) -> str:
    """A traceback like Python's, with every exception's text replaced (see module doc)."""
    chain: list[tuple[BaseException, str]] = []
    seen: set[int] = set()
    current: BaseException | None = exception
    link = ""
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        chain.append((current, link))
        if current.__cause__ is not None:
            current, link = current.__cause__, _CAUSE
        elif current.__context__ is not None and not current.__suppress_context__:
            current, link = current.__context__, _CONTEXT
        else:
            current = None
    parts: list[str] = []
    for index, (item, _) in enumerate(reversed(chain)):
        if index:
            # The link that led from the outer exception to this one is printed after it.
            parts.append(chain[len(chain) - index][1])
        frames = traceback.format_list(traceback.extract_tb(item.__traceback__))
        parts.append(
            "Traceback (most recent call last):\n" + "".join(frames) + _exception_line(item)
        )
    return "\n".join(parts)


_CAUSE = "\nThe above exception was the direct cause of the following exception:\n"
_CONTEXT = "\nDuring handling of the above exception, another exception occurred:\n"


def _call_site(record: logging.LogRecord) -> tuple[types.CodeType | None, bool]:
    """The code object that made the log call, and whether the call came through structlog
    (whose own stdlib loggers report their caller's line, not structlog's)."""
    frame: types.FrameType | None = sys._getframe(1)
    via_structlog = False
    for _ in range(_MAX_FRAMES_SEARCHED):
        if frame is None:
            break
        code = frame.f_code
        # A stdlib logger that structlog did not create reports structlog's own frame.
        via_structlog = via_structlog or _STRUCTLOG_SOURCE in code.co_filename
        if code.co_filename == record.pathname and frame.f_lineno == record.lineno:
            return code, via_structlog
        frame = frame.f_back
    return None, via_structlog


_warnings_logger = logging.getLogger("py.warnings")
_uncaught_logger = logging.getLogger("bot.uncaught")


def show_warning(
    message: Warning | str,
    category: type[Warning],
    filename: str,
    lineno: int,
    file: Any = None,
    line: str | None = None,
) -> None:
    """`warnings.showwarning`: the category and where, never the warning's text."""
    _warnings_logger.warning(
        "%s at %s:%d %s", category.__name__, filename, lineno, MESSAGE_WITHHELD
    )


def _log_uncaught(
    kind: type[BaseException], exception: BaseException, trace: types.TracebackType | None
) -> None:
    """`sys.excepthook`: the uncaught exception, redacted like any other."""
    _uncaught_logger.critical(
        "Uncaught %s, the process ends", kind.__name__, exc_info=(kind, exception, trace)
    )


def _log_uncaught_in_thread(args: threading.ExceptHookArgs) -> None:
    """`threading.excepthook`: the thread's uncaught exception, redacted like any other."""
    if args.exc_value is None:
        return
    name = args.thread.name if args.thread is not None else "?"
    _uncaught_logger.error(
        "Uncaught %s in thread %s",
        args.exc_type.__name__,
        name,
        exc_info=(args.exc_type, args.exc_value, args.exc_traceback),
    )
