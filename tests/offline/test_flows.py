"""The offline engine end to end: real agent, tools, services, search index, confirmation middleware and
memory, with the offline engine as the model. Every answer must be grounded in that conversation's tool
results (`assert_grounded`)."""

from __future__ import annotations

import re

from assistant.offline.grounding import ungrounded
from eval.expectations import is_refusal
from tests.offline.conftest import TODAY, ChatFactory, grounded


def prices(text: str) -> list[int]:
    """Prices of the listed items (numbered lines), or of the whole text when nothing is listed."""
    listed = [line for line in text.splitlines() if re.match(r"\d\. ", line)] or [text]
    return [int(m.replace(",", "")) for line in listed for m in re.findall(r"¥([\d,]+)", line)]


def test_shopping_search_refine_details_compare(chat: ChatFactory) -> None:
    c = chat()
    first = c.say("find me wireless headphones under 20000 yen")
    assert c.called("search_products")[-1]["max_price_jpy"] == 20000
    assert prices(first) and max(prices(first)) <= 20000

    cheaper = c.say("anything cheaper?")
    budget = c.called("search_products")[-1]["max_price_jpy"]
    assert budget < 20000
    assert prices(cheaper) and max(prices(cheaper)) <= budget

    sony = c.say("only Sony")
    listed = [line for line in sony.splitlines() if re.match(r"\d\. ", line)]
    assert listed and all("sony" in line.lower() for line in listed)
    second_id = c.listed_ids()[1]

    c.say("details on the 2nd one please")
    assert c.called("get_product_details")[-1] == {"product_id": second_id}

    c.say("compare 1 and 2")
    shown = c.listed_ids()[:2]
    assert c.called("compare_products")[-1] == {"product_ids": shown}
    grounded(c)


def test_hotel_relative_dates_quote_book_earns_points(chat: ChatFactory) -> None:
    c = chat()
    c.say("Kyoto, next Friday, 2 nights, two adults - need a hotel")
    search = c.called("search_hotels")[-1]
    assert search["check_in"] == "2026-11-27" and search["nights"] == 2 and search["adults"] == 2

    quote = c.say("quote the first one")
    assert c.called("quote_stay"), "a quote comes before any booking"
    assert "Shall I book" in quote or "book it" in quote.lower()

    c.say("book it")
    assert c.pending is not None and c.pending.tool == "book_hotel"
    assert c.called("book_hotel")[-1] == c.called("quote_stay")[-1], "books exactly the quoted stay"
    assert not c.bookings()

    done = c.decide(approve=True)
    booked = c.bookings()
    assert len(booked) == 1
    assert booked[0].id in done
    assert f"{booked[0].points_earned:,} points" in done
    assert "Base points" in done, "the points breakdown is explained"
    grounded(c)


def test_pay_part_with_points(chat: ChatFactory) -> None:
    c = chat()
    before = c.balance().total
    pending = c.ask_to_book("hotels in Osaka this weekend", "book the second one and use 2000 points")
    assert pending.args["points_to_use"] == 2000
    done = c.decide(approve=True)
    assert "2,000 points used" in done
    booking = c.bookings()[0]
    assert booking.points_used == 2000
    after = c.balance().total
    assert after == before - 2000  # the points earned on the stay are pending until check-out
    assert c.balance().pending_total == booking.points_earned
    grounded(c)


def test_the_balance_answer_says_stay_points_are_pending(chat: ChatFactory) -> None:
    c = chat()
    c.book("hotels in Osaka this weekend", "book the first one")
    held = c.balance()
    assert held.pending_total > 0
    answer = c.say("what's my points balance now?")
    assert f"{held.total:,} points" in answer
    assert f"{held.pending_total:,} points" in answer and "pending" in answer.lower()
    assert "check-out" in answer.lower()
    grounded(c)


def test_cancel_applies_the_policy(chat: ChatFactory) -> None:
    c = chat()
    c.book("a hotel in Hakone from Dec 20 for 2 nights", "reserve the first one for me")
    booking_id = c.bookings()[0].id

    c.say("cancel my booking")
    assert c.pending is not None and c.pending.tool == "cancel_booking"
    assert c.pending.args == {"booking_id": booking_id}
    done = c.decide(approve=True)
    assert "cancelled" in done.lower() and booking_id in done
    assert "fee" in done.lower()
    statuses = [b.status for b in c.bookings(upcoming_only=False)]
    assert statuses == ["cancelled"]
    grounded(c)


def test_balance_and_expiring_points(chat: ChatFactory) -> None:
    c = chat()
    answer = c.say("what's my balance and is anything expiring soon?")
    balance = c.balance()
    assert f"{balance.total:,} points" in answer
    for soon in balance.expiring_soon:
        assert f"{soon.points:,} points" in answer
    grounded(c)


def test_mobile_plan_for_usage(chat: ChatFactory) -> None:
    c = chat()
    answer = c.say("about 15 GB a month and lots of calls")
    args = c.called("recommend_mobile_plan")[-1]
    assert args["monthly_data_gb"] == 15 and args["call_minutes_per_month"] > 0
    assert re.search(r"¥[\d,]+ a month", answer), answer
    grounded(c)


def test_somewhere_warm_in_january_with_onsen(chat: ChatFactory) -> None:
    c = chat()
    answer = c.say("somewhere warm in January with onsen")
    args = c.called("search_destinations")[-1]
    assert args["month"] == 1 and "onsen" in args["query"] and "warm" in args["query"]
    highs = [int(h) for h in re.findall(r"highs around (-?\d+)", answer)]
    assert highs and highs == sorted(highs, reverse=True), "warmest first"
    grounded(c)


def test_reject_at_confirmation_writes_nothing(chat: ChatFactory) -> None:
    c = chat()
    before = c.balance().total
    c.ask_to_book("hotel in Kyoto next Friday for 1 night", "reserve the top one, using 1000 points")
    answer = c.decide(approve=False)
    assert "nothing" in answer.lower() or "haven't" in answer.lower() or "didn't" in answer.lower()
    assert not c.bookings(upcoming_only=False)
    assert c.balance().total == before
    grounded(c)


def test_correction_mid_booking_changes_the_quote(chat: ChatFactory) -> None:
    c = chat()
    c.say("find a hotel in Osaka next Friday for 2 nights")
    two = c.say("quote the first one")
    c.say("actually, let's do 3 nights")
    quotes = c.called("quote_stay")
    assert [q["nights"] for q in quotes] == [2, 3]
    assert quotes[0]["hotel_id"] == quotes[1]["hotel_id"]
    three = c.answers[-1]
    assert prices(two)[0] != prices(three)[0], "the total changed with the stay"
    c.say("book it")
    assert c.pending is not None and c.pending.args["nights"] == 3
    assert not c.bookings(upcoming_only=False)
    grounded(c)


def test_new_message_while_confirming_is_a_correction(chat: ChatFactory) -> None:
    c = chat()
    c.say("hotel in Kobe next Friday for 2 nights")
    c.say("reserve the first one for me")
    assert c.pending is not None and c.pending.args["nights"] == 2
    c.say("actually, let's do 3 nights")  # the pending booking is rejected; the engine re-quotes
    assert c.called("quote_stay")[-1]["nights"] == 3
    assert not c.bookings(upcoming_only=False)
    grounded(c)


def test_out_of_scope_handoff_and_identity(chat: ChatFactory) -> None:
    c = chat()
    declined = c.say("book me a flight to London")
    assert is_refusal(declined) and "flight" in declined.lower(), declined
    assert not c.called("handoff_to_support"), "declined without a ticket"
    c.say("my order arrived broken and I want my money back")
    assert c.called("handoff_to_support")
    ticket = re.findall(r"\b(T[0-9A-F]{6,})\b", c.answers[-1])
    assert ticket and ticket[0] in c.tool_results[-1]
    assert "offline" in c.say("are you a bot?").lower()
    grounded(c)


def test_same_conversation_same_output(chat: ChatFactory) -> None:
    script = ["hi", "find me a rice cooker under 15000 yen", "cheaper", "tell me more about the first one"]
    runs = []
    for _ in range(2):
        c = chat()
        for line in script:
            c.say(line)
        runs.append((c.answers, c.tool_calls))
    assert runs[0] == runs[1]


def test_grounding_helper_catches_invented_figures() -> None:
    results = ['{"id":"P000001","price_jpy":7500,"points":450}']
    assert not ungrounded("P000001 costs ¥7,500 and earns 450 points", results)
    assert ungrounded("P000001 costs ¥7,900", results) == ["price ¥7,900"]
    assert ungrounded("earns 451 points", results) == ["points 451 points"]
    assert ungrounded("see P000002", results) == ["id P000002"]
    assert TODAY.weekday() == 0
