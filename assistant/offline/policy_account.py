"""The member's own account: points balance and history, redeeming points, mobile plans, support."""

from __future__ import annotations

import re
from typing import Any

from assistant.offline import policy_history, policy_plans, policy_redeem
from assistant.offline.nlu.lexicon import load_yaml
from assistant.offline.state import first, items_of
from assistant.offline.steps import Answer, CallTool, Decision, Step, tool_error
from tools.agent_tools.results import BalanceResult


def balance(step: Step) -> Decision:
    held = step.fetch("points_balance", {}, BalanceResult)
    if isinstance(held, Decision):
        return held
    return Answer(
        "balance",
        {
            "total": held.total,
            "expiring": [{"points": e.points, "date": e.expires_on.isoformat()} for e in held.expiring_soon[:5]],
            "soon_total": held.expiring_soon_total if len(held.expiring_soon) > 1 else None,
            "limited": held.limited_time_total,
            # Stay points not yet credited (check-out still ahead): said apart, since they cannot be spent.
            "pending": held.pending_total or 0,
            "pending_stays": len(held.pending),
            "pending_on": min(p.credit_on for p in held.pending).isoformat() if held.pending else None,
            "asked_expiry": bool(re.search(r"expir|run out|lose", step.turn.text.lower())),
        },
    )


# The handlers of the other account tasks live in their own modules; the intent table names them here.
history = policy_history.history
redeem = policy_redeem.redeem
explain_plan = policy_plans.advise
recommend_plan = policy_plans.advise


def _plan_view(p: dict[str, Any]) -> dict[str, Any]:
    raw = p.get("tiers")
    tiers: list[Any] = raw if isinstance(raw, list) else []
    return {
        "id": first(p, "plan_id", "id"),
        "name": first(p, "name", "plan_name"),
        "tiers": [str(t) for t in tiers if t],
        "free_calls": p.get("free_domestic_calls_via_app"),
    }


def list_plans(step: Step) -> Decision:
    event = step.outcome("list_mobile_plans", {})
    if isinstance(event, Decision):
        return event
    return Answer("plans", {"plans": [_plan_view(p) for p in items_of(event.result, "plans")]})


# --- support ---------------------------------------------------------------------------------------


def _support_categories() -> set[str]:
    """The categories the handoff tool accepts (read from its schema, which may grow)."""
    from typing import get_args

    from tools.agent_tools.registry import REGISTRY

    field = REGISTRY["handoff_to_support"].args.model_fields.get("category")
    values = set(get_args(field.annotation)) if field is not None else set()
    return {str(v) for v in values} or {"other"}


def _support_category(text: str, rules: dict[str, list[str]], allowed: set[str] | frozenset[str]) -> str:
    """The team whose cues the message names most (then by the longest cue: a doubled "phone bill" is the
    mobile team's even though "charged" is also an order word); "other" when none is named."""
    best, key = "other", (0, 0)
    for category, words in rules.items():
        hits = [w for w in words if re.search(rf"\b{re.escape(w)}", text)]
        score = (len(hits), max((len(w) for w in hits), default=0))
        if category in allowed and hits and score > key:
            best, key = category, score
    return best


def handoff(step: Step) -> Decision:
    event = step.done("handoff_to_support")
    if event is None:
        text = step.turn.text.lower()
        rules: dict[str, list[str]] = load_yaml("policy.yaml")["support_categories"]
        allowed = _support_categories()
        category = _support_category(text, rules, allowed)
        reason = " ".join(step.turn.text.split())[:300]
        return CallTool("handoff_to_support", {"category": category, "reason": reason if len(reason) >= 3 else "help"})
    if not event.ok:
        return tool_error(event)
    return Answer("handoff", {"ticket": first(event.result, "ticket_id", "id")})
