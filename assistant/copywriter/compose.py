"""The offline copywriter: landing-page copy composed from the fact sheet and phrasings in `prompts/copy/`.

It is deterministic (the same brief gives the same copy) and writes only what the facts say, so it is the
studio's answer when no LLM is configured and the fallback the fixer uses for a field it had to drop.
Variants differ in headline, opener and the order of the benefits.
"""

from __future__ import annotations

import re
from types import SimpleNamespace
from typing import Any

from assistant.copywriter.brief import BrandVoice, CampaignBrief
from assistant.copywriter.facts import FactSheet, SubjectFacts
from assistant.copywriter.schema import (
    BULLET_MAX,
    CTA_MAX,
    HEADLINE_MAX,
    MAX_BULLETS,
    META_DESCRIPTION_MAX,
    MIN_BULLETS,
    PARAGRAPH_MAX,
    SEO_TITLE_MAX,
    SUBHEADLINE_MAX,
    LandingCopy,
)
from assistant.copywriter.templates import phrasebook, render_string

_SENTENCE_END = re.compile(r"(?<=[.!?。！？])\s*")


def fit(text: str, limit: int) -> str:
    """Shorten to `limit` characters at a sentence, clause or word boundary, never inside a number."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    sentences = [s for s in _SENTENCE_END.split(text) if s]
    kept = ""
    for sentence in sentences:
        candidate = f"{kept} {sentence}".strip() if kept and sentence.isascii() else kept + sentence
        if len(candidate) > limit:
            break
        kept = candidate
    if kept:
        return kept
    cut = text[: limit - 1]
    boundary = max(cut.rfind(" "), cut.rfind("、"), cut.rfind(","), cut.rfind("·"))
    if boundary > limit // 2:
        cut = cut[:boundary]
    cut = re.sub(r"[\s\d,.¥:：(（+\-]+$", "", cut)
    return cut.rstrip(" ,、·;") + "…"


def is_japanese(text: str) -> bool:
    """True when most letters are hiragana, katakana or kanji (Latin brand names may remain)."""
    letters = [c for c in text if c.isalpha()]
    japanese = [c for c in letters if JAPANESE.match(c)]
    return bool(letters) and len(japanese) / len(letters) >= 0.5


JAPANESE = re.compile(r"[\u3040-\u309f\u30a0-\u30ff\u4e00-\u9fff\u3400-\u4dbf々ー]")


def short_name(name: str, limit: int = 56) -> str:
    """The name without shop tags such as "[Free Shipping]" (a claim of its own), shortened to fit."""
    name = " ".join(re.sub(r"\[[^\]]*\]|【[^】]*】", " ", name).split()) or name
    return fit(name, limit).rstrip("…") if len(name) > limit else name


def yen(value: int | None) -> str:
    return f"¥{value:,}" if value is not None else ""


def n(value: int | float) -> str:
    return f"{value:,}"


def _label(key: str, labels: dict[str, str]) -> str:
    return labels.get(key) or key.replace("_", " ").capitalize()


class OfflineCopywriter:
    """Copy from templates and facts; no model, no network."""

    name = "offline"

    def write(self, sheet: FactSheet, brief: CampaignBrief, voice: BrandVoice, variant: int = 0) -> LandingCopy:
        book = phrasebook(brief.language)
        multi = len(sheet.subjects) > 1
        s = sheet.subjects[0]
        context = self._context(sheet, brief, voice, variant, s, book)

        def pick(options: list[str], limit: int, start: int = variant) -> str:
            rendered = [render_string(options[(start + i) % len(options)], **context) for i in range(len(options))]
            usable = [r for r in rendered if r]
            fitting = [r for r in usable if len(r) <= limit]
            return fitting[0] if fitting else fit(usable[0] if usable else s.name, limit)

        headline = pick(book["multi_headlines"] if multi else book["headlines"], HEADLINE_MAX)
        sub_key = "multi" if multi else s.kind
        subheadline = fit(render_string(book["subheadlines"][sub_key], **context) or s.name, SUBHEADLINE_MAX)
        bullets = self._bullets(book, context, brief, sheet, variant)
        body_templates = book["multi_body"] if multi else book["body"]
        paragraphs = [fit(p, PARAGRAPH_MAX) for p in (render_string(t, **context) for t in body_templates) if p]
        paragraphs = paragraphs[: max(brief.paragraphs_wanted, 1)] or [fit(s.description or s.name, PARAGRAPH_MAX)]
        cta = fit(brief.cta or voice.cta[brief.language], CTA_MAX)
        seo_title = pick(book["seo_titles"], SEO_TITLE_MAX, 0)
        meta = pick(book["meta_descriptions"], META_DESCRIPTION_MAX, 0)
        return LandingCopy(headline=headline, subheadline=subheadline, bullets=bullets, body=paragraphs, cta=cta,
                           seo_title=seo_title, meta_description=meta)

    def _context(self, sheet: FactSheet, brief: CampaignBrief, voice: BrandVoice, variant: int, s: SubjectFacts,
                 book: dict[str, Any]) -> dict[str, Any]:
        labels: dict[str, str] = book.get("labels") or {}
        openers = voice.openers[brief.language]
        ja_page = brief.language == "ja"

        def name(x: SubjectFacts) -> str:
            return (x.name_ja or x.name) if ja_page else x.name

        def description(x: SubjectFacts) -> str:
            return (x.description_ja or x.description) if ja_page else x.description

        subjects = [
            SimpleNamespace(short=short_name(name(x), 36), price_jpy=x.price_jpy, points=x.points,
                            description_short=self._description(description(x), brief.language, 160))
            for x in sheet.subjects
        ]
        attrs = s.attributes_ja if ja_page and s.kind == "product" else [
            (_label(k, labels), v) for k, v in s.attributes.items()]
        check = sheet.campaign
        return {
            "s": s, "subjects": subjects, "offer": sheet.offer, "voice": voice,
            "campaign": check.campaign, "campaign_asked": check.asked_for,
            "day": (lambda d: f"{d.month}月{d.day}日") if brief.language == "ja" else (lambda d: f"{d:%b} {d.day}"),
            "opener": openers[variant % len(openers)], "short": short_name(name(s)), "yen": yen, "n": n,
            "points": s.points, "point_value": sheet.point_value_jpy,
            "attrs": attrs,
            "amenities": [f.replace("_", " ") for f in s.features],
            "access": [(k.removeprefix("from "), v) for k, v in s.details.items() if k.startswith("from ")],
            "tiers": list(s.other_prices.items()),
            "tiers_ja": [(s.price_labels_ja[k], v) for k, v in s.other_prices.items()
                         if k in s.price_labels_ja and not k.endswith(" option per month")],
            "options_ja": [(s.price_labels_ja[k].removesuffix("（月額）"), v) for k, v in s.other_prices.items()
                           if k in s.price_labels_ja and k.endswith(" option per month")],
            "description": self._description(description(s), brief.language, PARAGRAPH_MAX),
            "kinds": book.get("kinds") or {},
        }

    @staticmethod
    def _description(text: str, language: str, limit: int) -> str:
        """The catalogue's description, unless it is in another language than the page."""
        if not text or (language == "ja" and not is_japanese(text)):
            return ""
        return fit(text, limit)

    def _bullets(self, book: dict[str, Any], context: dict[str, Any], brief: CampaignBrief, sheet: FactSheet,
                 variant: int) -> list[str]:
        if len(sheet.subjects) > 1:
            template = book["bullets"]["multi"][0]
            items = [render_string(template, **{**context, "x": x}) for x in context["subjects"]]
        else:
            items = [render_string(t, **context) for t in book["bullets"][sheet.subjects[0].kind]]
        items = [fit(i, BULLET_MAX) for i in items if i]
        if variant and len(items) > MIN_BULLETS:
            shift = variant % len(items)
            items = items[shift:] + items[:shift]
        if context["campaign_asked"] and book.get("campaign_bullet"):
            items.insert(0, fit(render_string(book["campaign_bullet"], **context), BULLET_MAX))
        wanted = min(max(brief.bullets_wanted, MIN_BULLETS), MAX_BULLETS)
        items = items[:wanted]
        s = context["s"]
        category = (s.category_ja if brief.language == "ja" else None) or s.category
        while len(items) < MIN_BULLETS:  # a very sparse record: repeat plain facts rather than invent any
            items.append(fit(context["short"], BULLET_MAX) if len(items) % 2 == 0 else
                         fit(category or context["short"], BULLET_MAX))
        return items
