"""Hotel stays as members describe and correct them (issue 15 patterns 3, 9, 10), end to end through the
real agent, tools, services, index and confirmation middleware with the offline engine as the model.

Asserted: the stay each tool call carries, the booking rows written, and facts in the answers. Dates are
checked relative to the runtime's day, and the calendar rules are swept over every day of a leap year.
"""

from __future__ import annotations

import json
from datetime import date, timedelta
from pathlib import Path

import pytest

from assistant.offline.nlu.lexicon import Lexicon
from assistant.offline.nlu.slots import SlotExtractor
from assistant.offline.stay import resolve
from tests.offline.conftest import MEMBER, SEED, TODAY, Chat, ChatFactory, grounded


def next_month(day: date) -> tuple[int, int]:
    return (day.year + 1, 1) if day.month == 12 else (day.year, day.month + 1)


def last_hotels(c: Chat) -> list[dict[str, object]]:
    for content in reversed(c.tool_results):
        try:
            data = json.loads(content[content.index("{") :])
        except ValueError:
            continue
        if isinstance(data, dict) and isinstance(data.get("hotels"), list):
            return list(data["hotels"])
    return []


def bookings(c: Chat) -> list[object]:
    return list(c.runtime.services.bookings.bookings(c.member, upcoming_only=False).bookings)


def test_companions_ages_and_solo_make_the_party(chat: ChatFactory) -> None:
    c = chat()
    c.say("my partner and I are bringing our three children to Naha, 2 nights from next Saturday")
    search = c.called("search_hotels")[-1]
    assert (search["adults"], search["children"], search["nights"]) == (2, 3, 2)

    c = chat()
    c.say("me and my 2 daughters (8 and 11) want a hotel in Kyoto for one night next Thursday")
    search = c.called("search_hotels")[-1]
    assert (search["adults"], search["children"]) == (1, 2)

    c = chat()
    c.say("travelling by myself, Kobe for 3 nights from next Tuesday")
    assert c.called("search_hotels")[-1]["adults"] == 1

    c = chat()
    c.say("my husband, me and our toddler - Osaka, 1 night next Friday")
    search = c.called("search_hotels")[-1]
    assert (search["adults"], search["children"]) == (2, 1)
    grounded(c)


def test_the_whole_party_counted_again_keeps_the_children(chat: ChatFactory) -> None:
    c = chat()
    c.say("two adults and one kid, Hakone, 1 night next Friday")
    c.say("any with an onsen for the three of us?")
    search = c.called("search_hotels")[-1]
    assert (search["adults"], search["children"]) == (2, 1)
    assert "onsen" in search.get("amenities", [])
    grounded(c)


def test_a_child_joining_while_the_booking_waits_is_in_the_booking(chat: ChatFactory) -> None:
    c = chat()
    c.say("Osaka for one night next Thursday, for me and my wife")
    c.say("book the first one")
    assert c.pending is not None and c.pending.args["adults"] == 2 and c.pending.args["children"] == 0
    c.say("hold on, our little girl is joining us, she's 5")
    assert not c.called("search_products") and not c.called("handoff_to_support")
    again = c.called("search_hotels")[-1]
    assert (again["adults"], again["children"]) == (2, 1)
    c.say("book the first one")
    assert c.pending is not None and c.pending.tool == "book_hotel"
    assert (c.pending.args["adults"], c.pending.args["children"]) == (2, 1)
    c.decide(approve=True)
    rows = bookings(c)
    assert len(rows) == 1 and (rows[0].adults, rows[0].children) == (2, 1)  # type: ignore[attr-defined]
    grounded(c)


def test_points_put_towards_a_waiting_booking_are_used_and_checked(chat: ChatFactory) -> None:
    c = chat()
    c.say("a hotel in Kyoto for 2 nights from next Wednesday")
    c.say("the second one, book it")
    assert c.pending is not None and not c.pending.args.get("points_to_use")
    answer = c.say("actually, put 1200 of my points towards it")
    assert c.pending is not None and c.pending.tool == "book_hotel"
    assert c.pending.args["points_to_use"] == 1200
    assert not c.called("redeem_points")
    assert "1,200" in answer + c.pending.summary
    c.decide(approve=True)
    rows = bookings(c)
    assert len(rows) == 1 and rows[0].points_used == 1200  # type: ignore[attr-defined]
    grounded(c)

    c = chat()
    balance = c.runtime.services.ledger.balance(MEMBER).total
    before = len(bookings(c))
    c.say("a hotel in Kobe for 1 night next Friday")
    c.say("book the first one")
    answer = c.say(f"put {balance + 5000} of my points towards it")
    assert c.pending is None, "over the balance: nothing is offered for approval"
    assert f"{balance:,}" in answer
    assert len(bookings(c)) == before


def test_a_day_correction_moves_the_check_in_and_keeps_the_nights(chat: ChatFactory) -> None:
    c = chat()
    c.say("a hotel in Kobe from the 9th of next month for 3 nights")
    first = c.called("search_hotels")[-1]
    check_in = date.fromisoformat(first["check_in"])
    assert (check_in.year, check_in.month, check_in.day) == (*next_month(TODAY), 9) and first["nights"] == 3
    c.say("sorry, I meant the 10th - same number of nights")
    again = c.called("search_hotels")[-1]
    assert date.fromisoformat(again["check_in"]) == check_in + timedelta(days=1)
    assert again["nights"] == 3 and again["city"] == first["city"]
    assert not c.called("handoff_to_support")

    c.say("and could we stay one extra night?")
    assert c.called("search_hotels")[-1]["nights"] == 4
    c.say("push it back by a week please")
    moved = c.called("search_hotels")[-1]
    assert date.fromisoformat(moved["check_in"]) == check_in + timedelta(days=8) and moved["nights"] == 4
    grounded(c)


def test_check_in_and_check_out_days_give_the_nights(chat: ChatFactory) -> None:
    c = chat()
    c.say("check in on the 14th of next month, check out the 17th, a hotel in Naha")
    search = c.called("search_hotels")[-1]
    assert search["nights"] == 3 and date.fromisoformat(search["check_in"]).month == next_month(TODAY)[1]


def test_just_the_price_is_a_quote_not_a_booking(chat: ChatFactory) -> None:
    c = chat()
    c.say("Kyoto, 2 nights from next Friday, 2 adults")
    answer = c.say("please don't book anything, only tell me the price of the first one")
    assert c.called("quote_stay") and not c.called("book_hotel")
    assert c.pending is None and not bookings(c)
    assert "¥" in answer
    grounded(c)


def test_hotel_answers_read_like_a_person_wrote_them(chat: ChatFactory) -> None:
    c = chat()
    answer = c.say("hotels in Hakone for 1 night next Saturday, not too pricey")
    hotels = last_hotels(c)
    assert hotels
    assert "(H0" not in answer, "no internal ids in prose"
    for hotel in hotels:
        if str(hotel["name"]) in answer and hotel.get("rating") is not None:
            line = next(li for li in answer.splitlines() if str(hotel["name"]) in li)
            card = f"{float(hotel['rating']):.1f}"  # type: ignore[arg-type]  # as assistant/web/cards.py shows it
            assert f"rated {card}" in line, "the text shows the card's rating"
    listed = [str(h["name"]) for h in hotels if str(h["name"]) in answer]
    positions = sorted(listed, key=answer.index)
    by_price = sorted(hotels, key=lambda h: int(h["cheapest_room"]["total_jpy"]))  # type: ignore[index]
    assert positions == [str(h["name"]) for h in by_price if str(h["name"]) in answer], "cheapest first"
    grounded(c)


# -- the calendar: every day of a leap year, month ends included ----------------------------------------


@pytest.fixture(scope="module")
def extractor() -> SlotExtractor:
    return SlotExtractor(Lexicon.load(SEED))


def _days(start: date, end: date) -> list[date]:
    return [start + timedelta(days=i) for i in range((end - start).days + 1)]


def test_relative_dates_hold_on_every_day(extractor: SlotExtractor) -> None:
    for today in _days(date(2027, 12, 1), date(2029, 1, 2)):  # 2028 is a leap year
        year, month = next_month(today)
        got = extractor.extract("a room from the 12th of next month for 2 nights", today)
        assert got["check_in"] == date(year, month, 12).isoformat() and got["nights"] == 2, today
        got = extractor.extract("somewhere in three weeks, 2 nights", today)
        assert got["check_in"] == (today + timedelta(days=21)).isoformat(), today
        got = extractor.extract("a room for tomorrow night", today)
        assert got["check_in"] == (today + timedelta(days=1)).isoformat(), today
        got = extractor.extract("checking in the 3rd of next month and out on the 6th", today)
        assert got["check_in"] == date(year, month, 3).isoformat() and got["nights"] == 3, today


def test_a_day_with_its_month_is_that_month_not_this_one(extractor: SlotExtractor) -> None:
    """"From the 5th of February" names the month: the day-only reading ("from the 5th" = the next 5th) must
    not win because its words start earlier."""
    for today in _days(date(2027, 12, 1), date(2029, 1, 2)):
        day = today + timedelta(days=45)
        said = f"{day:%B}".lower()
        got = extractor.extract(f"3 nights from the {ordinal(day.day)} of {said}, please", today)
        assert got["check_in"] == day.isoformat() and got["nights"] == 3, today
        got = extractor.extract(f"arriving on the {ordinal(day.day)} {said}", today)
        assert got["check_in"] == day.isoformat(), today


def ordinal(n: int) -> str:
    return f"{n}{'th' if 10 <= n % 100 <= 20 else {1: 'st', 2: 'nd', 3: 'rd'}.get(n % 10, 'th')}"


def test_corrections_resolve_against_the_planned_stay_on_every_day(extractor: SlotExtractor) -> None:
    for today in _days(date(2027, 12, 1), date(2029, 1, 2)):
        planned = today + timedelta(days=20)
        frame = {"place": "Kyoto", "check_in": planned.isoformat(), "nights": 2, "adults": 2, "children": 2}
        day = min(planned.day, 27)
        meant = resolve(frame, extractor.extract(f"sorry i meant the {day}th", today), today)
        moved = date.fromisoformat(meant["check_in"])
        assert moved > today and moved.day == min(planned.day, 27) and abs((moved - planned).days) < 31, today
        assert resolve(frame, extractor.extract("one night less please", today), today)["nights"] == 1
        later = resolve(frame, extractor.extract("push it back a week", today), today)
        assert later["check_in"] == (planned + timedelta(days=7)).isoformat()
        party = resolve(frame, extractor.extract("a room for the four of us", today), today)
        assert (party["adults"], party.get("children", frame["children"])) == (2, 2)
        until = resolve(frame, extractor.extract("can we stay until the sunday?", today), today)
        assert 1 <= until["nights"] <= 7
        assert (planned + timedelta(days=until["nights"])).weekday() == 6
    assert Path(SEED).exists()

