"""How the retrieval query sets judge relevance and misspell: the grading rules over the generator's ground
truth (attributes, price, truth tags, stars, amenities), the phrasing of an attribute query and the typos.

Why a module of its own: the rules are the contract `eval/retrieval/README.md` documents, shared by the English
and the Japanese builders; `data/queries.py` only composes queries from them.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from typing import Any

from data.schema import Hotel, Product
from data.vocab.queries import MISSPELLINGS


def misspell(text: str, rng: random.Random) -> str:
    """A plausible typo: a known misspelling where we have one, else a dropped or swapped letter."""
    for right, wrong in MISSPELLINGS.items():
        if right.lower() in text.lower():
            start = text.lower().index(right.lower())
            return text[:start] + wrong + text[start + len(right) :]
    words = text.split()
    candidates = [i for i, w in enumerate(words) if len(w) >= 5 and w.isalpha()]
    if not candidates:
        return text
    i = rng.choice(candidates)
    w = words[i]
    k = rng.randrange(1, len(w) - 2)
    words[i] = w[:k] + w[k + 1] + w[k] + w[k + 2 :] if rng.random() < 0.5 else w[:k] + w[k + 1 :]
    return " ".join(words)


def grade(items: list[Any], rule: Callable[[Any], int]) -> dict[str, int]:
    """The relevance judgements of a query: each item's grade by `rule`, the items graded 0 left out."""
    return {item.id: g for item in items if (g := rule(item)) > 0}


def attr_phrase(key: str, value: str, word: str) -> str:
    """How a member would type "<subcategory> with this attribute value"."""
    v = value.split(" (")[0]
    label = key.replace("_", " ")
    if key in ("colour", "material", "shade", "flavour", "roast", "platform", "sensor", "fill", "connectivity", "type"):
        return f"{v.lower() if key in ('colour', 'shade', 'flavour', 'roast') else v} {word}"
    if key == "skin_type":
        return f"{word} for {v.lower()} skin"
    if key == "age":
        return f"{word} {v}" if v[0].isalpha() else f"{word} for ages {v}"
    if key == "room_size":
        return f"{word} for a room {v}"
    if label.rstrip("s") in v.lower() or key in (
        "size",
        "capacity",
        "volume",
        "weight",
        "count",
        "blade_length",
        "screen",
    ):
        return f"{word} {v}"
    return f"{word} with {v} {label}"


def attr_rule(key: str, value: str) -> Callable[[Product], int]:
    return lambda p: 3 if p.attributes.get(key) == value else 1


def price_rule(low: int, high: int) -> Callable[[Product], int]:
    return lambda p: 3 if low <= p.price_jpy <= high else 0


def tags_rule(required: tuple[str, ...], partial: tuple[str, ...]) -> Callable[[Product], int]:
    def rule(p: Product) -> int:
        if all(t in p.truth_tags for t in required):
            return 3
        return 1 if any(t in p.truth_tags for t in partial) else 0

    return rule


def place_name(area: str) -> str:
    """'Kurashiki & Okayama' -> 'Kurashiki': members type one place name."""
    return area.split(" & ")[0]


# Three plain hotel queries every set asks of a destination, drawn by a style roll below the cut:
# (cut, rule, filters beside the destination)
HOTEL_STYLES: tuple[tuple[float, Callable[[Hotel], int], dict[str, Any]], ...] = (
    (0.15, lambda h: 3 if h.stars == 5 else 2 if h.stars == 4 else 0, {"stars_min": 4}),
    (0.25, lambda h: 3 if min(r.base_rate_jpy for r in h.room_types) <= 9000 else 0, {"price_max": 9000}),
    (0.33, lambda h: 3 if "type:ryokan" in h.truth_tags else 0, {}),
)


def amenity_rule(wanted: tuple[str, ...]) -> Callable[[Hotel], int]:
    def rule(h: Hotel) -> int:
        have = sum(a in h.amenities for a in wanted)
        return 3 if have == len(wanted) else 1 if have else 0

    return rule
