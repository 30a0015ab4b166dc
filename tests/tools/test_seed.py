"""Seeding: the small data set loads end to end, relative dates land on the seed day, re-seeding is a no-op."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from sqlalchemy import func, select

from data.loader import SMALL_DIR
from data.schema import LedgerSeedEntry
from testkit.factories import TODAY, dataset, member
from tools.db import Database
from tools.ledger import ledger_sum
from tools.seed import ensure_seeded, seed_database
from tools.services import build_services
from tools.tables import CampaignRow, MemberBalanceRow, ProductRow

from .conftest import row_counts

SEED_DAY = date(2026, 11, 23)


@pytest.mark.skipif(not (SMALL_DIR / "members.jsonl").is_file(), reason="data/generated/small not generated yet")
def test_small_data_set_seeds_and_serves(database_url: str) -> None:
    services = build_services(database_url, SMALL_DIR, today=SEED_DAY)
    try:
        with services.db.read() as session:
            assert session.execute(select(func.count()).select_from(ProductRow)).scalar_one() >= 1_000
            balances = session.execute(select(MemberBalanceRow)).scalars().all()
            assert balances and all(b.balance == ledger_sum(session, b.member_id) >= 0 for b in balances)
            member_ids = sorted(b.member_id for b in balances)
            first = session.execute(select(CampaignRow).order_by(CampaignRow.id)).scalars().first()
            assert first is not None
            assert first.starts_on == SEED_DAY + timedelta(days=first.data["starts_in_days"])
        # Somebody in the data set has points expiring within 30 days, and the balance says when.
        expiring = [b for m in member_ids[:50]
                    if (b := services.ledger.balance(m)).expiring_soon]
        assert expiring and all(SEED_DAY <= x.expires_on <= SEED_DAY + timedelta(days=30)
                                for b in expiring for x in b.expiring_soon)
        # And a booking works against the real catalogue of hotels.
        offer = services.hotels.search(check_in=SEED_DAY + timedelta(days=14), nights=2, adults=2).offers[0]
        booking = services.bookings.book(member_ids[0], offer.hotel_id, offer.cheapest_room.room_type_id,
                                         SEED_DAY + timedelta(days=14), nights=2, idempotency_key="e2e")
        assert booking.total_jpy == offer.cheapest_room.total_jpy
        before = row_counts(services)
        assert ensure_seeded(services.db, SMALL_DIR, SEED_DAY + timedelta(days=3)).seeded is False
        assert row_counts(services) == before
    finally:
        services.close()


def test_reseeding_is_a_no_op(sqlite_url: str) -> None:
    db = Database(sqlite_url)
    try:
        assert seed_database(db, dataset(), TODAY).seeded
        from .conftest import make_services

        services = make_services(sqlite_url)
        before = row_counts(services)
        report = seed_database(db, dataset(), TODAY + timedelta(days=1))
        assert (report.seeded, report.seeded_on) == (False, TODAY)
        assert row_counts(services) == before
        services.close()
    finally:
        db.dispose()


def test_seed_history_never_overdraws_and_writes_off_expired_points(sqlite_url: str) -> None:
    history = [
        LedgerSeedEntry(kind="earn", points=100, days_ago=60, expires_in_days=-30, description="old"),
        LedgerSeedEntry(kind="earn", points=200, days_ago=20, description="regular"),
        LedgerSeedEntry(kind="redeem", points=-500, days_ago=10, description="too much"),  # only 200 were valid
        LedgerSeedEntry(kind="earn", points=80, days_ago=5, expires_in_days=3, limited_time=True, description="lt"),
    ]
    db = Database(sqlite_url)
    try:
        seed_database(db, dataset(members=[member("M0001", ledger=history)]), TODAY)
        with db.read() as session:
            assert ledger_sum(session, "M0001") == 80
            cached = session.get(MemberBalanceRow, "M0001")
            assert cached is not None and cached.balance == 80
    finally:
        db.dispose()
