"""Which legal route, if any, leads to a sentence reduction for this person."""

from __future__ import annotations

from dataclasses import dataclass, replace
from enum import Enum

from . import sources
from .case import Case, Jurisdiction
from .logic import NOT_MET, Finding, all_of, any_of, fact


class Route(str, Enum):
    """The routes of 28 CFR 572.40 and 571.64, plus the non-federal systems."""

    NEW_LAW = "3582"
    OLD_LAW = "4205g"
    STATE = "state"
    DC_CODE = "dc_code"
    NOT_ELIGIBLE = "not_eligible"
    UNKNOWN = "unknown"

    @property
    def is_federal(self) -> bool:
        """False for a state or D.C. Code sentence: no federal case at all."""
        return self not in NOT_FEDERAL_ROUTES

    @property
    def has_federal_request(self) -> bool:
        """Whether there is anything to ask the BOP for (no motion at all on the other routes)."""
        return self not in NO_FEDERAL_REQUEST_ROUTES

    @property
    def statute(self) -> str:
        """The statute a request or motion on this route is brought under."""
        return sources.STATUTE_4205G if self is Route.OLD_LAW else sources.STATUTE_3582


# The one place for each set of routes: outside federal law, and with nothing to ask the BOP for
# (28 CFR 571.64: no BOP motion for a pre-1987 non-parolable sentence either).
NOT_FEDERAL_ROUTES = frozenset({Route.STATE, Route.DC_CODE})
NO_FEDERAL_REQUEST_ROUTES = NOT_FEDERAL_ROUTES | {Route.NOT_ELIGIBLE}


@dataclass(frozen=True)
class RouteResult:
    """The route, why, and what would settle it when it is unknown."""

    route: Route
    citation: str
    explanation: str
    missing: tuple[str, ...] = ()
    # Whether the BOP can make a motion (28 CFR 572.40, 571.64) and whether the person may file
    # their own after the 30-day wait (18 U.S.C. § 3582(c)(1)(A)), as far as the facts tell.
    bop_motion: Finding = NOT_MET
    own_motion: Finding = NOT_MET


def motions_available(case: Case) -> tuple[Finding, Finding]:
    """(BOP motion, person's own motion) under 28 CFR 572.40 and 571.64."""
    jurisdiction = None if case.jurisdiction is Jurisdiction.UNKNOWN else case.jurisdiction
    federal = fact(jurisdiction, "jurisdiction", Jurisdiction.FEDERAL.__eq__)
    new_law = fact(case.offense_date, "offense_date", lambda day: day >= sources.NEW_LAW_START)
    parolable = fact(case.parolable_sentence, "parolable_sentence")
    # Parole only matters once the offense is known to predate November 1, 1987: ask the date first.
    bop_law = new_law if case.offense_date is None else any_of(new_law, parolable)
    return all_of(federal, bop_law), all_of(federal, new_law)


def decide_route(case: Case) -> RouteResult:
    """Apply 28 CFR 572.40 and 571.64 to the jurisdiction and offense date."""
    bop_motion, own_motion = motions_available(case)
    return replace(_route(case), bop_motion=bop_motion, own_motion=own_motion)


def _route(case: Case) -> RouteResult:
    if case.jurisdiction is Jurisdiction.STATE:
        return RouteResult(
            Route.STATE,
            sources.ROUTE_STATE,
            "A state sentence is governed by that state's law (medical or geriatric parole, "
            "clemency). Federal compassionate release and the BOP's process do not apply, even "
            "if the person is held in a federal prison.",
        )
    if case.jurisdiction is Jurisdiction.DC_CODE:
        return RouteResult(
            Route.DC_CODE,
            sources.ROUTE_DC,
            "D.C. Code offenders are outside the BOP's compassionate-release process. D.C. has "
            "its own compassionate-release law; motions go to D.C. Superior Court.",
        )
    if case.jurisdiction is Jurisdiction.UNKNOWN:
        missing = ("jurisdiction",) + (("offense_date",) if case.offense_date is None else ())
        return RouteResult(
            Route.UNKNOWN,
            sources.ROUTE_3582,
            "We need to know whether the sentence was imposed by a federal court, a state "
            "court or under the D.C. Code before we can say which route applies.",
            missing,
        )
    if case.offense_date is None:
        return RouteResult(
            Route.UNKNOWN,
            sources.ROUTE_3582,
            "Federal offenses committed on or after November 1, 1987 use 18 U.S.C. "
            "§ 3582(c)(1)(A); earlier ones follow older rules. The offense date settles it; an "
            "offense that went on past that day (such as a conspiracy) counts as on or after it.",
            ("offense_date",),
        )
    if case.offense_date >= sources.NEW_LAW_START:
        return RouteResult(
            Route.NEW_LAW,
            sources.ROUTE_3582,
            "A federal offense committed on or after November 1, 1987: the sentencing court may "
            "reduce the sentence under 18 U.S.C. § 3582(c)(1)(A), on a motion by the BOP or, "
            "after the 30-day wait, by the person.",
        )
    if case.parolable_sentence is None:
        return RouteResult(
            Route.UNKNOWN,
            sources.ROUTE_4205G,
            "For a federal offense before November 1, 1987, what matters is whether the sentence "
            "is parolable.",
            ("parolable_sentence",),
        )
    if case.parolable_sentence:
        return RouteResult(
            Route.OLD_LAW,
            sources.ROUTE_4205G,
            'An "old law" parolable sentence: on a BOP motion, the court may reduce the '
            "minimum term to the time already served, so that the person can be considered for "
            "parole at once; the Parole Commission then decides on release (18 U.S.C. § 4205(g); "
            "28 CFR 571.60). Only the BOP can bring this motion.",
        )
    return RouteResult(
        Route.NOT_ELIGIBLE,
        sources.ROUTE_NONE,
        "The BOP cannot bring a compassionate-release motion for an offense before "
        "November 1, 1987 with a non-parolable sentence. A lawyer can say whether any other "
        "remedy exists.",
    )
