# ruff: noqa: E402
"""Load benchmark: N concurrent members chat with the real app over its HTTP API (offline engine, loopback only)
for a fixed time, mixing searches, balance checks and bookings of scarce rooms; then checks the books.

It starts `python app.py` on a free loopback port with a fresh database (the search index and embedding
cache in its data folder are reused between runs), derives each member's API key, and runs one client
thread per member until the time is up. Afterwards it opens the database and verifies that no room night
was oversold (rooms taken == confirmed bookings covering that night, never below zero) and that every
member's balance equals the sum of their ledger.

With `--processes 2` it starts two app processes behind the same PostgreSQL (`--database-url`) and Redis
(`--redis-url`), each member's requests alternating between them as a round-robin load balancer would, with a
real rate limit; after the load, one member's burst over both (`bench/load_limits.py`) shows the rate limit
and the in-flight limit are one limit across the processes, not one per process.

Prints a table and writes `bench/results/load.json` (a list of runs, one per process count):
{"members", "seconds", "processes", "requests", "errors", "sold_out", "inconsistencies", "p50_ms", ...}.
Run: `.venv/bin/python bench/load.py [--members 50] [--seconds 60] [--database-url postgresql+psycopg://...]
[--processes 2 --redis-url redis://127.0.0.1:6379/15] [--data-template /path/to/a/built/data/folder]`.
"""

from __future__ import annotations

import sys

from bench.percentiles import percentile

# Run as a script, this file's folder comes first on sys.path, and bench/copy.py would shadow the standard
# library's `copy` module: drop the folder before anything imports `copy`.
sys.path[:] = [p for p in sys.path if p not in ("", __file__.rsplit("/", 1)[0])]

import argparse
import json
import os
import random
import shutil
import signal
import socket
import statistics
import subprocess
import threading
import time
from collections import Counter
from dataclasses import dataclass, field
from datetime import timedelta
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

import httpx
from rich.console import Console
from rich.table import Table

from data.loader import iter_hotels, iter_jsonl
from data.schema import Member

SEED_DIR = ROOT / "data" / "generated" / "small"
DATA_DIR = ROOT / "var" / "load-bench"
RESULT = ROOT / "bench" / "results" / "load.json"
SECRET = "load-bench-secret"
MODEL = "member-assistant"
FAILURE_WORDS = ("something went wrong", "did not answer in time", "is busy right now", "service failed")

SEARCHES = [
    "Find wireless earbuds under 10,000 yen",
    "Show me a rice cooker with good reviews",
    "I need running shoes",
    "What is my points balance?",
    "Recommend a mobile plan for 5 GB a month",
]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def start_app(env: dict[str, str], port: int, log_path: Path) -> subprocess.Popen[bytes]:
    """`python app.py` on 127.0.0.1:port with `env` on top of ours; its log goes to `log_path`."""
    log = log_path.open("wb")
    return subprocess.Popen([sys.executable, str(ROOT / "app.py"), "--host", "127.0.0.1", "--port", str(port)],
                            cwd=ROOT, env={**os.environ, **env}, stdout=log, stderr=subprocess.STDOUT)


def wait_ready(url: str, process: subprocess.Popen[bytes], timeout_s: float = 600) -> None:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"the app exited with {process.returncode} before it was ready")
        try:
            if httpx.get(f"{url}/healthz", timeout=2).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.5)
    raise RuntimeError("the app did not become ready in time")


def stop_app(process: subprocess.Popen[bytes]) -> None:
    if process.poll() is None:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(10)


@dataclass
class Tally:
    latencies_ms: list[float] = field(default_factory=list)
    errors: Counter[str] = field(default_factory=Counter)
    sold_out: int = 0
    booked: int = 0
    lock: threading.Lock = field(default_factory=threading.Lock)

    def record(self, ms: float) -> None:
        with self.lock:
            self.latencies_ms.append(ms)

    def error(self, kind: str) -> None:
        with self.lock:
            self.errors[kind] += 1


def ask(client: httpx.Client, key: str, text: str, thread: str | None, tally: Tally,
        decision: str | None = None) -> dict[str, Any] | None:
    body: dict[str, Any] = {"model": MODEL, "messages": [{"role": "user", "content": text}]}
    metadata = {k: v for k, v in (("thread_id", thread), ("decision", decision)) if v}
    if metadata:
        body["metadata"] = metadata
    started = time.perf_counter()
    try:
        response = client.post("/v1/chat/completions", headers={"Authorization": f"Bearer {key}"}, json=body)
    except httpx.HTTPError as exc:
        tally.error(type(exc).__name__)
        return None
    tally.record((time.perf_counter() - started) * 1000)
    if response.status_code != 200:
        tally.error(f"http_{response.status_code}")
        return None
    data: dict[str, Any] = response.json()
    answer = str(data["choices"][0]["message"]["content"]).lower()
    if any(word in answer for word in FAILURE_WORDS):
        tally.error("failed_turn")
    return data


def member_loop(urls: list[str], key: str, targets: list[tuple[str, str, str]], deadline: float, seed: int,
                tally: Tally) -> None:
    """One member: a search or balance question, then a booking attempt of a scarce room, until the deadline;
    each request to the next app process in turn (a round-robin balancer), so a thread moves between them."""
    rng = random.Random(seed)
    clients = [httpx.Client(base_url=url, timeout=120) for url in urls]
    turn = iter(range(seed, 1 << 62))

    def client() -> httpx.Client:
        return clients[next(turn) % len(clients)]

    try:
        while time.monotonic() < deadline:
            ask(client(), key, rng.choice(SEARCHES), None, tally)
            if time.monotonic() >= deadline:
                break
            hotel, room, day = rng.choice(targets)
            quote = ask(client(), key, f"Book {room} at {hotel} on {day} for 1 night", None, tally)
            if quote is None:
                continue
            thread = quote["thread_id"]
            answer = quote["choices"][0]["message"]["content"].lower()
            if quote.get("pending_action") is None:
                if "sold out" in answer:
                    with tally.lock:
                        tally.sold_out += 1
                continue
            done = ask(client(), key, "approve", thread, tally, decision="approve")
            if done is None:
                continue
            text = done["choices"][0]["message"]["content"].lower()
            with tally.lock:
                if "sold out" in text:
                    tally.sold_out += 1
                elif "booked" in text or "booking bk" in text:
                    tally.booked += 1
    finally:
        for each in clients:
            each.close()


def scarce_targets(check_in_days: int, count: int) -> list[tuple[str, str, str]]:
    """The room types with the fewest rooms (that sleep two adults), each on two nights, as booking targets."""
    from tools.clock import Clock

    rooms = sorted((r.rooms, h.id, r.id) for h in iter_hotels(SEED_DIR) for r in h.room_types
                   if r.capacity_adults >= 2)[:count]
    today = Clock().today()
    days = [(today + timedelta(days=check_in_days + i)).isoformat() for i in range(2)]
    return [(hotel, room, day) for _, hotel, room in rooms for day in days]


def check_books(database_url: str) -> list[str]:
    """Inconsistencies: oversold or negative room nights, balances that differ from the ledger sum."""
    from sqlalchemy import select

    from testkit.books import ledger_sums, room_night_problems
    from tools.db import Database
    from tools.tables import MemberBalanceRow

    db = Database(database_url)
    try:
        with db.read() as session:
            problems = room_night_problems(session)
            ledger = ledger_sums(session)
            cached = dict(session.execute(select(MemberBalanceRow.member_id, MemberBalanceRow.balance)).all())
    finally:
        db.dispose()
    for member, balance in cached.items():
        if balance != ledger.get(member, 0) or balance < 0:
            problems.append(f"{member}: balance {balance} but ledger sum {ledger.get(member, 0)}")
    return problems


def _data_folder(folder: Path, template: Path | None) -> None:
    """A fresh database each run; the index and embedding cache are kept (or copied from `template`)."""
    folder.mkdir(parents=True, exist_ok=True)
    for name in ("assistant.db", "conversations.db"):
        for suffix in ("", "-wal", "-shm"):
            (folder / f"{name}{suffix}").unlink(missing_ok=True)
    if template is not None and not (folder / "index").exists():
        shutil.copytree(template, folder, dirs_exist_ok=True,
                        ignore=shutil.ignore_patterns("assistant.db*", "conversations.db*", "*.log"))
    warm_cache = ROOT / "var" / "bench" / "embedding-cache"
    if not (folder / "embedding-cache").exists() and warm_cache.exists():
        shutil.copytree(warm_cache, folder / "embedding-cache")


def run(members: int, seconds: float, database_url: str | None, *, processes: int = 1, redis_url: str | None = None,
        data_template: Path | None = None, rate_limit: int = 60, rate_window_s: int = 30) -> dict[str, Any]:
    if processes > 1 and not (database_url and redis_url):
        raise SystemExit("--processes 2 needs --database-url (PostgreSQL) and --redis-url: what the processes share")
    folders = [DATA_DIR] if processes == 1 else [DATA_DIR / f"process-{i}" for i in range(processes)]
    for folder in folders:
        _data_folder(folder, data_template)
    url_db = database_url or f"sqlite:///{DATA_DIR / 'assistant.db'}"
    # One process: no rate limit (the load is what is measured). Several: a real one, which the load stays
    # under and the burst afterwards goes over.
    limits = ({"ASSISTANT_RATE_LIMIT": "1000000", "ASSISTANT_MEMBER_CONCURRENCY": "4"} if processes == 1 else
              {"ASSISTANT_RATE_LIMIT": str(rate_limit), "ASSISTANT_RATE_WINDOW_S": str(rate_window_s),
               "ASSISTANT_MEMBER_CONCURRENCY": "2", "REDIS_URL": str(redis_url)})
    if redis_url:
        _clear_redis(redis_url)
    started_apps: list[subprocess.Popen[bytes]] = []
    urls: list[str] = []
    probe: dict[str, Any] | None = None
    try:
        started = time.monotonic()
        for folder in folders:
            env = {"ASSISTANT_DATA_DIR": str(folder), "ASSISTANT_SEED_DIR": str(SEED_DIR), "ASSISTANT_MODEL": "offline",
                   "ASSISTANT_SECRET": SECRET, "DATABASE_URL": url_db, **limits}
            port = free_port()
            urls.append(f"http://127.0.0.1:{port}")
            started_apps.append(start_app(env, port, folder / "app.log"))
            if processes > 1 and len(started_apps) == 1:
                wait_ready(urls[0], started_apps[0])  # the first migrates and seeds the shared database
        for url, process in zip(urls, started_apps, strict=True):
            wait_ready(url, process)
        start_s = time.monotonic() - started
        from assistant.web.auth import KeyRing

        ring = KeyRing(SECRET, lambda _: True)
        ids = [m.id for m in iter_jsonl(SEED_DIR, "members.jsonl", Member)][:members]
        warm_up(urls, ring.key_for(ids[-1]))
        ids = (ids * (members // max(1, len(ids)) + 1))[:members]
        targets = scarce_targets(check_in_days=14, count=3)
        tally = Tally()
        deadline = time.monotonic() + seconds
        threads = [threading.Thread(target=member_loop, args=(urls, ring.key_for(m), targets, deadline, i, tally),
                                    daemon=True) for i, m in enumerate(ids)]
        run_started = time.monotonic()
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(seconds + 180)
        elapsed = time.monotonic() - run_started
        if processes > 1 and redis_url:
            from bench.load_limits import probe as limits_probe

            time.sleep(rate_window_s + 1)  # the load's requests leave the member's rate window
            probe = limits_probe(urls, ring.key_for(ids[0]), ids[0], rate_limit=rate_limit, in_flight_limit=2,
                                 extra=10, redis_url=redis_url)
    finally:
        for process in started_apps:
            stop_app(process)
    problems = check_books(url_db)
    latencies = tally.latencies_ms
    result: dict[str, Any] = {
        "members": members, "seconds": seconds, "processes": processes,
        "requests": len(latencies) + sum(tally.errors.values()),
        "errors": sum(tally.errors.values()), "sold_out": tally.sold_out, "inconsistencies": len(problems),
        "p50_ms": round(statistics.median(latencies), 1) if latencies else 0.0,
        "p95_ms": round(percentile(latencies, 95), 1), "throughput_rps": round(len(latencies) / elapsed, 2),
        "bookings": tally.booked, "error_kinds": dict(tally.errors), "problems": problems[:20],
        "database": "postgresql" if database_url else "sqlite", "redis": bool(redis_url),
        "app_start_s": round(start_s, 1),
        "scarce_rooms": [f"{room} {day}" for _, room, day in scarce_targets(14, 3)],
        "measured_on": time.strftime("%Y-%m-%d", time.gmtime()), "machine": _machine(),
        "load_average_before": round(os.getloadavg()[0], 1),
    }
    if probe is not None:
        result["limits_probe"] = probe
    return result


def warm_up(urls: list[str], key: str) -> None:
    """One turn per process before the clock starts: the first turn loads what the offline engine reads lazily
    (its classifier), which is start-up, not load; on a saturated machine it alone outlasts a client timeout."""
    for url in urls:
        body = {"model": MODEL, "messages": [{"role": "user", "content": "What is my points balance?"}]}
        httpx.post(f"{url}/v1/chat/completions", json=body, timeout=900,
                   headers={"Authorization": f"Bearer {key}"}).raise_for_status()


def _clear_redis(url: str) -> None:
    import redis

    client = redis.Redis.from_url(url)
    for pattern in ("assistant:rl:*", "assistant:inflight:*"):
        for key in client.scan_iter(pattern):
            client.delete(key)
    client.close()


def _machine() -> str:
    import platform

    return f"{os.cpu_count()} cores, {platform.machine()}, shared"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--members", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--database-url", default=None, help="default: a fresh SQLite file in var/load-bench")
    parser.add_argument("--processes", type=int, default=1, choices=(1, 2))
    parser.add_argument("--redis-url", default=None, help="what several processes share (limits)")
    parser.add_argument("--data-template", type=Path, default=None,
                        help="a data folder with a built index to copy (saves the first index build)")
    parser.add_argument("--out", type=Path, default=RESULT)
    args = parser.parse_args()
    load_before = os.getloadavg()[0]
    result = run(args.members, args.seconds, args.database_url, processes=args.processes, redis_url=args.redis_url,
                 data_template=args.data_template)
    result["load_average_before"] = round(load_before, 1)
    table = Table(title=f"Load: {args.members} members x {args.seconds:g}s over HTTP (offline engine, "
                        f"{args.processes} process{'es' if args.processes > 1 else ''})")
    for column in ("requests", "req/s", "p50 ms", "p95 ms", "errors", "sold out", "booked", "inconsistencies"):
        table.add_column(column, justify="right")
    table.add_row(str(result["requests"]), str(result["throughput_rps"]), str(result["p50_ms"]),
                  str(result["p95_ms"]), str(result["errors"]), str(result["sold_out"]), str(result["bookings"]),
                  str(result["inconsistencies"]))
    Console().print(table)
    if result["problems"]:
        Console().print("[red]" + "\n".join(result["problems"]))
    if "limits_probe" in result:
        Console().print(json.dumps(result["limits_probe"], indent=1))
    args.out.parent.mkdir(parents=True, exist_ok=True)
    runs = json.loads(args.out.read_text()) if args.out.exists() else []
    runs = [r for r in (runs if isinstance(runs, list) else [runs]) if r.get("processes", 1) != args.processes]
    args.out.write_text(json.dumps(sorted([*runs, result], key=lambda r: r.get("processes", 1)), indent=2) + "\n")


if __name__ == "__main__":
    main()
