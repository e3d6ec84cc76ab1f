"""`python -m bot.cli <group> <command> ...`: the assistant's explicit commands in one place.

Each group is a module with `add_arguments(parser)` and `run(args) -> int`; add a line to
GROUPS to add one. A group's module is imported only when it runs (Telegram's pulls in Rasa).
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence

from bot.logs import install as install_log_safeguard

# group -> (module, what it is for)
GROUPS: dict[str, tuple[str, str]] = {
    "telegram": ("bot.channels.telegram.cli", "Telegram channel: webhook, polling, command menu"),
}


def main(argv: Sequence[str] | None = None) -> int:
    """Run `<group> <command> ...`; return the exit status."""
    install_log_safeguard()
    parser = argparse.ArgumentParser(
        prog="python -m bot.cli",
        description="; ".join(f"{name}: {about}" for name, (_, about) in GROUPS.items()),
    )
    parser.add_argument("group", choices=sorted(GROUPS))
    parser.add_argument("arguments", nargs=argparse.REMAINDER, help="the group's command")
    chosen = parser.parse_args(list(sys.argv[1:] if argv is None else argv))
    module_name, about = GROUPS[chosen.group]
    module = importlib.import_module(module_name)
    group_parser = argparse.ArgumentParser(
        prog=f"python -m bot.cli {chosen.group}", description=about
    )
    module.add_arguments(group_parser)
    return int(module.run(group_parser.parse_args(chosen.arguments)))


if __name__ == "__main__":
    raise SystemExit(main())
