"""Japanese names for cards and the panel, read from the catalogue (issue 16: cards in the member's language).

Why here: a tool result carries the `_ja` siblings it has (a product's `title_ja`, a hotel hit's `name_ja`),
but not every one the data holds (a hotel's `amenities_ja`, its rooms' `name_ja`, and a dated search's
offers carry fewer). A card shown in Japanese asks the hotel inventory for the missing siblings, under the
same `<field>_ja` names and for the same fields (`japanese_names.NAME_FIELDS`) the answers use, so the card
picks its Japanese exactly as an answer does (`japanese_names.pick`). Any failure leaves the English field.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from typing import Any

from assistant.japanese_names import NAME_FIELDS
from assistant.web.cards import NameLookup

log = logging.getLogger("assistant.web")


def _siblings(record: Any, *, prefix: str = "") -> dict[str, Any]:
    """`{prefix}{field}_ja` for every name field whose Japanese the record holds."""
    found = {f"{prefix}{field}_ja": getattr(record, f"{field}_ja", None) for field in NAME_FIELDS}
    return {key: value for key, value in found.items() if value}


def japanese_hotel(services: Any, hotel_id: str, room_type_id: str | None = None) -> dict[str, Any]:
    """The hotel's `_ja` siblings (name, area, city, amenities, ...); the room's name as `room_name_ja`
    when `room_type_id` is given."""
    if not hotel_id:
        return {}
    try:
        hotel = services.hotels.get_hotel(hotel_id)
    except Exception:
        log.debug("no Japanese names for hotel %s", hotel_id, exc_info=True)
        return {}
    found = _siblings(hotel)
    for room in getattr(hotel, "room_types", None) or []:
        if room_type_id and getattr(room, "id", None) == room_type_id:
            found.update(_siblings(room, prefix="room_"))
    return found


def japanese_names(services: Any) -> NameLookup:
    """The card renderer's lookup, remembering each hotel for the life of one rendering. A product result
    carries its own siblings (the catalogue's `title_ja`, `brand_ja`), so only hotels are looked up."""
    seen: dict[tuple[str, str | None], dict[str, Any]] = {}

    def lookup(kind: str, item: Mapping[str, Any]) -> Mapping[str, Any]:
        if kind != "hotel":
            return {}
        room = item.get("cheapest_room")
        room_id = str(room.get("room_type_id")) if isinstance(room, Mapping) and room.get("room_type_id") else None
        key = (str(item.get("hotel_id") or item.get("id") or ""), room_id)
        if key not in seen:
            seen[key] = japanese_hotel(services, *key)
        return seen[key]

    return lookup
