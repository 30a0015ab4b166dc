"""予約 said with a verb of looking or checking is the member's own bookings (issue 16): a first message that
asks to see or check a booking lists the bookings, and never starts a hotel search or a new booking.
Phrasings are fresh (not from the exemplars, the lexicon or any scenario)."""

from __future__ import annotations

import pytest

from tests.offline.conftest import ChatFactory


@pytest.mark.parametrize("text", ["今ある予約を確認させてください", "予約の詳細が見たいです"])
def test_asking_to_see_a_booking_lists_the_members_bookings(chat: ChatFactory, text: str) -> None:
    c = chat()
    c.say(text)
    assert [name for name, _ in c.tool_calls] == ["my_bookings"], c.tool_calls
