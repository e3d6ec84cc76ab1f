"""One assessment of one case: route, criteria, grounds, deadlines and guidance."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from . import guidance, law
from .bop import assess_bop
from .case import Case, parse_case
from .court import assess_court
from .deadlines import Deadline, compute_deadlines
from .logic import Status
from .route import RouteResult, decide_route
from .rules import RuleResult


@dataclass(frozen=True)
class Assessment:
    """Everything the engine concludes about one case on one day."""

    case: Case
    route: RouteResult
    bop_criteria: tuple[RuleResult, ...]
    court_grounds: tuple[RuleResult, ...]
    deadlines: tuple[Deadline, ...]
    documents: tuple[str, ...]
    next_steps: tuple[str, ...]
    caveats: tuple[str, ...]

    @property
    def as_of(self) -> date:
        return self.case.as_of

    @property
    def rules(self) -> tuple[RuleResult, ...]:
        """The BOP's criteria, then the court's grounds."""
        return self.bop_criteria + self.court_grounds

    @property
    def is_federal(self) -> bool:
        """False for a state or D.C. Code sentence."""
        return self.route.route.is_federal

    @property
    def has_federal_request(self) -> bool:
        """Whether there is a request to the Warden to make on this route."""
        return self.route.route.has_federal_request

    @property
    def missing(self) -> tuple[str, ...]:
        """Every input key that could still decide the route or an open rule, once each."""
        keys = [*self.route.missing, *(key for rule in self.rules for key in rule.missing)]
        return tuple(dict.fromkeys(keys))

    @property
    def disclaimer(self) -> str:
        return guidance.DISCLAIMER

    def deadline(self, id: str) -> Deadline | None:
        """The deadline with this id, if the known dates give one."""
        return next((deadline for deadline in self.deadlines if deadline.id == id), None)

    def to_dict(self) -> dict[str, Any]:
        """The JSON shape of `python -m bot.legal assess`."""
        as_of = self.case.as_of
        age = self.case.current_age
        return {
            "as_of": as_of.isoformat(),
            "route": self.route.route.value,
            "route_detail": {
                "citation": self.route.citation,
                "explanation": self.route.explanation,
                "missing": list(self.route.missing),
            },
            "age_on_as_of": age,
            "bop_criteria": {rule.id: _rule_dict(rule) for rule in self.bop_criteria},
            "court_grounds": {rule.id: _rule_dict(rule) for rule in self.court_grounds},
            "summary": {
                "bop_met": _ids(self.bop_criteria, Status.MET),
                "bop_unknown": _ids(self.bop_criteria, Status.UNKNOWN),
                "court_met": _ids(self.court_grounds, Status.MET),
                "court_unknown": _ids(self.court_grounds, Status.UNKNOWN),
            },
            "deadlines": {deadline.id: deadline.to_dict(as_of) for deadline in self.deadlines},
            "documents": list(self.documents),
            "law_in_force": law.in_force(as_of),
            "next_steps": list(self.next_steps),
            "caveats": list(self.caveats),
            "disclaimer": guidance.DISCLAIMER,
        }


def _rule_dict(rule: RuleResult) -> dict[str, Any]:
    return {**rule.to_dict(), "documents": list(guidance.RULE_DOCUMENTS[rule.id])}


def _ids(rules: tuple[RuleResult, ...], status: Status) -> list[str]:
    return [rule.id for rule in rules if rule.status is status]


def assess(raw: object, as_of: date) -> Assessment:
    """Check raw case facts (a JSON-like mapping) and assess them on `as_of`.

    Raises `CaseError` for input the engine cannot assess.
    """
    return assess_case(parse_case(raw, as_of))


def assess_case(case: Case) -> Assessment:
    """Apply every rule to a checked case."""
    route = decide_route(case)
    bop = assess_bop(case, route)
    court = assess_court(case, route)
    deadlines = compute_deadlines(case, route)
    rules = bop + court
    return Assessment(
        case=case,
        route=route,
        bop_criteria=bop,
        court_grounds=court,
        deadlines=deadlines,
        documents=tuple(guidance.documents(route, rules)),
        next_steps=tuple(guidance.next_steps(case, route, rules, {d.id: d for d in deadlines})),
        caveats=tuple(guidance.caveats(route, case.as_of)),
    )


def assess_dict(raw: object, today: date) -> dict[str, Any]:
    """`assess` as JSON-ready data (the CLI's output). Raises `CaseError` like `assess`."""
    return assess(raw, today).to_dict()
