"""Mobile plan advice for this member: which plan fits, what a named plan costs or includes, whether it beats
what they pay now, and the options (insurance, calls abroad).

Every figure comes from the plan tools: `recommend_mobile_plan` prices every plan at the member's usage (and
names their current plan and its bill), `explain_mobile_plan` gives tiers, calls, options and the catch,
`list_mobile_plans` which plans carry an option. The member's words across the plan conversation make one
`PlanFrame` (data use, call minutes, app use, age, the plan and option in focus), so "what if I used the
app?" or "I'm 21" re-prices the same request. An age-restricted plan is never recommended while the age is
unknown: the best plan for everyone is given and the age asked, once.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from assistant.offline.history import ToolEvent, Turn
from assistant.offline.nlu.account import (
    app_calls,
    call_minutes,
    cues,
    has,
    option_wanted,
    plan_age_limit,
    plan_named,
    plan_question,
    stated_age,
)
from assistant.offline.nlu.lexicon import load_yaml
from assistant.offline.nlu.slots import normalise
from assistant.offline.results import read_result
from assistant.offline.steps import Answer, CallTool, Decision, Step
from tools.agent_tools.results import PlanBill, PlanExplanationResult, PlanRecommendationResult, PlansResult

PLAN_ACTS = frozenset(
    {"plans", "plan_explained", "plan_recommended", "plan_compare", "plan_ask", "plan_option", "plan_fit", "plan_cost"}
)
MOBILE_TOOLS = frozenset({"list_mobile_plans", "explain_mobile_plan", "recommend_mobile_plan"})
_FEATURE_QUESTION = re.compile(
    r"^(?:and |so |but )?(do|does|will|would|can|is|are)\b.*\b(that one|it|this one|that plan|get)\b"
)
_WITH_OPTION = re.compile(r"\b(added|with (that|it|the)|plus|including)\b")


@dataclass
class PlanFrame:
    gb: float | None = None
    calls: int | None = None
    app: bool | None = None
    age: int | None = None
    focus: str | None = None  # the plan last named, explained or recommended
    option: str | None = None  # the kind of option last asked about


def _error(event: ToolEvent) -> Answer:
    message = (event.result or {}).get("message", event.text) if isinstance(event.result, dict) else event.text
    return Answer("tool_error", {"message": str(message)})


def _rows(step: Step) -> list[dict[str, Any]]:
    return list(getattr(step.nlu.lexicon, "mobile_plans", []) or [])


def _plan_turns(step: Step) -> list[Turn]:
    """The turns of the plan conversation so far (back to the first plan answer in a row), then this one."""
    turns: list[Turn] = []
    for turn in reversed(step.history.earlier):
        act = str(turn.answer_meta.get("act") or "")
        if act not in PLAN_ACTS and not any(e.name in MOBILE_TOOLS for e in turn.events):
            break
        turns.append(turn)
    return [*reversed(turns), step.turn]


def plan_frame(step: Step) -> PlanFrame:
    frame = PlanFrame()
    rows = _rows(step)
    minutes_for: dict[str, Any] = load_yaml("policy.yaml")["call_minutes"]
    for turn in step.history.turns:
        frame.age = stated_age(turn.text) or frame.age
    for turn in _plan_turns(step):
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
        named = plan_named(turn.text, rows)
        if named:
            frame.focus = named
        elif isinstance(memo, dict) and memo.get("focus"):
            frame.focus = str(memo["focus"])
    return frame


def _limit(step: Step, plan_id: str | None) -> int | None:
    row = next((r for r in _rows(step) if str(r.get("id")) == plan_id), None)
    return plan_age_limit(row) if row else None


def _eligible(step: Step, plan_id: str | None, age: int | None) -> bool:
    limit = _limit(step, plan_id)
    return limit is None or (age is not None and age <= limit)


def _memo(focus: str | None) -> dict[str, Any]:
    return {"plan": {"focus": focus}}


def _recommend_args(frame: PlanFrame) -> dict[str, Any]:
    args: dict[str, Any] = {}
    if frame.gb is not None:
        args["monthly_data_gb"] = int(frame.gb) if float(frame.gb).is_integer() else frame.gb
    if frame.calls is not None:
        args["call_minutes_per_month"] = int(frame.calls)
    if frame.app is not None or frame.calls:
        args["uses_app_for_calls"] = bool(frame.app)
    return args


def _bill(b: PlanBill | None) -> dict[str, Any] | None:
    if b is None:
        return None
    return {"id": b.plan_id, "name": b.name, "monthly": b.monthly_total_jpy, "tier": b.data_tier,
            "option": b.call_option, "reasons": b.reasons[:3]}  # fmt: skip


def _usage(rec: PlanRecommendationResult) -> int | float:
    gb = rec.monthly_gb
    return int(gb) if float(gb).is_integer() else gb


def _plan_name(step: Step, plan_id: str | None) -> str:
    row = next((r for r in _rows(step) if str(r.get("id")) == plan_id), None)
    return str(row.get("name")) if row else str(plan_id or "")


def _closing(text: str) -> bool:
    t = normalise(text)
    return has(t, cues()["plans"]["closing"]) and plan_question(t.replace("keep my", "")) != "cheaper"


# --- the handler -------------------------------------------------------------------------------------


def advise(step: Step) -> Decision:
    """One plan question, answered from the plan tools (see the module docstring)."""
    text = step.turn.text
    frame = plan_frame(step)
    named = plan_named(text, _rows(step))
    kind = plan_question(text)
    if _closing(text) and not named and kind in {None, "switch"} and "?" not in text:
        return Answer("small_talk", {"kind": "thanks"})
    if app_calls(text) is not None and not _FEATURE_QUESTION.search(normalise(text)):
        return recommend(step, frame)
    plan = named or frame.focus
    option = option_wanted(text)
    if option and not named:
        return option_answer(step, frame, option)
    # "how much do calls cost on X?" asks for a charge of the plan, not the member's bill on it
    calls_asked = has(normalise(text), cues()["plans"]["calls_any"])
    charge = kind == "cost" and calls_asked and "data_gb" not in step.parse.all_slots
    if kind in {"explain", "catch"} or charge or (_FEATURE_QUESTION.search(normalise(text)) and plan and kind is None):
        return explain(step, plan, frame, catch=kind == "catch") if plan else recommend(step, frame)
    if kind == "enough" and plan:
        return fit(step, plan, frame)
    if kind == "cost" and plan:
        return cost(step, plan, frame)
    if kind == "cheaper" and plan:
        return compare(step, plan, frame)
    if kind == "current":
        return compare(step, None, frame)
    if kind == "switch":
        return compare(step, None, frame, switch=True)
    if named:
        return explain(step, named, frame)
    return recommend(step, frame)


def _recommendation(step: Step, frame: PlanFrame) -> PlanRecommendationResult | Decision:
    """The recommend_mobile_plan result for the frame (calling it first), or what to do instead."""
    event = step.done("recommend_mobile_plan")
    if event is None:
        return CallTool("recommend_mobile_plan", _recommend_args(frame))
    rec = read_result(event.result, PlanRecommendationResult)
    if not event.ok or rec is None:
        if "data use is unknown" in str((event.result or {}).get("message", "")):
            return Answer("plan_ask", {"question": "data_use"}, memo=_memo(frame.focus))
        return _error(event)
    return rec


def _picks(step: Step, rec: PlanRecommendationResult, age: int | None) -> tuple[list[PlanBill], bool]:
    """The plans this member may be recommended, cheapest first, and whether an age-restricted plan would
    be cheaper (so the age is worth asking)."""
    eligible = [b for b in rec.ranked if _eligible(step, b.plan_id, age)]
    restricted_cheaper = age is None and bool(rec.ranked) and not _eligible(step, rec.ranked[0].plan_id, None)
    return eligible, restricted_cheaper


def recommend(step: Step, frame: PlanFrame) -> Decision:
    rec = _recommendation(step, frame)
    if not isinstance(rec, PlanRecommendationResult):
        return rec
    picks, ask_age = _picks(step, rec, frame.age)
    current = rec.current_plan_bill
    top = picks[0] if picks else None
    return Answer(
        "plan_recommended",
        {
            "picks": [_bill(b) for b in picks[:2]],
            "usage": _usage(rec),
            "observed": rec.usage_source == "observed",
            "calls": rec.call_minutes_per_month,
            "app": rec.uses_app_for_calls,
            "current": _bill(current) if current and top and current.plan_id != top.plan_id else None,
            "on_best": bool(current and top and current.plan_id == top.plan_id),
            "current_not_covering": _not_covering_name(step, rec),
            "ask_age": ask_age,
            "age_limit": _limit(step, rec.ranked[0].plan_id) if ask_age and rec.ranked else None,
        },
        memo=_memo(top.plan_id if top else frame.focus),
    )


def _not_covering_name(step: Step, rec: PlanRecommendationResult) -> str | None:
    if rec.current_plan_id and any(p.plan_id == rec.current_plan_id for p in rec.not_covering):
        return _plan_name(step, rec.current_plan_id)
    return None


def compare(step: Step, plan_id: str | None, frame: PlanFrame, *, switch: bool = False) -> Decision:
    """A plan (or, without one, the best for this member) against what the member pays now."""
    if plan_id and frame.age is None and _limit(step, plan_id) is not None:
        return Answer("plan_ask", {"question": "age", "limit": _limit(step, plan_id)}, memo=_memo(plan_id))
    rec = _recommendation(step, frame)
    if not isinstance(rec, PlanRecommendationResult):
        return rec
    picks, _ask = _picks(step, rec, frame.age)
    chosen = next((b for b in rec.ranked if b.plan_id == plan_id), None) if plan_id else (picks[0] if picks else None)
    current = rec.current_plan_bill
    return Answer(
        "plan_compare",
        {
            "plan": _bill(chosen),
            "plan_name": _plan_name(step, plan_id) if plan_id else None,
            "current": _bill(current),
            "current_name": _plan_name(step, rec.current_plan_id) if rec.current_plan_id else None,
            "usage": _usage(rec),
            "observed": rec.usage_source == "observed",
            "asked_current": plan_id is None and not switch,
            "switch": switch,
            "best": _bill(picks[0]) if picks and plan_id is None else None,
        },
        memo=_memo(plan_id or (chosen.plan_id if chosen else frame.focus)),
    )


def _explained(step: Step, plan_id: str, gb: float | None = None) -> PlanExplanationResult | Decision:
    event = step.done("explain_mobile_plan", plan_id=plan_id)
    if event is None:
        args: dict[str, Any] = {"plan_id": plan_id}
        if gb is not None:
            args["monthly_data_gb"] = int(gb) if float(gb).is_integer() else gb
        return CallTool("explain_mobile_plan", args)
    plan = read_result(event.result, PlanExplanationResult)
    if not event.ok or plan is None:
        return _error(event)
    return plan


def _cap(tier: str | None) -> dict[str, Any]:
    """ "up to 5 GB: 990 JPY" -> the cap ("5 GB") and its price (990), for "Data Light stops at 5 GB"."""
    m = re.search(r"up to ([\d.]+)\s*GB:\s*([\d,]+)\s*JPY", tier or "")
    if m is None:
        return {"cap": None, "cap_price": None}
    return {"cap": f"{m[1]} GB", "cap_price": int(m[2].replace(",", ""))}


def _option_lines(plan: PlanExplanationResult, kind: str | None) -> list[str]:
    words: list[str] = cues()["plans"]["option_match"].get(kind or "", []) if kind else []
    lines = [o for o in plan.options if not words or has(o.lower(), words)]
    return lines


def explain(step: Step, plan_id: str, frame: PlanFrame, *, catch: bool = False) -> Decision:
    plan = _explained(step, plan_id, frame.gb)
    if not isinstance(plan, PlanExplanationResult):
        return plan
    bill = plan.bill_at_usage
    return Answer(
        "plan_explained",
        {
            "plan_name": plan.name,
            "tiers": plan.tiers,
            "calls": plan.calls,
            "options": [o.split(". ")[0] for o in plan.options][:3],
            "points": "" if re.search(r"\+0\b", plan.points) else plan.points,  # no "+0 points" line
            "bill": bill.monthly_total_jpy if isinstance(bill, PlanBill) else None,
            "description": plan.description if catch else "",
            "current": plan.is_current_plan,
        },
        memo=_memo(plan_id),
    )


def fit(step: Step, plan_id: str, frame: PlanFrame) -> Decision:
    """Would this plan cover the member's usage? The price if it does; where it stops and what fits if not."""
    rec = _recommendation(step, frame)
    if not isinstance(rec, PlanRecommendationResult):
        return rec
    mine = next((b for b in rec.ranked if b.plan_id == plan_id), None)
    picks, ask_age = _picks(step, rec, frame.age)
    top_tier = None
    if mine is None:
        plan = _explained(step, plan_id)
        if not isinstance(plan, PlanExplanationResult):
            return plan
        top_tier = plan.tiers[-1] if plan.tiers else None
    return Answer(
        "plan_fit",
        {
            "plan_name": _plan_name(step, plan_id),
            "fits": _bill(mine),
            "usage": _usage(rec),
            "observed": rec.usage_source == "observed",
            **_cap(top_tier),
            "best": _bill(picks[0]) if picks and mine is None else None,
            "ask_age": ask_age and mine is None,
            "age_limit": _limit(step, rec.ranked[0].plan_id) if ask_age and rec.ranked else None,
        },
        memo=_memo(plan_id),
    )


def cost(step: Step, plan_id: str, frame: PlanFrame) -> Decision:
    """What this plan would cost the member a month, with the option in focus added when asked."""
    if frame.age is None and _limit(step, plan_id) is not None:
        return Answer("plan_ask", {"question": "age", "limit": _limit(step, plan_id)}, memo=_memo(plan_id))
    rec = _recommendation(step, frame)
    if not isinstance(rec, PlanRecommendationResult):
        return rec
    mine = next((b for b in rec.ranked if b.plan_id == plan_id), None)
    extra: list[str] = []
    wants_option = frame.option is not None and bool(_WITH_OPTION.search(normalise(step.turn.text)))
    if wants_option or mine is None:
        plan = _explained(step, plan_id)
        if not isinstance(plan, PlanExplanationResult):
            return plan
        extra = [o.split(". ")[0] for o in _option_lines(plan, frame.option)][:1] if wants_option else []
        top = plan.tiers[-1] if plan.tiers else None
    else:
        top = None
    return Answer(
        "plan_cost",
        {
            "plan_name": _plan_name(step, plan_id),
            "bill": _bill(mine),
            "usage": _usage(rec),
            "option": extra,
            "cap": _cap(top)["cap"],
            "observed": rec.usage_source == "observed",
        },
        memo=_memo(plan_id),
    )


def option_answer(step: Step, frame: PlanFrame, kind: str) -> Decision:
    """An option (insurance, calls abroad): on the member's own plan when they have one, else which plans
    offer it."""
    listed = step.done("list_mobile_plans")
    if listed is None:
        return CallTool("list_mobile_plans", {})
    plans = read_result(listed.result, PlansResult)
    if not listed.ok or plans is None:
        return _error(listed)
    if plans.current_plan_id:
        plan = _explained(step, plans.current_plan_id)
        if not isinstance(plan, PlanExplanationResult):
            return plan
        lines = _option_lines(plan, kind)
        return Answer(
            "plan_option",
            {"own": plan.name, "lines": lines[:2], "offering": [], "kind": kind},
            memo=_memo(plans.current_plan_id),
        )
    words: list[str] = cues()["plans"]["option_match"].get(kind, [])
    offering = [
        {"name": p.name, "line": next(o for o in p.options if has(o.lower(), words))}
        for p in plans.plans
        if any(has(o.lower(), words) for o in p.options) and _eligible(step, p.id, frame.age)
    ]
    focus = next((p.id for p in plans.plans if offering and p.name == offering[0]["name"]), frame.focus)
    return Answer("plan_option", {"own": None, "lines": [], "offering": offering, "kind": kind}, memo=_memo(focus))
