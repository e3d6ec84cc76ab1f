"""Every screening question, once: the one place to add, remove or reorder a question.

One `Question` per slot of eligibility_form, in the order the form asks them, plus the facts the
form keeps around them (the state, the prison, the relationship), which it never asks. The form's
slots (`FORM_SLOTS`), the answer kinds (`KINDS`), the why-text responses (`WHY_RESPONSES`), the
open questions of an assessment (`OPEN_QUESTIONS`) and the summary's order are derived from
`REGISTRY`. tests/screening/test_registry.py checks domain.yml and the engine's input keys
(bot.legal.case.Case) against it.

Adding a question: a record here, its slot, `utter_ask_<slot>` and `utter_why_<slot>` in
domain.yml (and in the form's `required_slots`), and a reader in `answers` if its kind is new.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

# The kind of answer a question expects; it picks the reader (bot.screening.reading) and the
# "I didn't get that" hint (actions.screening.INVALID_RESPONSES).
Kind = Literal[
    "yes_no",
    "terminal",
    "jurisdiction",
    "offense_era",
    "age",
    "sentence",
    "served",
    "life_expectancy",
    "date",
    "self_care",
    "family_situation",
    "abuse_established",
    "warden_date",
    "confirm",
]

# When the form asks a question (bot.screening.questions): "needed" when the engine still needs
# its `engine_key`; "always"; "terminal" after a terminal-illness "yes"; "request_sent" once the
# warden's receipt date is known; "family" when a caregiver question is still needed.
AskedWhen = Literal["needed", "always", "terminal", "request_sent", "family"]
# The family circumstance a caregiver question is about (the `family_situation` answer).
FamilyCategory = Literal["children", "spouse", "parent"]


@dataclass(frozen=True)
class Question:
    """One screening question, or (`kind` None) a fact the form keeps but never asks.

    `engine_key` is the engine's input key the answer fills (bot.legal.case.Case), None when the
    answer fills several or none. `label` starts the answer's line in the summary the family
    confirms; None leaves the fact out of it. `open_question` is the question as an assessment
    lists it among the facts still worth finding out. `asked_when` says when the form asks it;
    a caregiver question is asked only for the `family` circumstance the family named, and an
    `aging` question only from the age where it can matter.
    """

    slot: str
    kind: Kind | None
    engine_key: str | None
    label: str | None = None
    open_question: str | None = None
    asked_when: AskedWhen = "needed"
    family: FamilyCategory | None = None
    aging: bool = False

    @property
    def asked(self) -> bool:
        """Whether the form asks this question (and so has a slot in `required_slots`)."""
        return self.kind is not None

    @property
    def ask_response(self) -> str:
        """The response that asks the question."""
        return f"utter_ask_{self.slot}"

    @property
    def why_response(self) -> str:
        """The response that says why the question matters."""
        return f"utter_why_{self.slot}"


def _yes_no(
    slot: str,
    label: str,
    open_question: str,
    family: FamilyCategory | None = None,
    aging: bool = False,
) -> Question:
    return Question(slot, "yes_no", slot, label, open_question, family=family, aging=aging)


REGISTRY: tuple[Question, ...] = (
    Question(
        "jurisdiction",
        "jurisdiction",
        "jurisdiction",
        "Sentenced by",
        "Which court sentenced your loved one: a federal court, a state court or "
        "D.C. Superior Court?",
        asked_when="always",
    ),
    Question("state", None, "state"),
    Question("facility", None, None, "Prison"),
    Question("relationship", None, None),
    Question(
        "offense_era",
        "offense_era",
        "offense_date",
        "When the offense happened",
        "Did the offense happen on or after November 1, 1987 (or go on past that day)?",
    ),
    _yes_no(
        "parolable_sentence",
        "A sentence that allows parole",
        "Is the sentence one that allows parole?",
    ),
    Question("age", "age", "age", "Age", "How old is your loved one?"),
    Question(
        "sentence_months", "sentence", "sentence_months", "Sentence", "How long is the sentence?"
    ),
    Question(
        "served_months",
        "served",
        "served_months",
        "Time served so far",
        "How much of the sentence has been served?",
    ),
    Question(
        "terminal_illness",
        "terminal",
        "terminal_illness",
        "Diagnosed with a terminal illness",
        "Has a doctor diagnosed a terminal illness?",
    ),
    Question(
        "life_expectancy_months",
        "life_expectancy",
        "life_expectancy_months",
        "Life expectancy the doctors gave",
        asked_when="terminal",
    ),
    Question(
        "terminal_diagnosis_on",
        "date",
        "terminal_diagnosis_on",
        "Day of the terminal diagnosis",
        asked_when="terminal",
    ),
    _yes_no(
        "debilitating_condition",
        "An illness that cannot be cured and is getting worse, or an injury they will not "
        "recover from",
        "Is there an illness that cannot be cured and keeps getting worse, or an injury they "
        "will not recover from?",
    ),
    _yes_no(
        "serious_condition",
        "A serious health problem, or serious trouble with memory, thinking or moving around",
        "Do they have a serious medical condition, or a serious physical or mental impairment "
        "such as dementia?",
    ),
    _yes_no(
        "recovery_not_expected",
        "The doctors do not expect them to recover",
        "Do the doctors expect them to recover?",
    ),
    Question(
        "self_care",
        "self_care",
        "self_care",
        "Able to take care of themselves",
        "How much can they take care of themselves?",
    ),
    _yes_no(
        "bed_or_chair_over_half",
        "In a bed or chair more than half of the waking day",
        "Are they in a bed or chair more than half of the waking day?",
    ),
    _yes_no(
        "age_related_condition",
        "A chronic or serious illness that comes with age",
        "Do they have a chronic or serious illness that comes with age?",
        aging=True,
    ),
    _yes_no(
        "deteriorating_health",
        "Health getting worse, making it hard to function in prison",
        "Is their health getting worse, so that it is hard to function in prison?",
        aging=True,
    ),
    _yes_no(
        "aging_deterioration",
        "Body or mind getting seriously weaker because of age",
        "Is their physical or mental health getting seriously worse as they age?",
        aging=True,
    ),
    _yes_no(
        "treatment_no_improvement",
        "Treatment is not expected to help much",
        "Have the doctors said treatment will not help much?",
        aging=True,
    ),
    _yes_no(
        "care_not_provided",
        "Needs medical care the prison is not giving",
        "Do they need long-term or specialized medical care that the prison is not giving them?",
    ),
    _yes_no(
        "outbreak_at_facility",
        "An outbreak or public health emergency at the prison",
        "Is there an outbreak of a disease (such as COVID) or a declared health emergency at "
        "the prison?",
    ),
    _yes_no(
        "outbreak_risk_factors",
        "Their health puts them at higher risk from it",
        "Does their own health put them at high risk from it?",
    ),
    Question(
        "family_situation",
        "family_situation",
        None,
        "Family who may need them as a caregiver",
        asked_when="family",
    ),
    _yes_no(
        "child_caregiver_lost",
        "The person caring for their child died or can no longer do it",
        "Has the person caring for their child died or become unable to do it?",
        family="children",
    ),
    _yes_no(
        "only_caregiver_for_child",
        "They would be the only family member able to care for the child",
        "Would they be the only family member able to care for the child?",
        family="children",
    ),
    _yes_no(
        "spouse_incapacitated",
        "Their spouse or partner is incapacitated",
        "Is their spouse or registered partner incapacitated?",
        family="spouse",
    ),
    _yes_no(
        "only_caregiver_for_spouse",
        "They would be the only one able to care for the spouse or partner",
        "Would they be the only one able to care for the spouse or partner?",
        family="spouse",
    ),
    _yes_no(
        "parent_incapacitated",
        "Their parent is incapacitated",
        "Is their parent incapacitated?",
        family="parent",
    ),
    _yes_no(
        "only_caregiver_for_parent",
        "They would be the only one able to care for the parent",
        "Would they be the only one able to care for the parent?",
        family="parent",
    ),
    _yes_no(
        "abused_in_custody",
        "Abused in custody by staff",
        "Were they abused by prison staff during this sentence?",
    ),
    Question(
        "abuse_established_by",
        "abuse_established",
        "abuse_established_by",
        "Official finding about the abuse",
        "Has the abuse been confirmed, for example by a conviction, a court case or an "
        "official investigation?",
    ),
    Question(
        "warden_request_received",
        "warden_date",
        "warden_request_received",
        "Request to the warden",
        asked_when="always",
    ),
    Question(
        "warden_denied_on",
        "warden_date",
        "warden_denied_on",
        "Warden's answer",
        asked_when="request_sent",
    ),
    Question("confirm_facts", "confirm", None, asked_when="always"),
)

QUESTIONS: tuple[Question, ...] = tuple(q for q in REGISTRY if q.asked)
# Every question of eligibility_form, in the order it is asked (domain.yml's required_slots).
FORM_SLOTS: tuple[str, ...] = tuple(q.slot for q in QUESTIONS)
# The facts the form keeps from the family's messages without asking for them.
SUPPORTING_SLOTS: tuple[str, ...] = tuple(q.slot for q in REGISTRY if not q.asked)
KINDS: dict[str, Kind] = {q.slot: q.kind for q in QUESTIONS if q.kind is not None}
WHY_RESPONSES: dict[str, str] = {q.slot: q.why_response for q in QUESTIONS}
# The yes/no facts, in the form's order: the engine's bot.legal.case.BOOL_KEYS_IN_ORDER.
BOOL_SLOTS: tuple[str, ...] = tuple(q.slot for q in QUESTIONS if q.kind in ("yes_no", "terminal"))
NUMBER_SLOTS: tuple[str, ...] = tuple(
    q.slot for q in QUESTIONS if q.kind in ("age", "served", "life_expectancy")
)
DATE_SLOTS: tuple[str, ...] = tuple(q.slot for q in QUESTIONS if q.kind in ("date", "warden_date"))
# The questions that can matter only from the age of the aging rules (bot.screening.questions).
AGING_SLOTS: tuple[str, ...] = tuple(q.slot for q in QUESTIONS if q.aging)
# The family circumstance each caregiver question follows from.
FAMILY_SLOTS: dict[str, FamilyCategory] = {q.slot: q.family for q in QUESTIONS if q.family}
# The summary the family confirms, one line per labelled fact, in this order.
SUMMARY: tuple[Question, ...] = tuple(q for q in REGISTRY if q.label)
# The engine's input keys as the questions a family could still answer, in the form's order.
OPEN_QUESTIONS: dict[str, str] = {
    q.engine_key: q.open_question for q in REGISTRY if q.engine_key and q.open_question
}
