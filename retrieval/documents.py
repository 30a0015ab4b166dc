"""Turn catalogue records into index documents: the text we embed and the payload we filter and answer on.

The text is what a member's words should match (title, brand, model number, category, place names,
what a place is known for); the payload is what filters need (normalised keys) and what an answer
needs without another lookup (title, price, rating, city...). `text_sha` lets ingestion see what changed.
"""

from __future__ import annotations

import calendar
import hashlib
import json
from dataclasses import dataclass
from typing import Any

from data.schema import Destination, Hotel, Product
from retrieval.index import Collection, code_key, norm


@dataclass(frozen=True, slots=True)
class IndexDocument:
    collection: Collection
    id: str
    text: str
    payload: dict[str, Any]

    @property
    def text_sha(self) -> str:
        return hashlib.sha256(self.text.encode()).hexdigest()

    @property
    def doc_sha(self) -> str:
        """Changes when the text or any payload field (price, stock...) changes."""
        body = json.dumps(self.payload, sort_keys=True, ensure_ascii=False, default=str)
        return hashlib.sha256(f"{self.text}\x00{body}".encode()).hexdigest()


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
    payload = {
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
    return IndexDocument("products", product.id, text, payload)


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
    payload = {
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
    return IndexDocument("hotels", hotel.id, text, payload)


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
    payload = {
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
    return IndexDocument("destinations", dest.id, text, payload)
