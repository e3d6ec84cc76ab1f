"""Whole family conversations the load benchmark replays, message by message."""

from __future__ import annotations

SCENARIOS: dict[str, tuple[str, ...]] = {
    "questions": (
        "hi",
        "what is compassionate release",
        "my dad is 67 and sick, who qualifies?",
        "does he have to ask the warden first",
        "how long do we wait after the warden gets it",
        "if we get a lawyer will he be released?",
        "thank you",
    ),
    "deadline": (
        "hello",
        "the warden got my husbands request on jan 10, when can we go to court?",
        "what does the request have to say",
        "bye",
    ),
    "screening": (
        "hi",
        "could my dad qualify?",
        "federal",
        "2005",
        "he's 70",
        "25 years",
        "about 16 years",
        "no",
        "no",
        "limited",
        "no",
        "yes",
        "yes",
        "yes",
        "none of those",
        "no",
        "not yet",
        "yes",
    ),
    "state": (
        "hi there",
        "my son is in a state prison in ohio can he get compassionate release",
        "what about clemency",
        "ok thanks",
    ),
}
