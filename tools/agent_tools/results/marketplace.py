"""Result models of the marketplace tools (search, details, comparison, reviews, points for a purchase)."""

from __future__ import annotations

from pydantic import Field

from tools.agent_tools.results.base import ToolResult
from tools.catalogue import ProductDetailFacts, ProductFacts
from tools.points_rules import EarnQuote


class ReviewExcerpt(ToolResult):
    rating: int
    title: str
    text: str


class ProductItem(ProductFacts, ToolResult):
    """One product in a search result (without an index: the catalogue's summary; with one: the index hit)."""

    list_price_jpy: int | None = None  # left out when the product is not discounted
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


class ProductDetailsResult(ProductDetailFacts, ProductItem):
    """The product's listing and detail facts; the tool shows the first few reviews, each shortened."""

    model_number: str  # always there on a detail page (a search item may lack them)
    stock: int
    reviews: list[ReviewExcerpt]  # type: ignore[assignment]  # Review, shortened to an excerpt


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
