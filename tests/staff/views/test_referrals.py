"""The referral queue over HTTP: the family's summary, the assessment, status and notes."""

from __future__ import annotations

import re

import pytest
from sqlalchemy.engine import Engine

from bot.staff.audit import recent
from bot.staff.review import notes_of
from bot.storage import ReferralStatus, get_referral, transaction

from ..conftest import Staff


@pytest.fixture
def referral_id(families: dict[str, int | None]) -> int:
    found = families["family-screening_referral"]
    assert found is not None
    return found


def test_the_queue_lists_the_referral_with_its_status(reviewer: Staff, referral_id: int) -> None:
    html = reviewer.get("/referrals/").get_data(as_text=True)

    assert f'href="/referrals/{referral_id}"' in html
    assert "New: <strong>1</strong>" in html
    assert "Sentenced by: a federal court" in html
    assert "3582" in html
    assert f"/referrals/{referral_id}" not in reviewer.get("/referrals/?status=closed").get_data(
        as_text=True
    )
    assert f"/referrals/{referral_id}" in reviewer.get("/referrals/?assignee=-").get_data(
        as_text=True
    )


def test_the_detail_shows_what_the_family_said_and_the_engines_assessment(
    reviewer: Staff, engine: Engine, referral_id: int
) -> None:
    page = reviewer.get(f"/referrals/{referral_id}")
    html = page.get_data(as_text=True)

    assert page.status_code == 200
    assert "Time served so far: 16 years (192 months)" in html
    assert "BOP criteria (PS 5050.50)" in html
    assert "Unusually long sentence" in html
    assert "Write the request to the Warden." in html
    assert 'href="/conversations/view/family-screening_referral"' in html
    with transaction(engine) as session:
        assert [e.target for e in recent(session, action="view_referral")] == [str(referral_id)]


def test_staff_move_a_referral_along_and_leave_a_note(
    reviewer: Staff, engine: Engine, referral_id: int
) -> None:
    reviewer.get(f"/referrals/{referral_id}")
    response = reviewer.post(
        f"/referrals/{referral_id}",
        {"status": "submitted", "assignee": "ada", "note": "Questionnaire sent by email."},
    )

    assert response.status_code == 302
    with transaction(engine) as session:
        stored = get_referral(session, referral_id)
        notes = notes_of(session, referral_id=referral_id)
        (entry,) = recent(session, action="update_referral")
    assert stored is not None
    assert (stored.status, stored.assignee) == (ReferralStatus.SUBMITTED, "ada")
    assert [(n.author, n.body) for n in notes] == [("rita", "Questionnaire sent by email.")]
    assert entry.detail == "status submitted, assignee ada"
    html = reviewer.get(f"/referrals/{referral_id}").get_data(as_text=True)
    assert "Submitted to the Clearinghouse" in html
    assert "Questionnaire sent by email." in html
    assert f"/referrals/{referral_id}" in reviewer.get("/referrals/?assignee=ada").get_data(
        as_text=True
    )
    reviewer.post(f"/referrals/{referral_id}", {"status": "closed", "assignee": ""})
    with transaction(engine) as session:
        closed = get_referral(session, referral_id)
    assert closed is not None
    assert (closed.status, closed.assignee) == (ReferralStatus.CLOSED, None)


@pytest.mark.parametrize(
    "form",
    [
        {"status": "lost", "assignee": ""},
        {"status": "contacted", "assignee": "someone-unknown"},
        {"status": "contacted", "assignee": "", "note": "x" * 5001},
    ],
)
def test_bad_updates_change_nothing(
    reviewer: Staff, engine: Engine, referral_id: int, form: dict[str, str]
) -> None:
    reviewer.get(f"/referrals/{referral_id}")
    response = reviewer.post(f"/referrals/{referral_id}", form)

    assert response.status_code == 400
    assert re.search(r'class="error"', response.get_data(as_text=True))
    with transaction(engine) as session:
        stored = get_referral(session, referral_id)
    assert stored is not None
    assert stored.status is ReferralStatus.NEW


def test_unknown_referrals_and_statuses(reviewer: Staff, families: dict[str, int | None]) -> None:
    assert reviewer.get("/referrals/999999").status_code == 404
    assert "Choose a status from the list" in reviewer.get(
        "/referrals/?status=lost", follow_redirects=True
    ).get_data(as_text=True)
