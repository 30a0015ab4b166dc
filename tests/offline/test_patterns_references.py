"""Issue 15, pattern 1 (references beyond bare ordinals), end to end through the real agent, tools,
services, index and confirmation middleware: a hotel picked by its kind of place ("the hostel one") when
neither its name nor the search result says it.

Phrasings are fresh; ids and figures are read from the tool results and the travel data, never typed in,
so the tests hold on any day.
"""

from __future__ import annotations

import json
from pathlib import Path

from tests.offline.conftest import ChatFactory, grounded


def _types(seed: Path) -> dict[str, str]:
    rows = [json.loads(line) for line in (seed / "hotels.jsonl").read_text(encoding="utf-8").splitlines() if line]
    return {h["id"]: next(t[5:] for t in h["truth_tags"] if t.startswith("type:")) for h in rows}


_KIND_WORDS = {"ryokan": "ryokan", "hostel": "hostel", "business": "business hotel", "resort": "resort"}


def test_a_hotel_named_by_its_kind_of_place_is_quoted(chat: ChatFactory, offline_seed: Path) -> None:
    """Over the first city whose list has exactly one hotel of some kind that its name does not give away."""
    types = _types(offline_seed)
    for city in ("Hakone", "Kobe", "Kyoto", "Osaka", "Naha"):
        c = chat()
        c.say(f"a place to stay in {city}, 1 night next Thursday, just me")
        listed = c.result("search_hotels")["hotels"]
        kinds = [types.get(h["hotel_id"], "") for h in listed]
        telling = [
            (kind, h)
            for kind, h in zip(kinds, listed, strict=True)
            if kind in _KIND_WORDS and kinds.count(kind) == 1 and kind not in h["name"].lower()
        ]
        if telling:
            break
    else:
        raise AssertionError("no city lists a single hotel of a kind its name does not say")
    kind, hotel = telling[0]

    answer = c.say(f"and what would the {_KIND_WORDS[kind]} one come to?")
    assert c.called("quote_stay")[-1]["hotel_id"] == hotel["hotel_id"]
    assert c.pending is None and not c.called("search_products")
    assert f"{c.result('quote_stay')['total_jpy']:,}" in answer
    grounded(c)


def test_points_spent_on_the_item_in_focus_are_priced_not_redeemed(chat: ChatFactory) -> None:
    """Pattern 7: "if I spent N of my points on it" prices the purchase with those points; nothing is written."""
    c = chat()
    before = c.balance()
    assert before.total >= 1000
    c.say("some earbuds, 8000 yen at most")
    first = c.listed_ids()[0]
    c.say("how many points would the first one earn me?")
    assert c.called("points_for_purchase")[-1] == {"product_id": first}

    answer = c.say("and if I spent 1000 of my points on it?")
    assert c.called("points_for_purchase")[-1] == {"product_id": first, "points_to_use": 1000}
    earn = c.result("points_for_purchase")["earn"]
    assert earn["points_used"] == 1000
    assert f"{earn['paid_jpy']:,}" in answer and f"{earn['total']:,}" in answer
    assert c.pending is None and not c.called("redeem_points")
    assert c.balance() == before
    grounded(c)
