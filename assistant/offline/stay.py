"""The hotel stay as the member corrects it: relative party and date changes read against the stay planned.

The extractor reads one message on its own; some of what a member says about a stay only means something
against the stay already planned, so it is resolved here, before the message is merged into the stay frame:

- "the four of us" (`party_total`) after "2 adults and 2 kids" is still 2 + 2: the children the frame
  knows are part of the total;
- "our daughter is coming too" (`children_add`), "two friends dropped out" (`adults_add`) change the count;
- "I meant the 19th" (`check_in_day`) is the 19th of the month the stay was planned in, not this month's;
  "arrive on the Saturday instead" (`check_in_weekday`) is the Saturday nearest the planned check-in;
- "push it back a week" (`shift_days`), "one night less" (`nights_add`), "stay until the Monday"
  (`check_out_weekday`), "out on the 23rd" (`check_out_day`) move the dates or the length.

It also decides when a message is a correction of the stay (`correct_stay`): while the conversation is
about a hotel stay, a message that changes who, when or how many points, and names no product, is that,
whatever its words sounded like ("if my mum comes too, so 3 adults?" is not a product search).
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import replace
from datetime import date, timedelta
from typing import Any

from assistant.offline.history import Turn
from assistant.offline.nlu import Parse
from assistant.offline.nlu.dates import day_in_or_after, iso_date

PARTY_CHANGES = ("adults", "children", "party_total", "adults_add", "children_add")
DATE_CHANGES = (
    "check_in",
    "nights",
    "check_in_day",
    "check_in_weekday",
    "shift_days",
    "nights_add",
    "check_out_day",
    "check_out_weekday",
)
RELATIVE = ("party_total", "adults_add", "children_add", *DATE_CHANGES[2:])
SEARCH_CHANGES = ("price_min", "price_max", "amenities")
UNAIMED = {"check_availability", "quote_stay", "select"}
HOTEL_INTENTS = {"search_hotels", "check_availability", "quote_stay", "book_hotel", "correct_stay"}
# Intents a stay correction keeps: they already act on the stay or on the conversation itself.
KEEPS_INTENT = HOTEL_INTENTS | {"cancel_booking", "my_bookings", "other_member", "injection", "affirm", "deny"}
NO_BOOKING = re.compile(
    r"\b(?:don'?t|do not|dont|no need to|not|never|without)\s+(?:\w+\s+){0,2}(?:book|reserve|booking)"
    r"|\bnot\s+(?:yet|now)\b.*\b(?:book|reserve)|\bjust\s+(?:tell|give|show)\s+me\s+the\s+(?:price|cost|total|quote)"
)


def _weekday_near(planned: date, weekday: int, today: date) -> date:
    """The day with that weekday within three days of the planned check-in ("Saturday instead" of Friday)."""
    delta = (weekday - planned.weekday()) % 7
    if delta > 3:
        delta -= 7
    candidate = planned + timedelta(days=delta)
    return candidate if candidate > today else candidate + timedelta(days=7)


def resolve(frame: Mapping[str, Any], slots: Mapping[str, Any], today: date) -> dict[str, Any]:
    """The absolute stay values (`check_in`, `nights`, `adults`, `children`) a message means, given the
    stay planned so far; the relative slots are consumed."""
    out = {k: v for k, v in slots.items() if k not in RELATIVE}
    planned = iso_date(frame.get("check_in"))
    if planned is not None and "place" not in slots:
        if "check_in_day" in slots:
            # the day in the planned stay's month (or the next one if that day is gone), never in the past
            moved = day_in_or_after(planned, int(slots["check_in_day"]), today)
            if moved is not None:
                out["check_in"] = moved.isoformat()
        elif "check_in_weekday" in slots:
            out["check_in"] = _weekday_near(planned, int(slots["check_in_weekday"]), today).isoformat()
    check_in = iso_date(out.get("check_in")) or planned
    if "shift_days" in slots and check_in is not None:
        shifted = check_in + timedelta(days=int(slots["shift_days"]))
        check_in = shifted if shifted > today else check_in
        out["check_in"] = check_in.isoformat()
    nights = int(out.get("nights") or frame.get("nights") or 1)
    if "nights_add" in slots:
        out["nights"] = max(1, nights + int(slots["nights_add"]))
    if check_in is not None and "check_out_weekday" in slots:
        ahead = (int(slots["check_out_weekday"]) - check_in.weekday()) % 7 or 7
        out["nights"] = ahead
    if check_in is not None and "check_out_day" in slots:
        out_day = day_in_or_after(check_in, int(slots["check_out_day"]), check_in)
        if out_day is not None and 0 < (out_day - check_in).days <= 30:
            out["nights"] = (out_day - check_in).days
    children = int(out["children"]) if "children" in out else int(frame.get("children") or 0)
    if "children_add" in slots:
        children = max(0, children + int(slots["children_add"]))
        out["children"] = children
    if "party_total" in slots and "adults" not in _said_adults(slots):
        out["adults"] = max(1, int(slots["party_total"]) - children)
    if "adults_add" in slots and "adults" not in out:
        out["adults"] = max(1, int(frame.get("adults") or 2) + int(slots["adults_add"]))
    return out


def _said_adults(slots: Mapping[str, Any]) -> dict[str, Any]:
    """ "3 adults" said outright (the extractor's own split of a total is not that)."""
    split = max(1, int(slots.get("party_total") or 0) - int(slots.get("children") or 0))
    if "party_total" in slots and slots.get("adults") == split:
        return {}
    return {"adults": slots["adults"]} if "adults" in slots else {}


def changes_stay(slots: Mapping[str, Any]) -> bool:
    return any(k in slots for k in (*PARTY_CHANGES, *DATE_CHANGES))


def booking_waiting(turns: Sequence[Turn], index: int) -> bool:
    """Whether a booking confirmation was waiting when message `index` was typed (the agent turns a typed
    message into a rejection, so the engine must propose the corrected booking again)."""
    if index == 0:
        return False
    before = turns[index - 1]
    last = before.events[-1] if before.events else None
    return last is not None and last.name == "book_hotel" and last.rejected and not before.answer


def read(
    parse: Parse, frame: Mapping[str, Any], topic: str | None, today: date, *, waiting: bool, quoted: bool
) -> Parse:
    """The parse with its stay values resolved against the planned stay, and read as a stay correction
    (`correct_stay`) when it changes the stay of the hotel conversation in progress."""
    all_slots = parse.all_slots
    about_stay = topic == "hotels" and bool(frame.get("place"))
    intent = parse.intent
    points = "points" in all_slots and (waiting or quoted)
    search_change = any(k in all_slots for k in SEARCH_CHANGES)
    product = any(k in all_slots for k in ("brand", "category", "place"))
    change = changes_stay(all_slots) or points or search_change
    # "can we do one night less?" read as a question about one hotel, with no hotel named
    unaimed = intent in UNAIMED and not any(k in all_slots for k in ("ref", "id"))
    if about_stay and change and not product and (intent not in KEEPS_INTENT or unaimed):
        intent = "correct_stay" if intent != "refine" or waiting or points else intent
    if intent in HOTEL_INTENTS or (intent == "refine" and topic == "hotels"):
        resolved = resolve(frame, all_slots, today)
        keep = {"check_in", "nights", "adults", "children", "points"}
        if intent == "correct_stay":
            keep |= set(SEARCH_CHANGES)
        slots = {**parse.slots, **{k: v for k, v in resolved.items() if k in keep}}
        return replace(parse, intent=intent, slots=slots, all_slots={**resolved})
    return parse


def wants_booking(text: str) -> bool:
    """False when the member says not to book ("don't book anything, just tell me the price")."""
    return not NO_BOOKING.search(text.lower())
