"""Entity linking against the data set: every name a member may use, built at load time from the seed files.

Why from the data: a brand, a hotel city or a station is understood as soon as it is in the catalogue or the
travel data, with no list to keep in step by hand. What is built (one `Entity` per name, by kind):

- catalogue: brands (with spelling variants: "Mont-bell" is also "montbell", "De'Longhi" "delonghi"),
  categories, subcategories, colours, sizes and model numbers;
- travel: cities, areas (a station or district, mapped to its city), prefectures, regions (each with the
  cities in it: "kansai" is Kyoto, Osaka, Kobe, ...), destination names and the landmarks they are known
  for ("Sapporo Snow Festival" is in Sapporo), hotel names;
- mobile plan names.

Names are matched exactly first and then fuzzily (`rapidfuzz`), so a typo or a partial name ("the Gracery",
"sapppporo") still resolves; a fuzzy match must clear a score that rises for short names, where one letter
changes the word. The gazetteer is built once per understanding object (the engine holds it), not cached in
a module global.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from rapidfuzz import fuzz, process

# Kinds of names, as `Entity.kind` spells them.
PLACE_KINDS = ("city", "area", "prefecture", "destination")
_MODEL = re.compile(r"^(?=[a-z0-9-]*\d)(?=[a-z0-9-]*[a-z])[a-z0-9]+(?:-[a-z0-9]+)+$|^[a-z]{1,4}\d{3,}[a-z0-9]*$")


def key(text: str) -> str:
    """The matching form of a name: lower case, apostrophes dropped, other punctuation as spaces."""
    text = text.lower().replace("'", "").replace("’", "")
    return re.sub(r"\s+", " ", re.sub(r"[^a-z0-9&+\- ]", " ", text)).strip()


def model_key(text: str) -> str:
    """A model number with its separators dropped ("WH-4657-W" and "wh4657w" are one model)."""
    return re.sub(r"[^a-z0-9]", "", text.lower())


def looks_like_model(token: str) -> bool:
    """A token shaped like a model number: letters and digits, usually joined by hyphens ("fwf-3132xm4")."""
    return bool(_MODEL.match(token.lower()))


@dataclass(frozen=True)
class Entity:
    name: str  # canonical spelling from the data set
    kind: str  # brand | category | subcategory | colour | size | model | city | area | prefecture |
    # destination | landmark | region | hotel | plan
    city: str | None = None  # for places, landmarks and hotels: the city it is in
    area: str | None = None  # for areas, hotels and landmarks: the area within the city
    region: str | None = None
    brand: str | None = None  # for a model number: its brand


@dataclass(frozen=True)
class Link:
    entity: Entity
    surface: str  # the member's words that named it
    score: float  # 100 for an exact name


@dataclass
class Gazetteer:
    """Names by kind (matching form -> entity), model numbers, and the cities of each region."""

    names: dict[str, dict[str, Entity]] = field(default_factory=dict)
    models: dict[str, Entity] = field(default_factory=dict)
    region_cities: dict[str, list[str]] = field(default_factory=dict)
    text_words: Counter[str] = field(default_factory=Counter)  # words of titles and descriptions, counted

    # -- building --------------------------------------------------------------------------------------
    def add(self, surface: str, entity: Entity) -> None:
        form = key(surface)
        if form:
            self.names.setdefault(entity.kind, {}).setdefault(form, entity)

    @classmethod
    def from_seed(cls, seed_dir: Path | None) -> Gazetteer:
        gaz = cls()
        if seed_dir is None:
            return gaz
        gaz._catalogue(_rows(seed_dir, "products"))
        gaz._travel(list(_rows(seed_dir, "hotels")), list(_rows(seed_dir, "destinations")))
        for plan in _rows(seed_dir, "mobile_plans"):
            if plan.get("name"):
                gaz.add(str(plan["name"]), Entity(str(plan["name"]), "plan"))
        return gaz

    def _catalogue(self, products: Iterable[dict[str, Any]]) -> None:
        for p in products:
            self.text_words.update(_words(f"{p.get('title', '')} {p.get('description', '')}"))
            brand = str(p.get("brand") or "")
            if brand:
                entity = Entity(brand, "brand")
                self.add(brand, entity)
                self.add(brand.replace("-", ""), entity)  # "montbell"
                self.add(brand.replace("-", " "), entity)  # "mont bell"
            for kind in ("category", "subcategory"):
                if p.get(kind):
                    self.add(str(p[kind]), Entity(str(p[kind]), kind))
            attributes = p.get("attributes") or {}
            for kind, attribute in (("colour", "colour"), ("size", "size")):
                if attributes.get(attribute):
                    self.add(str(attributes[attribute]), Entity(str(attributes[attribute]), kind))
            model = str(p.get("model_number") or "")
            if model:
                self.models.setdefault(model_key(model), Entity(model, "model", brand=brand or None))

    def _travel(self, hotels: list[dict[str, Any]], destinations: list[dict[str, Any]]) -> None:
        for row in [*hotels, *destinations]:
            self.text_words.update(_words(f"{row.get('description', '')} {' '.join(row.get('amenities') or [])}"))
            self.text_words.update(_words(" ".join(str(a) for a in row.get("activities") or [])))
            city, area, region = str(row.get("city") or ""), str(row.get("area") or ""), str(row.get("region") or "")
            if city:
                self.add(city, Entity(city, "city", city=city, region=region or None))
                if region and city not in self.region_cities.setdefault(region, []):
                    self.region_cities[region].append(city)
            if region:
                self.add(region, Entity(region, "region", region=region))
            pref = str(row.get("prefecture") or "")
            if pref:
                self.add(pref, Entity(pref, "prefecture", city=city or None, region=region or None))
        for h in hotels:
            city, area = str(h.get("city") or ""), str(h.get("area") or "")
            if area and key(area) != key(city):
                self.add(area, Entity(area, "area", city=city, area=area, region=h.get("region")))
            if h.get("name"):
                self.add(str(h["name"]), Entity(str(h["name"]), "hotel", city=city, area=area, region=h.get("region")))
        for d in destinations:
            city, area = str(d.get("city") or ""), str(d.get("area") or "")
            if area and key(area) != key(city):
                self.add(area, Entity(area, "destination", city=city, area=area, region=d.get("region")))
            for known in d.get("known_for") or []:
                self.add(str(known), Entity(str(known), "landmark", city=city, area=area, region=d.get("region")))

    # -- looking up ------------------------------------------------------------------------------------
    def of_kind(self, *kinds: str) -> Iterator[tuple[str, Entity]]:
        for kind in kinds:
            yield from self.names.get(kind, {}).items()

    def exact(self, phrase: str, *kinds: str) -> Entity | None:
        form = key(phrase)
        for kind in kinds:
            found = self.names.get(kind, {}).get(form)
            if found is not None:
                return found
        return None

    def fuzzy(self, phrase: str, *kinds: str, cutoff: float | None = None) -> Link | None:
        """The closest name of these kinds to `phrase` (a typo or a slightly different spelling), if close
        enough: the cut-off rises for short phrases, where one changed letter is a different word."""
        form = key(phrase)
        if len(form.replace(" ", "")) < 4:
            return None
        exact = self.exact(form, *kinds)
        if exact is not None:
            return Link(exact, phrase, 100.0)
        choices = {name: entity for name, entity in self.of_kind(*kinds) if abs(len(name) - len(form)) <= 3}
        if not choices:
            return None
        limit = cutoff if cutoff is not None else (90.0 if len(form) <= 6 else 86.0)
        best = process.extractOne(form, list(choices), scorer=fuzz.ratio, score_cutoff=limit)
        if best is None:
            return None
        return Link(choices[best[0]], phrase, float(best[1]))

    def partial(self, phrase: str, *kinds: str, cutoff: float = 90.0) -> Link | None:
        """A name that contains `phrase` (at least two words, or one long word): "snow festival" is the
        "Sapporo Snow Festival", "the gracery" a hotel called "The Gracery Nagoya Station"."""
        form = key(phrase)
        if len(form) < 6:
            return None
        best: tuple[float, int, str, Entity] | None = None
        for name, entity in self.of_kind(*kinds):
            score = fuzz.partial_ratio(form, name) if len(name) >= len(form) else 0.0
            if score >= cutoff and (best is None or (score, -len(name)) > (best[0], best[1])):
                best = (score, -len(name), name, entity)
        return Link(best[3], phrase, best[0]) if best else None

    def model(self, token: str) -> Entity | None:
        """The catalogue model a token names: exactly, or as the unambiguous start of one ("fwf-3132")."""
        form = model_key(token)
        if len(form) < 4:
            return None
        if form in self.models:
            return self.models[form]
        starts = [entity for name, entity in self.models.items() if name.startswith(form)]
        return starts[0] if len(starts) == 1 else None

    def cities_of(self, region: str) -> list[str]:
        return list(self.region_cities.get(region.lower(), []))

    def vocabulary(self) -> Counter[str]:
        """Every word of every name and of the catalogue's texts, counted: the spelling dictionary's data part."""
        words: Counter[str] = Counter(self.text_words)
        for names in self.names.values():
            for name in names:
                words.update(w for w in name.split() if w.isalpha())
        return words


def _words(text: str) -> list[str]:
    return [w for w in re.findall(r"[a-z]+", text.lower().replace("'", "")) if len(w) > 2]


def _rows(seed_dir: Path, stem: str) -> Iterator[dict[str, Any]]:
    for path in sorted(Path(seed_dir).glob(f"{stem}*.jsonl")):
        with path.open(encoding="utf-8") as fh:
            for line in fh:
                if line.strip():
                    yield json.loads(line)
