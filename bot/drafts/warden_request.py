"""A draft of the request to the Warden, built from the engine's assessment (pure: no I/O).

The family reviews it, fills in every [bracket] and sends it. It lists every criterion and ground
that may fit, because some courts refuse a reason the Warden never saw (United States v. Williams,
987 F.3d 700 (7th Cir. 2021)), and the release plan the regulation asks for (28 CFR 571.61(a)). On
the "old law" route it asks for what 18 U.S.C. § 4205(g) allows: a reduced minimum term, so that
the Parole Commission can consider parole at once (28 CFR 571.60).

The letter stays in English whatever language the family reads; its notes for the family are
looked up by key (bot.wording).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from bot.legal import Assessment, Route, RuleResult, Status
from bot.wording import say

NAME = "[Full name]"
REGISTER = "[Register number]"
FACILITY = "[Name of the prison]"
DATE = "[Date]"


@dataclass(frozen=True)
class Ground:
    """A criterion or ground that may fit, with the conditions to describe or check."""

    title: str
    citation: str
    known: tuple[str, ...]
    to_check: tuple[str, ...]


@dataclass(frozen=True)
class WardenRequestDraft:
    """The letter as plain text, the grounds it lists, and notes for the family (not sent)."""

    text: str
    bop_grounds: tuple[Ground, ...]
    court_grounds: tuple[Ground, ...]
    notes: tuple[str, ...]


def notes(old_law: bool) -> tuple[str, ...]:
    """What the family should know when sending the request (not part of the letter)."""
    received_day = say("drafts.note.received_day")
    if old_law:
        # On the "old law" route only the BOP can go to court: no 30-day wait, no motion of one's
        # own.
        return (
            say("drafts.note.keep_a_copy"),
            say("drafts.note.keep_the_proof", received_day=received_day),
            say("drafts.note.every_reason_old_law"),
            say("drafts.note.old_law_motion"),
        )
    return (
        say("drafts.note.keep_a_copy"),
        say("drafts.note.count_from_receipt", received_day=received_day),
        say("drafts.note.every_reason"),
    )


def grounds_that_may_fit(rules: Iterable[RuleResult]) -> tuple[Ground, ...]:
    """The rules of one section (BOP criteria or court grounds) to list, in the engine's order."""
    return tuple(
        Ground(
            title=rule.title,
            citation=rule.citation,
            known=rule.conditions_with(Status.MET),
            to_check=rule.conditions_with(Status.UNKNOWN),
        )
        for rule in rules
        if rule.may_fit
    )


def draft_warden_request(
    assessment: Assessment, *, facility: str | None = None
) -> WardenRequestDraft:
    """The request to the Warden for this assessment (`bot.legal.assess`).

    Raises ValueError on a route where the BOP brings no motion (state, D.C. Code, or an old-law
    sentence without parole): there is no request to draft.
    """
    route = assessment.route.route
    if not route.has_federal_request:
        raise ValueError(f"no request to the Warden on route {route.value!r}")
    statute = route.statute
    old_law = route is Route.OLD_LAW
    bop = grounds_that_may_fit(assessment.bop_criteria)
    court = grounds_that_may_fit(assessment.court_grounds)
    prison = facility.strip() if facility and facility.strip() else FACILITY
    asked = (
        "I ask the Bureau of Prisons to file a motion with the sentencing court under "
        f"{statute} to reduce the minimum term of my sentence to the time I have already "
        "served, so that I become eligible for parole at once and the U.S. Parole Commission "
        "can consider my release (28 CFR 571.60, 571.61), for the extraordinary and compelling "
        "reasons below."
        if old_law
        else f"I ask the Bureau of Prisons to file a motion with the sentencing court to reduce "
        f"my sentence (compassionate release) under {statute} and 28 CFR 571.61, for the "
        f"extraordinary and compelling reasons below."
    )
    paragraphs = [
        f"To: The Warden, {prison}\nFrom: {NAME}, Register No. {REGISTER}, {prison}\nDate: {DATE}",
        f"Re: Request for Compassionate Release / Reduction in Sentence under {statute}",
        "Dear Warden,",
        f"{asked}\n"
        f"[If a family member sends this request, write instead: I, [your name], ask on behalf "
        f"of {NAME}, Register No. {REGISTER}, my [relationship] (28 CFR 571.61(b)).]",
        *_reasons(bop, court),
        "Release plan (28 CFR 571.61(a)(2))\n"
        "- Where I will live: [address, who lives there, and that they agree]\n"
        "- How I will support myself: [work, Social Security or other benefits, family support]\n"
        "- Medical care: [where I will be treated (doctor, clinic, hospital or hospice) and how "
        "it will be paid for (Medicare, Medicaid, VA, private insurance or family)]",
        "Please answer this request in writing. If it is denied, please give the reasons in "
        "writing, so that the denial can be appealed through the Administrative Remedy Program "
        "(28 CFR 571.63(a)).",
        f"Sincerely,\n[Signature]\n{NAME}, Register No. {REGISTER}\n"
        f"Submitted by: {NAME} or, on their behalf, a family member: [your name], [your "
        f"relationship to them], [your address, phone and email] (28 CFR 571.61(b))",
        "Enclosures: [list every document you attach, for example medical records]",
    ]
    return WardenRequestDraft(
        text="\n\n".join(paragraphs),
        bop_grounds=bop,
        court_grounds=court,
        notes=notes(old_law),
    )


def _reasons(bop: tuple[Ground, ...], court: tuple[Ground, ...]) -> list[str]:
    if not bop and not court:
        return [
            "The extraordinary and compelling reasons are:\n"
            "[Describe every reason that may apply, for example a terminal or serious illness, "
            "age with failing health, or a family member who needs them as the only caregiver. "
            "List every diagnosis, with dates and the names of the doctors.]"
        ]
    sections = [
        "The extraordinary and compelling reasons are:\n"
        "[Under each reason, describe the facts in your own words, with dates and names. List "
        'every diagnosis, with the doctor\'s name and the date. A point marked "Check" is '
        "something the reason also needs: keep the reason if it may be true.]"
    ]
    numbers = iter(range(1, len(bop) + len(court) + 1))
    if bop:
        sections.append(
            "Under the Bureau of Prisons' criteria (Program Statement 5050.50):\n"
            + "\n".join(_ground(next(numbers), ground) for ground in bop)
        )
    if court:
        sections.append(
            "Under the Sentencing Commission's policy statement (USSG § 1B1.13(b)):\n"
            + "\n".join(_ground(next(numbers), ground) for ground in court)
        )
    return sections


def _ground(number: int, ground: Ground) -> str:
    lines = [
        f"{number}. {ground.title} ({ground.citation})",
        *_bullets(ground.known),
        *_bullets(f"[Check: {text}]" for text in ground.to_check),
    ]
    return "\n".join(lines)


def _bullets(items: Iterable[str]) -> list[str]:
    return [f"   - {item}" for item in items]
