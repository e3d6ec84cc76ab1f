"""Staff console benchmark: the conversation list and its filters over 100,000 conversations.

    PYTHONPATH=. .venv/bin/python -m benchmarks.staff_console --conversations 100000

Creates a throwaway PostgreSQL database (bot.devtools.postgres), makes Rasa's `events` table
with Rasa's own model and migrates the staff tables, then COPYs in conversations built from the
rows Rasa stored for the scripted families of tests/staff/data/recorded.json (same columns and
JSON, with new sender ids, channels, times, some words added and some confidences lowered), plus
the referrals of the screening conversations. It indexes them with the console's incremental
sync, signs in through the Flask test client and times the list page, deep pages, several
filter pages, a transcript, the referral queue and the dashboard: p50 and p95 of --requests
requests each (after --warmup). The database is dropped at the end.
"""

from __future__ import annotations

import argparse
import copy
import csv
import io
import json
import random
import re
import statistics
import time
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from flask.testing import FlaskClient
from rasa.core.tracker_store import SQLTrackerStore

from bot.devtools.postgres import temporary_database
from bot.devtools.postgres import url as postgres_url
from bot.settings import Settings
from bot.staff import create_app
from bot.staff.accounts import create_user
from bot.staff.database import console_engine
from bot.staff.indexer import sync
from bot.staff.listing import PAGE_SIZE
from bot.storage import transaction
from bot.storage.migrate import upgrade
from bot.storage.schema import StaffRole, referrals, staff_conversations

ROOT = Path(__file__).resolve().parents[1]
RECORDED = ROOT / "tests" / "staff" / "data" / "recorded.json"
PASSWORD = "staff console timing 3582"
COPY_BATCH_EVENTS = 50_000
# (recording, family turns kept or None for all, weight): mostly short conversations, as on a
# public FAQ assistant, and about 1% that go through the whole screening to a referral.
VARIANTS: tuple[tuple[str, int | None, float], ...] = (
    ("questions", 1, 0.22),
    ("questions", 2, 0.12),
    ("questions", 4, 0.05),
    ("deadline", 1, 0.14),
    ("deadline", 2, 0.07),
    ("state", 1, 0.14),
    ("state", 2, 0.07),
    ("fallback", 2, 0.10),
    ("fallback", 4, 0.08),
    ("screening_referral", None, 0.01),
)
CHANNELS = (("rest", 0.5), ("webchat", 0.3), ("telegram", 0.2))
WORDS = [
    "ohio",
    "texas",
    "florida",
    "georgia",
    "california",
    "butner",
    "carswell",
    "rochester",
    "devens",
    "springfield",
    "dementia",
    "cancer",
    "stroke",
    "dialysis",
    "wheelchair",
    "blind",
    "diabetes",
    "heart",
    "liver",
    "kidney",
    "parkinson",
    "grandson",
    "daughter",
    "husband",
    "wife",
    "mother",
    "father",
    "brother",
    "sister",
    "aunt",
    "uncle",
    "cousin",
    "son",
    "lawyer",
    "judge",
    "warden",
    "motion",
    "appeal",
    "denial",
    "letter",
    "form",
    "paperwork",
    "records",
    "doctor",
    "nurse",
]
STATUSES = ("new", "contacted", "submitted", "closed")


@dataclass(frozen=True)
class Template:
    """The rows of one recorded conversation, cut after some turns."""

    name: str
    rows: list[dict[str, Any]]
    offsets: list[float]


def templates() -> list[Template]:
    """Each VARIANT as rows with their time offsets from the first event."""
    recorded = json.loads(RECORDED.read_text(encoding="utf-8"))["conversations"]
    built = []
    for name, turns, _ in VARIANTS:
        rows = recorded[name]
        if turns is not None:
            listens = [
                n
                for n, row in enumerate(rows)
                if row["action_name"] == "action_listen"
                and any(r["type_name"] == "user" for r in rows[:n])
            ]
            rows = rows[: listens[min(turns, len(listens)) - 1] + 1]
        base = rows[0]["timestamp"]
        built.append(Template(name, rows, [row["timestamp"] - base for row in rows]))
    return built


def conversation_rows(
    template: Template, sender_id: str, channel: str, start: float, rng: random.Random
) -> Iterator[tuple[str, str, float, str | None, str | None, str]]:
    """The template's rows for one family: (sender_id, type_name, timestamp, intent, action, data)."""
    for row, offset in zip(template.rows, template.offsets, strict=True):
        data = dict(row["data"])
        data["timestamp"] = start + offset
        intent_name = row["intent_name"]
        if row["type_name"] == "user":
            data["input_channel"] = channel
            parse = dict(data["parse_data"])
            intent = dict(parse["intent"])
            if not data["text"].startswith("/") and rng.random() < 0.5:
                data["text"] = f"{data['text']} {rng.choice(WORDS)}"
                parse["text"] = data["text"]
            draw = rng.random()
            if draw < 0.04:
                intent = {"name": "nlu_fallback", "confidence": 0.65}
                intent_name = "nlu_fallback"
            elif draw < 0.12:
                intent["confidence"] = round(rng.uniform(0.3, 0.69), 4)
            parse["intent"] = intent
            data["parse_data"] = parse
        yield (
            sender_id,
            row["type_name"],
            data["timestamp"],
            intent_name,
            row["action_name"],
            json.dumps(data),
        )


def seed(database_url: str, conversations: int, rng: random.Random) -> tuple[int, float]:
    """COPY the conversations' events (and insert their referrals); return (events, seconds)."""
    started = time.monotonic()
    variants = templates()
    weights = [weight for _, _, weight in VARIANTS]
    now = datetime.now(timezone.utc).timestamp()
    referral_template = json.loads(RECORDED.read_text(encoding="utf-8"))["referrals"][0]
    engine = sa.create_engine(database_url)
    raw = engine.raw_connection()
    events = 0
    referral_rows: list[dict[str, Any]] = []
    try:
        cursor = raw.cursor()
        buffer = io.StringIO()
        writer = csv.writer(buffer)
        pending = 0
        for n in range(conversations):
            template = rng.choices(variants, weights)[0]
            channel = rng.choices([c for c, _ in CHANNELS], [w for _, w in CHANNELS])[0]
            sender_id = f"bench-{n:06d}"
            start = now - rng.uniform(0, 365 * 86400)
            for row in conversation_rows(template, sender_id, channel, start, rng):
                writer.writerow(row)
                pending += 1
            if template.name == "screening_referral":
                referral_rows.append(
                    {
                        "sender_id": sender_id,
                        "channel": channel,
                        "status": rng.choice(STATUSES),
                        "summary": referral_template["summary"],
                        "facts": referral_template["facts"],
                        "assessment": copy.deepcopy(referral_template["assessment"]),
                        "consented_at": datetime.fromtimestamp(
                            start + template.offsets[-1], timezone.utc
                        ),
                    }
                )
            if pending >= COPY_BATCH_EVENTS or n == conversations - 1:
                buffer.seek(0)
                cursor.copy_expert(
                    "COPY events (sender_id, type_name, timestamp, intent_name, action_name, "
                    "data) FROM STDIN WITH (FORMAT csv)",
                    buffer,
                )
                events += pending
                pending = 0
                buffer = io.StringIO()
                writer = csv.writer(buffer)
        raw.commit()
    finally:
        raw.close()
    with engine.begin() as connection:
        if referral_rows:
            connection.execute(sa.insert(referrals), referral_rows)
        connection.execute(sa.text("ANALYZE"))
    engine.dispose()
    return events, time.monotonic() - started


def index(database_url: str) -> tuple[int, float]:
    """The console's incremental sync until caught up; return (conversations, seconds)."""
    engine = console_engine(database_url)
    started = time.monotonic()
    try:
        while True:
            with transaction(engine) as session:
                if sync(session).caught_up:
                    break
        seconds = time.monotonic() - started
        with engine.begin() as connection:
            connection.execute(sa.text("ANALYZE"))
            conversations = connection.execute(
                sa.select(sa.func.count()).select_from(staff_conversations)
            ).scalar_one()
    finally:
        engine.dispose()
    return int(conversations), seconds


def signed_in(client: FlaskClient) -> None:
    """Sign in through the login form, CSRF token included."""
    page = client.get("/login").get_data(as_text=True)
    token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', page)
    assert token is not None
    response = client.post(
        "/login",
        data={"csrf_token": token.group(1), "username": "bench", "password": PASSWORD},
    )
    assert response.status_code == 302, response.status_code


def timed(client: FlaskClient, url: str, requests: int, warmup: int) -> tuple[list[float], str]:
    """Milliseconds per request of `url`, and the last page."""
    for _ in range(warmup):
        client.get(url)
    latencies, body = [], ""
    for _ in range(requests):
        started = time.perf_counter()
        response = client.get(url)
        latencies.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200, (url, response.status_code)
        body = response.get_data(as_text=True)
    return latencies, body


def percentile(values: list[float], share: float) -> float:
    """The `share` quantile (nearest rank)."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(share * len(ordered)) - 1))]


def deep_page(client: FlaskClient, pages: int) -> str:
    """The URL of the list page `pages` pages in, following the "Older" links."""
    url = "/conversations/"
    for _ in range(pages):
        body = client.get(url).get_data(as_text=True)
        older = re.search(r'href="(/conversations/\?after=[^"]+)" rel="next"', body)
        assert older is not None
        url = older.group(1).replace("&amp;", "&")
    return url


def main() -> None:
    """Seed, index, measure, print."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--conversations", type=int, default=100_000)
    parser.add_argument("--requests", type=int, default=40)
    parser.add_argument("--warmup", type=int, default=3)
    args = parser.parse_args()
    rng = random.Random(3582)
    with temporary_database("cr_bench_staff") as name:
        url = postgres_url(name)
        engine = sa.create_engine(url)
        SQLTrackerStore.Base.metadata.create_all(engine)
        engine.dispose()
        upgrade(url)
        events, seed_seconds = seed(url, args.conversations, rng)
        print(
            f"seeded {args.conversations} conversations, {events} events in {seed_seconds:.1f} s "
            f"({events / seed_seconds:,.0f} events/s, COPY)"
        )
        indexed, index_seconds = index(url)
        print(
            f"indexed {indexed} conversations in {index_seconds:.1f} s "
            f"({events / index_seconds:,.0f} events/s, one-off catch-up)"
        )
        engine = sa.create_engine(url)
        with engine.connect() as connection:
            size = connection.execute(
                sa.text("SELECT pg_size_pretty(pg_database_size(current_database()))")
            ).scalar_one()
        with transaction(engine) as session:
            create_user(session, "bench", PASSWORD, StaffRole.REVIEWER)
            screening = session.execute(
                sa.select(referrals.c.id, referrals.c.sender_id).limit(1)
            ).first()
        engine.dispose()
        print(f"database size: {size}")
        app = create_app(Settings(database_url=url, staff_secret_key="b" * 48))
        client = app.test_client()
        signed_in(client)
        today = datetime.now(timezone.utc).date()
        depth = max(1, min(40, args.conversations // PAGE_SIZE - 1))
        pages = {
            "list, first page": "/conversations/",
            f"list, {depth} pages deep": deep_page(client, depth),
            "filter: fallback": "/conversations/?fallback=yes",
            "filter: channel telegram": "/conversations/?channel=telegram",
            "filter: confidence < 0.5": "/conversations/?below=0.5",
            "filter: intent faq/who_qualifies": "/conversations/?intent=faq/who_qualifies",
            "filter: slot jurisdiction=federal": "/conversations/?slot=jurisdiction=federal",
            "filter: entity AGE": "/conversations/?entity=AGE",
            "filter: text 'dementia'": "/conversations/?text=dementia",
            "filter: unreviewed, referral, webchat": (
                "/conversations/?review=unreviewed&referral=yes&channel=webchat"
            ),
            "filter: last 7 days, ≥ 2 messages": (
                f"/conversations/?since={today - timedelta(days=7)}&min_messages=2"
            ),
            "filter: action + text + below": (
                "/conversations/?action=action_two_stage_fallback&text=warden&below=0.9"
            ),
        }
        if screening is not None:
            pages["transcript (screening, 195 events)"] = (
                f"/conversations/view/{screening.sender_id}"
            )
            pages["referral detail"] = f"/referrals/{screening.id}"
        pages["referral queue"] = "/referrals/"
        pages["dashboard, 30 days"] = "/dashboard/"
        pages["dashboard, 365 days"] = "/dashboard/?days=365"
        print(f"\n{'page':42} {'rows':>5} {'p50 ms':>8} {'p95 ms':>8} {'max ms':>8}")
        for label, page_url in pages.items():
            latencies, body = timed(client, page_url, args.requests, args.warmup)
            rows = (
                len(re.findall(r'href="/conversations/view/', body))
                if "/conversations/?" in page_url or page_url == "/conversations/"
                else "–"
            )
            print(
                f"{label:42} {rows!s:>5} {statistics.median(latencies):8.1f} "
                f"{percentile(latencies, 0.95):8.1f} {max(latencies):8.1f}"
            )


if __name__ == "__main__":
    main()
