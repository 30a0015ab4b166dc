"""A small deterministic catalogue for retrieval tests (a few hundred docs: fast to embed, easy to reason about).

Built here rather than taken from the generator so the tests know exactly which document must win.
"""

from __future__ import annotations

import random

from data.schema import CancellationPolicy, Destination, Hotel, MonthClimate, Product, Region, RoomType

# (category, subcategory, nouns, brands)
_LINES = [
    ("Electronics", "Headphones", ["wireless noise cancelling headphones", "bluetooth earbuds", "studio headphones"],
     ["Sony", "Audio-Technica", "Bose"]),
    ("Electronics", "Cameras", ["mirrorless camera", "compact digital camera", "action camera"],
     ["Canon", "Fujifilm", "Nikon"]),
    ("Home", "Rice cookers", ["induction rice cooker", "pressure rice cooker", "mini rice cooker"],
     ["Zojirushi", "Tiger", "Panasonic"]),
    ("Sports", "Running shoes", ["lightweight running shoes", "trail running shoes", "marathon racing shoes"],
     ["Asics", "Mizuno", "Nike"]),
    ("Food", "Tea", ["matcha green tea powder", "sencha loose leaf tea", "hojicha roasted tea bags"],
     ["Ito En", "Marukyu", "Yamamotoyama"]),
    ("Toys", "Games", ["family board game", "handheld game console", "jigsaw puzzle 1000 pieces"],
     ["Nintendo", "Bandai", "Tomy"]),
    ("Fashion", "Bags", ["leather backpack", "canvas tote bag", "waterproof messenger bag"],
     ["Porter", "Anello", "Muji"]),
    ("Beauty", "Skincare", ["hydrating face lotion", "sunscreen SPF50", "cleansing oil"],
     ["Shiseido", "Hada Labo", "Biore"]),
]
_COLOURS = ["black", "white", "navy", "red", "beige", "green"]


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


# (city, area, prefecture, region, theme)
_PLACES: list[tuple[str, str, str, Region, str]] = [
    ("Kyoto", "Gion", "Kyoto", "kansai", "traditional machiya townhouse near temples and geisha streets"),
    ("Kyoto", "Arashiyama", "Kyoto", "kansai", "riverside inn by the bamboo grove"),
    ("Hakone", "Gora", "Kanagawa", "kanto", "onsen ryokan with private open-air hot spring baths and Mt Fuji views"),
    ("Tokyo", "Shinjuku", "Tokyo", "kanto", "high-rise business hotel next to the station"),
    ("Tokyo", "Asakusa", "Tokyo", "kanto", "family-friendly hotel near Senso-ji temple"),
    ("Sapporo", "Susukino", "Hokkaido", "hokkaido", "city hotel close to ramen alley and the snow festival"),
    ("Naha", "Kokusai-dori", "Okinawa", "okinawa", "resort hotel by the beach with a pool"),
    ("Beppu", "Kannawa", "Oita", "kyushu", "onsen inn among steaming hot spring vents"),
]
_AMENITY_SETS = [
    ["wifi", "breakfast", "onsen"],
    ["wifi", "parking", "restaurant"],
    ["wifi", "pool", "ocean_view", "family_rooms"],
    ["wifi", "gym", "bar", "laundry"],
]


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
    ("Niseko", "Kutchan", "Hokkaido", "hokkaido", ["powder snow"], ["skiing", "onsen"], [1, 2], -2),
    ("Ishigaki", "Ishigaki", "Okinawa", "okinawa", ["coral reefs"], ["beach", "diving"], [6, 7, 8, 9], 25),
    ("Hakone", "Hakone", "Kanagawa", "kanto", ["hot springs", "Mt Fuji views"], ["onsen", "hiking"], [4, 10, 11], 12),
    ("Kyoto Higashiyama", "Kyoto", "Kyoto", "kansai", ["temples", "autumn leaves"], ["temples", "food"],
     [3, 4, 11], 14),
    ("Kamikochi", "Matsumoto", "Nagano", "chubu", ["alpine valley"], ["hiking", "camping"], [7, 8, 9, 10], 8),
    ("Beppu", "Beppu", "Oita", "kyushu", ["hell hot springs"], ["onsen", "food"], [3, 4, 10, 11], 15),
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
