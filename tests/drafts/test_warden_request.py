"""The draft request to the Warden (28 CFR 571.61), built from the engine's own assessment."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from bot.drafts import Ground, draft_warden_request
from bot.legal import Assessment, assess

TODAY = date(2026, 3, 10)
FEDERAL = {"jurisdiction": "federal", "offense_date": "2012-04-01"}


def assessed(**facts: Any) -> Assessment:
    return assess(facts, TODAY)


def titles(grounds: tuple[Ground, ...]) -> list[str]:
    return [ground.title for ground in grounds]


def test_the_subject_line_names_the_statute() -> None:
    draft = draft_warden_request(assessed(**FEDERAL))

    assert (
        "Re: Request for Compassionate Release / Reduction in Sentence under "
        "18 U.S.C. § 3582(c)(1)(A)"
    ) in draft.text


def test_an_old_law_parolable_sentence_is_asked_for_under_4205g() -> None:
    draft = draft_warden_request(
        assessed(jurisdiction="federal", offense_date="1985-01-01", parolable_sentence=True)
    )

    assert "Reduction in Sentence under 18 U.S.C. § 4205(g)" in draft.text
    assert "reduce the minimum term of my sentence to the time I have already served" in draft.text
    assert "eligible for parole at once" in draft.text
    assert "Parole Commission" in draft.text
    assert "3582" not in draft.text
    assert any("Parole Commission then decides" in note for note in draft.notes)
    # Only the BOP can go to court on this route: no 30-day wait to tell the family about.
    assert not any("30 days" in note for note in draft.notes)


def test_it_is_addressed_to_the_warden_with_placeholders_for_what_we_do_not_know() -> None:
    draft = draft_warden_request(assessed(**FEDERAL))

    assert draft.text.startswith(
        "To: The Warden, [Name of the prison]\n"
        "From: [Full name], Register No. [Register number], [Name of the prison]\n"
        "Date: [Date]\n\n"
    )
    assert "Dear Warden," in draft.text


def test_a_known_facility_is_written_in() -> None:
    draft = draft_warden_request(assessed(**FEDERAL), facility="  FMC Butner ")

    assert draft.text.startswith("To: The Warden, FMC Butner\n")
    assert "[Name of the prison]" not in draft.text


def test_every_met_criterion_and_ground_is_listed_with_its_title_and_citation() -> None:
    draft = draft_warden_request(
        assessed(**FEDERAL, age=68, sentence_months=240, served_months=150, terminal_illness=True)
    )

    assert "Terminal medical condition" in titles(draft.bop_grounds)
    assert "Terminal illness" in titles(draft.court_grounds)
    assert (
        "1. Terminal medical condition (BOP Program Statement 5050.50 § 3(a); "
        "18 U.S.C. § 3582(d)(1))"
    ) in draft.text
    assert "Terminal illness (USSG § 1B1.13(b)(1)(A))" in draft.text
    assert "   - has been diagnosed with a terminal illness" in draft.text


def test_an_undecided_ground_with_a_condition_already_met_is_listed_with_what_to_check() -> None:
    draft = draft_warden_request(
        assessed(**FEDERAL, age=68, sentence_months=240, served_months=150)
    )

    assert titles(draft.court_grounds) == ["Age", "Unusually long sentence"]
    age = draft.court_grounds[0]
    assert age == Ground(
        title="Age",
        citation="USSG § 1B1.13(b)(2)",
        known=("is 65 or older", "has served 10 years or 75% of the sentence, whichever is less"),
        to_check=("is seriously deteriorating in physical or mental health because of aging",),
    )
    assert (
        "Age (USSG § 1B1.13(b)(2))\n"
        "   - is 65 or older\n"
        "   - has served 10 years or 75% of the sentence, whichever is less\n"
        "   - [Check: is seriously deteriorating in physical or mental health because of aging]"
    ) in draft.text


def test_grounds_are_numbered_across_both_sections_bop_first() -> None:
    draft = draft_warden_request(
        assessed(**FEDERAL, terminal_illness=True, spouse_incapacitated=True)
    )

    bop_at = draft.text.index("Under the Bureau of Prisons' criteria (Program Statement 5050.50):")
    court_at = draft.text.index("Under the Sentencing Commission's policy statement")
    assert bop_at < court_at
    numbered = [
        line.split(". ", 1)[1].split(" (")[0]
        for line in draft.text.splitlines()
        if line[:1].isdigit() and ". " in line
    ]
    assert numbered == titles(draft.bop_grounds) + titles(draft.court_grounds)
    assert numbered[0] == "Terminal medical condition"


def test_ruled_out_and_wholly_unknown_grounds_are_left_out() -> None:
    draft = draft_warden_request(
        assessed(**FEDERAL, age=50, terminal_illness=False, abused_in_custody=False)
    )

    listed = titles(draft.bop_grounds) + titles(draft.court_grounds)
    assert "Terminal illness" not in listed
    assert "Abuse in custody" not in listed
    assert "Debilitated medical condition" not in listed


def test_with_nothing_known_yet_the_reasons_are_a_placeholder() -> None:
    draft = draft_warden_request(assessed())

    assert draft.bop_grounds == ()
    assert draft.court_grounds == ()
    assert "[Describe every reason that may apply" in draft.text
    assert "Under the Bureau of Prisons' criteria" not in draft.text


def test_the_release_plan_asks_for_home_support_and_medical_care() -> None:
    draft = draft_warden_request(assessed(**FEDERAL))

    assert (
        "Release plan (28 CFR 571.61(a)(2))\n"
        "- Where I will live: [address, who lives there, and that they agree]\n"
        "- How I will support myself: [work, Social Security or other benefits, family support]\n"
        "- Medical care: [where I will be treated"
    ) in draft.text
    assert "how it will be paid for" in draft.text


def test_it_asks_for_a_written_answer_and_has_signature_and_submitter_lines() -> None:
    text = draft_warden_request(assessed(**FEDERAL)).text

    assert "Please answer this request in writing." in text
    assert "Sincerely,\n[Signature]\n[Full name], Register No. [Register number]\n" in text
    assert (
        "Submitted by: [Full name] or, on their behalf, a family member: [your name], [your "
        "relationship to them], [your address, phone and email] (28 CFR 571.61(b))"
    ) in text
    assert "on behalf of [Full name]" in text


def test_the_notes_say_to_keep_a_copy_and_record_the_day_the_warden_receives_it() -> None:
    draft = draft_warden_request(assessed(**FEDERAL))

    assert draft.notes[0] == "Keep a copy of the signed request and of everything you attach."
    assert "Write down the day the Warden receives it" in draft.notes[1]
    assert "BOP Program Statement 5050.50 § 2" in draft.notes[1]
    assert "counted from the day after the Warden receives it" in draft.notes[1]
    assert "the first safe day to file is the day after" in draft.notes[1]
    assert "Fed. R. Crim. P. 45(a)" in draft.notes[1]
    assert "every reason and every diagnosis" in draft.notes[2]
    assert "send a new request" in draft.notes[2]
    assert not any(note in draft.text for note in draft.notes)


def test_it_promises_nothing() -> None:
    draft = draft_warden_request(
        assessed(**FEDERAL, age=80, sentence_months=600, served_months=160, terminal_illness=True)
    )

    words = (draft.text + " ".join(draft.notes)).lower()
    assert "guarantee" not in words
    assert "will be released" not in words
    assert "eligible" not in words


@pytest.mark.parametrize(
    "facts",
    [
        {"jurisdiction": "state", "state": "OH"},
        {"jurisdiction": "dc_code"},
        {"jurisdiction": "federal", "offense_date": "1985-01-01", "parolable_sentence": False},
    ],
    ids=["state prisoner", "D.C. Code", "old law without parole"],
)
def test_there_is_no_request_to_draft_where_the_bop_brings_no_motion(
    facts: dict[str, Any],
) -> None:
    with pytest.raises(ValueError, match="no request to the Warden on route"):
        draft_warden_request(assessed(**facts))
