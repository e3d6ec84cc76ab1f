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
    "offense_date": "Did the offense happen on or after November 1, 1987 (or go on past that day)?",
    "parolable_sentence": "Is the sentence one that allows parole?",
    "age": "How old is your loved one?",
    "sentence_months": "How long is the sentence?",
    "served_months": "How much of the sentence has been served?",
    "terminal_illness": "Has a doctor diagnosed a terminal illness?",
    "debilitating_condition": "Is there an illness that cannot be cured and keeps getting worse, "
    "or an injury they will not recover from?",
    "serious_condition": "Do they have a serious medical condition, or a serious physical or "
    "mental impairment such as dementia?",
    "self_care": "How much can they take care of themselves?",
    "recovery_not_expected": "Do the doctors expect them to recover?",
    "bed_or_chair_over_half": "Are they in a bed or chair more than half of the waking day?",
    "age_related_condition": "Do they have a chronic or serious illness that comes with age?",
    "deteriorating_health": "Is their health getting worse, so that it is hard to function in "
    "prison?",
    "aging_deterioration": "Is their physical or mental health getting seriously worse as they "
    "age?",
    "treatment_no_improvement": "Have the doctors said treatment will not help much?",
    "care_not_provided": "Do they need long-term or specialized medical care that the prison is "
    "not giving them?",
    "outbreak_at_facility": "Is there an outbreak of a disease (such as COVID) or a declared "
    "health emergency at the prison?",
    "outbreak_risk_factors": "Does their own health put them at high risk from it?",
    "child_caregiver_lost": "Has the person caring for their child died or become unable to do it?",
    "only_caregiver_for_child": "Would they be the only family member able to care for the child?",
    "spouse_incapacitated": "Is their spouse or registered partner incapacitated?",
    "only_caregiver_for_spouse": "Would they be the only one able to care for the spouse or "
    "partner?",
    "parent_incapacitated": "Is their parent incapacitated?",
    "only_caregiver_for_parent": "Would they be the only one able to care for the parent?",
    "abused_in_custody": "Were they abused by prison staff during this sentence?",
    "abuse_established_by": "Has the abuse been confirmed, for example by a conviction, a court "
    "case or an official investigation?",
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
    return f"{head}: may fit. What fits: {fits}. Still to find out or to show: {still}."


def _not_fitting_item(rule: Mapping[str, Any]) -> str:
    head = f"{rule['title']} [{rule['citation']}]"
    # Where part of the rule fits, say which part rules it out (for example a change in the law).
    if not _conditions(rule, "met"):
        return head
    return f"{head}: {'; '.join(_conditions(rule, 'not_met'))}."


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
        catch_all = assessment["court_grounds"].get("other_reasons", {})
        other = (
            f" The court can also weigh other circumstances as serious as these "
            f"[{catch_all['citation']}]; a lawyer can judge whether yours could count."
            if catch_all.get("status") == "unknown"
            else ""
        )
        messages.append(
            "On what you told me so far, none of the BOP's criteria or the court's listed "
            f"grounds fits yet. That can change with more facts.{other}"
        )
    not_fitting = [
        _not_fitting_item(rule)
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
        wait_ends = deadline.get("wait_ends")
        if key == "court_motion_earliest" and received and wait_ends:
            last = long_date(date.fromisoformat(wait_ends))
            told = f"The warden received the request on {long_date(date.fromisoformat(received))}"
            if deadline["passed"]:
                line = (
                    f"{told}. The 30-day wait ended on {last}, so since {day} your loved one may "
                    f"file a motion in the sentencing court [{deadline['citation']}]."
                )
            else:
                line = (
                    f"{told}. The 30-day wait ends on {last}, so the first safe day to file a "
                    f"motion in the sentencing court is {day} [{deadline['citation']}]."
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
