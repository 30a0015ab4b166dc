"""Which account task a message continues or starts, read from its structure and the conversation, before
the intent classifier's guess is used.

Why here and not in the classifier: "ok just 1000 then", "I'm 21 actually" or "and the time before that?"
mean nothing on their own; they complete the redemption, plan question or history answer just given. And
a redemption has a shape ("N of my points" + a verb or a target) that a bag-of-words guess misses. Each
rule names the evidence it needs; anything else falls through to the classifier. Safety intents (another
member's data, injections) and cancellations are never rerouted.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from assistant.offline import policy_history as hist
from assistant.offline import policy_plans as plans
from assistant.offline import policy_redeem as redemption
from assistant.offline.nlu.account import (
    app_calls,
    call_minutes,
    history_question,
    is_past_question,
    mentions_points,
    option_wanted,
    plan_question,
    points_amount,
    redeem_target,
    redeem_verb,
    stated_age,
)
from assistant.offline.nlu.slots import normalise
from assistant.offline.plan_frame import PLAN_ACTS, plan_meant
from assistant.offline.steps import Decision, Step

Handler = Callable[[Step], Decision]
NEVER_REROUTED = frozenset({"injection", "other_member", "cancel_booking", "handoff_support", "unsupported"})
_QUESTION_OF_PRICE = re.compile(
    r"\b(how much|how many points (would|will|do|can) i (earn|get)|earn|what would .* cost)\b"
)
_FOR_ME = re.compile(r"\b(cheapest|best|for me|should i|suits? me|fits? me|recommend|right for me|be on)\b")
_BALANCE_LEFT = re.compile(r"\b(how many|how much|what).*\b(left|remaining|now)\b|\bbalance\b")


def _last_act(step: Step) -> str:
    earlier = step.history.earlier
    return str(earlier[-1].answer_meta.get("act") or "") if earlier else ""


def reroute(step: Step) -> Handler | None:
    """The account handler this message belongs to, or None to leave it to the classifier."""
    parse = step.parse
    if parse.intent in NEVER_REROUTED and parse.confidence >= 1.0:
        return None
    if parse.intent in {"injection", "other_member"}:
        return None
    for rule in (_redemption, _history, _plans):
        handler = rule(step)
        if handler is not None:
            return handler
    return None


def _redemption(step: Step) -> Handler | None:
    text = normalise(step.turn.text)
    if is_past_question(text) or history_question(text):
        return None
    frame = redemption.frame_of(step)
    in_points = redemption.bare_amount_ok(step, frame)
    amount = points_amount(text, bare_ok=in_points)
    target = redeem_target(text)
    if frame.open and (amount is not None or target is not None):
        return redemption.redeem
    if frame.open and frame.awaiting == "product" and step.parse.all_slots.get("ref"):
        return redemption.redeem  # "the second one" answers "which product?"
    if _QUESTION_OF_PRICE.search(text):
        return None  # "how much is it if I use 3000 points?": a quote, not a redemption
    if amount is not None and redemption.is_same_again(text) and redemption.last_redemption_target(step):
        return redemption.redeem
    explicit = amount is not None and (
        (amount.kind == "exact" and (amount.explicit or in_points))
        or (amount.kind in {"half", "all"} and mentions_points(text))
        or (amount.kind == "expiring" and redemption.expiring_shown(step) is not None)
    )
    if explicit and (redeem_verb(text) or target is not None):
        return redemption.redeem
    if mentions_points(text) and redeem_verb(text) and target is not None and target != "other":
        return redemption.redeem  # "can I use my points on my phone bill?": asks how many
    return None


def _history(step: Step) -> Handler | None:
    text = normalise(step.turn.text)
    if hist.asks_booking_points(step):
        return hist.booking_points
    asked = history_question(text)
    last = _last_act(step)
    if asked == "before" and last in {"history_spend"}:
        return hist.history
    if asked == "prevent" and last == "history_expired":
        return hist.history
    on_points = redemption.after_points(step)
    about_points = mentions_points(text) or on_points or re.search(r"\bredeem|\bredemption", text) is not None
    if asked in {"spend", "expired", "earned"} and about_points:
        return hist.history
    if on_points and _BALANCE_LEFT.search(text) and not redeem_verb(text):
        from assistant.offline.policy_account import balance

        return balance
    return None


def _plans(step: Step) -> Handler | None:
    text = normalise(step.turn.text)
    named = plan_meant(step)  # named, or pointed at in the plan list shown ("the second one")
    in_mobile = step.state.topic == "mobile" or _last_act(step) in PLAN_ACTS
    asked = plan_question(text)
    if named and (asked or re.search(r"\b(plan|one|enough|cost|pay|switch|cheaper)\b", text)):
        return plans.advise
    if option_wanted(text) and re.search(r"\b(plans?|add|sim|mobile|phone)\b", text):
        return plans.advise
    if asked == "cheaper" and re.search(r"\b(phone|mobile|sim|plan|carrier|data)\b", text):
        return plans.advise  # "could I be paying less for my phone?"
    if re.search(r"\bplans?\b", text) and _FOR_ME.search(text):
        return plans.advise  # "the cheapest plan for me": a recommendation, not the list
    habits = call_minutes(text) is not None or app_calls(text) is not None or stated_age(text) is not None
    if habits and re.search(r"\b(plans?|sim|carrier|contract)\b", text):
        return plans.advise
    if not in_mobile:
        return None
    slots = step.parse.all_slots
    follow_up = (
        stated_age(text) is not None
        or asked is not None
        or app_calls(text) is not None
        or call_minutes(text) is not None
        or option_wanted(text) is not None
        or "data_gb" in slots
        or named is not None
    )
    return plans.advise if follow_up else None
