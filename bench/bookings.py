"""Bookings per second under 50 concurrent clients, on SQLite and PostgreSQL, with the invariants checked after.

Each backend gets a fresh database (a temp SQLite file; a throw-away PostgreSQL schema). 50 client threads book
random stays (1-3 nights, some paying partly with points) across a small set of scarce rooms for a fixed time,
cancelling one booking in ten. Afterwards the script checks that no night is oversold (confirmed bookings per
night never exceed the allotment, and the inventory row agrees) and that every member's cached balance equals
their ledger sum and is not negative.

    .venv/bin/python -m bench.bookings [--seconds 8] [--clients 50] [--no-postgres]

Prints a table and writes bench/results/bookings.json.
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import tempfile
import threading
import time
import uuid
from collections import Counter
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from rich.console import Console
from rich.table import Table

from bench.percentiles import percentile
from data.schema import DataSet, LinkedServices
from testkit.factories import RULES, dataset, earn, hotel, member, room
from tools.db import Database
from tools.errors import DomainError
from tools.ledger import ledger_sum
from tools.seed import seed_database
from tools.services import build_services
from tools.tables import BookingRow, MemberBalanceRow, RoomNightRow

PG_ADMIN_URL = "postgresql+psycopg://postgres@127.0.0.1:5432/test"
RESULTS = Path(__file__).resolve().parent / "results" / "bookings.json"
TODAY = date(2026, 12, 1)
MEMBERS = 200
HOTELS = 10
ROOMS_PER_TYPE = 8
HORIZON_DAYS = 14


def bench_dataset() -> DataSet:
    """Members with points to spend and hotels with few rooms, built with the test kit's factories."""
    members = [member(f"M{i:04d}", linked=LinkedServices(card=i % 2 == 0, mobile=i % 3 == 0),
                      ledger=[earn(20_000, days_ago=5), earn(3_000, days_ago=5, expires_in_days=10, limited=True)])
               for i in range(MEMBERS)]
    hotels = [hotel(f"H{h:04d}", amenities=["onsen"], stars=3,
                    rooms=[room(f"H{h:04d}-R{r}", rate=8_000 + 2_000 * r, rooms=ROOMS_PER_TYPE) for r in (1, 2)])
              for h in range(HOTELS)]
    rules = RULES.model_copy(update={"monthly_bonus_cap": 5_000})
    return dataset(members=members, products=[], hotels=hotels).model_copy(update={"points_rules": rules})


def run(url: str, seconds: float, clients: int) -> dict[str, Any]:
    db = Database(url)
    seed_database(db, bench_dataset(), TODAY)
    db.dispose()
    services = build_services(url, None, today=TODAY)
    outcomes: Counter[str] = Counter()
    latencies: list[float] = []
    lock = threading.Lock()
    deadline = time.perf_counter() + seconds
    start_line = threading.Barrier(clients)

    def client(index: int) -> None:
        rng = random.Random(index)
        mine: list[tuple[str, str]] = []
        start_line.wait()
        while time.perf_counter() < deadline:
            member = f"M{rng.randrange(MEMBERS):04d}"
            began = time.perf_counter()
            try:
                if mine and rng.random() < 0.1:
                    owner, booking_id = mine.pop(rng.randrange(len(mine)))
                    services.bookings.cancel(owner, booking_id, idempotency_key=uuid.uuid4().hex)
                    kind = "cancelled"
                else:
                    hotel = rng.randrange(HOTELS)
                    booking = services.bookings.book(
                        member, f"H{hotel:04d}", f"H{hotel:04d}-R{rng.choice((1, 2))}",
                        TODAY + timedelta(days=rng.randrange(HORIZON_DAYS)), nights=rng.choice((1, 1, 2, 3)),
                        points_to_use=rng.choice((0, 0, 500, 2_000)), idempotency_key=uuid.uuid4().hex)
                    mine.append((member, booking.id))
                    kind = "booked"
            except DomainError as exc:
                kind = exc.code
            except Exception as exc:  # a bug or a raw database error: count it, keep the client running
                kind = f"unexpected:{type(exc).__name__}"
            elapsed = time.perf_counter() - began
            with lock:
                outcomes[kind] += 1
                latencies.append(elapsed)

    threads = [threading.Thread(target=client, args=(i,)) for i in range(clients)]
    began = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    wall = time.perf_counter() - began
    oversold, mismatches = check_invariants(services.db)
    services.close()
    latencies.sort()
    return {
        "bookings_per_s": round(outcomes["booked"] / wall, 1),
        "oversold": oversold,
        "ledger_mismatches": mismatches,
        "clients": clients,
        "seconds": round(wall, 1),
        "booked": outcomes["booked"],
        "sold_out": outcomes["sold_out"],
        "cancelled": outcomes["cancelled"],
        "other_errors": sum(v for k, v in outcomes.items() if k not in ("booked", "sold_out", "cancelled")),
        "requests_per_s": round(sum(outcomes.values()) / wall, 1),
        "p50_ms": round(statistics.median(latencies) * 1000, 1) if latencies else None,
        "p95_ms": round(percentile(latencies, 95) * 1000, 1) if latencies else None,
    }


def check_invariants(db: Database) -> tuple[int, int]:
    """(nights oversold or out of step with the bookings, members whose balance != ledger sum or < 0)."""
    with db.read() as session:
        confirmed: Counter[tuple[str, date]] = Counter()
        for room_type_id, check_in, check_out in session.execute(
                sa.select(BookingRow.room_type_id, BookingRow.check_in, BookingRow.check_out)
                .where(BookingRow.status == "confirmed")):
            for i in range((check_out - check_in).days):
                confirmed[(room_type_id, check_in + timedelta(days=i))] += 1
        oversold = 0
        for row in session.execute(sa.select(RoomNightRow)).scalars():
            taken = confirmed.get((row.room_type_id, row.night), 0)
            if row.available < 0 or taken > row.allotment or row.available != row.allotment - taken:
                oversold += 1
        mismatches = sum(1 for b in session.execute(sa.select(MemberBalanceRow)).scalars()
                         if b.balance < 0 or b.balance != ledger_sum(session, b.member_id))
    return oversold, mismatches


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--seconds", type=float, default=8.0)
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--no-postgres", action="store_true")
    args = parser.parse_args()
    results: dict[str, Any] = {}
    with tempfile.TemporaryDirectory() as folder:
        results["sqlite"] = run(f"sqlite:///{Path(folder) / 'bench.db'}", args.seconds, args.clients)
    if not args.no_postgres:
        schema = f"bench_{uuid.uuid4().hex[:10]}"
        admin = sa.create_engine(PG_ADMIN_URL)
        try:
            with admin.begin() as conn:
                conn.execute(sa.text(f'CREATE SCHEMA "{schema}"'))
            try:
                results["postgresql"] = run(f"{PG_ADMIN_URL}?options=-csearch_path%3D{schema}", args.seconds,
                                            args.clients)
            finally:
                with admin.begin() as conn:
                    conn.execute(sa.text(f'DROP SCHEMA "{schema}" CASCADE'))
        except sa.exc.OperationalError as exc:
            results["postgresql"] = {"skipped": f"PostgreSQL not reachable: {exc.__class__.__name__}"}
        finally:
            admin.dispose()
    table = Table(title=f"Hotel bookings, {args.clients} concurrent clients, {args.seconds:g} s per backend")
    columns = ["bookings_per_s", "requests_per_s", "booked", "sold_out", "cancelled", "other_errors", "p50_ms",
               "p95_ms", "oversold", "ledger_mismatches"]
    table.add_column("backend")
    for column in columns:
        table.add_column(column, justify="right")
    for backend, numbers in results.items():
        table.add_row(backend, *[str(numbers.get(c, "-")) for c in columns])
    Console(width=150).print(table)
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(results, indent=2) + "\n")
    print(f"wrote {RESULTS}")


if __name__ == "__main__":
    main()
