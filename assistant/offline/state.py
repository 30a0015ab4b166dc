"""Dialogue state, rebuilt from the history on every call (so the same conversation gives the same state).

What it keeps: the search constraints of each topic (products, hotels, destinations, mobile) as the
member refined them turn by turn; the lists the tools last showed (so "the second one" and "the cheaper
hotel" resolve); the item in focus ("it", "that one"); the last quote and booking; the topic.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from assistant.offline.acts import PRODUCT_FILTERS, interpret
from assistant.offline.frames import Act, DestinationFrame, PlanFrame, ProductFrame, StayFrame
from assistant.offline.history import History, ToolEvent, Turn
from assistant.offline.nlu import NaturalLanguageUnderstanding, Parse
from assistant.offline.stay import booking_waiting
from assistant.offline.stay import read as read_stay
from assistant.offline.vocab import ProductWords, hotel_types, product_words

HOTEL_STAY_SLOTS = StayFrame.STAY
TOPIC_OF_TOOL = {
    "search_products": "products",
    "get_product_details": "products",
    "compare_products": "products",
    "review_highlights": "products",
    "points_for_purchase": "products",
    "search_hotels": "hotels",
    "check_availability": "hotels",
    "quote_stay": "hotels",
    "book_hotel": "hotels",
    "cancel_booking": "bookings",
    "my_bookings": "bookings",
    "search_destinations": "destinations",
    "points_balance": "points",
    "points_history": "points",
    "redeem_points": "points",
    "list_campaigns": "points",
    "list_mobile_plans": "mobile",
    "explain_mobile_plan": "mobile",
    "recommend_mobile_plan": "mobile",
}


def items_of(result: Any, *keys: str) -> list[dict[str, Any]]:
    """The list of records in a tool result, whatever the key it sits under."""
    if isinstance(result, list):
        return [r for r in result if isinstance(r, dict)]
    if not isinstance(result, dict):
        return []
    for key in (*keys, "results", "items"):
        value = result.get(key)
        if isinstance(value, list):
            return [r for r in value if isinstance(r, dict)]
    return []


def first(record: Any, *keys: str) -> Any:
    """The first present (not None) value among `keys` of a record; None for anything not a dict."""
    if not isinstance(record, dict):
        return None
    for key in keys:
        if record.get(key) is not None:
            return record[key]
    return None


def product_id(record: dict[str, Any]) -> str | None:
    value = first(record, "product_id", "id")
    return str(value) if value else None


def hotel_id(record: dict[str, Any]) -> str | None:
    value = first(record, "hotel_id", "id")
    return str(value) if value else None


def price_of(record: dict[str, Any]) -> int | None:
    value = first(record, "price_jpy", "total_jpy", "from_jpy_per_night", "price")
    if value is None and isinstance(record.get("cheapest_room"), dict):
        value = first(record["cheapest_room"], "total_jpy", "base_rate_jpy")
    return int(value) if isinstance(value, int | float) else None


@dataclass
class DialogueState:
    today: date
    topic: str | None = None
    prev_topic: str | None = None  # the topic before the current message
    # One typed frame per task (assistant/offline/frames.py declares their slots and merge rules).
    products: ProductFrame = field(default_factory=ProductFrame)
    hotels: StayFrame = field(default_factory=StayFrame)
    destinations: DestinationFrame = field(default_factory=DestinationFrame)
    mobile: PlanFrame = field(default_factory=PlanFrame)
    product_list: list[dict[str, Any]] = field(default_factory=list)
    hotel_list: list[dict[str, Any]] = field(default_factory=list)
    destination_list: list[dict[str, Any]] = field(default_factory=list)
    booking_list: list[dict[str, Any]] = field(default_factory=list)
    plan_list: list[dict[str, Any]] = field(default_factory=list)  # the mobile plans last listed, in order
    focus_product: str | None = None
    focus_hotel: str | None = None
    availability: ToolEvent | None = None
    quote: ToolEvent | None = None
    booking: ToolEvent | None = None
    last_intent: str | None = None
    act: Act = Act.OTHER  # what the member's latest message did (new request, refinement, reference, ...)
    words: ProductWords = field(default_factory=lambda: ProductWords(frozenset(), frozenset()))
    hotel_types: dict[str, str] = field(default_factory=dict)  # hotel id -> "ryokan", "hostel", ... (vocab.py)
    last_act: str | None = None  # what the engine's last answer did ("offer_booking", "clarify_dates", ...)
    language: str = "en"  # the language the member writes in (answers follow it): the last message that tells

    def absorb_language(self, parse: Parse, text: str) -> None:
        """A message with no letters ("2") or a word or two of Latin ("OK") keeps the conversation's language."""
        if parse.language == "ja" or (parse.language == "en" and (self.language == "en" or len(text.split()) > 2)):
            self.language = parse.language

    # -- updates ---------------------------------------------------------------------------------------
    def absorb_events(self, events: list[ToolEvent], text: str = "") -> None:
        for event in events:
            if not event.done:
                continue
            self.topic = TOPIC_OF_TOOL.get(event.name, self.topic)
            if not event.ok:
                continue
            result = event.result
            if event.name == "search_products":
                listing = items_of(result, "products")
                brand = str(self.products.get("brand") or "").lower()
                if brand:
                    listing = [p for p in listing if brand in f"{p.get('brand', '')} {p.get('title', '')}".lower()]
                self.product_list = listing[:5]
                self.focus_product = _model_match(f"{event.args.get('query', '')} {text}", self.product_list) or (
                    product_id(self.product_list[0]) if len(self.product_list) == 1 else None
                )
            elif event.name in {"get_product_details", "review_highlights", "points_for_purchase"}:
                self.focus_product = str(event.args.get("product_id") or "") or self.focus_product
            elif event.name == "search_hotels":
                self.hotel_list = [_typed(h, self.hotel_types) for h in items_of(result, "hotels", "offers")]
                if self.focus_hotel not in {hotel_id(h) for h in self.hotel_list}:
                    self.focus_hotel = None  # a new stay search: "the one that fits" is among these
                self.availability = None
                if event.args.get("city") and not self.hotels.get("place"):
                    self.hotels["place"] = str(event.args["city"])  # "hotels there" found the city
            elif event.name == "check_availability":
                self.availability = event
                self.focus_hotel = str(event.args.get("hotel_id"))
            elif event.name == "quote_stay":
                self.quote = event
                self.focus_hotel = str(event.args.get("hotel_id"))
            elif event.name == "book_hotel":
                self.booking = event
                self.quote = None
            elif event.name == "search_destinations":
                self.destination_list = items_of(result, "destinations")
            elif event.name == "my_bookings":
                self.booking_list = items_of(result, "bookings")
            elif event.name == "list_mobile_plans":
                self.plan_list = items_of(result, "plans")

    def absorb_shown(self, shown: Any) -> None:
        """Put a list in the order the answer showed it (filtered, re-ranked), so ordinals mean what the
        member saw."""
        if not isinstance(shown, dict):
            return
        keys = [str(k) for k in shown.get("keys", [])]
        kind = shown.get("kind")

        def ordered(listing: list[dict[str, Any]], key: Any) -> list[dict[str, Any]]:
            by_key = {str(key(r)): r for r in listing}
            return [by_key[k] for k in keys if k in by_key] or listing

        if kind == "products":
            self.product_list = ordered(self.product_list, product_id)
        elif kind == "hotels":
            self.hotel_list = ordered(self.hotel_list, hotel_id)
        elif kind == "destinations":
            self.destination_list = ordered(self.destination_list, lambda r: first(r, "destination_id", "id", "area"))

    def absorb_parse(self, parse: Parse, text: str = "") -> Parse:
        """Fold one member message into the frame of its task, by the dialogue act it makes (acts.py);
        returns the parse as re-read in the light of the conversation."""
        reading = interpret(parse, text, self, self.words)
        parse = reading.parse
        intent, slots = parse.intent, dict(parse.slots)
        self.prev_topic = self.topic
        self.act = reading.act
        if reading.topic and reading.act in {Act.REFINE, Act.COME_BACK, Act.REFER}:
            self.topic = reading.topic
        if intent == "search_products" and reading.act is Act.REFINE:
            self.refine(parse, text)
        elif intent == "search_products":
            self.products.new_request({k: v for k, v in slots.items() if k != "pref"}, keep=())
            if GIFT_WORDS.search(text.lower()):
                self.products["gift"] = True
            self._describing(text)
            self.topic = "products"
        elif intent == "search_hotels":
            self.hotels.new_search(slots)
            self.topic = "hotels"
        elif intent == "correct_stay":
            self.hotels.refine(slots)  # stay.py resolved the change against the planned stay
            self.topic = "hotels"
        elif intent in {"check_availability", "quote_stay", "book_hotel"}:
            self.hotels.refine({k: v for k, v in slots.items() if k in HOTEL_STAY_SLOTS})
            self.topic = "hotels"
        elif intent == "search_destinations":
            self.destinations.new_request(slots)
            self.topic = "destinations"
        elif intent == "recommend_mobile_plan":
            if slots:
                self.mobile.new_request(slots)
            self.topic = "mobile"
        elif intent == "refine":
            self.refine(parse, text, topic=reading.topic)
        task = {"products": self.products, "hotels": self.hotels}.get(self.topic or "")
        if task is not None:
            task.note_price(parse.all_slots)
        self.last_intent = intent
        return parse

    def _describing(self, text: str) -> None:
        """Colour and size words of a product request are kept as such ("in black?")."""
        described = self.words.describing_words(str(self.products.get("query", "")) or text.lower())
        if described:
            self.products["colour"] = " ".join(dict.fromkeys(described))

    def refine_topic(self, parse: Parse) -> str | None:
        """Which topic a follow-up ("only Sony", "make it 3 nights", "what about Osaka") is about."""
        slots = parse.all_slots
        if any(k in slots for k in ("brand", "category")):
            return "products"
        if any(k in slots for k in ("data_gb", "calls", "data_use")):
            return "mobile"
        if any(k in slots for k in HOTEL_STAY_SLOTS) or "amenities" in slots:
            return "destinations" if self.topic == "destinations" and "nights" not in slots else "hotels"
        if any(k in slots for k in ("month", "climate", "activities")):
            return "destinations"
        if "place" in slots and self.topic not in {"hotels", "destinations"}:
            return "hotels"
        return self.topic

    def refine(self, parse: Parse, text: str = "", topic: str | None = None) -> None:
        """A follow-up keeps every other constraint of its task's frame (frames.py), plus the list-relative
        preferences ("cheaper" means under the middle price of what was shown)."""
        topic = topic or self.refine_topic(parse)
        slots = parse.slots
        pref = slots.get("pref")
        if pref is None and FANCIER_WORDS.search(text.lower()):
            pref = "pricier"
        if topic == "products":
            frame = self.products
            frame.refine({k: v for k, v in slots.items() if k in PRODUCT_FILTERS | {"category"}})
            self._describing(str(slots.get("query", "")))
            if pref == "pricier" and "price_min" not in slots:
                prices = sorted(p for p in (price_of(r) for r in self.product_list) if p)
                middle = prices[len(prices) // 2] if prices else None
                if middle and middle < int(frame.get("price_max") or 10**12):
                    frame["price_min"] = middle
            elif pref == "cheaper" and "price_max" not in slots:  # an explicit bound wins over "cheaper"
                prices = sorted(p for p in (price_of(r) for r in self.product_list) if p)
                if prices:
                    frame["price_max"] = prices[len(prices) // 2] - 1
                    frame.drop("price_min")
            elif pref == "cheaper" and "price_min" not in slots:
                frame.drop("price_min")
            elif pref == "no_price_limit":
                frame.drop("price_min", "price_max")
            frame["pref"] = pref
            frame["budget_stated"] = "price_max" in slots
        elif topic == "hotels":
            frame_h = self.hotels
            frame_h.refine({k: v for k, v in slots.items() if k != "pref"})
            if pref == "cheaper" and "price_max" not in slots:
                prices = sorted(p for p in (price_of(r) for r in self.hotel_list) if p)
                if prices:
                    frame_h["price_max"] = prices[len(prices) // 2] - 1
            elif pref == "no_price_limit":
                frame_h.drop("price_max")
            frame_h["pref"] = pref
        elif topic == "destinations":
            self.destinations.refine(slots)
        elif topic == "mobile":
            self.mobile.refine(parse.all_slots)
        self.topic = topic or self.topic


GIFT_WORDS = re.compile(r"\b(gift|present|souvenir)s?\b")
FANCIER_WORDS = re.compile(r"\b(fancy|fancier|nicer|premium|high[- ]end|luxur\w*|upscale|posh|classier|more special)\b")


def _typed(hotel: dict[str, Any], types: dict[str, str]) -> dict[str, Any]:
    """A shown hotel with its kind of place from the travel data, for "the ryokan one" to resolve."""
    kind = types.get(str(hotel_id(hotel) or ""))
    return {**hotel, "hotel_type": kind} if kind and "hotel_type" not in hotel else hotel


def _model_match(words: str, listing: list[dict[str, Any]]) -> str | None:
    """After a search for a model number ("the Anker WH-856"), that model is the item in focus ("it")."""
    query = re.sub(r"[^a-z0-9]", "", words.lower())
    for record in listing:
        model = re.sub(r"[^a-z0-9]", "", str(record.get("model_number") or "").lower())
        if len(model) >= 4 and model in query:
            return product_id(record)
    return None


def build_state(history: History, nlu: NaturalLanguageUnderstanding, today: date) -> tuple[DialogueState, Parse]:
    """The state before the current turn's message, and that message's parse (folded into the state)."""
    seed = getattr(nlu, "seed_dir", None)
    state = DialogueState(today=today, words=_words(nlu), hotel_types=hotel_types(str(seed) if seed else None))
    for turn in history.earlier:
        parse = _stay_read(state, history, turn.index, nlu.parse(turn.said or turn.text, today))
        state.absorb_parse(parse, turn.text)
        state.absorb_events(turn.events, turn.text)
        state.absorb_shown(turn.answer_meta.get("shown"))
        state.last_act = str(turn.answer_meta.get("act")) if turn.answer_meta.get("act") else None
        state.absorb_language(parse, turn.said or turn.text)
    current: Turn = history.current
    parse = _stay_read(state, history, current.index, nlu.parse(current.said or current.text, today))
    parse = state.absorb_parse(parse, current.text)
    state.absorb_language(parse, current.said or current.text)
    return state, parse


def _words(nlu: NaturalLanguageUnderstanding) -> ProductWords:
    seed = getattr(nlu, "seed_dir", None)
    return product_words(str(seed) if seed else None, tuple(nlu.lexicon.categories.entries))


def _stay_read(state: DialogueState, history: History, index: int, parse: Parse) -> Parse:
    """Stay values read against the stay planned so far, and stay corrections recognised (stay.py)."""
    waiting = booking_waiting(history.turns, index)
    return read_stay(parse, state.hotels, state.topic, state.today, waiting=waiting, quoted=state.quote is not None)
