"""The member's own account: points balance and history, redeeming points, mobile plans, support."""

from __future__ import annotations

import re
from typing import Any

from assistant.offline.history import ToolEvent
from assistant.offline.nlu.lexicon import load_yaml
from assistant.offline.policy_travel import quote_flow
from assistant.offline.results import read_result
from assistant.offline.state import first, items_of
from assistant.offline.steps import Answer, CallTool, Decision, Step
from tools.agent_tools.results import BalanceResult, PlanBill, PlanExplanationResult, RedemptionResult


def _error(event: ToolEvent) -> Answer:
    message = (event.result or {}).get("message", event.text) if isinstance(event.result, dict) else event.text
    return Answer("tool_error", {"message": str(message)})


def balance(step: Step) -> Decision:
    event = step.done("points_balance")
    if event is None:
        return CallTool("points_balance", {})
    held = read_result(event.result, BalanceResult)
    if not event.ok or held is None:
        return _error(event)
    return Answer(
        "balance",
        {
            "total": held.total,
            "expiring": [{"points": e.points, "date": e.expires_on.isoformat()} for e in held.expiring_soon[:3]],
            "limited": held.limited_time_total,
            "asked_expiry": bool(re.search(r"expir|run out|lose", step.turn.text.lower())),
        },
    )


def history(step: Step) -> Decision:
    event = step.done("points_history")
    if event is None:
        args: dict[str, Any] = {"limit": 5}
        kind = _history_kind(step.turn.text)
        if kind:
            args["kind"] = kind
        return CallTool("points_history", args)
    if not event.ok:
        return _error(event)
    entries = [
        {
            "kind": e.get("kind"),
            "points": e.get("points"),
            "description": first(e, "description", "reason"),
            "date": first(e, "created_at", "date", "at"),
        }
        for e in items_of(event.result, "entries")[:5]
    ]
    return Answer("points_history", {"entries": entries})


def _history_kind(text: str) -> str | None:
    """ "Only what I earned" -> earn: the one kind of movement the member's words name, if exactly one."""
    words: dict[str, list[str]] = load_yaml("policy.yaml")["history_kinds"]
    lowered = text.lower()
    kinds = [k for k, cues in words.items() if any(re.search(rf"\b{re.escape(c)}\b", lowered) for c in cues)]
    return kinds[0] if len(kinds) == 1 else None


def redeem(step: Step) -> Decision:
    """Points towards the stay being quoted, a product in focus, or (asked for) the mobile bill."""
    state = step.state
    quote = state.quote
    if quote is not None and quote.ok and state.topic == "hotels":
        return quote_flow(step, book="book" in step.turn.text.lower())
    points = step.parse.all_slots.get("points")
    if not isinstance(points, int):
        return Answer("clarify", {"question": "points_amount"})
    args: dict[str, Any] = {"points": points}
    if "bill" in step.turn.text.lower() or "mobile" in step.turn.text.lower():
        args["purpose"] = "mobile_bill"
    elif state.focus_product:
        args["product_id"] = state.focus_product
    else:
        return Answer("clarify", {"question": "points_target"})
    event = step.done("redeem_points")
    if event is None:
        # the balance first: a redemption the member cannot afford is never put up for approval
        held = step.done("points_balance")
        if held is None:
            return CallTool("points_balance", {})
        balance_now = read_result(held.result, BalanceResult)
        if not held.ok or balance_now is None:
            return _error(held)
        if balance_now.total < points:
            return Answer("redeem_short", {"balance": balance_now.total})
        return CallTool("redeem_points", args)
    if event.rejected:
        return Answer("declined", {"what": "redemption"})
    redeemed = read_result(event.result, RedemptionResult)
    if not event.ok or redeemed is None:
        return _error(event)
    return Answer("redeemed", {"points": redeemed.points or points, "balance": redeemed.balance_after})


# --- mobile ----------------------------------------------------------------------------------------


def _plan_view(p: dict[str, Any]) -> dict[str, Any]:
    raw = p.get("tiers")
    tiers: list[Any] = raw if isinstance(raw, list) else []
    return {
        "id": first(p, "plan_id", "id"),
        "name": first(p, "name", "plan_name"),
        "tiers": [line for line in (_line(t) for t in tiers) if line],
        "free_calls": p.get("free_domestic_calls_via_app"),
    }


def list_plans(step: Step) -> Decision:
    event = step.done("list_mobile_plans")
    if event is None:
        return CallTool("list_mobile_plans", {})
    if not event.ok:
        return _error(event)
    return Answer("plans", {"plans": [_plan_view(p) for p in items_of(event.result, "plans")]})


def explain_plan(step: Step) -> Decision:
    listed = step.done("list_mobile_plans")
    plan_id = None
    for turn in reversed(step.history.turns):
        for earlier in reversed(turn.events):
            if earlier.ok and earlier.name == "recommend_mobile_plan":
                ranked = items_of(earlier.result, "ranked")
                plan_id = plan_id or (first(ranked[0], "plan_id", "id") if ranked else None)
            if earlier.ok and earlier.name == "list_mobile_plans" and plan_id is None:
                plans = items_of(earlier.result, "plans")
                current = first(earlier.result, "current_plan_id")
                plan_id = current or (first(plans[0], "plan_id", "id") if plans else None)
    if plan_id is None:
        if listed is None:
            return CallTool("list_mobile_plans", {})
        return Answer("clarify", {"question": "plan"})
    event = step.done("explain_mobile_plan")
    if event is None:
        args: dict[str, Any] = {"plan_id": str(plan_id)}
        if isinstance(step.parse.all_slots.get("data_gb"), int | float):
            args["monthly_data_gb"] = step.parse.all_slots["data_gb"]
        return CallTool("explain_mobile_plan", args)
    plan = read_result(event.result, PlanExplanationResult)
    if not event.ok or plan is None:
        return _error(event)
    bill = plan.bill_at_usage
    return Answer(
        "plan_explained",
        {
            "plan_name": plan.name,
            "tiers": plan.tiers,
            "calls": plan.calls,
            "options": [o.split(". ")[0] for o in plan.options][:3],
            "points": plan.points,
            "bill": bill.monthly_total_jpy if isinstance(bill, PlanBill) else None,
        },
    )


def _line(value: Any) -> str:
    """A tier, option or note as the tool wrote it (text), or built from its fields."""
    if isinstance(value, str):
        return value
    if isinstance(value, dict):
        name = first(value, "name", "label")
        price = first(value, "price_jpy")
        gb = value.get("up_to_gb")
        if price is not None:
            size = f"up to {gb} GB" if gb else (str(name) if name else "unlimited")
            return f"{size}: {price:,} JPY" if isinstance(price, int) else f"{size}: {price}"
        return str(name or "")
    return str(value)


def recommend_plan(step: Step) -> Decision:
    frame = step.state.mobile
    args: dict[str, Any] = {}
    minutes = load_yaml("policy.yaml")["call_minutes"]
    if isinstance(frame.get("data_gb"), int | float):
        args["monthly_data_gb"] = frame["data_gb"]
    elif frame.get("data_use") in minutes.get("data_gb", {}):
        args["monthly_data_gb"] = minutes["data_gb"][frame["data_use"]]
    if frame.get("calls") in minutes:
        args["call_minutes_per_month"] = int(minutes[frame["calls"]])
    event = step.done("recommend_mobile_plan")
    if event is None:
        return CallTool("recommend_mobile_plan", args)
    if not event.ok:
        if "data use is unknown" in str(event.result.get("message", "")) if isinstance(event.result, dict) else False:
            return Answer("clarify", {"question": "data_use"})
        return _error(event)
    ranked = items_of(event.result, "ranked", "plans")
    picks = []
    for r in ranked[:2]:
        plan = r.get("plan") if isinstance(r.get("plan"), dict) else r
        picks.append(
            {
                "name": first(plan, "name", "plan_name") or first(r, "plan_name", "name"),
                "monthly": first(r, "monthly_total_jpy", "monthly_jpy", "total_jpy", "monthly_cost_jpy", "price_jpy"),
                "reasons": [str(x) for x in (r.get("reasons") or r.get("why") or [])][:3],
            }
        )
    usage = first(event.result, "monthly_gb", "monthly_data_gb", "usage_gb") if isinstance(event.result, dict) else None
    usage = usage or args.get("monthly_data_gb")
    if isinstance(usage, float) and usage.is_integer():
        usage = int(usage)
    return Answer("plan_recommended", {"picks": picks, "usage": usage, "calls": frame.get("calls")})


# --- support ---------------------------------------------------------------------------------------


def _support_categories() -> set[str]:
    """The categories the handoff tool accepts (read from its schema, which may grow)."""
    from typing import get_args

    from tools.agent_tools.registry import REGISTRY

    field = REGISTRY["handoff_to_support"].args.model_fields.get("category")
    values = set(get_args(field.annotation)) if field is not None else set()
    return {str(v) for v in values} or {"other"}


def handoff(step: Step) -> Decision:
    event = step.done("handoff_to_support")
    if event is None:
        text = step.turn.text.lower()
        rules: dict[str, list[str]] = load_yaml("policy.yaml")["support_categories"]
        allowed = _support_categories()
        category = next((c for c, words in rules.items() if c in allowed and any(w in text for w in words)), "other")
        reason = " ".join(step.turn.text.split())[:300]
        return CallTool("handoff_to_support", {"category": category, "reason": reason if len(reason) >= 3 else "help"})
    if not event.ok:
        return _error(event)
    return Answer("handoff", {"ticket": first(event.result, "ticket_id", "id")})
