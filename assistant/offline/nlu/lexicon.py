"""The offline engine's vocabulary: the lexicon file plus gazetteers built from the data set at load time.

Nothing here is hard-coded vocabulary: phrases come from `assistant/offline/data/lexicon.yaml`, and city,
area, brand, category and activity names come from the generated data set (`*.jsonl` in the seed folder),
so a new hotel city or brand is understood as soon as it is in the data.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from assistant.offline.nlu.gazetteer import Gazetteer

DATA_DIR = Path(__file__).resolve().parent.parent / "data"


def load_yaml(name: str) -> Any:
    with (DATA_DIR / name).open(encoding="utf-8") as fh:
        return yaml.safe_load(fh)


def alternation(phrases: Iterable[str]) -> str:
    """A regex alternation of the phrases, escaped and longest first (so "nights" is matched before "night")."""
    return "|".join(re.escape(p) for p in sorted(phrases, key=len, reverse=True))


@dataclass(frozen=True)
class Place:
    name: str  # canonical spelling from the data set
    kind: str  # "city" | "area" | "prefecture"
    city: str  # the city the place belongs to (itself for a city)


@dataclass
class PhraseTable:
    """Phrase -> value, matched longest first on word boundaries."""

    entries: dict[str, Any] = field(default_factory=dict)
    _pattern: re.Pattern[str] | None = None

    def add(self, phrase: str, value: Any) -> None:
        phrase = phrase.lower().strip()
        if phrase and phrase not in self.entries:
            self.entries[phrase] = value
            self._pattern = None

    def finditer(self, text: str) -> Iterator[tuple[int, int, Any]]:
        if not self.entries:
            return
        if self._pattern is None:
            alts = sorted(self.entries, key=len, reverse=True)
            self._pattern = re.compile(r"(?<![\w])(" + "|".join(re.escape(a) for a in alts) + r")(?![\w])")
        for m in self._pattern.finditer(text):
            yield m.start(), m.end(), self.entries[m[1]]


def _table(mapping: dict[Any, Iterable[str]]) -> PhraseTable:
    table = PhraseTable()
    for value, phrases in mapping.items():
        for phrase in phrases:
            table.add(str(phrase), value)
    return table


class Lexicon:
    """All phrase tables the slot extractor needs."""

    def __init__(self, raw: dict[str, Any], seed_dir: Path | None = None, gazetteer: Gazetteer | None = None) -> None:
        self.raw = raw
        self.gazetteer = gazetteer if gazetteer is not None else Gazetteer.from_seed(seed_dir)
        self.price_max_cues: list[str] = raw["price_cues"]["max"]
        self.price_min_cues: list[str] = raw["price_cues"]["min"]
        self.price_around_cues: list[str] = raw["price_cues"]["around"]
        self.around_pct: int = int(raw["around_pct"])
        self.currency_words: list[str] = raw["currency_words"]
        self.number_words: dict[str, int] = {str(k): int(v) for k, v in raw["number_words"].items()}
        self.ordinals: dict[str, int] = {str(k): int(v) for k, v in raw["ordinals"].items()}
        self.month_names: dict[str, int] = {n: int(m) for m, names in raw["months"].items() for n in names}
        self.weekday_names: dict[str, int] = {n: int(d) for d, names in raw["weekdays"].items() for n in names}
        self.references = _table(raw["references"])
        self.preferences = _table(raw["preferences"])
        self.amenities = _table(raw["amenities"])
        self.activities = _table(raw["activities"])
        self.climate = _table(raw["climate"])
        self.months = _table(
            {m: [n for n in names if n not in {"mar", "may", "jun"}] for m, names in raw["months"].items()}
        )
        self.data_units: list[str] = raw["data_units"]
        self.data_words = _table(raw["data_words"])
        self.calls = _table(raw["calls"])
        self.adult_words: list[str] = raw["adult_words"]
        self.child_words: list[str] = raw["child_words"]
        self.party = _table({int(k): v for k, v in raw["party_phrases"].items()})
        self.night_words: list[str] = raw["night_words"]
        self.stay = _table({int(k): v for k, v in raw["stay_phrases"].items()})
        self.query_stopwords: set[str] = set(raw["query_stopwords"])
        self.places = PhraseTable()
        self.brands = PhraseTable()
        self.categories = PhraseTable()
        self.regions = PhraseTable()  # "kansai", "the kyushu area": a region of Japan (data/schema.Region)
        self._build_gazetteers(seed_dir)

    def place_named(self, name: str) -> Place | None:
        """The gazetteer entry for a canonical place name (as the extractor reports it)."""
        for value in self.places.entries.values():
            if isinstance(value, Place) and value.name.lower() == name.lower():
                return value
        return None

    @classmethod
    def load(cls, seed_dir: Path | None = None, gazetteer: Gazetteer | None = None) -> Lexicon:
        return cls(load_yaml("lexicon.yaml"), seed_dir, gazetteer)

    # -- gazetteers ------------------------------------------------------------------------------------
    def _build_gazetteers(self, seed_dir: Path | None) -> None:
        raw = self.raw
        hotels = list(_read_jsonl(seed_dir, "hotels")) if seed_dir else []
        destinations = list(_read_jsonl(seed_dir, "destinations")) if seed_dir else []
        # mobile plan rows, for naming plans in the member's words (nlu/account.py builds the names)
        self.mobile_plans: list[dict[str, Any]] = list(_read_jsonl(seed_dir, "mobile_plans")) if seed_dir else []
        known: dict[str, Place] = {}
        for kind, rows in (("area", hotels), ("destination", destinations)):
            for row in rows:
                city = str(row.get("city", ""))
                if city:
                    known.setdefault(city.lower(), Place(city, "city", city))
                area = str(row.get("area", ""))
                if area and area.lower() not in known:
                    known[area.lower()] = Place(area, kind, city or area)
                pref = str(row.get("prefecture", ""))
                if pref and pref.lower() not in known:
                    known[pref.lower()] = Place(pref, "prefecture", city or pref)
        for key, place in known.items():
            self.places.add(key, place)
            # "Kyoto Station area" style names are also matched without generic words
            short = re.sub(r"\b(station|area|district|city|prefecture|onsen town|onsen)\b", "", key).strip()
            if short and short != key and len(short) > 3:
                self.places.add(short, place)
            if place.kind == "destination":
                parts = [*re.split(r"\s*&\s*", key), re.sub(r"^(tokyo|osaka|kyoto|okinawa|fukuoka)\s+", "", key)]
                for part in parts:
                    if part and part != key and part not in known:
                        self.places.add(part, place)
        for canonical, aliases in raw["place_aliases"].items():
            place = known.get(str(canonical).lower()) or Place(str(canonical), "city", str(canonical))
            for alias in aliases:
                self.places.add(alias, place)
        for act in {a for d in destinations for a in d.get("activities", [])}:
            self.activities.add(str(act).replace("_", " "), str(act))
        # the catalogue's names come from the gazetteer (one read of the products file)
        brands = {entity.name for _, entity in self.gazetteer.of_kind("brand")} or set(raw["brands"])
        for brand in sorted(brands):
            self.brands.add(brand, brand)
        for surface, entity in sorted(self.gazetteer.of_kind("brand")):  # spelling variants: "montbell"
            self.brands.add(surface, entity.name)
        for region in self.gazetteer.region_cities:
            for phrase in (region, f"{region} region", f"{region} area", f"the {region} region", f"the {region} area"):
                self.regions.add(phrase, region)
        for canonical, aliases in raw["brand_aliases"].items():
            match = next((b for b in brands if b.lower() == canonical), None)
            if match:
                for alias in aliases:
                    self.brands.add(alias, match)
        categories = {entity.name for _, entity in self.gazetteer.of_kind("category")} or set(raw["categories"])
        for cat in sorted(categories):
            self.categories.add(cat, cat)
        for canonical, aliases in raw["category_aliases"].items():
            if canonical in categories:
                for alias in aliases:
                    self.categories.add(alias, canonical)


def _read_jsonl(seed_dir: Path, stem: str) -> Iterator[dict[str, Any]]:
    for path in sorted(seed_dir.glob(f"{stem}*.jsonl")):
        with path.open(encoding="utf-8") as fh:
            for line in fh:
                if line.strip():
                    yield json.loads(line)
