"""Issue 15, patterns 1, 8 and 10 over lists of every kind, end to end through the real agent, tools,
services, index and confirmation middleware: ordinals over the plan list and over "those" hotels, a
plan's price put beside what the member pays now (an age-restricted plan priced, not recommended), and
"nothing too pricey" leaving the dear end of a hotel list out.

Phrasings are fresh; ids and figures are read from the tool results, never typed in, so the tests hold on
any day.
"""

from __future__ import annotations

from tests.offline.conftest import ChatFactory, grounded


def test_ordinals_over_the_plan_list_and_a_price_beside_the_current_plan(chat: ChatFactory) -> None:
    c = chat("M0006")  # on a plan already
    c.say("which mobile plans are there?")
    listed = c.result("list_mobile_plans")["plans"]
    assert len(listed) >= 3

    c.say("go through the second one for me")
    assert c.called("explain_mobile_plan")[-1]["plan_id"] == listed[1]["id"]

    answer = c.say("and the last one, what would that come to at 4 GB a month?")
    assert c.called("explain_mobile_plan")[-1] == {"plan_id": listed[-1]["id"], "monthly_data_gb": 4}
    rec = c.result("recommend_mobile_plan")
    bill = next(b for b in rec["ranked"] if b["plan_id"] == listed[-1]["id"])
    assert f"{bill['monthly_total_jpy']:,}" in answer
    current = rec.get("current_plan_bill")
    if current and current["plan_id"] != listed[-1]["id"]:
        assert current["name"] in answer and f"{current['monthly_total_jpy']:,}" in answer
    grounded(c)


def test_the_first_of_those_books_the_first_hotel_shown(chat: ChatFactory) -> None:
    c = chat()
    c.say("somewhere to stay in Kobe, 2 nights from next Tuesday")
    first = c.listed_ids("search_hotels", "hotels")[0]
    c.say("ok, book the first of those")
    assert c.pending is not None and c.pending.tool == "book_hotel"
    assert c.called("book_hotel")[-1]["hotel_id"] == first
    grounded(c)


def test_nothing_too_pricey_leaves_the_dear_end_out(chat: ChatFactory) -> None:
    c = chat()
    answer = c.say("a hotel in Osaka for one night next Wednesday, nothing too expensive")
    found = c.result("search_hotels")["hotels"]
    priced = sorted(found, key=lambda h: h["cheapest_room"]["total_jpy"])
    assert len(priced) >= 3
    assert priced[0]["name"] in answer
    assert priced[-1]["name"] not in answer, "the dearest hotel is not offered after 'nothing too expensive'"
    shown = [h for h in priced if h["name"] in answer]
    assert [answer.index(h["name"]) for h in shown] == sorted(answer.index(h["name"]) for h in shown)
    grounded(c)
