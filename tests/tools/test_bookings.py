"""Hotel stays end to end on real databases: quote, book with points, idempotent retries, cancellation policy."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from sqlalchemy import select

from testkit.factories import TODAY
from tools.clock import FixedClock
from tools.errors import Conflict, InsufficientPoints, NotAllowed, NotFound
from tools.ledger import ledger_sum
from tools.services import Services
from tools.tables import BookingRow, LedgerEntryRow, MemberBalanceRow, PendingPointsRow, RoomNightRow

from .conftest import row_counts

FRIDAY = date(2026, 12, 4)


def rooms_left(services: Services, room_type_id: str, night: date) -> int | None:
    with services.db.read() as session:
        row = session.get(RoomNightRow, (room_type_id, night))
        return None if row is None else row.available


def test_quote_prices_each_night_with_weekend_and_season_uplift(lite: Services) -> None:
    # Thursday, Friday, Saturday nights in December: base 10,000, December +10%, Fri/Sat +20%.
    thursday = FRIDAY + timedelta(days=6)
    quote = lite.bookings.quote_stay("M0001", "H0001", "H0001-R1", thursday, nights=3)
    assert [n.rate_jpy for n in quote.nightly] == [11_000, 13_000, 13_000]
    assert quote.total_jpy == 37_000
    assert quote.points_earned.total == 370 and quote.points_earned.lines[0].kind == "base"
    assert quote.max_points_usable == 5_000 and quote.points_balance == 5_000
    assert quote.cancellation.free_until == thursday - timedelta(days=3)
    assert "Free cancellation until" in quote.cancellation.text and "18,500 JPY" in quote.cancellation.text


def test_booking_with_points_reduces_balance_and_earns_on_cash_only(services: Services) -> None:
    booking = services.bookings.book("M0002", "H0001", "H0001-R1", FRIDAY, nights=2, points_to_use=6_000,
                                     idempotency_key="trip-1")
    assert booking.total_jpy == 26_000 and booking.cash_jpy == 20_000
    # M0002 holds mobile (+1x) and card (+2x): 4 points per 100 JPY on the 20,000 JPY paid in cash.
    assert booking.points_earned == 800
    balance = services.ledger.balance("M0002")
    assert balance.total == 20_000 - 6_000 and balance.pending_total == 800  # earned points: after check-out
    assert rooms_left(services, "H0001-R1", FRIDAY) == 4
    listed = services.bookings.bookings("M0002").bookings
    assert [b.id for b in listed] == [booking.id]


def test_same_key_twice_books_once(services: Services) -> None:
    first = services.bookings.book("M0002", "H0001", "H0001-R1", FRIDAY, nights=1, points_to_use=100,
                                   idempotency_key="retry-me")
    again = services.bookings.book("M0002", "H0001", "H0001-R1", FRIDAY, nights=1, points_to_use=100,
                                   idempotency_key="retry-me")
    assert again == first
    with services.db.read() as session:
        assert len(session.execute(select(BookingRow)).scalars().all()) == 1
        entries = session.execute(select(LedgerEntryRow).where(LedgerEntryRow.ref == first.id)).scalars().all()
        assert sorted(e.kind for e in entries) == ["redeem"]  # the earned points are held until check-out
        held = session.execute(select(PendingPointsRow).where(PendingPointsRow.ref == first.id)).scalars().all()
        assert [h.points for h in held] == [first.points_earned]
    assert rooms_left(services, "H0001-R1", FRIDAY) == 4


def test_same_key_for_a_different_request_is_a_conflict(services: Services) -> None:
    services.bookings.book("M0002", "H0001", "H0001-R1", FRIDAY, nights=1, idempotency_key="k")
    before = row_counts(services)
    with pytest.raises(Conflict, match="already used for a different book request"):
        services.bookings.book("M0002", "H0001", "H0001-R1", FRIDAY, nights=2, idempotency_key="k")
    assert row_counts(services) == before


def test_cancel_in_free_window_restores_rooms_and_points(services: Services) -> None:
    booking = services.bookings.book("M0002", "H0001", "H0001-R1", FRIDAY, nights=2, points_to_use=6_000,
                                     idempotency_key="b")
    result = services.bookings.cancel("M0002", booking.id, idempotency_key="c")
    assert result.free and result.fee_jpy == 0
    assert result.points_refunded == 6_000 and result.points_voided == 800 and result.points_reversed == 0
    assert services.ledger.balance("M0002").total == 20_000 == result.balance_after
    assert rooms_left(services, "H0001-R1", FRIDAY) == 5
    assert services.bookings.bookings("M0002").bookings == []
    assert services.bookings.cancel("M0002", booking.id, idempotency_key="c") == result  # retried: same answer
    with pytest.raises(Conflict, match="already cancelled"):
        services.bookings.cancel("M0002", booking.id, idempotency_key="c2")


def test_late_cancellation_charges_the_fee_and_still_refunds_points(make) -> None:  # type: ignore[no-untyped-def]
    services = make()
    booking = services.bookings.book("M0002", "H0002", "H0002-R1", TODAY + timedelta(days=10), nights=1,
                                     points_to_use=1_000, idempotency_key="b")
    assert isinstance(services.clock, FixedClock)
    services.clock.advance(5)  # 5 days before check-in; H0002 is free only until 7 days before
    result = services.bookings.cancel("M0002", booking.id, idempotency_key="c")
    assert not result.free and result.fee_jpy == booking.total_jpy * 30 // 100
    assert "fee of" in result.message
    assert result.points_refunded == 1_000
    assert services.ledger.balance("M0002").total == 20_000


def test_cannot_cancel_after_check_in_or_someone_elses_booking(services: Services) -> None:
    booking = services.bookings.book("M0002", "H0001", "H0001-R1", FRIDAY, nights=1, idempotency_key="b")
    with pytest.raises(NotFound, match="on your account"):
        services.bookings.cancel("M0001", booking.id, idempotency_key="steal")
    assert isinstance(services.clock, FixedClock)
    services.clock.advance(4)
    with pytest.raises(NotAllowed, match="can no longer be cancelled"):
        services.bookings.cancel("M0002", booking.id, idempotency_key="late")


def test_booking_more_points_than_held_writes_nothing(services: Services) -> None:
    before = row_counts(services)
    with pytest.raises(InsufficientPoints, match="You have 5,000 points"):
        services.bookings.book("M0001", "H0001", "H0001-R1", FRIDAY, nights=2, points_to_use=9_000,
                               idempotency_key="x")
    assert row_counts(services) == before


def test_cache_and_ledger_agree_after_a_busy_day(services: Services) -> None:
    for i in range(3):
        booking = services.bookings.book("M0002", "H0001", "H0001-R1", FRIDAY + timedelta(days=i), nights=1,
                                         points_to_use=500, idempotency_key=f"b{i}")
        if i == 1:
            services.bookings.cancel("M0002", booking.id, idempotency_key=f"c{i}")
    with services.db.read() as session:
        cached = session.get(MemberBalanceRow, "M0002")
        assert cached is not None and cached.balance == ledger_sum(session, "M0002")
