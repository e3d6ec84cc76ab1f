"""`python -m bot.channels.telegram`: the channel's commands (see cli.py)."""

from .cli import main

raise SystemExit(main())
