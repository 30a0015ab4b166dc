"""Points campaigns asked of the offline engine, end to end (real runtime, database, tools, grounding check):
a member asks what is on, in English and in Japanese, and is told the programme's running campaigns with
their multiplier, end date, entry and cap, and the upcoming ones; never an ended one. Phrasings are fresh
(not from the exemplars or any scenario); campaign names and figures are read from the tool result.
"""

from __future__ import annotations

from typing import Any

import pytest

from tests.offline.conftest import Chat, ChatFactory, grounded


def listed(c: Chat) -> list[dict[str, Any]]:
    campaigns: list[dict[str, Any]] = c.result("list_campaigns")["campaigns"]
    return campaigns


@pytest.mark.parametrize("text", ["got any bonus point promos going at the moment?", "what's on in terms of campaigns"])
def test_an_english_member_hears_every_running_campaign_with_its_terms(chat: ChatFactory, text: str) -> None:
    c = chat()
    answer = c.say(text)
    assert c.called("list_campaigns"), c.tool_calls
    shown = listed(c)
    assert {x["status"] for x in shown} <= {"running", "upcoming"} and shown
    for campaign in shown:
        assert campaign["name"] in answer
        assert f"{campaign['total_multiplier']}x" in answer
    entry = next(x for x in shown if x["requires_entry"] and x["status"] == "running")
    assert "entry required" in answer.split(entry["name"], 1)[1].split("\n", 1)[0]
    grounded(c)


def test_a_hotel_campaign_question_is_asked_for_stays(chat: ChatFactory) -> None:
    c = chat()
    answer = c.say("is there any promotion if I book a hotel?")
    assert c.called("list_campaigns") == [{"category": "Travel"}]
    assert all(x.get("category") in (None, "Travel") for x in listed(c))
    assert "hotel stays" in answer
    grounded(c)


def test_a_japanese_member_is_told_the_campaigns_in_japanese(chat: ChatFactory) -> None:
    c = chat()
    answer = c.say("いま参加できるポイントのキャンペーンってありますか？")
    assert c.called("list_campaigns"), c.tool_calls
    for campaign in listed(c):
        assert campaign["name_ja"] in answer and campaign["name"] not in answer
        assert f"ポイント{campaign['total_multiplier']}倍" in answer
    assert "要エントリー" in answer or "エントリーが必要" in answer
    grounded(c)
