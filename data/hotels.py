"""Hotels spread over the destinations: names, stars, amenities, room types, rates, seasons, policies.

Each hotel draws from its own random stream, so changing one hotel's recipe never reshuffles the others.
"""

from __future__ import annotations

import random
from typing import Any

from data.japanese import hotel_ja, room_name_ja
from data.streams import stream
from data.vocab.places import MOMIJI_MONTH, PLACES, SAKURA_MONTH, Place
from data.vocab.tables import load_table

_RYOKAN_WORDS = (
    "Kikyo",
    "Tsubaki",
    "Matsunoya",
    "Hanaougi",
    "Yamabuki",
    "Shiosai",
    "Kaede",
    "Sakuragi",
    "Hotaru",
    "Yukimi",
    "Tsukimi",
    "Seiryu",
    "Kazahana",
    "Minori",
    "Aoi",
    "Fuyo",
    "Kotobuki",
    "Suisen",
    "Wakaba",
    "Hagi",
    "Momiji",
    "Shirakaba",
    "Asagiri",
    "Kiyomizu",
    "Izumi",
    "Yuzuriha",
)
_CITY_BRANDS = (
    "Grand",
    "Plaza",
    "Vista",
    "Sunroute",
    "Crest",
    "Royal",
    "Park",
    "Garden",
    "Terrace",
    "Harbour",
    "Metropolitan",
    "Gracery",
    "Mystays",
    "Candeo",
    "Richmond",
    "Dormy",
    "Prince",
    "Century",
)
_RESORT_WORDS = ("Beach", "Ocean", "Coral", "Sunset", "Lagoon", "Blue", "Forest", "Mountain", "Lakeside", "Alpine")
_STAR_RATE = {1: 3800, 2: 7500, 3: 12000, 4: 21000, 5: 42000}
_PRICEY_CITIES = {
    "Tokyo": 1.3,
    "Kyoto": 1.35,
    "Kutchan": 1.45,
    "Hakone": 1.25,
    "Onna": 1.2,
    "Karuizawa": 1.2,
    "Osaka": 1.1,
    "Ishigaki": 1.15,
    "Miyakojima": 1.15,
    "Urayasu": 1.25,
    "Hakuba": 1.2,
}

# (name, adults, total, beds, rate factor)
_ROOMS: dict[str, tuple[tuple[str, int, int, str, float], ...]] = load_table("hotels")["ROOMS"]

_CANCELLATION = (
    (1, 30, 100, "Free cancellation until 1 day before check-in; 30% of the stay after that; 100% for a no-show."),
    (2, 50, 100, "Free cancellation until 2 days before check-in; 50% of the stay after that; 100% for a no-show."),
    (3, 50, 100, "Free cancellation until 3 days before check-in; 50% after that; no-shows are charged in full."),
    (7, 80, 100, "Free cancellation until 7 days before check-in; 80% after that; no-shows are charged in full."),
    (0, 100, 100, "Non-refundable: the full amount is charged on cancellation or no-show."),
)
_AMENITY_PHRASES = {
    "onsen": "natural hot-spring baths",
    "breakfast": "a Japanese and Western breakfast",
    "parking": "free parking",
    "pets": "pet-friendly rooms",
    "pool": "an outdoor pool",
    "gym": "a fitness centre",
    "sauna": "a sauna",
    "restaurant": "an on-site restaurant",
    "bar": "a lounge bar",
    "laundry": "coin laundry",
    "family_rooms": "family rooms",
    "airport_shuttle": "an airport shuttle",
    "ocean_view": "ocean-view rooms",
    "kitchen": "kitchens in some rooms",
}


def _allocate(total: int) -> list[int]:
    """How many hotels each destination gets: proportional to its share, at least one each."""
    weights = [p.hotels for p in PLACES]
    scale = total / sum(weights)
    counts = [max(1, int(w * scale)) for w in weights]
    order = sorted(range(len(PLACES)), key=lambda i: (-(weights[i] * scale - int(weights[i] * scale)), i))
    k = 0
    while sum(counts) < total:
        counts[order[k % len(order)]] += 1
        k += 1
    while sum(counts) > total:
        j = max(range(len(counts)), key=lambda i: (counts[i], -i))
        counts[j] -= 1
    return counts


def _kind(rng: random.Random, place: Place) -> str:
    onsen_town = "onsen" in place.activities
    if "skiing" in place.activities and rng.random() < 0.35:
        return "lodge"
    if onsen_town and rng.random() < 0.6:
        return "ryokan"
    if "beach" in place.activities and place.region == "okinawa" and rng.random() < 0.6:
        return "resort"
    return rng.choices(("city", "business", "hostel", "ryokan"), weights=(45, 30, 10, 15 if onsen_town else 4))[0]


def _name(rng: random.Random, kind: str, district: str, taken: set[str]) -> str:
    while True:
        word, brand = rng.choice(_RYOKAN_WORDS), rng.choice(_CITY_BRANDS)
        name = {
            "ryokan": rng.choice(
                (f"Ryokan {word}", f"{district} {word}-tei", f"{word} no Yado", f"Yado {word} {district}")
            ),
            "resort": rng.choice(
                (f"{district} {rng.choice(_RESORT_WORDS)} Resort", f"Hotel {brand} {district} Resort & Spa")
            ),
            "city": rng.choice((f"Hotel {brand} {district}", f"{district} {brand} Hotel", f"The {brand} {district}")),
            "business": rng.choice(
                (f"{brand} Inn {district}", f"Hotel {brand} {district} Station", f"Smile Stay {district}")
            ),
            "hostel": rng.choice((f"{word} Hostel {district}", f"Guesthouse {word}", f"{district} Backpackers")),
            "lodge": rng.choice((f"{district} {word} Lodge", f"Chalet {word} {district}", f"Pension {word}")),
        }[kind]
        if name not in taken:
            taken.add(name)
            return name


def _stars(rng: random.Random, kind: str) -> int:
    return {
        "ryokan": rng.choice((3, 3, 4, 4, 5)),
        "resort": rng.choice((4, 4, 5)),
        "city": rng.choice((3, 3, 4, 4, 5)),
        "business": rng.choice((2, 2, 3)),
        "hostel": rng.choice((1, 1, 2)),
        "lodge": rng.choice((2, 3, 3, 4)),
    }[kind]


def _amenities(rng: random.Random, kind: str, stars: int, place: Place) -> list[str]:
    has: set[str] = {"wifi"} if rng.random() < 0.97 else set()
    onsen_town = "onsen" in place.activities
    chance = {
        "onsen": (0.9 if kind == "ryokan" else 0.5) if onsen_town else (0.6 if kind == "ryokan" else 0.05),
        "breakfast": 0.9 if kind in ("ryokan", "resort") else 0.65,
        "parking": 0.3 if place.city in ("Tokyo", "Osaka") else 0.75,
        "pets": 0.05,
        "pool": 0.7 if kind == "resort" else 0.05 + 0.05 * (stars >= 5),
        "gym": 0.6 if stars >= 4 and kind in ("city", "resort") else 0.05,
        "sauna": 0.35 if onsen_town or kind == "lodge" else 0.1,
        "restaurant": 0.85 if stars >= 3 else 0.2,
        "bar": 0.7 if stars >= 4 else 0.1,
        "laundry": 0.5,
        "non_smoking": 0.85,
        "family_rooms": 0.55 if kind in ("resort", "lodge", "ryokan") else 0.2,
        "airport_shuttle": 0.35 if place.region == "okinawa" else 0.03,
        "ocean_view": 0.7
        if "beach" in place.activities and kind == "resort"
        else 0.2
        if "beach" in place.activities
        else 0.0,
        "kitchen": 0.45 if kind == "lodge" else 0.03,
    }
    for amenity, p in sorted(chance.items()):
        if rng.random() < p:
            has.add(amenity)
    return sorted(has)


def _season_uplift(rng: random.Random, place: Place) -> dict[int, int]:
    uplift = {1: 10, 5: 15, 8: 25, 12: 5}  # New Year, Golden Week, Obon

    def add(month: int, pct: int) -> None:
        uplift[month] = uplift.get(month, 0) + pct

    if "skiing" in place.activities:
        for month, pct in ((12, 20), (1, 40), (2, 50), (3, 20)):
            add(month, pct)
    if "beach" in place.activities:
        for month, pct in ((7, 40), (8, 40), (9, 10)):
            add(month, pct)
    if "cherry blossoms" in place.activities or place.climate in ("kyoto", "tokyo"):
        add(SAKURA_MONTH[place.climate], 30)
    if "autumn leaves" in place.activities and place.climate in MOMIJI_MONTH:
        add(MOMIJI_MONTH[place.climate], 35 if place.climate == "kyoto" else 25)
    factor = rng.uniform(0.8, 1.2)
    return {m: min(100, round(v * factor / 5) * 5) for m, v in sorted(uplift.items()) if v}


def _description(
    rng: random.Random, name: str, kind: str, stars: int, place: Place, district: str, amenities: list[str]
) -> str:
    label = {
        "ryokan": "traditional ryokan",
        "resort": "resort hotel",
        "city": "city hotel",
        "business": "business hotel",
        "hostel": "hostel",
        "lodge": "mountain lodge",
    }[kind]
    key = [_AMENITY_PHRASES[a] for a in ("onsen", "breakfast", "pool", "ocean_view", "pets") if a in amenities]
    rest = [_AMENITY_PHRASES[a] for a in amenities if a in _AMENITY_PHRASES and _AMENITY_PHRASES[a] not in key]
    rng.shuffle(rest)
    highlights = key + rest
    parts = [
        rng.choice(
            (
                f"{name} is a {stars}-star {label} in {district}, {place.area}.",
                f"A {label} in the heart of {district}, {name} is well placed for {place.known_for[0]}.",
                f"Stay in {district} at {name}, a {stars}-star {label}.",
            )
        )
    ]
    if highlights:
        parts.append(f"Guests enjoy {', '.join(highlights[:3])}.")
    parts.append(
        rng.choice(
            (
                f"Ideal for exploring {place.known_for[rng.randrange(len(place.known_for))]}.",
                f"A good base for {place.activities[0]} and {place.activities[1 % len(place.activities)]}.",
                "Staff speak English and Japanese.",
                "Rooms were renovated recently.",
            )
        )
    )
    if kind == "ryokan":
        parts.append(
            rng.choice(
                (
                    "Kaiseki dinner with local ingredients is served in your room.",
                    "Yukata are provided; dinner is a seasonal multi-course meal.",
                )
            )
        )
    return " ".join(parts)


def generate_hotels(seed: int, n_hotels: int, destinations: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """`n_hotels` hotels spread over the destinations (big cities get more)."""
    hotels: list[dict[str, Any]] = []
    names: set[str] = set()
    index = 0
    for d_index, count in enumerate(_allocate(n_hotels)):
        place, dest = PLACES[d_index], destinations[d_index]
        for _ in range(count):
            rng = stream(seed, "hotels", index)
            hotel_id = f"H{index + 1:04d}"
            index += 1
            district = rng.choice(place.districts)
            station = district if district.endswith("Station") else f"{district} station"
            kind = _kind(rng, place)
            stars = _stars(rng, kind)
            name = _name(rng, kind, district, names)
            amenities = _amenities(rng, kind, stars, place)
            base = _STAR_RATE[stars] * _PRICEY_CITIES.get(place.city, 1.0) * (1.4 if kind == "ryokan" else 1.0)
            templates = _ROOMS[kind]
            n_types = min(len(templates), rng.randint(2, 4))
            chosen = sorted(rng.sample(range(len(templates)), n_types))
            rooms = []
            for r, t in enumerate(chosen):
                room_name, adults, total, beds, factor = templates[t]
                scarce = rng.random() < (0.4 if factor >= 2.5 else 0.03)
                count_rooms = rng.randint(1, 3) if scarce else rng.randint(4, 12 if kind == "ryokan" else 40)
                rate = int(base * factor * rng.uniform(0.9, 1.1) / 100) * 100
                rooms.append(
                    {
                        "id": f"{hotel_id}-R{r + 1}",
                        "name": room_name,
                        "capacity_adults": adults,
                        "capacity_total": total,
                        "beds": beds,
                        "base_rate_jpy": max(rate, 2500),
                        "rooms": count_rooms,
                        "smoking": "non_smoking" not in amenities and rng.random() < 0.3,
                    }
                )
            free_days, fee, no_show, text = rng.choice(_CANCELLATION[:4] if kind == "ryokan" else _CANCELLATION)
            rating = round(min(4.95, max(2.8, rng.gauss(3.4 + 0.25 * stars, 0.3))), 2)
            tags = {f"type:{kind}", f"stars:{stars}", f"activity-base:{place.activities[0]}"}
            tags |= {"audience:family"} if "family_rooms" in amenities else set()
            tags |= {"budget"} if stars <= 2 else {"luxury"} if stars == 5 else set()
            tags |= {"audience:couples"} if kind in ("ryokan", "resort") else set()
            hotels.append(
                {
                    "id": hotel_id,
                    "name": name,
                    "prefecture": place.prefecture,
                    "city": place.city,
                    "area": district,
                    "region": place.region,
                    "destination_id": dest["id"],
                    "stars": stars,
                    "amenities": amenities,
                    "room_types": rooms,
                    "weekend_uplift_pct": rng.choice(
                        (10, 15, 20, 25, 30, 35) if kind in ("ryokan", "resort") else (0, 5, 10, 15, 20)
                    ),
                    "season_uplift_pct": _season_uplift(rng, place),
                    "cancellation": {
                        "free_until_days": free_days,
                        "fee_pct": fee,
                        "no_show_pct": no_show,
                        "text": text,
                    },
                    "check_in": rng.choice(("15:00", "15:00", "14:00", "16:00")) if kind != "hostel" else "16:00",
                    "check_out": rng.choice(("10:00", "11:00", "11:00", "12:00"))
                    if kind not in ("ryokan",)
                    else "10:00",
                    "rating": rating,
                    "review_count": int(rng.lognormvariate(4.5 + (rating - 4) * 0.8, 0.9)),
                    "description": _description(rng, name, kind, stars, place, district, amenities),
                    "access": rng.choice(
                        (
                            f"{rng.randint(2, 15)} min walk from {station}",
                            f"{rng.randint(5, 25)} min by taxi from {station}",
                            f"free shuttle from {station} ({rng.randint(5, 20)} min)",
                        )
                    )
                    + ("" if place.city == "Tokyo" else f"; from Tokyo: {place.from_tokyo}"),
                    "truth_tags": sorted(tags),
                }
            )
            hotel = hotels[-1]
            for room in hotel["room_types"]:
                room["name_ja"] = room_name_ja(room["name"])
            hotel.update(hotel_ja(hotel, place, seed, index - 1))
    return hotels
