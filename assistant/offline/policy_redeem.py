"""Redeeming points: how many (a number, words, half, all, the expiring ones), on what (the mobile bill, an
order, a product on screen, a stay), always checked against the balance before anything is offered.

A redemption may take several turns ("spend 1000 points" -> "On what?" -> "my phone bill"; an over-balance
request -> "use what I have then"; a rejected amount -> "just 1000 then"). `RedeemFrame` collects what those
turns said, newest first, from the member's words and the rejected call's arguments; a completed
redemption closes it. The balance is read in the same turn as the redemption, so the figure checked is
today's, and a request over it is answered with the balance: nothing goes up for approval, nothing is
written.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import Any

from assistant.offline.history import ToolEvent, Turn
from assistant.offline.nlu.account import Amount, Target, points_amount, redeem_target
from assistant.offline.nlu.slots import normalise
from assistant.offline.results import read_result
from assistant.offline.state import items_of
from assistant.offline.steps import Answer, CallTool, Decision, Step, tool_error
from tools.agent_tools.results import BalanceResult, RedemptionResult

# Answers that leave a redemption open: the next message may complete it.
OPEN_ACTS = frozenset({"redeem_ask", "redeem_short", "redeem_declined"})
_SAME_AGAIN = re.compile(r"\b(same (again|as (last time|before))|do (that|it) again|the same thing|repeat (that|it))\b")
_BOOK_WORDS = re.compile(r"\b(book|reserve|booking|reservation)\b")
# A description in the points history -> the purpose the tool redeems for
_PURPOSE_WORDS = (("mobile_bill", ("mobile bill", "phone bill")), ("marketplace_purchase", ("marketplace", "order")))


@dataclass
class RedeemFrame:
    amount: Amount | None = None
    target: Target | None = None
    product_id: str | None = None
    open: bool = False  # the previous answer left a redemption waiting for a detail
    awaiting: str | None = None  # what that answer asked for ("amount", "target", "product")


def _redeem_event(turn: Turn) -> ToolEvent | None:
    return turn.last("redeem_points")


def frame_of(step: Step) -> RedeemFrame:
    """What the open redemption already said: amount and target from the turns since it started."""
    frame = RedeemFrame()
    for index, turn in enumerate(reversed(step.history.earlier)):
        event = _redeem_event(turn)
        act = str(turn.answer_meta.get("act") or "")
        rejected = event is not None and event.rejected
        if event is not None and event.ok:
            break  # a redemption was completed: nothing is open
        if act not in OPEN_ACTS and not rejected:
            break
        if index == 0:
            frame.open = True
            frame.awaiting = ((turn.answer_meta.get("memo") or {}).get("redeem") or {}).get("awaiting")
        if rejected and event is not None:
            frame.target = frame.target or _purpose_target(event.args)
            product = event.args.get("product_id")
            frame.product_id = frame.product_id or (str(product) if product else None)
            continue  # the rejected amount is the one the member did not want
        frame.amount = frame.amount or points_amount(turn.text, bare_ok=True)
        frame.target = frame.target or redeem_target(turn.text)
        remembered = (turn.answer_meta.get("memo") or {}).get("redeem")
        if isinstance(remembered, dict):
            frame.target = frame.target or remembered.get("target")
            frame.product_id = frame.product_id or remembered.get("product_id")
    return frame


def _purpose_target(args: dict[str, Any]) -> Target:
    return "mobile_bill" if args.get("purpose") == "mobile_bill" else "marketplace_purchase"


def last_redemption_target(step: Step) -> Target | None:
    """The purpose of the member's last redemption as the history answer showed it ("do the same again")."""
    for turn in reversed(step.history.earlier):
        for event in reversed(turn.events):
            if event.name != "points_history" or not event.ok:
                continue
            for entry in items_of(event.result, "entries"):
                if entry.get("kind") != "redeem":
                    continue
                text = str(entry.get("description", "")).lower()
                for purpose, words in _PURPOSE_WORDS:
                    if any(w in text for w in words):
                        return purpose  # type: ignore[return-value]
                return "other"
    return None


def expiring_shown(step: Step) -> int | None:
    """The points the last balance answer said were expiring soon ("put those on my bill")."""
    for turn in reversed(step.history.earlier):
        event = turn.last("points_balance")
        if event is not None and event.ok:
            held = read_result(event.result, BalanceResult)
            return held.expiring_soon_total if held and held.expiring_soon_total > 0 else None
    return None


def bare_amount_ok(step: Step, frame: RedeemFrame) -> bool:
    """A number without "points" ("use 2500 on the bill", "just 1000 then") is an amount of points only
    while a redemption is open or right after a points answer."""
    return frame.open or after_points(step)


def after_points(step: Step) -> bool:
    """Whether the conversation was on the member's points before this message (the classifier's guess at
    this message may already have moved `topic`)."""
    return "points" in {step.state.prev_topic, step.state.topic}


def is_same_again(text: str) -> bool:
    return _SAME_AGAIN.search(normalise(text)) is not None


def redeem(step: Step) -> Decision:
    """Points towards a stay being quoted, a product in focus, an order or the mobile bill."""
    from assistant.offline.policy_products import resolve_products
    from assistant.offline.policy_quote import quote_flow

    text = step.turn.text
    frame = frame_of(step)
    state = step.state
    amount = points_amount(text, bare_ok=bare_amount_ok(step, frame)) or frame.amount
    target = redeem_target(text)
    product: str | None = None
    if target is None and is_same_again(text):
        target = last_redemption_target(step)
    quote = state.quote
    hotel_context = state.topic == "hotels" and (quote is not None or bool(state.hotel_list))
    on_stay = target == "stay" or (target is None and hotel_context)
    if on_stay and (state.hotel_list or (quote is not None and quote.ok)):
        book = step.parse.intent == "book_hotel" or _BOOK_WORDS.search(text.lower()) is not None
        return quote_flow(_with_stay_points(step, amount), book=book)
    if on_stay:
        return Answer("redeem_ask", {"question": "stay"})
    wants_product = bool(step.parse.all_slots.get("ref")) or frame.awaiting == "product"
    if target is None and ((state.product_list and wants_product) or state.focus_product):
        ids = resolve_products(step)
        product = ids[0] if ids else None
        target = "marketplace_purchase" if product else None
        if product is None and state.product_list:
            options = [{"title": str(p.get("title", ""))} for p in state.product_list[:5]]
            memo_ask = {"redeem": {"awaiting": "product"}}
            return Answer("redeem_ask", {"question": "which_product", "options": options}, memo=memo_ask)
    target = target or frame.target
    product = product or (frame.product_id if target == "marketplace_purchase" else None)
    if target == "other":
        return Answer("redeem_ask", {"question": "other_purpose"})
    memo: dict[str, Any] = {"redeem": {"target": target, "product_id": product}}
    if amount is None:
        memo["redeem"]["awaiting"] = "amount"
        return Answer("redeem_ask", {"question": "amount", "target": target}, memo=memo)
    if target is None:
        memo["redeem"]["awaiting"] = "target"
        return Answer("redeem_ask", {"question": "target"}, memo=memo)
    event = step.done("redeem_points")
    if event is None:
        held = step.fetch("points_balance", {}, BalanceResult)
        if isinstance(held, Decision):
            return held
        points = _points(amount, held, step)
        if points is None:
            return Answer("redeem_ask", {"question": "amount", "target": target}, memo=memo)
        if held.total <= 0 or points > held.total:
            return Answer("redeem_short", {"balance": held.total}, memo=memo)
        args: dict[str, Any] = {"points": points, "purpose": target}
        if product:
            args["product_id"] = product
        return CallTool("redeem_points", args)
    if event.rejected:
        return Answer("redeem_declined", {}, memo=memo)
    redeemed = read_result(event.result, RedemptionResult)
    if not event.ok or redeemed is None:
        return tool_error(event)
    return Answer("redeemed", {"points": redeemed.points, "balance": redeemed.balance_after, "target": target})


def _with_stay_points(step: Step, amount: Amount | None) -> Step:
    """The amount as the stay flow reads it (its `points` slot): "two thousand points" -> 2000, "all of
    them" -> "all" (the most the quote allows). The quote itself checks it against the balance."""
    slots = step.parse.all_slots
    value: int | str | None = None
    if amount is not None and amount.kind == "exact":
        value = amount.points
    elif amount is not None and amount.kind == "all":
        value = "all"
    if value is None or slots.get("points") == value:
        return step
    step.parse = replace(step.parse, all_slots={**slots, "points": value}, slots={**step.parse.slots, "points": value})
    return step


def _points(amount: Amount, held: BalanceResult, step: Step) -> int | None:
    if amount.kind == "exact":
        return amount.points
    if amount.kind == "all":
        return held.total
    if amount.kind == "half":
        return held.total // 2
    return expiring_shown(step) or (held.expiring_soon_total or None)
