"""Command line: `python -m bot.legal assess` reads one JSON case on stdin, writes one assessment."""

from __future__ import annotations

import argparse
import io
import json
import sys
from datetime import date
from typing import NoReturn, TextIO

from .assessment import assess_dict
from .case import CaseError

EXIT_BAD_INPUT = 2


def _reject_constant(name: str) -> NoReturn:
    raise ValueError(f"{name} is not a valid JSON number")


def run_assess(stdin: TextIO, stdout: TextIO, stderr: TextIO, today: date) -> int:
    """Assess the case on `stdin`; on bad input write one line to `stderr` and return 2."""
    try:
        raw = json.loads(stdin.read(), parse_constant=_reject_constant)
    except (ValueError, UnicodeDecodeError) as error:
        stderr.write(f"input: not valid UTF-8 JSON ({error})\n")
        return EXIT_BAD_INPUT
    try:
        result = assess_dict(raw, today)
    except CaseError as error:
        stderr.write(f"{error}\n")
        return EXIT_BAD_INPUT
    stdout.write(json.dumps(result, indent=2, ensure_ascii=False) + "\n")
    return 0


def main(argv: list[str] | None = None) -> int:
    """Entry point for `python -m bot.legal`."""
    parser = argparse.ArgumentParser(prog="python -m bot.legal", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser(
        "assess", help="read one JSON case on stdin and print one JSON assessment on stdout"
    )
    parser.parse_args(argv)
    # Read bytes and decode strictly, whatever the locale says.
    stdin = io.TextIOWrapper(sys.stdin.buffer, encoding="utf-8", errors="strict")
    return run_assess(stdin, sys.stdout, sys.stderr, date.today())


if __name__ == "__main__":
    sys.exit(main())
