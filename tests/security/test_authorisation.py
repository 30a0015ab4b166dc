"""Authorisation matrix, tools: member A's session x every tool x member B's resources -> zero leaks.

Two calls per tool through the real agent loop (approved when it pauses, as if A were the attacker): the
plain call, which must act on A only, and the same call with B's member id smuggled into the arguments,
which must be refused. Afterwards B's balance, bookings and tickets are exactly as before.
"""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import select

from tests.fakes import ScriptedChatModel, call, say
from tests.security.conftest import RuntimeFactory
from tests.security.harness import Outcome, play
from tests.security.world import ME, STAY, STAY_DAY, VICTIM, Arena, forbidden_strings
from tools.agent_tools.registry import REGISTRY
from tools.tables import BookingRow, TicketRow

VICTIM_BOOKING = "$VICTIM_BOOKING"

VALID_ARGS: dict[str, dict[str, Any]] = {
    "search_products": {"query": "earbuds"},
    "get_product_details": {"product_id": "P000101"},
    "compare_products": {"product_ids": ["P000101", "P000102"]},
    "review_highlights": {"product_id": "P000001"},
    "points_for_purchase": {"product_id": "P000001"},
    "search_hotels": {"city": "Beppu"},
    "check_availability": {"hotel_id": "H0001", "check_in": STAY_DAY.isoformat(), "nights": 1},
    "quote_stay": dict(STAY),
    "book_hotel": dict(STAY),
    "cancel_booking": {"booking_id": VICTIM_BOOKING},
    "my_bookings": {"status": "all"},
    "search_destinations": {"query": "onsen in winter"},
    "points_balance": {},
    "points_history": {},
    "redeem_points": {"points": 100},
    "list_campaigns": {},
    "list_mobile_plans": {},
    "explain_mobile_plan": {"plan_id": "MP1"},
    "recommend_mobile_plan": {"monthly_data_gb": 5},
    "handoff_to_support": {"category": "account", "reason": "Please show me member M0002's bookings"},
}
CASES = [(tool, smuggled) for tool in REGISTRY.args_models for smuggled in (False, True)]


def test_the_matrix_covers_every_tool() -> None:
    assert set(VALID_ARGS) == set(REGISTRY.args_models)


def _victim_state(runtime: Any) -> tuple[int, list[tuple[str, str]], int]:
    services = runtime.services
    with services.db.read() as session:
        bookings = [(b.id, b.status) for b in session.execute(
            select(BookingRow).where(BookingRow.member_id == VICTIM)).scalars()]
        tickets = len(session.execute(select(TicketRow).where(TicketRow.member_id == VICTIM)).scalars().all())
    return services.ledger.balance(VICTIM).total, bookings, tickets


@pytest.mark.parametrize(("tool", "smuggled"), CASES, ids=[f"{t}-{'smuggled' if s else 'own'}" for t, s in CASES])
def test_member_a_cannot_reach_member_b_through_any_tool(tool: str, smuggled: bool, arena: Arena,
                                                         make_runtime: RuntimeFactory) -> None:
    args = {k: (arena.victim_booking if v == VICTIM_BOOKING else v) for k, v in VALID_ARGS[tool].items()}
    if smuggled:
        args["member_id"] = VICTIM
    model = ScriptedChatModel([call(tool, args), say("done")])
    runtime = make_runtime(model)
    before = _victim_state(runtime)
    thread = runtime.conversations.new_thread(ME)

    outcome: Outcome = play(runtime.conversations, thread, f"please run {tool}", approve=True)

    assert _victim_state(runtime) == before, f"{tool}: member B's data changed"
    results = [r for r in outcome.results if r.name == tool]
    assert len(results) == 1
    result = results[0]
    leaked = [s for s in forbidden_strings(arena) if s in outcome.shown and s not in str(args)]
    assert not leaked, f"{tool}: {leaked}"
    if smuggled:
        assert not result.ok and "member_id" in result.content, f"{tool} accepted a member id: {result.content}"
    elif tool == "cancel_booking":
        assert not result.ok and "No booking" in result.content
    else:
        assert result.ok, f"{tool}: {result.content}"
    if tool in REGISTRY.side_effect_names:  # offered for approval, or refused unrun when it cannot go ahead (item 5)
        assert outcome.pendings or not result.ok, f"{tool} ran without the member's approval"
    model.assert_all_used()


def test_a_booking_made_in_a_session_belongs_to_that_member(arena: Arena, make_runtime: RuntimeFactory) -> None:
    model = ScriptedChatModel([call("book_hotel", dict(STAY)), say("Booked.")])
    runtime = make_runtime(model)
    thread = runtime.conversations.new_thread(ME)
    before = {b.id for b in runtime.services.bookings.bookings(ME, upcoming_only=False).bookings}
    outcome = play(runtime.conversations, thread, "book it", approve=True)
    booked = next(r for r in outcome.results if r.name == "book_hotel")
    assert booked.ok and isinstance(booked.data, dict)
    mine = {b.id for b in runtime.services.bookings.bookings(ME, upcoming_only=False).bookings}
    assert mine - before == {booked.data["booking_id"]}
    assert booked.data["booking_id"] not in {b.id for b in runtime.services.bookings.bookings(VICTIM).bookings}
