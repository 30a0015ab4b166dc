"""Mobile plan advice for this member: which plan fits, what a named plan costs or includes, whether it beats
what they pay now, and the options (insurance, calls abroad).

Every figure comes from the plan tools: `recommend_mobile_plan` prices every plan at the member's usage (and
names their current plan and its bill), `explain_mobile_plan` gives tiers, calls, options and the catch,
`list_mobile_plans` which plans carry an option. The conversation's frame (`plan_frame.py`) carries data
use, calls, app use and age across turns. An age-restricted plan is never recommended while the age is
unknown: the best plan for everyone is given and the age asked, once.
"""

from __future__ import annotations

import re
from typing import Any

from assistant.offline.nlu.account import app_calls, cues, has, option_wanted, plan_question
from assistant.offline.nlu.slots import normalise
from assistant.offline.plan_frame import (
    PlanFrame,
    age_limit,
    bill_view,
    may_recommend,
    plan_frame,
    plan_meant,
    plan_memo,
    plan_name,
    recommend_args,
    usage_of,
)
from assistant.offline.results import read_result
from assistant.offline.steps import Answer, CallTool, Decision, Step, tool_error
from tools.agent_tools.results import PlanBill, PlanExplanationResult, PlanRecommendationResult, PlansResult

_FEATURE_QUESTION = re.compile(
    r"^(?:and |so |but )?(do|does|will|would|can|is|are)\b.*\b(that one|it|this one|that plan|get)\b"
)
_WITH_OPTION = re.compile(r"\b(added|with (that|it|the)|plus|including)\b")


def _closing(text: str) -> bool:
    t = normalise(text)
    return has(t, cues()["plans"]["closing"]) and plan_question(t.replace("keep my", "")) != "cheaper"


# --- the handler -------------------------------------------------------------------------------------


def advise(step: Step) -> Decision:
    """One plan question, answered from the plan tools (see the module docstring)."""
    text = step.turn.text
    frame = plan_frame(step)
    named = plan_meant(step)
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
        return CallTool("recommend_mobile_plan", recommend_args(frame))
    rec = read_result(event.result, PlanRecommendationResult)
    if not event.ok or rec is None:
        if "data use is unknown" in str((event.result or {}).get("message", "")):
            return Answer("plan_ask", {"question": "data_use"}, memo=plan_memo(frame.focus))
        return tool_error(event)
    return rec


def _picks(step: Step, rec: PlanRecommendationResult, age: int | None) -> tuple[list[PlanBill], bool]:
    """The plans this member may be recommended, cheapest first, and whether an age-restricted plan would
    be cheaper (so the age is worth asking)."""
    allowed = [b for b in rec.ranked if may_recommend(step, b.plan_id, age)]
    restricted_cheaper = age is None and bool(rec.ranked) and not may_recommend(step, rec.ranked[0].plan_id, None)
    return allowed, restricted_cheaper


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
            "picks": [bill_view(b) for b in picks[:2]],
            "usage": usage_of(rec),
            "observed": rec.usage_source == "observed",
            "calls": rec.call_minutes_per_month,
            "app": rec.uses_app_for_calls,
            "current": bill_view(current) if current and top and current.plan_id != top.plan_id else None,
            "on_best": bool(current and top and current.plan_id == top.plan_id),
            "current_not_covering": _not_covering_name(step, rec),
            "ask_age": ask_age,
            "age_limit": age_limit(step, rec.ranked[0].plan_id) if ask_age and rec.ranked else None,
        },
        memo=plan_memo(top.plan_id if top else frame.focus),
    )


def _not_covering_name(step: Step, rec: PlanRecommendationResult) -> str | None:
    if rec.current_plan_id and any(p.plan_id == rec.current_plan_id for p in rec.not_covering):
        return plan_name(step, rec.current_plan_id)
    return None


def compare(step: Step, plan_id: str | None, frame: PlanFrame, *, switch: bool = False) -> Decision:
    """A plan (or, without one, the best for this member) against what the member pays now."""
    if plan_id and frame.age is None and age_limit(step, plan_id) is not None:
        return Answer("plan_ask", {"question": "age", "limit": age_limit(step, plan_id)}, memo=plan_memo(plan_id))
    rec = _recommendation(step, frame)
    if not isinstance(rec, PlanRecommendationResult):
        return rec
    picks, _ask = _picks(step, rec, frame.age)
    chosen = next((b for b in rec.ranked if b.plan_id == plan_id), None) if plan_id else (picks[0] if picks else None)
    current = rec.current_plan_bill
    return Answer(
        "plan_compare",
        {
            "plan": bill_view(chosen),
            "plan_name": plan_name(step, plan_id) if plan_id else None,
            "current": bill_view(current),
            "current_name": plan_name(step, rec.current_plan_id) if rec.current_plan_id else None,
            "usage": usage_of(rec),
            "observed": rec.usage_source == "observed",
            "asked_current": plan_id is None and not switch,
            "switch": switch,
            "best": bill_view(picks[0]) if picks and plan_id is None else None,
        },
        memo=plan_memo(plan_id or (chosen.plan_id if chosen else frame.focus)),
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
        return tool_error(event)
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
            "options": (plan.option_labels or [o.split(". ")[0] for o in plan.options])[:3],
            "points": "" if re.search(r"\+0\b", plan.points) else plan.points,  # no "+0 points" line
            "bill": bill.monthly_total_jpy if isinstance(bill, PlanBill) else None,
            "description": plan.description if catch else "",
            "current": plan.is_current_plan,
        },
        memo=plan_memo(plan_id),
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
            "plan_name": plan_name(step, plan_id),
            "fits": bill_view(mine),
            "usage": usage_of(rec),
            "observed": rec.usage_source == "observed",
            **_cap(top_tier),
            "best": bill_view(picks[0]) if picks and mine is None else None,
            "ask_age": ask_age and mine is None,
            "age_limit": age_limit(step, rec.ranked[0].plan_id) if ask_age and rec.ranked else None,
        },
        memo=plan_memo(plan_id),
    )


def cost(step: Step, plan_id: str, frame: PlanFrame) -> Decision:
    """What this plan would cost the member a month (with the option in focus added when asked), beside
    what they pay now. A price is not a recommendation: an age-restricted plan is priced, with who it is
    for, rather than held back behind the age question."""
    rec = _recommendation(step, frame)
    if not isinstance(rec, PlanRecommendationResult):
        return rec
    mine = next((b for b in rec.ranked if b.plan_id == plan_id), None)
    extra: list[str] = []
    wants_option = frame.option is not None and bool(_WITH_OPTION.search(normalise(step.turn.text)))
    top = None
    if wants_option or mine is None or frame.gb is not None:
        plan = _explained(step, plan_id, frame.gb)
        if not isinstance(plan, PlanExplanationResult):
            return plan
        extra = [o.split(". ")[0] for o in _option_lines(plan, frame.option)][:1] if wants_option else []
        top = plan.tiers[-1] if plan.tiers else None
        if mine is None and isinstance(plan.bill_at_usage, PlanBill):
            mine = plan.bill_at_usage
    current = rec.current_plan_bill
    return Answer(
        "plan_cost",
        {
            "plan_name": plan_name(step, plan_id),
            "bill": bill_view(mine),
            "usage": usage_of(rec),
            "option": extra,
            "cap": _cap(top)["cap"] if mine is None else None,
            "observed": rec.usage_source == "observed",
            "current": bill_view(current) if current is not None and current.plan_id != plan_id else None,
            "age_limit": age_limit(step, plan_id) if frame.age is None else None,
        },
        memo=plan_memo(plan_id),
    )


def option_answer(step: Step, frame: PlanFrame, kind: str) -> Decision:
    """An option (insurance, calls abroad): on the member's own plan when they have one, else which plans
    offer it."""
    plans = step.fetch("list_mobile_plans", {}, PlansResult)
    if isinstance(plans, Decision):
        return plans
    if plans.current_plan_id:
        plan = _explained(step, plans.current_plan_id)
        if not isinstance(plan, PlanExplanationResult):
            return plan
        lines = _option_lines(plan, kind)
        return Answer(
            "plan_option",
            {"own": plan.name, "lines": lines[:2], "offering": [], "kind": kind},
            memo=plan_memo(plans.current_plan_id),
        )
    words: list[str] = cues()["plans"]["option_match"].get(kind, [])
    offering = [
        {"name": p.name, "line": next(o for o in p.options if has(o.lower(), words))}
        for p in plans.plans
        if any(has(o.lower(), words) for o in p.options) and may_recommend(step, p.id, frame.age)
    ]
    focus = next((p.id for p in plans.plans if offering and p.name == offering[0]["name"]), frame.focus)
    return Answer("plan_option", {"own": None, "lines": [], "offering": offering, "kind": kind}, memo=plan_memo(focus))
