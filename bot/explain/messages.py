"""Messages built from one assessment (`bot.legal.assess`), rule by rule and date by date."""

from __future__ import annotations

from collections.abc import Iterable

from bot.legal import Assessment, Deadline, RuleResult, Status
from bot.legal.dates import long_date
from bot.nlp.patterns.us_state import STATES

MESSAGE_LIMIT = 900

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
BOP_HEADING = "With the warden and the BOP"
COURT_HEADING = "In court, on your loved one's own motion"


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


def cited(text: str, citation: str) -> str:
    """`text` followed by its source, as every message cites it."""
    return f"{text} [{citation}]"


def groups(assessment: Assessment) -> tuple[tuple[str, tuple[RuleResult, ...]], ...]:
    """The BOP's criteria and the court's grounds, each with its heading."""
    return (
        (BOP_HEADING, assessment.bop_criteria),
        (COURT_HEADING, assessment.court_grounds),
    )


def _rule_item(rule: RuleResult) -> str:
    head = cited(rule.title, rule.citation)
    fits = "; ".join(rule.conditions_with(Status.MET))
    if rule.status is Status.MET:
        return f"{head}: fits what you told me: {fits}."
    still = "; ".join(rule.conditions_with(Status.UNKNOWN))
    return f"{head}: may fit. What fits: {fits}. Still to find out or to show: {still}."


def _not_fitting_item(rule: RuleResult) -> str:
    head = cited(rule.title, rule.citation)
    # Where part of the rule fits, say which part rules it out (for example a change in the law).
    if not rule.conditions_with(Status.MET):
        return head
    return f"{head}: {'; '.join(rule.conditions_with(Status.NOT_MET))}."


def criteria_messages(assessment: Assessment) -> list[str]:
    """Which BOP criteria and court grounds may fit, and why; which do not."""
    messages: list[str] = []
    for heading, rules in groups(assessment):
        fitting = [rule for rule in rules if rule.may_fit]
        if not fitting:
            continue
        items = [_rule_item(rule) for rule in fitting]
        notes = dict.fromkeys(note for rule in fitting for note in rule.notes)
        items += [f"Note: {note}" for note in notes]
        messages += chunk(f"{heading}, these may fit what you told me:", items)
    if not messages:
        catch_all = next((r for r in assessment.court_grounds if r.id == "other_reasons"), None)
        other = (
            f" The court can also weigh other circumstances as serious as these "
            f"[{catch_all.citation}]; a lawyer can judge whether yours could count."
            if catch_all is not None and catch_all.status is Status.UNKNOWN
            else ""
        )
        messages.append(
            "On what you told me so far, none of the BOP's criteria or the court's listed "
            f"grounds fits yet. That can change with more facts.{other}"
        )
    not_fitting = [
        _not_fitting_item(rule) for rule in assessment.rules if rule.status is Status.NOT_MET
    ]
    if not_fitting:
        messages += chunk("On what you told me, these do not fit:", not_fitting)
    return messages


def open_questions(assessment: Assessment) -> list[str]:
    """The facts still unknown that could change the picture, as plain questions."""
    missing = set(assessment.missing)
    questions = [question for key, question in QUESTIONS.items() if key in missing]
    return chunk("Still open, and worth finding out:", questions)


def date_line(deadline: Deadline, assessment: Assessment) -> str:
    """One dated deadline in words, with its rule and notes."""
    day = long_date(deadline.day)
    if deadline.holiday:
        day += f" ({deadline.holiday}, a federal holiday)"
    received = assessment.case.warden_request_received
    wait_ends = deadline.wait_ends
    citation = deadline.citation
    if deadline.id == "court_motion_earliest" and received and wait_ends:
        last = long_date(wait_ends)
        told = f"The warden received the request on {long_date(received)}"
        if deadline.passed(assessment.as_of):
            line = (
                f"{told}. The 30-day wait ended on {last}, so since {day} your loved one may "
                f"file a motion in the sentencing court [{citation}]."
            )
        else:
            line = (
                f"{told}. The 30-day wait ends on {last}, so the first safe day to file a "
                f"motion in the sentencing court is {day} [{citation}]."
            )
    else:
        passed = deadline.passed(assessment.as_of)
        prefix = f"{day} (this day has passed)" if passed else day
        line = cited(f"{prefix}: {deadline.description}", citation)
    return " ".join([line, *deadline.notes])


def date_lines(assessment: Assessment) -> list[str]:
    """Each dated deadline in words, with its rule."""
    return [date_line(deadline, assessment) for deadline in assessment.deadlines]


def _mentions_a_date(step: str, assessment: Assessment) -> bool:
    return any(long_date(deadline.day) in step for deadline in assessment.deadlines)


def explain(assessment: Assessment) -> list[str]:
    """Every message of the result, in the order a family should read them."""
    if not assessment.has_federal_request:
        return scope_messages(assessment)
    as_of = long_date(assessment.as_of)
    route = assessment.route
    messages = [
        f"Thank you. Here is what the rules say about what you told me, as of {as_of}. "
        + cited(route.explanation, route.citation)
    ]
    messages += criteria_messages(assessment)
    messages += open_questions(assessment)
    messages += chunk("Key dates:", date_lines(assessment))
    messages += chunk("Documents to gather:", assessment.documents)
    steps = [s for s in assessment.next_steps if not _mentions_a_date(s, assessment)]
    messages += chunk("Next steps:", steps)
    # The engine's caveats begin with its disclaimer.
    messages += chunk("Please keep in mind:", assessment.caveats)
    return messages


def scope_messages(assessment: Assessment) -> list[str]:
    """A kind answer when federal compassionate release is not the way: why, and what is."""
    route = assessment.route
    state = STATES.get((assessment.case.state or "").upper())
    told = f" You told me the sentence comes from {state}." if state else ""
    return [
        f"Thank you for telling me.{told} " + cited(route.explanation, route.citation),
        *chunk("What you can do instead:", assessment.next_steps),
        assessment.disclaimer,
    ]
