"""How a rule is written down and reported: conditions, citation, finding and notes."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from .logic import Finding, Status, all_of


@dataclass(frozen=True)
class Condition:
    """One element of a rule, in plain words, and whether the facts satisfy it."""

    text: str
    finding: Finding


@dataclass(frozen=True)
class RuleResult:
    """A criterion or ground, assessed against one case."""

    id: str
    title: str
    citation: str
    rule: str
    conditions: tuple[Condition, ...]
    notes: tuple[str, ...] = ()
    details: tuple[tuple[str, Any], ...] = ()

    @property
    def finding(self) -> Finding:
        return all_of(*(condition.finding for condition in self.conditions))

    @property
    def status(self) -> Status:
        return self.finding.status

    @property
    def missing(self) -> tuple[str, ...]:
        """The input keys that could still decide the rule, in the order to ask them."""
        return self.finding.missing

    @property
    def may_fit(self) -> bool:
        """Met, or still open with at least one of its conditions already satisfied."""
        if self.status is Status.MET:
            return True
        return self.status is Status.UNKNOWN and bool(self.conditions_with(Status.MET))

    def conditions_with(self, status: Status) -> tuple[str, ...]:
        """The text of each condition with this status, in the rule's order."""
        return tuple(c.text for c in self.conditions if c.finding.status is status)

    def to_dict(self) -> dict[str, Any]:
        """The JSON shape of the CLI contract: status, missing, citation, and the working."""
        finding = self.finding
        return {
            "status": finding.status.value,
            "missing": list(finding.missing),
            "citation": self.citation,
            "title": self.title,
            "rule": self.rule,
            "conditions": [
                {
                    "condition": condition.text,
                    "status": condition.finding.status.value,
                    "missing": list(condition.finding.missing),
                }
                for condition in self.conditions
            ],
            "notes": list(self.notes),
            **dict(self.details),
        }


def gated(gate: Condition | None, *conditions: Condition) -> tuple[Condition, ...]:
    """Conditions of a rule, preceded by the route condition that rules it out, if any."""
    return (gate, *conditions) if gate is not None else conditions
