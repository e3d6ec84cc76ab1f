"""The grounds a court weighs on the person's own motion: USSG § 1B1.13(b), effective 1 Nov 2023.

They are broader than the BOP's criteria, and apply to motions under 18 U.S.C. § 3582(c)(1)(A)
that the person files after the 30-day wait.
"""

from __future__ import annotations

from . import sources
from .case import Case
from .logic import all_of, any_of, fact, unknown
from .route import RouteResult
from .rules import Condition, RuleResult, gated
from .thresholds import (
    DIMINISHED_SELF_CARE,
    ELDERLY_AGE,
    LONG_SENTENCE_SERVED_MONTHS,
    age_at_least,
    served_at_least,
    served_lesser_of_ten_years_or_75,
)


def court_gate(route: RouteResult) -> Condition | None:
    """The condition that decides every court ground while the person may be unable to file."""
    if route.own_motion.met:
        return None
    return Condition(
        "the person may file their own motion under 18 U.S.C. § 3582(c)(1)(A) (a federal "
        "offence committed on or after 1 November 1987)",
        route.own_motion,
    )


def assess_court(case: Case, route: RouteResult) -> tuple[RuleResult, ...]:
    """Every ground of USSG § 1B1.13(b) that the case facts can speak to."""
    gate = court_gate(route)
    return (
        _terminal_illness(case, gate),
        _serious_medical(case, gate),
        _age(case, gate),
        _family_child(case, gate),
        _family_spouse(case, gate),
        _family_parent(case, gate),
        _abuse(case, gate),
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


def _serious_medical(case: Case, gate: Condition | None) -> RuleResult:
    condition = any_of(
        fact(case.debilitating_condition, "debilitating_condition"),
        all_of(
            fact(case.age_related_condition, "age_related_condition"),
            fact(case.deteriorating_health, "deteriorating_health"),
            fact(case.treatment_no_improvement, "treatment_no_improvement"),
        ),
    )
    self_care = fact(case.self_care, "self_care", DIMINISHED_SELF_CARE.__contains__)
    return RuleResult(
        "serious_medical",
        "Serious medical condition",
        sources.USSG_SERIOUS_MEDICAL,
        "A serious physical or medical condition, a serious functional or cognitive impairment, "
        "or deteriorating health because of aging, that substantially diminishes the ability to "
        "provide self-care in prison and from which recovery is not expected.",
        gated(
            gate,
            Condition(
                "has a serious condition or impairment, or health deteriorating with age, from "
                "which recovery is not expected",
                condition,
            ),
            Condition("can no longer fully care for themselves in prison", self_care),
        ),
        (
            "A condition that needs long-term or specialised care the prison is not providing, "
            f"or a public-health emergency at the facility, may also count ({sources.USSG_OTHER_MEDICAL}).",
        ),
    )


def _age(case: Case, gate: Condition | None) -> RuleResult:
    return RuleResult(
        "age",
        "Age",
        sources.USSG_AGE,
        "Age 65 or older, a serious deterioration in physical or mental health because of aging, "
        "and served at least 10 years or 75% of the term, WHICHEVER IS LESS.",
        gated(
            gate,
            Condition(f"is {ELDERLY_AGE} or older", age_at_least(case, ELDERLY_AGE)),
            Condition(
                "is seriously deteriorating in physical or mental health because of aging",
                all_of(
                    fact(case.age_related_condition, "age_related_condition"),
                    fact(case.deteriorating_health, "deteriorating_health"),
                ),
            ),
            Condition(
                "has served 10 years or 75% of the sentence, whichever is less",
                served_lesser_of_ten_years_or_75(case),
            ),
        ),
        (
            "The court's rule is the opposite of the BOP's: 'whichever is less' here, 'the "
            f"greater of' in {sources.BOP_ELDERLY_OTHER}.",
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


def _abuse(case: Case, gate: Condition | None) -> RuleResult:
    return RuleResult(
        "abuse",
        "Abuse in custody",
        sources.USSG_ABUSE,
        "While serving this sentence, a victim of sexual abuse, or of physical abuse causing "
        "serious bodily injury, by a correctional officer, BOP employee or contractor, or another "
        "person with custody or control over them.",
        gated(
            gate,
            Condition(
                "was abused in custody by staff or someone with custody over them",
                fact(case.abused_in_custody, "abused_in_custody"),
            ),
        ),
        (
            "The abuse is ordinarily established by a conviction, a civil finding or an "
            f"administrative finding ({sources.USSG_ABUSE}).",
        ),
    )


def _unusually_long_sentence(case: Case, gate: Condition | None) -> RuleResult:
    return RuleResult(
        "unusually_long_sentence",
        "Unusually long sentence",
        sources.USSG_LONG_SENTENCE,
        "An unusually long sentence, at least 10 years served, and a change in the law that "
        "produces a gross disparity with the sentence likely to be imposed today.",
        gated(
            gate,
            Condition(
                "has served at least 10 years",
                served_at_least(case, LONG_SENTENCE_SERVED_MONTHS),
            ),
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
