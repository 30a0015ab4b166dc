"""The eval's `from_tool` mention check reads a field's `_ja` sibling as the same fact (issue 16): a Japanese
answer that names the hotel as the data writes it in Japanese mentions it, as the English name would."""

from __future__ import annotations

import json

from eval.expectations import check_mention
from eval.records import ToolCallRecord, TurnRecord
from eval.scenario_models import Mention

_RESULT = {
    "hotels": [
        {"hotel_id": "H0154", "name": "Gion Richmond Hotel", "name_ja": "祇園 リッチモンド ホテル",
         "amenities": ["onsen", "wifi"], "amenities_ja": ["温泉", "無料Wi-Fi"]},
        {"hotel_id": "H0148", "name": "Hotel Century Kyoto Station"},
    ]
}


def _history() -> list[TurnRecord]:
    call = ToolCallRecord(call_id="c1", name="search_hotels", args={}, result=json.dumps(_RESULT, ensure_ascii=False))
    return [TurnRecord(index=0, kind="user", text="京都のホテル", tool_calls=[call])]


def _mention(which: str, field: str = "name") -> Mention:
    return Mention.model_validate({"from_tool": {"tool": "search_hotels", "field": field, "which": which}})


def test_the_japanese_name_is_a_mention_of_the_hotel() -> None:
    answer = "1. 祇園 リッチモンド ホテル、3★ - 宿泊合計39,000円"
    assert check_mention(_mention("first"), answer, _history())[0]
    assert check_mention(_mention("any"), answer, _history())[0]
    assert check_mention(_mention("first"), "1. Gion Richmond Hotel", _history())[0]  # English still counts


def test_every_value_needs_one_of_its_forms() -> None:
    both = "祇園 リッチモンド ホテル と Hotel Century Kyoto Station"
    assert check_mention(_mention("all"), both, _history())[0]
    passed, detail, _ = check_mention(_mention("all"), "祇園 リッチモンド ホテルのみ", _history())
    assert not passed and "Hotel Century Kyoto Station" in detail  # no sibling: only the English name counts


def test_list_siblings_pair_by_position() -> None:
    assert check_mention(_mention("all", "amenities"), "温泉と無料Wi-Fiがあります", _history())[0]
    assert not check_mention(_mention("all", "amenities"), "温泉があります", _history())[0]
