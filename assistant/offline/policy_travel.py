"""Travel: hotel search, availability, quote, booking (through the confirmation), cancellation,
the member's bookings, and destination ideas.

The booking path is always availability -> quote -> book_hotel with exactly the quoted arguments; the
agent's confirmation middleware pauses before book_hotel, so the member sees and approves the quote.
"""

from __future__ import annotations

import re
from datetime import date, timedelta
from typing import Any

from assistant.offline import references
from assistant.offline.history import ToolEvent
from assistant.offline.policy_products import points_figures
from assistant.offline.results import read_result
from assistant.offline.state import first, hotel_id, items_of
from assistant.offline.stay import PARTY_CHANGES, booking_waiting, changes_stay, wants_booking
from assistant.offline.steps import Answer, CallTool, Decision, Step
from tools.agent_tools.results import (
    AvailabilityResult,
    BookedResult,
    CancellationResult,
    DestinationItem,
    HotelItem,
    QuoteResult,
    RoomResult,
)

CHEAP = re.compile(
    r"\b(?:cheap|cheaper|cheapest|budget|affordable|inexpensive|economical|low[- ]cost|bargain)\b"
    r"|\bnot\s+(?:too|very|so|that|overly)\s+(?:pricey|pricy|expensive|dear|costly|fancy)\b"
)


CHOOSE = re.compile(
    r"\b(?:book|reserve|take|grab|go ahead|go with|we'll have|i'll have|lock (?:it |that )?in|confirm)\b"
)
QUESTION = re.compile(r"\b(?:how much|what would|what does|cost|price|quote)\b")


def _error(event: ToolEvent) -> Answer:
    message = (event.result or {}).get("message", event.text) if isinstance(event.result, dict) else event.text
    return Answer("tool_error", {"message": str(message)})


def _stay(step: Step) -> dict[str, Any]:
    frame = step.state.hotels
    stay: dict[str, Any] = {"adults": int(frame.get("adults") or 2), "children": int(frame.get("children") or 0)}
    if frame.get("check_in"):
        stay["check_in"] = str(frame["check_in"])
        stay["nights"] = int(frame.get("nights") or 1)
    return stay


def _hotel_view(record: dict[str, Any]) -> dict[str, Any]:
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
    stay = _stay(step)
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
        return _error(event)
    hotels = [_hotel_view(h) for h in items_of(event.result, "hotels", "offers")]
    cheapest_first = _wants_cheap(step)
    if cheapest_first:
        hotels.sort(key=lambda h: h["total"] or h["per_night"] or 10**12)
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
        },
        shown=shown,
    )


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
    views = [_hotel_view(h) for h in options]
    return Answer(
        "clarify", {"question": "which_hotel", "options": views}, shown=("hotels", tuple(v["id"] for v in views))
    )


def _pick_room(rooms: list[RoomResult], wanted: str) -> RoomResult | None:
    """The cheapest free room, of the kind the member named if one is free."""
    free = [r for r in rooms if r.rooms_left > 0]
    if wanted:
        named = [r for r in free if wanted in r.name.lower()]
        if named:
            free = named
    priced = sorted(free, key=lambda r: r.total_jpy)
    return priced[0] if priced else None


def _room_word(text: str) -> str:
    for word in ("twin", "double", "single", "family", "suite", "japanese", "deluxe", "superior", "triple"):
        if word in text.lower():
            return word
    return ""


def correct_stay(step: Step) -> Decision:
    """A change to the planned stay before anything is booked (the state already holds the corrected stay).

    Only the points changed: quote the same hotel again, and if a booking was waiting, propose it again
    with the new figures. The dates changed: quote that hotel again for the new stay. The party changed
    while a booking waited, or nothing is quoted: search again, since the hotels that fit may differ
    ("our son is coming too" needs a room for three)."""
    slots = step.parse.all_slots
    turns = step.history.turns
    waiting = booking_waiting(turns, len(turns) - 1)
    hotel_known = step.state.quote is not None or step.state.focus_hotel is not None
    if "points" in slots and not changes_stay(slots) and hotel_known:
        return quote_flow(step, book=waiting or _asks_to_book(step))
    if not changes_stay(slots) and "points" not in slots:  # a budget or an amenity: the list changes
        return search_hotels(step)
    party = any(k in slots for k in PARTY_CHANGES)
    if step.state.quote is not None and (not waiting or not party):
        return quote_flow(step, book=False)
    return search_hotels(step)


def _asks_to_book(step: Step) -> bool:
    """ "I'll take the first one", "go ahead", "grab it": choosing a hotel to stay in, not a question
    about it (the booking still waits for the member's confirmation)."""
    text = step.turn.text.lower()
    if "?" in text or QUESTION.search(text):
        return False
    return bool(CHOOSE.search(text)) and wants_booking(text)


def quote_flow(step: Step, *, book: bool) -> Decision:
    """availability -> quote (-> book_hotel). Reuses the standing quote when nothing about the stay changed.
    "Don't book anything, just the price" is a quote whatever intent it was read as."""
    chooses = _asks_to_book(step) and "ref" in step.parse.all_slots  # "I'll take the first hotel"
    book = (book or chooses) and wants_booking(step.turn.text)
    hotel = resolve_hotel(step)
    if hotel is None:
        if step.state.hotel_list:
            return which_hotel(step)
        return Answer("clarify", {"question": "city"})
    stay = _stay(step)
    if "check_in" not in stay:
        return Answer("clarify", {"question": "dates"})
    points = _points_to_use(step)
    standing = step.state.quote
    args: dict[str, Any] | None = None
    if standing is not None and standing.ok and standing.args.get("hotel_id") == hotel:
        same_stay = all(str(standing.args.get(k)) == str(v) for k, v in stay.items())
        if same_stay and (points is None or points == standing.args.get("points_to_use", 0)):
            args = dict(standing.args)
    quote = step.done("quote_stay")
    if args is None and quote is None:
        availability = step.done("check_availability", hotel_id=hotel)
        if availability is None:
            return CallTool("check_availability", {"hotel_id": hotel, **stay})
        offered = read_result(availability.result, AvailabilityResult)
        if not availability.ok or offered is None:
            return _error(availability)
        room = _pick_room(offered.rooms, _room_word(step.turn.text))
        if room is None:
            return Answer("sold_out", {"hotel": offered.name, "stay": stay})
        quote_args = {"hotel_id": hotel, "room_type_id": room.room_type_id, **stay}
        if points:
            quote_args["points_to_use"] = points
        return CallTool("quote_stay", quote_args)
    if quote is not None:
        if not quote.ok:
            return _error(quote)
        args = dict(quote.args)
        figures = quote.result
    else:
        assert standing is not None
        figures = standing.result
    assert args is not None
    if not book:
        return Answer("quote", _quote_vars(figures, args))
    booked = step.done("book_hotel")
    if booked is None:
        return CallTool("book_hotel", args)
    if booked.rejected:
        return Answer("declined", {"what": "booking"})
    if not booked.ok:
        return _error(booked)
    return Answer("booked", {**_booking_vars(booked.result), "quote": _quote_vars(figures, args)})


def _points_to_use(step: Step) -> int | None:
    """The points the member said in this message, else those set for this stay earlier."""
    value = step.parse.all_slots.get("points", step.state.hotels.get("points"))
    if value == "all":
        standing = step.state.quote
        if standing is not None and standing.ok:
            return int(standing.result.get("max_points_usable") or 0)
        return None
    return int(value) if isinstance(value, int) else None


def _quote_vars(r: dict[str, Any], args: dict[str, Any]) -> dict[str, Any]:
    q = read_result(r, QuoteResult)
    if q is None:
        return {"hotel": "", "hotel_id": args.get("hotel_id"), "room": "", "check_in": args.get("check_in"),
                "check_out": None, "nights": args.get("nights"), "adults": args.get("adults", 2),
                "children": args.get("children", 0), "points_used": 0, "cancellation": ""}  # fmt: skip
    return {
        "hotel": q.hotel_name,
        "hotel_id": args.get("hotel_id"),
        "room": q.room_name,
        "check_in": q.stay.check_in.isoformat(),
        "check_out": q.stay.check_out.isoformat(),
        "nights": q.stay.nights,
        "adults": args.get("adults", 2),
        "children": args.get("children", 0),
        "total": q.total_jpy,
        "points_used": q.points_to_use,
        "cash": q.cash_to_pay_jpy,
        "max_points": q.max_points_usable,
        "balance": q.points_balance,
        "cancellation": q.cancellation.text,
        **{f"earn_{k}": v for k, v in points_figures(r).items()},
    }


def _booking_vars(r: dict[str, Any]) -> dict[str, Any]:
    b = read_result(r, BookedResult)
    if b is None:
        return {"points_used": 0}
    return {
        "booking_id": b.booking_id,
        "hotel": b.hotel_name,
        "room": b.room_name,
        "check_in": b.check_in.isoformat(),
        "check_out": b.check_out.isoformat(),
        "nights": b.nights,
        "total": b.total_jpy,
        "points_used": b.points_used,
        "cash": b.cash_jpy,
        "points_earned": b.points_earned,
        "cancellation": b.cancellation,
    }


def availability(step: Step) -> Decision:
    if _asks_to_book(step) and step.state.hotel_list:  # "the first one works, go ahead"
        return quote_flow(step, book=True)
    hotel = resolve_hotel(step)
    if hotel is None:
        return search_hotels(step) if step.state.hotels.get("place") else Answer("clarify", {"question": "city"})
    stay = _stay(step)
    if "check_in" not in stay:
        return Answer("clarify", {"question": "dates"})
    event = step.done("check_availability")
    if event is None:
        return CallTool("check_availability", {"hotel_id": hotel, **stay})
    offered = read_result(event.result, AvailabilityResult)
    if not event.ok or offered is None:
        return _error(event)
    rooms = [{"name": r.name, "left": r.rooms_left, "total": r.total_jpy, "id": r.room_type_id} for r in offered.rooms]
    return Answer("availability", {"hotel": offered.name, "rooms": rooms, "stay": stay})


# --- bookings --------------------------------------------------------------------------------------


def my_bookings(step: Step) -> Decision:
    event = step.done("my_bookings")
    if event is None:
        return CallTool("my_bookings", {"status": "upcoming"})
    if not event.ok:
        return _error(event)
    return Answer("bookings", {"bookings": items_of(event.result, "bookings")[:6]})


def cancel(step: Step) -> Decision:
    slots = step.parse.all_slots
    booking_id: str | None = None
    ident = str(slots.get("id", ""))
    if ident and not ident.startswith(("P", "H", "D")):
        booking_id = ident
    listing = step.state.booking_list
    listed = step.done("my_bookings")
    if listed is not None and listed.ok:
        listing = items_of(listed.result, "bookings")
    if booking_id is not None and not _known_as_theirs(step, booking_id):
        # An id the member typed is checked against their own bookings before any cancellation prompt: a
        # prompt for someone else's (or a made-up) id would ask them to approve something that is not theirs.
        owned = step.done("my_bookings", status="all")
        if owned is None:
            return CallTool("my_bookings", {"status": "all"})
        if not owned.ok:
            return _error(owned)
        ids = {str(b.get("booking_id", "")).upper() for b in items_of(owned.result, "bookings")}
        if booking_id.upper() not in ids:
            active = [b for b in items_of(owned.result, "bookings") if str(b.get("status")) != "cancelled"]
            question = {"question": "not_their_booking", "booking_id": booking_id, "bookings": active[:6]}
            return Answer("clarify", question)
    if booking_id is None and step.state.booking is not None and step.state.booking.ok and not slots.get("place"):
        booking_id = str(step.state.booking.result.get("booking_id"))
    if booking_id is None:
        if listed is None and not listing:
            return CallTool("my_bookings", {"status": "upcoming"})
        active = [b for b in listing if str(b.get("status", "confirmed")) != "cancelled"]
        place = str(slots.get("place", "")).lower()
        if place:
            active = [b for b in active if place in str(b.get("hotel_name", "")).lower() + " " + _booking_city(step, b)]
        ref = str(slots.get("ref", ""))
        if ref.isdigit() and 0 < int(ref) <= len(active):
            active = [active[int(ref) - 1]]
        if len(active) != 1:
            return Answer("clarify", {"question": "which_booking", "bookings": active[:6]})
        booking_id = str(active[0].get("booking_id"))
    event = step.done("cancel_booking")
    if event is None:
        return CallTool("cancel_booking", {"booking_id": booking_id})
    if event.rejected:
        return Answer("declined", {"what": "cancellation"})
    cancelled = read_result(event.result, CancellationResult)
    if not event.ok or cancelled is None:
        return _error(event)
    return Answer(
        "cancelled",
        {
            "booking_id": cancelled.booking_id,
            "hotel": None,  # the cancellation result names no hotel
            "fee": cancelled.fee_jpy,
            "refund": None,  # nor a cash refund: the message says what comes back
            "points_returned": cancelled.points_refunded,
            "points_reversed": cancelled.points_reversed,
            "policy": cancelled.message,
        },
    )


def _known_as_theirs(step: Step, booking_id: str) -> bool:
    """Whether a tool result in this conversation already proves the id is the member's: the booking made
    here, or one of their bookings listed earlier."""
    made = step.state.booking
    if made is not None and made.ok and str(made.result.get("booking_id", "")).upper() == booking_id.upper():
        return True
    return any(str(b.get("booking_id", "")).upper() == booking_id.upper() for b in step.state.booking_list)


def _booking_city(step: Step, booking: dict[str, Any]) -> str:
    return str(booking.get("city", "")).lower()


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
        return _error(event)
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


def next_weekday(today: date, weekday: int) -> date:
    return today + timedelta(days=(weekday - today.weekday()) % 7 or 7)
