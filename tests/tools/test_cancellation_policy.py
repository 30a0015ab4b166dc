"""Policies as written: every hotel of the data is quoted, booked and cancelled under its own policy.

The quote's terms, the confirmation preview, the booking record and the fee the cancellation charges agree
for every hotel in data/generated/small, on days on both sides of every policy's free-period boundary; a
non-refundable hotel is never called free. A property test over random policies (tiers included) checks the
dated schedule against the per-day fee rule itself.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from data.loader import SMALL_DIR, iter_hotels
from data.schema import CancellationPolicy, CancellationTier
from testkit.factories import TODAY, dataset, hotel, room
from tools.agent_tools.context import AssistantContext
from tools.agent_tools.previews import preview_action
from tools.cancellation import cancellation_fee, cancellation_terms, fee_pct_on, fee_schedule
from tools.clock import FixedClock
from tools.db import Database
from tools.seed import seed_database
from tools.services import Services, build_services

from .conftest import make_services

CHECK_IN = TODAY + timedelta(days=10)
# Days before check-in the member cancels on: the booking day, and both sides of every boundary in the data
# (free until 1, 2, 3 and 7 days before; non-refundable).
CANCEL_DAYS_BEFORE = (10, 8, 7, 6, 3, 2, 1, 0)
HOTELS = list(iter_hotels(SMALL_DIR)) if (SMALL_DIR / "hotels.jsonl").is_file() else []


@pytest.fixture
def catalogue(tmp_path: Path) -> Iterator[Services]:
    url = f"sqlite:///{tmp_path / 'policies.db'}"
    db = Database(url)
    seed_database(db, dataset(hotels=HOTELS), TODAY)
    db.dispose()
    services = build_services(url, None, today=TODAY)
    yield services
    services.close()


def _free_stated(text: str) -> bool:
    return "free cancellation" in text.lower()


@pytest.mark.skipif(not HOTELS, reason="data/generated/small not generated yet")
def test_every_hotel_charges_on_cancel_what_its_quote_said(catalogue: Services) -> None:
    """Hotel i is cancelled CANCEL_DAYS_BEFORE[i % 8] days before check-in, so every policy shape of the data
    (each held by dozens of hotels) is cancelled on every one of those days."""
    clock = catalogue.clock
    assert isinstance(clock, FixedClock)
    booked = []
    for i, h in enumerate(HOTELS):
        room_type = h.room_types[0]
        adults = min(2, room_type.capacity_adults)
        quote = catalogue.bookings.quote_stay("M0002", h.id, room_type.id, CHECK_IN, nights=1, adults=adults)
        terms = quote.cancellation
        assert terms.policy == h.cancellation.text
        non_refundable = h.cancellation.free_until_days == 0 and h.cancellation.fee_pct == 100
        assert terms.non_refundable == non_refundable
        if non_refundable:  # e.g. H0132: quoted "free cancellation until the check-in day" before
            assert terms.free_until is None and not _free_stated(terms.text), (h.id, terms.text)
            assert terms.fee_today_jpy == quote.total_jpy
        else:
            assert terms.free_until == CHECK_IN - timedelta(days=h.cancellation.free_until_days)
            assert _free_stated(terms.text) and terms.fee_today_jpy == 0
        booking = catalogue.bookings.book("M0002", h.id, room_type.id, CHECK_IN, nights=1, adults=adults,
                                          idempotency_key=f"book-{h.id}")
        assert booking.cancellation == terms  # the booking record states the terms that were quoted
        booked.append((CANCEL_DAYS_BEFORE[i % len(CANCEL_DAYS_BEFORE)], h, quote, booking))

    ctx = AssistantContext(member_id="M0002", services=catalogue, thread_id="policies")
    for days_before, h, quote, booking in sorted(booked, key=lambda b: -b[0]):
        cancel_day = CHECK_IN - timedelta(days=days_before)
        clock.day = cancel_day
        promised = [s for s in quote.cancellation.schedule
                    if (s.starts_on is None or s.starts_on <= cancel_day) and cancel_day <= s.ends_on]
        assert len(promised) == 1, (h.id, quote.cancellation.schedule)
        preview = preview_action("cancel_booking", {"booking_id": booking.id}, ctx)
        assert preview.ok and preview.details["policy"] == h.cancellation.text
        result = catalogue.bookings.cancel("M0002", booking.id, idempotency_key=f"cancel-{booking.id}")
        assert result.fee_jpy == promised[0].fee_jpy == preview.details["fee_jpy"], (h.id, days_before)
        assert result.free == (result.fee_jpy == 0)
        assert result.free == (quote.cancellation.free_until is not None
                               and cancel_day <= quote.cancellation.free_until), h.id
        assert result.policy == h.cancellation.text
        expected_pct = 0 if days_before >= h.cancellation.free_until_days > 0 else h.cancellation.fee_pct
        assert result.fee_jpy == quote.total_jpy * expected_pct // 100, (h.id, days_before)
    shapes = {(h.cancellation.free_until_days, h.cancellation.fee_pct, d) for d, h, _, _ in booked}
    assert len(shapes) == len({(f, p) for f, p, _ in shapes}) * len(CANCEL_DAYS_BEFORE)


def test_a_non_refundable_stay_is_charged_in_full_even_on_the_booking_day(sqlite_url: str) -> None:
    data = dataset(hotels=[hotel("H0009", free_until_days=0, fee_pct=100, rooms=[room("H0009-R1")])])
    services = make_services(sqlite_url, data)
    try:
        quote = services.bookings.quote_stay("M0001", "H0009", "H0009-R1", CHECK_IN, nights=2)
        assert quote.cancellation.text.startswith("Non-refundable") and quote.cancellation.free_until is None
        booking = services.bookings.book("M0001", "H0009", "H0009-R1", CHECK_IN, nights=2, idempotency_key="b")
        result = services.bookings.cancel("M0001", booking.id, idempotency_key="c")
        assert not result.free and result.fee_jpy == booking.total_jpy and "free" not in result.message
    finally:
        services.close()


def test_fee_tiers_step_up_towards_check_in() -> None:
    policy = CancellationPolicy(free_until_days=7, fee_pct=30, no_show_pct=100, text="Tiered",
                                tiers=[CancellationTier(days_before=2, fee_pct=50),
                                       CancellationTier(days_before=0, fee_pct=100)])
    terms = cancellation_terms(policy, CHECK_IN, 40_000, TODAY)
    assert [(s.starts_on, s.ends_on, s.fee_pct) for s in terms.schedule] == [
        (None, CHECK_IN - timedelta(days=7), 0),
        (CHECK_IN - timedelta(days=6), CHECK_IN - timedelta(days=3), 30),
        (CHECK_IN - timedelta(days=2), CHECK_IN - timedelta(days=1), 50),
        (CHECK_IN, CHECK_IN, 100),
    ]
    assert "12,000 JPY" in terms.text and "20,000 JPY" in terms.text and "40,000 JPY" in terms.text
    assert cancellation_fee(policy, CHECK_IN, 40_000, CHECK_IN - timedelta(days=1)) == 20_000


policies = st.builds(
    CancellationPolicy,
    free_until_days=st.integers(0, 30),
    fee_pct=st.integers(0, 100),
    no_show_pct=st.integers(0, 100),
    text=st.just("as written"),
    tiers=st.lists(st.builds(CancellationTier, days_before=st.integers(0, 30), fee_pct=st.integers(0, 100)),
                   max_size=3),
)


@settings(max_examples=300, deadline=None)
@given(policy=policies, ahead=st.integers(0, 60), total=st.integers(1, 2_000_000))
def test_the_dated_schedule_is_the_per_day_fee_rule(policy: CancellationPolicy, ahead: int, total: int) -> None:
    today = date(2027, 3, 1)
    check_in = today + timedelta(days=ahead)
    steps = fee_schedule(policy, check_in, total, today)
    days = [today + timedelta(days=i) for i in range(ahead + 1)]
    covered = [d for s in steps for d in days if (s.starts_on or today) <= d <= s.ends_on]
    assert covered == days  # every day from the quote to check-in, once, in order
    for s in steps:
        for d in days:
            if (s.starts_on or today) <= d <= s.ends_on:
                assert fee_pct_on(policy, check_in, d) == s.fee_pct
                assert cancellation_fee(policy, check_in, total, d) == s.fee_jpy
    terms = cancellation_terms(policy, check_in, total, today)
    assert (terms.free_until is None) == (steps[0].fee_pct > 0)
    if all(s.fee_pct > 0 for s in steps):
        assert not _free_stated(terms.text)
