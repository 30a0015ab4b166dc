"""The points account a member sees: balance with what expires soon, history, earn, redeem, expiry."""

from __future__ import annotations

from datetime import timedelta

from testkit.factories import TODAY
from tools.clock import FixedClock
from tools.services import Services


def test_balance_shows_expiring_soon_with_dates_and_limited_time(lite: Services) -> None:
    balance = lite.ledger.balance("M0003")
    # Seeded: 300 limited-time expiring in 10 days, 700 expiring in 40 days, 1,000 regular, 50 already expired.
    assert balance.total == 2_000
    assert [(b.expires_on, b.points, b.limited_time) for b in balance.expiring_soon] == [
        (TODAY + timedelta(days=10), 300, True)]
    assert balance.expiring_soon_total == 300 and balance.limited_time_total == 300
    kinds = [e.kind for e in lite.ledger.history("M0003", page_size=50).entries]
    assert "expire" in kinds  # the 50 points past their date were written off at seed time


def test_redeem_uses_soonest_expiring_points_first(lite: Services) -> None:
    redemption = lite.ledger.redeem("M0003", 500, idempotency_key="r1")
    assert [(c.expires_on, c.points) for c in redemption.consumed] == [
        (TODAY + timedelta(days=10), 300), (TODAY + timedelta(days=40), 200)]
    assert redemption.balance_after == 1_500
    balance = lite.ledger.balance("M0003")
    assert balance.total == 1_500 and balance.limited_time_total == 0 and balance.expiring_soon == []


def test_expiry_writes_entries_once(lite: Services) -> None:
    assert isinstance(lite.clock, FixedClock)
    lite.clock.advance(11)
    run = lite.ledger.expire()
    assert (run.entries_written, run.points_expired) == (1, 300)
    assert lite.ledger.expire().entries_written == 0
    assert lite.ledger.balance("M0003").total == 1_700


def test_balance_writes_off_points_that_expired_since_the_last_run(lite: Services) -> None:
    assert isinstance(lite.clock, FixedClock)
    lite.clock.advance(41)
    balance = lite.ledger.balance("M0003")
    assert balance.total == 1_000 and balance.expiring_soon == []


def test_earn_and_history_paging(lite: Services) -> None:
    earning = lite.ledger.earn("M0001", 250, "Goodwill for a late delivery", idempotency_key="g1",
                               expires_on=TODAY + timedelta(days=20), limited_time=True)
    assert earning.balance_after == 5_250
    assert lite.ledger.earn("M0001", 250, "Goodwill for a late delivery", idempotency_key="g1",
                            expires_on=TODAY + timedelta(days=20), limited_time=True) == earning
    for i in range(3):
        lite.ledger.redeem("M0001", 10, idempotency_key=f"r{i}")
    first = lite.ledger.history("M0001", page=1, page_size=2)
    second = lite.ledger.history("M0001", page=2, page_size=2)
    third = lite.ledger.history("M0001", page=3, page_size=2)
    assert first.total_entries == 5 and first.has_more and second.has_more and not third.has_more
    ids = [e.id for page in (first, second, third) for e in page.entries]
    assert len(set(ids)) == 5
    assert lite.ledger.balance("M0001").total == 5_220
    assert sum(e.points for page in (first, second, third) for e in page.entries) == 5_220
