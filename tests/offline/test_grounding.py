"""Typed grounding can fail: a figure counts only when a field of its own kind holds the same value.

Each fabricated answer here would have passed the old check (any integer anywhere in a tool result grounded
any price or points figure); each must now be caught, and the honest answer beside it must pass.
"""

from __future__ import annotations

import json
import logging
from typing import Any

import pytest
from langchain_core.messages import AIMessage, HumanMessage, ToolMessage

from assistant.message_meta import dated_system_message
from assistant.offline.answers import AnswerWriter
from assistant.offline.figures import Kind, figures_in, key_kind
from assistant.offline.grounding import Evidence, evidence_from_results, ungrounded
from assistant.offline.model import UNVERIFIED_ACT, OfflineChatModel, UngroundedAnswerError
from tests.offline.conftest import SEED, TODAY

SYSTEM = dated_system_message(f"You are the member assistant. Today is {TODAY.isoformat()} (Japan time).", TODAY)

STAY = json.dumps({"hotel_id": "H0145", "check_in": "2026-12-05", "check_out": "2026-12-07", "nights": 2,
                   "adults": 2, "stars": 4})  # fmt: skip
QUOTE = json.dumps({
    "hotel_id": "H0145", "room_type_id": "H0145-R1", "check_in": "2026-12-05", "nights": 2,
    "nightly_jpy": [12000, 13500], "total_jpy": 25500, "points_earned": 255, "rating": 4.87,
    "points_breakdown": [{"label": "Base", "rate_per_100_jpy": 1, "points": 255, "granted": 255}],
})  # fmt: skip


def kinds(problems: list[str]) -> list[str]:
    return [p.split(" ", 1)[0] for p in problems]


def test_digits_of_a_date_ground_no_price_and_no_points() -> None:
    problems = ungrounded("¥2,026 a night and earns 12 points", [("check_availability", STAY)])
    assert kinds(problems) == ["price", "points"]


def test_rating_percentage_and_multiplier_need_fields_of_their_kind() -> None:
    problems = ungrounded("4.9 stars, 50% off, 10x points", [("check_availability", STAY)])
    assert kinds(problems) == ["rating", "percentage", "multiplier"]


def test_an_answer_stating_only_tool_facts_passes() -> None:
    answer = "H0145 for 2 nights: ¥12,000 then ¥13,500, ¥25,500 in all; you earn 255 points. Rated 4.9★."
    assert ungrounded(answer, [("quote_stay", QUOTE)]) == []


def test_same_value_of_another_kind_does_not_ground() -> None:
    # 255 is a points figure, 4 a star count, 1 a rate per 100 JPY: none of them is a price.
    assert kinds(ungrounded("only ¥255 extra", [("quote_stay", QUOTE)])) == ["price"]
    assert kinds(ungrounded("¥4 a night", [("check_availability", STAY)])) == ["price"]
    assert kinds(ungrounded("you earn 25,500 points", [("quote_stay", QUOTE)])) == ["points"]
    assert ungrounded("a 4-star hotel", [("check_availability", STAY)]) == []


def test_generic_keys_take_the_kind_of_their_tool_or_parent() -> None:
    assert ungrounded("You have 5,000 points", [("points_balance", json.dumps({"total": 5000}))]) == []
    assert kinds(ungrounded("¥5,000 to spend", [("points_balance", json.dumps({"total": 5000}))])) == ["price"]
    assert key_kind(("quote_stay", "points_breakdown", "granted")) is Kind.POINTS
    assert key_kind(("search_products", "results", "price_jpy")) is Kind.JPY
    assert key_kind(("search_products", "results", "review_count")) is Kind.COUNT
    assert key_kind(("search_products", "results", "shop_points_multiplier")) is Kind.MULTIPLIER
    assert key_kind(("get_product_details", "model_number")) is None


def test_a_budget_the_member_set_grounds_the_limit_but_not_a_price() -> None:
    evidence = Evidence()
    evidence.add_member_words("a hotel in Kyoto under 15,000 yen please")
    evidence.add_result(json.dumps({"hotels": [{"name": "Kamo Inn", "from_jpy_per_night": 9800}]}), "search_hotels")
    assert ungrounded("Hotels under ¥15,000: Kamo Inn from ¥9,800 a night.", evidence) == []
    assert kinds(ungrounded("Kamo Inn costs ¥15,000 a night.", evidence)) == ["price"]


def test_a_range_s_ends_and_a_budget_are_limits_in_japanese_too() -> None:
    evidence = Evidence()
    evidence.add_member_words("1万円くらいのヘッドホン")
    evidence.add_arguments({"min_price_jpy": 8000, "max_price_jpy": 12000}, "search_products")
    assert ungrounded("ご予算10,000円前後とのことなので、8,000円〜12,000円でお探ししました。", evidence) == []
    assert kinds(ungrounded("このヘッドホンは10,000円です。", evidence)) == ["price"]


def test_the_confirmation_summary_is_evidence_and_earlier_answers_are_not() -> None:
    evidence = Evidence()
    evidence.add_confirmation("Book Kamo Inn, 2 nights: 19,600 JPY; 196 points earned.", {"total_jpy": 19600})
    assert ungrounded("Booked: ¥19,600, and you'll earn 196 points.", evidence) == []
    assert kinds(ungrounded("Booked: ¥19,800.", evidence)) == ["price"]


def test_ids_and_names_come_from_the_tools() -> None:
    results = [("search_products", json.dumps({"results": [{"id": "P000001", "title": "Sora Buds"}]}))]
    assert ungrounded("P000001, the Sora Buds", results, known_names=["Sora Buds", "Kaze Buds Pro"]) == []
    assert ungrounded("see P000002", results) == ["id P000002"]
    assert ungrounded("try the Kaze Buds Pro", results, known_names=["Kaze Buds Pro"]) == ["name 'Kaze Buds Pro'"]


def test_dates_and_head_counts_may_come_from_the_member_or_the_tools() -> None:
    evidence = Evidence()
    evidence.add_member_words("a room for 3 adults from 5 December")
    evidence.add_arguments({"check_in": "2026-12-05", "nights": 2, "adults": 3}, "check_availability")
    evidence.add_result(STAY, "check_availability")
    assert ungrounded("Sat 5 Dec to Mon 7 Dec, 2 nights for 3 adults", evidence) == []
    assert kinds(ungrounded("Sun 6 Dec to Tue 8 Dec, 4 nights", evidence)) == ["count", "date", "date"]


def test_figures_are_read_by_unit_in_english_and_japanese() -> None:
    found = {(f.kind, f.value) for f in figures_in("2万円以内で、12ポイント、評価4.5、10倍、５０％オフ、1,200円")}
    assert found == {(Kind.JPY, 20000), (Kind.POINTS, 12), (Kind.RATING, 4.5), (Kind.MULTIPLIER, 10),
                     (Kind.PERCENT, 50), (Kind.JPY, 1200)}  # fmt: skip
    [limit] = [f for f in figures_in("2万円以内で") if f.kind is Kind.JPY]
    assert limit.bound
    assert [f.kind for f in figures_in("check in 2026-12-05, booking H0145-R1")] == [Kind.DATE]
    assert {f.kind for f in figures_in("Fri 4 Dec to Dec 6, 2026 (2 nights), 2 adults")} == {Kind.DATE, Kind.COUNT}


def test_catalogue_text_states_its_own_units() -> None:
    wrapped = '<catalogue_data source="catalogue">' + json.dumps({"description": "now 20% off"}) + "</catalogue_data>"
    evidence = evidence_from_results([("get_product_details", wrapped)])
    assert ungrounded("It is 20% off.", evidence) == []
    assert kinds(ungrounded("It is 30% off.", evidence)) == ["percentage"]


# --- the engine never sends an ungrounded answer ------------------------------------------------------------


def _earbud_turn() -> list[Any]:
    call = {"name": "search_products", "args": {"query": "earbuds"}, "id": "c1", "type": "tool_call"}
    result = {"query": "earbuds", "products": [{"id": "P000004", "title": "Sonic buds", "price_jpy": 7980,
                                                 "rating": 4.1, "brand": "Sonic"}]}  # fmt: skip
    return [
        SYSTEM,
        HumanMessage("find earbuds"),
        AIMessage("", tool_calls=[call]),
        ToolMessage(json.dumps(result), tool_call_id="c1", name="search_products"),
    ]


@pytest.fixture
def fabricating_writer(monkeypatch: pytest.MonkeyPatch) -> None:
    """Templates that add a price no tool returned (the figure-free fallback stays as written)."""
    honest = AnswerWriter.render

    def render(self: AnswerWriter, act: str, **variables: Any) -> str:
        text = honest(self, act, **variables)
        return text if act == UNVERIFIED_ACT else text + " Today only ¥1,980!"

    monkeypatch.setattr(AnswerWriter, "render", render)


def test_the_honest_answer_is_sent_as_composed() -> None:
    for mode in ("strict", "fallback"):
        answer = OfflineChatModel(seed_dir=SEED, grounding=mode).invoke(_earbud_turn())
        assert "¥7,980" in answer.content and answer.response_metadata["offline"]["act"] != UNVERIFIED_ACT


@pytest.mark.usefixtures("fabricating_writer")
def test_strict_grounding_raises_naming_the_figure() -> None:
    with pytest.raises(UngroundedAnswerError) as caught:
        OfflineChatModel(seed_dir=SEED, grounding="strict").invoke(_earbud_turn())
    assert caught.value.problems == ["price ¥1,980"]


@pytest.mark.usefixtures("fabricating_writer")
def test_production_grounding_sends_a_figure_free_answer_and_logs_an_error(caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.ERROR, logger="assistant.offline"):
        answer = OfflineChatModel(seed_dir=SEED, grounding="fallback").invoke(_earbud_turn())
    assert "1,980" not in answer.content and not figures_in(str(answer.content))
    assert answer.response_metadata["offline"]["act"] == UNVERIFIED_ACT
    [record] = [r for r in caplog.records if r.levelno == logging.ERROR]
    assert "price" in record.getMessage() and "1,980" not in record.getMessage()  # kinds, not content
