"""Reference resolution over what the assistant showed: which item(s) of a list the member means.

Works the same for every kind of list (products, hotels, destinations, bookings, plans):

- ordinals from the slot extractor ("the second one", "first two", "the last one");
- attributes, by comparing the member's words with each shown item's own fields (brand, colour and
  model in a product title, a hotel's name or area, a destination's area or city, a plan's name): "the
  huawei one", "the red north face one", "the Tsubaki one", "the hostel one". Only words that tell the
  items apart count (a word every item shares says nothing);
- a hotel class ("the five-star one");
- extremes ("the cheapest one", "the priciest", "the best rated"), within what the attributes left
  ("the cheapest jvc");
- "it / that one": the item in focus.

When several items fit equally, the result carries them as `candidates`, so the caller asks one
question naming them instead of guessing or listing everything. Nothing here calls a tool.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from rapidfuzz import fuzz

from assistant.offline.nlu.lexicon import load_yaml

Item = dict[str, Any]
_NUMBERS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "1": 1, "2": 2, "3": 3, "4": 4, "5": 5}
_STARS = re.compile(r"\b(one|two|three|four|five|[1-5])[\s-]*(?:stars?|★)")
_FLOOR_BEFORE = re.compile(r"(least|over|above|minimum|min|than|more than)\s*$")
_FLOOR_AFTER = re.compile(r"^\s*(or (more|above|better|higher)|plus|\+|and up|minimum)")
_SEGMENTS = re.compile(r"\b(?:with|and|vs\.?|versus|against|or|to)\b|&|,")
_LEXICON_REFS = {"cheapest": "cheapest", "best_rated": "best_rated", "pricier": "priciest"}


@dataclass(frozen=True)
class Vocabulary:
    extremes: dict[str, str]  # phrase -> "cheapest" | "priciest" | "best_rated" | "most_stars" | "last"
    pattern: re.Pattern[str]
    room_words: frozenset[str]
    generic: frozenset[str]
    hotel_types: dict[str, tuple[str, ...]]  # a hotel's type tag -> the words a member calls it by


@lru_cache(maxsize=1)
def vocabulary() -> Vocabulary:
    raw = load_yaml("references.yaml")
    extremes = {str(p).lower(): str(kind) for kind, phrases in raw["extremes"].items() for p in phrases}
    alts = "|".join(re.escape(p) for p in sorted(extremes, key=len, reverse=True))
    return Vocabulary(
        extremes,
        re.compile(rf"(?<![\w])(?:the\s+)?({alts})(?![\w])"),
        frozenset(str(w) for w in raw["room_words"]),
        frozenset(str(w) for w in raw["generic"]),
        {str(k): tuple(str(w) for w in v) for k, v in raw["hotel_types"].items()},
    )


@dataclass(frozen=True)
class Reference:
    ids: tuple[str, ...] = ()  # the items meant, in the member's order
    candidates: tuple[Item, ...] = ()  # several items fit equally well: ask which
    how: str = ""  # "ordinal" | "attribute" | "extreme" | "stars" | "focus" | "only" | ""

    @property
    def found(self) -> bool:
        return bool(self.ids)

    @property
    def ambiguous(self) -> bool:
        return not self.ids and len(self.candidates) > 1


def item_id(item: Item, kind: str) -> str:
    keys = {
        "products": ("product_id", "id"),
        "hotels": ("hotel_id", "id"),
        "destinations": ("destination_id", "id", "area"),
        "bookings": ("booking_id", "id"),
        "plans": ("plan_id", "id"),
    }.get(kind, ("id",))
    for key in keys:
        if item.get(key):
            return str(item[key])
    return ""


def _fields(item: Item, kind: str) -> list[str]:
    if kind == "products":
        keys: tuple[str, ...] = ("title", "brand", "subcategory", "model_number")
    elif kind == "hotels":
        keys = ("name", "hotel_name", "area")
    elif kind == "destinations":
        keys = ("area", "city", "known_for", "activities")
    elif kind == "bookings":
        keys = ("hotel_name", "city", "room_name", "booking_id")
    else:
        keys = ("name", "plan_id")
    out: list[str] = []
    for key in keys:
        value = item.get(key)
        if isinstance(value, list):
            out.extend(str(v) for v in value)
        elif value:
            out.append(str(value))
    if kind == "hotels" and isinstance(item.get("amenities"), list):
        out.extend(str(a).replace("_", " ") for a in item["amenities"])
    if kind == "hotels" and item.get("hotel_type"):
        out.extend(vocabulary().hotel_types.get(str(item["hotel_type"]), ()))
    return out


def _norm(text: str) -> str:
    return unicodedata.normalize("NFKC", text).lower().replace("’", "'")


def _stem(word: str) -> str:
    word = word.replace("-", "").removesuffix("'s")
    if len(word) > 4 and word.endswith("es") and word[-3] in "sxh":
        return word[:-2]
    if len(word) > 3 and word.endswith("s") and not word.endswith("ss"):
        return word[:-1]
    return word


def tokens(text: str) -> list[str]:
    return [_stem(t) for t in re.findall(r"[a-z0-9][a-z0-9'+-]*", _norm(text))]


def _same(word: str, other: str) -> bool:
    return len(word) >= 5 and len(other) >= 5 and fuzz.ratio(word, other) >= 85


def _hits(words: Sequence[str], listing: Sequence[Item], kind: str) -> list[int]:
    """How many of the member's telling words each item carries (words all items share do not count)."""
    item_words = [set(tokens(" ".join(_fields(item, kind)))) for item in listing]
    scores = [0] * len(listing)
    for word in dict.fromkeys(words):
        # an exact word beats a near one ("hostel" is not "hotel"); near ones catch typos ("zojirushi")
        matched = [i for i, have in enumerate(item_words) if word in have]
        if not matched:
            matched = [i for i, have in enumerate(item_words) if any(_same(word, w) for w in have)]
        if matched and (len(matched) < len(listing) or len(listing) == 1):
            for i in matched:
                scores[i] += 1
    return scores


def _telling_words(text: str) -> list[str]:
    vocab = vocabulary()
    stripped = vocab.pattern.sub(" ", _norm(text))
    stripped = _STARS.sub(" ", stripped)
    generic = {_stem(w) for w in vocab.generic}
    return [w for w in tokens(stripped) if w not in generic and not w.isdigit() and len(w) > 1]


def extreme_of(text: str, ref_slot: str = "") -> str | None:
    """Which extreme the member asked for, if any ("the cheapest" -> "cheapest")."""
    m = vocabulary().pattern.search(_norm(text))
    if m:
        return vocabulary().extremes[m[1]]
    return _LEXICON_REFS.get(ref_slot)


def _about_rooms(text: str) -> bool:
    m = vocabulary().pattern.search(_norm(text))
    if not m:
        return False
    following = _norm(text)[m.end() :].split()[:2]
    return any(w.strip("?.!,") in vocabulary().room_words for w in following)


def stars_named(text: str) -> int | None:
    """ "the five-star one" -> 5; a floor ("at least 4 stars") is a constraint, not a reference."""
    t = _norm(text)
    for m in _STARS.finditer(t):
        if _FLOOR_BEFORE.search(t[: m.start()]) or _FLOOR_AFTER.match(t[m.end() :]):
            continue
        return _NUMBERS[m[1]]
    return None


def _price(item: Item) -> int:
    """The price the member saw: a hotel's cheapest room for the stay, else the item's own price."""
    room = item.get("cheapest_room")
    if isinstance(room, dict) and isinstance(room.get("total_jpy"), int | float):
        return int(room["total_jpy"])
    for key in ("price_jpy", "total_jpy", "from_jpy_per_night", "min_rate_jpy", "monthly_jpy"):
        value = item.get(key)
        if isinstance(value, int | float):
            return int(value)
    return 10**12


def _pick_extreme(pool: Sequence[Item], extreme: str) -> Item | None:
    if not pool:
        return None
    if extreme == "cheapest":
        return min(pool, key=_price)
    if extreme == "priciest":
        priced = [p for p in pool if _price(p) < 10**12]
        return max(priced, key=_price) if priced else None
    if extreme == "best_rated":
        return max(pool, key=lambda p: float(p.get("rating") or 0))
    if extreme == "most_stars":
        return max(pool, key=lambda p: int(p.get("stars") or 0))
    if extreme == "last":
        return pool[-1]
    return None


def _one(text: str, ref_slot: str, listing: Sequence[Item], kind: str) -> Reference:
    """One reference (no ordinal) within `listing`."""
    pool = list(listing)
    how = ""
    stars = stars_named(text) if kind == "hotels" else None
    if stars is not None:
        with_stars = [h for h in pool if h.get("stars") == stars]
        if with_stars:
            pool, how = with_stars, "stars"
    scores = _hits(_telling_words(text), pool, kind)
    best = max(scores, default=0)
    if best > 0:
        pool, how = [item for item, s in zip(pool, scores, strict=True) if s == best], "attribute"
    extreme = extreme_of(text, ref_slot)
    if extreme and not (kind == "hotels" and _about_rooms(text)):
        chosen = _pick_extreme(pool, extreme)
        if chosen is not None:
            return Reference((item_id(chosen, kind),), how="extreme")
    if how and len(pool) == 1:
        return Reference((item_id(pool[0], kind),), how=how)
    if how:
        return Reference(candidates=tuple(pool), how=how)
    return Reference()


def resolve(
    text: str,
    ref_slot: str,
    listing: Sequence[Item],
    kind: str,
    *,
    focus: str | None = None,
    many: bool = False,
) -> Reference:
    """The item(s) of `listing` the member means; `focus` is the item "it" stands for."""
    ids = [item_id(item, kind) for item in listing]
    if ref_slot[:1] in "-0123456789" and ref_slot:
        chosen = []
        for part in ref_slot.split(","):
            n = int(part)
            index = n - 1 if n > 0 else len(ids) + n
            if 0 <= index < len(ids) and ids[index]:
                chosen.append(ids[index])
        if chosen:
            return Reference(tuple(chosen), how="ordinal")
    if many:
        parts = [p for p in _SEGMENTS.split(_norm(text)) if p.strip()]
        found: list[str] = []
        for part in parts:
            one = _one(part, "", listing, kind)
            if one.found and one.ids[0] not in found:
                found.append(one.ids[0])
        if len(found) >= 2:
            return Reference(tuple(found), how="attribute")
    one = _one(text, ref_slot, listing, kind)
    if one.found or one.ambiguous:
        return one
    if focus and not many:
        return Reference((focus,), how="focus")
    if len(ids) == 1 and ids[0] and not many:
        return Reference((ids[0],), how="only")
    return Reference()


def points_at(text: str, ref_slot: str, listing: Sequence[Item], kind: str) -> bool:
    """Whether the member's words point at something in `listing` (an ordinal, an extreme, a hotel
    class or an attribute only some items have)."""
    if not listing:
        return False
    if ref_slot and ref_slot != "it":
        return True
    return _one(text, ref_slot, listing, kind).how != "" or (kind == "hotels" and stars_named(text) is not None)
