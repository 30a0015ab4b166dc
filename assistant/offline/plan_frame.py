"""The plan conversation as one frame, and the plan facts every plan answer shares.

The member's words across the plan conversation make one `PlanFrame` (data use, call minutes, app use,
age, the plan and option in focus), so "what if I used the app?" or "I'm 21" re-prices the same request.
The helpers here read the plan rows of the lexicon (names, age limits) and shape tool results for the
answer templates; `policy_plans.py` decides which answer a question gets.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from assistant.offline import references
from assistant.offline.history import Turn
from assistant.offline.nlu.account import app_calls, call_minutes, option_wanted, plan_age_limit, plan_named, stated_age
from assistant.offline.nlu.lexicon import load_yaml
from assistant.offline.steps import Step
from tools.agent_tools.results import PlanBill, PlanRecommendationResult

PLAN_ACTS = frozenset(
    {"plans", "plan_explained", "plan_recommended", "plan_compare", "plan_ask", "plan_option", "plan_fit", "plan_cost"}
)
MOBILE_TOOLS = frozenset({"list_mobile_plans", "explain_mobile_plan", "recommend_mobile_plan"})


@dataclass
class PlanFrame:
    gb: float | None = None
    calls: int | None = None
    app: bool | None = None
    age: int | None = None
    focus: str | None = None  # the plan last named, explained or recommended
    option: str | None = None  # the kind of option last asked about


def plan_rows(step: Step) -> list[dict[str, Any]]:
    return list(getattr(step.nlu.lexicon, "mobile_plans", []) or [])


def plan_turns(step: Step) -> list[Turn]:
    """The turns of the plan conversation so far (back to the first plan answer in a row), then this one."""
    turns: list[Turn] = []
    for turn in reversed(step.history.earlier):
        act = str(turn.answer_meta.get("act") or "")
        if act not in PLAN_ACTS and not any(e.name in MOBILE_TOOLS for e in turn.events):
            break
        turns.append(turn)
    return [*reversed(turns), step.turn]


def plan_meant(step: Step) -> str | None:
    """The plan this message names ("the data light one"), or points at in the plan list shown ("the
    second one", "the last one", "the unlimited one")."""
    rows = plan_rows(step)
    named = plan_named(step.turn.text, rows)
    if named or not step.state.plan_list or step.state.topic != "mobile":
        return named
    ref = str(step.parse.all_slots.get("ref", ""))
    if not ref or ref == "it":
        return None
    found = references.resolve(step.turn.text, ref, step.state.plan_list, "plans")
    return found.ids[0] if found.found else None


def plan_frame(step: Step) -> PlanFrame:
    frame = PlanFrame()
    rows = plan_rows(step)
    minutes_for: dict[str, Any] = load_yaml("policy.yaml")["call_minutes"]
    for turn in step.history.turns:
        frame.age = stated_age(turn.text) or frame.age
    for turn in plan_turns(step):
        slots = step.nlu.parse(turn.text, step.today).all_slots
        if isinstance(slots.get("data_gb"), int | float):
            frame.gb = float(slots["data_gb"])
        elif slots.get("data_use") in minutes_for.get("data_gb", {}) and frame.gb is None:
            frame.gb = float(minutes_for["data_gb"][slots["data_use"]])
        minutes = call_minutes(turn.text)
        if minutes is None and slots.get("calls") in minutes_for and slots.get("calls") != "data_gb":
            minutes = int(minutes_for[str(slots["calls"])])
        frame.calls = minutes if minutes is not None else frame.calls
        app = app_calls(turn.text)
        frame.app = app if app is not None else frame.app
        frame.option = option_wanted(turn.text) or frame.option
        memo = (turn.answer_meta.get("memo") or {}).get("plan") if turn is not step.turn else None
        named = plan_meant(step) if turn is step.turn else plan_named(turn.text, rows)
        if named:
            frame.focus = named
        elif isinstance(memo, dict) and memo.get("focus"):
            frame.focus = str(memo["focus"])
    return frame


def age_limit(step: Step, plan_id: str | None) -> int | None:
    row = next((r for r in plan_rows(step) if str(r.get("id")) == plan_id), None)
    return plan_age_limit(row) if row else None


def may_recommend(step: Step, plan_id: str | None, age: int | None) -> bool:
    limit = age_limit(step, plan_id)
    return limit is None or (age is not None and age <= limit)


def plan_memo(focus: str | None) -> dict[str, Any]:
    return {"plan": {"focus": focus}}


def recommend_args(frame: PlanFrame) -> dict[str, Any]:
    args: dict[str, Any] = {}
    if frame.gb is not None:
        args["monthly_data_gb"] = int(frame.gb) if float(frame.gb).is_integer() else frame.gb
    if frame.calls is not None:
        args["call_minutes_per_month"] = int(frame.calls)
    if frame.app is not None or frame.calls:
        args["uses_app_for_calls"] = bool(frame.app)
    return args


def bill_view(b: PlanBill | None) -> dict[str, Any] | None:
    if b is None:
        return None
    return {"id": b.plan_id, "name": b.name, "monthly": b.monthly_total_jpy, "tier": b.data_tier,
            "option": b.call_option, "reasons": b.reasons[:3]}  # fmt: skip


def usage_of(rec: PlanRecommendationResult) -> int | float:
    gb = rec.monthly_gb
    return int(gb) if float(gb).is_integer() else gb


def plan_name(step: Step, plan_id: str | None) -> str:
    row = next((r for r in plan_rows(step) if str(r.get("id")) == plan_id), None)
    return str(row.get("name")) if row else str(plan_id or "")
