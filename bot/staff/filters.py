"""The conversation list's filters and page cursor, read from a query string.

Bad input raises `FilterError` with a sentence staff can act on; nothing is guessed.
"""

from __future__ import annotations

import base64
import binascii
import re
from collections.abc import Mapping
from dataclasses import dataclass, fields
from datetime import date, datetime, timezone

from .review import ReviewError, clean_tag
from .summary import term

REVIEW_STATES = {
    "unreviewed": "Not reviewed",
    "reviewed": "Reviewed",
    "changed": "New messages since review",
}
OUTCOMES = {
    "3582": "Federal: court motion (3582)",
    "4205g": "Old law: 4205(g)",
    "state": "State case",
    "dc_code": "D.C. Code case",
    "not_eligible": "Not eligible",
    "unknown": "Not enough facts",
    "refused": "Engine refused the facts",
}
YES_NO = {"yes": True, "no": False}
MAX_TEXT_CHARS = 200
MAX_NAME_CHARS = 200
_NAME = re.compile(r"[\w./:-]+(=.*)?", re.DOTALL)


class FilterError(ValueError):
    """A filter value staff typed cannot be used; the message says why."""


@dataclass(frozen=True)
class Filters:
    """Which conversations to list. None means "any"."""

    text: str | None = None
    channel: str | None = None
    since: date | None = None
    until: date | None = None
    min_messages: int | None = None
    last_intent: str | None = None
    intent: str | None = None
    action: str | None = None
    entity: str | None = None
    slot: str | None = None
    below: float | None = None
    fallback: bool | None = None
    referral: bool | None = None
    flagged: bool | None = None
    review: str | None = None
    outcome: str | None = None
    tag: str | None = None

    def as_query(self) -> dict[str, str]:
        """The filters as query-string values, for links to other pages of the same list."""
        query: dict[str, str] = {}
        for item in fields(self):
            value = getattr(self, item.name)
            if value is None:
                continue
            if isinstance(value, bool):
                query[item.name] = "yes" if value else "no"
            elif isinstance(value, date):
                query[item.name] = value.isoformat()
            else:
                query[item.name] = str(value)
        return query

    @property
    def active(self) -> bool:
        """True when any filter is set."""
        return bool(self.as_query())

    def term_filters(self) -> list[tuple[str, str]]:
        """The (kind, value) terms a conversation must contain."""
        terms = []
        if self.intent:
            terms.append(term("intent", self.intent))
        if self.action:
            terms.append(term("action", self.action))
        for kind, value in (("entity", self.entity), ("slot", self.slot)):
            if value:
                name, equals, wanted = value.partition("=")
                terms.append(
                    term(f"{kind}_value", name.strip(), wanted) if equals else term(kind, name)
                )
        return terms


@dataclass(frozen=True)
class Cursor:
    """Where a page of the list starts: the last message time and id of a conversation."""

    last_at: datetime
    sender_id: str

    def encode(self) -> str:
        """The cursor as an opaque URL-safe token."""
        raw = f"{self.last_at.isoformat()}|{self.sender_id}".encode()
        return base64.urlsafe_b64encode(raw).decode().rstrip("=")

    @classmethod
    def decode(cls, token: str) -> Cursor:
        """Read a token made by `encode`."""
        try:
            raw = base64.urlsafe_b64decode(token + "=" * (-len(token) % 4)).decode()
            moment, sender_id = raw.split("|", 1)
            last_at = datetime.fromisoformat(moment)
        except (binascii.Error, UnicodeDecodeError, ValueError) as error:
            raise FilterError("This page link is broken; go back to the first page.") from error
        if last_at.tzinfo is None or not sender_id:
            raise FilterError("This page link is broken; go back to the first page.")
        return cls(last_at.astimezone(timezone.utc), sender_id)


def parse_filters(args: Mapping[str, str]) -> Filters:
    """The filters in a query string; blank values mean "any"."""

    def get(name: str) -> str | None:
        value = (args.get(name) or "").strip()
        return value or None

    since, until = _day(get("since"), "From"), _day(get("until"), "To")
    if since and until and since > until:
        raise FilterError("The “From” date is after the “To” date.")
    review, outcome = get("review"), get("outcome")
    if review is not None and review not in REVIEW_STATES:
        raise FilterError("Choose a review status from the list.")
    if outcome is not None and outcome not in OUTCOMES:
        raise FilterError("Choose an eligibility outcome from the list.")
    text = get("text")
    if text is not None and len(text) > MAX_TEXT_CHARS:
        raise FilterError(f"Search for at most {MAX_TEXT_CHARS} characters.")
    return Filters(
        text=text,
        channel=_name(get("channel"), "Channel"),
        since=since,
        until=until,
        min_messages=_count(get("min_messages")),
        last_intent=_name(get("last_intent"), "Last intent"),
        intent=_name(get("intent"), "Intent"),
        action=_name(get("action"), "Action"),
        entity=_name(get("entity"), "Entity"),
        slot=_name(get("slot"), "Slot"),
        below=_confidence(get("below")),
        fallback=_yes_no(get("fallback"), "Fallback"),
        referral=_yes_no(get("referral"), "Referral"),
        flagged=_yes_no(get("flagged"), "Flagged"),
        review=review,
        outcome=outcome,
        tag=_tag(get("tag")),
    )


def _day(value: str | None, label: str) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError as error:
        raise FilterError(f"“{label}” must be a date such as 2026-03-10.") from error


def _count(value: str | None) -> int | None:
    if value is None:
        return None
    if not value.isdigit() or int(value) > 100_000:
        raise FilterError("“At least … family messages” must be a whole number.")
    return int(value)


def _confidence(value: str | None) -> float | None:
    if value is None:
        return None
    try:
        number = float(value)
    except ValueError as error:
        raise FilterError("“Confidence below” must be a number between 0 and 1.") from error
    if not 0 < number <= 1:
        raise FilterError("“Confidence below” must be a number between 0 and 1.")
    return number


def _yes_no(value: str | None, label: str) -> bool | None:
    if value is None:
        return None
    if value not in YES_NO:
        raise FilterError(f"“{label}” must be yes or no.")
    return YES_NO[value]


def _tag(value: str | None) -> str | None:
    if value is None:
        return None
    try:
        return clean_tag(value)
    except ReviewError as error:
        raise FilterError(str(error)) from error


def _name(value: str | None, label: str) -> str | None:
    if value is None:
        return None
    if len(value) > MAX_NAME_CHARS or not _NAME.fullmatch(value):
        raise FilterError(
            f"“{label}” must be a name such as greet, optionally with =value (slot=value)."
        )
    return value
