"""The points rules engine: how many points a purchase earns, line by line, so the assistant can explain it.

Rules (integer arithmetic only; every rule below is covered by a table-driven test):

1. Points are earned on the amount actually paid in cash: `paid = price_jpy - points_used * point_value_jpy`.
   Points spent are never earned on. Paying entirely with points earns nothing.
2. Every line is computed independently from `paid` and rounded **down**: `floor(paid * rate / 100)`, where
   `rate` is in points per 100 JPY. So 99 JPY earns 0, 100 JPY earns 1, 199 JPY earns 1 at the 1x base rate.
   Lines are rounded one by one, never summed first: 199 JPY at base 1 plus card +2 earns 1 + 3 = 4 points,
   not floor(199 * 3 / 100) = 5.
3. Lines, in this order: the base rate; one bonus per linked service the member holds (mobile, card, bank, at
   the programme's `linked_bonus_rate`); the shop multiplier bonus, `(m - 1) * base_rate` per 100 JPY for a shop
   granting m x in total; one bonus per running campaign that matches the purchase's date, category and shop
   (a campaign needing entry applies only when the member entered it), each capped at the campaign's own
   per-member cap.
4. The monthly bonus cap covers every line except the base: the bonus lines are granted in the order above
   until the member's remaining room for the calendar month runs out; later lines are cut first, and the cut
   is shown on the line and in `cap`.
5. Base and linked-service points are regular points (no fixed expiry here; the ledger may give them one).
   Shop and campaign bonus points are limited-time: shop bonus expires `bonus_expiry_days` after the purchase,
   campaign bonus `limited_time_expiry_days` after it (the campaign's own setting).
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from data.schema import Campaign, LinkedServices, PointsRules
from tools.errors import InvalidRequest

LineKind = Literal["base", "linked", "shop", "campaign"]


class ActiveCampaign(BaseModel):
    """A campaign with its relative seed dates materialised to calendar dates."""

    model_config = ConfigDict(frozen=True)

    id: str
    name: str
    bonus_multiplier: int = Field(ge=1)
    category: str | None = None
    shop_id: str | None = None
    starts_on: date
    ends_on: date
    requires_entry: bool = False
    limited_time_expiry_days: int = Field(ge=0)
    cap_points: int = Field(ge=0)

    @classmethod
    def from_seed(cls, campaign: Campaign, today: date) -> ActiveCampaign:
        """The seed campaign's terms as they are, its start and end days counted from `today`."""
        terms = campaign.model_dump(exclude={"description", "starts_in_days", "ends_in_days"})
        return cls(**terms, starts_on=today + timedelta(days=campaign.starts_in_days),
                   ends_on=today + timedelta(days=campaign.ends_in_days))

    def applies_to(self, on: date, category: str | None, shop_id: str | None) -> bool:
        if not self.starts_on <= on <= self.ends_on:
            return False
        if self.category is not None and (category or "").casefold() != self.category.casefold():
            return False
        return self.shop_id is None or self.shop_id == shop_id


class EarnRequest(BaseModel):
    """One purchase, as the rules engine needs to see it."""

    model_config = ConfigDict(frozen=True)

    linked: LinkedServices = LinkedServices()
    price_jpy: int = Field(ge=0)
    points_used: int = Field(default=0, ge=0)
    shop_multiplier: int = Field(default=1, ge=1, le=100)
    category: str | None = None
    shop_id: str | None = None
    on: date
    bonus_already_this_month: int = Field(default=0, ge=0)
    campaign_points_already: dict[str, int] = Field(default_factory=dict)
    entered_campaigns: frozenset[str] = frozenset()


class EarnLine(BaseModel):
    kind: LineKind
    label: str
    rate_per_100_jpy: int
    points: int  # before the monthly cap
    granted: int  # after the monthly cap
    cut_by_cap: int = 0
    limited_time: bool = False
    expires_on: date | None = None
    campaign_id: str | None = None


class CapApplied(BaseModel):
    monthly_cap: int
    already_this_month: int
    room_left: int  # bonus points the member could still earn this month before this purchase
    bonus_requested: int
    bonus_granted: int
    cut: int


class EarnQuote(BaseModel):
    price_jpy: int
    points_used: int
    paid_jpy: int
    lines: list[EarnLine]
    cap: CapApplied
    total: int
    regular_points: int
    limited_time_points: int
    notes: list[str] = Field(default_factory=list)


class PointsRulesEngine:
    """Pure computation over the programme's rules and the campaigns running; no I/O."""

    def __init__(self, rules: PointsRules, campaigns: list[ActiveCampaign]) -> None:
        self.rules = rules
        self.campaigns = list(campaigns)

    def quote_earn(self, request: EarnRequest) -> EarnQuote:
        rules = self.rules
        cash_from_points = request.points_used * rules.point_value_jpy
        if cash_from_points > request.price_jpy:
            raise InvalidRequest(
                f"You can use at most {request.price_jpy // rules.point_value_jpy:,} points on a "
                f"{request.price_jpy:,} JPY purchase; you asked to use {request.points_used:,}."
            )
        paid = request.price_jpy - cash_from_points

        def earn(rate: int) -> int:
            return paid * rate // 100

        lines = [EarnLine(kind="base", label="Base points (1 pt per 100 JPY paid)" if rules.base_rate == 1
                          else f"Base points ({rules.base_rate} pt per 100 JPY paid)",
                          rate_per_100_jpy=rules.base_rate, points=earn(rules.base_rate), granted=0)]
        held = request.linked.model_dump()
        for service, rate in rules.linked_bonus_rate.items():
            if held.get(service) and rate > 0:
                lines.append(EarnLine(kind="linked", label=f"{service.capitalize()} member bonus (+{rate}x)",
                                      rate_per_100_jpy=rate, points=earn(rate), granted=0))
        notes: list[str] = []
        if request.shop_multiplier > 1:
            rate = (request.shop_multiplier - 1) * rules.base_rate
            lines.append(EarnLine(kind="shop", label=f"Shop bonus ({request.shop_multiplier}x shop, +{rate}x)",
                                  rate_per_100_jpy=rate, points=earn(rate), granted=0, limited_time=True,
                                  expires_on=request.on + timedelta(days=rules.bonus_expiry_days)))
        for campaign in self.campaigns:
            if not campaign.applies_to(request.on, request.category, request.shop_id):
                continue
            rate = campaign.bonus_multiplier * rules.base_rate
            if campaign.requires_entry and campaign.id not in request.entered_campaigns:
                notes.append(f"Enter campaign '{campaign.name}' ({campaign.id}) before buying to earn "
                             f"{earn(rate):,} more points.")
                continue
            room = max(0, campaign.cap_points - request.campaign_points_already.get(campaign.id, 0))
            points = min(earn(rate), room)
            if points < earn(rate):
                notes.append(f"Campaign '{campaign.name}' is capped at {campaign.cap_points:,} points per member; "
                             f"{room:,} of them were left.")
            lines.append(EarnLine(kind="campaign", label=f"{campaign.name} (+{rate}x)", rate_per_100_jpy=rate,
                                  points=points, granted=0, limited_time=True, campaign_id=campaign.id,
                                  expires_on=request.on + timedelta(days=campaign.limited_time_expiry_days)))

        room_left = max(0, rules.monthly_bonus_cap - request.bonus_already_this_month)
        remaining = room_left
        lines[0].granted = lines[0].points
        for line in lines[1:]:
            line.granted = min(line.points, remaining)
            line.cut_by_cap = line.points - line.granted
            remaining -= line.granted
        requested = sum(line.points for line in lines[1:])
        granted = sum(line.granted for line in lines[1:])
        if granted < requested:
            notes.append(f"Monthly bonus cap of {rules.monthly_bonus_cap:,} points reached: "
                         f"{requested - granted:,} bonus points were not granted.")
        if paid == 0 and request.price_jpy > 0:
            notes.append("Paid entirely with points, so no points are earned on this purchase.")
        cap = CapApplied(monthly_cap=rules.monthly_bonus_cap, already_this_month=request.bonus_already_this_month,
                         room_left=room_left, bonus_requested=requested, bonus_granted=granted,
                         cut=requested - granted)
        limited = sum(line.granted for line in lines if line.limited_time)
        total = sum(line.granted for line in lines)
        return EarnQuote(price_jpy=request.price_jpy, points_used=request.points_used, paid_jpy=paid, lines=lines,
                         cap=cap, total=total, regular_points=total - limited, limited_time_points=limited,
                         notes=notes)
