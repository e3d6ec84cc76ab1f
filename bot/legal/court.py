"""The grounds a court weighs on the person's own motion: USSG § 1B1.13(b), in the court's words.

They are broader than the BOP's criteria (PS 5050.50), and apply to motions under 18 U.S.C.
§ 3582(c)(1)(A) that the person files after the 30-day wait. What must stay true: no court ground
uses a test that only the BOP's Program Statement has (an "incurable, progressive" illness, a
"chronic" condition, the ability to "function in a correctional facility").
"""

from __future__ import annotations

from . import law, sources
from .case import AbuseFinding, Case
from .logic import MET, NOT_MET, Finding, any_of, fact, follow_up, unknown
from .route import RouteResult
from .rules import Condition, RuleResult, gated
from .thresholds import (
    DIMINISHED_SELF_CARE,
    age_at_least,
    served_at_least,
    served_lesser_of_years_or_share,
)

# USSG § 1B1.13(b)(4): how the abuse is established, or why it need not be yet.
ESTABLISHED = frozenset(
    {AbuseFinding.CONVICTION, AbuseFinding.CIVIL_FINDING, AbuseFinding.ADMINISTRATIVE_FINDING}
)
EXCUSED = frozenset({AbuseFinding.PROCEEDINGS_DELAYED, AbuseFinding.IMMINENT_DANGER})


def court_gate(route: RouteResult) -> Condition | None:
    """The condition that decides every court ground while the person may be unable to file."""
    if route.own_motion.met:
        return None
    return Condition(
        "the person may file their own motion under 18 U.S.C. § 3582(c)(1)(A) (a federal "
        "offense committed on or after November 1, 1987)",
        route.own_motion,
    )


def assess_court(case: Case, route: RouteResult) -> tuple[RuleResult, ...]:
    """Every ground of USSG § 1B1.13(b), in the order of the policy statement."""
    gate = court_gate(route)
    return (
        _terminal_illness(case, gate),
        _serious_medical(case, gate),
        _inadequate_care(case, gate),
        _outbreak(case, gate),
        _age(case, gate),
        _family_child(case, gate),
        _family_spouse(case, gate),
        _family_parent(case, gate),
        _abuse(case, gate),
        _other_reasons(gate),
        _unusually_long_sentence(case, gate),
    )


def _terminal_illness(case: Case, gate: Condition | None) -> RuleResult:
    return RuleResult(
        "terminal_illness",
        "Terminal illness",
        sources.USSG_TERMINAL,
        "A terminal illness: a serious and advanced illness with an end-of-life trajectory. "
        "A specific prognosis of life expectancy is not required.",
        gated(
            gate,
            Condition(
                "has a serious and advanced illness with an end-of-life trajectory",
                fact(case.terminal_illness, "terminal_illness"),
            ),
        ),
    )


def aging_deterioration(case: Case) -> Finding:
    """Physical or mental health seriously deteriorating because of aging.

    A "yes" to the BOP's deteriorating-health question (health getting worse with age, so that
    it is hard to function in prison) says at least as much, so either answer is enough.
    """
    return any_of(
        fact(case.deteriorating_health, "deteriorating_health"),
        fact(case.aging_deterioration, "aging_deterioration"),
    )


def _serious_medical(case: Case, gate: Condition | None) -> RuleResult:
    condition = any_of(
        fact(case.debilitating_condition, "debilitating_condition"),
        fact(case.serious_condition, "serious_condition"),
        aging_deterioration(case),
    )
    self_care = fact(case.self_care, "self_care", DIMINISHED_SELF_CARE.__contains__)
    # An illness or injury "from which they will not recover", or treatment that promises no
    # substantial improvement, already says that recovery is not expected.
    no_recovery = any_of(
        fact(case.debilitating_condition, "debilitating_condition"),
        fact(case.treatment_no_improvement, "treatment_no_improvement"),
        fact(case.recovery_not_expected, "recovery_not_expected"),
    )
    return RuleResult(
        "serious_medical",
        "Serious medical condition",
        sources.USSG_SERIOUS_MEDICAL,
        "A serious physical or medical condition, a serious functional or cognitive impairment, "
        "or deteriorating physical or mental health because of aging, that substantially "
        "diminishes the ability to provide self-care in prison and from which recovery is not "
        "expected.",
        gated(
            gate,
            Condition(
                "has a serious physical or medical condition, a serious functional or cognitive "
                "impairment, or health deteriorating because of aging",
                condition,
            ),
            Condition("can no longer fully care for themselves in prison", self_care),
            # Whether they will recover is asked only once there is something to recover from.
            Condition(
                "is not expected to recover from it", no_recovery if condition.met else unknown()
            ),
        ),
        (
            "The court's ground does not require an incurable or progressive illness; that test "
            f"is only in the BOP's own criterion ({sources.BOP_DEBILITATED}).",
        ),
    )


def _inadequate_care(case: Case, gate: Condition | None) -> RuleResult:
    return RuleResult(
        "inadequate_care",
        "Medical care not being provided",
        sources.USSG_INADEQUATE_CARE,
        "A medical condition that needs long-term or specialized medical care that is not being "
        "provided, and without which the person is at risk of serious deterioration in health "
        "or death.",
        gated(
            gate,
            Condition(
                "needs long-term or specialized medical care that is not being provided, and is "
                "at risk of serious deterioration or death without it",
                fact(case.care_not_provided, "care_not_provided"),
            ),
        ),
        (
            "Medical records, requests for care (sick-call slips) and any grievances about the "
            "care help show this.",
        ),
    )


def _outbreak(case: Case, gate: Condition | None) -> RuleResult:
    return RuleResult(
        "outbreak",
        "Outbreak or public-health emergency at the prison",
        sources.USSG_OUTBREAK,
        "The prison is affected, or at imminent risk of being affected, by an ongoing outbreak "
        "of infectious disease or a declared public-health emergency; because of personal health "
        "risk factors the person is at increased risk of severe complications or death from it; "
        "and the risk cannot be adequately reduced in time.",
        gated(
            gate,
            Condition(
                "the prison has, or is about to have, an ongoing outbreak or a declared "
                "public-health emergency",
                fact(case.outbreak_at_facility, "outbreak_at_facility"),
            ),
            Condition(
                "their own health puts them at increased risk of severe complications or death",
                follow_up(
                    case.outbreak_at_facility,
                    fact(case.outbreak_risk_factors, "outbreak_risk_factors"),
                ),
            ),
            Condition(
                "the risk cannot be adequately reduced in time (for example by vaccination or "
                "treatment): a lawyer or the court judges this",
                unknown(),
            ),
        ),
    )


def _age(case: Case, gate: Condition | None) -> RuleResult:
    age = law.COURT_ELDERLY_AGE.on(case.as_of)
    return RuleResult(
        "age",
        "Age",
        sources.USSG_AGE,
        "Age 65 or older, a serious deterioration in physical or mental health because of aging, "
        "and served at least 10 years or 75% of the term, WHICHEVER IS LESS.",
        gated(
            gate,
            Condition(f"is {age} or older", age_at_least(case, age)),
            Condition(
                "is seriously deteriorating in physical or mental health because of aging",
                aging_deterioration(case),
            ),
            Condition(
                "has served 10 years or 75% of the sentence, whichever is less",
                served_lesser_of_years_or_share(case),
            ),
        ),
        (
            "The court's rule is the opposite of the BOP's: 'whichever is less' here, 'the "
            f"greater of' in {sources.BOP_ELDERLY_OTHER}. It does not need the BOP's separate "
            f"chronic-condition or function-in-prison tests ({sources.BOP_ELDERLY_MEDICAL}).",
        ),
    )


def _family_child(case: Case, gate: Condition | None) -> RuleResult:
    return RuleResult(
        "family_child",
        "Family: caregiver of the person's child",
        sources.USSG_FAMILY_CHILD,
        "The death or incapacitation of the caregiver of the person's minor child, or of an adult "
        "child who cannot care for themselves because of a disability or medical condition.",
        gated(
            gate,
            Condition(
                "the caregiver of their minor child (or of an adult child who cannot care for "
                "themselves) has died or become incapacitated",
                fact(case.child_caregiver_lost, "child_caregiver_lost"),
            ),
        ),
        ("Courts usually ask whether anyone else could care for the child.",),
    )


def _family_spouse(case: Case, gate: Condition | None) -> RuleResult:
    return RuleResult(
        "family_spouse",
        "Family: spouse or registered partner",
        sources.USSG_FAMILY_SPOUSE,
        "The incapacitation of the person's spouse or registered partner when the person would "
        "be the only available caregiver.",
        gated(
            gate,
            Condition(
                "their spouse or registered partner is incapacitated",
                fact(case.spouse_incapacitated, "spouse_incapacitated"),
            ),
            Condition(
                "the person would be the only available caregiver",
                fact(case.only_caregiver_for_spouse, "only_caregiver_for_spouse"),
            ),
        ),
    )


def _family_parent(case: Case, gate: Condition | None) -> RuleResult:
    return RuleResult(
        "family_parent",
        "Family: parent",
        sources.USSG_FAMILY_PARENT,
        "The incapacitation of the person's parent when the person would be the only available "
        "caregiver.",
        gated(
            gate,
            Condition(
                "their parent is incapacitated",
                fact(case.parent_incapacitated, "parent_incapacitated"),
            ),
            Condition(
                "the person would be the only available caregiver",
                fact(case.only_caregiver_for_parent, "only_caregiver_for_parent"),
            ),
        ),
        (
            "The same can apply to another immediate family member or someone in a similar "
            f"relationship ({sources.USSG_FAMILY_OTHER}).",
        ),
    )


def abuse_established(case: Case) -> Finding:
    """Whether the abuse is established as (b)(4) requires, or need not be yet."""
    finding = case.abuse_established_by
    if finding is None:
        return unknown("abuse_established_by")
    if finding in ESTABLISHED or finding in EXCUSED:
        return MET
    # Not established yet: a finding may still come, and whether the proceedings are unduly
    # delayed is for a lawyer to judge, so the ground stays open with nothing left to ask.
    return unknown()


def _abuse(case: Case, gate: Condition | None) -> RuleResult:
    notes = [
        "A family's account alone is not enough: the abuse must be established by a conviction, "
        "a finding or admission of liability in a civil case, or a finding in an administrative "
        "proceeding, unless those proceedings are unduly delayed or the person is in imminent "
        f"danger ({sources.USSG_ABUSE}).",
    ]
    if case.abuse_established_by is AbuseFinding.NOT_ESTABLISHED:
        notes.append(
            "Nothing has established the abuse yet. A report to the prison or the Inspector "
            "General starts a proceeding; a lawyer can say whether a long delay already counts."
        )
    return RuleResult(
        "abuse",
        "Abuse in custody",
        sources.USSG_ABUSE,
        "While serving this sentence, a victim of a sexual act, or of physical abuse causing "
        "serious bodily injury, by a correctional officer, a BOP employee or contractor, or "
        "another person with custody or control over them, established by a conviction, a civil "
        "finding or admission, or an administrative finding (unless those proceedings are unduly "
        "delayed or the person is in imminent danger).",
        gated(
            gate,
            Condition(
                "was sexually abused, or physically abused with serious bodily injury, by prison "
                "staff or someone else with custody over them, during this sentence",
                fact(case.abused_in_custody, "abused_in_custody"),
            ),
            Condition(
                "the abuse is established by a conviction, a civil finding or admission, or an "
                "administrative finding (or those proceedings are unduly delayed, or the person "
                "is in imminent danger)",
                follow_up(case.abused_in_custody, abuse_established(case)),
            ),
        ),
        tuple(notes),
    )


def _other_reasons(gate: Condition | None) -> RuleResult:
    return RuleResult(
        "other_reasons",
        "Other reasons of similar gravity",
        sources.USSG_OTHER,
        "Any other circumstance, or combination of circumstances, that alone or together with "
        "the grounds above is similar in gravity to them.",
        gated(
            gate,
            Condition(
                "something else, or several things together, as serious as the grounds above: a "
                "lawyer or the court judges this",
                unknown(),
            ),
        ),
        (
            "When none of the listed grounds fits, this catch-all still exists; a lawyer can say "
            "whether the person's circumstances could meet it.",
        ),
    )


def _unusually_long_sentence(case: Case, gate: Condition | None) -> RuleResult:
    reading = law.LONG_SENTENCE.on(case.as_of)
    served = Condition(
        "has served at least 10 years",
        served_at_least(case, law.LONG_SENTENCE_SERVED_MONTHS.on(case.as_of)),
    )
    if reading is law.LongSentenceReading.NON_RETROACTIVE_CHANGE_EXCLUDED:
        return RuleResult(
            "unusually_long_sentence",
            "Unusually long sentence",
            f"{sources.USSG_LONG_SENTENCE}; {sources.RUTHERFORD}",
            "Since Rutherford v. United States (U.S. May 28, 2026), the gap between a sentence "
            "and the one likely today, created by a change in the law that Congress did not make "
            "retroactive, cannot be an extraordinary and compelling reason.",
            gated(
                gate,
                served,
                Condition(
                    "a change in the law that Congress did not make retroactive (for example the "
                    "end of 'stacked' § 924(c) sentences) cannot count since Rutherford v. "
                    "United States (2026)",
                    NOT_MET,
                ),
            ),
            (
                "Rutherford v. United States (U.S. May 28, 2026) decided that a non-retroactive "
                "change in the law cannot make a sentence 'unusually long'. Whether another kind "
                "of change in the law, such as a guideline amendment or new case law, can still "
                "count is unsettled: ask a lawyer.",
                "Health, age, family and abuse grounds are not affected by this decision.",
            ),
        )
    return RuleResult(
        "unusually_long_sentence",
        "Unusually long sentence",
        sources.USSG_LONG_SENTENCE,
        "An unusually long sentence, at least 10 years served, and a change in the law that "
        "produces a gross disparity with the sentence likely to be imposed today.",
        gated(
            gate,
            served,
            Condition(
                "a change in the law makes the sentence grossly longer than one likely today "
                "(only a lawyer can compare the sentences)",
                unknown(),
            ),
        ),
        (
            "Whether the Sentencing Commission could adopt this ground has been contested in the "
            "courts of appeals; check the current law in the sentencing court's circuit.",
        ),
    )
