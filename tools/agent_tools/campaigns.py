"""The programme's points campaigns: which are running or coming up, on what, for how long, up to what cap.

Why a tool of its own: "any points campaigns on?" / 「今月のキャンペーン」 is one of the commonest points
questions, and without it the assistant could only fold campaigns into a purchase's points quote. The answer
is read from the campaigns the programme stores (the same rows the rules engine applies), so a campaign the
programme does not run can never be offered; an ended campaign is never listed. For the member it adds what
they have already earned from each campaign, so "how much more can I earn" is answered against the cap.
"""

from __future__ import annotations

from datetime import date
from typing import Any, Literal

from langchain.tools import ToolRuntime
from pydantic import Field
from sqlalchemy import select

from data.schema import Campaign
from tools.agent_tools.base import agent_tool, compact
from tools.agent_tools.context import AssistantContext
from tools.agent_tools.results import ToolResult
from tools.agent_tools.schemas import ToolArgs
from tools.bookings import TRAVEL_CATEGORY
from tools.stay_points import campaign_points
from tools.tables import CampaignRow, ShopRow


class ListCampaignsArgs(ToolArgs):
    category: str | None = Field(
        default=None,
        description="Only campaigns that apply to this marketplace category (e.g. Electronics, Travel for hotel "
        "stays); campaigns on every category are always included.",
    )
    include_upcoming: bool = Field(default=True, description="Also list campaigns that have not started yet.")


class CampaignInfo(ToolResult):
    id: str
    name: str
    name_ja: str | None = None
    description: str
    description_ja: str | None = None
    status: Literal["running", "upcoming"]
    starts_on: date
    ends_on: date
    total_multiplier: int = Field(description="'Nx points': the base rate plus the campaign's bonus")
    category: str | None = Field(default=None, description="None: every category")
    category_ja: str | None = None
    shop_id: str | None = None
    shop_name: str | None = None
    requires_entry: bool
    cap_points: int = Field(description="Most bonus points one member can earn from the campaign")
    earned_points: int = Field(description="Bonus points this member has earned from it so far")
    limited_time_expiry_days: int = Field(description="Its bonus points expire this many days after the grant")


class CampaignsResult(ToolResult):
    campaigns: list[CampaignInfo]
    as_of: date


def _applies(campaign: Campaign, category: str | None) -> bool:
    if category is None:
        return True
    if category.casefold() == TRAVEL_CATEGORY.casefold() and campaign.shop_id is not None:
        return False  # a stay earns with the hotel as its shop: a marketplace shop's campaign never applies
    return campaign.category is None or campaign.category.casefold() == category.casefold()


@agent_tool("list_campaigns", label="Checking points campaigns", result=CampaignsResult)
def list_campaigns(ctx: AssistantContext, args: ListCampaignsArgs, runtime: ToolRuntime) -> Any:
    """The programme's points campaigns running now (and, unless include_upcoming is false, those starting
    later), soonest ending first: name, dates, the total points multiplier, category or shop, whether entry is
    required, the bonus cap and what the member has earned from each. Ended campaigns are never listed. Use it
    for questions about campaigns, promotions or bonus-points events; quote a purchase's points with
    points_for_purchase."""
    today = ctx.services.clock.today()
    with ctx.services.db.read() as session:
        rows = [(Campaign.model_validate(row.data), row.starts_on, row.ends_on) for row in session.execute(
            select(CampaignRow).order_by(CampaignRow.ends_on, CampaignRow.id)).scalars()]
        earned = campaign_points(session, ctx.member_id)
        shop_ids = {campaign.shop_id for campaign, _, _ in rows if campaign.shop_id}
        shops = {shop: name for shop, name in session.execute(
            select(ShopRow.id, ShopRow.name).where(ShopRow.id.in_(shop_ids))).tuples()}
    listed: list[dict[str, Any]] = []
    for campaign, starts_on, ends_on in rows:
        running = starts_on <= today <= ends_on
        upcoming = today < starts_on
        if not (running or (upcoming and args.include_upcoming)) or not _applies(campaign, args.category):
            continue
        listed.append(compact(CampaignInfo(
            id=campaign.id, name=campaign.name, name_ja=campaign.name_ja, description=campaign.description,
            description_ja=campaign.description_ja, status="running" if running else "upcoming",
            starts_on=starts_on, ends_on=ends_on, total_multiplier=1 + campaign.bonus_multiplier,
            category=campaign.category, category_ja=campaign.category_ja,
            shop_id=campaign.shop_id, shop_name=shops.get(campaign.shop_id or ""),
            requires_entry=campaign.requires_entry, cap_points=campaign.cap_points,
            earned_points=earned.get(campaign.id, 0), limited_time_expiry_days=campaign.limited_time_expiry_days,
        )))
    listed.sort(key=lambda c: (c["status"] != "running", c["ends_on"], c["id"]))
    return {"campaigns": listed, "as_of": today.isoformat()}


TOOLS = [list_campaigns]
