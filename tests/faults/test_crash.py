"""A crash in the middle of a screening loses nothing: kill -9 Rasa, then the action server.

Real processes, as `make run` starts them, on the embedded SQLite store. To crash in the middle
of a turn rather than between two, the action server is frozen (SIGSTOP) first: Rasa's turn then
waits on its call, and the kill lands before the turn could be saved. After a restart the family
sends the same answer again, as anyone would after an error, and the screening goes on from the
question it was at, with every earlier answer kept.
"""

from __future__ import annotations

import os
import signal
import threading
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from bot.devtools import stack
from bot.devtools.stack import Stack, sqlite_config
from bot.wording import say
from tests.e2e.servers import MODEL, free_port, stored_events
from tests.e2e.test_screening import Family, question_in

pytestmark = pytest.mark.e2e

EARLIER_ANSWERS = (
    ("could my dad get compassionate release?", "jurisdiction"),
    ("he's at fci butner", "offense_era"),
    ("it was in 2012", "age"),
    ("hes 58", "terminal_illness"),
)
ANSWER_IN_FLIGHT = "he has stage 4 cancer"
NEXT_QUESTION = "life_expectancy_months"


@pytest.fixture
def running(tmp_path: Path) -> Iterator[tuple[Stack, str]]:
    """The servers on a throwaway SQLite store, and that store's database URL."""
    action_port = free_port()
    endpoints, env = sqlite_config(tmp_path, action_port)
    try:
        with stack.rasa_stack(tmp_path, endpoints, action_port, env, model=MODEL) as servers:
            yield servers, env["DATABASE_URL"]
    except stack.StackError as error:
        pytest.fail(str(error), pytrace=False)


def reach_the_illness_question(family: Family) -> None:
    for text, asked_next in EARLIER_ANSWERS:
        assert question_in(family.say(text)[-1]) == asked_next


class InFlight(threading.Thread):
    """`text` sent from another thread; `outcome` is what the family saw, whatever it was."""

    def __init__(self, family: Family, text: str) -> None:
        super().__init__(daemon=True)
        self.family, self.text, self.outcome = family, text, "nothing yet"
        self.start()

    def run(self) -> None:
        try:
            self.outcome = "\n".join(self.family.say(self.text))
        except (httpx.HTTPError, AssertionError) as failure:
            self.outcome = type(failure).__name__


def let_the_turn_reach_the_frozen_action_server() -> None:
    threading.Event().wait(1.5)


def user_texts(database_url: str, sender: str) -> list[str]:
    return [
        str(event.get("text"))
        for event in stored_events(database_url, sender)
        if event.get("event") == "user"
    ]


def crash_in_the_middle_of_a_turn(servers: Stack, family: Family, victim: stack.Server) -> str:
    """Freeze the action server, send the answer, kill -9 `victim` while Rasa waits on the
    action call, then bring everything back; what the family saw of the turn in flight."""
    os.killpg(servers.actions.pid, signal.SIGSTOP)
    in_flight = InFlight(family, ANSWER_IN_FLIGHT)
    let_the_turn_reach_the_frozen_action_server()
    victim.kill()
    if victim is not servers.actions:
        os.killpg(servers.actions.pid, signal.SIGCONT)
    in_flight.join(timeout=60)
    victim.restart()
    return in_flight.outcome


def assert_every_answer_kept_once(database_url: str, family: Family) -> None:
    earlier = [text for text, _ in EARLIER_ANSWERS]
    assert user_texts(database_url, family.sender) == [*earlier, ANSWER_IN_FLIGHT]


def test_killing_rasa_mid_turn_keeps_every_answer_and_the_place_in_the_screening(
    running: tuple[Stack, str],
) -> None:
    servers, database_url = running
    family = Family(servers.url)
    reach_the_illness_question(family)

    saw = crash_in_the_middle_of_a_turn(servers, family, servers.rasa)

    assert saw in ("RemoteProtocolError", "ReadError", "ConnectError")  # the connection dropped
    assert question_in(family.say(ANSWER_IN_FLIGHT)[-1]) == NEXT_QUESTION
    assert_every_answer_kept_once(database_url, family)


def test_killing_the_action_server_mid_turn_keeps_every_answer_and_the_place_in_the_screening(
    running: tuple[Stack, str],
) -> None:
    servers, database_url = running
    family = Family(servers.url)
    reach_the_illness_question(family)

    saw = crash_in_the_middle_of_a_turn(servers, family, servers.actions)

    assert saw == say("channels.turn_failed")  # told to send it again, not left in silence
    assert question_in(family.say(ANSWER_IN_FLIGHT)[-1]) == NEXT_QUESTION
    assert_every_answer_kept_once(database_url, family)
