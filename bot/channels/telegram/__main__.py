"""`python -m bot.channels.telegram`: the channel's commands (see cli.py), log safeguard first."""

from bot.logs import install

from .cli import main

install()
raise SystemExit(main())
