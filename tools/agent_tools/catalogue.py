"""Marketplace tools: search, details, comparison, review highlights, points for a purchase.

Search is hybrid retrieval (`services.search`, a `tools.search.CatalogueSearch`, when the index is built)
with the catalogue's filters; without an index it falls back to the catalogue's own filters ranked by word
overlap, so the assistant still works on a bare database.
"""

from __future__ import annotations

import re
from typing import Any

from langchain.tools import ToolRuntime

from tools.agent_tools.base import agent_tool, compact
from tools.agent_tools.context import AssistantContext
from tools.agent_tools.results import (
    ComparisonResult,
    ProductDetailsResult,
    ProductSearchResult,
    PurchasePointsResult,
    ReviewHighlightsResult,
)
from tools.agent_tools.schemas import (
    CompareProductsArgs,
    GetProductDetailsArgs,
    PointsForPurchaseArgs,
    ReviewHighlightsArgs,
    SearchProductsArgs,
)

_WORD = re.compile(r"[\w']+")
DESCRIPTION_CHARS = 600
REVIEW_CHARS = 240


def _words(text: str) -> set[str]:
    return {w for w in _WORD.findall(text.lower()) if len(w) > 2}


@agent_tool("search_products", label="Searching products", untrusted_output=True, result=ProductSearchResult)
def search_products(ctx: AssistantContext, args: SearchProductsArgs, runtime: ToolRuntime) -> Any:
    """Search the marketplace for products matching the member's words and filters. Returns ids, titles, prices
    (JPY), ratings, shop points multiplier and stock, best match first. Use get_product_details for more."""
    search = ctx.services.search
    if search is not None:
        hits = search.products.search(
            query=args.query,
            category=args.category,
            min_price_jpy=args.min_price_jpy,
            max_price_jpy=args.max_price_jpy,
            min_rating=args.min_rating,
            in_stock=True if args.in_stock_only else None,
            limit=min(args.limit + (5 if args.free_shipping or args.exclude else 0) + (10 if args.brand else 0), 20),
        )
        products = [
            compact(h)
            for h in hits
            if (not args.free_shipping or h.free_shipping)
            and _brand_fits(h.brand, args.brand)
            and not _excluded(f"{h.title} {h.subcategory}", args.exclude)
        ][: args.limit]
        for product in products:
            product.pop("score", None)
        return {"query": args.query, "products": products, "total_matches": len(products)}
    page = ctx.services.catalogue.list_products(
        category=args.category,
        min_price=args.min_price_jpy,
        max_price=args.max_price_jpy,
        min_rating=args.min_rating,
        in_stock=args.in_stock_only,
        sort="relevance",
        limit=50,
    )
    wanted = _words(args.query)
    scored = []
    for p in page.products:
        if (args.free_shipping and not p.free_shipping) or not _brand_fits(p.brand, args.brand):
            continue
        if _excluded(f"{p.title} {p.subcategory}", args.exclude):
            continue
        overlap = len(wanted & _words(f"{p.title} {p.subcategory} {p.brand} {p.category}"))
        scored.append((overlap, p))
    scored.sort(key=lambda item: -item[0])
    hits = [compact(p) for overlap, p in scored if overlap > 0 or not wanted][: args.limit]
    return {"query": args.query, "products": hits, "total_matches": len(hits)}


def _excluded(text: str, words: list[str]) -> bool:
    """Whether a title names something the member ruled out ("toddler" also rules out "toddlers")."""
    found = _words(text)
    forms = {f for w in words for f in (w.lower(), f"{w.lower()}s", f"{w.lower()[:-1]}ies")}
    return bool(forms & found)


def _brand_fits(brand: str, wanted: str | None) -> bool:
    """ "Only Sony": the brand as the catalogue spells it, case and spacing aside."""
    return not wanted or brand.casefold().replace(" ", "") == wanted.casefold().replace(" ", "")


@agent_tool("get_product_details", label="Reading product details", untrusted_output=True, result=ProductDetailsResult)
def get_product_details(ctx: AssistantContext, args: GetProductDetailsArgs, runtime: ToolRuntime) -> Any:
    """Full facts of one product: price, shop, stock, delivery, attributes, description and a few reviews."""
    product = ctx.services.catalogue.get_product(args.product_id)
    data = compact(product)
    data["description"] = product.description[:DESCRIPTION_CHARS]
    data["reviews"] = [
        {"rating": r.rating, "title": r.title, "text": r.text[:REVIEW_CHARS]} for r in product.reviews[:3]
    ]
    return data


@agent_tool("compare_products", label="Comparing products", untrusted_output=True, result=ComparisonResult)
def compare_products(ctx: AssistantContext, args: CompareProductsArgs, runtime: ToolRuntime) -> Any:
    """Side-by-side facts (price, rating, shop, points multiplier, stock, delivery, attributes) of 2-4 products."""
    comparison = ctx.services.catalogue.compare(args.product_ids)
    return {"product_ids": comparison.product_ids, "facts": comparison.facts}


@agent_tool("review_highlights", label="Reading reviews", untrusted_output=True, result=ReviewHighlightsResult)
def review_highlights(ctx: AssistantContext, args: ReviewHighlightsArgs, runtime: ToolRuntime) -> Any:
    """What reviewers say about one product: rating spread, the best and the most critical reviews."""
    highlights = ctx.services.catalogue.review_highlights(args.product_id)
    data = compact(highlights)
    for key in ("best", "critical"):
        data[key] = [
            {"rating": r.rating, "title": r.title, "text": r.text[:REVIEW_CHARS]} for r in getattr(highlights, key)
        ]
    return data


@agent_tool("points_for_purchase", label="Working out points", result=PurchasePointsResult)
def points_for_purchase(ctx: AssistantContext, args: PointsForPurchaseArgs, runtime: ToolRuntime) -> Any:
    """How many points the member would earn buying this product, line by line (base rate, linked-service
    bonuses, shop multiplier, campaigns, monthly cap) and their current balance. Nothing is bought."""
    result = ctx.services.catalogue.points_for_purchase(
        ctx.member_id, args.product_id, quantity=args.quantity, points_to_use=args.points_to_use
    )
    return compact(result)


TOOLS = [search_products, get_product_details, compare_products, review_highlights, points_for_purchase]
