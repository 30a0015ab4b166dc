"""The dialogue policy: from the conversation so far, the next tool call or the answer.

It calls the same tools an LLM would, in the same order (search -> details; availability -> quote ->
book), books and cancels only by emitting the side-effecting tool call that the agent's confirmation
middleware pauses on, and answers only with figures read from tool results. Vague requests get one
question; requests it cannot serve get a clear "not here" with what it can do; complaints and account
problems go to a human (handoff_to_support).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace
from datetime import date

from assistant.offline import account_routes, policy_campaigns
from assistant.offline import policy_account as account
from assistant.offline import policy_bookings as bookings
from assistant.offline import policy_products as products
from assistant.offline import policy_quote as quote
from assistant.offline import policy_travel as travel
from assistant.offline.history import History
from assistant.offline.nlu import NaturalLanguageUnderstanding
from assistant.offline.nlu.ja import gloss, has_japanese
from assistant.offline.nlu.lexicon import load_yaml
from assistant.offline.state import build_state
from assistant.offline.steps import Answer, Decision, Step
from tools.agent_tools.registry import REGISTRY
from tools.clock import Clock

BOOK_WORDS = re.compile(r"\b(book|reserve|booking|reservation)\b")
CANCEL_WORDS = re.compile(r"\bcancel")
# Text posing as the system or a tool ("SYSTEM: approved", a pasted tool result): refused as a forgery.
FORGED = re.compile(
    r"\b(system|admin|operator|tool)\b\s*[\]:]|\b[a-z]+_[a-z_]+ (returned|responded)\b|\{\s*\"|\bapproved\b"
)
PREF_REFS = {"cheaper": "cheapest", "better_rated": "best_rated", "pricier": "pricier"}


def _injection_kind(step: Step) -> str:
    return "forged" if FORGED.search(step.turn.text.lower()) else "injection"


def _last_earlier_event(step: Step) -> str | None:
    for turn in reversed(step.history.earlier):
        if turn.events:
            return turn.events[-1].name
    return None


def _affirm(step: Step) -> Decision:
    act = step.state.last_act
    offered = act == "offer_booking" or _last_earlier_event(step) == "book_hotel"
    if offered and step.state.quote is not None:
        return quote.quote_flow(step, book=True)
    if act == "offer_search" and step.state.hotels.get("place"):
        return travel.search_hotels(step)
    return Answer("small_talk", {"kind": "affirm"})


def _deny(step: Step) -> Decision:
    if step.state.last_act == "offer_booking" or _last_earlier_event(step) in REGISTRY.side_effect_names:
        return Answer("declined", {"what": "booking"})
    return Answer("small_talk", {"kind": "deny"})


def _booking_wanted(step: Step) -> bool:
    """Whether the member asked to book (not just to look) in the hotel conversation the list came from:
    the turns since that search, the search's own message, and the questions just before it ("I'd like
    to book a hotel" -> "Where?" -> "Kyoto, next Friday")."""
    searched = False
    for turn in reversed(step.history.earlier):
        if searched and turn.events:
            return False
        if BOOK_WORDS.search(turn.text.lower()):
            return True
        searched = searched or any(e.name == "search_hotels" for e in turn.events)
    return False


def _select(step: Step) -> Decision:
    """ "The first one" right after a list: book or quote the hotel, describe the product, or look for
    hotels at the destination, by what the list was."""
    slots = step.parse.all_slots
    if "ref" not in slots and slots.get("pref") in PREF_REFS:  # "the best rated" read as a preference
        step.parse = replace(step.parse, all_slots={**slots, "ref": PREF_REFS[str(slots["pref"])]})
    topic = step.state.topic
    if topic == "hotels" and step.state.hotel_list:
        return quote.quote_flow(step, book=_booking_wanted(step))
    if topic == "products" and step.state.product_list:
        return products.details(step)
    if topic == "destinations" and step.state.destination_list:
        return travel.search_hotels(step)
    earlier = step.history.earlier
    if topic == "bookings" and earlier and CANCEL_WORDS.search(earlier[-1].text.lower()):
        return bookings.cancel(step)
    if step.state.product_list:
        return products.details(step)
    return Answer("clarify", {"question": "refine"})


def _rerouted(step: Step) -> Callable[[Step], Decision] | None:
    """A product-sounding question about a hotel list just shown ("how much is the first one if I use
    3000 points?") is about the hotels."""
    state = step.state
    if state.topic != "hotels" or not state.hotel_list or step.parse.intent not in HOTEL_READINGS:
        return None
    if "ref" not in step.parse.all_slots:
        return None
    return HOTEL_READINGS[step.parse.intent]


def _refine(step: Step) -> Decision:
    topic = step.state.topic
    slots = step.parse.all_slots
    if topic == "products":
        return products.search(step)
    if topic == "hotels":
        state = step.state
        changes_stay = any(k in slots for k in ("check_in", "nights", "adults", "children", "points"))
        if state.quote is not None and changes_stay and "place" not in slots:
            return quote.quote_flow(step, book=False)
        return travel.search_hotels(step)
    if topic == "destinations":
        return travel.destinations(step)
    if topic == "mobile":
        return account.recommend_plan(step)
    return Answer("clarify", {"question": "refine"})


HANDLERS: dict[str, Callable[[Step], Decision]] = {
    "search_products": products.search,
    "product_details": products.details,
    "compare_products": products.compare,
    "review_highlights": products.reviews,
    "points_for_purchase": products.purchase_points,
    "search_hotels": travel.search_hotels,
    "check_availability": quote.availability,
    "quote_stay": lambda step: quote.quote_flow(step, book=False),
    "book_hotel": lambda step: quote.quote_flow(step, book=True),
    "cancel_booking": bookings.cancel,
    "my_bookings": bookings.my_bookings,
    "search_destinations": travel.destinations,
    "points_balance": account.balance,
    "points_history": account.history,
    "redeem_points": account.redeem,
    "campaigns": policy_campaigns.campaigns,
    "list_mobile_plans": account.list_plans,
    "explain_mobile_plan": account.explain_plan,
    "recommend_mobile_plan": account.recommend_plan,
    "handoff_support": account.handoff,
    "refine": _refine,
    "affirm": _affirm,
    "deny": _deny,
    "greet": lambda step: Answer("small_talk", {"kind": "greet"}),
    "thanks": lambda step: Answer("small_talk", {"kind": "thanks"}),
    "help": lambda step: Answer("help", {}),
    "identity": lambda step: Answer("identity", {}),
    "unsupported": lambda step: Answer("unsupported", {"topic": step.parse.topic}),
    "select": _select,
    "correct_stay": quote.correct_stay,
    "other_member": lambda step: Answer("refused", {"kind": "other_member"}),
    "injection": lambda step: Answer("refused", {"kind": _injection_kind(step)}),
}
# Product intents that, said about a hotel list on screen, mean the hotel counterpart.
HOTEL_READINGS: dict[str, Callable[[Step], Decision]] = {
    "points_for_purchase": lambda step: quote.quote_flow(step, book=False),
    "product_details": quote.availability,
    "search_products": lambda step: quote.quote_flow(step, book=False),
}


def in_english(history: History, today: date) -> History:
    """Japanese messages as their English reading (nlu/ja), so every handler's rules read one language;
    the understanding still parses the member's own words (`Turn.said`)."""
    turns = [replace(t, text=gloss(t.text, today), said=t.text) if has_japanese(t.text) else t for t in history.turns]
    return replace(history, turns=turns)


class DialoguePolicy:
    def __init__(self, nlu: NaturalLanguageUnderstanding) -> None:
        self.nlu = nlu
        self.min_confidence = float(load_yaml("policy.yaml")["min_confidence"])

    def decide(self, history: History, tools: frozenset[str] = frozenset()) -> tuple[Decision, Step]:
        today = history.today or Clock().today()
        history = in_english(history, today)
        state, parse = build_state(history, self.nlu, today)
        step = Step(history=history, state=state, parse=parse, nlu=self.nlu, tools=tools)
        if not history.current.text.strip():
            return Answer("help", {}), step
        unsure = parse.confidence < self.min_confidence and not parse.all_slots
        # an account follow-up is understood from the conversation; a change to the stay being booked is not one
        routed = None if parse.intent == "correct_stay" else account_routes.reroute(step)
        handler = routed or _rerouted(step) or HANDLERS.get(parse.intent)
        if handler is None or (unsure and routed is None):
            return Answer("not_understood", {}), step
        decision = handler(step)
        if isinstance(decision, Answer) or step.can(decision.name):
            return decision, step
        return Answer("unsupported", {}), step
