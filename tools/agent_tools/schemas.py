"""Argument models of the agent's tools: the exact schema the model sees, one model per tool.

Why a separate module: the web, offline-engine and eval code validate and build tool calls against the
same models (through `tools.agent_tools.registry`, which maps each tool to its model), and the identity rule
is easiest to audit here. No model has a member id: the member comes
from the runtime context (`tools.agent_tools.context.AssistantContext`), never from the model.
Every field has a description because it becomes the parameter documentation the LLM reads.
"""

from __future__ import annotations

from datetime import date
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from data.schema import Amenity, LedgerKind, Region

ProductId = str
HotelId = str

_PRODUCT_ID = r"^P\d{4,}$"
_HOTEL_ID = r"^H\d{3,}$"
_ROOM_TYPE_ID = r"^H\d{3,}-R\d+$"
_BOOKING_ID = r"^[A-Za-z0-9_-]{3,64}$"
_PLAN_ID = r"^[A-Za-z0-9_-]{1,40}$"


class ToolArgs(BaseModel):
    """Base for tool arguments: unknown keys are an error the model sees and can correct."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


# --- marketplace -------------------------------------------------------------------------------------


class SearchProductsArgs(ToolArgs):
    query: str = Field(
        min_length=1,
        max_length=200,
        description="What the member is looking for, in their words (e.g. 'wireless earbuds for running').",
    )
    category: str | None = Field(
        default=None,
        description="Top-level marketplace category to restrict to, e.g. 'Electronics', 'Fashion'. Omit if unsure.",
    )
    min_price_jpy: int | None = Field(default=None, ge=0, description="Lowest price in JPY (tax included).")
    max_price_jpy: int | None = Field(default=None, gt=0, description="Highest price in JPY (tax included).")
    min_rating: float | None = Field(default=None, ge=0, le=5, description="Minimum average review rating, 0-5.")
    free_shipping: bool | None = Field(default=None, description="True to show only items that ship free.")
    brand: str | None = Field(
        default=None,
        max_length=60,
        description="Only this brand, when the member asks for one ('only Sony'); every result is then that brand.",
    )
    exclude: list[str] = Field(
        default_factory=list,
        max_length=5,
        description="Words the member ruled out ('not for toddlers' -> ['toddler']): results whose title or "
        "sub-category contains one are left out.",
    )
    in_stock_only: bool = Field(default=True, description="Leave True unless the member asks for sold-out items.")
    limit: int = Field(default=5, ge=1, le=10, description="How many results to return (1-10).")


class ProductIdArgs(ToolArgs):
    product_id: str = Field(pattern=_PRODUCT_ID, description="Product id from search results, e.g. 'P000123'.")


class GetProductDetailsArgs(ProductIdArgs):
    pass


class ReviewHighlightsArgs(ProductIdArgs):
    pass


class CompareProductsArgs(ToolArgs):
    product_ids: list[str] = Field(
        min_length=2,
        max_length=4,
        description="Two to four product ids from search results to compare side by side.",
    )


class PointsForPurchaseArgs(ToolArgs):
    product_id: str = Field(pattern=_PRODUCT_ID, description="Product id the member is thinking of buying.")
    quantity: int = Field(default=1, ge=1, le=99, description="How many units.")
    points_to_use: int = Field(
        default=0, ge=0, description="Points the member would spend on it (points spent earn no points)."
    )


# --- hotels ------------------------------------------------------------------------------------------


class SearchHotelsArgs(ToolArgs):
    query: str | None = Field(
        default=None,
        max_length=200,
        description="Free-text wishes (e.g. 'quiet ryokan with onsen near the station'). Omit for filters only.",
    )
    city: str | None = Field(default=None, max_length=60, description="City in Japan, e.g. 'Kyoto', 'Sapporo'.")
    area: str | None = Field(
        default=None,
        max_length=60,
        description="Area, district or station within the city, e.g. 'Gion', 'Tokyo Station' (with `city`).",
    )
    region: Region | None = Field(default=None, description="Region of Japan, when the member names no city.")
    check_in: date | None = Field(
        default=None, description="Check-in date (YYYY-MM-DD); needed to filter by availability."
    )
    nights: int | None = Field(default=None, ge=1, le=14, description="Number of nights (1-14).")
    adults: int = Field(default=2, ge=1, le=10, description="Adults staying.")
    children: int = Field(default=0, ge=0, le=10, description="Children staying.")
    max_price_per_night_jpy: int | None = Field(default=None, gt=0, description="Budget per room per night in JPY.")
    min_stars: int | None = Field(default=None, ge=1, le=5, description="Minimum hotel class, 1-5 stars.")
    min_rating: float | None = Field(
        default=None, ge=0, le=5, description="Minimum guest review rating, 0-5 (e.g. 'rated 4.5 or better')."
    )
    amenities: list[Amenity] = Field(
        default_factory=list, description="Amenities every result must have, e.g. ['onsen', 'breakfast']."
    )
    limit: int = Field(default=5, ge=1, le=10, description="How many hotels to return (1-10).")


class StayArgs(ToolArgs):
    hotel_id: str = Field(pattern=_HOTEL_ID, description="Hotel id from search results, e.g. 'H0042'.")
    check_in: date = Field(description="Check-in date (YYYY-MM-DD).")
    nights: int = Field(ge=1, le=14, description="Number of nights (1-14).")
    adults: int = Field(default=2, ge=1, le=10, description="Adults staying.")
    children: int = Field(default=0, ge=0, le=10, description="Children staying.")


class CheckAvailabilityArgs(StayArgs):
    pass


class QuoteStayArgs(StayArgs):
    room_type_id: str = Field(
        pattern=_ROOM_TYPE_ID, description="Room type id from check_availability, e.g. 'H0042-R2'."
    )
    points_to_use: int = Field(
        default=0, ge=0, description="Points to spend on the stay (1 point = 1 JPY); 0 to pay it all in cash."
    )


class BookHotelArgs(QuoteStayArgs):
    """Same fields as the quote: the booking is exactly the stay that was quoted."""


class CancelBookingArgs(ToolArgs):
    booking_id: str = Field(pattern=_BOOKING_ID, description="Booking id from my_bookings or the booking result.")


class MyBookingsArgs(ToolArgs):
    status: Literal["upcoming", "past", "cancelled", "all"] = Field(
        default="upcoming", description="Which bookings to list."
    )


# --- destinations ------------------------------------------------------------------------------------


class SearchDestinationsArgs(ToolArgs):
    query: str = Field(
        min_length=1, max_length=200, description="What the trip is about, e.g. 'somewhere warm with beaches'."
    )
    month: int | None = Field(default=None, ge=1, le=12, description="Month of travel (1-12), to weigh the weather.")
    region: Region | None = Field(default=None, description="Region of Japan to restrict to.")
    limit: int = Field(default=5, ge=1, le=10, description="How many destinations to return (1-10).")


# --- points ------------------------------------------------------------------------------------------


class PointsBalanceArgs(ToolArgs):
    pass


class PointsHistoryArgs(ToolArgs):
    kind: LedgerKind | None = Field(
        default=None, description="Only this kind of movement: earn, redeem, expire or reverse."
    )
    limit: int = Field(default=10, ge=1, le=50, description="How many recent movements to return (1-50).")


class RedeemPointsArgs(ToolArgs):
    points: int = Field(gt=0, description="Points to redeem (1 point = 1 JPY).")
    purpose: Literal["marketplace_purchase", "mobile_bill"] = Field(
        default="marketplace_purchase",
        description="What the points pay for: a marketplace purchase or the member's mobile bill.",
    )
    product_id: str | None = Field(
        default=None, pattern=_PRODUCT_ID, description="For a marketplace purchase: the product the points pay for."
    )


# --- mobile ------------------------------------------------------------------------------------------


class ListMobilePlansArgs(ToolArgs):
    pass


class ExplainMobilePlanArgs(ToolArgs):
    plan_id: str = Field(pattern=_PLAN_ID, description="Mobile plan id from list_mobile_plans.")
    monthly_data_gb: float | None = Field(
        default=None, ge=0, le=1000, description="Data used per month in GB, to show the bill at that usage."
    )


class RecommendMobilePlanArgs(ToolArgs):
    monthly_data_gb: float | None = Field(
        default=None,
        ge=0,
        le=1000,
        description="Expected data per month in GB; omit to use the member's observed usage.",
    )
    call_minutes_per_month: int = Field(
        default=0, ge=0, le=44640, description="Voice call minutes per month, if the member mentioned calls."
    )
    uses_app_for_calls: bool = Field(
        default=False, description="True if the member is happy to call through the carrier's app (free calls)."
    )


# --- support -----------------------------------------------------------------------------------------


class HandoffToSupportArgs(ToolArgs):
    category: Literal["booking", "points", "order", "mobile", "account", "other"] = Field(
        description="Which team should handle it: booking (hotel stays), points, order (marketplace purchases, "
        "refunds, complaints about items), mobile, account (login, personal data, payment), other."
    )
    reason: str = Field(
        min_length=3,
        max_length=500,
        description="One or two sentences, in the member's terms, of what they need from support.",
    )
