"""What to gather and what to do next, in plain words, each with its source."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date

from . import law, sources
from .case import Case
from .dates import long_date
from .deadlines import Deadline
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
    f"({sources.SENTENCE_RECORDS})."
)
CHILD_DOCUMENTS = (
    "The death certificate of the child's caregiver, or verifiable medical documentation of their "
    f"incapacitation ({sources.BOP_CAREGIVER_CHILD}(a)).",
    "Proof that the person is the child's parent (birth certificate, adoption papers or paternity "
    f"verification) and documents giving the child's name and age ({sources.BOP_CAREGIVER_CHILD}(a)).",
    "A statement naming the caregiver and their relationship to the person, saying they were the "
    "only family member able to care for the child, with a release plan showing housing and the "
    f"means to care for the child ({sources.BOP_CAREGIVER_CHILD}(a)).",
    "Written authorization for the BOP to obtain information about the person, the family and the "
    f"child ({sources.BOP_CAREGIVER_CHILD}(a)).",
)
SPOUSE_DOCUMENTS = (
    "Verifiable medical documentation of the spouse's or partner's incapacitation "
    f"({sources.BOP_CAREGIVER_SPOUSE}(a)).",
    "Proof of the marriage or registered partnership (for example a marriage certificate), dating "
    f"from before the arrest ({sources.BOP_CAREGIVER_SPOUSE}).",
    "A statement that the person is the only family member able to care for the spouse or "
    "partner, a release plan with housing and financial means, and written authorizations for the "
    f"BOP to obtain records ({sources.BOP_CAREGIVER_SPOUSE}(a)).",
    "Letters showing the spouse or partner supports the release and the person becoming the "
    f"primary caregiver ({sources.BOP_CAREGIVER_SPOUSE}(b)).",
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
    "inadequate_care": (
        MEDICAL_RECORDS,
        "Records of the care asked for and not given: sick-call requests, medical appointments "
        f"missed or refused, and any grievances about the care ({sources.USSG_INADEQUATE_CARE}).",
    ),
    "outbreak": (
        MEDICAL_RECORDS,
        "What shows the outbreak or emergency at the prison (BOP or health-department notices, "
        f"news reports) and the person's own risk factors ({sources.USSG_OUTBREAK}).",
    ),
    "age": (MEDICAL_RECORDS, SENTENCE_RECORDS),
    "family_child": CHILD_DOCUMENTS,
    "family_spouse": SPOUSE_DOCUMENTS,
    "family_parent": (
        "Medical documentation of the parent's incapacitation and letters showing that no one else "
        f"can care for them ({sources.USSG_FAMILY_PARENT}).",
    ),
    "abuse": (
        "The conviction, civil finding or admission, or administrative finding about the abuse "
        "(or records showing the proceedings are unduly delayed, or that the person is in "
        f"imminent danger), and the related records ({sources.USSG_ABUSE}).",
    ),
    "other_reasons": (
        "Anything that shows how serious the circumstances are: medical, family or prison "
        f"records, and letters from people who know the person ({sources.USSG_OTHER}).",
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


def documents(route: RouteResult, rules: Iterable[RuleResult]) -> list[str]:
    """The papers to gather for the request and, later, the motion."""
    if route.bop_motion.not_met:
        return []
    found = [
        "A written request to the Warden stating the extraordinary or compelling circumstances, "
        "listing every reason and every diagnosis you may later raise in court: some courts "
        f"refuse a reason the Warden never saw ({sources.REQUEST_CONTENTS}(1); "
        f"{sources.ISSUE_EXHAUSTION}).",
        "A release plan: where the person will live, how they will support themselves, and, for "
        "a health-based request, where they will be treated and how it will be paid for "
        f"({sources.REQUEST_CONTENTS}(2)).",
        "A copy of the request and proof of the day the Warden received it: the 30-day wait is "
        f"counted from that day ({sources.REQUEST_SUBMITTED}; {sources.EXHAUSTION}).",
    ]
    for rule in rules:
        if rule.may_fit:
            found.extend(RULE_DOCUMENTS[rule.id])
    if not route.own_motion.not_met:
        found.append(
            "For a motion in court: letters of support, medical documentation and evaluations "
            "from medical experts are common attachments; records of rehabilitation (programs, "
            f"work, conduct) count together with other reasons ({sources.USSG_REHABILITATION})."
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
            f"D.C. Superior Court ({sources.ROUTE_DC}). Ask a lawyer who practices there about its "
            "current criteria.",
        ]
    if route.route is Route.NOT_ELIGIBLE:
        return [
            "The BOP cannot bring a compassionate-release motion for an offense before "
            f"November 1, 1987 with a non-parolable sentence ({sources.ROUTE_NONE}). Ask a lawyer "
            "whether any other remedy exists.",
        ]
    rules = tuple(rules)
    steps: list[str] = []
    if route.route is Route.UNKNOWN:
        steps.append(
            "Check which court imposed the sentence (a U.S. District Court means federal) and "
            "whether the offense happened on or after November 1, 1987 (an offense that went on "
            "past that day counts as after); the judgment in the criminal case shows both. The "
            f"route depends on them ({sources.ROUTE_3582}; {sources.ROUTE_NONE})."
        )
    if route.route is Route.OLD_LAW:
        steps.append(
            'For an "old law" parolable sentence, ask the Warden for a BOP motion under § 4205(g) '
            "to reduce the minimum term to the time already served, so that the Parole "
            "Commission can consider parole at once. Only the BOP can bring it "
            f"({sources.ROUTE_4205G})."
        )
    fitting = {rule.id for rule in rules if rule.may_fit}
    if case.warden_request_received is None:
        steps.append(
            "Write the request to the Warden. The person, a family member or an attorney may send "
            "it; list every reason and every diagnosis that may apply, and include the release "
            f"plan ({sources.REQUEST_CONTENTS}; {sources.REQUEST_ON_BEHALF}; "
            f"{sources.ISSUE_EXHAUSTION})."
        )
        steps.append(
            "Keep a copy and write down the day the Warden receives it: the 30-day wait is "
            f"counted from the day after ({sources.REQUEST_SUBMITTED}; {sources.RULE_45})."
        )
    else:
        steps.append(
            "If a new reason or diagnosis comes up later, send the Warden a new request that "
            "includes it: some courts only hear reasons the Warden saw "
            f"({sources.ISSUE_EXHAUSTION})."
        )
    if fitting & TERMINAL_RULES:
        steps.append(
            "For a terminal illness, ask BOP staff to help prepare the request: the law requires "
            "them to help when asked, and to process the request within 14 days "
            f"({sources.TERMINAL_ASSISTANCE}; {sources.TERMINAL_PROCESSING})."
        )
    if not route.own_motion.not_met and not fitting:
        steps.append(
            "None of the listed grounds fits what you told me so far. The court may also weigh "
            "other circumstances, alone or together, that are as serious as the listed ones: a "
            f"lawyer can judge whether yours could count ({sources.USSG_OTHER})."
        )
    steps.extend(_deadline_steps(case, deadlines))
    if not route.own_motion.not_met:
        steps.append(
            "The Compassionate Release Clearinghouse reviews federal cases and may match some with "
            "a trained volunteer lawyer; you can submit the case through its questionnaire "
            f"({sources.CLEARINGHOUSE})."
        )
    return steps


# The appeal forms in the order a denial is appealed, each with the facts that show it was filed
# (a later step cannot be known unless this one was taken).
_LATER_THAN_BP11 = ("bp11_filed_on", "final_denial_on")
_LATER_THAN_BP10 = ("bp10_filed_on", "regional_denied_on", *_LATER_THAN_BP11)
_LATER_THAN_BP9 = ("bp9_filed_on", "bp9_denied_on", *_LATER_THAN_BP10)
_APPEALS: tuple[tuple[str, tuple[str, ...], str, str], ...] = (
    ("bp9_due", _LATER_THAN_BP9, "BP-9", "the prison (addressed to the Warden)"),
    ("bp10_due", _LATER_THAN_BP10, "BP-10", "the Regional Director"),
    ("bp11_due", _LATER_THAN_BP11, "BP-11", "the General Counsel"),
)


def _deadline_steps(case: Case, deadlines: Mapping[str, Deadline]) -> list[str]:
    steps: list[str] = []
    court = deadlines.get("court_motion_earliest")
    if court is not None:
        when = long_date(court.day)
        if court.day > case.as_of:
            steps.append(
                f"The first safe day to file a motion in the sentencing court is {when}; filing "
                f"earlier can get it dismissed ({court.citation})."
            )
        else:
            steps.append(
                f"Since {when}, the person may file a motion in the sentencing court "
                f"({court.citation})."
            )
    for key, later, form, to in _APPEALS:
        appeal = deadlines.get(key)
        if appeal is None or any(getattr(case, fact) is not None for fact in later):
            continue
        when = long_date(appeal.day)
        letter = " (or by the deadline written on the denial letter)" if form == "BP-9" else ""
        if appeal.day >= case.as_of:
            steps.append(
                f"To appeal the denial, file a {form} with {to} by {when}{letter} "
                f"({appeal.citation})."
            )
        else:
            steps.append(
                f"The time to file a {form} ended on {when}; a late appeal may still be accepted "
                f"for a valid reason ({sources.LATE_FILING})."
            )
    return steps


def caveats(route: RouteResult, as_of: date) -> list[str]:
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
            "The court does not require that the reason could not have been foreseen when the "
            f"person was sentenced ({sources.USSG_FORESEEABILITY}); the BOP's own rule looks for "
            f"circumstances that could not reasonably have been foreseen ({sources.BOP_UNFORESEEN})."
        )
        found.append(_conviction_challenges(as_of))
        found.append(
            "Courts differ on some questions about exhausting the BOP's process first, such as "
            "whether every reason must have been raised with the Warden; check the rule in the "
            f"sentencing court's circuit ({sources.ISSUE_EXHAUSTION})."
        )
    return found


def _conviction_challenges(as_of: date) -> str:
    if law.CONVICTION_CHALLENGES.on(as_of) is law.ConvictionChallenges.NOT_A_REASON:
        return (
            "Arguments that the conviction or sentence was wrong (innocence, errors at trial) are "
            f"not reasons for compassionate release ({sources.FERNANDEZ}). They belong in a "
            f"motion under 28 U.S.C. § 2255, which has strict time limits: see a lawyer quickly "
            f"({sources.SECTION_2255})."
        )
    return (
        "Arguments that the conviction or sentence was wrong (innocence, errors at trial) usually "
        "belong in a motion under 28 U.S.C. § 2255, which has strict time limits, and courts "
        f"differ on whether they can support compassionate release: see a lawyer quickly "
        f"({sources.SECTION_2255})."
    )
