"""Shopping: search (and its refinements), details, comparison, reviews, points for a purchase."""

from __future__ import annotations

import re
from typing import Any

from assistant.offline import product_views as views
from assistant.offline import references
from assistant.offline.frames import Act
from assistant.offline.nlu.account import points_amount
from assistant.offline.state import first, items_of, price_of, product_id
from assistant.offline.steps import Answer, CallTool, Decision, Step, carried

PRODUCT_ID = re.compile(r"\b[pP]\d{3,}\b")
# The frame's slots a product search sends as they are: slot -> (argument, conversion).
_PRODUCT_ARGS = {
    "category": ("category", str),
    "price_min": ("min_price_jpy", int),
    "price_max": ("max_price_jpy", int),
    "min_rating": ("min_rating", float),
    "free_shipping": ("free_shipping", bool),
}
# "the cheapest rice cooker", "cheap earbuds": a new search shown cheapest first
CHEAPEST = re.compile(r"\b(?:cheapest|cheap|least expensive|lowest[- ]priced)\b")


def _brand_match(record: dict[str, Any], brand: str) -> bool:
    text = f"{record.get('brand', '')} {record.get('title', '')}".lower()
    return brand.lower() in text


def search_args(step: Step, brand: str | None = None) -> dict[str, Any] | None:
    """The search the product frame describes (None: nothing to search for yet). The brand is a filter of
    the search itself, so the cards show only that brand as the text does; of "sony or bose", `brand` is
    the one this search is for."""
    frame = step.state.products
    brand = brand or (str(frame["brand"]) if frame.get("brand") else None)
    size = str(frame.get("size") or "")
    words = [brand or "", str(frame.get("colour") or ""), str(frame.get("query") or ""), size]
    seen: dict[str, str] = {}
    for word in " ".join(words).split():
        seen.setdefault(word.lower(), word)
    query = " ".join(seen.values()) or str(frame.get("category") or "")
    gift = bool(frame.get("gift")) or bool(re.search(r"\b(gift|present|souvenir)\b", step.turn.text.lower()))
    if gift and query and "gift" not in query:
        query = f"gift for {query}"
    if not query:
        return None
    args: dict[str, Any] = {"query": query, "limit": 10 if brand or frame.get("pref") == "more" else 5}
    if brand:
        args["brand"] = brand
    args.update(carried(frame, _PRODUCT_ARGS))
    if "min_rating" not in args and frame.get("pref") == "better_rated":
        args["min_rating"] = 4.0
    exclude = [str(w) for w in frame.get("exclude", []) if str(w).lower() not in query.lower()]
    if exclude:
        args["exclude"] = exclude[:5]
    return args


# What a search may do without, one at a time and in this order, when nothing matches all of it:
# the nice-to-haves first, what the member is looking for never.
RELAXABLE = ("min_rating", "free_shipping", "exclude", "min_price_jpy", "brand", "max_price_jpy")


def relaxed(args: dict[str, Any], key: str) -> dict[str, Any]:
    out = {k: v for k, v in args.items() if k != key}
    if key == "brand" and isinstance(args.get("brand"), str):
        kept = [w for w in str(args["query"]).split() if w.lower() != args["brand"].lower()]
        out["query"] = " ".join(kept) or args["query"]
    return out


def _searches(step: Step) -> list[dict[str, Any]] | None:
    """One search, or one per brand of "sony or bose"."""
    brands = [str(b) for b in step.state.products.get("brands") or []]
    if len(brands) > 1:
        planned = [search_args(step, brand) for brand in brands]
        return [a for a in planned if a is not None] or None
    args = search_args(step)
    return [args] if args is not None else None


def _relaxation(step: Step, args: dict[str, Any]) -> tuple[str | None, Decision | None, list[dict[str, Any]]]:
    """Nothing matched every constraint: search again without the first one that can go, and say which."""
    for key in RELAXABLE:
        if key not in args:
            continue
        wider = relaxed(args, key)
        event = step.searched("search_products", wider, only=False)
        if event is None:
            return key, CallTool("search_products", wider), []
        return key, None, items_of(event.result, "products") if event.ok else []
    return None, None, []


def search(step: Step) -> Decision:
    frame = step.state.products
    planned = _searches(step)
    if planned is None:
        return Answer("clarify", {"question": "product"})
    events = step.searches("search_products", planned)
    if isinstance(events, Decision):
        return events
    products: list[dict[str, Any]] = []
    per_search: list[list[dict[str, Any]]] = []
    for args, event in zip(planned, events, strict=True):
        found = items_of(event.result, "products")
        brand = args.get("brand")
        per_search.append([p for p in found if not brand or _brand_match(p, str(brand))])
    # of "sony or bose", the best of each in turn, so both are on the list
    for rank in range(max(len(found) for found in per_search)):
        for found in per_search:
            if rank < len(found) and found[rank] not in products:
                products.append(found[rank])
    relaxed_key = None
    if not products and len(planned) == 1:
        relaxed_key, again, products = _relaxation(step, planned[0])
        if again is not None:
            return again
    brand = frame.get("brand") if len(planned) == 1 and relaxed_key != "brand" else None
    what = views.describe({**frame, "brand": brand}, step.state.words)
    if not products:
        return Answer(
            "no_products",
            {
                "what": what,
                "brand": brand,
                "has_budget": bool(frame.get("price_max") or frame.get("price_min")),
                "floor": frame.get("price_min"),
                "cap": frame.get("price_max"),
                "around": frame.around(),
            },
        )
    if CHEAPEST.search(step.turn.text.lower()) and step.state.act is not Act.REFER:
        products = sorted(products, key=lambda p: price_of(p) or 10**12)  # "the cheapest rice cooker"
    gift = bool(frame.get("gift")) or "gift" in step.turn.text.lower()
    if gift and not brand and not step.state.words.kind_words(str(frame.get("query", ""))):
        picks = views.shortlist(products)
        return Answer(
            "product_shortlist", {"picks": picks, "what": what}, shown=("products", tuple(p["id"] for p in picks))
        )
    shown_records = products[:5] if len(planned) == 1 else products[: max(5, 2 * len(planned))]
    listed = [
        {**views.view(p), "reason": why} for p, why in zip(shown_records, views.reasons(shown_records), strict=True)
    ]
    return Answer(
        "products",
        {
            "products": listed,
            "what": what,
            "brand": brand,
            "gift": gift,
            "pref": frame.get("pref"),
            "cap": frame.get("price_max") if relaxed_key != "max_price_jpy" else None,
            "floor": frame.get("price_min") if relaxed_key != "min_price_jpy" else None,
            "budget": frame.get("price_max") if frame.get("pref") == "cheaper" else None,
            "budget_stated": bool(frame.get("budget_stated")),
            # "around 10,000 yen": the answer says the band searched (only while neither bound was dropped)
            "around": frame.around() if relaxed_key not in {"min_price_jpy", "max_price_jpy"} else None,
            "relaxed": _relaxed_view(relaxed_key, planned[0]),
        },
        shown=("products", tuple(str(product_id(p)) for p in shown_records)),
    )


def _relaxed_view(key: str | None, args: dict[str, Any]) -> dict[str, Any] | None:
    """Which constraint was dropped, and its value, for the answer to say so."""
    if key is None:
        return None
    return {"kind": key, "value": args.get(key)}


def resolve_products(step: Step, *, many: bool = False) -> list[str]:
    """Product ids the member means: explicit ids, "the second one", "first two", "the sony one", "the red
    north face one", "the cheapest jvc", "it" (references.py)."""
    slots = step.parse.all_slots
    ident = str(slots.get("id", ""))
    if ident.startswith("P"):
        named = list(dict.fromkeys(m.upper() for m in PRODUCT_ID.findall(step.turn.text)))
        return named if many and len(named) > 1 else [ident]
    listing = step.state.product_list
    found = references.resolve(
        step.turn.text, str(slots.get("ref", "")), listing, "products", focus=step.state.focus_product, many=many
    )
    if found.found and (not many or len(found.ids) > 1):
        return list(found.ids)
    if many:
        ids = [product_id(p) for p in listing]
        if found.found and len(ids) >= 2:  # "compare it with the cheapest": the one named and the next shown
            others = [str(i) for i in ids if i and i not in found.ids]
            return [*found.ids, *others[:1]]
        return [str(i) for i in ids[:3] if i] if len(ids) >= 2 and not found.ambiguous else []
    return []


def _which(step: Step, candidates: list[dict[str, Any]] | None = None) -> Answer:
    """One question naming the candidates (those the reference fits, or the list shown)."""
    options = candidates or step.state.product_list[:5]
    return Answer(
        "clarify",
        {"question": "which_product", "options": [views.view(p) for p in options]},
        shown=("products", tuple(str(product_id(p)) for p in options)),
    )


def _unresolved(step: Step, *, many: bool = False) -> Answer:
    """No single product meant: ask which (naming the candidates), or what to look for."""
    if not step.state.product_list:
        return Answer("clarify", {"question": "product"})
    found = references.resolve(
        step.turn.text, str(step.parse.all_slots.get("ref", "")), step.state.product_list, "products", many=many
    )
    return _which(step, list(found.candidates) if found.ambiguous else None)


def _about_one(step: Step, tool: str, **extra: Any) -> tuple[str, Any] | Decision:
    """The one product the member means and `tool`'s result about it; until both are there, what to do
    instead: ask which product, call the tool, or say its error."""
    ids = resolve_products(step)
    if not ids:
        return _unresolved(step)
    event = step.outcome(tool, {"product_id": ids[0], **extra})
    if isinstance(event, Decision):
        return event
    return ids[0], event.result


def details(step: Step) -> Decision:
    about = _about_one(step, "get_product_details")
    if isinstance(about, Decision):
        return about
    _pid, r = about
    attributes = r.get("attributes") if isinstance(r.get("attributes"), dict) else {}
    return Answer(
        "product_details",
        {
            "p": views.view(r),
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
        return _unresolved(step, many=True)
    event = step.outcome("compare_products", {"product_ids": ids[:4]})
    if isinstance(event, Decision):
        return event
    rows = _comparison_rows(event.result, ids, step.state.product_list)
    for row in rows:
        row["title"] = row["title"] or title_of(step, row["id"])
    # what was compared is now what "the JVC" or "the cheaper one" picks from
    return Answer("compare", {"rows": rows}, shown=("products", tuple(row["id"] for row in rows)))


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
    about = _about_one(step, "review_highlights")
    if isinstance(about, Decision):
        return about
    pid, r = about
    best = items_of(r, "best")
    critical = items_of(r, "critical")
    return Answer(
        "reviews",
        {
            "id": pid,
            "title": str(r.get("title") or title_of(step, pid)),
            "rating": views.rating_text(first(r, "average_rating", "rating", "average")),
            "count": first(r, "review_count", "count", "total"),
            "best": best[:1],
            "critical": critical[:1],
        },
    )


# "if I used 2000 of my points on it": points the member would spend on the purchase (a figure tied to "points"
# beside a spending word; "how many points would I get" spends none)
_SPENDING = re.compile(r"\b(use|used|using|spend|spent|spending|put|putting|redeem|redeeming|apply|applied|pay|paid)\b")


def points_to_spend(text: str) -> int | None:
    amount = points_amount(text)
    if amount is None or amount.kind != "exact" or not amount.explicit or not amount.points:
        return None
    return amount.points if _SPENDING.search(text.lower()) else None


def purchase_points(step: Step) -> Decision:
    """The points a purchase would earn; with points spent on it, what is left to pay and what that earns."""
    spend = points_to_spend(step.turn.text)
    about = _about_one(step, "points_for_purchase", **({"points_to_use": spend} if spend else {}))
    if isinstance(about, Decision):
        return about
    pid, r = about
    earn = r.get("earn") if isinstance(r.get("earn"), dict) else {}
    spent = {"points_used": earn.get("points_used"), "paid": earn.get("paid_jpy")} if spend else {}
    return Answer("purchase_points", {"id": pid, "title": title_of(step, pid), **points_figures(r), **spent})


def title_of(step: Step, pid: str) -> str:
    """The product's title as the member saw it (a list or details shown in this conversation)."""
    for record in step.state.product_list:
        if product_id(record) == pid and record.get("title"):
            return str(record["title"])
    for turn in reversed(step.history.turns):
        for event in reversed(turn.events):
            if not event.ok:
                continue
            if event.name == "get_product_details" and product_id(event.result) == pid:
                return str(event.result.get("title") or "")
            for record in items_of(event.result, "products"):
                if product_id(record) == pid and record.get("title"):
                    return str(record["title"])
    return ""


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
