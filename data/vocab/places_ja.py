"""The Japanese side of the destination vocabulary: place names in kanji and kana, what each is known for.

Keyed by the English names of `data.vocab.places`, so a destination's or hotel's Japanese text is a pure
function of the facts the generator already drew (the English random streams are never touched).
The tables are data, one entry a line in places_ja.json.
"""

from __future__ import annotations

from data.vocab.tables import load_table

_TABLES = load_table("places_ja")
PREFECTURE_JA: dict[str, str] = _TABLES["PREFECTURE_JA"]
REGION_JA: dict[str, str] = _TABLES["REGION_JA"]
CITY_JA: dict[str, str] = _TABLES["CITY_JA"]
# area -> (Japanese name, kana reading members also type, what it is known for)
AREA_JA: dict[str, tuple[str, str, tuple[str, ...]]] = _TABLES["AREA_JA"]
DISTRICT_JA: dict[str, str] = _TABLES["DISTRICT_JA"]
ACTIVITY_JA: dict[str, str] = _TABLES["ACTIVITY_JA"]
AMENITY_JA: dict[str, str] = _TABLES["AMENITY_JA"]
HOTEL_KIND_JA: dict[str, str] = _TABLES["HOTEL_KIND_JA"]
ROOM_JA: dict[str, str] = _TABLES["ROOM_JA"]

MONTH_JA = tuple(f"{m}月" for m in range(1, 13))
