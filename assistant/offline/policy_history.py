"""The member's own history: what they last spent points on (and the time before), what expired and why
the balance is what it is, what they put toward the phone bill, where expiring points came from, and what
a stay booked in this chat earns.

Answered from `points_history` (newest first, narrowed to one kind of movement) and from the booking in the
conversation, never with a product question. Descriptions are shown in the member's terms ("hotel stay",
not "Points used: hotel stay"); redemptions are shown as the points spent (positive).
"""

from __future__ import annotations

import re
from typing import Any

from assistant.offline.nlu.account import cues, has, history_question, redeem_target
from assistant.offline.nlu.lexicon import load_yaml
from assistant.offline.nlu.slots import normalise
from assistant.offline.results import read_result
from assistant.offline.steps import Answer, Decision, Step
from tools.agent_tools.results import BalanceResult, BookedResult, HistoryResult, LedgerEntryResult

HISTORY_ACTS = frozenset({"points_history", "history_spend", "history_expired", "history_earned"})
_PREFIX = re.compile(r"^(points used|points expired|limited-time points expired)\s*:\s*", re.IGNORECASE)
# words in a redemption's description for each purpose the member may name
_TARGET_WORDS = {"mobile_bill": ("mobile bill", "phone bill"), "marketplace_purchase": ("marketplace", "order"),
                 "stay": ("hotel", "stay"), "other": ("card bill", "convenience store")}  # fmt: skip


def _view(e: LedgerEntryResult) -> dict[str, Any]:
    return {
        "kind": e.kind,
        "points": abs(e.points),
        "what": _PREFIX.sub("", e.description).strip() or e.description,
        "description": e.description,
        "date": e.created_on.isoformat(),
        "expires": e.expires_on.isoformat() if e.expires_on else None,
        "limited": e.limited_time,
    }


def _history_kind(text: str) -> str | None:
    """ "Only what I earned" -> earn: the one kind of movement the member's words name, if exactly one."""
    words: dict[str, list[str]] = load_yaml("policy.yaml")["history_kinds"]
    lowered = text.lower()
    kinds = [k for k, found in words.items() if any(re.search(rf"\b{re.escape(c)}\b", lowered) for c in found)]
    return kinds[0] if len(kinds) == 1 else None


def _last_memo(step: Step) -> dict[str, Any]:
    for turn in reversed(step.history.earlier):
        memo = (turn.answer_meta.get("memo") or {}).get("history")
        if isinstance(memo, dict):
            return memo
        if turn.answer_meta.get("act"):
            return {}
    return {}


def history(step: Step) -> Decision:
    """A question about the member's points past, by what it asks (see `history_question`)."""
    text = step.turn.text
    asked = history_question(text)
    if asked == "before":
        memo = _last_memo(step)
        return spend(step, index=int(memo.get("index", 0)) + 1, target=memo.get("target"))
    if asked == "prevent":
        return Answer("history_advice", {})
    if asked == "expired":
        return expired(step)
    if asked == "earned":
        return earned(step)
    if asked == "spend":
        return spend(step, index=0, target=redeem_target(text))
    return recent(step)


def recent(step: Step) -> Decision:
    args: dict[str, Any] = {"limit": 5}
    kind = _history_kind(step.turn.text)
    if kind:
        args["kind"] = kind
    page = step.fetch("points_history", args, HistoryResult)
    if isinstance(page, Decision):
        return page
    return Answer("points_history", {"entries": [_view(e) for e in page.entries[:5]]})


def spend(step: Step, *, index: int, target: str | None) -> Decision:
    """The member's redemptions, newest first: the `index`-th one, or those for one purpose."""
    page = step.fetch("points_history", {"kind": "redeem", "limit": max(10, index + 3)}, HistoryResult)
    if isinstance(page, Decision):
        return page
    spent = [e for e in page.entries if e.kind == "redeem"]
    if target in _TARGET_WORDS:
        words = _TARGET_WORDS[str(target)]
        matching = [_view(e) for e in spent if any(w in e.description.lower() for w in words)]
        return Answer(
            "history_spend",
            {"target": target, "matching": matching[:3], "entry": None, "index": index},
            memo={"history": {"index": 0, "target": None}},
        )
    entry = _view(spent[index]) if index < len(spent) else None
    return Answer(
        "history_spend",
        {"target": None, "matching": [], "entry": entry, "index": index},
        memo={"history": {"index": index, "target": None}},
    )


def expired(step: Step) -> Decision:
    page = step.fetch("points_history", {"kind": "expire", "limit": 5}, HistoryResult)
    if isinstance(page, Decision):
        return page
    lost = [_view(e) for e in page.entries if e.kind == "expire"]
    why_zero = bool(re.search(r"\b(zero|0 points|no points|nothing left|empty)\b", normalise(step.turn.text)))
    return Answer("history_expired", {"entries": lost[:3], "why_zero": why_zero}, memo={"history": {"expired": True}})


def _expiring_dates(step: Step) -> set[str]:
    for turn in reversed(step.history.earlier):
        event = turn.last("points_balance")
        if event is not None and event.ok:
            held = read_result(event.result, BalanceResult)
            return {e.expires_on.isoformat() for e in held.expiring_soon} if held else set()
    return set()


def earned(step: Step) -> Decision:
    """Where points came from; right after the expiring points were shown, where those came from."""
    expiring = _expiring_dates(step)
    page = step.fetch("points_history", {"kind": "earn", "limit": 50 if expiring else 5}, HistoryResult)
    if isinstance(page, Decision):
        return page
    earns = [e for e in page.entries if e.kind == "earn"]
    chosen = [e for e in earns if e.expires_on and e.expires_on.isoformat() in expiring] if expiring else []
    return Answer(
        "history_earned",
        {"entries": [_view(e) for e in (chosen or earns)[:5]], "expiring": bool(chosen)},
    )


def booking_points(step: Step) -> Decision:
    """ "How many points will that stay earn me?" about the booking made in this chat."""
    booking = step.state.booking
    booked = read_result(booking.result, BookedResult) if booking is not None and booking.ok else None
    if booked is None:
        return Answer("clarify", {"question": "refine"})
    return Answer(
        "booking_points",
        {
            "hotel": booked.hotel_name,
            "points": booked.points_earned,
            "booking_id": booked.booking_id,
            "check_in": booked.check_in.isoformat(),
        },
    )


def asks_booking_points(step: Step) -> bool:
    booking = step.state.booking
    text = normalise(step.turn.text)
    return (
        booking is not None
        and booking.ok
        and has(text, cues()["history"]["booking_earn"])
        and re.search(r"\bpoints?\b|\bearn", text) is not None
    )
