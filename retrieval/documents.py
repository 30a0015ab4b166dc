"""Turn catalogue records into index documents: the text we embed and the payload we filter and answer on.

The text is what a member's words should match (title, brand, model number, category, place names,
what a place is known for); the payload is what filters need (normalised keys) and what an answer
needs without another lookup (title, price, rating, city...). `text_sha` lets ingestion see what changed.

`text_ja` is the same document in Japanese where the data has it (`title_ja`, `description_ja`...): it is
embedded and keyword-indexed into vectors of its own (`dense_ja`, `bm25_ja`), which Japanese queries
search, so the English vectors and English ranking are exactly what they were. A document without
Japanese (an operator import) indexes its English text there too, so Japanese queries still reach it.
The payload carries the Japanese names (`title_ja`, `name_ja`, `area_ja`...) for cards in Japanese.
"""

from __future__ import annotations

import calendar
import hashlib
import json
from dataclasses import dataclass
from typing import Any

from data.schema import Destination, Hotel, Product
from data.vocab.places_ja import REGION_JA
from retrieval.index import Collection, code_key, norm


@dataclass(frozen=True, slots=True)
class IndexDocument:
    collection: Collection
    id: str
    text: str
    payload: dict[str, Any]
    text_ja: str = ""

    @property
    def search_text_ja(self) -> str:
        """What the Japanese vectors index: the Japanese text, or the English where there is none."""
        return self.text_ja or self.text

    @property
    def text_sha(self) -> str:
        return hashlib.sha256(self.text.encode()).hexdigest()

    @property
    def doc_sha(self) -> str:
        """Changes when the text (either language) or any payload field (price, stock...) changes."""
        body = json.dumps(self.payload, sort_keys=True, ensure_ascii=False, default=str)
        return hashlib.sha256(f"{self.text}\x00{self.text_ja}\x00{body}".encode()).hexdigest()


def _join(*parts: str) -> str:
    return "\n".join(p for p in parts if p)


def product_document(product: Product, *, source: str = "seed") -> IndexDocument:
    attributes = ", ".join(f"{k}: {v}" for k, v in sorted(product.attributes.items()))
    text = _join(
        product.title,
        f"{product.brand} {product.model_number}",
        f"{product.category} > {product.subcategory}",
        attributes,
        product.description,
    )
    payload: dict[str, Any] = {
        "id": product.id,
        "title": product.title,
        "brand": product.brand,
        "brand_key": norm(product.brand),
        "model_number": product.model_number,
        "model_key": code_key(product.model_number),
        "category": product.category,
        "category_key": norm(product.category),
        "subcategory": product.subcategory,
        "subcategory_key": norm(product.subcategory),
        "price_jpy": product.price_jpy,
        "list_price_jpy": product.list_price_jpy,
        "rating": product.rating,
        "review_count": product.review_count,
        "stock": product.stock,
        "in_stock": product.stock > 0,
        "shop_id": product.shop_id,
        "shop_name": product.shop_name,
        "points_multiplier": product.shop_points_multiplier,
        "free_shipping": product.free_shipping,
        "delivery_days": product.delivery_days,
        "source": source,
    }
    text_ja = ""
    if product.title_ja:
        attributes_ja = "、".join(f"{k}：{v}" for k, v in (product.attributes_ja or {}).items())
        text_ja = _join(
            product.title_ja,
            f"{product.brand_ja or product.brand} {product.brand} {product.model_number}",
            f"{product.category_ja or ''} > {product.subcategory_ja or ''}",
            attributes_ja,
            product.description_ja or "",
        )
        payload.update(title_ja=product.title_ja, brand_ja=product.brand_ja, subcategory_ja=product.subcategory_ja)
    return IndexDocument("products", product.id, text, payload, text_ja)


def hotel_document(hotel: Hotel) -> IndexDocument:
    amenities = ", ".join(a.replace("_", " ") for a in hotel.amenities)
    rooms = ", ".join(r.name for r in hotel.room_types)
    text = _join(
        hotel.name,
        f"{hotel.area}, {hotel.city}, {hotel.prefecture} ({hotel.region}) - {hotel.stars} stars",
        f"Amenities: {amenities}" if amenities else "",
        f"Rooms: {rooms}" if rooms else "",
        hotel.description,
        hotel.access,
    )
    min_rate = min((r.base_rate_jpy for r in hotel.room_types), default=0)
    payload: dict[str, Any] = {
        "id": hotel.id,
        "name": hotel.name,
        "city": hotel.city,
        "city_key": norm(hotel.city),
        "area": hotel.area,
        "area_key": norm(hotel.area),
        "prefecture": hotel.prefecture,
        "prefecture_key": norm(hotel.prefecture),
        "region": hotel.region,
        "stars": hotel.stars,
        "rating": hotel.rating,
        "review_count": hotel.review_count,
        "amenities": list(hotel.amenities),
        "min_rate_jpy": min_rate,
        "max_guests": max((r.capacity_total for r in hotel.room_types), default=0),
        "destination_id": hotel.destination_id,
        "check_in": hotel.check_in,
        "check_out": hotel.check_out,
    }
    text_ja = ""
    if hotel.name_ja:
        rooms_ja = "、".join(r.name_ja or r.name for r in hotel.room_types)
        text_ja = _join(
            hotel.name_ja,
            f"{hotel.area_ja or hotel.area}・{hotel.city_ja or hotel.city}・{hotel.prefecture_ja or hotel.prefecture}"
            f"（{REGION_JA.get(hotel.region, hotel.region)}） {hotel.stars}つ星",
            "設備：" + "、".join(hotel.amenities_ja or []) if hotel.amenities_ja else "",
            f"客室：{rooms_ja}" if rooms_ja else "",
            hotel.description_ja or "",
            hotel.access_ja or "",
        )
        payload.update(name_ja=hotel.name_ja, area_ja=hotel.area_ja, city_ja=hotel.city_ja,
                       prefecture_ja=hotel.prefecture_ja)
    return IndexDocument("hotels", hotel.id, text, payload, text_ja)


def destination_document(dest: Destination) -> IndexDocument:
    best = ", ".join(calendar.month_name[m] for m in sorted(dest.best_months))
    seasons = "; ".join(f"{calendar.month_abbr[c.month]}: {c.note}" for c in dest.climate if c.note)
    text = _join(
        f"{dest.area}, {dest.city}, {dest.prefecture} ({dest.region})",
        "Known for: " + ", ".join(dest.known_for),
        "Activities: " + ", ".join(dest.activities),
        f"Best months: {best}" if best else "",
        dest.description,
        seasons,
    )
    payload: dict[str, Any] = {
        "id": dest.id,
        "area": dest.area,
        "city": dest.city,
        "prefecture": dest.prefecture,
        "region": dest.region,
        "known_for": list(dest.known_for),
        "activities": [norm(a) for a in dest.activities],
        "best_months": sorted(dest.best_months),
        "avg_high_c": {f"m{c.month}": c.avg_high_c for c in dest.climate},
        "access": dict(dest.access),
    }
    text_ja = ""
    if dest.area_ja:
        best_ja = "・".join(f"{m}月" for m in sorted(dest.best_months))
        text_ja = _join(
            f"{dest.area_ja}（{dest.area_kana or ''}）、{dest.city_ja or ''}、{dest.prefecture_ja or ''}"
            f"（{REGION_JA.get(dest.region, dest.region)}）",
            "見どころ：" + "、".join(dest.known_for_ja or []),
            "楽しみ方：" + "、".join(dest.activities_ja or []),
            f"ベストシーズン：{best_ja}" if best_ja else "",
            dest.description_ja or "",
        )
        payload |= {"area_ja": dest.area_ja, "city_ja": dest.city_ja, "prefecture_ja": dest.prefecture_ja,
                    "known_for_ja": list(dest.known_for_ja or [])}
    return IndexDocument("destinations", dest.id, text, payload, text_ja)
