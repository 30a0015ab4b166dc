"""The member's bookings: listing them and cancelling one (through the confirmation).

A booking id the member typed is checked against their own bookings before any cancellation prompt.
"""

from __future__ import annotations

from typing import Any

from assistant.offline.results import read_result
from assistant.offline.state import items_of
from assistant.offline.steps import Answer, CallTool, Decision, Step, tool_error
from tools.agent_tools.results import CancellationResult


def my_bookings(step: Step) -> Decision:
    event = step.outcome("my_bookings", {"status": "upcoming"})
    if isinstance(event, Decision):
        return event
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
            return tool_error(owned)
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
        return tool_error(event)
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
            "points_voided": cancelled.points_voided or 0,
            "hotel_policy": cancelled.policy or "",  # the hotel's words: a Japanese answer states them in Japanese
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
