"""Result models of the agent's tools: the typed shape of the JSON each tool returns.

Why: a reader of a tool result (the offline engine, the UI cards, a test) reads declared fields instead of
guessing keys. Each model is the `result` of its tool's registry entry, and a test runs every tool and checks
that its output validates and has no key the model does not declare. Tools leave out None values, so every
field that can be None has a default. Unknown keys are kept (`extra="allow"`): a reader never fails on a
result that grew a field; the test is where a new field must be declared.

One module a domain (`marketplace`, `hotels`, `account`: destinations, points, mobile, support), all read
from here. Where a tool returns a domain model as it is, its result model is that model (see `base.ToolResult`).
"""

from tools.agent_tools.results.account import (
    BalanceResult,
    ConsumedPoints,
    DestinationItem,
    DestinationSearchResult,
    ExpiringPoints,
    HistoryResult,
    LedgerEntryResult,
    PendingPoints,
    PlanBill,
    PlanExplanationResult,
    PlanItem,
    PlanNotCovering,
    PlanRecommendationResult,
    PlansResult,
    RedemptionResult,
    TicketResult,
    Weather,
)
from tools.agent_tools.results.base import ToolResult
from tools.agent_tools.results.hotels import (
    AvailabilityResult,
    BookedResult,
    BookingResult,
    BookingsResult,
    CancellationResult,
    CancellationTerms,
    FeeStep,
    HotelItem,
    HotelSearchResult,
    PolicyTerms,
    PolicyTier,
    QuoteResult,
    RoomResult,
    StayResult,
)
from tools.agent_tools.results.marketplace import (
    ComparisonResult,
    EarnResult,
    ProductDetailsResult,
    ProductItem,
    ProductSearchResult,
    PurchasePointsResult,
    ReviewExcerpt,
    ReviewHighlightsResult,
)

__all__ = [
    "AvailabilityResult",
    "BalanceResult",
    "BookedResult",
    "BookingResult",
    "BookingsResult",
    "CancellationResult",
    "CancellationTerms",
    "ComparisonResult",
    "ConsumedPoints",
    "DestinationItem",
    "DestinationSearchResult",
    "EarnResult",
    "ExpiringPoints",
    "FeeStep",
    "HistoryResult",
    "HotelItem",
    "HotelSearchResult",
    "LedgerEntryResult",
    "PendingPoints",
    "PlanBill",
    "PlanExplanationResult",
    "PlanItem",
    "PlanNotCovering",
    "PlanRecommendationResult",
    "PlansResult",
    "PolicyTerms",
    "PolicyTier",
    "ProductDetailsResult",
    "ProductItem",
    "ProductSearchResult",
    "PurchasePointsResult",
    "QuoteResult",
    "RedemptionResult",
    "ReviewExcerpt",
    "ReviewHighlightsResult",
    "RoomResult",
    "StayResult",
    "TicketResult",
    "ToolResult",
    "Weather",
]
