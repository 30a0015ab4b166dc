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

from assistant.guardrails import inert_text
from assistant.japanese_names import in_language
from assistant.web.ui_text import Lang, card_request, plural, t

# One pass, so no entity is escaped twice: HTML specials and markdown-significant characters alike.
_ESCAPES = str.maketrans({c: f"&#{ord(c)};" for c in "&<>\"'![]()*_`~#|\\{}"})

_HTML_TAG = re.compile(r"<[^>]*>")


def text(value: object) -> str:
    """Escape any catalogue or model value for use inside card HTML."""
    return str(value).translate(_ESCAPES)


def safe_model_text(value: str) -> str:
    """Model text for the chat bubble: keep markdown emphasis and lists, drop images and raw HTML.

    The model may repeat catalogue text it retrieved; an image could phone home, a link could lead anywhere
    and raw HTML could restyle the page, so `inert_text` removes tags and link destinations and what is left
    has its angle brackets escaped.
    """
    escaped = inert_text(value).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
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


def _stars(rating: object, lang: Lang) -> str:
    try:
        value = float(rating)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return ""
    return f'<span class="ma-rating" title="{t(lang, "rating")}">★ {value:.1f}</span>'


PointsLookup = Callable[[str, Mapping[str, Any], Mapping[str, Any]], int | None]
"""(kind, item, context) -> the points this member would earn, or None; context is e.g. the stay searched."""

NameLookup = Callable[[str, Mapping[str, Any]], Mapping[str, Any]]
"""(kind, item) -> the `<field>_ja` siblings the data has and the tool result lacks (a hotel's `name_ja`,
`area_ja`, `amenities_ja`, its room's `room_name_ja`), for cards shown in Japanese. The card reads every name
through `japanese_names.in_language`, as the answers do, so both show the same Japanese."""

_ACTIONS = {"hotel": ("rooms", "quote", "book"), "product": ("details", "reviews", "compare")}


def _facts(price_html: str, rating: object, points: object, lang: Lang) -> str:
    facts = [price_html] if price_html else []
    if rating is not None:
        facts.append(_stars(rating, lang))
    if points is not None:
        shown = f"{points:,}" if isinstance(points, int) else text(points)
        facts.append(f'<span class="ma-points">{t(lang, "pts", n=shown)}</span>')
    return f'<div class="ma-card-facts">{" ".join(facts)}</div>' if facts else ""


def _actions(kind: str, position: int, count: int, lang: Lang) -> str:
    """The card's buttons: each sends its request as the member's message (the page's script puts the
    button's value into the message box and sends it). No compare on a list of one."""
    buttons = []
    for action in _ACTIONS[kind]:
        if action == "compare" and count < 2:
            continue
        request = text(card_request(action, position, lang))
        buttons.append(f'<button type="button" class="ma-act ma-act-{action}" value="{request}" title="{request}">'
                       f"{t(lang, f'act_{action}')}</button>")
    return f'<div class="ma-card-actions">{"".join(buttons)}</div>'


def _meta(*values: object) -> str:
    shown = [f"<span>{text(v)}</span>" for v in values if v not in (None, "")]
    return f'<div class="ma-card-meta">{" · ".join(shown)}</div>' if shown else ""


def _hotel_card(item: Mapping[str, Any], stay: Mapping[str, Any], points: object, lang: Lang) -> str:
    room = item.get("cheapest_room") if isinstance(item.get("cheapest_room"), Mapping) else {}
    room_name = in_language({"name_ja": item.get("room_name_ja"), **room}, "name", lang) if room else None
    nights = stay.get("nights")
    total = room.get("total_jpy") if room else _first(item, "total_jpy")
    per_night = (room.get("avg_per_night_jpy") if room else None) or _first(
        item, "price_per_night_jpy", "from_price_jpy", "nightly_from_jpy"
    )
    if total is not None and nights:
        unit = t(lang, "for_nights", n=text(nights), s=plural(nights) if isinstance(nights, int) else "s")
        price = f'<span class="ma-price">{yen(total)}</span> <span class="ma-unit">{unit}</span>'
    elif per_night is not None:
        price = f'<span class="ma-price">{yen(per_night)}</span> <span class="ma-unit">{t(lang, "per_night")}</span>'
    else:
        price = ""
    stars = item.get("stars")
    reason = _first(item, "reason", "why", "highlight")
    if reason is None:
        amenities = [str(a).replace("_", " ") for a in in_language(item, "amenities", lang) or []][:3]
        parts = [str(room_name)] if room_name else []
        parts += [("、" if lang == "ja" else ", ").join(amenities)] if amenities else []
        reason = " · ".join(parts) or None
    return "".join([
        '<div class="ma-card ma-hotel">',
        f'<div class="ma-card-name">{text(in_language(item, "name", lang) or in_language(item, "title", lang))}</div>',
        _meta(in_language(item, "area", lang) or in_language(item, "city", lang),
              f"{'★' * int(stars)}" if isinstance(stars, int) else None, _first(item, "hotel_id", "id")),
        _facts(price, item.get("rating"), points, lang),
        f'<div class="ma-card-reason">{text(reason)}</div>' if reason else "",
        "</div>",
    ])


def _product_card(item: Mapping[str, Any], points: object, lang: Lang) -> str:
    price = _first(item, "price_jpy", "price")
    price_html = f'<span class="ma-price">{yen(price)}</span>' if price is not None else ""
    reason = _first(item, "reason", "why", "highlight")
    if reason is None:
        bits = []
        multiplier = item.get("shop_points_multiplier")
        if isinstance(multiplier, int) and multiplier > 1:
            bits.append(t(lang, "shop_multiplier", n=multiplier))
        if item.get("free_shipping"):
            bits.append(t(lang, "free_shipping"))
        if item.get("review_count"):
            bits.append(t(lang, "reviews_count", n=f"{int(item['review_count']):,}"))
        reason = " · ".join(bits) or None
    title = in_language(item, "title", lang) or in_language(item, "name", lang)
    return "".join([
        '<div class="ma-card ma-product">',
        f'<div class="ma-card-name">{text(title)}</div>',
        _meta(item.get("shop_name") or in_language(item, "brand", lang), _first(item, "id", "product_id")),
        _facts(price_html, item.get("rating"), points, lang),
        f'<div class="ma-card-reason">{text(reason)}</div>' if reason else "",
        "</div>",
    ])


def _card(kind: str, item: Mapping[str, Any], context: Mapping[str, Any], lookup: PointsLookup | None,
          lang: Lang, names: NameLookup | None) -> str:
    if _first(item, "name", "title") is None:
        return ""
    points = _first(item, "points_earned", "points", "earn_points")
    if isinstance(points, Mapping):
        points = points.get("total")
    if points is None and lookup is not None:
        points = lookup(kind, item, context)
    if names is not None and lang == "ja":
        item = {**item, **{key: value for key, value in names(kind, item).items() if not item.get(key)}}
    if kind == "hotel":
        return _hotel_card(item, context, points, lang)
    return _product_card(item, points, lang)


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


def cards_for_tool(tool: str, data: object, content: str = "", points: PointsLookup | None = None,
                   lang: Lang = "en", names: NameLookup | None = None, actions: bool = True) -> str:
    """The card strip for one tool result, or "" when the tool has nothing to show as cards.

    A list's cards carry action buttons (by place in the list, as the engine reads "the second one"); a
    single item (details of one product) carries none."""
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
    cards = [card for card in (_card(kind, item, context, points, lang, names) for item in items[:6]) if card]
    if not cards:
        return ""
    if actions and tool.startswith("search_"):
        cards = [card[: -len("</div>")] + _actions(kind, i, len(cards), lang) + "</div>"
                 for i, card in enumerate(cards, start=1)]
    return f'<div class="ma-cards">{"".join(cards)}</div>'


def pending_card(summary: str, details: Mapping[str, Any], lang: Lang = "en", title: str | None = None) -> str:
    """What the member is about to approve: the summary plus price, points and policy when known."""
    rows = []
    labels = {
        "total_jpy": "row_total",
        "points_to_use": "row_points_used",
        "cash_jpy": "row_cash",
        "points_earned": "row_points_earned",
        "points": "row_points",
        "cancellation": "row_cancellation",
        "policy": "row_cancellation",
    }
    seen: set[str] = set()
    for key, label_key in labels.items():
        value = details.get(key)
        if isinstance(value, Mapping):
            value = value.get("text") or value.get("total")
        if value in (None, "", 0) or label_key in seen:
            continue
        seen.add(label_key)
        if key.endswith("_jpy"):
            shown = yen(value)
        elif isinstance(value, int):
            shown = f"{value:,}"
        else:
            shown = text(value)
        rows.append(f'<div class="ma-pending-row"><span>{t(lang, label_key)}</span><span>{shown}</span></div>')
    return (
        f'<div class="ma-pending"><div class="ma-pending-title">{title or t(lang, "approval_title")}</div>'
        f'<div class="ma-pending-summary">{text(summary)}</div>{"".join(rows)}</div>'
    )
