"""Japanese understanding (issue 16): language, the gloss's grammar, slots and intents through the same
frames as English. Dates are relative to a fixed Tuesday passed in, never the wall clock."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from assistant.offline.nlu import NaturalLanguageUnderstanding
from assistant.offline.nlu.ja import gloss, language
from assistant.offline.nlu.ja.gloss import decision, number
from tests.offline.conftest import SEED

TUESDAY = date(2026, 12, 1)


@pytest.fixture(scope="module")
def nlu() -> NaturalLanguageUnderstanding:
    return NaturalLanguageUnderstanding(SEED)


def test_language_by_script_and_mixed_messages() -> None:
    assert language("京都のホテル") == "ja"
    assert language("Sonyのヘッドホン") == "ja"
    assert language("a hotel in Kyoto") == "en"
    assert language("3") is None


def test_numbers_in_kanji_and_full_width() -> None:
    assert number("一万五千") == 15000
    assert number("1.5万") == 15000
    assert "under 3000 yen" in gloss("３，０００円以下")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1万円以下のイヤホン", {"price_max": 10000}),
        ("5千円〜8千円", {"price_min": 5000, "price_max": 8000}),
        ("5〜8千円のヘッドホン", {"price_min": 5000, "price_max": 8000}),
        ("¥3,000くらい", {"price_min": 2400, "price_max": 3600}),
        ("２万円以上", {"price_min": 20000}),
        ("大人2人と子供1人", {"adults": 2, "children": 1}),
        ("2名で", {"adults": 2}),
        ("二泊三日", {"nights": 2}),
        ("月15ギガ", {"data_gb": 15}),
        ("3000ポイント使いたい", {"points": 3000}),
        ("2番目の", {"ref": "2"}),
        ("安い方", {"ref": "cheapest"}),
        ("最初の2つ", {"ref": "1,2"}),
    ],
)
def test_japanese_slots(nlu: NaturalLanguageUnderstanding, text: str, expected: dict[str, object]) -> None:
    found = nlu.extract(text, TUESDAY)
    assert {k: found.get(k) for k in expected} == expected


def test_japanese_dates_follow_the_clock(nlu: NaturalLanguageUnderstanding) -> None:
    for today in (TUESDAY, TUESDAY + timedelta(days=3)):
        monday = today - timedelta(days=today.weekday())
        assert nlu.extract("来週の金曜", today)["check_in"] == (monday + timedelta(days=11)).isoformat()
        assert nlu.extract("今週末", today)["check_in"] == (monday + timedelta(days=5)).isoformat()
        stay = nlu.extract("明日から2泊", today)
        assert (stay["check_in"], stay["nights"]) == ((today + timedelta(days=1)).isoformat(), 2)
    assert nlu.extract("12月3日", TUESDAY)["check_in"] == "2026-12-03"
    assert nlu.extract("11月3日", TUESDAY)["check_in"] == "2027-11-03"
    span = nlu.extract("12月10日から12日まで", TUESDAY)
    assert (span["check_in"], span["nights"]) == ("2026-12-10", 2)


def test_places_brands_and_references(nlu: NaturalLanguageUnderstanding) -> None:
    assert nlu.extract("きょうとのホテル", TUESDAY)["place"] == "Kyoto"
    assert nlu.extract("ソニーのイヤホン", TUESDAY)["brand"] == "Sony"
    assert nlu.extract("Sonyのイヤホン", TUESDAY)["brand"] == "Sony"
    assert nlu.extract("ソニーのやつ", TUESDAY)["brand"] == "Sony"
    assert nlu.extract("それを予約して", TUESDAY)["ref"] == "it"


def test_approvals_and_refusals() -> None:
    assert decision("はい") is True and decision("お願いします。") is True
    assert decision("やめておきます") is False and decision("いいえ、結構です") is False
    assert decision("京都のホテルをお願いします") is None


@pytest.mark.parametrize(
    ("text", "intent"),
    [
        ("京都で来週金曜から2泊、ホテルを探して", "search_hotels"),
        ("ポイントはいくらありますか？", "points_balance"),
        ("1万円以下のワイヤレスイヤホン", "search_products"),
        ("はい", "affirm"),
        ("やめておきます", "deny"),
    ],
)
def test_japanese_intents_from_the_issue(nlu: NaturalLanguageUnderstanding, text: str, intent: str) -> None:
    parse = nlu.parse(text, TUESDAY)
    assert parse.intent == intent and parse.language == "ja"


def test_english_is_untouched_by_the_japanese_seam(nlu: NaturalLanguageUnderstanding) -> None:
    parse = nlu.parse("wireless earbuds under 10000 yen", TUESDAY)
    assert parse.language == "en" and parse.slots["price_max"] == 10000
