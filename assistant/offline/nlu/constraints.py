"""Constraints a member states about what they want, read so that none is dropped or turned into a search word.

Each reader consumes the span it reads (the extractor's `take`), so "4 stars or more" is not also the fourth
item, "free shipping" not a search for "free", and "but not beppu" not a search for Beppu.

- **floors**: hotel class ("4 stars or more", "3-star or better", "a five-star hotel" -> `min_stars`) and
  review ratings ("rated 4.5 or higher", "a rating of at least 4" -> `min_rating`); for a product, stars are
  its rating (`slots_for_intent` maps them);
- **free shipping** ("free delivery", "ships free") -> `free_shipping`;
- **sizes** ("size 27.5", "26.5 cm", "size M") -> `size`, kept in the search words;
- **model numbers** ("FWF-3132XM4", "the Anker WH-4657-W", "anker 737") -> `model`, kept verbatim in the
  search words; the brand right before a model is the brand, never the ordinal "final";
- **exclusions** ("not for toddlers", "nothing for kids", "but not beppu", "without a pool") -> `exclude`;
  a negated price word ("nothing fancy", "not too pricey") only leaves the words out: the price order reads
  it (policy_travel.CHEAP);
- **either/or** ("sony or bose", "Kanazawa or Takayama") -> `brands` / `places`, each searched.
"""

from __future__ import annotations

import re
from itertools import pairwise
from typing import TYPE_CHECKING

from assistant.offline.nlu.gazetteer import looks_like_model
from assistant.offline.nlu.spans import Free, Take

if TYPE_CHECKING:
    from assistant.offline.nlu.lexicon import Lexicon


_N = r"(\d(?:\.\d)?|one|two|three|four|five)"
_MORE = r"(?:or|and)\s+(?:more|above|up|upwards|higher|better|over|plus)"
_STAR_FLOORS = [
    re.compile(rf"\b(?:at least|minimum(?: of)?|min\.?|no less than|not less than)\s+(?:a\s+)?{_N}[\s-]*stars?\b"),
    re.compile(rf"\b{_N}[\s-]*stars?\s*(?:{_MORE}|\+|and up|minimum|min\b|plus)"),
    re.compile(rf"\b{_N}\s*\+\s*stars?\b"),
]
# "a five-star hotel", "4-star ryokans": a class asked for (not "the five-star one", a reference)
_STAR_CLASS = re.compile(rf"(?<!the )\b{_N}[\s-]*stars?\s+(?=(?:hotels?|ryokans?|inns?|resorts?|places?|stays?)\b)")
_RATING = re.compile(
    rf"\b(?:rated|rating(?:\s+of)?|reviews?\s+of|review score(?:\s+of)?|scores?(?:\s+of)?)\s+"
    rf"(?:at least\s+|over\s+|above\s+|of\s+|min(?:imum)?\s+)?{_N}(?:\s*stars?)?(?:\s*(?:/\s*5|out of 5))?"
    rf"(?:\s*{_MORE}|\s*\+)?"
)
_FREE_SHIPPING = re.compile(
    r"\bfree\s+(?:shipping|delivery|postage)\b|\bships?\s+(?:for\s+)?free\b"
    r"|\b(?:shipping|delivery|postage)\s+(?:is\s+)?(?:free|included)\b"
    r"|\bno\s+(?:shipping|delivery|postage)\s+(?:fees?|costs?|charges?)\b|\bpostage[\s-]free\b"
)
_SIZE = re.compile(r"\bsize\s+(\d{1,2}(?:\.\d)?|xxl|xl|xs|s|m|l|small|medium|large|free)\b|\b(\d{2}(?:\.5)?)\s*cm\b")
_TOKEN = re.compile(r"(?<![\w-])([a-z][a-z0-9]*(?:-[a-z0-9]+)+|[a-z]{1,4}\d{3,}[a-z0-9]*)(?![\w-])")
_BRAND_NUMBER = re.compile(r"^\s+(\d{2,5}[a-z]{0,3})\b(?!\s*(?:yen|jpy|円|k\b|points?|pts|gb|nights?|people|adults?))")
_NEGATION = re.compile(
    r"\b(?:but\s+)?(?:not|no|nothing|without|except|excluding|avoid(?:ing)?|other than|anything but|apart from)\s+"
    r"((?:(?:for|in|from|with|by|too|very|so|overly|that|a|an|any|at all|really)\s+){0,2})"
    r"([a-z][a-z'-]+)"
)
# Words a negation may be followed by that name nothing to leave out ("not sure", "no thanks", "not now").
_NOT_THINGS = {
    "sure", "thanks", "thank", "problem", "worries", "way", "now", "yet", "more", "less", "longer", "need",
    "idea", "matter", "big", "just", "really", "one", "ones", "book", "booking", "reserve", "charge", "cancel",
    "the", "it", "that", "this", "those", "these", "me", "my", "we", "us", "i", "you", "much", "many", "only",
    "over", "above", "under", "below", "rush", "hurry", "bad", "good", "great", "quite", "exactly", "bother",
    "fuss", "worry", "pressure", "limit", "budget", "preference", "clue",
}
# Negated, these words say how dear, not what to leave out: "nothing fancy", "not too pricey".
_PRICE_WORDS = {
    "fancy", "pricey", "pricy", "expensive", "posh", "dear", "costly", "luxurious", "luxury", "premium",
    "high-end", "extravagant", "overpriced",
}
_EITHER = re.compile(r"^\s*,?\s*(?:or|and/or)\s+(?:the\s+|in\s+)?$|^\s*/\s*$")


def _number(word: str, lex: Lexicon) -> float:
    return float(word) if word[0].isdigit() else float(lex.number_words.get(word, 0))


def _singular(word: str) -> str:
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"  # "babies"
    if len(word) > 4 and word.endswith("s") and not word.endswith("ss"):
        return word[:-1]
    return word


class ConstraintReader:
    def __init__(self, lexicon: Lexicon) -> None:
        self.lex = lexicon

    # -- before prices and references --------------------------------------------------------------------
    def floors(self, t: str, slots: dict[str, object], free: Free, take: Take) -> None:
        """Star and rating floors, free shipping and sizes: read before prices and ordinals."""
        for m in _RATING.finditer(t):
            value = _number(m[1], self.lex)
            if free(m.start(), m.end()) and 0 < value <= 5:
                slots["min_rating"] = value
                take(m.start(), m.end())
                break
        for pattern in (*_STAR_FLOORS, _STAR_CLASS):
            for m in pattern.finditer(t):
                value = _number(m[1], self.lex)
                if not free(m.start(), m.end()) or not 0 < value <= 5:
                    continue
                rated = re.search(r"\b(rated|rating|reviews?)\b", t[max(0, m.start() - 12) : m.start()])
                if rated or not value.is_integer():
                    slots.setdefault("min_rating", value)
                else:
                    slots.setdefault("min_stars", int(value))
                take(m.start(), m.end())
        shipping = _FREE_SHIPPING.search(t)
        if shipping and free(shipping.start(), shipping.end()):
            slots["free_shipping"] = True
            take(shipping.start(), shipping.end())
        sized = _SIZE.search(t)
        if sized and free(sized.start(), sized.end()):
            size = sized[1] or sized[2]
            slots["size"] = size.upper() if size.isalpha() and len(size) <= 3 else size
            take(sized.start(), sized.end())

    def models(self, t: str, slots: dict[str, object], free: Free, take: Take) -> None:
        """Model numbers (and the brand right before one): kept verbatim, never a price, an id or an ordinal."""
        gaz = self.lex.gazetteer
        for m in _TOKEN.finditer(t):
            token = m[1]
            known = gaz.model(token)
            if (known is None and not looks_like_model(token)) or not free(m.start(), m.end()):
                continue
            slots.setdefault("model", known.name if known else token.upper())
            take(m.start(), m.end())
            self._brand_before(t, m.start(), slots, free, take, known.brand if known else None)
            return
        for start, end, brand in self.lex.brands.finditer(t):
            after = _BRAND_NUMBER.match(t[end:])
            if after and free(end, end + after.end()):  # "anker 737": the number is the model
                slots.setdefault("model", after[1].upper())
                slots.setdefault("brand", brand)
                take(start, end + after.end())
                return

    def _brand_before(
        self, t: str, start: int, slots: dict[str, object], free: Free, take: Take, brand: str | None
    ) -> None:
        before = t[:start]
        for b_start, b_end, name in self.lex.brands.finditer(before):
            if not before[b_end:].strip() and free(b_start, b_end):
                slots.setdefault("brand", name)
                take(b_start, b_end)
                return
        if brand and brand.lower() in t:
            slots.setdefault("brand", brand)

    # -- after references, before the vocabulary ---------------------------------------------------------
    def exclusions(self, t: str, slots: dict[str, object], free: Free, take: Take) -> None:
        """ "Not for toddlers", "but not beppu": the words (or the place, the brand) left out."""
        gaz = self.lex.gazetteer
        excluded: list[str] = []
        for m in _NEGATION.finditer(t):
            word = m[2]
            if not free(m.start(), m.end()) or word in _NOT_THINGS or word in self.lex.ordinals:
                continue
            if word in _PRICE_WORDS:
                take(m.start(), m.end())
                continue
            two = re.match(r"\s+([a-z][a-z'-]+)", t[m.end() :])
            place = None
            if two:
                place = gaz.exact(f"{word} {two[1]}", "city", "area", "destination")
            end = m.end() + (two.end() if place is not None and two else 0)
            place = place or gaz.exact(word, "city", "area", "destination", "brand")
            excluded.append(place.name if place is not None else _singular(word))
            take(m.start(), end)
        if excluded:
            slots["exclude"] = list(dict.fromkeys(excluded))


def either(t: str, spans: list[tuple[int, int, str]]) -> list[str]:
    """Names joined by "or" ("sony or bose", "Kanazawa or Takayama, either is fine"), in order; [] for one."""
    chosen: list[str] = []
    for (_s0, e0, a), (s1, _e1, b) in pairwise(spans):
        if _EITHER.match(t[e0:s1]) and a != b:
            for name in (a, b):
                if name not in chosen:
                    chosen.append(name)
    return chosen
