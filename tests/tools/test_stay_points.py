"""Points on stays are credited after the stay: pending (shown, not spendable) from booking until check-out,
credited on the check-out day, voided by a cancellation; no book -> redeem -> cancel sequence creates points."""

from __future__ import annotations

import contextlib
from datetime import timedelta

import pytest

from testkit.factories import TODAY
from tools.agent_tools.context import AssistantContext
from tools.agent_tools.previews import preview_action
from tools.clock import FixedClock
from tools.errors import DomainError, InsufficientPoints
from tools.ledger import ledger_sum
from tools.services import Services
from tools.tables import MemberBalanceRow

CHECK_IN = TODAY + timedelta(days=10)


def _consistent(services: Services, member_id: str) -> int:
    with services.db.read() as session:
        cached = session.get(MemberBalanceRow, member_id)
        total = ledger_sum(session, member_id)
        assert cached is not None and cached.balance == total
        return total


def test_stay_points_are_pending_until_check_out_then_credited(services: Services) -> None:
    booking = services.bookings.book("M0002", "H0001", "H0001-R1", CHECK_IN, nights=2, idempotency_key="b")
    assert booking.points_earned > 0 and booking.points_credit_on == CHECK_IN + timedelta(days=2)
    balance = services.ledger.balance("M0002")
    assert balance.total == 20_000  # nothing spendable was added
    assert balance.pending_total == booking.points_earned
    assert [(p.ref, p.points, p.credit_on) for p in balance.pending] == [
        (booking.id, booking.points_earned, booking.points_credit_on)]
    with pytest.raises(InsufficientPoints):
        services.ledger.redeem("M0002", 20_000 + booking.points_earned, idempotency_key="too-much")

    clock = services.clock
    assert isinstance(clock, FixedClock)
    clock.day = CHECK_IN + timedelta(days=1)  # still staying
    assert services.ledger.balance("M0002").pending_total == booking.points_earned
    clock.day = CHECK_IN + timedelta(days=2)  # check-out day
    balance = services.ledger.balance("M0002")
    assert balance.total == 20_000 + booking.points_earned and balance.pending_total == 0
    history = services.ledger.history("M0002").entries
    assert history[0].ref == booking.id and history[0].points == booking.points_earned
    assert services.ledger.balance("M0002").total == 20_000 + booking.points_earned  # credited once
    assert _consistent(services, "M0002") == 20_000 + booking.points_earned


def test_cancelling_voids_the_pending_points_and_says_so(services: Services) -> None:
    booking = services.bookings.book("M0002", "H0001", "H0001-R1", CHECK_IN, nights=2, points_to_use=6_000,
                                     idempotency_key="b")
    ctx = AssistantContext(member_id="M0002", services=services, thread_id="t")
    preview = preview_action("cancel_booking", {"booking_id": booking.id}, ctx)
    assert preview.details["points_voided"] == booking.points_earned and preview.details["points_reversed"] == 0
    assert f"{booking.points_earned:,} points" in preview.summary and "voided" in preview.summary
    result = services.bookings.cancel("M0002", booking.id, idempotency_key="c")
    assert result.points_voided == booking.points_earned and result.points_reversed == 0
    assert result.points_refunded == 6_000 and "voided" in result.message
    assert services.ledger.balance("M0002").pending_total == 0
    clock = services.clock
    assert isinstance(clock, FixedClock)
    clock.day = CHECK_IN + timedelta(days=5)  # after the stay would have ended: nothing is credited
    assert services.ledger.balance("M0002").total == 20_000 == _consistent(services, "M0002")


def test_the_booking_confirmation_states_when_points_are_credited(lite: Services) -> None:
    ctx = AssistantContext(member_id="M0002", services=lite, thread_id="t")
    preview = preview_action("book_hotel", {"hotel_id": "H0001", "room_type_id": "H0001-R1",
                                            "check_in": CHECK_IN.isoformat(), "nights": 2}, ctx)
    check_out = CHECK_IN + timedelta(days=2)
    assert preview.ok and f"credited after check-out on {check_out:%a %d %b %Y}" in preview.summary
    assert "not spendable" in preview.summary and preview.details["points_credit_on"] == check_out.isoformat()


@pytest.mark.parametrize("points_to_use", [0, 1_000, 6_000, 20_000])
def test_no_book_redeem_cancel_sequence_creates_points(lite: Services, points_to_use: int) -> None:
    """Book (using some points), spend everything spendable, cancel: the member ends with what they had minus
    what they spent, never more, and the pending points never become spendable."""
    start = lite.ledger.balance("M0002").total
    booking = lite.bookings.book("M0002", "H0001", "H0001-R2", CHECK_IN, nights=3, points_to_use=points_to_use,
                                 idempotency_key=f"b{points_to_use}")
    spendable = lite.ledger.balance("M0002").total
    assert spendable == start - points_to_use
    spent = 0
    for i, amount in enumerate((spendable, spendable + booking.points_earned, 100)):
        with contextlib.suppress(DomainError):  # more than is spendable (or nothing left to spend)
            spent += lite.ledger.redeem("M0002", amount, idempotency_key=f"r{i}").points
    assert spent == spendable  # the pending points could not be spent
    result = lite.bookings.cancel("M0002", booking.id, idempotency_key="c")
    assert result.points_voided == booking.points_earned and result.points_reversed == 0
    end = lite.ledger.balance("M0002")
    assert end.total == start - spent == result.balance_after and end.pending_total == 0
    assert end.total <= start
    assert _consistent(lite, "M0002") == start - spent
