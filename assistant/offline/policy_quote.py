"""Booking a stay: availability -> quote -> book_hotel, and corrections to the stay before it is booked.

The booking path is always availability -> quote -> book_hotel with exactly the quoted arguments; the
agent's confirmation middleware pauses before book_hotel, so the member sees and approves the quote.
"""

from __future__ import annotations

import re
from typing import Any

from assistant.offline.policy_products import points_figures
from assistant.offline.policy_travel import resolve_hotel, search_hotels, stay_args, which_hotel
from assistant.offline.results import read_result
from assistant.offline.stay import PARTY_CHANGES, booking_waiting, changes_stay, wants_booking
from assistant.offline.steps import Answer, CallTool, Decision, Step, tool_error
from tools.agent_tools.results import AvailabilityResult, BookedResult, QuoteResult, RoomResult

CHOOSE = re.compile(
    r"\b(?:book|reserve|take|grab|go ahead|go with|we'll have|i'll have|lock (?:it |that )?in|confirm)\b"
)
QUESTION = re.compile(r"\b(?:how much|what would|what does|cost|price|quote)\b")


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
    stay = stay_args(step)
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
            return tool_error(availability)
        room = _pick_room(offered.rooms, _room_word(step.turn.text))
        if room is None:
            return Answer("sold_out", {"hotel": offered.name, "stay": stay})
        quote_args = {"hotel_id": hotel, "room_type_id": room.room_type_id, **stay}
        if points:
            quote_args["points_to_use"] = points
        return CallTool("quote_stay", quote_args)
    if quote is not None:
        if not quote.ok:
            return tool_error(quote)
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
        return tool_error(booked)
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
    stay = stay_args(step)
    if "check_in" not in stay:
        return Answer("clarify", {"question": "dates"})
    event = step.done("check_availability")
    if event is None:
        return CallTool("check_availability", {"hotel_id": hotel, **stay})
    offered = read_result(event.result, AvailabilityResult)
    if not event.ok or offered is None:
        return tool_error(event)
    rooms = [{"name": r.name, "left": r.rooms_left, "total": r.total_jpy, "id": r.room_type_id} for r in offered.rooms]
    return Answer("availability", {"hotel": offered.name, "rooms": rooms, "stay": stay})
