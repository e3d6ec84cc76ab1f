"""The log safeguard (bot/logs.py), fed the exact calls through which family text used to leak.

Each test makes the call Rasa, SQLAlchemy, asyncio or Python makes (the real function where it can
be called alone, else the same call with the same arguments) with a family's words, and reads
the log as a handler writes it.
"""

from __future__ import annotations

import asyncio
import copy
import errno
import logging
import re
import sys
import warnings
from collections.abc import Iterator

import pytest
import sqlalchemy as sa
import structlog
from rasa.core.tracker_store import FailSafeTrackerStore, InMemoryTrackerStore
from rasa.shared.core.domain import Domain
from rasa.shared.utils.io import raise_warning
from rasa.utils.log_utils import configure_structlog

from bot import logs
from bot.channels.rest import answer
from bot.settings import SettingsError

FAMILY = "my mother Rosalind has stage 4 pancreatic cancer at FMC Carswell"


def family_words(text: str = FAMILY) -> list[str]:
    """The phrase and each of its words of five letters or more."""
    return [text, *(word for word in re.findall(r"[A-Za-z]+", text) if len(word) >= 5)]


def assert_no_family_text(log: str) -> None:
    """Neither the phrase nor any of its longer words appears, in any case."""
    leaked = [word for word in family_words() if word.lower() in log.lower()]
    assert not leaked, f"family text in the log: {leaked}\n{log}"


@pytest.fixture
def log(caplog: pytest.LogCaptureFixture) -> Iterator[pytest.LogCaptureFixture]:
    """Every record at DEBUG and above, made with the safeguard installed (as it was after)."""
    was_installed = logs.is_installed()
    logs.install()
    caplog.set_level(logging.DEBUG)
    try:
        yield caplog
    finally:
        if not was_installed:
            logs.uninstall()


@pytest.fixture
def rasas_structlog() -> Iterator[structlog.stdlib.BoundLogger]:
    """structlog set up exactly as Rasa's server sets it up (at DEBUG), then reset."""
    configure_structlog(logging.DEBUG)
    try:
        yield structlog.get_logger()
    finally:
        structlog.reset_defaults()


def test_the_safeguard_is_installed_once_and_can_be_removed() -> None:
    was_installed = logs.is_installed()  # another test's app may have installed it
    logs.uninstall()
    try:
        before = logging.getLogRecordFactory()
        logs.install()
        installed = logging.getLogRecordFactory()
        logs.install()
        assert logs.is_installed()
        assert logging.getLogRecordFactory() is installed is not before
        logs.uninstall()
        assert logging.getLogRecordFactory() is before
        assert not logs.is_installed()
    finally:
        if was_installed:
            logs.install()


def test_rasas_rest_channel_failure_keeps_only_its_event_key(
    log: pytest.LogCaptureFixture, rasas_structlog: structlog.stdlib.BoundLogger
) -> None:
    text = FAMILY
    try:
        raise ValueError(f"could not handle {text}")
    except ValueError:
        rasas_structlog.exception("rest.message.received.failure", text=copy.deepcopy(text))

    assert_no_family_text(log.text)
    assert "rest.message.received.failure" in log.text
    # structlog's traceback (with local variables) is reduced to the exception type and frames.
    assert "ValueError: [text withheld]" in log.text
    assert "test_rasas_rest_channel_failure_keeps_only_its_event_key" in log.text


def test_a_failed_pika_publish_keeps_only_its_event_key(
    log: pytest.LogCaptureFixture, rasas_structlog: structlog.stdlib.BoundLogger
) -> None:
    event = {"event": "user", "text": FAMILY, "parse_data": {"text": FAMILY}}
    rasas_structlog.error(
        "pika.events.publish.failed",
        event_info="Logging a reduced version of the failed Pika event",
        host="localhost",
        rasa_event=event,
    )

    assert_no_family_text(log.text)
    assert "pika.events.publish.failed [details withheld]" in log.text


def test_a_structlog_line_through_a_plain_stdlib_logger_keeps_only_its_event_key(
    log: pytest.LogCaptureFixture,
) -> None:
    # The stdlib logger existed before structlog wrapped it, so it reports structlog's frame.
    plain = structlog.wrap_logger(
        logging.getLogger("rasa.core.brokers.pika"),
        processors=[structlog.processors.JSONRenderer()],
    )
    plain.debug("pika.events.publish", rasa_event={"event": "user", "text": FAMILY})

    assert_no_family_text(log.text)
    assert "pika.events.publish [details withheld]" in log.text


def test_rasas_debug_lines_about_parse_data_and_slots_keep_only_their_event_keys(
    log: pytest.LogCaptureFixture, rasas_structlog: structlog.stdlib.BoundLogger
) -> None:
    rasas_structlog.debug(
        "processor.message.parse",
        parse_data_text=FAMILY,
        parse_data_intent={"name": "inform"},
        parse_data_entities=[{"entity": "facility", "value": "FMC Carswell"}],
    )
    rasas_structlog.debug("processor.slots.log", slot_values="\tillness: pancreatic cancer")
    logging.getLogger("rasa.core.processor").debug(
        f"Received user message '{FAMILY}' with intent 'inform'"
    )

    assert_no_family_text(log.text)
    assert "processor.message.parse [details withheld]" in log.text
    assert "processor.slots.log [details withheld]" in log.text
    assert "Received user message '<withheld>' with intent 'inform'" in log.text


def test_a_tracker_store_error_quoting_sql_parameters_keeps_only_its_types(
    log: pytest.LogCaptureFixture,
) -> None:
    # A real SQLAlchemy error from an engine without hide_parameters quotes the row it wrote.
    engine = sa.create_engine("sqlite://")
    with engine.begin() as connection:
        connection.execute(sa.text("CREATE TABLE events (data TEXT UNIQUE)"))
        connection.execute(sa.text("INSERT INTO events VALUES (:data)"), {"data": FAMILY})
    with pytest.raises(sa.exc.IntegrityError) as raised, engine.begin() as connection:
        connection.execute(sa.text("INSERT INTO events VALUES (:data)"), {"data": FAMILY})
    error = raised.value
    assert FAMILY in str(error)

    # Rasa's own code: the fail-safe store logs the error's text, SQLTrackerStore the error itself.
    FailSafeTrackerStore(InMemoryTrackerStore(Domain.empty())).on_tracker_store_error(error)
    logging.getLogger("rasa.core.tracker_store").warning(error)
    logging.getLogger("sqlalchemy.pool").error("Exception during reset", exc_info=error)

    assert_no_family_text(log.text)
    assert "Error happened when trying to save conversation tracker to '<withheld>'" in log.text
    assert "[message withheld] sqlalchemy.exc.IntegrityError" in log.text
    assert "sqlalchemy.exc.IntegrityError: [text withheld]" in log.text
    assert "sqlite3.IntegrityError: [text withheld]" in log.text
    assert "The above exception was the direct cause of the following exception" in log.text


def test_a_slash_message_naming_no_intent_warns_without_the_words(
    log: pytest.LogCaptureFixture,
) -> None:
    intent = FAMILY.replace(" ", "_")
    with warnings.catch_warnings():
        warnings.simplefilter("always")
        warnings.showwarning = logs.show_warning  # as installed; pytest records warnings itself
        raise_warning(
            f"Parsed an intent '{intent}' which is not defined in the domain. "
            "Please make sure all intents are listed in the domain."
        )

    assert_no_family_text(log.text)
    assert re.search(r"UserWarning at \S+\.py:\d+ \[message withheld\]", log.text)


def test_a_template_keeps_its_words_and_loses_its_arguments(log: pytest.LogCaptureFixture) -> None:
    logging.getLogger("sanic.error").error(
        "Exception occurred while handling uri: %s (%d%%)", f"/webhooks/rest?q={FAMILY}", 42
    )

    assert_no_family_text(log.text)
    assert "Exception occurred while handling uri: <withheld> (<withheld>%)" in log.text


def test_of_an_f_string_only_the_calling_codes_phrases_are_kept(
    log: pytest.LogCaptureFixture,
) -> None:
    action = FAMILY
    try:
        raise ConnectionRefusedError(errno.ECONNREFUSED, f"refused while sending {FAMILY}")
    except ConnectionRefusedError:
        logging.getLogger("rasa.core.processor").exception(
            f"Encountered an exception while running action '{action}'."
            "Bot will continue, but the actions events are lost. "
        )

    assert_no_family_text(log.text)
    assert (
        "Encountered an exception while running action '<withheld>'.Bot will continue" in log.text
    )
    assert "ConnectionRefusedError [ECONNREFUSED]: [text withheld]" in log.text


def test_words_the_calling_code_also_holds_are_still_withheld_inside_a_value(
    log: pytest.LogCaptureFixture,
) -> None:
    known = {"pancreatic cancer": 1, "FMC Carswell": 2, "my mother ": 3}
    logging.getLogger("rasa.nlu").info(f"Parsed {FAMILY} against {len(known)} names")

    assert_no_family_text(log.text)
    assert "Parsed <withheld> against <withheld> names" in log.text


def test_a_message_logged_while_handling_an_exception_names_its_type(
    log: pytest.LogCaptureFixture,
) -> None:
    try:
        raise TimeoutError(FAMILY)
    except TimeoutError as error:
        logging.getLogger("rasa.core.lock_store").error(f"Could not lock: {error}")

    assert_no_family_text(log.text)
    assert "Could not lock: <withheld> [while handling TimeoutError]" in log.text


def test_asyncios_report_of_a_failed_task_is_withheld(log: pytest.LogCaptureFixture) -> None:
    loop = asyncio.new_event_loop()
    try:
        loop.call_exception_handler(
            {
                "message": "Task exception was never retrieved",
                "exception": RuntimeError(FAMILY),
                "transport": FAMILY,
            }
        )
    finally:
        loop.close()

    assert_no_family_text(log.text)
    assert "RuntimeError: [text withheld]" in log.text


def test_an_uncaught_exception_is_logged_without_its_text(log: pytest.LogCaptureFixture) -> None:
    try:
        raise KeyError(FAMILY)
    except KeyError:
        sys.excepthook(*sys.exc_info())

    assert_no_family_text(log.text)
    assert "Uncaught KeyError, the process ends" in log.text


def test_our_own_records_stay_readable_and_lose_only_exception_text(
    log: pytest.LogCaptureFixture,
) -> None:
    from rasa.core.channels.channel import CollectingOutputChannel, UserMessage

    async def fails(message: UserMessage) -> None:
        raise RuntimeError(f"could not handle {message.text}")

    collector = CollectingOutputChannel()
    reply = asyncio.run(answer(fails, UserMessage(FAMILY, collector, "fam-1"), collector))

    assert reply.status == 500
    assert_no_family_text(log.text + reply.body.decode())
    assert re.search(
        r"rest: a message failed with builtins\.RuntimeError at \S+test_logs\.py", log.text
    )


def test_alembics_migration_lines_stay_readable(log: pytest.LogCaptureFixture) -> None:
    logging.getLogger("alembic.runtime.migration").info("Running %s", "upgrade  -> 0001_referrals")

    assert "Running upgrade  -> 0001_referrals" in log.text


def test_configuration_errors_keep_their_advice() -> None:
    try:
        raise SettingsError("DATABASE_URL must be set")
    except SettingsError as error:
        described = logs.describe_exception(error)
    assert "bot.settings.SettingsError: DATABASE_URL must be set" in described


def test_a_record_that_cannot_be_redacted_says_so_and_carries_nothing() -> None:
    record = logging.LogRecord("rasa", logging.ERROR, __file__, 1, FAMILY, (), None)
    record.exc_info = (ValueError, FAMILY, None)  # type: ignore[assignment]

    redacted = logs.safely_redacted(record)

    assert redacted.getMessage().startswith("[record withheld: redaction failed")
    assert redacted.exc_info is None
