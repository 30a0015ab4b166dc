"""Travel search: hotels for a place and a stay, the hotel a reference means, and destination ideas.

Booking a hotel found here (availability -> quote -> book) is `policy_quote.py`; the member's own bookings
and cancelling them are `policy_bookings.py`.
"""

from __future__ import annotations

import re
from typing import Any

from assistant.offline import references
from assistant.offline.results import read_result
from assistant.offline.state import first, hotel_id, items_of
from assistant.offline.steps import Answer, CallTool, Decision, Step, tool_error
from tools.agent_tools.results import DestinationItem, HotelItem

CHEAP = re.compile(
    r"\b(?:cheap|cheaper|cheapest|budget|affordable|inexpensive|economical|low[- ]cost|bargain)\b"
    r"|\bnot\s+(?:too|very|so|that|overly)\s+(?:pricey|pricy|expensive|dear|costly|fancy)\b"
    r"|" + r"\bnothing\s+(?:too\s+|very\s+|so\s+|that\s+|overly\s+)?(?:pricey|pricy|expensive|dear|costly|fancy|posh)\b"
)
# "Nothing too pricey": a wish to leave the dear end out, not only to sort by price.
MODEST = re.compile(
    r"\b(?:not|nothing)\s+(?:too\s+|very\s+|so\s+|that\s+|overly\s+)?(?:pricey|pricy|expensive|dear|costly|fancy|posh)\b"
    r"|\b(?:on a (?:tight )?budget|won'?t break the bank|reasonably priced|mid[- ]range)\b"
)


def stay_args(step: Step) -> dict[str, Any]:
    frame = step.state.hotels
    stay: dict[str, Any] = {"adults": int(frame.get("adults") or 2), "children": int(frame.get("children") or 0)}
    if frame.get("check_in"):
        stay["check_in"] = str(frame["check_in"])
        stay["nights"] = int(frame.get("nights") or 1)
    return stay


def hotel_view(record: dict[str, Any]) -> dict[str, Any]:
    hotel = read_result(record, HotelItem)
    if hotel is None:
        return {"id": hotel_id(record) or "", "name": "", "amenities": []}
    room = hotel.cheapest_room
    return {
        "id": hotel.hotel_id,
        "name": hotel.name,
        "city": hotel.city,
        "area": hotel.area,
        "stars": hotel.stars,
        "rating": hotel.rating,
        "amenities": hotel.amenities[:4],
        "total": room.total_jpy if room else None,
        "per_night": hotel.per_night_jpy,
        "room": room.name if room else None,
    }


def _destination_place(step: Step) -> str | None:
    """ "Hotels there" / "hotels in the second one" right after destination ideas."""
    listing = step.state.destination_list
    if not listing or step.state.prev_topic != "destinations":
        return None
    ref = str(step.parse.all_slots.get("ref", ""))
    index = int(ref.split(",")[0]) - 1 if ref[:1].isdigit() else 0
    chosen = listing[index] if 0 <= index < len(listing) else listing[0]
    return str(first(chosen, "city", "area") or "") or None


def search_hotels(step: Step) -> Decision:
    frame = step.state.hotels
    if not frame.get("place") and not step.parse.all_slots.get("place"):
        there = _destination_place(step)
        if there:
            frame["place"] = there
    place = step.place(frame.get("place"))
    if place is None:
        return Answer("clarify", {"question": "city"})
    stay = stay_args(step)
    args: dict[str, Any] = {"city": place.name if place.kind in {"city", "area"} else place.city, **stay, "limit": 5}
    if place.kind == "destination" and place.name != place.city:
        args["query"] = place.name
    if frame.get("amenities"):
        args["amenities"] = list(frame["amenities"])
    if frame.get("price_max"):
        args["max_price_per_night_jpy"] = int(frame["price_max"])
    event = step.done("search_hotels")
    if event is None:
        return CallTool("search_hotels", args)
    if event.error:
        return tool_error(event)
    hotels = [hotel_view(h) for h in items_of(event.result, "hotels", "offers")]
    cheapest_first = _wants_cheap(step)
    left_out = 0
    if cheapest_first:
        hotels.sort(key=_price_of)
        if MODEST.search(step.turn.text.lower()) and len(hotels) > 2:
            # the cheaper half (at or under the middle price), so the dearest are not offered at all
            middle = sorted(_price_of(h) for h in hotels[:5])[(min(len(hotels), 5) - 1) // 2]
            kept = [h for h in hotels if _price_of(h) <= middle]
            left_out = min(len(hotels), 5) - len(kept[:5])
            hotels = kept
    shown = ("hotels", tuple(h["id"] for h in hotels[:5]))
    return Answer(
        "hotels",
        {
            "hotels": hotels[:5],
            "place": place.name,
            "stay": stay,
            "amenities": frame.get("amenities", []),
            "pref": frame.get("pref"),
            "cheapest_first": cheapest_first,
            "left_out": left_out,
        },
        shown=shown,
    )


def _price_of(hotel: dict[str, Any]) -> int:
    return int(hotel["total"] or hotel["per_night"] or 10**12)


def _wants_cheap(step: Step) -> bool:
    """ "Not too pricey", "cheap", "cheaper": the list is shown cheapest first, in this message or any
    earlier one of the same hotel search."""
    if step.state.hotels.get("pref") in {"cheaper", "cheapest"}:
        return True
    return bool(CHEAP.search(step.turn.text.lower()))


def resolve_hotel(step: Step) -> str | None:
    """The hotel meant: an id, or a reference over the hotel list shown (references.py: ordinals, "the
    cheaper hotel", "the five-star one", "the Tsubaki one", "it")."""
    slots = step.parse.all_slots
    ident = str(slots.get("id", ""))
    if ident.startswith("H"):
        return ident.split("-")[0]
    found = references.resolve(
        step.turn.text, str(slots.get("ref", "")), step.state.hotel_list, "hotels", focus=step.state.focus_hotel
    )
    return found.ids[0] if found.found else None


def which_hotel(step: Step) -> Answer:
    """One question naming the hotels the reference fits (or the list shown), which become the list."""
    found = references.resolve(
        step.turn.text, str(step.parse.all_slots.get("ref", "")), step.state.hotel_list, "hotels"
    )
    options = list(found.candidates) if found.ambiguous else step.state.hotel_list[:5]
    views = [hotel_view(h) for h in options]
    return Answer(
        "clarify", {"question": "which_hotel", "options": views}, shown=("hotels", tuple(v["id"] for v in views))
    )


# --- destinations ----------------------------------------------------------------------------------


def destinations(step: Step) -> Decision:
    frame = step.state.destinations
    words = [str(frame.get("climate") or "")] + [str(a).replace("_", " ") for a in frame.get("activities", [])]
    if frame.get("place"):
        words.append(str(frame["place"]))
    query = " ".join(w for w in words if w).strip()
    month = frame.get("month")
    if not query and not month:
        return Answer("clarify", {"question": "destination"})
    args: dict[str, Any] = {"query": query or "places to visit", "limit": 10 if frame.get("climate") else 3}
    if month:
        args["month"] = int(month)
    event = step.done("search_destinations")
    if event is None:
        return CallTool("search_destinations", args)
    if not event.ok:
        return tool_error(event)
    found = [d for d in (read_result(item, DestinationItem) for item in items_of(event.result, "destinations")) if d]
    climate = frame.get("climate")
    if climate and month:
        # the weather the member asked for decides the order: warmest first for "warm", coldest for "snowy"
        found = sorted(found, key=lambda d: d.high_c if d.high_c is not None else -99, reverse=climate == "warm")
    picks = [
        {
            "area": d.area,
            "city": d.city,
            "known_for": d.known_for[:2],
            "high": d.high_c,
            "note": d.weather.note if d.weather else None,
            "matches": [a for a in d.activities if a.lower() in query.lower()][:2],
        }
        for d in found[:3]
    ]
    shown = ("destinations", tuple(d.destination_id for d in found[:3]))
    return Answer("destinations", {"picks": picks, "month": month, "query": query}, shown=shown)
