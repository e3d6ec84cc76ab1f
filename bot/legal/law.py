"""The law in force on a day: each rule and threshold as dated versions, chosen by `as_of`.

As in OpenFisca's parameters and the `holidays` package, a value that the law changed is not a
constant but a list of versions, each with the source that set it and the days it applied. A court
decision that changes the law is one more version. What must stay true (tested): the versions of a
rule are in order, never overlap and leave no gap, so exactly one applies on any day from the
first.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from enum import Enum
from typing import Generic, TypeVar

from . import sources

T = TypeVar("T")
T_co = TypeVar("T_co", covariant=True)

# The engine applies the rules in force from the day the amended USSG § 1B1.13 took effect
# (Amendment 814, effective 1 November 2023) and refuses earlier `as_of` dates.
ENGINE_FIRST_DAY = date(2023, 11, 1)
# Rutherford v. United States and Fernandez v. United States, decided on this day.
RUTHERFORD_DECIDED = date(2026, 5, 28)
FERNANDEZ_DECIDED = date(2026, 5, 28)
_DAY = timedelta(days=1)


@dataclass(frozen=True)
class Version(Generic[T_co]):
    """One reading of a rule: its value, the source that set it, and the days it applied.

    `since` is None when the version was in force before `ENGINE_FIRST_DAY` and no change to it
    is known; the engine does not model earlier versions. `until` is the last day it applied.
    """

    value: T_co
    source: str
    since: date | None
    until: date | None = None

    def applies_on(self, day: date) -> bool:
        """Whether this version is the law on `day`."""
        started = self.since is None or self.since <= day
        return started and (self.until is None or day <= self.until)


@dataclass(frozen=True)
class DatedRule(Generic[T_co]):
    """A rule or threshold whose value depends on the day: its versions, oldest first."""

    id: str
    title: str
    versions: tuple[Version[T_co], ...]

    def __post_init__(self) -> None:
        if not self.versions:
            raise ValueError(f"{self.id}: a rule needs at least one version")
        for earlier, later in zip(self.versions, self.versions[1:], strict=False):
            if earlier.until is None or later.since != earlier.until + _DAY:
                raise ValueError(f"{self.id}: versions must follow each other without a gap")
        if self.versions[-1].until is not None:
            raise ValueError(f"{self.id}: the newest version must still be in force")

    def version_on(self, day: date) -> Version[T_co]:
        """The version in force on `day`; LookupError before the rule existed."""
        for version in self.versions:
            if version.applies_on(day):
                return version
        raise LookupError(f"{self.id}: no version in force on {day.isoformat()}")

    def on(self, day: date) -> T_co:
        """The value in force on `day`."""
        return self.version_on(day).value


def _since(value: T, source: str, since: date | None) -> tuple[Version[T], ...]:
    return (Version(value, source, since),)


class LongSentenceReading(str, Enum):
    """What USSG § 1B1.13(b)(6) allows, as the courts read it on a day."""

    # A change in the law may produce the "gross disparity" (b)(6) describes.
    CHANGE_IN_LAW_MAY_COUNT = "change_in_law_may_count"
    # Rutherford: a change Congress did not make retroactive cannot be a reason; whether any
    # other change can still count is unsettled.
    NON_RETROACTIVE_CHANGE_EXCLUDED = "non_retroactive_change_excluded"


class ConvictionChallenges(str, Enum):
    """Where an argument that the conviction or sentence is invalid belongs."""

    # Before Fernandez, the courts of appeals differed on whether such arguments could count.
    COURTS_DIFFERED = "courts_differed"
    # Fernandez: not an extraordinary and compelling reason; they go in a 28 U.S.C. § 2255 motion.
    NOT_A_REASON = "not_a_reason"


LONG_SENTENCE = DatedRule(
    "ussg_1b1_13_b6",
    "Unusually long sentence, USSG § 1B1.13(b)(6)",
    (
        Version(
            LongSentenceReading.CHANGE_IN_LAW_MAY_COUNT,
            sources.USSG_LONG_SENTENCE,
            ENGINE_FIRST_DAY,
            RUTHERFORD_DECIDED - _DAY,
        ),
        Version(
            LongSentenceReading.NON_RETROACTIVE_CHANGE_EXCLUDED,
            sources.RUTHERFORD,
            RUTHERFORD_DECIDED,
        ),
    ),
)
CONVICTION_CHALLENGES = DatedRule(
    "conviction_challenges",
    "Arguments that the conviction or sentence is invalid",
    (
        Version(
            ConvictionChallenges.COURTS_DIFFERED,
            sources.SECTION_2255,
            ENGINE_FIRST_DAY,
            FERNANDEZ_DECIDED - _DAY,
        ),
        Version(ConvictionChallenges.NOT_A_REASON, sources.FERNANDEZ, FERNANDEZ_DECIDED),
    ),
)

# Thresholds. Each has one version so far; a change in the law adds a version, not an edit.
# 18 U.S.C. § 3582(c)(1)(A), as amended by the First Step Act of 2018, § 603(b).
MOTION_WAIT_DAYS = DatedRule(
    "motion_wait_days",
    "Days after the warden receives the request before the person may file",
    _since(30, sources.EXHAUSTION, sources.FIRST_STEP_ACT_DAY),
)
# Fed. R. Crim. P. 45(a)(1), as amended effective 1 December 2009 ("days are days").
PERIOD_COUNTING = DatedRule(
    "period_counting",
    "How a period stated in days is counted",
    _since("fed_r_crim_p_45_a_1", sources.RULE_45, date(2009, 12, 1)),
)
# 18 U.S.C. § 3582(d)(2)(A), added by the First Step Act of 2018, § 603(b).
TERMINAL_PROCESSING_DAYS = DatedRule(
    "terminal_processing_days",
    "Days the BOP has to process a terminally ill person's request",
    _since(14, sources.TERMINAL_PROCESSING, sources.FIRST_STEP_ACT_DAY),
)
FAMILY_NOTICE_DAYS = DatedRule(
    "family_notice_days",
    "Days (72 hours) to tell the family of a terminal diagnosis",
    _since(3, sources.TERMINAL_NOTICE, sources.FIRST_STEP_ACT_DAY),
)
FAMILY_VISIT_DAYS = DatedRule(
    "family_visit_days",
    "Days to give the family a chance to visit after a terminal diagnosis",
    _since(7, sources.TERMINAL_VISIT, sources.FIRST_STEP_ACT_DAY),
)
# 28 CFR 542.14(a), 542.15(a), 542.18: no change found through 2026 (not dated further).
BP9_FILING_DAYS = DatedRule(
    "bp9_filing_days",
    "Days to file a BP-9 with the institution",
    _since(20, sources.BP9_FILING, None),
)
BP10_FILING_DAYS = DatedRule(
    "bp10_filing_days",
    "Days to appeal to the Regional Director (BP-10)",
    _since(20, sources.BP10_FILING, None),
)
BP11_FILING_DAYS = DatedRule(
    "bp11_filing_days",
    "Days to appeal to the General Counsel (BP-11)",
    _since(30, sources.BP11_FILING, None),
)
BP9_RESPONSE_DAYS = DatedRule(
    "bp9_response_days",
    "Days for the Warden to answer a BP-9, and the one extension",
    _since((20, 20), sources.RESPONSE_TIMES, None),
)
BP10_RESPONSE_DAYS = DatedRule(
    "bp10_response_days",
    "Days for the Regional Director to answer, and the one extension",
    _since((30, 30), sources.RESPONSE_TIMES, None),
)
BP11_RESPONSE_DAYS = DatedRule(
    "bp11_response_days",
    "Days for the General Counsel to answer, and the one extension",
    _since((40, 20), sources.RESPONSE_TIMES, None),
)
# BOP Program Statement 5050.50 (January 17, 2019).
TERMINAL_PROGNOSIS_MONTHS = DatedRule(
    "terminal_prognosis_months",
    "Life expectancy the BOP names for a terminal condition",
    _since(18, sources.BOP_TERMINAL, sources.PS_5050_50_DAY),
)
NEW_LAW_ELDERLY = DatedRule(
    "new_law_elderly",
    'Age and years served for the BOP\'s "new law" elderly criterion',
    _since((70, 30 * 12), sources.BOP_ELDERLY_70_30, sources.PS_5050_50_DAY),
)
BOP_ELDERLY_AGE = DatedRule(
    "bop_elderly_age",
    "Age for the BOP's other elderly criteria",
    _since(65, sources.BOP_ELDERLY_OTHER, sources.PS_5050_50_DAY),
)
BOP_ELDERLY_MEDICAL_SHARE = DatedRule(
    "bop_elderly_medical_share",
    "Share of the sentence served for the BOP's elderly-with-medical-conditions criterion",
    _since(0.5, sources.BOP_ELDERLY_MEDICAL, sources.PS_5050_50_DAY),
)
BOP_ELDERLY_OTHER_SERVED = DatedRule(
    "bop_elderly_other_served",
    "Years or share served (the greater) for the BOP's other-elderly criterion",
    _since((10 * 12, 0.75), sources.BOP_ELDERLY_OTHER, sources.PS_5050_50_DAY),
)
# USSG § 1B1.13 as amended by Amendment 814, effective 1 November 2023.
COURT_ELDERLY_AGE = DatedRule(
    "court_elderly_age",
    "Age for the court's age ground",
    _since(65, sources.USSG_AGE, ENGINE_FIRST_DAY),
)
COURT_ELDERLY_SERVED = DatedRule(
    "court_elderly_served",
    "Years or share served (whichever is less) for the court's age ground",
    _since((10 * 12, 0.75), sources.USSG_AGE, ENGINE_FIRST_DAY),
)
LONG_SENTENCE_SERVED_MONTHS = DatedRule(
    "long_sentence_served_months",
    "Years served for the unusually-long-sentence ground",
    _since(10 * 12, sources.USSG_LONG_SENTENCE, ENGINE_FIRST_DAY),
)

DATED_RULES: tuple[DatedRule[object], ...] = (
    LONG_SENTENCE,
    CONVICTION_CHALLENGES,
    MOTION_WAIT_DAYS,
    PERIOD_COUNTING,
    TERMINAL_PROCESSING_DAYS,
    FAMILY_NOTICE_DAYS,
    FAMILY_VISIT_DAYS,
    BP9_FILING_DAYS,
    BP10_FILING_DAYS,
    BP11_FILING_DAYS,
    BP9_RESPONSE_DAYS,
    BP10_RESPONSE_DAYS,
    BP11_RESPONSE_DAYS,
    TERMINAL_PROGNOSIS_MONTHS,
    NEW_LAW_ELDERLY,
    BOP_ELDERLY_AGE,
    BOP_ELDERLY_MEDICAL_SHARE,
    BOP_ELDERLY_OTHER_SERVED,
    COURT_ELDERLY_AGE,
    COURT_ELDERLY_SERVED,
    LONG_SENTENCE_SERVED_MONTHS,
)


def in_force(day: date) -> list[dict[str, str | None]]:
    """Every dated rule as it reads on `day`, for the assessment's record of the law applied."""
    found: list[dict[str, str | None]] = []
    for rule in DATED_RULES:
        version = rule.version_on(day)
        found.append(
            {
                "id": rule.id,
                "title": rule.title,
                "source": version.source,
                "since": version.since.isoformat() if version.since else None,
                "until": version.until.isoformat() if version.until else None,
            }
        )
    return found
