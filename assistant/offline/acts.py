"""What a message does in this conversation: its dialogue act, read from the intent guess and the state.

The intent classifier reads one sentence alone; here the sentence is read against what is on screen:

- a reference to something shown ("the five-star one", "the huawei one", "hotels at the second place")
  is about that list, whatever domain the words alone suggest: a hotel list never gets "What kind of
  product?", a destination list gives hotels in that destination's city;
- a follow-up that only adds a constraint ("any from sony?", "under 15000 a night", "in black?",
  "something more fancy, up to 30k") refines the task on screen: its frame keeps everything else;
- "back to the headphones" comes back to an earlier task's frame;
- anything else keeps the classifier's reading.

`interpret` returns the (possibly re-read) parse, the act, and the task it is about. Pure: the same
history gives the same readings, so the state rebuilt every turn stays consistent.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any

from assistant.offline import references
from assistant.offline.frames import Act
from assistant.offline.nlu import Parse
from assistant.offline.vocab import ProductWords

if TYPE_CHECKING:
    from assistant.offline.state import DialogueState

PRODUCT_INTENTS = {"search_products", "product_details", "compare_products", "review_highlights", "points_for_purchase"}
HOTEL_INTENTS = {"search_hotels", "check_availability", "quote_stay", "book_hotel"}
# Intents whose reading depends on what is on screen; the others (greetings, balance, support, ...) stand.
REREAD = PRODUCT_INTENTS | HOTEL_INTENTS | {"search_destinations", "select", "refine", "points_balance"}
UNSURE = 0.6  # below this the classifier's guess yields to what the conversation makes likely

# Whether a message points at the list on screen: a filter ("rated 4 or more") is not the fourth item, and
# a follow-up with one refines the task on screen.
_FILTER_WORDS = re.compile(
    r"\b(ones|only|instead|at least|or more|or above|or better|no more than|nothing over|up to|under|below|"
    r"above|rated|with free|ship free|free (shipping|delivery)|any from|anything from|in (black|white|red|blue))\b"
)
_ORDINAL_WORDS = re.compile(r"\b(first|second|third|fourth|fifth|last|\d(st|nd|rd|th)|number \d|#\d|option \d)\b")
_DEFINITE = re.compile(r"\b(the|that|this)\b")
# Which task a message is about: an earlier one it comes back to, the stay, a purchase.
_COME_BACK = re.compile(r"\b(back to|going back|go back|return to|coming back to|again about)\b")
_HOTEL_WORDS = re.compile(r"\b(hotels?|stay|stays|room|rooms|ryokan|inn|accommodation|somewhere to sleep|book)\b")
_BUY_WORDS = re.compile(r"\b(buy|bought|buying|purchase|order|earn|get for|get if)\b")
# Which step a message about a shown hotel or product asks for: the reading of the first cue it has, in order.
_BOOK_WORDS = re.compile(r"\b(book|reserve|take it|go for)\b")
_POINTS_WORDS = re.compile(r"\bpoints?\b")
_HOTEL_STEPS = (
    (_BOOK_WORDS, "book_hotel"),
    (re.compile(r"\b(how much|price|cost|quote|total)\b"), "quote_stay"),  # a price asked of rooms too
    (re.compile(r"\b(rooms?|free|available|availability|vacanc)"), "check_availability"),
    (_POINTS_WORDS, "quote_stay"),
)
_PRODUCT_STEPS = (
    (re.compile(r"\b(compare|comparison|versus|vs\.?|difference)\b"), "compare_products"),
    (re.compile(r"\b(reviews?|reviewers?|people say|what do people|opinions?|think of)\b"), "review_highlights"),
    (_POINTS_WORDS, "points_for_purchase"),
)
# Slots that narrow a hotel search already made (the stay's own corrections belong to the stay frame).
HOTEL_FILTERS = {"price_min", "price_max", "min_stars", "amenities", "children", "adults", "nights", "check_in"}
PRODUCT_FILTERS = {"brand", "price_min", "price_max", "min_rating", "free_shipping", "colour", "size", "exclude"}


@dataclass(frozen=True)
class Reading:
    parse: Parse
    act: Act
    topic: str | None = None  # the task the message is about, when it differs from the classifier's


def listing_of(state: DialogueState, topic: str | None) -> tuple[str, list[dict[str, Any]]]:
    """The kind of list on screen for a topic, and the list."""
    if topic == "products":
        return "products", state.product_list
    if topic == "hotels":
        return "hotels", state.hotel_list
    if topic == "destinations":
        return "destinations", state.destination_list
    if topic == "bookings":
        return "bookings", state.booking_list
    return "", []


def _with(parse: Parse, intent: str, **extra: Any) -> Parse:
    all_slots = {**parse.all_slots, **extra}
    return replace(parse, intent=intent, slots=all_slots, all_slots=all_slots)


def _points_at(text: str, parse: Parse, kind: str, listing: list[dict[str, Any]]) -> bool:
    """A reference to the list on screen: an ordinal, an extreme, a hotel class, or "the <attribute>"."""
    ref = str(parse.all_slots.get("ref", ""))
    if not listing:
        return False
    if ref and ref != "it":
        # "rated 4 or more" is a floor, not the fourth item
        return not (ref.lstrip("-").isdigit() and _FILTER_WORDS.search(text) and not _ORDINAL_WORDS.search(text))
    if references.extreme_of(text) or (kind == "hotels" and references.stars_named(text) is not None):
        return True
    if not _DEFINITE.search(text) or _FILTER_WORDS.search(text):
        return False
    return references.points_at(text, "", listing, kind)


def _first_cue(text: str, steps: tuple[tuple[re.Pattern[str], str], ...]) -> str | None:
    return next((step for cue, step in steps if cue.search(text)), None)


def _hotel_reading(text: str, parse: Parse, state: DialogueState) -> str:
    """Which hotel step a reference to the hotel list asks for."""
    if state.last_act == "clarify" and state.last_intent in HOTEL_INTENTS and state.last_intent != "search_hotels":
        return str(state.last_intent)  # the answer to "which one?" continues the question's request
    return _first_cue(text, _HOTEL_STEPS) or "select"


def _product_reading(text: str, parse: Parse, state: DialogueState) -> str:
    if state.last_act == "clarify" and state.last_intent in PRODUCT_INTENTS - {"search_products"}:
        return str(state.last_intent)
    cued = _first_cue(text, _PRODUCT_STEPS)
    if cued is not None:
        return cued
    if parse.intent in PRODUCT_INTENTS - {"search_products"}:
        return parse.intent
    return "product_details"


def _destination_city(text: str, parse: Parse, state: DialogueState) -> str | None:
    found = references.resolve(
        text, str(parse.all_slots.get("ref", "")), state.destination_list, "destinations", many=False
    )
    if not found.found:
        return None
    chosen = next((d for d in state.destination_list if references.item_id(d, "destinations") == found.ids[0]), None)
    return str(chosen.get("city") or chosen.get("area") or "") or None if chosen else None


def interpret(parse: Parse, text: str, state: DialogueState, words: ProductWords) -> Reading:
    """The act of one message, and its parse re-read in the light of the conversation."""
    t = text.lower()
    intent, slots = parse.intent, parse.all_slots
    if intent not in REREAD:
        return Reading(parse, _plain_act(parse))
    topic = state.topic
    kind, listing = listing_of(state, topic)
    unsure = parse.confidence < UNSURE

    # "back to the headphones": the earlier task's frame, refined by the rest of the message
    if _COME_BACK.search(t):
        if (
            state.products
            and words.kind_words(t)
            and set(words.kind_words(t)) & set(words.kind_words(str(state.products.get("query", ""))))
        ):
            return Reading(_with(parse, "refine"), Act.COME_BACK, "products")
        if state.hotels.get("place") and (_HOTEL_WORDS.search(t) or slots.get("place") == state.hotels.get("place")):
            return Reading(_with(parse, "refine"), Act.COME_BACK, "hotels")

    filters = set(slots) - {"query", "ref", "pref", "id"}
    # "how many points would I get if I bought it": the points of a purchase, not the balance
    bought = topic == "products" and _BUY_WORDS.search(t) and (state.focus_product or listing)
    if intent == "points_balance" and bought:
        return Reading(_with(parse, "points_for_purchase"), Act.REFER, "products")
    if intent == "points_balance":
        return Reading(parse, Act.OTHER)
    # a constraint added to the hotel search on screen ("under 15000 a night", "only ones with an onsen")
    if topic == "hotels" and state.hotels.get("place") and not slots.get("id"):
        new_place = slots.get("place") and slots.get("place") != state.hotels.get("place")
        star_floor = re.search(r"\bstars?\b", t) and references.stars_named(t) is None
        refining = (filters & HOTEL_FILTERS or star_floor) and not references.extreme_of(t)
        if refining and not new_place and state.quote is None and "ref" not in slots:
            if intent in {"quote_stay", "check_availability", "book_hotel"} and filters <= HOTEL_FILTERS - {
                "nights",
                "check_in",
            }:
                if not _BOOK_WORDS.search(t):
                    return Reading(_with(parse, "refine"), Act.REFINE, "hotels")
            elif (
                intent not in HOTEL_INTENTS
                and (unsure or intent == "refine")
                and not words.kind_words(str(slots.get("query", "")))
            ):
                # "any with an onsen for the three of us?": a filter on the hotels shown, not a pick among them
                return Reading(_with(parse, "refine"), Act.REFINE, "hotels")
        if (
            intent not in HOTEL_INTENTS
            and unsure
            and slots.get("place")
            and not new_place
            and not words.kind_words(str(slots.get("query", "")))
        ):
            return Reading(_with(parse, "refine"), Act.REFINE, "hotels")

    # a reference to the list on screen is about that list, whatever the words alone suggest
    if listing and _points_at(t, parse, kind, listing):
        if kind == "destinations" and (
            intent in HOTEL_INTENTS or _HOTEL_WORDS.search(t) or intent in {"select", "refine"}
        ):
            city = _destination_city(t, parse, state)
            if city:
                return Reading(_with(parse, "search_hotels", place=city), Act.REFER, "hotels")
        misread = intent in PRODUCT_INTENTS | {"select", "refine", "points_balance", "search_destinations"} or unsure
        if kind == "hotels" and (intent not in HOTEL_INTENTS or intent == "search_hotels") and misread:
            return Reading(_with(parse, _hotel_reading(t, parse, state)), Act.REFER, "hotels")
        if kind == "products" and not words.kind_words(str(slots.get("query", ""))):
            wrong = intent in HOTEL_INTENTS | {"search_products", "points_balance", "search_destinations", "refine"}
            # "the Toshiba one" names a shown item; "any from sony" / "only sony" refine (no definite cue)
            narrowing = filters & (PRODUCT_FILTERS - {"brand", "colour"})
            if wrong and not (narrowing and intent in {"search_products", "refine"}):
                return Reading(_with(parse, _product_reading(t, parse, state)), Act.REFER, "products")
        if intent in ({"select"} | PRODUCT_INTENTS | HOTEL_INTENTS) - {"search_products", "search_hotels"}:
            return Reading(parse, Act.COMPARE if intent == "compare_products" else Act.REFER)

    # a product follow-up that names no kind of product refines the search on screen
    if state.products.get("query") or state.products.get("category") or state.products.get("brand"):
        product_follow_up = intent == "search_products" or (
            topic == "products"
            and unsure
            and intent in PRODUCT_INTENTS | {"refine"}
            and bool(filters & PRODUCT_FILTERS or _FILTER_WORDS.search(t))
        )
        query = str(slots.get("query", ""))
        same_kind = set(words.kind_words(query)) <= set(words.kind_words(str(state.products.get("query", ""))))
        refines = not words.names_a_kind(query) or (same_kind and bool(words.kind_words(query)))
        if product_follow_up and refines and (topic == "products" or intent == "search_products"):
            return Reading(_with(parse, "search_products"), Act.REFINE, "products")

    return Reading(parse, _plain_act(parse))


def _plain_act(parse: Parse) -> Act:
    """The act an intent makes on its own."""
    intent, slots = parse.intent, parse.all_slots
    if intent in {"search_products", "search_hotels", "search_destinations", "recommend_mobile_plan"}:
        return Act.NEW
    if intent == "refine":
        return Act.REFINE
    if intent == "compare_products":
        return Act.COMPARE
    if intent == "affirm":
        return Act.CONFIRM
    if intent == "deny":
        return Act.NEGATE
    if "ref" in slots or "id" in slots or intent == "select":
        return Act.REFER
    return Act.OTHER
