"""Imports go one way: each part of the project imports only the parts below it.

Every module of bot/, actions/ and scripts/ is parsed (no import runs), and each import of ours,
including those inside functions and under TYPE_CHECKING, must be allowed by the table below.
The engine (bot/legal) imports nothing of ours, and the language tools (bot/nlp) only the engine
(its table of states); the settings sit at the bottom with the pure origin parser they read, and
the chat bubbles (bot/bubbles.py) and the wording tables (bot/wording) beside them; channels never
reach the actions; the test and benchmark tools (bot/devtools) are used by tests and benchmarks
only.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from functools import cache
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SOURCES = ("bot", "actions", "scripts")

# The parts every other part may use (they import nothing of ours but each other).
BASE = frozenset({"bot.settings", "bot.origins", "bot.logs", "bot.bubbles", "bot.wording"})
# The family-facing domain: it reads the engine's answer; its parts may use one another.
DOMAIN = frozenset({"bot.screening", "bot.explain", "bot.drafts"})
ENGINE = frozenset({"bot.legal", "bot.nlp"})

ALLOWED: dict[str, frozenset[str]] = {
    "bot": frozenset(),
    "bot.origins": frozenset(),
    "bot.logs": frozenset(),
    "bot.model_loading": frozenset(),
    "bot.bubbles": frozenset(),
    "bot.wording": frozenset(),
    "bot.settings": frozenset({"bot.origins"}),
    "bot.legal": frozenset(),
    # The language tools recognise the states the engine accepts (bot.legal.states).
    "bot.nlp": frozenset({"bot.legal"}),
    **dict.fromkeys(DOMAIN, BASE | ENGINE | DOMAIN),
    "bot.storage": BASE,
    "bot.channels": BASE | {"bot.storage"},
    "bot.staff": BASE | ENGINE | DOMAIN | {"bot.storage"},
    "actions": BASE | ENGINE | DOMAIN | {"bot.storage"},
    "bot.server": BASE | {"bot.channels", "bot.storage", "bot.model_loading"},
    "bot.cli": BASE | ENGINE | DOMAIN | {"bot.channels", "bot.storage"},
    "bot.devtools": BASE | ENGINE | DOMAIN | {"bot.channels", "bot.storage", "bot.staff"},
    # validate_data checks the Rasa project, actions included (the responses they send).
    "scripts": BASE | ENGINE | DOMAIN | {"bot.storage", "actions"},
}


def module_name(path: Path) -> str:
    """ "bot/channels/webchat/__init__.py" -> "bot.channels.webchat"."""
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imported(path: Path) -> Iterator[str]:
    """The absolute names of every module `path` imports (relative imports resolved)."""
    package = module_name(path).split(".")
    if path.name != "__init__.py":
        package = package[:-1]
    for node in ast.walk(ast.parse(path.read_text(), filename=str(path))):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level == 0:
                yield node.module or ""
            else:
                base = package[: len(package) - (node.level - 1)]
                yield ".".join([*base, *([node.module] if node.module else [])])


def part_of(module: str) -> str | None:
    """The row of ALLOWED a module belongs to, or None for a module not of ours."""
    parts = module.split(".")
    if parts[0] in ("actions", "scripts"):
        return parts[0]
    if parts[0] != "bot":
        return None
    return ".".join(parts[:2])


def our_modules() -> list[Path]:
    return sorted(path for source in SOURCES for path in (ROOT / source).rglob("*.py"))


@cache
def edges() -> frozenset[tuple[str, str, str]]:
    """(importing part, imported part, importing module) for each import across parts."""
    found = set()
    for path in our_modules():
        here = part_of(module_name(path))
        assert here is not None
        for name in imported(path):
            there = part_of(name)
            if there is not None and there != here:
                found.add((here, there, module_name(path)))
    return frozenset(found)


def test_every_part_of_ours_has_a_row_in_the_table() -> None:
    parts = {part_of(module_name(path)) for path in our_modules()}
    assert parts <= ALLOWED.keys(), parts - ALLOWED.keys()


@pytest.mark.parametrize("part", sorted(ALLOWED))
def test_each_part_imports_only_what_the_table_allows(part: str) -> None:
    refused = sorted(
        f"{module} imports {there}"
        for here, there, module in edges()
        if here == part and there not in ALLOWED[part]
    )
    assert refused == []


def test_the_table_has_no_cycle_between_parts() -> None:
    used = {(here, there) for here, there, _ in edges()}

    def reaches(start: str, goal: str, seen: frozenset[str]) -> bool:
        return any(
            there == goal or (there not in seen and reaches(there, goal, seen | {there}))
            for here, there in used
            if here == start
        )

    assert [part for part in sorted(ALLOWED) if reaches(part, part, frozenset())] == []


def test_the_engine_the_bubbles_the_wording_and_the_settings_import_nothing_of_ours() -> None:
    for part in ("bot.legal", "bot.origins", "bot.bubbles", "bot.wording"):
        assert ALLOWED[part] == frozenset()
    assert ALLOWED["bot.nlp"] == {"bot.legal"}
    assert ALLOWED["bot.settings"] == {"bot.origins"}


def test_channels_never_reach_the_actions_and_only_tests_use_the_devtools() -> None:
    assert "actions" not in ALLOWED["bot.channels"]
    assert [part for part, allowed in ALLOWED.items() if "bot.devtools" in allowed] == []


def test_relative_imports_are_resolved_from_the_package() -> None:
    path = ROOT / "bot" / "channels" / "webchat" / "channel.py"
    names = set(imported(path))
    assert {"bot.channels.gate", "bot.channels.webchat.assets", "bot.origins"} <= names
