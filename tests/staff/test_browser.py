"""In a real browser: sign in, filter, open a transcript, tag and flag, work a referral, dashboard.

Debian's Chromium (/usr/bin/chromium, driven by Playwright; never a downloaded browser) against
the console served by waitress exactly as the Procfile's `staff:` line runs it, on a database
seeded with conversations Rasa itself stored. axe-core checks each page for accessibility.
"""

from __future__ import annotations

import os
import re
import shlex
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from playwright.sync_api import Browser, Page, expect
from sqlalchemy.engine import Engine

from bot.devtools.stack import free_port
from bot.staff.accounts import create_user
from bot.storage import ReferralStatus, get_referral, transaction
from bot.storage.schema import StaffRole
from tests.browser.widget import chromium

from .conftest import PASSWORD

pytestmark = pytest.mark.e2e

ROOT = Path(__file__).resolve().parents[2]
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
SECRET_KEY = "browser-test-" + "k3y" * 12


def procfile_command(port: int) -> list[str]:
    """The Procfile's `staff:` command, on `port`."""
    (line,) = [
        line.removeprefix("staff:").strip()
        for line in (ROOT / "Procfile").read_text().splitlines()
        if line.startswith("staff:")
    ]
    command = shlex.split(line)
    command[command.index("--port") + 1] = str(port)
    return command


@pytest.fixture
def console(database_url: str, engine: Engine, tmp_path: Path) -> Iterator[str]:
    """The console served by waitress as the Procfile does; yields its base URL."""
    with transaction(engine) as session:
        create_user(session, "rita", PASSWORD, StaffRole.REVIEWER)
    port = free_port()
    log = tmp_path / "staff.log"
    with log.open("wb") as out:
        process = subprocess.Popen(
            procfile_command(port),
            cwd=ROOT,
            env={
                **os.environ,
                "PYTHONPATH": str(ROOT),
                "DATABASE_URL": database_url,
                "STAFF_SECRET_KEY": SECRET_KEY,
                # On PostgreSQL the console refuses to guess the environment.
                "ENVIRONMENT": "development",
            },
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                if httpx.get(f"{url}/login", timeout=2).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            if process.poll() is not None or time.monotonic() > deadline:
                pytest.fail(f"the console did not start:\n{log.read_text()}")
            time.sleep(0.3)
        yield url
    finally:
        process.terminate()
        process.wait(timeout=20)


@pytest.fixture
def browser() -> Iterator[Browser]:
    with chromium() as launched:
        yield launched


def sign_in(page: Page, console: str) -> None:
    page.goto(f"{console}/conversations/")
    expect(page).to_have_url(re.compile(r"/login\?next="))
    page.get_by_label("Username").fill("rita")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("heading", name="Conversations", exact=True)).to_be_visible()


def test_a_reviewer_works_through_the_console(
    console: str, browser: Browser, engine: Engine, families: dict[str, int | None]
) -> None:
    page = browser.new_page()
    problems: list[str] = []
    page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda error: problems.append(str(error)))
    sign_in(page, console)
    rows = page.locator("table.conversations tbody tr")
    expect(rows).to_have_count(5)

    # Filter: conversations where a fallback happened and the NLU was unsure.
    page.get_by_label("A fallback happened").select_option("yes")
    page.get_by_label("Intent confidence below").fill("0.7")
    page.get_by_role("button", name="Apply filters").click()
    expect(rows).to_have_count(2)
    expect(page.get_by_label("A fallback happened")).to_have_value("yes")

    # Open the transcript of the fallback conversation.
    rows.filter(has_text="human_handoff").get_by_role("link").click()
    expect(page.get_by_role("heading", name="Conversation family-fallback")).to_be_visible()
    message = page.locator("li.msg.user", has_text="ugh frobnicate the quux")
    expect(message).to_contain_text("Intent faq")

    # Tag it, flag the misunderstood message with its right intent, mark it reviewed.
    page.get_by_label("Add a tag").fill("Needs training")
    page.get_by_role("button", name="Add tag").click()
    expect(page.get_by_text("Tag added.")).to_be_visible()
    expect(page.locator(".tags .tag")).to_have_text(["needs training"])
    message = page.locator("li.msg.user", has_text="ugh frobnicate the quux")
    message.get_by_text("Flag this message").click()
    message.get_by_label("The intent it should have had").select_option("out_of_scope")
    message.get_by_label("What went wrong (optional)").fill("gibberish answered as an FAQ")
    message.get_by_role("button", name="Flag message").click()
    expect(page.locator("li.msg.user.flagged")).to_contain_text("should be out_of_scope")
    page.get_by_role("button", name="Mark reviewed").click()
    expect(page.get_by_text("Reviewed by rita")).to_be_visible()

    # Work the referral.
    page.get_by_role("link", name="Referrals").click()
    referral_id = families["family-screening_referral"]
    page.get_by_role("link", name=f"Open referral {referral_id}").click()
    expect(page.get_by_text("Time served so far: 16 years (192 months)")).to_be_visible()
    page.get_by_label("Status").select_option("contacted")
    page.get_by_label("Assigned to").select_option("rita")
    page.get_by_label("Add a note (optional)").fill(
        "Called the daughter; sending the questionnaire."
    )
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("Referral updated.")).to_be_visible()
    expect(page.locator(".notes")).to_contain_text("Called the daughter")

    # The dashboard draws its charts.
    page.get_by_role("link", name="Dashboard").click()
    expect(page.locator("#total-conversations")).to_have_text("5")
    for chart in (
        "chart-per-day",
        "chart-fallback",
        "chart-intents",
        "chart-outcomes",
        "chart-referrals",
    ):
        page.wait_for_function(f"window.Chart && Chart.getChart('{chart}') !== undefined")
    assert page.evaluate("Chart.getChart('chart-per-day').data.datasets.length") == 2

    assert problems == []
    with transaction(engine) as session:
        assert referral_id is not None
        stored = get_referral(session, referral_id)
    assert stored is not None
    assert (stored.status, stored.assignee) == (ReferralStatus.CONTACTED, "rita")


def test_every_page_passes_axe(
    console: str, browser: Browser, families: dict[str, int | None]
) -> None:
    context = browser.new_context(bypass_csp=True)  # lets the test inject axe-core
    page = context.new_page()
    pages = ["/login"]
    page.goto(f"{console}/login")
    violations = _axe(page)
    sign_in(page, console)
    referral_id = families["family-screening_referral"]
    for path in (
        "/conversations/",
        "/conversations/view/family-screening_referral",
        f"/referrals/{referral_id}",
        "/referrals/",
        "/dashboard/",
        "/account/password",
    ):
        page.goto(console + path)
        pages.append(path)
        violations += _axe(page)

    assert violations == [], violations
    assert len(pages) == 7
    context.close()


def _axe(page: Page) -> list[str]:
    page.add_script_tag(path=str(AXE))
    result = page.evaluate(
        "async () => (await axe.run(document, {resultTypes: ['violations']})).violations"
        ".filter(v => v.impact === 'serious' || v.impact === 'critical')"
        ".map(v => v.id + ': ' + v.nodes.map(n => n.target.join(' ')).slice(0, 3).join(', '))"
    )
    return [f"{page.url}: {item}" for item in result]
