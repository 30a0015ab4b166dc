"""The marketplace catalogue: products by id, filtered lists, comparisons, review highlights, points for a purchase.

Semantic search lives in `retrieval/`; this module answers the structured questions (price, brand, rating,
stock) exactly, from the database. `truth_tags` (the generator's ground truth) are never returned.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from pydantic import BaseModel, Field
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from data.schema import LinkedServices, Product, Review
from tools.db import DatedService
from tools.errors import InsufficientPoints, NotFound, SoldOut, parse_request
from tools.filters import check_price_range, where_text_is
from tools.ledger_store import ledger_sum
from tools.points_rules import EarnQuote, EarnRequest, PointsRulesEngine
from tools.stay_points import bonus_this_month, campaign_points
from tools.tables import MemberRow, ProductRow
from tools.validation import Id, ShortText

SortKey = Literal["relevance", "price_asc", "price_desc", "rating", "reviews"]


class ProductFacts(BaseModel):
    """What every listing of a product says first, from the catalogue or the index (the tool results read it)."""

    id: str
    title: str
    category: str
    subcategory: str
    brand: str
    shop_name: str
    price_jpy: int
    list_price_jpy: int | None
    rating: float
    review_count: int
    in_stock: bool


class ProductSummary(ProductFacts):
    shop_points_multiplier: int
    free_shipping: bool
    title_ja: str | None = None  # the Japanese title for a card in Japanese (None where the data has none)


class ProductDetailFacts(BaseModel):
    """What a product's detail page adds to its listing (the tool result of the details reads it too)."""

    shop_id: str
    model_number: str
    stock: int
    attributes: dict[str, str]
    description: str
    delivery_days: int
    reviews: list[Review]


class ProductDetail(ProductDetailFacts, ProductSummary):  # fields: the summary's, then the detail facts'
    description_ja: str | None = None
    attributes_ja: dict[str, str] | None = None
    reviews_ja: list[Review] | None = None


class ProductPage(BaseModel):
    products: list[ProductSummary]
    total_matches: int
    offset: int
    limit: int


class Comparison(BaseModel):
    product_ids: list[str]
    facts: dict[str, list[str]]  # fact name -> one value per product, in the order asked
    products: list[ProductSummary]


class ReviewHighlights(BaseModel):
    product_id: str
    title: str
    rating: float
    review_count: int
    rating_spread: dict[int, int]  # stars -> reviews shown
    best: list[Review]
    critical: list[Review]


class PurchasePoints(BaseModel):
    product_id: str
    quantity: int
    price_jpy: int
    points_balance: int
    earn: EarnQuote


class _ProductFilter(BaseModel):
    category: ShortText | None = None
    subcategory: ShortText | None = None
    brand: ShortText | None = None
    min_price: int | None = Field(default=None, ge=0)
    max_price: int | None = Field(default=None, ge=0)
    min_rating: float | None = Field(default=None, ge=0, le=5)
    in_stock: bool = False
    shop_id: Id | None = None
    sort: SortKey = "relevance"
    offset: int = Field(default=0, ge=0, le=1_000_000)
    limit: int = Field(default=10, ge=1, le=50)


class _Ids(BaseModel):
    ids: list[Id] = Field(min_length=1, max_length=50)


class _CompareIds(BaseModel):
    ids: list[Id] = Field(min_length=2, max_length=5)


class _PurchaseArgs(BaseModel):
    member_id: Id
    product_id: Id
    quantity: int = Field(default=1, ge=1, le=99)
    points_to_use: int = Field(default=0, ge=0, le=100_000_000)


@dataclass(eq=False)
class Catalogue(DatedService):
    """Products by id, filtered lists, comparisons, review highlights, points for a purchase."""

    rules: PointsRulesEngine

    def get_product(self, product_id: str) -> ProductDetail:
        return self.get_products([product_id])[0]

    def get_products(self, ids: list[str]) -> list[ProductDetail]:
        """Products in the order asked; NotFound names every unknown id."""
        args = parse_request(_Ids, ids=ids)
        with self.db.read() as session:
            found = _load(session, args.ids)
        missing = [i for i in args.ids if i not in found]
        if missing:
            raise NotFound(f"No product with id {', '.join(repr(m) for m in missing)}. Search the catalogue and use "
                           "an id from the results.")
        return [_detail(found[i]) for i in args.ids]

    def list_products(self, *, category: str | None = None, subcategory: str | None = None, brand: str | None = None,
                      min_price: int | None = None, max_price: int | None = None, min_rating: float | None = None,
                      in_stock: bool = False, shop_id: str | None = None, sort: str = "relevance", offset: int = 0,
                      limit: int = 10) -> ProductPage:
        """Filter by category, subcategory, brand, price range, minimum rating, stock; sort and page.

        `sort` is one of relevance (most reviewed), price_asc, price_desc, rating, reviews.
        """
        args = parse_request(_ProductFilter, category=category, subcategory=subcategory, brand=brand,
                             min_price=min_price, max_price=max_price, min_rating=min_rating, in_stock=in_stock,
                             shop_id=shop_id, sort=sort, offset=offset, limit=limit)
        check_price_range(args.min_price, args.max_price)
        query = where_text_is(select(ProductRow), ((ProductRow.category, args.category),
                                                   (ProductRow.subcategory, args.subcategory),
                                                   (ProductRow.brand, args.brand)))
        if args.shop_id:
            query = query.where(ProductRow.shop_id == args.shop_id)
        if args.min_price is not None:
            query = query.where(ProductRow.price_jpy >= args.min_price)
        if args.max_price is not None:
            query = query.where(ProductRow.price_jpy <= args.max_price)
        if args.min_rating is not None:
            query = query.where(ProductRow.rating >= args.min_rating)
        if args.in_stock:
            query = query.where(ProductRow.stock > 0)
        order = {
            "relevance": (ProductRow.review_count.desc(), ProductRow.id),
            "price_asc": (ProductRow.price_jpy, ProductRow.id),
            "price_desc": (ProductRow.price_jpy.desc(), ProductRow.id),
            "rating": (ProductRow.rating.desc(), ProductRow.review_count.desc(), ProductRow.id),
            "reviews": (ProductRow.review_count.desc(), ProductRow.id),
        }[args.sort]
        with self.db.read() as session:
            total = session.execute(select(func.count()).select_from(query.subquery())).scalar_one()
            rows = session.execute(query.order_by(*order).offset(args.offset).limit(args.limit)).scalars().all()
            products = [_summary(Product.model_validate(row.data)) for row in rows]
        return ProductPage(products=products, total_matches=total, offset=args.offset, limit=args.limit)

    def compare(self, ids: list[str]) -> Comparison:
        """Side-by-side facts for 2 to 5 products, including every attribute any of them has."""
        args = parse_request(_CompareIds, ids=ids)
        products = self.get_products(args.ids)
        facts: dict[str, list[str]] = {
            "price": [f"{p.price_jpy:,} JPY" for p in products],
            "brand": [p.brand for p in products],
            "rating": [f"{p.rating:.1f} ({p.review_count:,} reviews)" for p in products],
            "shop": [p.shop_name for p in products],
            "points multiplier": [f"{p.shop_points_multiplier}x" for p in products],
            "in stock": ["yes" if p.stock > 0 else "no" for p in products],
            "delivery": [f"{p.delivery_days} days" + (", free shipping" if p.free_shipping else "") for p in products],
        }
        for name in sorted({k for p in products for k in p.attributes}):
            facts[name] = [p.attributes.get(name, "-") for p in products]
        return Comparison(product_ids=args.ids, facts=facts,
                          products=[ProductSummary.model_validate(p.model_dump()) for p in products])

    def review_highlights(self, product_id: str) -> ReviewHighlights:
        product = self.get_product(product_id)
        ranked = sorted(product.reviews, key=lambda r: (-r.rating, r.days_ago))
        spread: dict[int, int] = {}
        for review in product.reviews:
            spread[review.rating] = spread.get(review.rating, 0) + 1
        return ReviewHighlights(product_id=product.id, title=product.title, rating=product.rating,
                                review_count=product.review_count, rating_spread=spread,
                                best=[r for r in ranked if r.rating >= 4][:3],
                                critical=[r for r in reversed(ranked) if r.rating <= 3][:3])

    def points_for_purchase(self, member_id: str, product_id: str, quantity: int = 1,
                            points_to_use: int = 0) -> PurchasePoints:
        """What buying this would earn the member, line by line (nothing is bought or written)."""
        args = parse_request(_PurchaseArgs, member_id=member_id, product_id=product_id, quantity=quantity,
                             points_to_use=points_to_use)
        product = self.get_product(args.product_id)
        if product.stock < args.quantity:
            raise SoldOut(f"Only {product.stock} of '{product.title}' left in stock; you asked for {args.quantity}.")
        price = product.price_jpy * args.quantity
        today = self.clock.today()
        with self.db.read() as session:
            member = session.get(MemberRow, args.member_id)
            if member is None:
                raise NotFound(f"No member with id '{args.member_id}'.")
            balance = ledger_sum(session, args.member_id)
            if args.points_to_use > balance:
                raise InsufficientPoints(f"You have {balance:,} points; you asked to use {args.points_to_use:,}.")
            earn = self.rules.quote_earn(EarnRequest(
                linked=LinkedServices.model_validate(member.linked), price_jpy=price,
                points_used=args.points_to_use, shop_multiplier=product.shop_points_multiplier,
                category=product.category, shop_id=product.shop_id, on=today,
                bonus_already_this_month=bonus_this_month(session, args.member_id, today),
                campaign_points_already=campaign_points(session, args.member_id)))
        return PurchasePoints(product_id=product.id, quantity=args.quantity, price_jpy=price, points_balance=balance,
                              earn=earn)


def _load(session: Session, ids: list[str]) -> dict[str, Product]:
    rows = session.execute(select(ProductRow).where(ProductRow.id.in_(ids))).scalars().all()
    return {row.id: Product.model_validate(row.data) for row in rows}


def _summary(p: Product) -> ProductSummary:
    return ProductSummary(id=p.id, title=p.title, category=p.category, subcategory=p.subcategory, brand=p.brand,
                          shop_name=p.shop_name, price_jpy=p.price_jpy, list_price_jpy=p.list_price_jpy,
                          rating=p.rating, review_count=p.review_count, in_stock=p.stock > 0,
                          shop_points_multiplier=p.shop_points_multiplier, free_shipping=p.free_shipping,
                          title_ja=p.title_ja)


def _detail(p: Product) -> ProductDetail:
    return ProductDetail(**_summary(p).model_dump(), shop_id=p.shop_id, model_number=p.model_number, stock=p.stock,
                         attributes=dict(p.attributes), description=p.description, delivery_days=p.delivery_days,
                         reviews=list(p.reviews), description_ja=p.description_ja,
                         attributes_ja=dict(p.attributes_ja) if p.attributes_ja is not None else None,
                         reviews_ja=list(p.reviews_ja) if p.reviews_ja is not None else None)


