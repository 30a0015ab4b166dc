"""Points tools: the member's balance and history, and redeeming points (with the member's approval)."""

from __future__ import annotations

from typing import Any

from langchain.tools import ToolRuntime

from tools.agent_tools.base import agent_tool, compact
from tools.agent_tools.context import AssistantContext
from tools.agent_tools.hotels import idempotency_key
from tools.agent_tools.previews import redemption_preview
from tools.agent_tools.results import BalanceResult, HistoryResult, RedemptionResult
from tools.agent_tools.schemas import PointsBalanceArgs, PointsHistoryArgs, RedeemPointsArgs


@agent_tool("points_balance", label="Checking your points", result=BalanceResult)
def points_balance(ctx: AssistantContext, args: PointsBalanceArgs, runtime: ToolRuntime) -> Any:
    """The member's points balance, the points expiring within 30 days (soonest first) and limited-time points."""
    return compact(ctx.services.ledger.balance(ctx.member_id))


@agent_tool("points_history", label="Reading your points history", result=HistoryResult)
def points_history(ctx: AssistantContext, args: PointsHistoryArgs, runtime: ToolRuntime) -> Any:
    """The member's recent points movements, newest first: earned, redeemed, expired, reversed."""
    page = ctx.services.ledger.history(ctx.member_id, page=1, page_size=100 if args.kind else args.limit)
    entries = [e for e in page.entries if args.kind is None or e.kind == args.kind][: args.limit]
    return {"entries": [compact(e) for e in entries], "total_entries": page.total_entries}


def redeem_description(args: RedeemPointsArgs) -> str:
    if args.purpose == "mobile_bill":
        return "Points used on the mobile bill"
    return f"Points used on marketplace purchase {args.product_id}" if args.product_id else "Points used on a purchase"


@agent_tool("redeem_points", label="Redeeming points", side_effect=True, confirm=redemption_preview,
            result=RedemptionResult)
def redeem_points(ctx: AssistantContext, args: RedeemPointsArgs, runtime: ToolRuntime) -> Any:
    """Spend the member's points (1 point = 1 JPY) on a marketplace purchase or the mobile bill (pauses for the
    member's approval first). Points expiring soonest are used first."""
    result = ctx.services.ledger.redeem(
        ctx.member_id,
        args.points,
        idempotency_key=idempotency_key(ctx, runtime, "redeem"),
        description=redeem_description(args),
    )
    return {"redeemed": True, **compact(result)}


TOOLS = [points_balance, points_history, redeem_points]
