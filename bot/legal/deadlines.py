"""Dated deadlines: when the family may go to court, and what the BOP and the family must do by when.

All periods are calendar days, counted from the day after the starting event (a request received
on 3 March plus 30 days is 2 April).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from . import sources
from .case import Case
from .dates import add_days, federal_holiday, long_date
from .route import RouteResult

# 18 U.S.C. § 3582(c)(1)(A): "the lapse of 30 days from the receipt of such a request by the warden".
MOTION_WAIT_DAYS = 30
# 18 U.S.C. § 3582(d)(2)(A)(iv): process a terminally ill person's request within 14 days.
TERMINAL_PROCESSING_DAYS = 14
# 18 U.S.C. § 3582(d)(2)(A)(i): notify within 72 hours of the diagnosis (3 days on a calendar).
FAMILY_NOTICE_DAYS = 3
# 18 U.S.C. § 3582(d)(2)(A)(ii): a chance to visit within 7 days of the diagnosis.
FAMILY_VISIT_DAYS = 7
# 28 CFR 542.15(a): BP-10 within 20 days of the Warden's signed response; BP-11 within 30 days of
# the Regional Director's signed response.
BP10_FILING_DAYS = 20
BP11_FILING_DAYS = 30
# 28 CFR 542.18: Regional Director answers in 30 days (+30 once); General Counsel in 40 (+20 once).
BP10_RESPONSE_DAYS, BP10_EXTENSION_DAYS = 30, 30
BP11_RESPONSE_DAYS, BP11_EXTENSION_DAYS = 40, 20


@dataclass(frozen=True)
class Deadline:
    """A dated step, with its rule and what it means in plain words."""

    id: str
    day: date
    citation: str
    description: str
    extended_date: date | None = None
    notes: tuple[str, ...] = ()

    def to_dict(self, as_of: date) -> dict[str, Any]:
        """The JSON shape of the CLI contract, with the facts a family needs about the day."""
        result: dict[str, Any] = {
            "date": self.day.isoformat(),
            "citation": self.citation,
            "description": self.description,
            "weekday": f"{self.day:%A}",
            "federal_holiday": federal_holiday(self.day),
            "days_from_as_of": (self.day - as_of).days,
            "passed": self.day < as_of,
            "notes": list(self.notes),
        }
        if self.extended_date is not None:
            result["extended_date"] = self.extended_date.isoformat()
        return result


def compute_deadlines(case: Case, route: RouteResult) -> tuple[Deadline, ...]:
    """Every deadline the known dates allow, in the order they arise."""
    found: list[Deadline | None] = []
    if not route.own_motion.not_met:
        found.append(_court_motion_earliest(case))
        found.extend(_terminal_deadlines(case))
    if not route.bop_motion.not_met:
        found.extend(_appeal_deadlines(case))
    return tuple(deadline for deadline in found if deadline is not None)


def _court_motion_earliest(case: Case) -> Deadline | None:
    options: list[tuple[date, str]] = []
    if case.warden_request_received is not None:
        options.append(
            (
                add_days(case.warden_request_received, MOTION_WAIT_DAYS),
                "30 days after the warden received the request "
                f"({long_date(case.warden_request_received)})",
            )
        )
    if case.final_denial_on is not None:
        options.append(
            (
                case.final_denial_on,
                f"the BOP's final administrative denial ({long_date(case.final_denial_on)})",
            )
        )
    if not options:
        return None
    basis = " or ".join(text for _, text in options)
    if len(options) > 1:
        basis += ", whichever is earlier"
    notes: list[str] = []
    if (
        case.warden_denied_on is not None
        and case.warden_request_received is not None
        and case.warden_denied_on < add_days(case.warden_request_received, MOTION_WAIT_DAYS)
        and case.final_denial_on is None
    ):
        notes.append(
            "The warden answered within the 30 days. Most courts let the person file once the 30 "
            "days have passed without finishing the appeals, but courts differ: check the rule in "
            "the sentencing court's circuit, or appeal (BP-10) at the same time to be safe."
        )
    return Deadline(
        "court_motion_earliest",
        min(day for day, _ in options),
        sources.EXHAUSTION,
        f"The earliest day the person may file a motion in the sentencing court: {basis}.",
        notes=tuple(notes),
    )


def _terminal_deadlines(case: Case) -> list[Deadline]:
    found: list[Deadline] = []
    if case.terminal_illness and case.warden_request_received is not None:
        found.append(
            Deadline(
                "terminal_processing_due",
                add_days(case.warden_request_received, TERMINAL_PROCESSING_DAYS),
                sources.TERMINAL_PROCESSING,
                "The BOP must process a terminally ill person's request within 14 days of "
                "receiving it.",
            )
        )
    if case.terminal_diagnosis_on is not None:
        found.append(
            Deadline(
                "family_notice_due",
                add_days(case.terminal_diagnosis_on, FAMILY_NOTICE_DAYS),
                sources.TERMINAL_NOTICE,
                "Within 72 hours of a terminal diagnosis, the BOP must tell the person's attorney, "
                "partner and family, and tell them they may submit a request on the person's "
                "behalf.",
            )
        )
        found.append(
            Deadline(
                "family_visit_due",
                add_days(case.terminal_diagnosis_on, FAMILY_VISIT_DAYS),
                sources.TERMINAL_VISIT,
                "Within 7 days of a terminal diagnosis, the BOP must give the partner and family "
                "(including extended family) a chance to visit in person.",
            )
        )
    return found


def _appeal_deadlines(case: Case) -> list[Deadline]:
    found: list[Deadline] = []
    late_note = (
        "A late appeal may still be accepted for a valid reason (e.g. illness or a delay in "
        f"receiving the response) ({sources.LATE_FILING}).",
    )
    if case.warden_denied_on is not None:
        found.append(
            Deadline(
                "bp10_due",
                add_days(case.warden_denied_on, BP10_FILING_DAYS),
                sources.BP10_FILING,
                "Last day to appeal the warden's denial to the Regional Director (form BP-10): "
                "20 calendar days from the date the warden signed the response.",
                notes=late_note,
            )
        )
    if case.bp10_filed_on is not None:
        found.append(
            Deadline(
                "bp10_response_due",
                add_days(case.bp10_filed_on, BP10_RESPONSE_DAYS),
                sources.RESPONSE_TIMES,
                "The Regional Director should answer the BP-10 within 30 days of filing (once "
                "extended, 60). No answer by then may be taken as a denial.",
                extended_date=add_days(
                    case.bp10_filed_on, BP10_RESPONSE_DAYS + BP10_EXTENSION_DAYS
                ),
            )
        )
    if case.regional_denied_on is not None:
        found.append(
            Deadline(
                "bp11_due",
                add_days(case.regional_denied_on, BP11_FILING_DAYS),
                sources.BP11_FILING,
                "Last day to appeal the Regional Director's denial to the General Counsel (form "
                "BP-11): 30 calendar days from the date the Regional Director signed the response.",
                notes=late_note,
            )
        )
    if case.bp11_filed_on is not None:
        found.append(
            Deadline(
                "bp11_response_due",
                add_days(case.bp11_filed_on, BP11_RESPONSE_DAYS),
                sources.RESPONSE_TIMES,
                "The General Counsel should answer the BP-11 within 40 days of filing (once "
                "extended, 60). No answer by then may be taken as a denial; the General "
                "Counsel's answer is the final administrative decision.",
                extended_date=add_days(
                    case.bp11_filed_on, BP11_RESPONSE_DAYS + BP11_EXTENSION_DAYS
                ),
            )
        )
    return found
