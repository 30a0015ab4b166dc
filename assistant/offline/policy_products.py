"""Shopping: search (and its refinements), details, comparison, reviews, points for a purchase."""

from __future__ import annotations

import re
from typing import Any

from assistant.offline.state import first, items_of, price_of, product_id
from assistant.offline.steps import Answer, CallTool, Decision, Step

PRODUCT_ID = re.compile(r"\b[pP]\d{3,}\b")


def _brand_match(record: dict[str, Any], brand: str) -> bool:
    text = f"{record.get('brand', '')} {record.get('title', '')}".lower()
    return brand.lower() in text


def shortlist_reasons(products: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Up to three picks from different subcategories, each with a reason taken from its own figures."""
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
    priced = [p for p in picks if price_of(p)]
    cheapest = min(priced, key=lambda p: price_of(p) or 0) if priced else None
    out = []
    for record in picks:
        rating = record.get("rating")
        multiplier = record.get("shop_points_multiplier")
        if record is cheapest and len(picks) > 1:
            reason = "the lowest price of these"
        elif isinstance(multiplier, int) and multiplier > 1:
            reason = f"the shop gives {multiplier}x points"
        elif rating:
            reason = f"rated {rating}" + (
                f" from {record['review_count']} reviews" if record.get("review_count") else ""
            )
        else:
            reason = "a close match for what you described"
        out.append({**_view(record), "reason": reason})
    return out


def _view(record: dict[str, Any]) -> dict[str, Any]:
    return {
        "id": product_id(record) or "",
        "title": str(first(record, "title", "name") or ""),
        "price": price_of(record),
        "rating": record.get("rating"),
        "brand": record.get("brand"),
        "multiplier": record.get("shop_points_multiplier"),
    }


def search(step: Step) -> Decision:
    frame = step.state.products
    query = " ".join(str(x) for x in (frame.get("brand"), frame.get("query")) if x) or str(frame.get("category") or "")
    gift = bool(re.search(r"\b(gift|present|souvenir)\b", step.turn.text.lower()))
    if gift and query and "gift" not in query:
        query = f"gift for {query}"
    if not query:
        return Answer("clarify", {"question": "product"})
    args: dict[str, Any] = {"query": query, "limit": 10 if frame.get("brand") or frame.get("pref") == "more" else 5}
    if frame.get("category"):
        args["category"] = frame["category"]
    if frame.get("price_min"):
        args["min_price_jpy"] = int(frame["price_min"])
    if frame.get("price_max"):
        args["max_price_jpy"] = int(frame["price_max"])
    if frame.get("pref") == "better_rated":
        args["min_rating"] = 4.0
    event = step.done("search_products")
    if event is None:
        return CallTool("search_products", args)
    if event.error:
        return Answer("tool_error", {"message": str((event.result or {}).get("message", ""))})
    products = items_of(event.result, "products")
    brand = frame.get("brand")
    if brand:
        products = [p for p in products if _brand_match(p, str(brand))]
    if not products:
        return Answer("no_products", {"query": query, "brand": brand, "has_budget": bool(frame.get("price_max"))})
    vague = (
        not frame.get("brand") and len(str(frame.get("query", "")).split()) <= 2 and "gift" in step.turn.text.lower()
    )
    if vague:
        picks = shortlist_reasons(products)
        return Answer(
            "product_shortlist", {"picks": picks, "query": query}, shown=("products", tuple(p["id"] for p in picks))
        )
    shown = ("products", tuple(str(product_id(p)) for p in products[:5]))
    return Answer(
        "products",
        {
            "products": [_view(p) for p in products[:5]],
            "query": query,
            "brand": brand,
            "pref": frame.get("pref"),
            "budget": frame.get("price_max") if frame.get("pref") == "cheaper" else None,
            "budget_stated": bool(frame.get("budget_stated")),
        },
        shown=shown,
    )


def resolve_products(step: Step, *, many: bool = False) -> list[str]:
    """Product ids the member means: explicit ids, "the second one", "first two", "it", "the cheapest"."""
    slots = step.parse.all_slots
    listing = step.state.product_list
    ident = str(slots.get("id", ""))
    if ident.startswith("P"):
        named = list(dict.fromkeys(m.upper() for m in PRODUCT_ID.findall(step.turn.text)))
        return named if many and len(named) > 1 else [ident]
    ref = str(slots.get("ref", ""))
    ids = [product_id(p) for p in listing]
    chosen: list[str] = []
    if ref and ref[0] in "-0123456789":
        for part in ref.split(","):
            n = int(part)
            index = n - 1 if n > 0 else len(ids) + n
            if 0 <= index < len(ids) and ids[index]:
                chosen.append(str(ids[index]))
    elif ref == "cheapest" and listing:
        chosen = [str(product_id(min(listing, key=lambda p: price_of(p) or 10**12)))]
    elif ref == "best_rated" and listing:
        chosen = [str(product_id(max(listing, key=lambda p: float(p.get("rating") or 0))))]
    elif ref == "pricier" and listing:
        chosen = [str(product_id(max(listing, key=lambda p: price_of(p) or 0)))]
    if chosen:
        return chosen
    if many:
        return [str(i) for i in ids[:3] if i] if len(ids) >= 2 else []
    if step.state.focus_product:
        return [step.state.focus_product]
    if len(ids) == 1 and ids[0]:
        return [str(ids[0])]
    return []


def _which(step: Step) -> Answer:
    return Answer("clarify", {"question": "which_product", "options": [_view(p) for p in step.state.product_list[:5]]})


def details(step: Step) -> Decision:
    ids = resolve_products(step)
    if not ids:
        return _which(step) if step.state.product_list else Answer("clarify", {"question": "product"})
    event = step.done("get_product_details")
    if event is None:
        return CallTool("get_product_details", {"product_id": ids[0]})
    if not event.ok:
        return Answer("tool_error", {"message": str((event.result or {}).get("message", event.text))})
    r = event.result
    attributes = r.get("attributes") if isinstance(r.get("attributes"), dict) else {}
    return Answer(
        "product_details",
        {
            "p": _view(r),
            "shop": r.get("shop_name"),
            "stock": r.get("stock"),
            "delivery_days": r.get("delivery_days"),
            "free_shipping": r.get("free_shipping"),
            "attributes": attributes,
            "reviews": r.get("review_count"),
        },
    )


def compare(step: Step) -> Decision:
    ids = resolve_products(step, many=True)
    if len(ids) < 2:
        return _which(step) if step.state.product_list else Answer("clarify", {"question": "product"})
    event = step.done("compare_products")
    if event is None:
        return CallTool("compare_products", {"product_ids": ids[:4]})
    if not event.ok:
        return Answer("tool_error", {"message": str((event.result or {}).get("message", event.text))})
    rows = _comparison_rows(event.result, ids, step.state.product_list)
    return Answer("compare", {"rows": rows})


def _comparison_rows(result: Any, ids: list[str], listing: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """One row per product: the comparison's own facts (`{fact: [value per product]}` or per-product records),
    with the title taken from the search result that showed it."""
    facts = result.get("facts") if isinstance(result, dict) else None
    order = [str(i) for i in (result.get("product_ids") or ids)] if isinstance(result, dict) else ids
    titles = {product_id(p): str(first(p, "title", "name") or "") for p in listing}
    rows: list[dict[str, Any]] = [{"id": pid, "title": titles.get(pid, ""), "facts": {}} for pid in order]
    if isinstance(facts, dict):
        for fact, values in facts.items():
            for i, row in enumerate(rows):
                value = None
                if isinstance(values, list) and i < len(values):
                    value = values[i]
                elif isinstance(values, dict):
                    value = values.get(row["id"])
                if value not in (None, "", "-"):
                    row["facts"][str(fact).replace("_", " ")] = value
    elif isinstance(facts, list):
        for row, record in zip(rows, facts, strict=False):
            if isinstance(record, dict):
                row["facts"] = {k.replace("_", " "): v for k, v in record.items() if k not in {"id", "product_id"}}
    return rows


def reviews(step: Step) -> Decision:
    ids = resolve_products(step)
    if not ids:
        return _which(step) if step.state.product_list else Answer("clarify", {"question": "product"})
    event = step.done("review_highlights")
    if event is None:
        return CallTool("review_highlights", {"product_id": ids[0]})
    if not event.ok:
        return Answer("tool_error", {"message": str((event.result or {}).get("message", event.text))})
    r = event.result
    best = items_of(r, "best")
    critical = items_of(r, "critical")
    return Answer(
        "reviews",
        {
            "id": ids[0],
            "rating": first(r, "average_rating", "rating", "average"),
            "count": first(r, "review_count", "count", "total"),
            "best": best[:1],
            "critical": critical[:1],
        },
    )


def purchase_points(step: Step) -> Decision:
    ids = resolve_products(step)
    if not ids:
        return _which(step) if step.state.product_list else Answer("clarify", {"question": "product"})
    event = step.done("points_for_purchase")
    if event is None:
        return CallTool("points_for_purchase", {"product_id": ids[0]})
    if not event.ok:
        return Answer("tool_error", {"message": str((event.result or {}).get("message", event.text))})
    r = event.result
    return Answer("purchase_points", {"id": ids[0], **points_figures(r)})


def points_figures(r: dict[str, Any]) -> dict[str, Any]:
    """Total points and the breakdown lines from a points result, whatever its exact shape."""
    earned = next((r[k] for k in ("earn", "points_earned") if isinstance(r.get(k), dict)), r)
    total = first(earned, "total", "points", "points_earned", "total_points")
    if total is None and isinstance(r.get("points_earned"), int):
        total = r["points_earned"]
    lines = items_of(earned, "lines", "breakdown") or items_of(r, "points_breakdown", "breakdown", "lines")
    breakdown = []
    for line in lines:
        label = str(first(line, "label", "description", "source", "kind", "name") or "")
        points = first(line, "granted", "points", "amount")
        if label and isinstance(points, int) and points > 0:  # a bonus worth 0 is not a line to show
            breakdown.append({"label": label, "points": points})
    cap = earned.get("cap") if isinstance(earned, dict) else None
    cut = sum(int(line.get("cut_by_cap") or 0) for line in lines)
    return {
        "total": total if isinstance(total, int) else None,
        "breakdown": breakdown,
        "price": first(r, "price_jpy", "paid_jpy", "total_jpy"),
        # the monthly bonus cap bit when the earn quote says it cut something (its `cap`, or the lines' cuts)
        "cap_applied": bool((isinstance(cap, dict) and int(cap.get("cut") or 0) > 0) or cut > 0),
    }
