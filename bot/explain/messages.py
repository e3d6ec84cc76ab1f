"""Messages built from one assessment (`bot.legal.assess`), rule by rule and date by date."""

from __future__ import annotations

from collections.abc import Iterable

from bot.bubbles import bullets
from bot.legal import Assessment, Deadline, RuleResult, Status
from bot.legal.dates import long_date
from bot.legal.states import STATES
from bot.screening.registry import OPEN_QUESTIONS
from bot.wording import say


def chunk(header: str, items: Iterable[str]) -> list[str]:
    """`header` and bullet items packed into messages, the header continued on each next one."""
    return bullets(items, header, say("bubbles.continued", header=header))


def cited(text: str, citation: str) -> str:
    """`text` followed by its source, as every message cites it."""
    return f"{text} [{citation}]"


def groups(assessment: Assessment) -> tuple[tuple[str, tuple[RuleResult, ...]], ...]:
    """The BOP's criteria and the court's grounds, each with its heading."""
    return (
        (say("explain.bop_heading"), assessment.bop_criteria),
        (say("explain.court_heading"), assessment.court_grounds),
    )


def _rule_item(rule: RuleResult) -> str:
    head = cited(rule.title, rule.citation)
    fits = "; ".join(rule.conditions_with(Status.MET))
    if rule.status is Status.MET:
        return say("explain.fits", rule=head, fits=fits)
    still = "; ".join(rule.conditions_with(Status.UNKNOWN))
    return say("explain.may_fit", rule=head, fits=fits, still=still)


def _not_fitting_item(rule: RuleResult) -> str:
    head = cited(rule.title, rule.citation)
    # Where part of the rule fits, say which part rules it out (for example a change in the law).
    if not rule.conditions_with(Status.MET):
        return head
    return say(
        "explain.rules_out", rule=head, conditions="; ".join(rule.conditions_with(Status.NOT_MET))
    )


def criteria_messages(assessment: Assessment) -> list[str]:
    """Which BOP criteria and court grounds may fit, and why; which do not."""
    messages: list[str] = []
    for heading, rules in groups(assessment):
        fitting = [rule for rule in rules if rule.may_fit]
        if not fitting:
            continue
        items = [_rule_item(rule) for rule in fitting]
        notes = dict.fromkeys(note for rule in fitting for note in rule.notes)
        items += [say("explain.note", note=note) for note in notes]
        messages += chunk(say("explain.may_fit_heading", heading=heading), items)
    if not messages:
        catch_all = next((r for r in assessment.court_grounds if r.id == "other_reasons"), None)
        none_fits = [say("explain.none_fits")]
        if catch_all is not None and catch_all.status is Status.UNKNOWN:
            none_fits.append(say("explain.other_reasons", citation=catch_all.citation))
        messages.append(" ".join(none_fits))
    not_fitting = [
        _not_fitting_item(rule) for rule in assessment.rules if rule.status is Status.NOT_MET
    ]
    if not_fitting:
        messages += chunk(say("explain.do_not_fit_heading"), not_fitting)
    return messages


def open_questions(assessment: Assessment) -> list[str]:
    """The facts still unknown that could change the picture, as plain questions."""
    missing = set(assessment.missing)
    questions = [say(key) for engine_key, key in OPEN_QUESTIONS.items() if engine_key in missing]
    return chunk(say("explain.open_heading"), questions)


def date_line(deadline: Deadline, assessment: Assessment) -> str:
    """One dated deadline in words, with its rule and notes."""
    day = long_date(deadline.day)
    if deadline.holiday:
        day = say("explain.holiday", day=day, holiday=deadline.holiday)
    received = assessment.case.warden_request_received
    wait_ends = deadline.wait_ends
    citation = deadline.citation
    if deadline.id == "court_motion_earliest" and received and wait_ends:
        line = say(
            "explain.wait_ended" if deadline.passed(assessment.as_of) else "explain.wait_ends",
            received=long_date(received),
            last=long_date(wait_ends),
            day=day,
            citation=citation,
        )
    else:
        passed = deadline.passed(assessment.as_of)
        prefix = say("explain.day_passed", day=day) if passed else day
        line = cited(
            say("explain.deadline", day=prefix, description=deadline.description), citation
        )
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
    route = assessment.route
    messages = [
        say(
            "explain.thank_you",
            as_of=long_date(assessment.as_of),
            explanation=cited(route.explanation, route.citation),
        )
    ]
    messages += criteria_messages(assessment)
    messages += open_questions(assessment)
    messages += chunk(say("explain.key_dates_heading"), date_lines(assessment))
    messages += chunk(say("explain.documents_heading"), assessment.documents)
    steps = [s for s in assessment.next_steps if not _mentions_a_date(s, assessment)]
    messages += chunk(say("explain.next_steps_heading"), steps)
    # The engine's caveats begin with its disclaimer.
    messages += chunk(say("explain.keep_in_mind_heading"), assessment.caveats)
    return messages


def scope_messages(assessment: Assessment) -> list[str]:
    """A kind answer when federal compassionate release is not the way: why, and what is."""
    route = assessment.route
    explanation = cited(route.explanation, route.citation)
    state = STATES.get((assessment.case.state or "").upper())
    thanks = (
        say("explain.scope_thanks_state", state=state, explanation=explanation)
        if state
        else say("explain.scope_thanks", explanation=explanation)
    )
    return [
        thanks,
        *chunk(say("explain.instead_heading"), assessment.next_steps),
        assessment.disclaimer,
    ]
