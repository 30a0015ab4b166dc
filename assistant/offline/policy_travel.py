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
from assistant.offline.steps import Answer, CallTool, Decision, Step, carried
from tools.agent_tools.results import DestinationItem, HotelItem

CHEAP = re.compile(
    r"\b(?:cheap|cheaper|cheapest|budget|affordable|inexpensive|economical|low[- ]cost|bargain)\b"
    r"|\bnot\s+(?:too|very|so|that|overly)\s+(?:pricey|pricy|expensive|dear|costly|fancy)\b"
    r"|" + r"\bnothing\s+(?:too\s+|very\s+|so\s+|that\s+|overly\s+)?(?:pricey|pricy|expensive|dear|costly|fancy|posh)\b"
)
CHEAPEST = re.compile(r"\b(?:cheapest|least expensive|lowest[- ]priced)\b")
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


def _where(step: Step) -> tuple[dict[str, Any], str] | None:
    """The search's place arguments and the place's name for the answer. A station, district or landmark
    is searched as its city with that area ("near Tokyo Station" is city Tokyo, area Tokyo Station), a
    region ("somewhere in kansai") as the region with no city."""
    frame = step.state.hotels
    said = step.parse.all_slots
    if said.get("region") and not said.get("place"):
        frame.drop("place")
    if not frame.get("place") and not said.get("place") and not frame.get("region"):
        there = _destination_place(step)
        if there:
            frame["place"] = there
    place = step.place(frame.get("place"))
    if place is None:
        region = frame.get("region")
        return ({"region": str(region)}, str(region).title()) if region else None
    if place.kind in {"city", "prefecture"}:
        return {"city": place.name if place.kind == "city" else place.city}, place.name
    args: dict[str, Any] = {"city": place.city, "query": place.name}
    if place.kind == "area" and place.name != place.city:
        args["area"] = place.name
    return args, place.name


# The frame's slots a hotel search sends as they are: slot -> (argument, conversion).
_HOTEL_ARGS = {
    "amenities": ("amenities", list),
    "price_max": ("max_price_per_night_jpy", int),
    "min_stars": ("min_stars", int),
    "min_rating": ("min_rating", float),
}
# What a hotel search may do without, one at a time and in this order, when nothing fits all of it.
RELAXABLE = ("area", "min_rating", "min_stars", "amenities", "max_price_per_night_jpy")


def _searches(step: Step) -> list[tuple[dict[str, Any], str]] | None:
    """The searches the stay frame describes: one, or one per city of "Kanazawa or Takayama"."""
    frame = step.state.hotels
    names = [str(p) for p in frame.get("places") or [] if step.place(str(p))]
    wheres: list[tuple[dict[str, Any], str]] = []
    if len(names) > 1 and frame.get("place") in names:
        for name in names:
            place = step.place(name)
            if place is not None:
                wheres.append(({"city": place.city}, place.name))
    else:
        where = _where(step)
        if where is None:
            return None
        wheres.append(where)
    stay = stay_args(step)
    planned = []
    for where_args, name in wheres:
        planned.append(({**where_args, **stay, "limit": 5, **carried(frame, _HOTEL_ARGS)}, name))
    return planned


def search_hotels(step: Step) -> Decision:
    frame = step.state.hotels
    planned = _searches(step)
    if planned is None:
        return Answer("clarify", {"question": "city"})
    events = step.searches("search_hotels", [args for args, _name in planned])
    if isinstance(events, Decision):
        return events
    records = [record for event in events for record in items_of(event.result, "hotels", "offers")]
    relaxed_key = None
    if not records and len(planned) == 1:
        args = planned[0][0]
        for key in RELAXABLE:
            if key in args:
                relaxed_key = key
                wider = {k: v for k, v in args.items() if k != key}
                event = step.searched("search_hotels", wider, only=False)
                if event is None:
                    return CallTool("search_hotels", wider)
                records = items_of(event.result, "hotels", "offers") if event.ok else []
                break
    hotels = [hotel_view(h) for h in records]
    if len(planned) > 1 or CHEAPEST.search(step.turn.text.lower()):
        hotels.sort(key=_price_of)  # several cities in one list: cheapest first across them
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
    limit = 5 if len(planned) == 1 else 6
    shown = ("hotels", tuple(h["id"] for h in hotels[:limit]))
    first_args = planned[0][0]
    return Answer(
        "hotels",
        {
            "hotels": hotels[:limit],
            "place": " or ".join(name for _args, name in planned),
            "stay": stay_args(step),
            "amenities": frame.get("amenities", []) if relaxed_key != "amenities" else [],
            "pref": frame.get("pref"),
            "cheapest_first": cheapest_first,
            "left_out": left_out,
            "relaxed": {"kind": relaxed_key, "value": first_args.get(relaxed_key)} if relaxed_key else None,
            # "around 10,000 yen a night": the search's cap is the top of the band, and the answer says so
            "around": frame.around() if "max_price_per_night_jpy" in first_args else None,
            "cap": first_args.get("max_price_per_night_jpy") if relaxed_key != "max_price_per_night_jpy" else None,
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
    if frame.get("landmark"):  # "a snow festival": the Sapporo Snow Festival, not any snow
        words.insert(0, str(frame["landmark"]))
    excluded = {str(x).lower() for x in frame.get("exclude", [])}
    if frame.get("place") and str(frame["place"]).lower() not in excluded:
        words.append(str(frame["place"]))
    query = " ".join(w for w in words if w).strip()
    month = frame.get("month")
    if not query and not month and not frame.get("region"):
        return Answer("clarify", {"question": "destination"})
    args: dict[str, Any] = {
        "query": query or "places to visit",
        "limit": 10 if frame.get("climate") else 3 + len(excluded),
    }
    if month:
        args["month"] = int(month)
    if frame.get("region"):
        args["region"] = str(frame["region"])
    event = step.outcome("search_destinations", args)
    if isinstance(event, Decision):
        return event
    found = [d for d in (read_result(item, DestinationItem) for item in items_of(event.result, "destinations")) if d]
    # "kyushu, but not beppu": the place left out is not suggested
    found = [d for d in found if not excluded & {d.area.lower(), d.city.lower()}]
    climate = frame.get("climate")
    if climate and month and not frame.get("landmark"):
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
