"""A small deterministic catalogue for retrieval tests (a few hundred docs: fast to embed, easy to reason about).

Built here rather than taken from the generator so the tests know exactly which document must win; the facts
it is built from are in `catalogue.json` beside it.
"""

from __future__ import annotations

import json
import random
from pathlib import Path

from data.schema import CancellationPolicy, Destination, Hotel, MonthClimate, Product, Region, RoomType

_FIXTURE = json.loads((Path(__file__).parent / "catalogue.json").read_text(encoding="utf-8"))
"""The fixture's facts (product lines, hotel places, destination guides), kept as data beside this module."""
_LINES = [(x["category"], x["subcategory"], x["nouns"], x["brands"]) for x in _FIXTURE["product_lines"]]
_COLOURS: list[str] = _FIXTURE["colours"]


def make_products(n: int = 240, seed: int = 7) -> list[Product]:
    rng = random.Random(seed)
    out: list[Product] = []
    for i in range(n):
        category, sub, nouns, brands = _LINES[i % len(_LINES)]
        noun = nouns[(i // len(_LINES)) % len(nouns)]
        brand = brands[(i // (len(_LINES) * len(nouns))) % len(brands)]
        colour = _COLOURS[i % len(_COLOURS)]
        model = f"{brand[:2].upper()}-{1000 + i}X"
        price = rng.choice([980, 1980, 2980, 4980, 9800, 14800, 29800, 49800, 89800])
        out.append(
            Product(
                id=f"P{i + 1:06d}",
                title=f"{brand} {noun} {model} ({colour})",
                category=category,
                subcategory=sub,
                shop_id=f"S{i % 9:03d}",
                shop_name=f"Shop {i % 9}",
                brand=brand,
                model_number=model,
                price_jpy=price,
                list_price_jpy=None,
                shop_points_multiplier=1 + i % 5,
                rating=round(3.0 + (i % 21) / 10, 1),
                review_count=i % 50,
                reviews=[],
                stock=0 if i % 10 == 3 else 5 + i % 7,
                attributes={"colour": colour},
                description=f"A {colour} {noun} from {brand}. Model {model}. Ships from Japan.",
                free_shipping=i % 2 == 0,
                delivery_days=1 + i % 4,
                truth_tags=[],
            )
        )
    return out


_PLACES: list[tuple[str, str, str, Region, str]] = [
    (x["city"], x["area"], x["prefecture"], x["region"], x["theme"]) for x in _FIXTURE["hotel_places"]
]
_AMENITY_SETS: list[list[str]] = _FIXTURE["amenity_sets"]


def make_hotels(n: int = 32) -> list[Hotel]:
    out: list[Hotel] = []
    for i in range(n):
        city, area, pref, region, theme = _PLACES[i % len(_PLACES)]
        amenities = list(_AMENITY_SETS[i % len(_AMENITY_SETS)])
        if "onsen" in theme and "onsen" not in amenities:
            amenities.append("onsen")
        base = 8000 + (i % 6) * 6000
        rooms = [
            RoomType(id=f"H{i + 1:04d}-R1", name="Standard double", capacity_adults=2, capacity_total=2,
                     beds="1 double", base_rate_jpy=base, rooms=5),
            RoomType(id=f"H{i + 1:04d}-R2", name="Family room", capacity_adults=2, capacity_total=2 + i % 3,
                     beds="2 twins + sofa", base_rate_jpy=base * 2, rooms=2),
        ]
        out.append(
            Hotel(
                id=f"H{i + 1:04d}",
                name=f"{['Hotel', 'Inn', 'Ryokan', 'Resort'][i % 4]} {area} {i + 1}",
                prefecture=pref, city=city, area=area, region=region, destination_id=None,
                stars=1 + i % 5, amenities=amenities,  # type: ignore[arg-type]
                room_types=rooms, weekend_uplift_pct=20, season_uplift_pct={},
                cancellation=CancellationPolicy(free_until_days=3, fee_pct=50, no_show_pct=100, text="Free: 3 days"),
                check_in="15:00", check_out="10:00", rating=round(3.5 + (i % 15) / 10, 1), review_count=10 + i,
                description=f"A {theme} in {area}, {city}.", access=f"10 min walk from {area} station",
                truth_tags=[],
            )
        )
    return out


_DESTS: list[tuple[str, str, str, Region, list[str], list[str], list[int], int]] = [
    (x["area"], x["city"], x["prefecture"], x["region"], x["known_for"], x["activities"], x["best_months"],
     x["base_high_c"])
    for x in _FIXTURE["destinations"]
]


def make_destinations() -> list[Destination]:
    out: list[Destination] = []
    for i, (area, city, pref, region, known, acts, best, base_high) in enumerate(_DESTS):
        climate = [
            MonthClimate(month=m, avg_high_c=base_high + (12 - abs(m - 7) * 2), avg_low_c=base_high - 5,
                         rain_days=8, note="")
            for m in range(1, 13)
        ]
        out.append(
            Destination(
                id=f"D{i + 1:03d}", area=area, city=city, prefecture=pref, region=region, known_for=known,
                activities=acts, climate=climate, best_months=best, access={"Tokyo": "2 h by train"},
                description=f"{area} is known for {', '.join(known)}.", truth_tags=[],
            )
        )
    return out
