"""Dated deadlines: when the family may go to court, and what the BOP and the family must do by when.

The court date follows Fed. R. Crim. P. 45(a)(1): the 30 days start the day after the warden
receives the request, a weekend or holiday 30th day runs on to the next business day, and the
first safe filing day is the day after the 30 days have run. The BOP's own periods (28 CFR 542,
18 U.S.C. § 3582(d)) are calendar days from the day after the event.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from . import law, sources
from .case import Case
from .dates import add_days, court_open, federal_holiday, long_date, period_last_day
from .route import RouteResult

LATE_APPEAL_NOTE = (
    "A late appeal may still be accepted for a valid reason (for example illness, or a delay in "
    f"receiving the response) ({sources.LATE_FILING})."
)
FOLLOW_THE_LETTER_NOTE = (
    "Follow the form and the deadline written on the denial letter: denial letters usually say "
    f"to file a BP-9 at the prison within 20 days ({sources.BP9_FILING})."
)


@dataclass(frozen=True)
class Deadline:
    """A dated step, with its rule and what it means in plain words."""

    id: str
    day: date
    citation: str
    description: str
    extended_date: date | None = None
    notes: tuple[str, ...] = ()
    # For the court date: the last day of the 30-day wait (the day before `day`, or earlier
    # when a final denial came first).
    wait_ends: date | None = None

    @property
    def holiday(self) -> str | None:
        """The federal holiday the day falls on, if any."""
        return federal_holiday(self.day)

    def passed(self, as_of: date) -> bool:
        """Whether the day is before `as_of`."""
        return self.day < as_of

    def to_dict(self, as_of: date) -> dict[str, Any]:
        """The JSON shape of the CLI contract, with the facts a family needs about the day."""
        result: dict[str, Any] = {
            "date": self.day.isoformat(),
            "citation": self.citation,
            "description": self.description,
            "weekday": f"{self.day:%A}",
            "federal_holiday": self.holiday,
            "days_from_as_of": (self.day - as_of).days,
            "passed": self.passed(as_of),
            "notes": list(self.notes),
        }
        if self.extended_date is not None:
            result["extended_date"] = self.extended_date.isoformat()
        if self.wait_ends is not None:
            result["wait_ends"] = self.wait_ends.isoformat()
        return result


def compute_deadlines(case: Case, route: RouteResult) -> tuple[Deadline, ...]:
    """Every deadline the known dates allow, in the order they arise."""
    found: list[Deadline | None] = []
    if not route.own_motion.not_met:
        found.append(court_motion_earliest(case))
        found.extend(_terminal_deadlines(case))
    if not route.bop_motion.not_met:
        found.extend(_appeal_deadlines(case))
    return tuple(deadline for deadline in found if deadline is not None)


def wait_last_day(received: date, as_of: date) -> date:
    """The last day of the 30-day wait after the warden received the request (Rule 45(a)(1))."""
    return period_last_day(received, law.MOTION_WAIT_DAYS.on(as_of))


def court_motion_earliest(case: Case) -> Deadline | None:
    """The first safe day to file the person's own motion, if the known dates give one."""
    received, final = case.warden_request_received, case.final_denial_on
    after_wait = None if received is None else _after_the_wait(case, received)
    if final is not None and (after_wait is None or final < after_wait.day):
        return Deadline(
            "court_motion_earliest",
            final,
            f"{sources.EXHAUSTION}; {sources.FINAL_DENIAL}",
            "The earliest day the person may file a motion in the sentencing court: the BOP's "
            f"final administrative denial on {long_date(final)} ended its appeals.",
        )
    return after_wait


def _after_the_wait(case: Case, received: date) -> Deadline:
    wait_ends = wait_last_day(received, case.as_of)
    notes = [
        "A motion filed before this day can be dismissed if the government objects "
        f"({sources.EARLY_MOTION_DISMISSED}). Mailing it on this day is fine.",
    ]
    day_30 = add_days(received, law.MOTION_WAIT_DAYS.on(case.as_of))
    if not court_open(day_30):
        closed = federal_holiday(day_30) or f"a {day_30:%A}"
        notes.append(
            f"Day 30 ({long_date(day_30)}) is {closed}, so the wait runs to the end of the next "
            f"day that is not a weekend or holiday ({sources.RULE_45})."
        )
    notes.append(
        "A holiday of the state where the court sits can move the day again: the court's clerk "
        f"can confirm it ({sources.RULE_45})."
    )
    if case.warden_denied_on is not None and case.warden_denied_on <= wait_ends:
        notes.append(
            "The warden answered within the 30 days. In most courts the person may still file "
            "once the 30 days have passed, without finishing the BOP's appeals "
            f"({sources.NO_NEED_TO_FINISH_APPEALS}; other circuits: check). To be safe, the BOP "
            "appeal can be filed at the same time."
        )
    return Deadline(
        "court_motion_earliest",
        add_days(wait_ends, 1),
        sources.EXHAUSTION,
        "The first safe day to file a motion in the sentencing court: the day after the 30-day "
        f"wait ends on {long_date(wait_ends)}. The 30 days count from the day after the warden "
        f"received the request ({long_date(received)}).",
        notes=tuple(notes),
        wait_ends=wait_ends,
    )


def _terminal_deadlines(case: Case) -> list[Deadline]:
    found: list[Deadline] = []
    as_of = case.as_of
    if case.terminal_illness and case.warden_request_received is not None:
        found.append(
            Deadline(
                "terminal_processing_due",
                add_days(case.warden_request_received, law.TERMINAL_PROCESSING_DAYS.on(as_of)),
                sources.TERMINAL_PROCESSING,
                "The BOP must process a terminally ill person's request within 14 days of "
                "receiving it.",
                notes=(
                    "This duty applies once the BOP itself has diagnosed the terminal illness (the "
                    "prison's Clinical Director), not on an outside doctor's diagnosis alone "
                    f"({sources.BOP_TERMINAL}).",
                ),
            )
        )
    if case.terminal_diagnosis_on is not None:
        from_diagnosis = (
            "These duties run from the BOP's own terminal diagnosis (by the prison's Clinical "
            f"Director), not from an outside doctor's ({sources.BOP_TERMINAL})."
        )
        found.append(
            Deadline(
                "family_notice_due",
                add_days(case.terminal_diagnosis_on, law.FAMILY_NOTICE_DAYS.on(as_of)),
                sources.TERMINAL_NOTICE,
                "Within 72 hours of the BOP's terminal diagnosis, the BOP must tell the person's "
                "attorney, partner and family, and tell them they may submit a request on the "
                "person's behalf.",
                notes=(from_diagnosis,),
            )
        )
        found.append(
            Deadline(
                "family_visit_due",
                add_days(case.terminal_diagnosis_on, law.FAMILY_VISIT_DAYS.on(as_of)),
                sources.TERMINAL_VISIT,
                "Within 7 days of the BOP's terminal diagnosis, the BOP must give the partner and "
                "family (including extended family) a chance to visit in person. The law has no "
                "security exception; the BOP must report any visit it denied.",
                notes=(from_diagnosis,),
            )
        )
    return found


def _answer_due(
    id: str, filed: date, rule: law.DatedRule[tuple[int, int]], as_of: date, who: str
) -> Deadline:
    days, extension = rule.on(as_of)
    return Deadline(
        id,
        add_days(filed, days),
        sources.RESPONSE_TIMES,
        f"{who} should answer within {days} days of filing (once extended, {days + extension}). "
        "No answer by then may be taken as a denial at that level.",
        extended_date=add_days(filed, days + extension),
    )


def _appeal_deadlines(case: Case) -> list[Deadline]:
    found: list[Deadline] = []
    as_of = case.as_of
    if case.warden_denied_on is not None:
        found.append(
            Deadline(
                "bp9_due",
                add_days(case.warden_denied_on, law.BP9_FILING_DAYS.on(as_of)),
                sources.BP9_FILING,
                "Last day to appeal the warden's denial with a BP-9 (Request for Administrative "
                "Remedy) at the prison: 20 calendar days from the denial.",
                notes=(FOLLOW_THE_LETTER_NOTE, LATE_APPEAL_NOTE),
            )
        )
    if case.bp9_filed_on is not None:
        found.append(
            _answer_due(
                "bp9_response_due", case.bp9_filed_on, law.BP9_RESPONSE_DAYS, as_of, "The warden"
            )
        )
    if case.bp9_denied_on is not None:
        found.append(
            Deadline(
                "bp10_due",
                add_days(case.bp9_denied_on, law.BP10_FILING_DAYS.on(as_of)),
                sources.BP10_FILING,
                "Last day to appeal to the Regional Director (form BP-10): 20 calendar days from "
                "the date the warden signed the answer to the BP-9.",
                notes=(LATE_APPEAL_NOTE,),
            )
        )
    if case.bp10_filed_on is not None:
        found.append(
            _answer_due(
                "bp10_response_due",
                case.bp10_filed_on,
                law.BP10_RESPONSE_DAYS,
                as_of,
                "The Regional Director",
            )
        )
    if case.regional_denied_on is not None:
        found.append(
            Deadline(
                "bp11_due",
                add_days(case.regional_denied_on, law.BP11_FILING_DAYS.on(as_of)),
                sources.BP11_FILING,
                "Last day to appeal the Regional Director's denial to the General Counsel (form "
                "BP-11): 30 calendar days from the date the Regional Director signed the answer.",
                notes=(LATE_APPEAL_NOTE,),
            )
        )
    if case.bp11_filed_on is not None:
        deadline = _answer_due(
            "bp11_response_due",
            case.bp11_filed_on,
            law.BP11_RESPONSE_DAYS,
            as_of,
            "The General Counsel",
        )
        found.append(
            Deadline(
                deadline.id,
                deadline.day,
                deadline.citation,
                f"{deadline.description} The General Counsel's answer is the final "
                "administrative decision.",
                extended_date=deadline.extended_date,
            )
        )
    return found
