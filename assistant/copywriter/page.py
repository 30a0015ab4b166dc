"""The landing page itself: one self-contained HTML file (inline CSS, no external assets), plus Markdown and
JSON exports for other tools.

Prices and the points badge are rendered from the fact sheet, never from the copy, so the numbers a shopper
acts on are the catalogue's and the rules engine's. All catalogue and copy text is HTML-escaped by the
template (autoescape); the JSON-LD block is escaped for a script context.
"""

from __future__ import annotations

import base64
import json
from typing import Any

from pydantic import BaseModel

from assistant.copywriter.check import ClaimReport
from assistant.copywriter.facts import FactSheet, SubjectFacts
from assistant.copywriter.schema import LandingCopy, Language
from assistant.copywriter.templates import render
from assistant.guardrails import inert_text

STRINGS: dict[str, dict[str, str]] = {
    "en": {
        "skip": "Skip to content", "brand": "Member Marketplace", "benefits": "Why you'll like it",
        "about": "About", "offer": "Price and points", "price": "Price", "list_price": "List price",
        "per_night": "per night", "per_month": "per month", "points": "Points", "earn": "Earn {points} points",
        "breakdown": "Points breakdown", "line": "Line", "rating": "Rating", "reviews": "reviews",
        "free_shipping": "Free shipping", "delivery": "Delivered within {days} days.",
        "delivery_1": "Delivered the next day.", "delivery_0": "Ships the same day.",
        "seo_title": "SEO title", "meta": "Meta description",
        "footnote": "Prices include tax. Points are quoted by the programme's rules engine for a member without "
                    "linked services; bonus points are limited-time points and monthly caps apply.",
        "image": "Photo placeholder: {name}",
    },
    "ja": {
        "skip": "本文へスキップ", "brand": "メンバーマーケット", "benefits": "おすすめポイント",
        "about": "商品について",
        "offer": "価格とポイント", "price": "価格", "list_price": "通常価格", "per_night": "1泊", "per_month": "月額",
        "points": "ポイント", "earn": "{points}ポイント獲得", "breakdown": "ポイント内訳", "line": "内訳",
        "rating": "評価", "reviews": "件のレビュー", "free_shipping": "送料無料", "delivery": "{days}日以内にお届け。",
        "delivery_1": "翌日お届け。", "delivery_0": "当日発送。", "seo_title": "SEOタイトル", "meta": "説明文",
        "footnote": "価格は税込です。ポイントは連携サービスなしの会員様の場合の計算です。"
                    "ボーナスポイントは期間限定ポイントで、月間の上限があります。",
        "image": "画像（準備中）：{name}",
    },
}
_PALETTE = ["#dfe7ef", "#efe6df", "#e3efdf", "#ebe0ef"]


class PageImage(BaseModel):
    src: str
    alt: str


def placeholder_image(subject: SubjectFacts, language: Language, index: int = 0) -> PageImage:
    """An inline SVG placeholder (no network, no text inside the image) with real alt text."""
    fill = _PALETTE[index % len(_PALETTE)]
    svg = (f'<svg xmlns="http://www.w3.org/2000/svg" width="480" height="360" viewBox="0 0 480 360">'
           f'<rect width="480" height="360" fill="{fill}"/><circle cx="240" cy="160" r="70" fill="#ffffff"/>'
           f'<rect x="140" y="260" width="200" height="18" rx="9" fill="#ffffff"/></svg>')
    src = "data:image/svg+xml;base64," + base64.b64encode(svg.encode()).decode()
    return PageImage(src=src, alt=STRINGS[language]["image"].format(name=subject.name))


def json_ld(copy: LandingCopy, sheet: FactSheet) -> str:
    """schema.org data for search engines, escaped so catalogue text can never close the script element."""
    items: list[dict[str, Any]] = []
    for s in sheet.subjects:
        ja_page = sheet.language == "ja"
        name = (s.name_ja or s.name) if ja_page else s.name
        description = (s.description_ja if ja_page else s.description) or copy.meta_description
        item: dict[str, Any] = {"@type": "Product" if s.kind == "product" else "Thing", "name": name,
                                "description": description, "sku": s.id}
        if s.brand:
            item["brand"] = {"@type": "Brand", "name": s.brand}
        if s.price_jpy:
            item["offers"] = {"@type": "Offer", "price": s.price_jpy, "priceCurrency": "JPY",
                              **({"availability": "https://schema.org/" + ("InStock" if s.stock else "OutOfStock")}
                                 if s.stock is not None else {})}
        if s.rating and s.review_count:
            item["aggregateRating"] = {"@type": "AggregateRating", "ratingValue": s.rating,
                                       "reviewCount": s.review_count}
        items.append(item)
    data: dict[str, Any] = {"@context": "https://schema.org", **items[0]} if len(items) == 1 else {
        "@context": "https://schema.org", "@type": "ItemList",
        "itemListElement": [{"@type": "ListItem", "position": i + 1, "item": it} for i, it in enumerate(items)]}
    text = json.dumps(data, ensure_ascii=False)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


_LINE_JA = {"base": "通常ポイント", "shop": "ショップ特典", "linked": "連携特典", "campaign": "キャンペーン特典"}


def image_for(subject: SubjectFacts, sheet: FactSheet, language: Language, index: int) -> PageImage | None:
    """The image slot only where wanted: the catalogue's image, a placeholder when asked for, else none."""
    if sheet.image == "none":
        return None
    if subject.image_url and sheet.image == "auto":
        return PageImage(src=subject.image_url, alt=_shown(subject, language).name)
    if sheet.image == "placeholder":
        return placeholder_image(_shown(subject, language), language, index)
    return None


def _shown(subject: SubjectFacts, language: Language) -> SubjectFacts:
    """The subject as the page shows it: in Japanese, its Japanese name and points lines, no English notes."""
    if language != "ja":
        return subject
    points = subject.points
    if points is not None:
        lines = [line.model_copy(update={"label": f"{_LINE_JA.get(line.kind, 'ポイント')}"
                                                  f"（100円につき{line.rate_per_100_jpy}ポイント）"})
                 for line in points.lines]
        points = points.model_copy(update={"lines": lines, "notes": []})
    prices = {subject.price_labels_ja[k]: v for k, v in subject.other_prices.items() if k in subject.price_labels_ja}
    return subject.model_copy(update={"name": subject.name_ja or subject.name, "points": points,
                                      "other_prices": prices})


def delivery(days: int | None, language: Language) -> str:
    if days is None:
        return ""
    strings = STRINGS[language]
    return strings.get(f"delivery_{days}") or strings["delivery"].format(days=days)


def _variables(copy: LandingCopy, sheet: FactSheet, language: Language) -> dict[str, Any]:
    return {
        "copy": copy, "subjects": [_shown(s, language) for s in sheet.subjects], "lang": language,
        "t": STRINGS[language], "images": [image_for(s, sheet, language, i) for i, s in enumerate(sheet.subjects)],
        "json_ld": json_ld(copy, sheet), "delivery": lambda days: delivery(days, language),
    }


def render_html(copy: LandingCopy, sheet: FactSheet, language: Language) -> str:
    return render("page.html.j2", **_variables(copy, sheet, language))


def render_markdown(copy: LandingCopy, sheet: FactSheet, language: Language) -> str:
    variables = _variables(copy, sheet, language)
    # Markdown renderers pass raw HTML through: neutralise angle brackets in every text we did not write.
    safe = LandingCopy.model_construct(**{k: _md_escape(v) for k, v in copy.model_dump().items()})
    safe_subjects = [s.model_copy(update={"name": _md_escape(s.name)}) for s in sheet.subjects]
    return render("page.md.j2", **{**variables, "copy": safe, "subjects": safe_subjects})


def _md_escape(value: Any) -> Any:
    if isinstance(value, list):
        return [_md_escape(v) for v in value]
    if isinstance(value, str):  # no raw HTML, no link or image destination a viewer would follow or fetch
        return inert_text(value).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return value


def render_json(copy: LandingCopy, sheet: FactSheet, report: ClaimReport, language: Language) -> dict[str, Any]:
    """Copy, the facts it rests on and every claim verdict, for other tools."""
    return {
        "language": language,
        "copy": copy.model_dump(),
        "subjects": [s.model_dump(mode="json") for s in sheet.subjects],
        "campaign": sheet.offer.model_dump() if sheet.offer else None,
        "claims": claims_json(report),
    }


def claims_json(report: ClaimReport) -> dict[str, Any]:
    return {"counts": report.counts(), "passed": report.passed,
            "verdicts": [v.model_dump(mode="json") for v in report.verdicts]}
