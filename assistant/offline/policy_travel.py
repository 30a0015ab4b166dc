"""Travel: hotel search, availability, quote, booking (through the confirmation), cancellation,
the member's bookings, and destination ideas.

The booking path is always availability -> quote -> book_hotel with exactly the quoted arguments; the
agent's confirmation middleware pauses before book_hotel, so the member sees and approves the quote.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from assistant.offline.history import ToolEvent
from assistant.offline.policy_products import points_figures
from assistant.offline.state import first, hotel_id, items_of, price_of
from assistant.offline.steps import Answer, CallTool, Decision, Step


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
    rooms = [record[k] for k in ("cheapest_room", "available_room") if isinstance(record.get(k), dict)]
    room: dict[str, Any] = rooms[0] if rooms else {}
    return {
        "id": hotel_id(record) or "",
        "name": str(first(record, "name", "hotel_name") or ""),
        "city": first(record, "city"),
        "area": first(record, "area"),
        "stars": record.get("stars"),
        "rating": record.get("rating"),
        "amenities": list(record.get("amenities") or [])[:4],
        "total": first(record, "total_jpy") or first(room, "total_jpy"),
        "per_night": first(record, "from_jpy_per_night", "min_rate_jpy", "price_per_night_jpy")
        or first(room, "base_rate_jpy"),
        "room": first(room, "name"),
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
    shown = ("hotels", tuple(h["id"] for h in hotels[:5]))
    return Answer(
        "hotels",
        {
            "hotels": hotels[:5],
            "place": place.name,
            "stay": stay,
            "amenities": frame.get("amenities", []),
            "pref": frame.get("pref"),
        },
        shown=shown,
    )


def resolve_hotel(step: Step) -> str | None:
    slots = step.parse.all_slots
    ident = str(slots.get("id", ""))
    if ident.startswith("H"):
        return ident.split("-")[0]
    listing = step.state.hotel_list
    ids = [hotel_id(h) for h in listing]
    ref = str(slots.get("ref", ""))
    if ref and ref[0] in "-0123456789":
        n = int(ref.split(",")[0])
        index = n - 1 if n > 0 else len(ids) + n
        if 0 <= index < len(ids):
            return ids[index]
    if ref == "cheapest" and listing:
        return hotel_id(min(listing, key=lambda h: price_of(h) or 10**12))
    if ref == "best_rated" and listing:
        return hotel_id(max(listing, key=lambda h: float(h.get("rating") or 0)))
    if ref == "pricier" and listing:
        return hotel_id(max(listing, key=lambda h: price_of(h) or 0))
    if step.state.focus_hotel:
        return step.state.focus_hotel
    if len(ids) == 1:
        return ids[0]
    return None


def _pick_room(rooms: list[dict[str, Any]], wanted: str) -> dict[str, Any] | None:
    free = [r for r in rooms if int(r.get("rooms_left", 1) or 0) > 0]
    if wanted:
        named = [r for r in free if wanted in str(r.get("name", "")).lower()]
        if named:
            free = named
    priced = sorted(free, key=lambda r: int(first(r, "total_jpy", "base_rate_jpy") or 10**12))
    return priced[0] if priced else None


def _room_word(text: str) -> str:
    for word in ("twin", "double", "single", "family", "suite", "japanese", "deluxe", "superior", "triple"):
        if word in text.lower():
            return word
    return ""


def quote_flow(step: Step, *, book: bool) -> Decision:
    """availability -> quote (-> book_hotel). Reuses the standing quote when nothing about the stay changed."""
    hotel = resolve_hotel(step)
    if hotel is None:
        if step.state.hotel_list:
            return Answer(
                "clarify", {"question": "which_hotel", "options": [_hotel_view(h) for h in step.state.hotel_list[:5]]}
            )
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
        if not availability.ok:
            return _error(availability)
        room = _pick_room(items_of(availability.result, "rooms"), _room_word(step.turn.text))
        if room is None:
            return Answer("sold_out", {"hotel": availability.result.get("name", ""), "stay": stay})
        quote_args = {"hotel_id": hotel, "room_type_id": str(first(room, "room_type_id", "id")), **stay}
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
    value = step.parse.all_slots.get("points")
    if value == "all":
        standing = step.state.quote
        if standing is not None and standing.ok:
            return int(standing.result.get("max_points_usable") or 0)
        return None
    return int(value) if isinstance(value, int) else None


def _quote_vars(r: dict[str, Any], args: dict[str, Any]) -> dict[str, Any]:
    cancellation = r.get("cancellation") if isinstance(r.get("cancellation"), dict) else {}
    stay = r.get("stay") if isinstance(r.get("stay"), dict) else {}
    return {
        "hotel": str(first(r, "hotel_name", "name") or ""),
        "hotel_id": args.get("hotel_id"),
        "room": str(first(r, "room_name") or ""),
        "check_in": first(stay, "check_in") or args.get("check_in"),
        "check_out": first(stay, "check_out"),
        "nights": first(stay, "nights") or args.get("nights"),
        "adults": args.get("adults", 2),
        "children": args.get("children", 0),
        "total": r.get("total_jpy"),
        "points_used": int(r.get("points_to_use") or 0),
        "cash": r.get("cash_to_pay_jpy"),
        "max_points": r.get("max_points_usable"),
        "balance": r.get("points_balance"),
        "cancellation": str(first(cancellation, "text") or ""),
        **{f"earn_{k}": v for k, v in points_figures(r).items()},
    }


def _booking_vars(r: dict[str, Any]) -> dict[str, Any]:
    return {
        "booking_id": r.get("booking_id"),
        "hotel": r.get("hotel_name"),
        "room": r.get("room_name"),
        "check_in": r.get("check_in"),
        "check_out": r.get("check_out"),
        "nights": r.get("nights"),
        "total": r.get("total_jpy"),
        "points_used": int(r.get("points_used") or 0),
        "cash": r.get("cash_jpy"),
        "points_earned": r.get("points_earned"),
        "cancellation": r.get("cancellation"),
    }


def availability(step: Step) -> Decision:
    hotel = resolve_hotel(step)
    if hotel is None:
        return search_hotels(step) if step.state.hotels.get("place") else Answer("clarify", {"question": "city"})
    stay = _stay(step)
    if "check_in" not in stay:
        return Answer("clarify", {"question": "dates"})
    event = step.done("check_availability")
    if event is None:
        return CallTool("check_availability", {"hotel_id": hotel, **stay})
    if not event.ok:
        return _error(event)
    rooms = [
        {
            "name": r.get("name"),
            "left": r.get("rooms_left"),
            "total": first(r, "total_jpy"),
            "id": first(r, "room_type_id", "id"),
        }
        for r in items_of(event.result, "rooms")
    ]
    return Answer("availability", {"hotel": event.result.get("name", ""), "rooms": rooms, "stay": stay})


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
    if not event.ok:
        return _error(event)
    r = event.result
    return Answer(
        "cancelled",
        {
            "booking_id": first(r, "booking_id", "id") or booking_id,
            "hotel": first(r, "hotel_name"),
            "fee": first(r, "fee_jpy", "cancellation_fee_jpy"),
            "refund": first(r, "refund_jpy", "refunded_jpy", "cash_refund_jpy"),
            "points_returned": first(r, "points_refunded", "points_returned", "points_restored"),
            "points_reversed": first(r, "points_reversed", "points_taken_back"),
            "policy": str(first(r, "message", "policy", "cancellation", "policy_text") or ""),
        },
    )


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
    found = items_of(event.result, "destinations")
    climate = frame.get("climate")
    if climate and month:
        # the weather the member asked for decides the order: warmest first for "warm", coldest for "snowy"
        def high(d: dict[str, Any]) -> float:
            value = _high(d)
            return float(value) if value is not None else -99.0

        found = sorted(found, key=high, reverse=climate == "warm")
    picks = []
    for d in found[:3]:
        weather: dict[str, Any] = d["weather"] if isinstance(d.get("weather"), dict) else {}
        known = list(d.get("known_for") or [])
        if isinstance(d.get("avg_high_c"), int | float):
            weather = {**weather, "avg_high_c": d["avg_high_c"]}
        picks.append(
            {
                "area": first(d, "area", "name"),
                "city": d.get("city"),
                "known_for": known[:2],
                "high": weather.get("avg_high_c"),
                "note": weather.get("note"),
                "matches": [a for a in (d.get("activities") or []) if str(a).lower() in query.lower()][:2],
            }
        )
    shown = ("destinations", tuple(str(first(d, "destination_id", "id", "area")) for d in found[:3]))
    return Answer("destinations", {"picks": picks, "month": month, "query": query}, shown=shown)


def _high(d: dict[str, Any]) -> Any:
    weather = d.get("weather") if isinstance(d.get("weather"), dict) else {}
    return first(weather, "avg_high_c") if weather else d.get("avg_high_c")


def next_weekday(today: date, weekday: int) -> date:
    return today + timedelta(days=(weekday - today.weekday()) % 7 or 7)
