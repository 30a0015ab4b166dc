"""Cards in the member's language (issue 16): a Japanese page's cards show the data's Japanese name where it
has one and the English one otherwise, chosen the way the answers choose (`japanese_names`), so the card and
the sentence under it never name the same hotel or product differently."""

from __future__ import annotations

from html import unescape
from types import SimpleNamespace
from typing import Any

from assistant.japanese_names import NAME_FIELDS, japanese_map
from assistant.web.cards import cards_for_tool
from assistant.web.names import japanese_names
from assistant.web.panel import _hotel_name

PRODUCTS = {"products": [
    {"id": "P000001", "title": "Sony WH-100 Headphones", "title_ja": "ソニー ワイヤレスヘッドホン WH-100",
     "brand": "Sony", "brand_ja": "ソニー", "price_jpy": 9800, "rating": 4.4},
    {"id": "P000002", "title": "Plain Earbuds", "brand": "Acme", "price_jpy": 3000, "rating": 4.0},
]}
HOTEL_HITS = {"hotels": [
    {"hotel_id": "H0001", "name": "Gion Inn", "name_ja": "祇園の宿", "area": "Gion", "area_ja": "祇園",
     "amenities": ["onsen"], "min_rate_jpy": 12000},
]}
OFFERS = {"stay": {"check_in": "2026-12-04", "nights": 2}, "hotels": [
    {"hotel_id": "H0002", "name": "Kamo River Hotel", "area": "Kawaramachi", "amenities": ["breakfast"],
     "cheapest_room": {"room_type_id": "H0002-R1", "name": "Twin Room", "name_ja": "ツインルーム", "total_jpy": 30000}},
]}


class _Hotels:
    """The hotel inventory's `get_hotel`, for a hotel whose Japanese the search offer did not carry."""

    def get_hotel(self, hotel_id: str) -> Any:
        room = SimpleNamespace(id=f"{hotel_id}-R1", name="Twin Room", name_ja="和室ツイン")
        return SimpleNamespace(id=hotel_id, name="Kamo River Hotel", name_ja="鴨川ホテル", area="Kawaramachi",
                               area_ja="河原町", city_ja="京都市", amenities_ja=["朝食付き"], room_types=[room])


SERVICES = SimpleNamespace(hotels=_Hotels())


def test_japanese_product_cards_use_the_data_s_japanese_and_keep_english_where_it_has_none() -> None:
    html = unescape(cards_for_tool("search_products", PRODUCTS, lang="ja", names=japanese_names(SERVICES)))
    assert "ソニー ワイヤレスヘッドホン WH-100" in html and "Sony WH-100 Headphones" not in html
    assert "Plain Earbuds" in html, "no Japanese in the data: the English title stays"
    english = unescape(cards_for_tool("search_products", PRODUCTS, lang="en", names=japanese_names(SERVICES)))
    assert "Sony WH-100 Headphones" in english and "ソニー" not in english


def test_hotel_cards_read_the_result_s_japanese_and_fill_what_it_lacks_from_the_inventory() -> None:
    hits = unescape(cards_for_tool("search_hotels", HOTEL_HITS, lang="ja", names=lambda kind, item: {}))
    assert "祇園の宿" in hits and "祇園" in hits and "Gion Inn" not in hits
    offers = unescape(cards_for_tool("search_hotels", OFFERS, lang="ja", names=japanese_names(SERVICES)))
    assert "鴨川ホテル" in offers and "河原町" in offers and "朝食付き" in offers
    assert "ツインルーム" in offers, "the room's own Japanese in the result wins over the looked-up one"
    assert "Kamo River Hotel" not in offers and "Twin Room" not in offers


def test_the_card_names_a_thing_as_the_japanese_answer_does() -> None:
    """One source of truth: the card's Japanese is the answer's (`japanese_map` over the same result)."""
    answer_names = japanese_map([PRODUCTS, HOTEL_HITS])
    html = unescape(cards_for_tool("search_products", PRODUCTS, lang="ja") + cards_for_tool(
        "search_hotels", HOTEL_HITS, lang="ja"))
    for english in ("Sony WH-100 Headphones", "Gion Inn", "Gion"):
        assert answer_names[english] in html and english not in html


def test_the_lookup_gives_the_answer_s_name_fields_and_the_panel_uses_them() -> None:
    found = japanese_names(SERVICES)("hotel", {"hotel_id": "H0002", "cheapest_room": {"room_type_id": "H0002-R1"}})
    assert found["name_ja"] == "鴨川ホテル" and found["room_name_ja"] == "和室ツイン"
    assert all(key.removeprefix("room_").removesuffix("_ja") in NAME_FIELDS for key in found)
    booking = SimpleNamespace(hotel_id="H0002", hotel_name="Kamo River Hotel")
    assert _hotel_name(SERVICES, booking, "ja") == "鴨川ホテル"
    assert _hotel_name(SERVICES, booking, "en") == "Kamo River Hotel"
