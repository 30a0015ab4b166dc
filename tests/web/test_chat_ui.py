"""The member chat's pieces without a browser (issue 17 item 9, issue 16): the approval inline with buttons
named for the action, cards with action buttons, the UI strings in both languages."""

from __future__ import annotations

import re
from html import unescape

from assistant.events import PendingAction, ToolCall, ToolResult, TurnEnd
from assistant.web.cards import cards_for_tool
from assistant.web.ui_chat import TurnView, answer_at, has_live_approval, settle_approvals, text_of
from assistant.web.ui_text import _STRINGS, EXAMPLES, card_request, decision_labels, language_from_header, t

HOTELS = {"stay": {"check_in": "2026-12-17", "nights": 2},
          "hotels": [{"hotel_id": f"H{i}", "name": f"Inn {i}", "area": "Gion", "amenities": ["onsen"],
                      "cheapest_room": {"room_type_id": f"H{i}-R1", "name": "Twin Room", "total_jpy": 20000}}
                     for i in range(1, 6)]}
JAPANESE = re.compile(r"[\u3040-\u30ff\u4e00-\u9fff]")


def _booking(tool: str = "book_hotel") -> PendingAction:
    return PendingAction(action_id="c9", tool=tool, args={}, summary="Book Inn 1: 20,000 JPY",
                         details={"total_jpy": 20000, "points_earned": 400})


def test_both_languages_hold_every_string_and_japanese_ones_are_japanese() -> None:
    assert _STRINGS["en"].keys() == _STRINGS["ja"].keys()
    assert len(EXAMPLES["en"]) == len(EXAMPLES["ja"])
    for key, value in _STRINGS["ja"].items():
        assert JAPANESE.search(value) or not re.search(r"[A-Za-z]{3,}", value.replace("href", "")), key
    assert t("en", "badge_offline") == "Offline assistant: no AI model connected"


def test_the_browser_language_is_the_default() -> None:
    assert language_from_header("ja-JP,ja;q=0.9,en;q=0.8") == "ja"
    assert language_from_header("en-GB,en;q=0.9") == "en"
    assert language_from_header(None) == "en" and language_from_header("fr-FR") == "en"


def test_approval_buttons_are_named_for_the_action_in_each_language() -> None:
    assert decision_labels("book_hotel", "en") == ("Book this stay", "Don't book")
    assert decision_labels("cancel_booking", "en") == ("Cancel the booking", "Keep it")
    assert decision_labels("redeem_points", "en") == ("Use the points", "Don't use them")
    assert decision_labels("book_hotel", "ja") == ("この内容で予約する", "予約しない")
    assert all(JAPANESE.search(label) for tool in ("cancel_booking", "redeem_points")
               for label in decision_labels(tool, "ja"))


def test_the_approval_is_the_last_message_of_its_turn_and_settles_once_decided() -> None:
    view = TurnView([], lang="en")
    view.add_user("book the first one")
    pending = _booking()
    for event in [ToolCall(call_id="c9", name="book_hotel", args={}), pending,
                  TurnEnd(thread_id="T", answer="", pending=pending)]:
        view.apply(event)
    last = unescape(text_of(view.messages[-1]))
    assert "ma-approval ma-live" in last and "Book this stay" in last and "Don't book" in last
    assert "¥20,000" in last and has_live_approval(view.messages)
    settled = settle_approvals(view.messages, "Approved: Book this stay")
    assert not has_live_approval(settled) and "<button" not in text_of(settled[-1])
    assert "Approved: Book this stay" in text_of(settled[-1])
    settled.append({"role": "user", "content": "Book this stay"})
    assert answer_at(settled, len(settled) - 1)[0] == 1  # a decision click is not a member message


def test_cards_carry_actions_that_send_requests_the_engine_reads() -> None:
    html = unescape(cards_for_tool("search_hotels", HOTELS))
    assert html.count('class="ma-card ma-hotel"') == 5  # all five on screen (the strip wraps)
    assert html.count("ma-act-book") == 5 and "Quote" in html and "Rooms" in html
    assert 'value="Book the second one"' in html
    products = cards_for_tool("search_products", {"products": [{"id": "P1", "title": "A", "price_jpy": 1},
                                                               {"id": "P2", "title": "B", "price_jpy": 2}]})
    assert "Details" in products and "Reviews" in products and "Compare" in products
    assert card_request("compare", 1, "en") == "Compare the first one with the second one"
    assert card_request("reviews", 2, "ja") == "2番目の口コミは？"
    one = cards_for_tool("get_product_details", {"id": "P1", "title": "A", "price_jpy": 1})
    assert "ma-card-actions" not in one  # a single product's details: nothing to pick from


def test_a_new_list_retires_the_buttons_of_the_old_one() -> None:
    view = TurnView([])
    for call_id in ("c1", "c2"):
        view.apply(ToolCall(call_id=call_id, name="search_hotels", args={}))
        view.apply(ToolResult(call_id=call_id, name="search_hotels", content="{}", data=HOTELS))
    strips = [text_of(m) for m in view.messages if "ma-cards" in text_of(m)]
    assert len(strips) == 2 and "ma-card-actions" not in strips[0] and "ma-card-actions" in strips[1]


def test_japanese_cards_use_the_data_s_japanese_names_and_labels() -> None:
    names = {"name_ja": "祇園の宿", "area_ja": "祇園", "room_name_ja": "ツインルーム", "amenities_ja": ["温泉"]}
    html = unescape(cards_for_tool("search_hotels", HOTELS, lang="ja", names=lambda kind, item: names))
    assert "祇園の宿" in html and "ツインルーム" in html and "温泉" in html and "2泊の合計" in html
    assert "Inn 1" not in html and "予約" in html and 'value="2番目を予約して"' in html
    view = TurnView([], lang="ja")
    view.apply(ToolCall(call_id="c1", name="search_hotels", args={"city": "Kyoto"}))
    view.apply(ToolResult(call_id="c1", name="search_hotels", content="{}", data=HOTELS))
    assert view.messages[0].metadata["title"] == "ホテルを検索しています"
    assert "5件見つかりました" in text_of(view.messages[0])
