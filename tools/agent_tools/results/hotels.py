"""Result models of the hotel tools (search, availability, quote, book, cancel, list bookings)."""

from __future__ import annotations

from datetime import date

from pydantic import Field

from data.schema import CancellationPolicy, CancellationTier
from tools.agent_tools.results.base import ToolResult
from tools.bookings import Cancellation
from tools.cancellation import CancellationTerms as StayCancellationTerms
from tools.cancellation import FeeStep as StayFeeStep
from tools.hotels import HotelAvailability, Stay
from tools.points_rules import EarnLine


class StayResult(Stay, ToolResult):
    """The stay as the hotel services resolve it (dates and guests)."""


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


class AvailabilityResult(HotelAvailability, ToolResult):
    """The hotel's availability, each room without its nightly breakdown."""

    stay: StayResult
    rooms: list[RoomResult]  # type: ignore[assignment]  # RoomOffer less `nightly`


class FeeStep(StayFeeStep, ToolResult):
    starts_on: date | None = None  # left out when the step runs from booking


class CancellationTerms(StayCancellationTerms, ToolResult):
    """The hotel's own policy (`policy`) in dates and yen for this stay (`text`, `schedule`)."""

    free_until: date | None = None  # left out when the stay is never free to cancel
    schedule: list[FeeStep] = Field(default_factory=list)  # type: ignore[assignment]  # the result's FeeStep


class HotelNames(ToolResult):
    """Which hotel, with its Japanese name where the data has one (issue 16)."""

    hotel_id: str
    hotel_name: str
    hotel_name_ja: str | None = None


class StayNames(HotelNames):
    """Which hotel and room a quote or booking is for, with the data's Japanese names where it has them."""

    room_type_id: str
    room_name: str
    room_name_ja: str | None = None


class QuoteResult(StayNames):
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


class BookingResult(StayNames, StayResult):
    """A booking as the tools show it: the stay's dates and guests inline, its cancellation terms as text."""

    booking_id: str
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


class PolicyTier(CancellationTier, ToolResult):
    """One steeper fee of the policy, days before check-in."""


class PolicyTerms(CancellationPolicy, ToolResult):
    """A hotel's policy as written, in fields (days before check-in): an answer in Japanese states it from these."""

    tiers: list[PolicyTier] = Field(default_factory=list)  # type: ignore[assignment]  # the result's PolicyTier


class CancellationResult(Cancellation, ToolResult):
    """The cancellation as the bookings service reports it."""

    policy_terms: PolicyTerms | None = None
