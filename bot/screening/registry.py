"""Every screening question, once: the one place to add, remove or reorder a question.

One `Question` per slot of eligibility_form, in the order the form asks them, plus the facts the
form keeps around them (the state, the prison, the relationship), which it never asks. The form's
slots (`FORM_SLOTS`), the answer kinds (`KINDS`), the why-text responses (`WHY_RESPONSES`), the
open questions of an assessment (`OPEN_QUESTIONS`) and the summary's order are derived from
`REGISTRY`. tests/screening/test_registry.py checks domain.yml and the engine's input keys
(bot.legal.case.Case) against it.

Adding a question: a record here, its slot, `utter_ask_<slot>` and `utter_why_<slot>` in
domain.yml (and in the form's `required_slots`), its summary label and open question in the
wording tables (bot/wording, by the keys the record names), and a reader in `answers` if its kind
is new.
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
    answer fills several or none. `label` is the wording key (bot.wording) of the words that
    start the answer's line in the summary the family confirms; None leaves the fact out of it.
    `open_question` is the wording key of the question as an assessment lists it among the facts
    still worth finding out. `asked_when` says when the form asks it;
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


def _yes_no(slot: str, family: FamilyCategory | None = None, aging: bool = False) -> Question:
    """A yes/no question: it fills the engine key of its name, with a label and open question."""
    label, open_question = f"screening.label.{slot}", f"screening.open.{slot}"
    return Question(slot, "yes_no", slot, label, open_question, family=family, aging=aging)


REGISTRY: tuple[Question, ...] = (
    Question(
        "jurisdiction",
        "jurisdiction",
        "jurisdiction",
        "screening.label.jurisdiction",
        "screening.open.jurisdiction",
        asked_when="always",
    ),
    Question("state", None, "state"),
    Question("facility", None, None, "screening.label.facility"),
    Question("relationship", None, None),
    Question(
        "offense_era",
        "offense_era",
        "offense_date",
        "screening.label.offense_era",
        "screening.open.offense_era",
    ),
    _yes_no("parolable_sentence"),
    Question("age", "age", "age", "screening.label.age", "screening.open.age"),
    Question(
        "sentence_months",
        "sentence",
        "sentence_months",
        "screening.label.sentence_months",
        "screening.open.sentence_months",
    ),
    Question(
        "served_months",
        "served",
        "served_months",
        "screening.label.served_months",
        "screening.open.served_months",
    ),
    Question(
        "terminal_illness",
        "terminal",
        "terminal_illness",
        "screening.label.terminal_illness",
        "screening.open.terminal_illness",
    ),
    Question(
        "life_expectancy_months",
        "life_expectancy",
        "life_expectancy_months",
        "screening.label.life_expectancy_months",
        asked_when="terminal",
    ),
    Question(
        "terminal_diagnosis_on",
        "date",
        "terminal_diagnosis_on",
        "screening.label.terminal_diagnosis_on",
        asked_when="terminal",
    ),
    _yes_no("debilitating_condition"),
    _yes_no("serious_condition"),
    _yes_no("recovery_not_expected"),
    Question(
        "self_care",
        "self_care",
        "self_care",
        "screening.label.self_care",
        "screening.open.self_care",
    ),
    _yes_no("bed_or_chair_over_half"),
    _yes_no("age_related_condition", aging=True),
    _yes_no("deteriorating_health", aging=True),
    _yes_no("aging_deterioration", aging=True),
    _yes_no("treatment_no_improvement", aging=True),
    _yes_no("care_not_provided"),
    _yes_no("outbreak_at_facility"),
    _yes_no("outbreak_risk_factors"),
    Question(
        "family_situation",
        "family_situation",
        None,
        "screening.label.family_situation",
        asked_when="family",
    ),
    _yes_no("child_caregiver_lost", family="children"),
    _yes_no("only_caregiver_for_child", family="children"),
    _yes_no("spouse_incapacitated", family="spouse"),
    _yes_no("only_caregiver_for_spouse", family="spouse"),
    _yes_no("parent_incapacitated", family="parent"),
    _yes_no("only_caregiver_for_parent", family="parent"),
    _yes_no("abused_in_custody"),
    Question(
        "abuse_established_by",
        "abuse_established",
        "abuse_established_by",
        "screening.label.abuse_established_by",
        "screening.open.abuse_established_by",
    ),
    Question(
        "warden_request_received",
        "warden_date",
        "warden_request_received",
        "screening.label.warden_request_received",
        asked_when="always",
    ),
    Question(
        "warden_denied_on",
        "warden_date",
        "warden_denied_on",
        "screening.label.warden_denied_on",
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
# The engine's input keys -> the wording keys of the questions a family could still answer, in
# the form's order.
OPEN_QUESTIONS: dict[str, str] = {
    q.engine_key: q.open_question for q in REGISTRY if q.engine_key and q.open_question
}
