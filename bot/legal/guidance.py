"""What to gather and what to do next, in plain words, each with its source."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from . import sources
from .case import Case
from .dates import long_date
from .deadlines import Deadline
from .logic import Status
from .route import Route, RouteResult
from .rules import RuleResult

TERMINAL_RULES = frozenset({"terminal_medical", "terminal_illness"})

MEDICAL_RECORDS = (
    "All pertinent medical records, including a Comprehensive Medical Summary by the attending "
    "physician with an estimate of life expectancy, and relevant test results, consultations and "
    f"referral reports ({sources.MEDICAL_RECORDS})."
)
SENTENCE_RECORDS = (
    "A copy of the judgment and the BOP's sentence computation showing the time served "
    "(PS 5050.50 § 8(b))."
)
CHILD_DOCUMENTS = (
    "The death certificate of the child's caregiver, or verifiable medical documentation of their "
    "incapacitation (PS 5050.50 § 5(a)).",
    "Proof that the person is the child's parent (birth certificate, adoption papers or paternity "
    "verification) and documents giving the child's name and age (PS 5050.50 § 5(a)).",
    "A statement naming the caregiver and their relationship to the person, saying they were the "
    "only family member able to care for the child, with a release plan showing housing and the "
    "means to care for the child (PS 5050.50 § 5(a)).",
    "Written authorisation for the BOP to obtain information about the person, the family and the "
    "child (PS 5050.50 § 5(a)).",
)
SPOUSE_DOCUMENTS = (
    "Verifiable medical documentation of the spouse's or partner's incapacitation "
    "(PS 5050.50 § 6(a)).",
    "Proof of the marriage or registered partnership (e.g. a marriage certificate), dating from "
    "before the arrest (PS 5050.50 § 6).",
    "A statement that the person is the only family member able to care for the spouse or "
    "partner, a release plan with housing and financial means, and written authorisations for the "
    "BOP to obtain records (PS 5050.50 § 6(a)).",
    "Letters showing the spouse or partner supports the release and the person becoming the "
    "primary caregiver (PS 5050.50 § 6(b)).",
)
# What to gather for each criterion or ground, beyond the request and release plan every case needs.
RULE_DOCUMENTS: dict[str, tuple[str, ...]] = {
    "terminal_medical": (MEDICAL_RECORDS,),
    "debilitated_medical": (MEDICAL_RECORDS,),
    "elderly_70_30": (SENTENCE_RECORDS,),
    "elderly_with_medical": (MEDICAL_RECORDS, SENTENCE_RECORDS),
    "elderly_other": (SENTENCE_RECORDS,),
    "caregiver_child": CHILD_DOCUMENTS,
    "caregiver_spouse": SPOUSE_DOCUMENTS,
    "terminal_illness": (MEDICAL_RECORDS,),
    "serious_medical": (MEDICAL_RECORDS,),
    "age": (MEDICAL_RECORDS, SENTENCE_RECORDS),
    "family_child": CHILD_DOCUMENTS,
    "family_spouse": SPOUSE_DOCUMENTS,
    "family_parent": (
        "Medical documentation of the parent's incapacitation and letters showing that no one else "
        f"can care for them ({sources.USSG_FAMILY_PARENT}).",
    ),
    "abuse": (
        "Any conviction, civil finding or administrative finding about the abuse, and the related "
        f"records ({sources.USSG_ABUSE}).",
    ),
    "unusually_long_sentence": (
        SENTENCE_RECORDS,
        "The sentencing records, so that a lawyer can compare the sentence with the one likely "
        f"under today's law ({sources.USSG_LONG_SENTENCE}).",
    ),
}

DISCLAIMER = (
    "This is general information, not legal advice. It is not a lawyer's opinion or a court's "
    "decision, and it does not promise any outcome."
)


def may_fit(rule: RuleResult) -> bool:
    """Met, or still open with at least one of its conditions already satisfied."""
    if rule.status is Status.MET:
        return True
    return rule.status is Status.UNKNOWN and any(c.finding.met for c in rule.conditions)


def documents(route: RouteResult, rules: Iterable[RuleResult]) -> list[str]:
    """The papers to gather for the request and, later, the motion."""
    if route.bop_motion.not_met:
        return []
    found = [
        "A written request to the Warden stating the extraordinary or compelling circumstances, "
        f"listing every ground you may later raise in court ({sources.REQUEST_CONTENTS}(1); "
        f"{sources.PRACTICE_LIST_EVERY_GROUND}).",
        "A release plan: where the person will live, how they will support themselves, and, for "
        "a health-based request, where they will be treated and how it will be paid for "
        f"({sources.REQUEST_CONTENTS}(2)).",
        "A copy of the request and proof of the day the Warden received it: the 30-day wait runs "
        f"from that day ({sources.REQUEST_SUBMITTED}; {sources.EXHAUSTION}).",
    ]
    for rule in rules:
        if may_fit(rule):
            found.extend(RULE_DOCUMENTS[rule.id])
    if not route.own_motion.not_met:
        found.append(
            "For a motion in court: letters of support, medical documentation and evaluations "
            f"from medical experts are common attachments ({sources.PRACTICE_LIST_EVERY_GROUND}); "
            "records of rehabilitation (programmes, work, conduct) count together with other "
            f"reasons ({sources.USSG_REHABILITATION})."
        )
    return list(dict.fromkeys(found))


def next_steps(
    case: Case,
    route: RouteResult,
    rules: Iterable[RuleResult],
    deadlines: Mapping[str, Deadline],
) -> list[str]:
    """Plain-language next steps for this family, in the order they should take them."""
    if route.route is Route.STATE:
        return [
            "Federal compassionate release does not apply to a state sentence. Look at your "
            "state's own options, such as medical or geriatric parole and clemency; FAMM "
            f"publishes state-by-state compassionate-release resources ({sources.ROUTE_STATE}; "
            f"{sources.CLEARINGHOUSE}).",
            f"The Compassionate Release Clearinghouse only takes federal cases ({sources.CLEARINGHOUSE}).",
        ]
    if route.route is Route.DC_CODE:
        return [
            "A D.C. Code sentence follows D.C.'s own compassionate-release law: a motion goes to "
            f"D.C. Superior Court ({sources.ROUTE_DC}). Ask a lawyer who practises there about its "
            "current criteria.",
        ]
    if route.route is Route.NOT_ELIGIBLE:
        return [
            "The BOP cannot bring a compassionate-release motion for an offence before "
            f"1 November 1987 with a non-parolable sentence ({sources.ROUTE_NONE}). Ask a lawyer "
            "whether any other remedy exists.",
        ]
    steps: list[str] = []
    if route.route is Route.UNKNOWN:
        steps.append(
            "Check which court imposed the sentence (a U.S. District Court means federal) and "
            "when the offence was committed; the judgment in the criminal case shows both. The "
            f"route depends on them ({sources.ROUTE_3582}; {sources.ROUTE_NONE})."
        )
    if route.route is Route.OLD_LAW:
        steps.append(
            'For an "old law" parolable sentence, only the BOP can ask the court to reduce the '
            "minimum term so that the Parole Commission can hear the case: the request to the "
            f"Warden is the way in ({sources.ROUTE_4205G})."
        )
    fitting = {rule.id for rule in rules if may_fit(rule)}
    if case.warden_request_received is None:
        steps.append(
            "Write the request to the Warden. The person, a family member or an attorney may send "
            "it; list every ground that may apply and include the release plan "
            f"({sources.REQUEST_CONTENTS}; {sources.REQUEST_ON_BEHALF}; "
            f"{sources.PRACTICE_LIST_EVERY_GROUND})."
        )
        steps.append(
            "Keep a copy and write down the day the Warden receives it: the 30-day wait runs from "
            f"that day ({sources.REQUEST_SUBMITTED})."
        )
    if fitting & TERMINAL_RULES:
        steps.append(
            "For a terminal illness, ask BOP staff to help prepare the request: the law requires "
            "them to help when asked, and to process the request within 14 days "
            f"({sources.TERMINAL_ASSISTANCE}; {sources.TERMINAL_PROCESSING})."
        )
    steps.extend(_deadline_steps(case, deadlines))
    if not route.own_motion.not_met:
        steps.append(
            "The Compassionate Release Clearinghouse reviews federal cases and may match some with "
            "a trained volunteer lawyer; you can submit the case through its questionnaire "
            f"({sources.CLEARINGHOUSE})."
        )
    return steps


def _deadline_steps(case: Case, deadlines: Mapping[str, Deadline]) -> list[str]:
    steps: list[str] = []
    court = deadlines.get("court_motion_earliest")
    if court is not None:
        when = long_date(court.day)
        if court.day > case.as_of:
            steps.append(
                f"From {when} the person may file a motion in the sentencing court "
                f"({court.citation})."
            )
        else:
            steps.append(
                f"Since {when} the person may file a motion in the sentencing court "
                f"({court.citation})."
            )
    for key, answered, form, to in (
        ("bp10_due", case.regional_denied_on, "BP-10", "the Regional Director"),
        ("bp11_due", case.final_denial_on, "BP-11", "the General Counsel"),
    ):
        appeal = deadlines.get(key)
        if appeal is None or answered is not None:
            continue
        when = long_date(appeal.day)
        if appeal.day >= case.as_of:
            steps.append(
                f"To appeal the denial, file a {form} with {to} by {when} ({appeal.citation})."
            )
        else:
            steps.append(
                f"The time to file a {form} ended on {when}; a late appeal may still be accepted "
                f"for a valid reason ({sources.LATE_FILING})."
            )
    return steps


def caveats(route: RouteResult) -> list[str]:
    """What every family should know before relying on any of this."""
    found = [
        DISCLAIMER,
        "Meeting a criterion does not mean release: the BOP decides whether to bring a motion, "
        "and the judge decides the motion, also weighing the § 3553(a) factors and whether the "
        f"person would be a danger to others ({sources.USSG_DANGER}).",
        "Even a granted motion may lower the sentence without immediate release, and a lawyer "
        f"does not guarantee success ({sources.NO_GUARANTEE}).",
    ]
    if not route.own_motion.not_met:
        found.append(
            "Rehabilitation alone is not an extraordinary and compelling reason, but it can count "
            f"together with other reasons ({sources.USSG_REHABILITATION})."
        )
        found.append(
            "Courts differ on some questions about exhausting the BOP's process first; check the "
            f"rule in the sentencing court's circuit ({sources.EXHAUSTION})."
        )
    return found
