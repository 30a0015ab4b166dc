"""Result models of the agent's tools: the typed shape of the JSON each tool returns.

Why: a reader of a tool result (the offline engine, the UI cards, a test) reads declared fields instead of
guessing keys. Each model is the `result` of its tool's registry entry, and a test runs every tool and checks
that its output validates and has no key the model does not declare. Tools leave out None values, so every
field that can be None has a default. Unknown keys are kept (`extra="allow"`): a reader never fails on a
result that grew a field; the test is where a new field must be declared.
"""

from __future__ import annotations

from datetime import date
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from tools.points_rules import EarnLine, EarnQuote


class ToolResult(BaseModel):
    """Base of every result model."""

    model_config = ConfigDict(extra="allow")


# --- marketplace -------------------------------------------------------------------------------------


class ReviewExcerpt(ToolResult):
    rating: int
    title: str
    text: str


class ProductItem(ToolResult):
    """One product in a search result (without an index: the catalogue's summary; with one: the index hit)."""

    id: str
    title: str
    category: str
    subcategory: str
    brand: str
    shop_name: str
    price_jpy: int
    list_price_jpy: int | None = None
    rating: float
    review_count: int
    in_stock: bool
    free_shipping: bool
    shop_points_multiplier: int | None = None
    points_multiplier: int | None = Field(default=None, description="The index hit's name for the multiplier")
    model_number: str | None = None
    stock: int | None = None

    @property
    def multiplier(self) -> int | None:
        return self.shop_points_multiplier if self.shop_points_multiplier is not None else self.points_multiplier


class ProductSearchResult(ToolResult):
    query: str
    products: list[ProductItem]
    total_matches: int


class ProductDetailsResult(ProductItem):
    shop_id: str
    model_number: str
    stock: int
    attributes: dict[str, str]
    description: str
    delivery_days: int
    reviews: list[ReviewExcerpt]


class ComparisonResult(ToolResult):
    product_ids: list[str]
    facts: dict[str, list[str]] = Field(description="Fact name -> one value per product, in the order asked")


class ReviewHighlightsResult(ToolResult):
    product_id: str
    title: str
    rating: float
    review_count: int
    rating_spread: dict[str, int]
    best: list[ReviewExcerpt]
    critical: list[ReviewExcerpt]


class EarnResult(EarnQuote, ToolResult):
    """The points engine's quote as the tool returns it: the domain model itself, read as a tool result."""


class PurchasePointsResult(ToolResult):
    product_id: str
    quantity: int
    price_jpy: int
    points_balance: int
    earn: EarnResult


# --- hotels ------------------------------------------------------------------------------------------


class StayResult(ToolResult):
    check_in: date
    check_out: date
    nights: int
    adults: int
    children: int


class RoomResult(ToolResult):
    room_type_id: str
    name: str
    name_ja: str | None = None  # the data's Japanese names (issue 16): an answer in Japanese shows these
    capacity_adults: int
    capacity_total: int
    beds: str
    total_jpy: int
    avg_per_night_jpy: int
    rooms_left: int


class HotelItem(ToolResult):
    """One hotel in a search result; which price fields it has depends on the search path."""

    hotel_id: str
    name: str
    name_ja: str | None = None
    city: str
    area: str
    prefecture: str | None = None
    region: str | None = None
    stars: int
    rating: float
    review_count: int | None = None
    amenities: list[str]
    max_guests: int | None = None
    from_jpy_per_night: int | None = Field(default=None, description="Cheapest base rate (database, no dates)")
    min_rate_jpy: int | None = Field(default=None, description="Cheapest base rate (index)")
    cheapest_room: RoomResult | None = Field(default=None, description="With dates: the cheapest free room")

    @property
    def per_night_jpy(self) -> int | None:
        """The cheapest weekday base rate per night, whichever search path found the hotel."""
        return self.from_jpy_per_night if self.from_jpy_per_night is not None else self.min_rate_jpy


class HotelSearchResult(ToolResult):
    stay: StayResult | None = None
    hotels: list[HotelItem]
    matching: int
    notes: list[str] = Field(default_factory=list)


class AvailabilityResult(ToolResult):
    hotel_id: str
    name: str
    name_ja: str | None = None
    stay: StayResult
    rooms: list[RoomResult]


class FeeStep(ToolResult):
    starts_on: date | None = None
    ends_on: date
    fee_pct: int
    fee_jpy: int


class CancellationTerms(ToolResult):
    """The hotel's own policy (`policy`) in dates and yen for this stay (`text`, `schedule`)."""

    free_until: date | None = None
    fee_pct: int
    fee_jpy: int
    no_show_pct: int
    text: str
    non_refundable: bool = False
    fee_today_jpy: int = 0
    schedule: list[FeeStep] = Field(default_factory=list)
    policy: str = ""


class QuoteResult(ToolResult):
    hotel_id: str
    hotel_name: str
    room_type_id: str
    room_name: str
    hotel_name_ja: str | None = None
    room_name_ja: str | None = None
    stay: StayResult
    nightly_jpy: list[int]
    total_jpy: int
    points_to_use: int
    cash_to_pay_jpy: int
    points_balance: int
    max_points_usable: int
    points_earned: int
    points_credit_on: date | None = Field(default=None, description="Earned points are pending until this day")
    points_breakdown: list[EarnLine]
    cancellation: CancellationTerms
    rooms_left: int


class BookingResult(ToolResult):
    booking_id: str
    hotel_id: str
    hotel_name: str
    room_type_id: str
    room_name: str
    hotel_name_ja: str | None = None
    room_name_ja: str | None = None
    check_in: date
    check_out: date
    nights: int
    adults: int
    children: int
    total_jpy: int
    points_used: int
    cash_jpy: int
    points_earned: int
    points_credit_on: date | None = Field(default=None, description="Earned points are pending until this day")
    status: str
    cancellation: str
    cancellation_policy: str | None = None
    cancellation_fee_jpy: int | None = None


class BookedResult(BookingResult):
    booked: bool


class BookingsResult(ToolResult):
    status: str
    bookings: list[BookingResult]


class PolicyTier(ToolResult):
    days_before: int
    fee_pct: int


class PolicyTerms(ToolResult):
    """A hotel's policy as written, in fields (days before check-in): an answer in Japanese states it from these."""

    free_until_days: int
    fee_pct: int
    no_show_pct: int
    text: str
    tiers: list[PolicyTier] = Field(default_factory=list)


class CancellationResult(ToolResult):
    booking_id: str
    status: str
    free: bool
    fee_jpy: int
    fee_pct: int | None = None
    policy: str | None = None
    policy_terms: PolicyTerms | None = None
    points_refunded: int
    points_reversed: int
    balance_after: int
    message: str
    points_voided: int | None = None


# --- destinations ------------------------------------------------------------------------------------


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


# --- points ------------------------------------------------------------------------------------------


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


# --- mobile ------------------------------------------------------------------------------------------


class PlanItem(ToolResult):
    id: str
    name: str
    tiers: list[str]
    free_domestic_calls_via_app: bool
    description: str
    options: list[str] = Field(default_factory=list)


class PlansResult(ToolResult):
    current_plan_id: str | None = None
    plans: list[PlanItem]


class PlanBill(ToolResult):
    plan_id: str
    name: str
    data_tier: str
    data_price_jpy: int
    call_cost_jpy: int
    call_option: str | None = None
    monthly_total_jpy: int
    reasons: list[str]


class PlanExplanationResult(ToolResult):
    plan_id: str
    name: str
    tiers: list[str]
    calls: str
    options: list[str]
    points: str
    bill_at_usage: PlanBill | str | None = None
    description: str = ""
    is_current_plan: bool = False


class PlanNotCovering(ToolResult):
    plan_id: str
    name: str


class PlanRecommendationResult(ToolResult):
    monthly_gb: float
    call_minutes_per_month: int
    uses_app_for_calls: bool
    ranked: list[PlanBill]
    usage_source: Literal["stated", "observed"] = "observed"
    current_plan_id: str | None = None
    current_plan_bill: PlanBill | None = None
    not_covering: list[PlanNotCovering] = Field(default_factory=list)


# --- support -----------------------------------------------------------------------------------------


class TicketResult(ToolResult):
    ticket_id: str
    category: str
    status: str
