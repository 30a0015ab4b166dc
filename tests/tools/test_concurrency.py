"""Races a real service sees: many members after the last rooms, many redemptions against one balance."""

from __future__ import annotations

import sqlite3
import threading
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from datetime import date

from sqlalchemy import func, select

from data.schema import LedgerSeedEntry
from testkit.factories import RULES, dataset, earn, hotel, member, room
from tools.clock import FixedClock
from tools.db import Database
from tools.errors import DomainError, InsufficientPoints, SoldOut, TryAgain
from tools.ledger import PointsLedger, ledger_sum
from tools.tables import BookingRow, MemberBalanceRow, PendingPointsRow, RoomNightRow

from .conftest import ServicesFactory, make_services

NIGHT = date(2026, 12, 8)


def test_200_threads_race_for_the_last_5_rooms(make: ServicesFactory) -> None:
    members = [member(f"M{i:04d}", ledger=[earn(1_000)]) for i in range(200)]
    services = make(dataset(members=members, hotels=[hotel("H0001", rooms=[room("H0001-R1", rooms=5)])]))
    start = threading.Barrier(200)

    def attempt(i: int) -> str:
        start.wait()
        try:
            services.bookings.book(f"M{i:04d}", "H0001", "H0001-R1", NIGHT, nights=1, idempotency_key=f"k{i}")
            return "booked"
        except SoldOut as exc:
            assert "sold out on the night of Tue 08 Dec 2026" in exc.message
            return "sold_out"
        except DomainError as exc:  # pragma: no cover - would be a bug
            return f"{exc.code}: {exc.message}"

    with ThreadPoolExecutor(max_workers=200) as pool:
        outcomes = Counter(pool.map(attempt, range(200)))
    assert outcomes == {"booked": 5, "sold_out": 195}
    with services.db.read() as session:
        assert session.get(RoomNightRow, ("H0001-R1", NIGHT)).available == 0  # type: ignore[union-attr]
        assert session.execute(select(func.count()).select_from(BookingRow)).scalar_one() == 5
        assert session.execute(select(func.count()).select_from(PendingPointsRow)).scalar_one() == 5  # one earn each


def test_100_concurrent_redemptions_never_overdraw(make: ServicesFactory) -> None:
    seed = [LedgerSeedEntry(kind="earn", points=1_000, days_ago=1, description="Seed earn"),
            LedgerSeedEntry(kind="earn", points=500, days_ago=1, expires_in_days=5, limited_time=True,
                            description="Seed limited")]
    services = make(dataset(members=[member("M0001", ledger=seed)]))
    start = threading.Barrier(100)

    def attempt(i: int) -> str:
        start.wait()
        try:
            services.ledger.redeem("M0001", 70, idempotency_key=f"r{i}")
            return "ok"
        except InsufficientPoints:
            return "insufficient"

    with ThreadPoolExecutor(max_workers=100) as pool:
        outcomes = Counter(pool.map(attempt, range(100)))
    assert outcomes == {"ok": 1_500 // 70, "insufficient": 100 - 1_500 // 70}
    balance = services.ledger.balance("M0001")
    assert balance.total == 1_500 - 70 * (1_500 // 70) >= 0
    assert balance.limited_time_total == 0  # the soonest-expiring (limited-time) points went first
    with services.db.read() as session:
        cached = session.get(MemberBalanceRow, "M0001")
        assert cached is not None and cached.balance == ledger_sum(session, "M0001") == balance.total


def test_a_database_busy_for_too_long_is_a_retryable_error_not_a_crash(sqlite_url: str) -> None:
    make_services(sqlite_url).close()
    blocker = sqlite3.connect(sqlite_url.removeprefix("sqlite:///"), isolation_level=None)
    impatient = Database(sqlite_url, busy_timeout_ms=100)
    try:
        blocker.execute("BEGIN IMMEDIATE")  # another writer holds the lock
        ledger = PointsLedger(impatient, FixedClock(NIGHT), RULES)
        try:
            ledger.redeem("M0001", 10, idempotency_key="busy")
        except TryAgain as exc:
            assert "nothing was changed" in exc.message
        else:  # pragma: no cover
            raise AssertionError("expected TryAgain")
        blocker.execute("ROLLBACK")
        assert ledger.balance("M0001").total == 5_000
    finally:
        blocker.close()
        impatient.dispose()
