"""What a card's item would earn *this* member, from the points rules (not from the model's text).

Search results carry prices, not points: the member's rank, linked services and live campaigns change the
earn, so the card asks the domain services for the signed-in member. Any failure just leaves the points off.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from typing import Any

from assistant.web.cards import PointsLookup

log = logging.getLogger("assistant.web")


def member_points(services: Any, member_id: str) -> PointsLookup:
    def lookup(kind: str, item: Mapping[str, Any], context: Mapping[str, Any]) -> int | None:
        try:
            if kind == "product":
                product_id = item.get("id") or item.get("product_id")
                if not product_id:
                    return None
                return int(services.catalogue.points_for_purchase(member_id, str(product_id)).earn.total)
            if kind == "hotel":
                room = item.get("cheapest_room")
                hotel_id = item.get("hotel_id") or item.get("id")
                if not (isinstance(room, Mapping) and hotel_id and context.get("check_in") and context.get("nights")):
                    return None
                quote = services.bookings.quote_stay(
                    member_id, str(hotel_id), str(room["room_type_id"]), str(context["check_in"]),
                    nights=int(context["nights"]), adults=int(context.get("adults") or 2),
                    children=int(context.get("children") or 0),
                )
                return int(quote.points_earned.total)
        except Exception:  # a card without points is better than no card
            log.debug("points lookup failed for a %s card", kind, exc_info=True)
        return None

    return lookup
