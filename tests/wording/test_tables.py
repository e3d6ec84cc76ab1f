"""The wording tables: every key the code says is in them, every text in them is said, and each
text's fields are the ones the code fills.

The source of bot/, actions/ and scripts/ is parsed (nothing runs): a call `say("...")` names its
key literally (or as `"a" if ... else "b"`); any other key must come from one of the maps listed
in `MAPS`, whose keys are read from the maps themselves.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import pytest

from actions.fallback import FAQ_TOPICS, INTENT_TOPICS
from bot.channels.held import NOTICE_FOR
from bot.channels.telegram.replies import COMMANDS
from bot.screening.facts import ABUSE_WORDS, FAMILY_WORDS, JURISDICTION_WORDS, SELF_CARE_WORDS
from bot.screening.registry import OPEN_QUESTIONS, SUMMARY
from bot.wording import TABLES, WordingError, fields, say
from bot.wording.en import ENGLISH

ROOT = Path(__file__).resolve().parents[2]
SOURCES = ("bot", "actions", "scripts")
KEY = re.compile(r"[a-z][a-z_]*(?:\.[a-z][a-z0-9_]*)+")

# Each call of `say` whose key is not a literal: (file, the key's expression) -> its map's keys.
MAPS: dict[tuple[str, str], Callable[[], Iterable[str]]] = {
    ("bot/explain/messages.py", "key"): lambda: OPEN_QUESTIONS.values(),
    ("bot/screening/facts.py", "label"): lambda: (q.label for q in SUMMARY if q.label),
    ("bot/screening/facts.py", "JURISDICTION_WORDS[value]"): JURISDICTION_WORDS.values,
    ("bot/screening/facts.py", "ABUSE_WORDS[value]"): ABUSE_WORDS.values,
    ("bot/screening/facts.py", "FAMILY_WORDS[c]"): FAMILY_WORDS.values,
    ("bot/screening/facts.py", "key"): SELF_CARE_WORDS.values,
    ("bot/channels/held.py", "NOTICE_FOR[outcome.failure]"): NOTICE_FOR.values,
    ("bot/channels/telegram/replies.py", "self.description_key"): lambda: (
        command.description_key for command in COMMANDS.values()
    ),
    ("actions/fallback.py", "faq[0]"): lambda: (key for key, _ in FAQ_TOPICS.values()),
    ("actions/fallback.py", "topic"): INTENT_TOPICS.values,
}


@dataclass(frozen=True)
class Call:
    """One call of `say` in our source."""

    path: str
    line: int
    keys: tuple[str, ...]  # the literal keys it may say; () when the key is not a literal
    expression: str  # the key's expression as written
    named: frozenset[str] | None  # the fields it passes by name; None when it passes **values


def _literal_keys(node: ast.expr) -> tuple[str, ...]:
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return (node.value,)
    if isinstance(node, ast.IfExp):
        body, orelse = _literal_keys(node.body), _literal_keys(node.orelse)
        if body and orelse:
            return body + orelse
    return ()


def _calls_in(path: Path) -> Iterator[Call]:
    for node in ast.walk(ast.parse(path.read_text(), filename=str(path))):
        if not isinstance(node, ast.Call) or not node.args:
            continue
        name = node.func.attr if isinstance(node.func, ast.Attribute) else None
        name = node.func.id if isinstance(node.func, ast.Name) else name
        if name != "say":
            continue
        spread = any(keyword.arg is None for keyword in node.keywords)
        named = {keyword.arg for keyword in node.keywords if keyword.arg} - {"language"}
        yield Call(
            path=str(path.relative_to(ROOT)),
            line=node.lineno,
            keys=_literal_keys(node.args[0]),
            expression=ast.unparse(node.args[0]),
            named=None if spread else frozenset(named),
        )


@cache
def calls() -> tuple[Call, ...]:
    paths = sorted(path for source in SOURCES for path in (ROOT / source).rglob("*.py"))
    return tuple(call for path in paths for call in _calls_in(path))


def mapped_keys() -> set[str]:
    return {key for keys in MAPS.values() for key in keys()}


def literal_keys() -> set[str]:
    return {key for call in calls() for key in call.keys}


def test_the_scan_finds_the_calls_of_the_code() -> None:
    assert len(calls()) > 50
    assert "explain.none_fits" in literal_keys()


def test_a_key_that_is_not_literal_comes_from_a_listed_map() -> None:
    unlisted = sorted(
        f"{call.path}:{call.line}: say({call.expression})"
        for call in calls()
        if not call.keys and (call.path, call.expression) not in MAPS
    )
    assert unlisted == []


def test_every_listed_map_is_still_used() -> None:
    used = {(call.path, call.expression) for call in calls() if not call.keys}
    assert set(MAPS) - used == set()


def test_every_key_the_code_says_is_in_the_table() -> None:
    assert sorted((literal_keys() | mapped_keys()) - ENGLISH.keys()) == []


def test_every_key_in_the_table_is_said_by_the_code() -> None:
    assert sorted(ENGLISH.keys() - literal_keys() - mapped_keys()) == []


def test_each_call_with_a_literal_key_fills_exactly_the_fields_of_its_text() -> None:
    wrong = [
        f"{call.path}:{call.line}: {key} needs {sorted(fields(ENGLISH[key]))}, "
        f"gets {sorted(call.named)}"
        for call in calls()
        if call.named is not None
        for key in call.keys
        if key in ENGLISH and fields(ENGLISH[key]) != call.named
    ]
    assert wrong == []


def test_the_texts_of_a_map_need_no_field() -> None:
    assert sorted(key for key in mapped_keys() if key in ENGLISH and fields(ENGLISH[key])) == []


@pytest.mark.parametrize("key", sorted(ENGLISH))
def test_each_key_is_dotted_and_each_field_is_named(key: str) -> None:
    assert KEY.fullmatch(key)
    assert all(name.isidentifier() for name in fields(ENGLISH[key]))
    say(key, **dict.fromkeys(fields(ENGLISH[key]), "x"))  # a well-formed template


def test_every_language_has_the_same_keys_with_the_same_fields() -> None:
    for table in TABLES.values():
        assert table.keys() == ENGLISH.keys()
        assert [key for key in table if fields(table[key]) != fields(ENGLISH[key])] == []


def test_say_fills_the_named_fields() -> None:
    assert say("explain.next_step", step="Write to the warden.") == (
        "Next step: Write to the warden."
    )
    assert say("explain.next_step", "en", step="x") == "Next step: x"


def test_say_fails_loudly_on_an_unknown_key_or_a_missing_field() -> None:
    with pytest.raises(WordingError, match=re.escape("no text 'explain.nothing'")):
        say("explain.nothing")
    with pytest.raises(WordingError, match="needs step"):
        say("explain.next_step")
