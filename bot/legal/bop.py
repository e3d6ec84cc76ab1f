"""The BOP's criteria for a reduction in sentence: PS 5050.50 §§ 3-6.

These are what the Warden and the BOP apply to a request. They are narrower than the court's
grounds (see `court.py`).
"""

from __future__ import annotations

from . import law, sources
from .case import Case
from .logic import fact
from .route import RouteResult
from .rules import Condition, RuleResult, gated
from .thresholds import (
    DIMINISHED_SELF_CARE,
    age_at_least,
    served_at_least,
    served_greater_of_years_or_share,
    served_share,
)

_ELDERLY_60_CAVEAT = (
    "People who were 60 or older when sentenced are ordinarily not considered under the elderly "
    f"criteria if their conviction is in the BOP's Categorization of Offenses ({sources.BOP_ELDERLY_60_CAVEAT})."
)
_LIFE_SHARE_NOTE = (
    "The Program Statement does not say how a share of a life sentence is counted; "
    "a lawyer should advise on this point."
)


def bop_gate(route: RouteResult) -> Condition | None:
    """The condition that decides every BOP criterion while the BOP may be unable to move."""
    if route.bop_motion.met:
        return None
    return Condition(
        "the BOP can make a motion in this case (federal sentence, not a D.C. Code offense, and "
        f"not a pre-1987 non-parolable sentence: {sources.ROUTE_NONE})",
        route.bop_motion,
    )


def assess_bop(case: Case, route: RouteResult) -> tuple[RuleResult, ...]:
    """Every BOP criterion, in the order of the Program Statement."""
    gate = bop_gate(route)
    return (
        _terminal(case, gate),
        _debilitated(case, gate),
        _elderly_70_30(case, gate),
        _elderly_with_medical(case, gate),
        _elderly_other(case, gate),
        _caregiver_child(case, gate),
        _caregiver_spouse(case, gate),
    )


def _terminal(case: Case, gate: Condition | None) -> RuleResult:
    prognosis = case.life_expectancy_months
    limit = law.TERMINAL_PROGNOSIS_MONTHS.on(case.as_of)
    within = None if prognosis is None else prognosis <= limit
    notes = [
        f"Functional impairment is not required for a terminal condition ({sources.BOP_TERMINAL})."
    ]
    if within is True:
        notes.append("A life expectancy of 18 months or less also fits the prognosis § 3(a) names.")
    elif within is False:
        notes.append(
            "§ 3(a) names a life expectancy of 18 months or less, but a condition with an "
            "end-of-life trajectory qualifies without a specific prognosis (18 U.S.C. § 3582(d)(1))."
        )
    return RuleResult(
        "terminal_medical",
        "Terminal medical condition",
        sources.BOP_TERMINAL,
        "Diagnosed with a terminal, incurable disease with a life expectancy of 18 months or "
        "less, and/or a disease or condition with an end-of-life trajectory.",
        gated(
            gate,
            Condition(
                "has been diagnosed with a terminal illness (an incurable disease, or a condition "
                "with an end-of-life trajectory)",
                fact(case.terminal_illness, "terminal_illness"),
            ),
        ),
        tuple(notes),
        (("prognosis_within_18_months", within),),
    )


def _debilitated(case: Case, gate: Condition | None) -> RuleResult:
    return RuleResult(
        "debilitated_medical",
        "Debilitated medical condition",
        sources.BOP_DEBILITATED,
        "An incurable, progressive illness or a debilitating injury without recovery, and either "
        "completely disabled (no self-care, totally confined to a bed or chair) or capable of only "
        "limited self-care and confined to a bed or chair more than 50% of waking hours.",
        gated(
            gate,
            Condition(
                "has an incurable, progressive illness or a debilitating injury from which they "
                "will not recover",
                fact(case.debilitating_condition, "debilitating_condition"),
            ),
            Condition(
                "can carry on no self-care, or only limited self-care",
                fact(case.self_care, "self_care", DIMINISHED_SELF_CARE.__contains__),
            ),
            Condition(
                "is confined to a bed or chair more than 50% of waking hours",
                fact(case.bed_or_chair_over_half, "bed_or_chair_over_half"),
            ),
        ),
        (
            f"Cognitive deficits (for example dementia) are also considered ({sources.BOP_DEBILITATED}).",
            "The court's own medical ground is broader: it does not need an incurable or "
            f"progressive illness ({sources.USSG_SERIOUS_MEDICAL}).",
        ),
    )


def _elderly_70_30(case: Case, gate: Condition | None) -> RuleResult:
    new_law = fact(case.offense_date, "offense_date", lambda day: day >= sources.NEW_LAW_START)
    age, served = law.NEW_LAW_ELDERLY.on(case.as_of)
    return RuleResult(
        "elderly_70_30",
        '"New law" elderly',
        sources.BOP_ELDERLY_70_30,
        "Offense on or after November 1, 1987, age 70 or older, and 30 years or more of the "
        "term served.",
        gated(
            gate,
            Condition("the offense was committed on or after November 1, 1987", new_law),
            Condition(f"is {age} or older", age_at_least(case, age)),
            Condition(
                f"has served {served // 12} years ({served} months) or more",
                served_at_least(case, served),
            ),
        ),
        (
            _ELDERLY_60_CAVEAT,
            "A separate route, 18 U.S.C. § 3582(c)(1)(A)(ii), is for people 70 or older who have "
            "served 30 years of a 'three strikes' sentence under 18 U.S.C. § 3559(c): it needs a "
            "finding by the BOP's Director that the person is not a danger to others "
            f"({sources.ROUTE_3582_II}).",
        ),
    )


def _elderly_with_medical(case: Case, gate: Condition | None) -> RuleResult:
    notes = [_ELDERLY_60_CAVEAT]
    if case.life_sentence:
        notes.append(_LIFE_SHARE_NOTE)
    age = law.BOP_ELDERLY_AGE.on(case.as_of)
    return RuleResult(
        "elderly_with_medical",
        "Elderly with medical conditions",
        sources.BOP_ELDERLY_MEDICAL,
        "Age 65 or older; chronic or serious medical conditions related to aging; deteriorating "
        "health that substantially diminishes the ability to function in prison; conventional "
        "treatment promises no substantial improvement; at least 50% of the sentence served.",
        gated(
            gate,
            Condition(f"is {age} or older", age_at_least(case, age)),
            Condition(
                "has a chronic or serious medical condition related to aging",
                fact(case.age_related_condition, "age_related_condition"),
            ),
            Condition(
                "has deteriorating mental or physical health that substantially diminishes their "
                "ability to function in prison",
                fact(case.deteriorating_health, "deteriorating_health"),
            ),
            Condition(
                "conventional treatment promises no substantial improvement",
                fact(case.treatment_no_improvement, "treatment_no_improvement"),
            ),
            Condition(
                "has served at least 50% of the sentence",
                served_share(case, law.BOP_ELDERLY_MEDICAL_SHARE.on(case.as_of)),
            ),
        ),
        tuple(notes),
    )


def _elderly_other(case: Case, gate: Condition | None) -> RuleResult:
    notes = [_ELDERLY_60_CAVEAT]
    if case.life_sentence:
        notes.append(_LIFE_SHARE_NOTE)
    age = law.BOP_ELDERLY_AGE.on(case.as_of)
    return RuleResult(
        "elderly_other",
        "Other elderly",
        sources.BOP_ELDERLY_OTHER,
        "Age 65 or older and served the GREATER of 10 years or 75% of the term of imprisonment.",
        gated(
            gate,
            Condition(f"is {age} or older", age_at_least(case, age)),
            Condition(
                "has served the greater of 10 years or 75% of the sentence",
                served_greater_of_years_or_share(case),
            ),
        ),
        tuple(notes),
    )


def _caregiver_child(case: Case, gate: Condition | None) -> RuleResult:
    return RuleResult(
        "caregiver_child",
        "Death or incapacitation of the caregiver of the person's child",
        sources.BOP_CAREGIVER_CHILD,
        "The family member who cared for the person's biological or adopted child under 18 has "
        "died or is incapacitated, and the person is the only family member able to care for "
        "the child.",
        gated(
            gate,
            Condition(
                "the family member caring for their child under 18 has died or become "
                "incapacitated",
                fact(case.child_caregiver_lost, "child_caregiver_lost"),
            ),
            Condition(
                "the person would be the only family member able to care for the child",
                fact(case.only_caregiver_for_child, "only_caregiver_for_child"),
            ),
        ),
        (
            "The BOP also asks whether release is in the child's best interest "
            f"({sources.BOP_CAREGIVER_CHILD}).",
        ),
    )


def _caregiver_spouse(case: Case, gate: Condition | None) -> RuleResult:
    return RuleResult(
        "caregiver_spouse",
        "Incapacitation of a spouse or registered partner",
        sources.BOP_CAREGIVER_SPOUSE,
        "The spouse or registered partner is incapacitated (completely disabled, or a severe "
        "cognitive deficit) and the person would be their only available caregiver.",
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
        (
            "The marriage or partnership must be legally recognized and should date from before "
            f"the arrest ({sources.BOP_CAREGIVER_SPOUSE}).",
        ),
    )
