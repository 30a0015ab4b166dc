"""The words of the lexicon and the data set's gazetteers in a message: calls and data use, preferences,
regions and places (with a misspelt place linked to the data), brands, amenities and activities, climate,
categories and months; and the landmark a destination query names in part.

Apart from the grammar readers (dates, units, prices, party, references) because these are table lookups:
each table matches on its own, only outside the spans the grammar took ("kitchen" may be a category and an
amenity; the intent decides which one counts), and takes its own spans so the product query leaves them out.
"""

from __future__ import annotations

import re
from itertools import pairwise
from typing import Any

from assistant.offline.nlu.constraints import either
from assistant.offline.nlu.lexicon import Lexicon
from assistant.offline.nlu.spans import Free

# Where a place name is expected: "in kyouto", "near hakataa", "sappporo hotel".
_PLACE_CUE = re.compile(
    r"\b(?:in|to|near|around|at|visit)\s+([a-z][a-z-]{4,})|\b([a-z][a-z-]{4,})\s+(?:hotels?|ryokan|inns?)\b"
)


class VocabularyReader:
    def __init__(self, lexicon: Lexicon) -> None:
        self.lex = lexicon

    def read(self, t: str, slots: dict[str, Any], free: Free, taken: list[tuple[int, int, str]]) -> None:
        """Vocabulary tables match independently ("kitchen" may be a category and an amenity; the intent
        decides which one counts), each only outside the spans the grammar already took."""

        def each(table: Any, label: str) -> list[Any]:
            hits = []
            for start, end, value in table.finditer(t):
                if free(start, end):
                    hits.append(value)
                    taken.append((start, end, label))
            return hits

        for value in each(self.lex.calls, "calls")[:1]:
            slots["calls"] = value
        for value in each(self.lex.data_words, "data_use")[:1]:
            slots["data_use"] = value
        for value in each(self.lex.preferences, "pref")[:1]:
            slots["pref"] = value
        regions = self._regions(t, free)
        for _start, _end, region in regions[:1]:
            slots["region"] = region
        taken.extend((start, end, "region") for start, end, _region in regions)
        place_spans = [(s0, e0, p.name) for s0, e0, p in self.lex.places.finditer(t) if free(s0, e0)]
        places = each(self.lex.places, "place")
        if places:
            slots["place"] = places[0].name
            if len(either(t, place_spans)) > 1:  # "Kanazawa or Takayama": both are searched
                slots["places"] = either(t, place_spans)
        elif "region" not in slots:
            linked = self._place_linked(t, free)  # a place name misspelt beyond the speller's reach
            if linked is not None:
                slots["place"] = linked
        brand_spans = [(s0, e0, b) for s0, e0, b in self.lex.brands.finditer(t) if free(s0, e0)]
        brands = each(self.lex.brands, "brand")
        if brands:
            slots.setdefault("brand", brands[0])
            if len(either(t, brand_spans)) > 1:  # "sony or bose": each brand is searched
                slots["brands"] = either(t, brand_spans)
        amenities = sorted(set(each(self.lex.amenities, "amenity")))
        if amenities:
            slots["amenities"] = amenities
        activities = sorted(set(each(self.lex.activities, "activity")))
        if activities:
            slots["activities"] = activities
        near = [(s, e) for s, e, label in taken if label in {"amenity", "activity"}]
        climate = [
            v for s0, e0, v in self.lex.climate.finditer(t) if free(s0, e0) and all(e0 <= s or s0 >= e for s, e in near)
        ]
        if climate:
            slots["climate"] = climate[0]
        cats = each(self.lex.categories, "category")
        if cats:
            slots["category"] = cats[0]
        months = each(self.lex.months, "month")
        if months:
            slots["month"] = int(months[0])
        else:
            m = re.search(r"\b(in|during|for|of|late|early|mid)\s+(may|march|june)\b", t)
            if m:
                slots["month"] = self.lex.month_names[m[2]]
                taken.append((m.start(2), m.end(2), "month"))

    def _regions(self, t: str, free: Free) -> list[tuple[int, int, str]]:
        """ "Somewhere in kansai": a region, unless a longer place name holds the word ("Okinawa Onna")."""
        places = [(s, e) for s, e, _ in self.lex.places.finditer(t)]
        return [
            (start, end, region)
            for start, end, region in self.lex.regions.finditer(t)
            if free(start, end) and not any(s <= start and end <= e and e - s > end - start for s, e in places)
        ]

    def _place_linked(self, t: str, free: Free) -> str | None:
        """A word after "in" / "to" / "near" (or before "hotel") that is close to a place name of the data."""
        gaz = self.lex.gazetteer
        for m in _PLACE_CUE.finditer(t):
            word = m[1] or m[2]
            start = m.start(1) if m[1] else m.start(2)
            if not free(start, start + len(word)) or word in self.lex.query_stopwords:
                continue
            link = gaz.fuzzy(word, "city", "area", cutoff=85.0)
            if link is not None:
                place = self.lex.place_named(link.entity.name)
                if place is not None:
                    return place.name
        return None

    def landmark(self, query: str) -> str | None:
        """A landmark or event a destination is known for, named in part ("a snow festival" is the
        "Sapporo Snow Festival"): two words of the query that a known-for name contains."""
        words = query.split()
        for a, b in pairwise(words):
            link = self.lex.gazetteer.partial(f"{a} {b}", "landmark", cutoff=95.0)
            if link is not None:
                return link.entity.name
        return None
