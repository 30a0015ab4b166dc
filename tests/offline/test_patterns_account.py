"""Issue 15, patterns 7, 8 and the history part of 9, end to end through the real agent, tools, services,
index and confirmation middleware: redemption phrasing checked against the balance before anything is
offered, plan advice for this member (named plans, age before the Under-22 plan, call habits, what they
pay now, options), and the member's own history answered from the ledger and the bookings.

Phrasings are fresh (not taken from any scenario file). Figures are read from the services or the tool
results of the conversation, never typed in, so the tests hold on any day.
"""

from __future__ import annotations

import json
import re
from datetime import timedelta
from typing import Any

from assistant.offline.policy_products import points_figures
from tests.offline.conftest import Chat, ChatFactory, grounded


def redemptions(c: Chat) -> list[int]:
    page = c.runtime.services.ledger.history(c.member, page=1, page_size=100)
    return [-e.points for e in page.entries if e.kind == "redeem" and e.created_on == c.runtime.services.clock.today()]


# A key only that tool's result has: tool results are matched by their shape.
SIGNATURE = {
    "points_balance": "expiring_soon_total",
    "points_history": "entries",
    "recommend_mobile_plan": "ranked",
    "search_products": "products",
}


def last_result(c: Chat, tool: str) -> dict[str, Any]:
    """The parsed output of the last call of `tool` in the conversation."""
    for raw in reversed(c.tool_results):
        body = raw.strip()
        if body.startswith("<"):
            body = body[body.index(">") + 1 : body.rindex("<")]
        try:
            data = json.loads(body)
        except ValueError:
            continue
        if isinstance(data, dict) and SIGNATURE[tool] in data:
            return data
    raise AssertionError(f"no {tool} result: {c.tool_calls}")


def n(value: int) -> str:
    return f"{value:,}"


# --- redemption -------------------------------------------------------------------------------------


def approve_redemption(c: Chat, points: int, purpose: str = "mobile_bill") -> None:
    """The pending action redeems exactly `points` toward `purpose`; approved, it redeems them once."""
    assert c.pending is not None and c.pending.args == {"points": points, "purpose": purpose}
    c.decide(approve=True)
    assert redemptions(c) == [points]


def test_words_for_a_number_redeem_on_the_phone_bill(chat: ChatFactory) -> None:
    c = chat("M0010")
    before = c.runtime.services.ledger.balance("M0010").total
    c.say("could you take one thousand five hundred points off my phone bill")
    assert c.called("points_balance"), "the balance is checked before anything is offered"
    assert c.pending is not None and c.pending.tool == "redeem_points"
    assert c.pending.args == {"points": 1500, "purpose": "mobile_bill"}
    done = c.decide(approve=True)
    assert redemptions(c) == [1500]
    assert n(before - 1500) in done
    grounded(c)


def test_over_the_balance_says_the_balance_and_writes_nothing(chat: ChatFactory) -> None:
    c = chat("M0041")
    held = c.runtime.services.ledger.balance("M0041").total
    answer = c.say(f"put {held + 4000} of my points toward my mobile bill")
    assert c.pending is None
    assert not c.called("redeem_points")
    assert n(held) in answer
    assert redemptions(c) == []
    c.say("alright then, everything I've got")
    approve_redemption(c, held)
    grounded(c)


def test_half_of_the_balance_toward_an_order(chat: ChatFactory) -> None:
    c = chat("M0044")
    held = c.runtime.services.ledger.balance("M0044").total
    c.say("spend half of my points on my next order")
    assert c.pending is not None
    assert c.pending.args == {"points": held // 2, "purpose": "marketplace_purchase"}
    c.decide(approve=False)
    assert redemptions(c) == []
    grounded(c)


def test_the_expiring_ones_go_on_the_bill(chat: ChatFactory) -> None:
    c = chat("M0005")
    c.say("do any of my points expire soon?")
    soon = last_result(c, "points_balance")["expiring_soon_total"]
    assert soon > 0
    c.say("then stick those on my mobile bill")
    approve_redemption(c, soon)
    grounded(c)


def test_points_on_a_listed_product(chat: ChatFactory) -> None:
    c = chat("M0017")
    c.say("rice cookers under 30000 yen")
    listed = [p["id"] for p in last_result(c, "search_products")["products"]]
    answer = c.say("put 1200 points on the second one")
    assert c.pending is not None, answer
    args = c.pending.args
    assert args["points"] == 1200 and args["purpose"] == "marketplace_purchase" and args["product_id"] in listed
    grounded(c)


def test_amount_first_then_what_on(chat: ChatFactory) -> None:
    c = chat("M0043")
    question = c.say("I want to redeem 800 points")
    assert "?" in question and c.pending is None
    c.say("the phone bill please")
    assert c.pending is not None and c.pending.args == {"points": 800, "purpose": "mobile_bill"}
    grounded(c)


def test_rejected_amount_then_a_smaller_one(chat: ChatFactory) -> None:
    c = chat("M0020")
    c.say("use 2500 points on my phone bill")
    assert c.pending is not None and c.pending.args["points"] == 2500
    answer = c.decide(approve=False)
    assert "?" in answer
    c.say("make it 600")
    approve_redemption(c, 600)
    grounded(c)


def test_too_many_points_on_a_stay_is_never_offered(chat: ChatFactory) -> None:
    c = chat("M0030")
    held = c.runtime.services.ledger.balance("M0030").total
    c.say("a hotel in Kyoto next friday for 2 nights")
    answer = c.say(f"book the first and use {held + 3000} points")
    assert c.pending is None
    assert n(held) in answer
    assert not c.runtime.services.bookings.bookings("M0030", upcoming_only=False).bookings
    grounded(c)


# --- plans ------------------------------------------------------------------------------------------


def test_a_named_plan_is_that_plan_not_the_members_own(chat: ChatFactory) -> None:
    c = chat("M0006")  # on Tiered Unlimited, about 19.5 GB a month
    answer = c.say("tell me about the data light plan")
    assert c.called("explain_mobile_plan")[-1]["plan_id"] == "plan-light"
    assert "Data Light" in answer and "990" in answer
    fits = c.say("is that one enough for what I use?")
    usage = last_result(c, "recommend_mobile_plan")["monthly_gb"]
    assert f"{usage:g} GB" in fits and "5 GB" in fits and fits.startswith("No")
    grounded(c)


def test_the_under_22_plan_waits_for_the_age(chat: ChatFactory) -> None:
    c = chat("M0009")
    first = c.say("what's the cheapest plan for me?")
    ranked = last_result(c, "recommend_mobile_plan")["ranked"]
    youth = next(r for r in ranked if r["plan_id"] == "plan-youth")
    assert "Under-22" not in first and n(youth["monthly_total_jpy"]) not in first
    assert first.rstrip().endswith("?")
    young = c.say("I'm 20")
    assert "Under-22" in young and n(youth["monthly_total_jpy"]) in young
    grounded(c)


def test_an_adult_is_never_offered_the_under_22_plan(chat: ChatFactory) -> None:
    c = chat("M0048")
    c.say("which plan suits me best?")
    answer = c.say("I'm 41")
    assert "Under-22" not in answer
    ranked = last_result(c, "recommend_mobile_plan")["ranked"]
    best_adult = next(r for r in ranked if r["plan_id"] != "plan-youth")
    assert n(best_adult["monthly_total_jpy"]) in answer
    grounded(c)


def test_compared_with_what_the_member_pays_now(chat: ChatFactory) -> None:
    c = chat("M0018")  # on Data Light
    answer = c.say("would tiered unlimited cost less than my current plan?")
    rec = last_result(c, "recommend_mobile_plan")
    tiered = next(r for r in rec["ranked"] if r["plan_id"] == "plan-tiered")
    assert rec["current_plan_id"] == "plan-light"
    assert n(tiered["monthly_total_jpy"]) in answer
    assert n(rec["current_plan_bill"]["monthly_total_jpy"]) in answer
    grounded(c)


def test_call_minutes_and_the_app_are_arguments(chat: ChatFactory) -> None:
    c = chat("M0034")
    c.say("I spend about 250 minutes a month on calls and I won't use an app. which plan?")
    args = c.called("recommend_mobile_plan")[-1]
    assert args["call_minutes_per_month"] == 250 and args["uses_app_for_calls"] is False
    c.say("ok, and if I called through the app instead?")
    args = c.called("recommend_mobile_plan")[-1]
    assert args["call_minutes_per_month"] == 250 and args["uses_app_for_calls"] is True
    grounded(c)


def test_an_option_on_the_members_own_plan(chat: ChatFactory) -> None:
    c = chat("M0047")  # on Tiered Unlimited
    answer = c.say("does my plan have handset insurance, and what does it cost?")
    assert c.called("explain_mobile_plan")[-1]["plan_id"] == "plan-tiered"
    assert "715" in answer
    grounded(c)


# --- history ----------------------------------------------------------------------------------------


def test_last_spend_and_the_one_before(chat: ChatFactory) -> None:
    c = chat("M0024")
    answer = c.say("what was the last thing I used points for?")
    assert c.called("points_history")[-1]["kind"] == "redeem"
    assert not c.called("search_products")
    spent = [e for e in last_result(c, "points_history")["entries"] if e["kind"] == "redeem"]
    assert n(-spent[0]["points"]) in answer and "hotel stay" in answer
    before = c.say("and the one before that?")
    assert n(-spent[1]["points"]) in before
    assert not c.called("search_products")
    grounded(c)


def test_zero_balance_is_explained_by_the_expiry(chat: ChatFactory) -> None:
    c = chat("M0003")
    answer = c.say("how come I have no points left at all?")
    assert c.called("points_history")[-1]["kind"] == "expire"
    lost = last_result(c, "points_history")["entries"][0]
    assert n(-lost["points"]) in answer and "expired" in answer
    advice = c.say("what can I do so that doesn't happen again?")
    assert not c.called("handoff_to_support") and not c.called("redeem_points")
    assert "can't" not in advice.lower()
    grounded(c)


def test_same_again_repeats_the_last_purpose(chat: ChatFactory) -> None:
    c = chat("M0006")  # last redemption: a marketplace order
    c.say("what have I spent points on most recently?")
    c.say("do the same again with 450 points")
    approve_redemption(c, 450, "marketplace_purchase")
    grounded(c)


def test_points_a_booking_in_this_chat_earns(chat: ChatFactory) -> None:
    c = chat("M0013")
    c.say("a hotel in Osaka next friday for one night")
    c.say("book the cheapest one")
    c.decide(approve=True)
    booking = c.runtime.services.bookings.bookings("M0013", upcoming_only=True).bookings[0]
    answer = c.say("how many points will I get for that stay?")
    assert n(booking.points_earned) in answer and booking.hotel_name in answer
    grounded(c)


def test_history_lines_show_dates_and_what_they_were(chat: ChatFactory) -> None:
    c = chat("M0001")
    answer = c.say("show me my points history")
    entries = last_result(c, "points_history")["entries"]
    assert entries and "None" not in answer
    assert re.search(r"\b(Mon|Tue|Wed|Thu|Fri|Sat|Sun) \d{1,2} [A-Z][a-z]{2}\b", answer), answer
    grounded(c)


# --- latent bugs of the points answers -------------------------------------------------------------


def test_bonus_lines_worth_nothing_are_left_out_and_the_cap_is_read_from_the_earn_data() -> None:
    earned = {
        "total": 120,
        "lines": [
            {"label": "Base", "granted": 100, "points": 100, "cut_by_cap": 0},
            {"label": "Campaign bonus", "granted": 20, "points": 50, "cut_by_cap": 30},
            {"label": "Card bonus", "granted": 0, "points": 0, "cut_by_cap": 0},
        ],
        "cap": {"monthly_cap": 5000, "cut": 30},
    }
    figures = points_figures({"price_jpy": 10000, "earn": earned})
    assert [line["label"] for line in figures["breakdown"]] == ["Base", "Campaign bonus"]
    assert figures["cap_applied"] is True
    uncapped = {**earned, "cap": {"monthly_cap": 5000, "cut": 0}, "lines": earned["lines"][:1]}
    assert points_figures({"price_jpy": 10000, "earn": uncapped})["cap_applied"] is False


def test_points_in_words_flow_into_the_stay_quote(chat: ChatFactory) -> None:
    c = chat("M0015")
    c.say("a hotel in Osaka next friday for one night")
    c.say("book the first one and put one thousand points towards it")
    assert c.pending is not None and c.pending.tool == "book_hotel"
    assert c.pending.args["points_to_use"] == 1000
    assert c.called("quote_stay")[-1]["points_to_use"] == 1000
    grounded(c)


def test_a_stay_asked_after_the_balance_is_a_hotel_search_not_points_on_a_stay(chat: ChatFactory) -> None:
    """After a balance answer a bare number may be a points amount ("just 1000 then"), but the numbers of a stay
    request (nights, a day of the month) are not: the member gets hotels, and no points question."""
    c = chat("M0023")
    c.say("how many points have I got right now?")
    day = c.runtime.services.clock.today() + timedelta(days=30)
    answer = c.say(f"somewhere to stay in Osaka for 3 nights from {day.day} {day:%B}, two adults")
    [search] = c.called("search_hotels")
    assert search["city"] == "Osaka" and search["nights"] == 3 and search["check_in"] == day.isoformat()
    assert not c.called("quote_stay") and c.pending is None
    assert any(h["name"] in answer for h in c.result("search_hotels")["hotels"])
    grounded(c)
