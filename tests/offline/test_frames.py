"""The merge rules of the dialogue frames (assistant/offline/frames.py): what a new request, a refinement
and a correction keep and replace. Pure: no runtime."""

from __future__ import annotations

from assistant.offline.frames import DestinationFrame, ProductFrame, StayFrame


def test_refinement_keeps_every_other_constraint() -> None:
    frame = ProductFrame()
    frame.new_request({"query": "wireless earbuds", "price_max": 8000})
    frame.refine({"brand": "Sony"})
    assert frame == {"query": "wireless earbuds", "price_max": 8000, "brand": "Sony"}


def test_refinement_replaces_the_value_it_names() -> None:
    frame = ProductFrame()
    frame.new_request({"query": "smartwatch", "price_max": 10000})
    frame.refine({"price_max": 20000})
    frame.refine({"min_rating": 4.0})
    assert frame == {"query": "smartwatch", "price_max": 20000, "min_rating": 4.0}


def test_new_request_starts_again() -> None:
    frame = ProductFrame()
    frame.new_request({"query": "earbuds", "brand": "Sony", "price_max": 8000})
    frame.new_request({"query": "rice cooker"})
    assert frame == {"query": "rice cooker"}


def test_slots_outside_the_task_are_ignored() -> None:
    frame = ProductFrame()
    frame.new_request({"query": "laptop", "nights": 2, "place": "Kyoto"})
    assert frame == {"query": "laptop"}


def test_stay_new_search_elsewhere_keeps_dates_and_guests_only() -> None:
    stay = StayFrame()
    stay.new_search({"place": "Kyoto", "check_in": "2026-12-04", "nights": 2, "adults": 2, "amenities": ["onsen"]})
    stay.new_search({"place": "Osaka"})
    assert stay == {"place": "Osaka", "check_in": "2026-12-04", "nights": 2, "adults": 2}


def test_stay_refinement_adds_amenities_and_keeps_the_stay() -> None:
    stay = StayFrame()
    stay.new_search({"place": "Hakone", "check_in": "2026-12-05", "nights": 2, "adults": 2})
    stay.refine({"amenities": ["onsen"]})
    stay.refine({"amenities": ["pool"], "price_max": 30000})
    assert stay["amenities"] == ["onsen", "pool"]
    assert (stay["place"], stay["nights"], stay["adults"], stay["price_max"]) == ("Hakone", 2, 2, 30000)


def test_correction_replaces_lists_and_reports_the_changes() -> None:
    stay = StayFrame()
    stay.new_search({"place": "Hakone", "nights": 2, "amenities": ["onsen", "pool"]})
    assert stay.changes({"nights": 3, "place": "Hakone"}) == {"nights": 3}
    stay.correct({"nights": 3, "amenities": ["onsen"]})
    assert stay["nights"] == 3 and stay["amenities"] == ["onsen"]


def test_destination_follow_up_adds_activities_and_ignores_leftover_words() -> None:
    trip = DestinationFrame()
    trip.new_request({"activities": ["hiking", "onsen"], "query": "hiking hot spring"})
    trip.refine({"month": 10, "query": "october", "amenities": ["beach"]})
    assert trip["month"] == 10 and trip["activities"] == ["beach", "hiking", "onsen"]
    assert trip["query"] == "hiking hot spring"


def test_an_approximate_price_is_remembered_with_its_band_until_a_price_replaces_it() -> None:
    f = ProductFrame()
    said = {"query": "headphones", "price_around": 10000, "price_min": 8000, "price_max": 12000}
    f.new_request(said)
    f.note_price(said)
    assert f.around() == 10000
    f.refine({"brand": "Sony"})
    f.note_price({"brand": "Sony"})
    assert f.around() == 10000, "a refinement without a price keeps the band"
    f.refine({"price_max": 20000})
    f.note_price({"price_max": 20000})
    assert f.around() is None and f["price_max"] == 20000
    g = ProductFrame()
    g.new_request(said)
    g.note_price(said)
    g["price_min"] = 11000  # "a nicer one": the floor moved, so the band is no longer what was searched
    assert g.around() is None
