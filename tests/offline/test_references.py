"""Reference resolution over shown lists (assistant/offline/references.py). Pure: lists are literals shaped
like the tools' results."""

from __future__ import annotations

from assistant.offline.references import resolve, stars_named

EARBUDS = [
    {"id": "P1", "title": "Anker True Wireless Earbuds WF-1 (Blue)", "brand": "Anker", "price_jpy": 3980},
    {"id": "P2", "title": "Huawei FreeBuds Earbuds HW-2, White", "brand": "Huawei", "price_jpy": 6980},
    {"id": "P3", "title": "JVC Kenwood Earbuds JV-3 Black", "brand": "JVC", "price_jpy": 5980},
    {"id": "P4", "title": "JVC Kenwood Earbuds JV-4 Red", "brand": "JVC", "price_jpy": 4480},
    {"id": "P5", "title": "Sony Earbuds SJ-5, Red", "brand": "Sony", "price_jpy": 7480},
]
HOTELS = [
    {"hotel_id": "H1", "name": "Kurashiki Grand Hotel", "stars": 5, "cheapest_room": {"total_jpy": 43995}},
    {"hotel_id": "H2", "name": "Shiosai Hostel Okayama Station", "stars": 2, "cheapest_room": {"total_jpy": 3570}},
    {"hotel_id": "H3", "name": "The Gracery Nagoya Station", "stars": 4, "cheapest_room": {"total_jpy": 12000}},
    {"hotel_id": "H4", "name": "Nagoya Station Gracery Hotel", "stars": 3, "cheapest_room": {"total_jpy": 9000}},
]


def test_brand_and_name_fragment() -> None:
    assert resolve("what do people say about the huawei one?", "", EARBUDS, "products").ids == ("P2",)
    assert resolve("tell me about the sony", "", EARBUDS, "products").ids == ("P5",)


def test_colour_with_brand_narrows_to_one() -> None:
    assert resolve("the red jvc one", "", EARBUDS, "products").ids == ("P4",)


def test_extreme_within_a_brand() -> None:
    assert resolve("the cheapest jvc", "", EARBUDS, "products").ids == ("P4",)
    assert resolve("the priciest one", "", EARBUDS, "products").ids == ("P5",)
    assert resolve("the cheapest one", "cheapest", EARBUDS, "products").ids == ("P1",)


def test_compare_two_references() -> None:
    found = resolve("compare the sony with the cheapest jvc", "", EARBUDS, "products", many=True)
    assert found.ids == ("P5", "P4")


def test_ordinals_and_focus() -> None:
    assert resolve("the second one", "2", EARBUDS, "products").ids == ("P2",)
    assert resolve("the last one", "-1", EARBUDS, "products").ids == ("P5",)
    assert resolve("what do reviewers think of it", "it", EARBUDS, "products", focus="P3").ids == ("P3",)


def test_a_tie_is_ambiguous_and_names_the_candidates() -> None:
    found = resolve("the jvc one", "", EARBUDS, "products")
    assert found.ambiguous and [c["id"] for c in found.candidates] == ["P3", "P4"]
    gracery = resolve("how much is the Gracery?", "", HOTELS, "hotels")
    assert gracery.ambiguous and {c["hotel_id"] for c in gracery.candidates} == {"H3", "H4"}


def test_hotel_stars_type_and_price() -> None:
    assert resolve("which is the five star one? book that one", "it", HOTELS, "hotels").ids == ("H1",)
    assert resolve("how much would the hostel one be?", "", HOTELS, "hotels").ids == ("H2",)
    assert resolve("the cheaper hotel", "cheapest", HOTELS, "hotels").ids == ("H2",)


def test_star_floor_is_not_a_reference() -> None:
    assert stars_named("at least 4 stars please") is None
    assert stars_named("4 stars or more") is None
    assert stars_named("the 5 star one") == 5


def test_cheapest_room_is_about_the_hotel_in_focus() -> None:
    assert resolve("book the cheapest room there", "cheapest", HOTELS, "hotels", focus="H3").ids == ("H3",)
