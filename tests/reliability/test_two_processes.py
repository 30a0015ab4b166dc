"""Two app processes sharing PostgreSQL and Redis (a horizontally scaled deployment behind a load balancer),
each a real `python app.py` with the offline engine: the per-member rate limit holds across both, a
conversation started on one continues on the other, and concurrent bookings through both never oversell."""

from __future__ import annotations

import os
import re
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import pytest
import redis
from sqlalchemy import func, select

from assistant.web.auth import KeyRing
from tests.security.world import ME, VICTIM, world, write_seed_folder
from tools.clock import Clock
from tools.db import Database
from tools.tables import BookingRow, LedgerEntryRow, MemberBalanceRow, RoomNightRow

REPO = Path(__file__).resolve().parents[2]
SECRET = "two-process-secret"
LIMIT = 6
EXTRA = 10
ROOM, HOTEL = "H0002-R1", "H0002"  # 3 rooms
BOOKED = re.compile(r"\bBooking BK[0-9A-F]{6,}")


@dataclass
class Pair:
    urls: list[str]
    database_url: str

    def post(self, index: int, member: str, text: str, thread: str | None = None,
             decision: str | None = None) -> httpx.Response:
        body: dict[str, Any] = {"model": "member-assistant", "messages": [{"role": "user", "content": text}]}
        metadata = {k: v for k, v in (("thread_id", thread), ("decision", decision)) if v}
        if metadata:
            body["metadata"] = metadata
        key = KeyRing(SECRET, lambda _: True).key_for(member)
        return httpx.post(f"{self.urls[index % 2]}/v1/chat/completions", json=body, timeout=120,
                          headers={"Authorization": f"Bearer {key}"})


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def write_seed(folder: Path) -> Path:
    folder.mkdir(parents=True)
    return write_seed_folder(folder, world(extra_members=EXTRA))


@pytest.fixture(scope="module")
def pair(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Pair]:
    from tests.conftest import _need

    _need("PostgreSQL", "127.0.0.1", 5432)
    _need("Redis", "127.0.0.1", 6379)
    import uuid

    import sqlalchemy as sa

    from tests.conftest import PG_ADMIN_URL

    schema = f"t_{uuid.uuid4().hex[:12]}"
    admin = sa.create_engine(PG_ADMIN_URL)
    with admin.begin() as conn:
        conn.execute(sa.text(f'CREATE SCHEMA "{schema}"'))
    database_url = f"{PG_ADMIN_URL}?options=-csearch_path%3D{schema}"
    redis_url = "redis://127.0.0.1:6379/15"
    client = redis.Redis.from_url(redis_url)
    for key in client.scan_iter("assistant:rl:*"):
        client.delete(key)
    client.close()

    root = tmp_path_factory.mktemp("pair")
    seed = write_seed(root / "seed")
    processes, urls = [], []
    for name in ("a", "b"):
        port = free_port()
        env = {**os.environ, "PYTHONPATH": str(REPO), "DATABASE_URL": database_url, "REDIS_URL": redis_url,
               "ASSISTANT_DATA_DIR": str(root / name), "ASSISTANT_SEED_DIR": str(seed), "ASSISTANT_MODEL": "offline",
               "ASSISTANT_SECRET": SECRET, "ASSISTANT_RATE_LIMIT": str(LIMIT), "ASSISTANT_RATE_WINDOW_S": "60"}
        log = (root / f"{name}.log").open("wb")
        processes.append(subprocess.Popen([sys.executable, "app.py", "--port", str(port)], cwd=REPO, env=env,
                                          stdout=log, stderr=subprocess.STDOUT))
        urls.append(f"http://127.0.0.1:{port}")
    try:
        deadline = time.monotonic() + 240
        for process, url in zip(processes, urls, strict=True):
            while True:
                if process.poll() is not None:
                    raise AssertionError(f"an app process exited: {(root / 'a.log').read_text()[-1500:]}"
                                         f"{(root / 'b.log').read_text()[-1500:]}")
                try:
                    if httpx.get(f"{url}/healthz", timeout=2).status_code == 200:
                        break
                except httpx.HTTPError:
                    pass
                assert time.monotonic() < deadline, "the app processes did not start"
                time.sleep(0.5)
        yield Pair(urls, database_url)
    finally:
        for process in processes:
            if process.poll() is None:
                process.send_signal(signal.SIGTERM)
        for process in processes:
            try:
                process.wait(20)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait(10)
        with admin.begin() as conn:
            conn.execute(sa.text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()


def test_the_rate_limit_holds_across_both_processes(pair: Pair) -> None:
    statuses = [pair.post(i, VICTIM, "What is my points balance?").status_code for i in range(LIMIT + 4)]
    assert statuses == [200] * LIMIT + [429] * 4, statuses


def test_a_conversation_started_on_one_process_continues_on_the_other(pair: Pair) -> None:
    day = (Clock().today().toordinal() + 10)
    from datetime import date

    check_in = date.fromordinal(day).isoformat()
    first = pair.post(0, ME, f"Find a hotel in Beppu on {check_in} for 1 night")
    assert first.status_code == 200, first.text
    thread = first.json()["thread_id"]
    assert "H0001" in first.json()["choices"][0]["message"]["content"]
    second = pair.post(1, ME, "book the first one", thread=thread)  # the other process: "the first one" resolves
    assert second.status_code == 200 and second.json()["thread_id"] == thread
    pending = second.json()["pending_action"]
    assert pending and pending["tool"] == "book_hotel" and pending["args"]["hotel_id"] == "H0001"
    third = pair.post(0, ME, "approve", thread=thread, decision="approve")  # and back to the first
    assert third.status_code == 200
    assert BOOKED.search(third.json()["choices"][0]["message"]["content"]), third.text


def test_concurrent_bookings_through_both_processes_never_oversell(pair: Pair) -> None:
    from datetime import date

    check_in = date.fromordinal(Clock().today().toordinal() + 12).isoformat()
    members = [f"M{101 + i:04d}" for i in range(EXTRA)]

    def attempt(index: int) -> str:
        member = members[index]
        quote = pair.post(index, member, f"Book {ROOM} at {HOTEL} on {check_in} for 1 night")
        assert quote.status_code == 200, quote.text
        if quote.json()["pending_action"] is None:
            return "refused"
        done = pair.post(index + 1, member, "approve", thread=quote.json()["thread_id"], decision="approve")
        assert done.status_code == 200, done.text
        return done.json()["choices"][0]["message"]["content"]

    with ThreadPoolExecutor(EXTRA) as pool:
        answers = list(pool.map(attempt, range(EXTRA)))
    booked = [a for a in answers if BOOKED.search(a)]
    assert len(booked) == 3, answers  # ten members, three rooms: exactly three bookings, the rest told why not
    assert all("sold out" in a.lower() or a == "refused" for a in answers if not BOOKED.search(a)), answers

    db = Database(pair.database_url)
    try:
        with db.read() as session:
            confirmed = session.execute(select(func.count()).select_from(BookingRow).where(
                BookingRow.room_type_id == ROOM, BookingRow.status == "confirmed")).scalar_one()
            night = session.execute(select(RoomNightRow.available, RoomNightRow.allotment).where(
                RoomNightRow.room_type_id == ROOM, RoomNightRow.night == date.fromisoformat(check_in))).one()
            ledger = dict(session.execute(select(LedgerEntryRow.member_id, func.sum(LedgerEntryRow.points))
                                          .group_by(LedgerEntryRow.member_id)).all())
            cached = dict(session.execute(select(MemberBalanceRow.member_id, MemberBalanceRow.balance)).all())
    finally:
        db.dispose()
    assert confirmed == len(booked) <= 3, "a room was sold twice"
    assert night.available == night.allotment - confirmed >= 0
    assert {m: b for m, b in cached.items()} == {m: int(ledger.get(m, 0)) for m in cached}
