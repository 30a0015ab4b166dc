"""A Japanese conversation names hotels and rooms as the data writes them in Japanese and states the
cancellation terms and points lines in Japanese (issue 16), in the answers and the confirmation alike."""

from __future__ import annotations

import re

from tests.offline.conftest import ChatFactory, grounded

_ENGLISH_TERMS = ("Non-refundable", "Free cancellation", "Cancelling costs", "no-show", "Base points", "member bonus")


def _no_english(text: str, *names: str) -> None:
    for english in (*names, *_ENGLISH_TERMS):
        assert english not in text, f"{english!r} in a Japanese answer: {text}"


def test_search_quote_and_booking_name_the_hotel_in_japanese(chat: ChatFactory) -> None:
    c = chat()
    found = c.say("京都で来週金曜から2泊、大人2人で")
    first = c.result("search_hotels")["hotels"][0]
    hotel = c.runtime.services.hotels.get_hotel(first["hotel_id"])
    room = next(r for r in hotel.room_types if r.id == first["cheapest_room"]["room_type_id"])
    assert hotel.name_ja and room.name_ja and hotel.name_ja != hotel.name
    assert hotel.name_ja in found and room.name_ja in found
    _no_english(found, hotel.name, room.name)

    quoted = c.say("1番目の見積もり")
    assert hotel.name_ja in quoted and "キャンセル" in quoted and "基本ポイント" in quoted
    _no_english(quoted, hotel.name, room.name)

    c.say("予約して")
    assert c.pending is not None and c.pending.tool == "book_hotel"
    summary = c.pending.summary
    assert hotel.name_ja in summary and room.name_ja in summary
    assert re.search(r"キャンセル規定：.*(無料|返金不可|キャンセル料|キャンセルには)", summary), summary
    _no_english(summary, hotel.name, room.name)

    done = c.decide(approve=True)
    assert hotel.name_ja in done and "キャンセル規定" in done
    _no_english(done, hotel.name, room.name)
    grounded(c)


def test_cancelling_in_japanese_states_the_policy_in_japanese(chat: ChatFactory) -> None:
    c = chat()
    c.book("大阪で来週金曜から1泊、大人2人で", "1番目を予約して")
    booking = c.bookings()[0]
    hotel = c.runtime.services.hotels.get_hotel(booking.hotel_id)
    c.say(f"{booking.id}をキャンセルして")
    assert c.pending is not None and c.pending.tool == "cancel_booking"
    assert hotel.name_ja and hotel.name_ja in c.pending.summary and "ホテルの規定：" in c.pending.summary
    _no_english(c.pending.summary, hotel.name, hotel.cancellation.text)
    cancelled = c.decide(approve=True)
    _no_english(cancelled, hotel.cancellation.text)
    grounded(c)
