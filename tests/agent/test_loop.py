"""The agent loop with a scripted model on the real tools: what a member sees and what gets written."""

from __future__ import annotations

from typing import Any

from langchain_core.messages import ToolMessage

from tests.agent.conftest import RuntimeFactory
from tests.agent.helpers import balance, bookings, row_counts, run
from tests.fakes import ScriptedChatModel, call, last_tool_json, say

STAY = {"hotel_id": "H0001", "room_type_id": "H0001-R1", "check_in": "2026-12-10", "nights": 2}
STAY_DATES = {"check_in": "2026-12-10", "nights": 2}


def first_hotel(messages: list[Any]) -> str:
    return str(last_tool_json(messages, "search_hotels")["hotels"][0]["hotel_id"])


def first_booking(messages: list[Any]) -> str:
    return str(last_tool_json(messages, "my_bookings")["bookings"][0]["booking_id"])


def test_search_details_quote_book_with_confirmation_earns_points(make_runtime: RuntimeFactory) -> None:
    model = ScriptedChatModel(
        [
            call("search_hotels", {"city": "Beppu", "check_in": "2026-12-10", "nights": 2, "amenities": ["onsen"]}),
            lambda m: call(
                "check_availability", {**STAY_DATES, "hotel_id": last_tool_json(m)["hotels"][0]["hotel_id"]}
            ),
            call("quote_stay", STAY),
            lambda m: say(f"Hotel H0001, 2 nights: {last_tool_json(m, 'quote_stay')['total_jpy']:,} JPY. Book it?"),
            call("book_hotel", STAY),
            lambda m: say(f"Booked {last_tool_json(m, 'book_hotel')['booking_id']}."),
        ]
    )
    rt = make_runtime(model)
    conv = rt.conversations
    thread = conv.new_thread("M0001")
    before = balance(rt.services, "M0001")

    first = run(conv.send(member_id="M0001", thread_id=thread, text="An onsen hotel in Beppu, 10 Dec, 2 nights"))
    assert [c.name for c in first.tool_calls] == ["search_hotels", "check_availability", "quote_stay"]
    quote = first.result("quote_stay").data
    assert isinstance(quote, dict) and quote["total_jpy"] == 24_000 and quote["points_earned"] == 720
    assert "24,000 JPY" in first.answer and first.pending is None

    second = run(conv.send(member_id="M0001", thread_id=thread, text="Yes, book it"))
    pending = second.pending
    assert pending is not None and pending.tool == "book_hotel" and pending.args == STAY
    # The member sees exactly what will happen before anything is written.
    assert "24,000 JPY" in pending.summary and "720 points earned" in pending.summary
    assert "2 nights" in pending.summary and "Free cancellation until" in pending.summary
    assert pending.details["total_jpy"] == 24_000 and pending.details["cancellation"]["fee_jpy"] == 12_000
    assert bookings(rt.services, "M0001") == []
    assert conv.pending(member_id="M0001", thread_id=thread) == pending

    third = run(conv.decide(member_id="M0001", thread_id=thread, approve=True))
    booked = third.result("book_hotel")
    assert booked.ok and booked.data and booked.data["booking_id"].startswith("BK")
    assert third.answer == f"Booked {booked.data['booking_id']}."
    [booking] = bookings(rt.services, "M0001")
    assert booking.id == booked.data["booking_id"] and booking.total_jpy == 24_000
    assert balance(rt.services, "M0001") == before  # the 720 points are pending until check-out
    assert rt.services.ledger.balance("M0001").pending_total == 720
    assert "credited after check-out" in pending.summary
    assert conv.pending(member_id="M0001", thread_id=thread) is None
    model.assert_all_used()
    # Nothing in the model's view carries a member id argument.
    assert all("member_id" not in str(t["function"]["parameters"]) for t in model.calls[0].tools)


def test_pay_part_with_points(make_runtime: RuntimeFactory) -> None:
    stay = {**STAY, "points_to_use": 4_000}
    model = ScriptedChatModel([call("quote_stay", stay), call("book_hotel", stay), say("Done.")])
    rt = make_runtime(model)
    conv = rt.conversations
    thread = conv.new_thread("M0001")
    turn = run(conv.send(member_id="M0001", thread_id=thread, text="Book it using 4000 points"))
    quote = turn.result("quote_stay").data
    assert quote and quote["cash_to_pay_jpy"] == 20_000 and quote["points_to_use"] == 4_000
    assert turn.pending and "4,000 points + 20,000 JPY" in turn.pending.summary
    earned = turn.pending.details["points_earned"]
    assert earned == 600  # points are earned on the 20,000 JPY paid in cash only (1% base + 2% card)

    run(conv.decide(member_id="M0001", thread_id=thread, approve=True))
    [booking] = bookings(rt.services, "M0001")
    assert booking.points_used == 4_000 and booking.cash_jpy == 20_000
    assert balance(rt.services, "M0001") == 5_000 - 4_000  # spendable: the earned points wait for check-out
    assert rt.services.ledger.balance("M0001").pending_total == earned
    model.assert_all_used()


def test_cancel_with_policy_fee(make_runtime: RuntimeFactory) -> None:
    sapporo = {"hotel_id": "H0002", "room_type_id": "H0002-R1", "check_in": "2026-12-20", "nights": 1}
    model = ScriptedChatModel(
        [
            call("book_hotel", sapporo),
            say("Booked."),
            call("my_bookings", {}),
            lambda m: call(
                "cancel_booking", {"booking_id": last_tool_json(m, "my_bookings")["bookings"][0]["booking_id"]}
            ),
            lambda m: say(last_tool_json(m, "cancel_booking")["message"]),
        ]
    )
    rt = make_runtime(model)
    conv = rt.conversations
    thread = conv.new_thread("M0001")
    run(conv.send(member_id="M0001", thread_id=thread, text="Book Sapporo on the 20th"))
    run(conv.decide(member_id="M0001", thread_id=thread, approve=True))
    [booking] = bookings(rt.services, "M0001")
    balance_booked = balance(rt.services, "M0001")

    turn = run(conv.send(member_id="M0001", thread_id=thread, text="Cancel my Sapporo booking"))
    pending = turn.pending
    assert pending is not None and pending.tool == "cancel_booking"
    # Within 30 days of check-in the Sapporo policy charges 30%: the member sees the fee before approving.
    assert pending.details["fee_jpy"] == booking.total_jpy * 30 // 100 and not pending.details["free"]
    assert f"{pending.details['fee_jpy']:,} JPY" in pending.summary
    assert bookings(rt.services, "M0001")[0].status == "confirmed"

    done = run(conv.decide(member_id="M0001", thread_id=thread, approve=True))
    assert "cancelled with a fee" in done.answer
    [cancelled] = bookings(rt.services, "M0001")
    assert cancelled.status == "cancelled" and cancelled.cancellation_fee_jpy == pending.details["fee_jpy"]
    assert balance(rt.services, "M0001") == balance_booked  # the stay's points were pending, now voided
    assert rt.services.ledger.balance("M0001").pending_total == 0
    model.assert_all_used()


def test_reject_at_confirmation_writes_nothing(make_runtime: RuntimeFactory) -> None:
    model = ScriptedChatModel(
        [call("book_hotel", STAY), call("redeem_points", {"points": 500}), say("Okay, I have not booked it.")]
    )
    rt = make_runtime(model)
    conv = rt.conversations
    thread = conv.new_thread("M0001")
    before = row_counts(rt.services)
    turn = run(conv.send(member_id="M0001", thread_id=thread, text="Book it"))
    assert turn.pending and turn.pending.tool == "book_hotel"
    nxt = run(conv.decide(member_id="M0001", thread_id=thread, approve=False, note="Too expensive"))
    rejection = nxt.result("book_hotel")
    assert not rejection.ok and "Too expensive" in rejection.content
    assert nxt.pending and nxt.pending.tool == "redeem_points"
    assert "balance 5,000 -> 4,500 points" in nxt.pending.summary
    last = run(conv.decide(member_id="M0001", thread_id=thread, approve=False))
    assert last.answer == "Okay, I have not booked it." and last.pending is None
    assert row_counts(rt.services) == before
    model.assert_all_used()


def test_bad_argument_call_is_explained_and_the_model_corrects_it(make_runtime: RuntimeFactory) -> None:
    seen: list[str] = []

    def correct(messages: list[Any]) -> Any:
        error = [m for m in messages if isinstance(m, ToolMessage)][-1]
        seen.append(str(error.content))
        return call("quote_stay", STAY)

    model = ScriptedChatModel(
        [
            call("quote_stay", {**STAY, "check_in": "next friday", "nights": 40}),
            correct,
            lambda m: say(f"{last_tool_json(m, 'quote_stay')['total_jpy']:,} JPY"),
        ]
    )
    rt = make_runtime(model)
    conv = rt.conversations
    thread = conv.new_thread("M0001")
    turn = run(conv.send(member_id="M0001", thread_id=thread, text="How much for 2 nights from the 10th?"))
    first, second = [r for r in turn.results if r.name == "quote_stay"]
    assert not first.ok and second.ok
    assert "check_in" in seen[0] and "nights" in seen[0]  # the model is told which arguments to fix
    assert turn.answer == "24,000 JPY"
    model.assert_all_used()


def test_domain_error_comes_back_as_text(make_runtime: RuntimeFactory) -> None:
    past = {**STAY, "check_in": "2026-11-20"}
    model = ScriptedChatModel(
        [call("quote_stay", past), call("get_product_details", {"product_id": "P999999"}), "Sorry."]
    )
    rt = make_runtime(model)
    conv = rt.conversations
    turn = run(conv.send(member_id="M0001", thread_id=conv.new_thread("M0001"), text="quote"))
    quote, product = turn.results
    assert not quote.ok and quote.data and quote.data["error"] == "invalid_request" and "past" in quote.content
    assert not product.ok and product.data and product.data["error"] == "not_found"
