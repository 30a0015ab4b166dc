"""An approximate price ("around 10,000 yen", 「1万円くらい」) is searched as a band either side of it, and the
answer says that band in the member's language, so the member knows what was and was not looked at."""

from __future__ import annotations

from typing import Any

import pytest

from assistant.offline.nlu.ja import has_japanese
from tests.offline.conftest import ChatFactory, grounded


def _prices(c: Any) -> list[int]:
    result = c.result("search_products")
    return [int(p["price_jpy"]) for p in result["products"]]


@pytest.mark.parametrize(
    ("message", "amount", "japanese"),
    [
        ("any headphones around 10000 yen?", 10000, False),
        ("running shoes for about ¥8,000", 8000, False),
        ("1万円くらいのヘッドホンを探して", 10000, True),
        ("8000円前後のランニングシューズ", 8000, True),
    ],
)
def test_an_approximate_price_is_a_band_the_answer_states(
    chat: ChatFactory, message: str, amount: int, japanese: bool
) -> None:
    c = chat()
    answer = c.say(message)
    search = c.called("search_products")[-1]
    low, high = search["min_price_jpy"], search["max_price_jpy"]
    assert low < amount < high, "the band is either side of the amount said"
    prices = _prices(c)
    assert prices and all(low <= p <= high for p in prices), "every result is inside the band"
    if japanese:
        assert has_japanese(answer)
        assert f"{low:,}円" in answer and f"{high:,}円" in answer
    else:
        assert f"¥{low:,}" in answer and f"¥{high:,}" in answer
    grounded(c)


def test_a_later_cap_replaces_the_band(chat: ChatFactory) -> None:
    c = chat()
    c.say("any headphones around 10000 yen?")
    answer = c.say("actually under 20000 yen")
    search = c.called("search_products")[-1]
    assert search["max_price_jpy"] == 20000
    assert "budget" not in answer.lower() and "¥20,000" in answer, "the approximate budget is no longer said"


@pytest.mark.parametrize(
    ("message", "amount", "japanese"),
    [("hotels in Kyoto for about 15000 yen a night", 15000, False), ("京都で15000円前後のホテル", 15000, True)],
)
def test_a_hotel_budget_around_n_is_searched_up_to_the_band_s_top(
    chat: ChatFactory, message: str, amount: int, japanese: bool
) -> None:
    c = chat()
    answer = c.say(message)
    cap = c.called("search_hotels")[-1]["max_price_per_night_jpy"]
    assert cap > amount, "the cap is the top of the band around the amount"
    hotels = c.result("search_hotels")["hotels"]
    assert hotels and all(int(h["min_rate_jpy"]) <= cap for h in hotels)
    assert (f"{cap:,}円" if japanese else f"¥{cap:,}") in answer
    assert has_japanese(answer) is japanese
    grounded(c)
