"""Three-valued (Kleene) logic over partially known facts.

A rule is met, not met, or unknown. When it is unknown, `missing` names the input keys whose
answers could still decide it, in the order a family would be asked.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from enum import Enum
from typing import TypeVar

T = TypeVar("T")


class Status(str, Enum):
    """Whether the known facts satisfy a rule."""

    MET = "met"
    NOT_MET = "not_met"
    UNKNOWN = "unknown"


@dataclass(frozen=True)
class Finding:
    """The status of one rule or condition, and the input keys that would decide it."""

    status: Status
    missing: tuple[str, ...] = ()

    @property
    def met(self) -> bool:
        return self.status is Status.MET

    @property
    def not_met(self) -> bool:
        return self.status is Status.NOT_MET


MET = Finding(Status.MET)
NOT_MET = Finding(Status.NOT_MET)


def unknown(*keys: str) -> Finding:
    """A condition that the named input keys would decide."""
    return Finding(Status.UNKNOWN, _unique(keys))


def fact(value: T | None, key: str, test: Callable[[T], bool] = bool) -> Finding:
    """Test one input value: unknown while the value is missing."""
    if value is None:
        return unknown(key)
    return MET if test(value) else NOT_MET


def follow_up(first: bool | None, then: Finding) -> Finding:
    """A condition that is asked about only after a yes to `first`.

    Until `first` is true it stays unknown with nothing to ask: the first answer decides the rule
    on its own when it is no, and the follow-up would not make sense before it is yes.
    """
    return then if first else unknown()


def all_of(*findings: Finding) -> Finding:
    """Met when every part is met; not met as soon as one part is not met."""
    if any(f.not_met for f in findings):
        return NOT_MET
    if all(f.met for f in findings):
        return MET
    return unknown(*(key for f in findings for key in f.missing))


def any_of(*findings: Finding) -> Finding:
    """Met as soon as one part is met; not met when every part is not met."""
    if any(f.met for f in findings):
        return MET
    if all(f.not_met for f in findings):
        return NOT_MET
    return unknown(*(key for f in findings for key in f.missing))


def _unique(keys: Iterable[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(keys))
