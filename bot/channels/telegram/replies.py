"""What the channel itself says on Telegram (everything else comes from the assistant)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Command:
    """A slash command: what it sends to the assistant (None: answered here) and its menu line."""

    message: str | None
    description: str


# Telegram command -> the assistant's intent. Intent names are in domain.yml.
COMMANDS: dict[str, Command] = {
    "start": Command("/greet", "Start, or say hello again"),
    "help": Command(None, "What I can do, and these commands"),
    "restart": Command("/restart", "Start our conversation over"),
    "forget": Command("/forget_me", "Erase this conversation from our records"),
    "person": Command("/human_handoff", "How to reach a person at the organization"),
}

HELP = (
    "I'm an automated assistant for families of people in U.S. federal prison who want to "
    "understand compassionate release. Just write your question in your own words, for example "
    '"who can qualify?", "what must the request to the warden say?" or "the warden got the '
    'request on Jan 10, when can we go to court?".\n\n'
    "Commands:\n"
    + "\n".join(f"/{name} - {command.description}" for name, command in COMMANDS.items())
    + "\n\nI give general information, not legal advice: I am not a lawyer and not a court."
)

UNKNOWN_COMMAND = "I don't know that command. Send /help to see what I can do."

NOT_TEXT = (
    "I can only read typed messages: I can't open photos, files, voice messages, stickers or "
    "locations. Please type your question. For your privacy, please don't send documents here."
)

EDITED = (
    "I only read new messages, not edited ones. If you changed something, please send it "
    "again as a new message."
)

PRIVATE_ONLY = (
    "For your privacy I only talk in private chats. Please open a private chat with me and "
    "write there."
)

BUTTON_EXPIRED = "That button no longer works. Please type your answer instead."

SORRY = (
    "I'm sorry, something went wrong on my side and I couldn't answer that. Please try again "
    "in a moment."
)

EMPTY_TEXT_WITH_BUTTONS = "Please choose:"
