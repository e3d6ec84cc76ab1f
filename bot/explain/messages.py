"""Messages built from one assessment (`bot.legal.assess_dict`) and the case it assessed."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date
from typing import Any

from bot.legal.dates import long_date
from bot.nlp.patterns.us_state import STATES

MESSAGE_LIMIT = 900
OUT_OF_SCOPE_ROUTES = frozenset({"state", "dc_code", "not_eligible"})

# The engine's input keys as the questions a family could still answer, in the form's order.
QUESTIONS: dict[str, str] = {
    "jurisdiction": "Which court sentenced your loved one: a federal court, a state court or "
    "D.C. Superior Court?",
    "offense_date": "Did the offence happen before or after 1 November 1987?",
    "parolable_sentence": "Is the sentence one that allows parole?",
    "age": "How old is your loved one?",
    "sentence_months": "How long is the sentence?",
    "served_months": "How much of the sentence has been served?",
    "terminal_illness": "Has a doctor diagnosed a terminal illness?",
    "debilitating_condition": "Is there an illness that cannot be cured and keeps getting worse, "
    "or an injury they will not recover from?",
    "self_care": "How much can they take care of themselves?",
    "bed_or_chair_over_half": "Are they in a bed or chair more than half of the waking day?",
    "age_related_condition": "Do they have a chronic or serious illness that comes with age?",
    "deteriorating_health": "Is their health getting worse, so that it is hard to function in "
    "prison?",
    "treatment_no_improvement": "Have the doctors said treatment will not help much?",
    "child_caregiver_lost": "Has the person caring for their child died or become unable to do it?",
    "only_caregiver_for_child": "Would they be the only family member able to care for the child?",
    "spouse_incapacitated": "Is their spouse or registered partner incapacitated?",
    "only_caregiver_for_spouse": "Would they be the only one able to care for the spouse or "
    "partner?",
    "parent_incapacitated": "Is their parent incapacitated?",
    "only_caregiver_for_parent": "Would they be the only one able to care for the parent?",
    "abused_in_custody": "Were they abused by prison staff during this sentence?",
}
GROUPS: tuple[tuple[str, str], ...] = (
    ("bop_criteria", "With the warden and the BOP"),
    ("court_grounds", "In court, on your loved one's own motion"),
)


def chunk(header: str, items: Iterable[str], limit: int = MESSAGE_LIMIT) -> list[str]:
    """`header` and bullet items packed into messages of at most `limit` characters.

    Each message after the first repeats the header with "(continued)". An item longer than
    the limit gets a message of its own.
    """
    messages: list[str] = []
    current = header
    for item in items:
        bullet = f"• {item}"
        if current != header and len(current) + 1 + len(bullet) > limit:
            messages.append(current)
            current = f"{header} (continued)"
        current = f"{current}\n{bullet}"
    if current not in (header, f"{header} (continued)"):
        messages.append(current)
    return messages


def _conditions(rule: Mapping[str, Any], status: str) -> list[str]:
    return [c["condition"] for c in rule["conditions"] if c["status"] == status]


def _may_fit(rule: Mapping[str, Any]) -> bool:
    if rule["status"] == "met":
        return True
    return rule["status"] == "unknown" and bool(_conditions(rule, "met"))


def _rule_item(rule: Mapping[str, Any]) -> str:
    head = f"{rule['title']} [{rule['citation']}]"
    if rule["status"] == "met":
        return f"{head}: fits what you told me: {'; '.join(_conditions(rule, 'met'))}."
    fits = "; ".join(_conditions(rule, "met"))
    still = "; ".join(_conditions(rule, "unknown"))
    return f"{head}: could fit. What fits: {fits}. Still to find out: {still}."


def criteria_messages(assessment: Mapping[str, Any]) -> list[str]:
    """Which BOP criteria and court grounds may fit, and why; which do not."""
    messages: list[str] = []
    for group, heading in GROUPS:
        rules = list(assessment[group].values())
        fitting = [rule for rule in rules if _may_fit(rule)]
        if not fitting:
            continue
        items = [_rule_item(rule) for rule in fitting]
        notes = dict.fromkeys(note for rule in fitting for note in rule["notes"])
        items += [f"Note: {note}" for note in notes]
        messages += chunk(f"{heading}, these may fit what you told me:", items)
    if not messages:
        messages.append(
            "On what you told me so far, none of the BOP's criteria or the court's grounds fits "
            "yet. That can change with more facts, and a lawyer may see more."
        )
    not_fitting = [
        f"{rule['title']} [{rule['citation']}]"
        for group, _ in GROUPS
        for rule in assessment[group].values()
        if rule["status"] == "not_met"
    ]
    if not_fitting:
        messages += chunk("On what you told me, these do not fit:", not_fitting)
    return messages


def open_questions(assessment: Mapping[str, Any]) -> list[str]:
    """The facts still unknown that could change the picture, as plain questions."""
    missing = set(assessment["route_detail"]["missing"])
    for group, _ in GROUPS:
        for rule in assessment[group].values():
            missing.update(rule["missing"])
    questions = [question for key, question in QUESTIONS.items() if key in missing]
    return chunk("Still open, and worth finding out:", questions)


def date_lines(assessment: Mapping[str, Any], case: Mapping[str, Any]) -> list[str]:
    """Each dated deadline in words, with its rule."""
    lines: list[str] = []
    for key, deadline in assessment["deadlines"].items():
        day = long_date(date.fromisoformat(deadline["date"]))
        holiday = deadline.get("federal_holiday")
        if holiday:
            day += f" ({holiday}, a federal holiday)"
        received = case.get("warden_request_received")
        if key == "court_motion_earliest" and received and "final_denial_on" not in case:
            when = "since" if deadline["passed"] else "from"
            line = (
                f"The warden received the request on "
                f"{long_date(date.fromisoformat(received))}, so {when} {day} your loved one may "
                f"file a motion in the sentencing court [{deadline['citation']}]."
            )
        else:
            prefix = f"{day} (this day has passed)" if deadline["passed"] else day
            line = f"{prefix}: {deadline['description']} [{deadline['citation']}]"
        lines.append(" ".join([line, *deadline["notes"]]))
    return lines


def _mentions_a_date(step: str, assessment: Mapping[str, Any]) -> bool:
    return any(
        long_date(date.fromisoformat(deadline["date"])) in step
        for deadline in assessment["deadlines"].values()
    )


def explain(assessment: Mapping[str, Any], case: Mapping[str, Any]) -> list[str]:
    """Every message of the result, in the order a family should read them."""
    if assessment["route"] in OUT_OF_SCOPE_ROUTES:
        return scope_messages(assessment, case)
    as_of = long_date(date.fromisoformat(assessment["as_of"]))
    route = assessment["route_detail"]
    messages = [
        f"Thank you. Here is what the rules say about what you told me, as of {as_of}. "
        f"{route['explanation']} [{route['citation']}]"
    ]
    messages += criteria_messages(assessment)
    messages += open_questions(assessment)
    messages += chunk("Key dates:", date_lines(assessment, case))
    messages += chunk("Documents to gather:", assessment["documents"])
    steps = [s for s in assessment["next_steps"] if not _mentions_a_date(s, assessment)]
    messages += chunk("Next steps:", steps)
    messages += chunk("Please keep in mind:", _caveats(assessment))
    return messages


def _caveats(assessment: Mapping[str, Any]) -> list[str]:
    caveats = list(assessment["caveats"])
    if assessment["disclaimer"] not in caveats:
        caveats.insert(0, assessment["disclaimer"])
    return caveats


def scope_messages(assessment: Mapping[str, Any], case: Mapping[str, Any]) -> list[str]:
    """A kind answer when federal compassionate release is not the way: why, and what is."""
    route = assessment["route_detail"]
    state = STATES.get(str(case.get("state") or "").upper())
    told = f" You told me the sentence comes from {state}." if state else ""
    return [
        f"Thank you for telling me.{told} {route['explanation']} [{route['citation']}]",
        *chunk("What you can do instead:", assessment["next_steps"]),
        assessment["disclaimer"],
    ]
