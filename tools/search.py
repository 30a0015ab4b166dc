"""Semantic search the agent's tools call: products, hotels and destination guides.

The index finds what matches the member's words (hybrid dense + keyword search with payload filters);
the database has the last word on the facts that move: a product's current price and stock, and a
hotel's free rooms for given dates. A product deleted from the database never appears, even if the
index has not caught up yet.

The argument models (`ProductQuery`, `HotelQuery`, `DestinationQuery`) describe every filter, so the
LangChain tool wrappers can use them as their schema as they are.
"""

from __future__ import annotations

from datetime import date
from typing import Any, TypeVar

from pydantic import BaseModel, Field
from sqlalchemy import select

from retrieval.index import DEFAULT_FUSION, DestinationFilters, FusionMethod, Hit, HotelFilters, ProductFilters
from retrieval.retriever import QueryEmbedder, Retriever
from retrieval.search_index import SearchIndex
from tools.db import Database
from tools.errors import DomainError, InvalidRequest, parse_request
from tools.filters import check_price_range
from tools.hotels import HotelInventory, RoomOffer
from tools.tables import ProductRow


class ProductQuery(ProductFilters):
    query: str = Field(
        min_length=1,
        max_length=200,
        description="What the member is looking for, in their words: a need ('gift for a runner'), a product "
        "type, a brand or a model number (e.g. 'WH-1000XM5').",
    )
    limit: int = Field(default=5, ge=1, le=20, description="How many products to return (1-20).")


class HotelQuery(HotelFilters):
    query: str = Field(
        default="hotel",
        max_length=200,
        description="Free-text wishes, e.g. 'quiet ryokan with private onsen near the station'.",
    )
    check_in: date | None = Field(
        default=None,
        description="Check-in date (YYYY-MM-DD). With `nights`, only hotels with a free fitting room show.",
    )
    nights: int | None = Field(default=None, ge=1, le=14, description="Number of nights, with `check_in`.")
    adults: int | None = Field(
        default=None, ge=1, le=10, description="Adults in the room, with `check_in` (default: every guest an adult)."
    )
    children: int | None = Field(default=None, ge=0, le=6, description="Children in the room, with `check_in`.")
    limit: int = Field(default=5, ge=1, le=20, description="How many hotels to return (1-20).")


class DestinationQuery(DestinationFilters):
    query: str = Field(
        min_length=1,
        max_length=200,
        description="What the trip is about, e.g. 'somewhere warm with beaches', 'autumn leaves and temples'.",
    )
    limit: int = Field(default=5, ge=1, le=20, description="How many destinations to return (1-20).")


class ProductHit(BaseModel):
    id: str
    title: str
    brand: str
    model_number: str
    category: str
    subcategory: str
    price_jpy: int
    list_price_jpy: int | None = None
    rating: float
    review_count: int
    in_stock: bool
    stock: int
    shop_name: str
    points_multiplier: int
    free_shipping: bool
    score: float
    # Japanese names for a card in Japanese (None where the catalogue has no Japanese, e.g. an operator import).
    title_ja: str | None = None
    brand_ja: str | None = None
    subcategory_ja: str | None = None


class HotelHit(BaseModel):
    id: str
    name: str
    city: str
    area: str
    prefecture: str
    region: str
    stars: int
    rating: float
    review_count: int
    amenities: list[str]
    min_rate_jpy: int = Field(description="Cheapest room's weekday base rate per night")
    max_guests: int
    available_room: RoomOffer | None = Field(default=None, description="Cheapest free fitting room for the asked dates")
    score: float
    name_ja: str | None = None
    area_ja: str | None = None
    city_ja: str | None = None
    prefecture_ja: str | None = None


class DestinationHit(BaseModel):
    id: str
    area: str
    city: str
    prefecture: str
    region: str
    known_for: list[str]
    activities: list[str]
    best_months: list[int]
    avg_high_c: int | None = Field(
        default=None, description="Average daily high in the asked month, if a month was given"
    )
    access: dict[str, str]
    score: float
    area_ja: str | None = None
    city_ja: str | None = None
    prefecture_ja: str | None = None
    known_for_ja: list[str] | None = None


Q = TypeVar("Q", bound=BaseModel)


def _validate(model: type[Q], query: Q | None, kwargs: dict[str, Any]) -> Q:
    """The search's arguments: the query model as given, or one validated from keyword arguments."""
    if query is not None:
        if kwargs:
            raise TypeError("pass either a query model or keyword arguments, not both")
        return query
    return parse_request(model, **kwargs)


class ProductSearch:
    """Products matching the member's words and filters, with price and stock as the database has them now."""

    def __init__(self, retriever: Retriever, db: Database | None = None) -> None:
        self.retriever = retriever
        self.db = db

    def search(self, query: ProductQuery | None = None, /, **kwargs: Any) -> list[ProductHit]:
        args = _validate(ProductQuery, query, kwargs)
        check_price_range(args.min_price_jpy, args.max_price_jpy)
        filters = ProductFilters.model_validate(args.model_dump(include=set(ProductFilters.model_fields)))
        # ask for a few more: the database may veto some (sold out since indexing, or deleted)
        hits = self.retriever.search("products", args.query, filters, limit=args.limit + 5)
        live = self._live_facts([h.id for h in hits])
        out: list[ProductHit] = []
        for hit in hits:
            payload = dict(hit.payload)
            if live is not None:
                if hit.id not in live:
                    continue  # deleted from the catalogue
                price, stock = live[hit.id]
                payload.update(price_jpy=price, stock=stock, in_stock=stock > 0)
                if not _still_matches(payload, args):
                    continue
            out.append(_product_hit(payload, hit.score))
            if len(out) == args.limit:
                break
        return out

    def _live_facts(self, ids: list[str]) -> dict[str, tuple[int, int]] | None:
        if self.db is None or not ids:
            return None if self.db is None else {}
        with self.db.read() as session:
            rows = session.execute(
                select(ProductRow.id, ProductRow.price_jpy, ProductRow.stock).where(ProductRow.id.in_(ids))
            ).all()
        return {row.id: (row.price_jpy, row.stock) for row in rows}


def _still_matches(payload: dict[str, Any], args: ProductQuery) -> bool:
    price = payload["price_jpy"]
    if args.min_price_jpy is not None and price < args.min_price_jpy:
        return False
    if args.max_price_jpy is not None and price > args.max_price_jpy:
        return False
    return not (args.in_stock and payload["stock"] <= 0)


def _product_hit(p: dict[str, Any], score: float) -> ProductHit:
    return ProductHit(
        id=p["id"], title=p["title"], brand=p["brand"], model_number=p.get("model_number", ""),
        category=p["category"], subcategory=p["subcategory"], price_jpy=p["price_jpy"],
        list_price_jpy=p.get("list_price_jpy"), rating=p["rating"], review_count=p["review_count"],
        in_stock=p["in_stock"], stock=p["stock"], shop_name=p["shop_name"],
        points_multiplier=p.get("points_multiplier", 1), free_shipping=p.get("free_shipping", False),
        score=round(score, 4), title_ja=p.get("title_ja"), brand_ja=p.get("brand_ja"),
        subcategory_ja=p.get("subcategory_ja"),
    )


class HotelSearch:
    """Hotels matching wishes and filters; with dates, only those with a free room that fits the guests."""

    def __init__(self, retriever: Retriever, inventory: HotelInventory | None = None) -> None:
        self.retriever = retriever
        self.inventory = inventory

    def search(self, query: HotelQuery | None = None, /, **kwargs: Any) -> list[HotelHit]:
        args = _validate(HotelQuery, query, kwargs)
        if (args.check_in is None) != (args.nights is None):
            raise InvalidRequest("Give both a check-in date and a number of nights, or neither.")
        filters = HotelFilters.model_validate(args.model_dump(include=set(HotelFilters.model_fields)))
        dated = args.check_in is not None and self.inventory is not None
        hits = self.retriever.search("hotels", args.query or "hotel", filters, limit=args.limit * (3 if dated else 1))
        out: list[HotelHit] = []
        for hit in hits:
            room = self._cheapest_free_room(hit, args) if dated else None
            if dated and room is None:
                continue
            out.append(_hotel_hit(hit, room))
            if len(out) == args.limit:
                break
        return out

    def _cheapest_free_room(self, hit: Hit, args: HotelQuery) -> RoomOffer | None:
        assert self.inventory is not None and args.check_in is not None
        # The same adults/children split the quote and booking will use, so a room listed here also fits
        # there; without a split every guest counts as an adult (the stricter reading of room capacity).
        children = args.children or 0
        adults = args.adults or max((args.guests or 2) - children, 1)
        try:
            availability = self.inventory.availability(
                hit.id, args.check_in, nights=args.nights, adults=adults, children=children
            )
        except DomainError:
            return None
        free = [
            r for r in availability.rooms
            if r.rooms_left > 0
            and (args.max_price_per_night_jpy is None or r.avg_per_night_jpy <= args.max_price_per_night_jpy)
        ]
        return min(free, key=lambda r: (r.total_jpy, r.room_type_id)) if free else None


def _hotel_hit(hit: Hit, room: RoomOffer | None) -> HotelHit:
    p = hit.payload
    return HotelHit(
        id=p["id"], name=p["name"], city=p["city"], area=p["area"], prefecture=p["prefecture"], region=p["region"],
        stars=p["stars"], rating=p["rating"], review_count=p["review_count"], amenities=p["amenities"],
        min_rate_jpy=p["min_rate_jpy"], max_guests=p["max_guests"], available_room=room, score=round(hit.score, 4),
        name_ja=p.get("name_ja"), area_ja=p.get("area_ja"), city_ja=p.get("city_ja"),
        prefecture_ja=p.get("prefecture_ja"),
    )


class DestinationSearch:
    """Destination guides matching a trip idea, the month (best season or warm enough) and activities."""

    def __init__(self, retriever: Retriever) -> None:
        self.retriever = retriever

    def search(self, query: DestinationQuery | None = None, /, **kwargs: Any) -> list[DestinationHit]:
        args = _validate(DestinationQuery, query, kwargs)
        filters = DestinationFilters.model_validate(args.model_dump(include=set(DestinationFilters.model_fields)))
        hits = self.retriever.search("destinations", args.query, filters, limit=args.limit)
        out = []
        for hit in hits:
            p = hit.payload
            high = p.get("avg_high_c", {}).get(f"m{args.month}") if args.month else None
            out.append(
                DestinationHit(
                    id=p["id"], area=p["area"], city=p["city"], prefecture=p["prefecture"], region=p["region"],
                    known_for=p["known_for"], activities=p["activities"], best_months=p["best_months"],
                    avg_high_c=high, access=p.get("access", {}), score=round(hit.score, 4),
                    area_ja=p.get("area_ja"), city_ja=p.get("city_ja"), prefecture_ja=p.get("prefecture_ja"),
                    known_for_ja=p.get("known_for_ja"),
                )
            )
        return out


class CatalogueSearch:
    """The three searches together: what `Services.search` holds."""

    def __init__(self, retriever: Retriever, db: Database | None = None, inventory: HotelInventory | None = None):
        self.retriever = retriever
        self.products = ProductSearch(retriever, db)
        self.hotels = HotelSearch(retriever, inventory)
        self.destinations = DestinationSearch(retriever)


def catalogue_search(index: SearchIndex, embedder: QueryEmbedder, db: Database | None,
                     inventory: HotelInventory | None = None, *,
                     fusion: FusionMethod = DEFAULT_FUSION) -> CatalogueSearch:
    """Wire the searches from an opened index (`retrieval.build_or_load_index`) and embedder
    (`retrieval.embeddings.open_embedder`); the app sets `services.search` to this."""
    return CatalogueSearch(Retriever(index, embedder, fusion=fusion), db, inventory)
