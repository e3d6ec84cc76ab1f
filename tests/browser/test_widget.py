"""The chat widget in a real browser, against the real assistant and its trained model.

Debian's Chromium (headless, through Playwright) opens the assistant's demo page or an
organisation's page on another origin, and a family asks, presses buttons, reloads, starts over,
erases, and leaves quickly; axe-core checks WCAG 2.1 A/AA; a 320 px screen must not scroll
sideways; the keyboard alone must do. docs/widget.png is saved from this run.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from playwright.sync_api import Browser, Page, Route, expect

from .conftest import QUESTIONNAIRE, TIMEOUT_SECONDS, Assistant
from .widget import Press, Reply, Step, Widget, converse, tidy

pytestmark = pytest.mark.e2e

ROOT = Path(__file__).resolve().parents[2]
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
SCREENSHOT = ROOT / "docs" / "widget.png"
WCAG_21_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
JURISDICTION_BUTTONS = ("Federal court", "State court", "D.C. Superior Court", "Not sure")
WEBHOOK = "**/webhooks/webchat/webhook"


def open_widget(page: Page, url: str) -> Widget:
    """Load `url` and wait for its widget, opened."""
    page.goto(url)
    return Widget(page).ready().open()


def events_stored(assistant: Assistant, sender: str) -> int:
    """How many events the tracker store holds for one conversation."""
    with sqlite3.connect(assistant.database) as database:
        (count,) = database.execute(
            "SELECT COUNT(*) FROM events WHERE sender_id = ?", (sender,)
        ).fetchone()
    return int(count)


def axe_violations(page: Page) -> list[dict[str, Any]]:
    """axe-core's WCAG 2.1 A and AA violations on the page as it is now."""
    page.add_script_tag(path=str(AXE))
    result: dict[str, Any] = page.evaluate(
        "(tags) => axe.run(document, {runOnly: {type: 'tag', values: tags}})", WCAG_21_AA
    )
    return [
        {
            "id": violation["id"],
            "help": violation["help"],
            "targets": [node["target"] for node in violation["nodes"]],
        }
        for violation in result["violations"]
    ]


@pytest.fixture
def csp_free_page(browser: Browser) -> Iterator[Page]:
    """A page that may inject axe-core (the demo page's CSP forbids injected scripts)."""
    context = browser.new_context(viewport={"width": 1280, "height": 800}, bypass_csp=True)
    try:
        yield context.new_page()
    finally:
        context.close()


def test_a_family_asks_presses_a_button_and_finds_it_all_after_a_reload(
    assistant: Assistant, page: Page
) -> None:
    widget = open_widget(page, assistant.demo)
    expect(page.get_by_text("General information, not legal advice.", exact=True)).to_be_visible()

    (bot,) = widget.say("are you a bot?")
    assert "I'm an automated assistant, not a person" in bot.text
    intro, question = widget.say("could my dad qualify?")
    assert "Let's see which rules may fit" in intro.text
    assert question.buttons == JURISDICTION_BUTTONS
    (era,) = widget.press("Federal court")
    assert "on or after November 1, 1987" in era.text
    assert era.buttons == ("On or after Nov. 1, 1987", "Before Nov. 1, 1987", "Not sure")
    page.mouse.move(0, 0)  # no hover effect in the picture
    page.screenshot(path=str(SCREENSHOT))

    before = widget.history()
    page.reload()
    widget.ready()
    assert widget.history() == before
    assert [text for who, text in before if who == "user"] == [
        "are you a bot?",
        "could my dad qualify?",
        "Federal court",
    ]
    # The same conversation goes on: the server remembers the form where it was.
    (age,) = widget.press("On or after Nov. 1, 1987")
    assert "How old is your loved one?" in age.text


def test_start_over_clears_the_tab_and_erase_clears_the_database_too(
    assistant: Assistant, page: Page
) -> None:
    widget = open_widget(page, assistant.demo)
    widget.say("are you a bot?")
    sender = widget.sender()
    assert events_stored(assistant, sender) > 0

    page.get_by_role("button", name="Start over").click()
    widget.wait_for_turn(2)
    (_welcome, restarted) = widget.history()
    assert "let's start over" in restarted[1]
    (state,) = widget.stored().values()
    assert [item["role"] for item in state["messages"]] == ["bot"]
    assert widget.sender() == sender  # Rasa keeps the conversation; only the tab forgot it

    page.get_by_role("button", name="Erase my conversation").click()
    widget.wait_for_turn(3)
    (ask,) = widget.replies(3)
    assert "erase everything" in ask.text
    assert ask.buttons == ("Yes, erase everything", "No, keep it")
    (done,) = widget.press("Yes, erase everything")
    assert "has been erased from our records" in done.text
    assert events_stored(assistant, sender) == 0
    assert widget.sender() != sender
    (state,) = widget.stored().values()
    assert state["messages"] == []
    expect(widget.input).to_be_focused()  # the pressed button is gone; focus stays in the chat

    page.reload()
    widget.ready()
    assert [who for who, _ in widget.history()] == ["bot"]  # the welcome only


def test_leave_quickly_clears_the_tab_and_shows_a_neutral_page(
    assistant: Assistant, page: Page
) -> None:
    widget = open_widget(page, assistant.demo)
    widget.say("are you a bot?")
    sender = widget.sender()
    entries = page.evaluate("() => history.length")

    page.get_by_role("button", name="Leave quickly").click()
    page.wait_for_url("https://www.google.com/")
    assert page.content().count("Weather") >= 1
    # The page replaced this one in the tab's history: Back does not return to the chat.
    assert page.evaluate("() => history.length") == entries
    page.goto(assistant.demo)
    widget.ready()
    (state,) = widget.stored().values()
    assert state["messages"] == []
    assert state["sender"] != sender
    assert [who for who, _ in widget.history()] == ["bot"]


def test_escape_twice_is_the_same_as_leave_quickly(assistant: Assistant, page: Page) -> None:
    widget = open_widget(page, assistant.allowed_site.url)
    widget.say("are you a bot?")
    page.keyboard.press("Escape")
    page.wait_for_timeout(1500)
    assert page.url == assistant.allowed_site.url  # one press, or two far apart: nothing
    page.keyboard.press("Escape")
    page.keyboard.press("Escape")
    page.wait_for_url(assistant.allowed_site.exit_url)
    page.goto(assistant.allowed_site.url)
    widget.ready()
    assert [who for who, _ in widget.history()] == ["bot"]


def test_nothing_stays_outside_the_tab(assistant: Assistant, page: Page) -> None:
    widget = open_widget(page, assistant.demo)
    widget.say("are you a bot?")
    assert page.evaluate("() => localStorage.length") == 0
    assert page.context.cookies() == []
    other_tab = page.context.new_page()
    other_tab.goto(assistant.demo)
    other = Widget(other_tab).ready()
    assert [who for who, _ in other.history()] == ["bot"]


def test_an_organisations_site_on_another_origin_can_embed_it(
    assistant: Assistant, page: Page
) -> None:
    replies = converse(page, assistant.allowed_site.url, ["are you a bot?"])
    assert "automated assistant" in replies[0][0].text
    expect(page.get_by_role("heading", name="Family Help chat")).to_be_visible()


def test_a_site_that_is_not_allowed_is_refused(assistant: Assistant, page: Page) -> None:
    widget = open_widget(page, assistant.other_site.url)
    warnings: list[str] = []
    page.on("console", lambda message: warnings.append(message.text))
    widget.input.fill("hello")
    widget.input.press("Enter")
    # The browser hides the refusal from the page, so the widget cannot tell it from no network.
    expect(widget.alert).to_contain_text("We couldn't reach the assistant.")
    expect(widget.input).to_have_value("hello")
    assert widget.turn() == 0
    assert any("WEBCHAT_ALLOWED_ORIGINS" in warning for warning in warnings)
    assert events_stored(assistant, widget.sender()) == 0


def test_links_from_the_assistant_open_safely(assistant: Assistant, page: Page) -> None:
    widget = open_widget(page, assistant.demo)
    (ask,) = widget.say("can a lawyer look at my dads case")[-1:]
    assert "Yes, share it" in ask.buttons
    replies = widget.press("Yes, share it")
    assert any(QUESTIONNAIRE in reply.text for reply in replies)
    link = widget.log.locator(f"a[href='{QUESTIONNAIRE}']")
    expect(link).to_have_attribute("target", "_blank")
    expect(link).to_have_attribute("rel", "noopener noreferrer")
    expect(link).to_have_accessible_name(f"{QUESTIONNAIRE} (opens in a new tab)")


def test_markdown_is_rendered_and_html_never_runs(assistant: Assistant, page: Page) -> None:
    """Hostile text in a reply (fed through the network layer) is sanitised, links filtered."""
    hostile = (
        "**Bold** and a list:\n- one\n- two\n"
        '<img src=x onerror="window.pwned=1"><script>window.pwned=2</script>'
        '<a href="javascript:window.pwned=3">js</a> [data](data:text/html,hi) '
        "[web](https://example.org/a) [mail](mailto:help@example.org) [call](tel:+15550100) "
        '<b onclick="window.pwned=4">b</b> <iframe src="https://example.org"></iframe>'
    )

    def reply(route: Route) -> None:
        route.fulfill(json={"messages": [{"text": hostile}], "conversation_erased": False})

    widget = open_widget(page, assistant.demo)
    page.route(WEBHOOK, reply)
    (shown,) = widget.say("hello")
    message = widget.log.locator(".msg.bot[data-turn='1']")
    expect(message.locator("strong")).to_have_text("Bold")
    expect(message.locator("li")).to_have_count(2)
    assert message.locator("img, script, iframe, [onclick], [onerror]").count() == 0
    hrefs = [a.get_attribute("href") for a in message.locator("a").all()]
    assert hrefs == ["https://example.org/a", "mailto:help@example.org", "tel:+15550100"]
    for link in message.locator("a").all():
        assert link.get_attribute("target") == "_blank"
        assert link.get_attribute("rel") == "noopener noreferrer"
    assert "js" in shown.text
    assert "data" in shown.text
    assert page.evaluate("() => window.pwned") is None


def test_a_failed_send_keeps_the_message_and_can_be_retried(
    assistant: Assistant, page: Page
) -> None:
    widget = open_widget(page, assistant.allowed_site.url)
    waiting: list[Route] = []
    page.route(WEBHOOK, lambda route: waiting.append(route))  # the assistant never answers
    widget.input.fill("my dad is 70, could he qualify?")
    widget.input.press("Enter")
    expect(widget.status).to_contain_text("The assistant is typing")
    expect(widget.alert).to_contain_text("taking too long", timeout=(TIMEOUT_SECONDS + 5) * 1000)
    expect(widget.alert).to_contain_text("Your message is back in the message box.")
    expect(widget.input).to_have_value("my dad is 70, could he qualify?")
    expect(widget.status).to_be_empty()
    assert [who for who, _ in widget.history()] == ["bot"]

    page.unroute(WEBHOOK)
    page.route(WEBHOOK, lambda route: route.abort("internetdisconnected"))
    page.get_by_role("button", name="Send again").click()
    expect(widget.alert).to_contain_text("couldn't reach the assistant")
    expect(widget.input).to_have_value("my dad is 70, could he qualify?")

    page.unroute(WEBHOOK)
    page.get_by_role("button", name="Send again").click()
    widget.wait_for_turn(1)
    expect(widget.alert).to_be_empty()
    expect(widget.input).to_have_value("")
    assert widget.history()[1] == ("user", "my dad is 70, could he qualify?")


def test_keyboard_alone_is_enough(assistant: Assistant, page: Page) -> None:
    page.goto(assistant.demo)
    widget = Widget(page).ready()
    for _ in range(30):
        page.keyboard.press("Tab")
        if widget.input.evaluate("(node) => node.getRootNode().activeElement === node"):
            break
    expect(widget.input).to_be_focused()
    page.keyboard.type("could my mom qualify?")
    page.keyboard.press("Enter")
    widget.wait_for_turn(1)
    expect(widget.input).to_be_focused()

    # The suggested answers sit just before the message box: Shift+Tab reaches them.
    for _ in range(len(JURISDICTION_BUTTONS)):
        page.keyboard.press("Shift+Tab")
        if widget.button("Federal court").evaluate(
            "(node) => node.getRootNode().activeElement === node"
        ):
            break
    expect(widget.button("Federal court")).to_be_focused()
    page.keyboard.press("Enter")
    widget.wait_for_turn(2)
    assert "on or after November 1, 1987" in widget.replies(2)[0].text
    expect(widget.input).to_be_focused()

    outline = widget.input.evaluate("(node) => getComputedStyle(node).outlineStyle")
    assert outline == "solid"  # focus is visible


def test_no_wcag_21_aa_violations(assistant: Assistant, csp_free_page: Page) -> None:
    page = csp_free_page
    widget = open_widget(page, assistant.demo)
    assert axe_violations(page) == [], "open, welcome and suggested answers"
    widget.say("could my dad qualify?")
    widget.page.route(WEBHOOK, lambda route: route.abort("internetdisconnected"))
    widget.input.fill("federal")
    widget.input.press("Enter")
    expect(widget.alert).to_contain_text("couldn't reach")
    assert axe_violations(page) == [], "a conversation with buttons and an error"
    page.get_by_role("button", name="Hide chat").click()
    assert axe_violations(page) == [], "closed"


@pytest.mark.parametrize("opened", [True, False], ids=["open", "closed"])
def test_a_320_pixel_phone_never_scrolls_sideways(
    assistant: Assistant, browser: Browser, opened: bool
) -> None:
    context = browser.new_context(viewport={"width": 320, "height": 568}, bypass_csp=True)
    try:
        page = context.new_page()
        page.goto(assistant.demo)
        widget = Widget(page).ready()
        if opened:
            widget.open()
            widget.say("could my dad qualify?")
            widget.say("the warden got his request on jan 10, when can we go to court?")
            box = widget.panel.bounding_box()
            assert box is not None
            assert box["x"] >= 0
            assert box["x"] + box["width"] <= 320
        else:
            page.get_by_role("button", name="Hide chat").click()
        widths = page.evaluate(
            """() => {
              const log = document.getElementById('cr-webchat-host').shadowRoot
                .querySelector('.log');
              return {page: document.documentElement.scrollWidth,
                      view: document.documentElement.clientWidth,
                      log: log.scrollWidth, logView: log.clientWidth};
            }"""
        )
        assert widths["page"] <= widths["view"] == 320
        assert widths["log"] <= widths["logView"]
        assert axe_violations(page) == []
    finally:
        context.close()


def test_the_widget_shows_what_rest_would_answer(assistant: Assistant, page: Page) -> None:
    """The helper other tests use returns the same replies as the REST channel gives."""
    steps: list[Step] = ["are you a bot?", "could my dad qualify?", Press("State court")]
    widget_replies = converse(page, assistant.demo, steps)

    sender = f"rest-{Widget(page).sender()}"
    rest_replies: list[list[Reply]] = []
    for step in ["are you a bot?", "could my dad qualify?", '/inform{"jurisdiction": "state"}']:
        answer = httpx.post(
            f"{assistant.url}/webhooks/rest/webhook",
            json={"sender": sender, "message": step},
            timeout=60,
        )
        rest_replies.append(
            [
                Reply(
                    tidy(message["text"]),
                    tuple(button["title"] for button in message.get("buttons", [])),
                )
                for message in answer.json()
            ]
        )
    assert widget_replies == rest_replies
    assert widget_replies[1][-1].buttons == JURISDICTION_BUTTONS


def test_the_widget_files_come_from_the_assistant_only(assistant: Assistant, page: Page) -> None:
    requested: list[str] = []
    page.on("request", lambda request: requested.append(request.url))
    open_widget(page, assistant.demo)
    outside = [url for url in requested if not url.startswith(assistant.url)]
    assert outside == []
    assert f"{assistant.url}/webhooks/webchat/vendor/marked.esm.js" in requested
    assert f"{assistant.url}/webhooks/webchat/vendor/purify.es.mjs" in requested
