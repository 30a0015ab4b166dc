"""Japanese names for cards and the panel, read from the catalogue (issue 16: cards in the member's language).

Why here: hotel search results carry the English fields only (the engine links and answers on them), while
the data holds `name_ja`, `area_ja`, room `name_ja` and `amenities_ja` beside them. A card shown in Japanese
asks the hotel inventory for those, so the Japanese page shows 「ペンション みのり」, not "Pension Minori".
Any failure leaves the English field in place.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from typing import Any

from assistant.web.cards import NameLookup

log = logging.getLogger("assistant.web")


def japanese_hotel(services: Any, hotel_id: str, room_type_id: str | None = None) -> dict[str, Any]:
    """The hotel's Japanese fields (name, area, amenities; the room's name when `room_type_id` is given)."""
    if not hotel_id:
        return {}
    try:
        hotel = services.hotels.get_hotel(hotel_id)
    except Exception:
        log.debug("no Japanese names for hotel %s", hotel_id, exc_info=True)
        return {}
    found: dict[str, Any] = {"name": hotel.name_ja, "area": hotel.area_ja or hotel.city_ja,
                             "amenities": hotel.amenities_ja}
    for room in getattr(hotel, "room_types", None) or []:
        if room_type_id and getattr(room, "id", None) == room_type_id:
            found["room"] = getattr(room, "name_ja", None)
    return {key: value for key, value in found.items() if value}


def japanese_names(services: Any) -> NameLookup:
    """The card renderer's lookup, remembering each hotel for the life of one rendering."""
    seen: dict[tuple[str, str | None], dict[str, Any]] = {}

    def lookup(kind: str, item: Mapping[str, Any]) -> Mapping[str, Any]:
        if kind == "product":
            return {"name": item["title_ja"]} if item.get("title_ja") else {}
        room = item.get("cheapest_room")
        room_id = str(room.get("room_type_id")) if isinstance(room, Mapping) and room.get("room_type_id") else None
        key = (str(item.get("hotel_id") or item.get("id") or ""), room_id)
        if key not in seen:
            seen[key] = japanese_hotel(services, *key)
        return seen[key]

    return lookup
