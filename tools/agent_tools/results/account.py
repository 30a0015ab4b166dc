"""Result models of the destination, points, mobile and support tools."""

from __future__ import annotations

from datetime import date
from typing import Literal

from pydantic import Field

from tools.agent_tools.results.base import ToolResult
from tools.mobile import PlanCost, PlanTerms


class Weather(ToolResult):
    month: int
    avg_high_c: int
    avg_low_c: int
    rain_days: int
    note: str


class DestinationItem(ToolResult):
    destination_id: str
    area: str
    city: str
    prefecture: str
    region: str
    known_for: list[str]
    activities: list[str]
    best_months: list[int]
    description: str | None = None
    weather: Weather | None = Field(default=None, description="Database path, with a month")
    avg_high_c: int | None = Field(default=None, description="Index path, with a month")
    access: dict[str, str] | None = None

    @property
    def high_c(self) -> int | None:
        """The month's average high, whichever search path found the destination."""
        return self.weather.avg_high_c if self.weather is not None else self.avg_high_c


class DestinationSearchResult(ToolResult):
    query: str
    month: int | None = None
    destinations: list[DestinationItem]


class ExpiringPoints(ToolResult):
    expires_on: date
    points: int
    limited_time: bool


class PendingPoints(ToolResult):
    ref: str
    points: int
    credit_on: date
    description: str


class BalanceResult(ToolResult):
    total: int
    expiring_soon_total: int
    expiring_soon: list[ExpiringPoints]
    limited_time_total: int
    pending_total: int | None = Field(default=None, description="Earned on stays not checked out: not spendable")
    pending: list[PendingPoints] = Field(default_factory=list)
    as_of: date


class LedgerEntryResult(ToolResult):
    id: int
    kind: str
    points: int
    description: str
    created_on: date
    expires_on: date | None = None
    limited_time: bool
    campaign_id: str | None = None
    ref: str | None = None


class HistoryResult(ToolResult):
    entries: list[LedgerEntryResult]
    total_entries: int


class ConsumedPoints(ToolResult):
    expires_on: date | None = None
    limited_time: bool
    points: int


class RedemptionResult(ToolResult):
    redeemed: bool
    entry_id: int
    points: int
    balance_after: int
    consumed: list[ConsumedPoints]


class PlanItem(ToolResult):
    id: str
    name: str
    tiers: list[str]
    free_domestic_calls_via_app: bool
    description: str
    options: list[str] = Field(default_factory=list)
    name_ja: str | None = None
    description_ja: str | None = None
    tiers_ja: list[str] = Field(default_factory=list)
    options_ja: list[str] = Field(default_factory=list)


class PlansResult(ToolResult):
    current_plan_id: str | None = None
    plans: list[PlanItem]


class PlanBill(PlanCost, ToolResult):
    """One plan's monthly bill at a usage, as `tools.mobile` computes it (the call option may be absent)."""


class PlanExplanationResult(PlanTerms, ToolResult):
    """`tools.mobile.PlanExplanation` as the tool returns it: the plan's terms, with the plan's id, name and
    description in place of the whole plan, and the bill at a usage when one was given."""

    plan_id: str
    name: str
    bill_at_usage: PlanBill | str | None = None
    description: str = ""
    is_current_plan: bool = False
    name_ja: str | None = None
    description_ja: str | None = None


class PlanNotCovering(ToolResult):
    plan_id: str
    name: str
    name_ja: str | None = None


class PlanRecommendationResult(ToolResult):
    monthly_gb: float
    call_minutes_per_month: int
    uses_app_for_calls: bool
    ranked: list[PlanBill]
    usage_source: Literal["stated", "observed"] = "observed"
    current_plan_id: str | None = None
    current_plan_bill: PlanBill | None = None
    not_covering: list[PlanNotCovering] = Field(default_factory=list)


class TicketResult(ToolResult):
    ticket_id: str
    category: str
    status: str
