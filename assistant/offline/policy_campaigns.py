"""Points campaigns: what is running and coming up, on what, until when, up to what cap.

Every figure is read from `list_campaigns` (the programme's own campaigns), so an answer can never offer a
campaign the programme does not run. A question about one part of the marketplace ("for electronics",
"hotel stays") is asked with that category, and campaigns on every category come with it.
"""

from __future__ import annotations

import re
from typing import Any

from assistant.offline.results import read_result
from assistant.offline.steps import Answer, CallTool, Decision, Step, tool_error
from tools.agent_tools.campaigns import CampaignInfo, CampaignsResult
from tools.bookings import TRAVEL_CATEGORY

# Hotel stays earn under the programme's Travel category (the rules engine's category for a booking).
_STAYS_JA = "ホテルのご宿泊"
_TRAVEL = re.compile(r"\b(hotels?|travel|trips?|stays?|ryokan|inn)\b")


def _category(step: Step) -> str | None:
    category = step.parse.all_slots.get("category")
    if isinstance(category, str) and category:
        return category
    return TRAVEL_CATEGORY if _TRAVEL.search(step.turn.text.lower()) else None


def _view(campaign: CampaignInfo) -> dict[str, Any]:
    return {
        "name": campaign.name,
        "name_ja": campaign.name_ja or campaign.name,
        "multiplier": campaign.total_multiplier,
        # a stay earns under the Travel category: say what it means for a member
        "scope": "hotel stays" if campaign.category == TRAVEL_CATEGORY else campaign.category,
        "scope_ja": _STAYS_JA if campaign.category == TRAVEL_CATEGORY else campaign.category_ja or campaign.category,
        "shop": (campaign.shop_name or campaign.shop_id) if campaign.shop_id else None,
        "starts_on": campaign.starts_on.isoformat(),
        "ends_on": campaign.ends_on.isoformat(),
        "entry": campaign.requires_entry,
        "cap": campaign.cap_points,
        "left": max(0, campaign.cap_points - campaign.earned_points),
        "earned": campaign.earned_points,
    }


def campaigns(step: Step) -> Decision:
    category = _category(step)
    event = step.done("list_campaigns")
    if event is None:
        return CallTool("list_campaigns", {"category": category} if category else {})
    result = read_result(event.result, CampaignsResult)
    if not event.ok or result is None:
        return tool_error(event)
    views = [_view(c) for c in result.campaigns]
    return Answer("campaigns", {
        "scope": "hotel stays" if category == TRAVEL_CATEGORY else category,
        "running": [v for v, c in zip(views, result.campaigns, strict=True) if c.status == "running"],
        "upcoming": [v for v, c in zip(views, result.campaigns, strict=True) if c.status == "upcoming"],
        "category": category,
    })
