"""What the channel itself says on Telegram (everything else comes from the assistant).

The texts are looked up by key (bot.wording, keys "telegram.*"); here are the commands and the
help text built from them.
"""

from __future__ import annotations

from dataclasses import dataclass

from bot.wording import say


@dataclass(frozen=True)
class Command:
    """A slash command: what it sends to the assistant (None: answered here) and its menu line.

    `description_key` is the wording key of the menu line.
    """

    message: str | None
    description_key: str

    @property
    def description(self) -> str:
        """The menu line, in words."""
        return say(self.description_key)


# Telegram command -> the assistant's intent. Intent names are in domain.yml.
COMMANDS: dict[str, Command] = {
    "start": Command("/greet", "telegram.command.start"),
    "help": Command(None, "telegram.command.help"),
    "restart": Command("/restart", "telegram.command.restart"),
    "forget": Command("/forget_me", "telegram.command.forget"),
    "person": Command("/human_handoff", "telegram.command.person"),
}


def help_text() -> str:
    """What /help answers: what the assistant does, and the commands."""
    commands = "\n".join(
        say("telegram.command_line", name=name, description=command.description)
        for name, command in COMMANDS.items()
    )
    return say("telegram.help", commands=commands)
