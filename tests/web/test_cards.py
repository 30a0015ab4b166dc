"""What a member sees in the chat, without a browser: cards, steps, escaping of catalogue and model text."""

from __future__ import annotations

from assistant.events import PendingAction, TextDelta, ToolCall, ToolResult, TurnEnd
from assistant.web.cards import cards_for_tool, pending_card, safe_model_text
from assistant.web.ui_chat import TurnView, text_of, transcript_messages

HOTEL = {"hotel_id": "H0153", "name": "Vista Inn Higashiyama", "area": "Higashiyama", "stars": 2, "rating": 3.7,
         "amenities": ["breakfast", "non_smoking"],
         "cheapest_room": {"room_type_id": "H0153-R2", "name": "Standard Double", "total_jpy": 19530,
                           "avg_per_night_jpy": 9765}}
EVIL = {"id": "P000001", "title": '<img src=x onerror="alert(1)"> ![pixel](http://evil.example/p.png) **Buy**',
        "shop_name": "<script>steal()</script>", "price_jpy": 1200, "rating": 4.5}


def test_hotel_card_shows_name_price_for_the_stay_rating_points_and_reason() -> None:
    html = cards_for_tool("search_hotels", {"stay": {"check_in": "2026-12-17", "nights": 2}, "hotels": [HOTEL]},
                          points=lambda kind, item, stay: 1596 if stay["nights"] == 2 else None)
    assert "Vista Inn Higashiyama" in html and "¥19,530" in html and "for 2 nights" in html
    assert "★ 3.7" in html and "+1,596 pts" in html and "Standard Double · breakfast, non smoking" in html
    assert "\n\n" not in html  # one HTML block for the markdown renderer


def test_catalogue_text_is_escaped_never_markup() -> None:
    html = cards_for_tool("search_products", {"products": [EVIL]})
    assert "<img" not in html and "<script" not in html and "](" not in html and "**" not in html
    assert "&#60;img src=x" in html and "&#60;script&#62;" in html
    assert "ma-points" not in html  # no points lookup given: no invented points


def test_model_text_keeps_markdown_but_drops_images_and_html() -> None:
    shown = safe_model_text("**Great** pick ![x](http://evil.example/x.png) <iframe src=x></iframe>")
    assert shown.startswith("**Great** pick [x] ") and "<iframe" not in shown and "evil.example" not in shown


def test_tools_without_cards_and_bad_payloads_give_no_cards() -> None:
    assert cards_for_tool("points_balance", {"total": 5}) == ""
    assert cards_for_tool("search_hotels", None, "not json") == ""
    assert cards_for_tool("search_hotels", {"hotels": [{"no": "name"}]}) == ""


def test_turn_view_streams_steps_cards_answer_and_pending() -> None:
    view = TurnView([])
    view.add_user("Kyoto hotel")
    pending = PendingAction(action_id="c2", tool="book_hotel", args={}, summary="Book Vista Inn: 19,995 JPY",
                            details={"total_jpy": 19995, "points_earned": 1596,
                                     "cancellation": {"text": "Free until 10 Dec"}})
    for event in [
        TextDelta(text="Let me look. "),
        ToolCall(call_id="c1", name="search_hotels", args={"city": "Kyoto", "nights": 2}),
        ToolResult(call_id="c1", name="search_hotels", content="{}", data={"hotels": [HOTEL]}),
        TextDelta(text="Found "), TextDelta(text="one."),
        pending,
        TurnEnd(thread_id="t", answer="Let me look. Found one.", pending=pending),
    ]:
        view.apply(event)
    texts = [text_of(m) for m in view.messages]
    assert texts[0] == "Kyoto hotel" and texts[1] == "Let me look. "
    step = view.messages[2]
    assert step.metadata == {"title": "Searching hotels", "id": "c1", "status": "done"}
    assert "city: Kyoto · nights: 2" in texts[2] and "1 hotel found" in texts[2]
    assert "ma-card ma-hotel" in texts[3] and texts[4] == "Found one."
    assert view.pending == pending and view.answer == "Let me look. Found one."
    card = pending_card(pending.summary, pending.details)
    assert "¥19,995" in card and "1,596" in card and "Free until 10 Dec" in card


def test_failed_tool_step_is_marked() -> None:
    view = TurnView([])
    view.apply(ToolCall(call_id="c1", name="quote_stay", args={}))
    content = '{"error": "sold_out", "message": "Sold out on 17 Dec", "hint": "Call search_hotels again."}'
    view.apply(ToolResult(call_id="c1", name="quote_stay", content=content, ok=False))
    shown = text_of(view.messages[0])
    assert "Failed: sold_out" in shown, shown  # the step shows the code only: the text is written for the model
    assert "search_hotels" not in shown and "Sold out on" not in shown
    assert view.messages[0].metadata["log"] == "failed"


def test_transcript_replays_steps_cards_and_answers() -> None:
    from assistant.conversation import TranscriptItem

    items = [
        TranscriptItem(role="user", text="Kyoto hotel"),
        TranscriptItem(role="assistant", text="", tool_calls=[ToolCall(call_id="c1", name="search_hotels",
                                                                        args={"city": "Kyoto"})]),
        TranscriptItem(role="tool", text='{"hotels": [{"hotel_id": "H1", "name": "Inn"}]}', call_id="c1",
                       name="search_hotels"),
        TranscriptItem(role="assistant", text="Found Inn."),
        TranscriptItem(role="user", text="thanks"),
        TranscriptItem(role="assistant", text="You're welcome."),
    ]
    messages = transcript_messages(items)
    texts = [text_of(m) for m in messages]
    assert texts[0] == "Kyoto hotel" and "Searching" in messages[1].metadata["title"]
    assert "ma-card" in texts[2] and texts[3:] == ["Found Inn.", "thanks", "You're welcome."]
    assert messages[1].metadata["status"] == "done"
