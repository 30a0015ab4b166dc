"""HTML cards for products, hotels and pending actions, shown in the chat.

Why a module of its own: every string here comes from the catalogue or the model, which is data, never
markup. Each value is HTML-escaped *and* has its markdown-significant characters turned into entities, so
a product title such as `![x](http://evil)` or `<img onerror=...>` renders as the literal text. The card
markup has no blank lines, so the chat's markdown renderer keeps it as one HTML block.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable, Mapping
from typing import Any

# One pass, so no entity is escaped twice: HTML specials and markdown-significant characters alike.
_ESCAPES = str.maketrans({c: f"&#{ord(c)};" for c in "&<>\"'![]()*_`~#|\\{}"})

_IMAGE_MD = re.compile(r"!\[([^\]]*)\]\([^)]*\)")
_HTML_TAG = re.compile(r"<[^>]*>")


def text(value: object) -> str:
    """Escape any catalogue or model value for use inside card HTML."""
    return str(value).translate(_ESCAPES)


def safe_model_text(value: str) -> str:
    """Model text for the chat bubble: keep markdown emphasis and lists, drop images and raw HTML.

    The model may repeat catalogue text it retrieved; an image link could phone home and raw HTML could
    restyle the page, so images become their alt text and angle brackets are escaped.
    """
    without_images = _IMAGE_MD.sub(lambda m: m.group(1), value)
    escaped = without_images.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return escaped.replace("![", "!&#91;")  # reference-style images (`![x][1]` ... `[1]: https://...`) too


def yen(amount: object) -> str:
    try:
        return f"¥{int(amount):,}"  # type: ignore[call-overload]
    except (TypeError, ValueError):
        return text(amount)


def _first(item: Mapping[str, Any], *keys: str) -> Any:
    for key in keys:
        value = item.get(key)
        if value not in (None, "", []):
            return value
    return None


def _stars(rating: object) -> str:
    try:
        value = float(rating)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return ""
    return f'<span class="ma-rating" title="rating">★ {value:.1f}</span>'


PointsLookup = Callable[[str, Mapping[str, Any], Mapping[str, Any]], int | None]
"""(kind, item, context) -> the points this member would earn, or None; context is e.g. the stay searched."""


def _facts(price_html: str, rating: object, points: object) -> str:
    facts = [price_html] if price_html else []
    if rating is not None:
        facts.append(_stars(rating))
    if points is not None:
        shown = f"{points:,}" if isinstance(points, int) else text(points)
        facts.append(f'<span class="ma-points">+{shown} pts</span>')
    return f'<div class="ma-card-facts">{" ".join(facts)}</div>' if facts else ""


def _meta(*values: object) -> str:
    shown = [f"<span>{text(v)}</span>" for v in values if v not in (None, "")]
    return f'<div class="ma-card-meta">{" · ".join(shown)}</div>' if shown else ""


def _hotel_card(item: Mapping[str, Any], stay: Mapping[str, Any], points: object) -> str:
    room = item.get("cheapest_room") if isinstance(item.get("cheapest_room"), Mapping) else {}
    nights = stay.get("nights")
    total = room.get("total_jpy") if room else _first(item, "total_jpy")
    per_night = (room.get("avg_per_night_jpy") if room else None) or _first(
        item, "price_per_night_jpy", "from_price_jpy", "nightly_from_jpy"
    )
    if total is not None and nights:
        price = f'<span class="ma-price">{yen(total)}</span> <span class="ma-unit">for {text(nights)} night' \
                f'{"s" if nights != 1 else ""}</span>'
    elif per_night is not None:
        price = f'<span class="ma-price">{yen(per_night)}</span> <span class="ma-unit">/ night</span>'
    else:
        price = ""
    stars = item.get("stars")
    reason = _first(item, "reason", "why", "highlight")
    if reason is None:
        amenities = [str(a).replace("_", " ") for a in item.get("amenities") or []][:3]
        parts = [str(room["name"])] if room and room.get("name") else []
        parts += [", ".join(amenities)] if amenities else []
        reason = " · ".join(parts) or None
    return "".join([
        '<div class="ma-card ma-hotel">',
        f'<div class="ma-card-name">{text(_first(item, "name", "title"))}</div>',
        _meta(_first(item, "area", "city"), f"{'★' * int(stars)}" if isinstance(stars, int) else None,
              _first(item, "hotel_id", "id")),
        _facts(price, item.get("rating"), points),
        f'<div class="ma-card-reason">{text(reason)}</div>' if reason else "",
        "</div>",
    ])


def _product_card(item: Mapping[str, Any], points: object) -> str:
    price = _first(item, "price_jpy", "price")
    price_html = f'<span class="ma-price">{yen(price)}</span>' if price is not None else ""
    reason = _first(item, "reason", "why", "highlight")
    if reason is None:
        bits = []
        multiplier = item.get("shop_points_multiplier")
        if isinstance(multiplier, int) and multiplier > 1:
            bits.append(f"{multiplier}x points shop")
        if item.get("free_shipping"):
            bits.append("free shipping")
        if item.get("review_count"):
            bits.append(f"{int(item['review_count']):,} reviews")
        reason = " · ".join(bits) or None
    return "".join([
        '<div class="ma-card ma-product">',
        f'<div class="ma-card-name">{text(_first(item, "title", "name"))}</div>',
        _meta(_first(item, "shop_name", "brand"), _first(item, "id", "product_id")),
        _facts(price_html, item.get("rating"), points),
        f'<div class="ma-card-reason">{text(reason)}</div>' if reason else "",
        "</div>",
    ])


def _card(kind: str, item: Mapping[str, Any], context: Mapping[str, Any], lookup: PointsLookup | None) -> str:
    if _first(item, "name", "title") is None:
        return ""
    points = _first(item, "points_earned", "points", "earn_points")
    if isinstance(points, Mapping):
        points = points.get("total")
    if points is None and lookup is not None:
        points = lookup(kind, item, context)
    if kind == "hotel":
        return _hotel_card(item, context, points)
    return _product_card(item, points)


def _items(payload: object, keys: Iterable[str]) -> list[Mapping[str, Any]]:
    if isinstance(payload, list):
        return [item for item in payload if isinstance(item, Mapping)]
    if isinstance(payload, Mapping):
        for key in keys:
            value = payload.get(key)
            if isinstance(value, list):
                return [item for item in value if isinstance(item, Mapping)]
    return []


_KIND_BY_TOOL = {
    "search_products": "product",
    "compare_products": "product",
    "get_product_details": "product",
    "search_hotels": "hotel",
}


def cards_for_tool(tool: str, data: object, content: str = "", points: PointsLookup | None = None) -> str:
    """The card strip for one tool result, or "" when the tool has nothing to show as cards."""
    kind = _KIND_BY_TOOL.get(tool)
    if kind is None:
        return ""
    payload = data
    if payload is None and content:
        try:
            payload = json.loads(content)
        except ValueError:
            return ""
    items = _items(payload, ("products", "hotels", "results", "items"))
    if not items and isinstance(payload, Mapping) and _first(payload, "name", "title"):
        items = [payload]
    context = payload.get("stay") if isinstance(payload, Mapping) else None
    context = context if isinstance(context, Mapping) else {}
    cards = [card for card in (_card(kind, item, context, points) for item in items[:6]) if card]
    if not cards:
        return ""
    return f'<div class="ma-cards">{"".join(cards)}</div>'


def pending_card(summary: str, details: Mapping[str, Any]) -> str:
    """What the member is about to approve: the summary plus price, points and policy when known."""
    rows = []
    labels = {
        "total_jpy": "Total",
        "points_to_use": "Points used",
        "cash_jpy": "Paid in cash",
        "points_earned": "Points earned",
        "points": "Points",
        "cancellation": "Cancellation",
        "policy": "Cancellation",
    }
    seen: set[str] = set()
    for key, label in labels.items():
        value = details.get(key)
        if isinstance(value, Mapping):
            value = value.get("text") or value.get("total")
        if value in (None, "", 0) or label in seen:
            continue
        seen.add(label)
        if key.endswith("_jpy"):
            shown = yen(value)
        elif isinstance(value, int):
            shown = f"{value:,}"
        else:
            shown = text(value)
        rows.append(f'<div class="ma-pending-row"><span>{label}</span><span>{shown}</span></div>')
    return (
        '<div class="ma-pending"><div class="ma-pending-title">Waiting for your approval</div>'
        f'<div class="ma-pending-summary">{text(summary)}</div>{"".join(rows)}</div>'
    )
