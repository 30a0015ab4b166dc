"""Catalogue words the dialogue needs, built once from the seed data: which words name a kind of product
("earbuds", "rice cooker", "jacket") and which only describe one ("black", "26.5 cm").

A follow-up that names no kind of product ("any from sony?", "something a bit more fancy, up to 30k",
"in black?") refines the search on screen instead of starting a new one; a colour or size word is added
to that search; any other leftover word ("fancy", "actually") is not searched for.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from assistant.offline.references import tokens

# Title decorations and units that are not product kinds.
_NOT_KINDS = {"set", "pack", "packs", "kit", "type", "model", "unit", "system", "cm", "mm", "ml", "kg", "g", "days"}


@dataclass(frozen=True)
class ProductWords:
    kinds: frozenset[str]  # stemmed words that name a kind of product
    describing: frozenset[str]  # stemmed colour / size / material words

    def kind_words(self, text: str) -> list[str]:
        return [w for w in tokens(text) if w in self.kinds]

    def describing_words(self, text: str) -> list[str]:
        return [w for w in re.findall(r"[a-z0-9.][a-z0-9.'-]*", text.lower()) if _stem(w) in self.describing]

    def names_a_kind(self, text: str) -> bool:
        """Whether `text` names a kind of product. Without a catalogue every word might, so True."""
        return not self.kinds or bool(self.kind_words(text))


def _stem(word: str) -> str:
    found = tokens(word)
    return found[0] if found else word


@lru_cache(maxsize=4)
def product_words(seed_dir: str | None, category_phrases: tuple[str, ...] = ()) -> ProductWords:
    if not seed_dir:
        return ProductWords(frozenset(), frozenset())
    strong: set[str] = set()  # words of the catalogue's own category and subcategory names
    kinds: set[str] = set()  # the last word of each product's name ("... Rice Cooker", "... Tote Bag")
    describing: set[str] = set()
    for path in sorted(Path(seed_dir).glob("products*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if not line.strip():
                continue
            p = json.loads(line)
            strong.update(tokens(str(p.get("subcategory", ""))))
            strong.update(tokens(str(p.get("category", ""))))
            attributes = p.get("attributes") or {}
            for key in ("colour", "size", "material", "shade", "pattern"):
                if attributes.get(key):
                    describing.update(tokens(str(attributes[key])))
            name = str(p.get("title", "")).split(" - ")[0]
            for noise in (p.get("model_number"), p.get("brand")):
                if noise:
                    name = name.replace(str(noise), " ")
            words = [w for w in re.findall(r"[A-Za-z][A-Za-z-]+", re.sub(r"[(\[].*?[)\]]", " ", name))]
            if words:
                kinds.update(tokens(words[-1]))
    for phrase in category_phrases:
        strong.update(tokens(phrase))
    describing -= strong
    kinds = (kinds - describing) | strong
    kinds = {k for k in kinds if len(k) > 2 and k not in _NOT_KINDS and not k.isdigit()}
    kinds -= {"and", "the", "for", "with"}
    describing = {d for d in describing if not d.isdigit() and d not in {"one", "with", "free", "size", "kid"}}
    return ProductWords(frozenset(kinds), frozenset(describing))


@lru_cache(maxsize=4)
def hotel_types(seed_dir: str | None) -> dict[str, str]:
    """Each hotel's kind of place ("ryokan", "hostel", "business", ...) from the travel data's type tag, so "the
    ryokan one" picks the ryokan of a hotel list whose names and results do not say it."""
    if not seed_dir:
        return {}
    out: dict[str, str] = {}
    for path in sorted(Path(seed_dir).glob("hotels*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if not line.strip():
                continue
            h = json.loads(line)
            kind = next((str(t)[5:] for t in h.get("truth_tags") or [] if str(t).startswith("type:")), "")
            if kind and h.get("id"):
                out[str(h["id"])] = kind
    return out
