"""Find products, hotels and mobile plans by name for a brief: a marketer types "shokz earbuds", not an id.

Products and hotels are found with the assistant's own hybrid retrieval (`tools.search.CatalogueSearch`,
dense + keyword) when the app has its index; names are also matched directly (rapidfuzz over brand, title and
model number), so a typed model number or part of a name always finds its item, with or without the index.
Mobile plans are few and not indexed: they are matched by name.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any, Literal

from rapidfuzz import fuzz, process

Kind = Literal["product", "hotel", "mobile_plan"]
_ID = re.compile(r"^(?:P\d{6}|H\d{4}|D\d{3}|MP-[A-Z0-9-]+)$", re.I)


@dataclass(frozen=True)
class Candidate:
    """One item a marketer can add to the brief; `label` is what the picker shows."""

    id: str
    kind: Kind
    name: str
    detail: str = ""  # brand · price, city · stars, ...

    @property
    def label(self) -> str:
        return f"{self.name} ({self.detail})" if self.detail else self.name

    @property
    def choice(self) -> tuple[str, str]:
        """(label, id) for a Gradio dropdown: the id is the value, the label what a person reads."""
        return f"{self.label} · {self.id}", self.id


def _fold(text: str) -> str:
    return " ".join(unicodedata.normalize("NFKC", text).casefold().split())


@dataclass
class _Named:
    candidate: Candidate
    text: str  # folded "brand title model number"


class SubjectPicker:
    """Search by name over what the brief can name, best matches first."""

    def __init__(self, items: Callable[[], Iterable[Candidate]], search: Any | None = None) -> None:
        self._items_source = items
        self._items: list[_Named] | None = None
        self.search = search  # tools.search.CatalogueSearch, when the app has its index

    def _named(self) -> list[_Named]:
        if self._items is None:
            self._items = [_Named(c, _fold(f"{c.name} {c.detail}")) for c in self._items_source()]
        return self._items

    def by_id(self, subject_id: str) -> Candidate | None:
        return next((n.candidate for n in self._named() if n.candidate.id == subject_id), None)

    def find(self, text: str, limit: int = 10) -> list[Candidate]:
        """The items whose name (or retrieval match) fits what was typed; an exact id finds that item."""
        query = _fold(text)
        if len(query) < 2:
            return []
        if _ID.match(text.strip()):
            hit = self.by_id(text.strip().upper() if not text.strip().upper().startswith("MP") else text.strip())
            return [hit] if hit else []
        found: dict[str, Candidate] = {}
        words = query.split()
        # every typed word inside the name (part of a name, a model number): the strongest signal
        for named in self._named():
            if all(w in named.text for w in words):
                found.setdefault(named.candidate.id, named.candidate)
        for candidate in self._retrieved(text, limit):
            found.setdefault(candidate.id, candidate)
        if len(found) < limit:
            texts = [n.text for n in self._named()]
            for _, score, index in process.extract(query, texts, scorer=fuzz.WRatio, limit=limit):
                if score >= 80:
                    candidate = self._named()[index].candidate
                    found.setdefault(candidate.id, candidate)
        return list(found.values())[:limit]

    def _retrieved(self, text: str, limit: int) -> list[Candidate]:
        if self.search is None:
            return []
        out: list[Candidate] = []
        try:
            for hit in self.search.products.search(query=text[:200], limit=min(limit, 20)):
                out.append(Candidate(hit.id, "product", hit.title, f"{hit.brand} · ¥{hit.price_jpy:,}"))
            for hotel in self.search.hotels.search(query=text[:200], limit=3):
                out.append(Candidate(hotel.id, "hotel", hotel.name, f"{hotel.city} · {hotel.stars}★"))
        except Exception:  # retrieval unavailable (index rebuilding): the name match still answers
            return out
        return out


def candidates_from_records(products: Iterable[Any], hotels: Iterable[Any] = (),
                            plans: Iterable[Any] = ()) -> list[Candidate]:
    """Picker items from data-set records (the seed data set, or rows read from the live catalogue)."""
    items = [Candidate(p.id, "product", p.title, f"{p.brand} {p.model_number} · ¥{p.price_jpy:,}") for p in products]
    items += [Candidate(h.id, "hotel", h.name, f"{h.city} · {h.stars}★") for h in hotels]
    items += [Candidate(m.id, "mobile_plan", m.name, "mobile plan") for m in plans]
    return items
