"""How product results are put to the member: in their terms, with a reason per pick, figures as the cards
show them, and no internal ids in the prose (ids stay in the cards and tool results).

`describe` names the search from the frame ("Sony wireless earbuds"), never by echoing the member's raw
sentence; `reasons` gives each pick the one fact that sets it apart in this list.
"""

from __future__ import annotations

from typing import Any

from assistant.offline.references import tokens
from assistant.offline.state import first, price_of, product_id
from assistant.offline.vocab import ProductWords


def rating_text(value: Any) -> str | None:
    """A rating as the product card shows it (one decimal), so text and card agree."""
    if isinstance(value, int | float) and value > 0:
        return f"{float(value):.1f}"
    return None


def view(record: dict[str, Any]) -> dict[str, Any]:
    return {
        "id": product_id(record) or "",
        "title": str(first(record, "title", "name") or ""),
        "price": price_of(record),
        "rating": rating_text(record.get("rating")),
        "reviews": record.get("review_count"),
        "brand": record.get("brand"),
        "multiplier": record.get("shop_points_multiplier"),
        "free_shipping": bool(record.get("free_shipping")),
    }


def describe(frame: dict[str, Any], words: ProductWords) -> str:
    """The search in the member's terms: "Sony wireless earbuds", "black down jackets", or "" when the
    member's words name no kind of product (a gift idea, "something for my dad")."""
    query = str(frame.get("query") or "").strip()
    kinds = set(words.kind_words(query))
    plain = query.split()
    if plain and len(plain) <= 4 and (kinds or not words.kinds):
        phrase = query
    else:
        phrase = " ".join(w for w in plain if set(tokens(w)) & kinds)
    phrase = plural(phrase, words)
    colour = str(frame.get("colour") or "")
    if colour and colour.lower() not in phrase.lower():
        phrase = f"{colour} {phrase}".strip()
    brand = str(frame.get("brand") or "")
    if brand and brand.lower() not in phrase.lower():
        phrase = f"{brand} {phrase}".strip()
    return phrase


_UNCOUNTED = {
    "rice",
    "coffee",
    "tea",
    "sake",
    "skincare",
    "makeup",
    "sunscreen",
    "bedding",
    "rainwear",
    "cookware",
    "gear",
    "equipment",
    "food",
    "care",
    "media",
    "fashion",
    "electronics",
    "wear",
}


def plural(phrase: str, words: ProductWords) -> str:
    """ "smartwatch" -> "smartwatches": the answer says "these smartwatches", whatever number was typed."""
    head, _, last = phrase.rpartition(" ")
    if not last or last.endswith("s") or last in _UNCOUNTED or not set(tokens(last)) & words.kinds:
        return phrase
    ending = "es" if last.endswith(("ch", "sh", "x", "z")) else "s"
    return f"{head} {last}{ending}".strip()


def reasons(records: list[dict[str, Any]]) -> list[str]:
    """One short reason per pick: the fact that sets it apart in this list (none when nothing does)."""
    priced = [price_of(r) or 0 for r in records]
    rated = [float(r.get("rating") or 0) for r in records]
    many = len(records) > 1
    lowest = min((p for p in priced if p), default=0)
    best = max(rated, default=0)
    cheapest_at = priced.index(lowest) if many and lowest else -1
    best_at = rated.index(best) if many and best else -1
    free = [bool(r.get("free_shipping")) for r in records]
    out: list[str] = []
    for i, record in enumerate(records):
        multiplier = record.get("shop_points_multiplier")
        reviews = record.get("review_count")
        if i == cheapest_at:
            out.append("the lowest price here")
        elif i == best_at:
            out.append("the best rated here" + (f", {reviews} reviews" if isinstance(reviews, int) and reviews else ""))
        elif isinstance(multiplier, int) and multiplier > 1:
            out.append(f"{multiplier}x points at this shop")
        elif free[i] and not all(free):
            out.append("ships free")
        else:
            out.append("")
    return out


def shortlist(products: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Up to three picks from different subcategories (for a vague gift idea), each with its reason."""
    picks: list[dict[str, Any]] = []
    seen: set[str] = set()
    for record in products:
        kind = str(record.get("subcategory") or record.get("category") or "")
        if kind not in seen:
            seen.add(kind)
            picks.append(record)
    for record in products:  # fewer than three kinds: fill up with the next best matches
        if len(picks) >= 3:
            break
        if record not in picks:
            picks.append(record)
    picks = picks[:3]
    return [
        {**view(r), "reason": why or "a close match for what you described"}
        for r, why in zip(picks, reasons(picks), strict=True)
    ]
