"""Mobile plan tools: list, explain (optionally the bill at a usage), recommend for the member's usage."""

from __future__ import annotations

from typing import Any

from langchain.tools import ToolRuntime

from tools.agent_tools.base import agent_tool, compact
from tools.agent_tools.context import AssistantContext
from tools.agent_tools.members import member_profile
from tools.agent_tools.results import PlanExplanationResult, PlanRecommendationResult, PlansResult
from tools.agent_tools.schemas import ExplainMobilePlanArgs, ListMobilePlansArgs, RecommendMobilePlanArgs
from tools.errors import InvalidRequest


@agent_tool("list_mobile_plans", label="Listing mobile plans", result=PlansResult)
def list_mobile_plans(ctx: AssistantContext, args: ListMobilePlansArgs, runtime: ToolRuntime) -> Any:
    """Every mobile plan with its price tiers (JPY per month, tax included) and whether app calls are free."""
    profile = member_profile(ctx.services, ctx.member_id)
    return {"current_plan_id": profile.mobile_plan_id, "plans": [compact(p) for p in ctx.services.mobile.list_plans()]}


@agent_tool("explain_mobile_plan", label="Explaining the plan", result=PlanExplanationResult)
def explain_mobile_plan(ctx: AssistantContext, args: ExplainMobilePlanArgs, runtime: ToolRuntime) -> Any:
    """One plan in detail: tiers, call charges, options, points bonus; with monthly_data_gb, the monthly bill."""
    explanation = ctx.services.mobile.explain_plan(args.plan_id)
    data = compact(explanation)
    data.pop("plan", None)
    data["plan_id"], data["name"] = explanation.plan.id, explanation.plan.name
    data["description"] = explanation.plan.description
    if explanation.plan.name_ja:
        data["name_ja"], data["description_ja"] = explanation.plan.name_ja, explanation.plan.description_ja
    data["is_current_plan"] = member_profile(ctx.services, ctx.member_id).mobile_plan_id == explanation.plan.id
    if args.monthly_data_gb is not None:
        cost = ctx.services.mobile.monthly_cost(explanation.plan, args.monthly_data_gb, 0, True)
        data["bill_at_usage"] = compact(cost) if cost else "no tier covers that usage"
    return data


@agent_tool("recommend_mobile_plan", label="Recommending a plan", result=PlanRecommendationResult)
def recommend_mobile_plan(ctx: AssistantContext, args: RecommendMobilePlanArgs, runtime: ToolRuntime) -> Any:
    """The plans ranked by the monthly bill for the member's usage (their observed data use unless
    monthly_data_gb is given), with the reasons for each figure, and the member's current plan with its bill
    at that usage (for "is that cheaper than what I pay now?"). Plans no tier of which covers the usage are
    left out of the ranking and named in not_covering."""
    profile = member_profile(ctx.services, ctx.member_id)
    usage = args.monthly_data_gb
    if usage is None:
        usage = profile.monthly_data_gb
    if usage is None:
        raise InvalidRequest("The member's data use is unknown: ask how many GB a month they use.")
    result = ctx.services.mobile.recommend(
        usage, call_minutes_per_month=args.call_minutes_per_month, uses_app_for_calls=args.uses_app_for_calls
    )
    data = compact(result)
    ranked = data.get("ranked", [])
    data["ranked"] = ranked[:3]
    data["usage_source"] = "stated" if args.monthly_data_gb is not None else "observed"
    data["current_plan_id"] = profile.mobile_plan_id
    data["current_plan_bill"] = next((c for c in ranked if c.get("plan_id") == profile.mobile_plan_id), None)
    covered = {c.get("plan_id") for c in ranked}
    data["not_covering"] = [
        compact({"plan_id": p.id, "name": p.name, "name_ja": p.name_ja})
        for p in ctx.services.mobile.list_plans()
        if p.id not in covered
    ]
    return data


TOOLS = [list_mobile_plans, explain_mobile_plan, recommend_mobile_plan]
