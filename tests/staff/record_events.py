"""Record real Rasa events for the staff console's tests and benchmark.

`PYTHONPATH=. .venv/bin/python -m tests.staff.record_events` starts the real action server and
Rasa server with the trained model (bot.devtools.stack), replays the scripted family
conversations below over REST, and writes every row Rasa stored in `events` (and the referral
the assistant recorded) to tests/staff/data/recorded.json. The tests and the benchmark replay
these rows, so the console is tested on exactly what Rasa writes. Run it again after the
conversation changes; the families here are made up.
"""

from __future__ import annotations

import json
import sys
import tempfile
from pathlib import Path
from typing import Any

import httpx
import sqlalchemy as sa

from benchmarks.scenarios import SCENARIOS
from bot.devtools.stack import free_port, rasa_stack, sqlite_config

OUTPUT = Path(__file__).resolve().parent / "data" / "recorded.json"

SCRIPTS: dict[str, tuple[str, ...]] = {
    "questions": (
        "hi",
        "what is compassionate release",
        "my dad is 67 and sick, who qualifies?",
        "does he have to ask the warden first",
        "thank you",
    ),
    "deadline": (
        "hello",
        "the warden got my husbands request on jan 10, when can we go to court?",
        "bye",
    ),
    # The benchmark's screening, then the family asks for the Clearinghouse and agrees.
    "screening_referral": (*SCENARIOS["screening"], "we want help from the clearinghouse", "yes"),
    "state": (
        "hi there",
        "my son is in a state prison in ohio can he get compassionate release",
        "ok thanks",
    ),
    "fallback": (
        "hello",
        "zxqv plorb wibble",
        "no",
        "ugh frobnicate the quux",
        "can i talk to a real person",
    ),
}


def record() -> dict[str, Any]:
    """Replay every script on a fresh stack; return the stored rows per conversation."""
    with tempfile.TemporaryDirectory() as directory:
        tmp = Path(directory)
        action_port = free_port()
        endpoints, env = sqlite_config(tmp, action_port)
        with rasa_stack(tmp, endpoints, action_port, env) as running:
            for name, messages in SCRIPTS.items():
                for text in messages:
                    response = httpx.post(
                        f"{running.url}/webhooks/rest/webhook",
                        json={"sender": f"recorded-{name}", "message": text},
                        timeout=60.0,
                    )
                    response.raise_for_status()
        engine = sa.create_engine(env["DATABASE_URL"])
        with engine.connect() as connection:
            events = connection.execute(sa.text("SELECT * FROM events ORDER BY id")).mappings()
            rows = [dict(row) for row in events]
            referrals = connection.execute(sa.text("SELECT * FROM referrals")).mappings()
            referral_rows = [dict(row) for row in referrals]
        engine.dispose()
    conversations: dict[str, list[dict[str, Any]]] = {name: [] for name in SCRIPTS}
    for row in rows:
        name = row["sender_id"].removeprefix("recorded-")
        conversations[name].append(
            {
                "type_name": row["type_name"],
                "timestamp": row["timestamp"],
                "intent_name": row["intent_name"],
                "action_name": row["action_name"],
                "data": json.loads(row["data"]),
            }
        )
    return {
        "conversations": conversations,
        "referrals": [
            {
                "conversation": row["sender_id"].removeprefix("recorded-"),
                "channel": row["channel"],
                "summary": row["summary"],
                "facts": json.loads(row["facts"]),
                "assessment": json.loads(row["assessment"]) if row["assessment"] else None,
            }
            for row in referral_rows
        ],
    }


def main() -> int:
    """Write tests/staff/data/recorded.json."""
    recorded = record()
    OUTPUT.write_text(json.dumps(recorded, indent=1, ensure_ascii=False) + "\n")
    counts = {name: len(rows) for name, rows in recorded["conversations"].items()}
    print(
        f"wrote {OUTPUT}: events per conversation {counts}, referrals {len(recorded['referrals'])}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
