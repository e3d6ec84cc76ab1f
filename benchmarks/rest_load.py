"""Load benchmark: simulated families talk to the assistant at once over the REST channel.

    PYTHONPATH=. .venv/bin/python -m benchmarks.rest_load --families 20 --rounds 3

Starts its own action server and Rasa server on free loopback ports with a throwaway SQLite
tracker store (or use --url for servers already running), replays whole conversations from
`benchmarks/scenarios.py` with N families concurrently (each family waits for the reply before its
next message, as a person does), and prints latency percentiles per message, messages per second
and the servers' resident memory. Loops are bounded by --rounds and --timeout.
"""

from __future__ import annotations

import argparse
import asyncio
import itertools
import random
import statistics
import tempfile
import time
import uuid
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import httpx

from benchmarks.scenarios import SCENARIOS
from bot.devtools.postgres import temporary_database
from bot.devtools.stack import free_port, production_config, rasa_stack, sqlite_config


@dataclass
class Results:
    """Latencies in seconds, per message, and the failures seen."""

    latencies: list[float] = field(default_factory=list)
    by_scenario: dict[str, list[float]] = field(default_factory=dict)
    errors: list[str] = field(default_factory=list)


def rss_mib(pid: int) -> float:
    """Resident memory of a process and all its descendants, in MiB (Linux /proc)."""
    total_kib = 0
    for process in _tree(pid):
        try:
            for line in Path(f"/proc/{process}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    total_kib += int(line.split()[1])
        except (FileNotFoundError, ProcessLookupError):
            continue
    return total_kib / 1024


def _tree(pid: int) -> list[int]:
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            parent = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
        except (FileNotFoundError, IndexError, ValueError):
            continue
        children.setdefault(parent, []).append(int(entry.name))
    found, stack = [], [pid]
    while stack:
        current = stack.pop()
        found.append(current)
        stack.extend(children.get(current, []))
    return found


async def family(
    client: httpx.AsyncClient,
    url: str,
    scenario: str,
    rounds: int,
    think: float,
    results: Results,
    seat: int,
) -> None:
    """One family: replays a conversation `rounds` times, each time as a new sender.

    With `think` > 0 the family pauses a random 0.5x-1.5x `think` seconds before each message,
    as a person reading and typing does; with 0 it sends the next message at once.
    """
    # Each family its own pace: families replaying the same scenario must not move in step.
    pace = random.Random(f"{scenario}-{seat}")
    for _ in range(rounds):
        sender = f"bench-{uuid.uuid4().hex}"
        for text in SCENARIOS[scenario]:
            if think > 0:
                await asyncio.sleep(think * pace.uniform(0.5, 1.5))
            started = time.perf_counter()
            try:
                response = await client.post(
                    f"{url}/webhooks/rest/webhook", json={"sender": sender, "message": text}
                )
                response.raise_for_status()
                if not response.json():
                    results.errors.append(f"empty reply to {text!r}")
            except httpx.HTTPError as error:
                results.errors.append(f"{type(error).__name__} on {text!r}")
                continue
            elapsed = time.perf_counter() - started
            results.latencies.append(elapsed)
            results.by_scenario.setdefault(scenario, []).append(elapsed)


async def run_load(
    url: str, families: int, rounds: int, think: float, timeout: float
) -> tuple[Results, float]:
    """Run every family to the end (or until `timeout`); return results and wall time."""
    results = Results()
    limits = httpx.Limits(max_connections=families, max_keepalive_connections=families)
    async with httpx.AsyncClient(timeout=60.0, limits=limits) as client:
        # Warm-up: the first message loads lazily initialised parts of the pipeline.
        await client.post(
            f"{url}/webhooks/rest/webhook", json={"sender": "warmup", "message": "hi"}
        )
        scenarios = itertools.cycle(SCENARIOS)
        tasks = [
            family(client, url, next(scenarios), rounds, think, results, seat)
            for seat in range(families)
        ]
        started = time.perf_counter()
        await asyncio.wait_for(asyncio.gather(*tasks), timeout=timeout)
        return results, time.perf_counter() - started


def percentile(values: list[float], share: float) -> float:
    """The `share` percentile (0-1) by the nearest-rank method."""
    ordered = sorted(values)
    rank = max(0, min(len(ordered) - 1, round(share * len(ordered) + 0.5) - 1))
    return ordered[rank]


def report(
    results: Results, wall: float, memory: dict[str, float], families: int, think: float
) -> str:
    """The figures, as printed."""
    values = results.latencies
    lines = [
        f"families (concurrent): {families}, think time: {think:.1f} s",
        f"messages: {len(values)} in {wall:.1f} s -> {len(values) / wall:.1f} messages/s",
        f"errors: {len(results.errors)}",
        "latency per message (ms): "
        f"p50 {percentile(values, 0.50) * 1000:.0f}, p95 {percentile(values, 0.95) * 1000:.0f}, "
        f"p99 {percentile(values, 0.99) * 1000:.0f}, max {max(values) * 1000:.0f}, "
        f"mean {statistics.fmean(values) * 1000:.0f}",
    ]
    for scenario, latencies in sorted(results.by_scenario.items()):
        lines.append(
            f"  {scenario:<12} n={len(latencies):<4} p50 {percentile(latencies, 0.5) * 1000:.0f} ms,"
            f" p95 {percentile(latencies, 0.95) * 1000:.0f} ms"
        )
    for name, mib in memory.items():
        lines.append(f"resident memory, {name}: {mib:.0f} MiB")
    lines.extend(f"  error: {error}" for error in results.errors[:10])
    return "\n".join(lines)


@contextmanager
def servers(url: str | None, config: str, workers: int) -> Iterator[tuple[str, dict[str, int]]]:
    """The servers to load: the given URL, or our own stack on free ports.

    `embedded`: SQLite tracker store, in-memory locks (what `make run` uses; one worker only).
    `production`: deploy/endpoints.production.yml on the local PostgreSQL, Redis and RabbitMQ,
    with `workers` Sanic workers (Rasa allows several only with a shared lock store).
    """
    if url:
        yield url, {}
        return
    with tempfile.TemporaryDirectory(prefix="bench-") as tmp, ExitStack() as stack:
        action_port = free_port()
        if config == "production":
            database = stack.enter_context(temporary_database("cr_bench"))
            endpoints, env = production_config(action_port, database)
            env["SANIC_WORKERS"] = str(workers)
        else:
            endpoints, env = sqlite_config(Path(tmp), action_port)
        running = stack.enter_context(rasa_stack(Path(tmp), endpoints, action_port, env))
        yield running.url, {"rasa": running.rasa_pid, "actions": running.actions_pid}


def main() -> None:
    """Parse arguments, run the load, print the figures."""
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawTextHelpFormatter
    )
    parser.add_argument("--families", type=int, default=20, help="concurrent families")
    parser.add_argument("--rounds", type=int, default=3, help="conversations per family")
    parser.add_argument(
        "--think", type=float, default=0.0, help="mean pause before each message (seconds)"
    )
    parser.add_argument("--timeout", type=float, default=600.0, help="give up after (seconds)")
    parser.add_argument("--url", help="load servers already running here instead of our own")
    parser.add_argument(
        "--config", choices=["embedded", "production"], default="embedded", help="see servers()"
    )
    parser.add_argument("--workers", type=int, default=2, help="Sanic workers (production)")
    args = parser.parse_args()
    if args.config == "production":
        print(f"config: production endpoints, {args.workers} Rasa workers")
    else:
        print("config: embedded (SQLite, one Rasa worker)")
    with servers(args.url, args.config, args.workers) as (url, pids):
        results, wall = asyncio.run(
            run_load(url, args.families, args.rounds, args.think, args.timeout)
        )
        memory = {name: rss_mib(pid) for name, pid in pids.items()}
    print(report(results, wall, memory, args.families, args.think))


if __name__ == "__main__":
    main()
