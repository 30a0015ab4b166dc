"""Slot extraction: rules over the lexicon and gazetteers, consuming spans so that one phrase fills one slot.

Order matters and is deliberate: dates first (they contain numbers), then explicit units (points, GB,
nights, guests), then prices, then references and vocabulary, and last the product query, which is what
is left once everything else is taken.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date
from itertools import pairwise
from typing import Any

from assistant.offline.nlu.constraints import ConstraintReader, either
from assistant.offline.nlu.dates import DateReader
from assistant.offline.nlu.ja import gloss, has_japanese
from assistant.offline.nlu.lexicon import Lexicon
from assistant.offline.nlu.party import PartyReader

Slots = dict[str, Any]

_NUM = r"(\d(?:[\d,]*\d)?(?:\.\d+)?)\s*(k|man|千|万|thousand)?"  # "27.5, under": no trailing comma
# Spans that are not part of a product query once recognised (a place or "4 people" may well be).
_QUERY_CONSUMES = {
    "id",
    "date",
    "unit",
    "price",
    "ref",
    "pref",
    "brand",
    "category",
    "region",
    "constraint",
    "exclude",
    "calls",
    "data_use",
    "climate",
    "other",
}


def normalise(text: str, today: date | None = None) -> str:
    """Lower-case, fold full-width characters, unify quotes and dashes; Japanese becomes its English gloss
    (`nlu/ja`), dates resolved against `today` when given."""
    text = unicodedata.normalize("NFKC", text).lower()
    if has_japanese(text):
        text = gloss(text, today)
    text = text.replace("’", "'").replace("‘", "'").replace("〜", "-").replace("~", " ~ ")
    text = text.replace("–", "-").replace("—", "-")
    return re.sub(r"\s+", " ", text).strip()


def _amount(number: str, unit: str | None) -> int:
    value = float(number.replace(",", ""))
    if unit in {"k", "千", "thousand"}:
        value *= 1000
    elif unit in {"man", "万"}:
        value *= 10000
    return round(value)


# Where a place name is expected: "in kyouto", "near hakataa", "sappporo hotel".
_PLACE_CUE = re.compile(
    r"\b(?:in|to|near|around|at|visit)\s+([a-z][a-z-]{4,})|\b([a-z][a-z-]{4,})\s+(?:hotels?|ryokan|inns?)\b"
)

# "the first of those / of them / on that list": an ordinal over what was shown, not "the first of May".
_OF_THE_LIST = re.compile(
    r"\s+of\s+(?:those|these|them|the\s+(?:list|lot|ones|results|options|hotels|products|plans|places))\b"
)


class SlotExtractor:
    def __init__(self, lexicon: Lexicon) -> None:
        self.lex = lexicon
        self.dates = DateReader(lexicon)
        cur = "|".join(re.escape(c) for c in sorted(lexicon.currency_words, key=len, reverse=True))
        self._cur = cur
        amount = rf"(?:[¥￥]\s*)?{_NUM}\s*(?:{cur})?"
        self._range = re.compile(
            rf"(?:between\s+)?(?:[¥￥]\s*)?{_NUM}\s*(?:{cur})?\s*(?:-|to|and)\s*(?:[¥￥]\s*)?{_NUM}\s*(?:{cur})?"
        )
        self._amount = re.compile(amount)
        self._cue_alts = {
            kind: "|".join(re.escape(c) for c in sorted(cues, key=len, reverse=True))
            for kind, cues in (
                ("max", lexicon.price_max_cues),
                ("min", lexicon.price_min_cues),
                ("around", lexicon.price_around_cues),
            )
        }
        self._points = re.compile(rf"{_NUM}\s*(?:points?|pts?|ポイント)\b")
        self._points_of = re.compile(
            rf"\b{_NUM}\s+(?:of (?:my|our) points\b|(?:of (?:it|that|this|the (?:price|cost|bill|total)) )?"
            rf"(?:with|in|using) (?:my )?points\b)"
        )
        units = "|".join(re.escape(u) for u in sorted(lexicon.data_units, key=len, reverse=True))
        self._gb = re.compile(rf"(\d+(?:\.\d+)?)\s*(?:{units})\b")
        words = "|".join(re.escape(w) for w in sorted(lexicon.number_words, key=len, reverse=True))
        self._count = rf"(\d+|{words})"
        nights = "|".join(re.escape(w) for w in sorted(lexicon.night_words, key=len, reverse=True))
        self._nights = re.compile(rf"\b{self._count}[\s-]*(?:{nights})\b")
        self.party = PartyReader(lexicon)
        self.constraints = ConstraintReader(lexicon)
        self._ids = re.compile(r"\b([phbdmt]\d{3,}(?:-r\d+)?|bk-?\w{4,}|[a-z]+-\d{3,})\b")
        self._ordinal_words = "|".join(re.escape(o) for o in sorted(lexicon.ordinals, key=len, reverse=True))

    # -- public ----------------------------------------------------------------------------------------
    def extract(self, text: str, today: date) -> Slots:
        t = normalise(text, today)
        taken: list[tuple[int, int, str]] = []
        slots: Slots = {}
        current = ["other"]

        def free(start: int, end: int) -> bool:
            return all(end <= s or start >= e for s, e, _label in taken)

        def take(start: int, end: int) -> None:
            taken.append((start, end, current[0]))

        def take_as(label: str) -> Any:
            return lambda start, end: taken.append((start, end, label))

        current[0] = "id"
        self._ids_into(t, slots, take)
        self.constraints.models(t, slots, free, take_as("model"))
        dated, spans = self.dates.read(t, today)
        if all(free(start, end) for start, end in spans):
            slots.update(dated)
            taken.extend((start, end, "date") for start, end in spans)
        self.constraints.floors(t, slots, free, take_as("constraint"))
        current[0] = "unit"
        self._points_into(t, slots, free, take)
        current[0] = "price"
        self._prices_into(t, slots, free, take)
        self.constraints.exclusions(t, slots, free, take_as("exclude"))  # "nothing for toddlers" is no party
        current[0] = "party"
        self._units_into(t, slots, free, take)
        current[0] = "ref"
        self._refs_into(t, slots, free, take)
        fixed = list(taken)

        def free_fixed(start: int, end: int) -> bool:
            return all(end <= s or start >= e for s, e, _label in fixed)

        self._vocab_into(t, slots, free_fixed, taken)
        query = self._query(t, [(s, e) for s, e, label in taken if label in _QUERY_CONSUMES])
        landmark = self._landmark(query)
        if landmark:
            slots["landmark"] = landmark
        model = str(slots.get("model", ""))
        if model and model.lower() not in query:  # "anker 737": the number is what to search for
            query = f"{query} {model.lower()}".strip()
        if query:
            slots["query"] = query
        return slots

    # -- pieces ----------------------------------------------------------------------------------------
    def _ids_into(self, t: str, slots: Slots, take: Any) -> None:
        models = self.lex.gazetteer.models
        for m in self._ids.finditer(t):
            if re.sub(r"[^a-z0-9]", "", m[1]) in models:
                continue  # "WH-4657-W" is a catalogue model, not a booking or plan id
            slots.setdefault("id", m[1].upper())
            take(m.start(), m.end())

    def _count_value(self, word: str) -> int:
        return int(word) if word.isdigit() else self.lex.number_words.get(word, 0)

    def _points_into(self, t: str, slots: Slots, free: Any, take: Any) -> None:
        if re.search(r"\ball (of )?(my|the) points\b|\bevery point\b", t):
            slots["points"] = "all"
        for m in self._points.finditer(t):
            if free(m.start(), m.end()):
                slots["points"] = _amount(m[1], m[2])
                take(m.start(), m.end())
                break
        for m in self._points_of.finditer(t):
            if "points" not in slots and free(m.start(), m.end()):
                slots["points"] = _amount(m[1], m[2])
                take(m.start(), m.end())
        for m in self._gb.finditer(t):
            if free(m.start(), m.end()):
                value = float(m[1])
                slots["data_gb"] = int(value) if value.is_integer() else value
                take(m.start(), m.end())
                break

    def _units_into(self, t: str, slots: Slots, free: Any, take: Any) -> None:
        for m in self._nights.finditer(t):
            if free(m.start(), m.end()):
                n = self._count_value(m[1])
                if 0 < n <= 60:
                    slots["nights"] = n
                    take(m.start(), m.end())
                    break
        if "nights" not in slots:
            for start, end, n in self.lex.stay.finditer(t):
                if free(start, end):
                    slots["nights"] = n
                    take(start, end)
                    break
        self.party.read(t, slots, free, take)

    def _prices_into(self, t: str, slots: Slots, free: Any, take: Any) -> None:
        cur = self._cur
        for m in self._range.finditer(t):
            if not free(m.start(), m.end()):
                continue
            low, high = _amount(m[1], m[2] or m[4]), _amount(m[3], m[4])
            # "5-8k": the unit on the second number applies to both
            if m[2] is None and m[4] and low < 1000 <= high:
                low = _amount(m[1], m[4])
            has_money = bool(re.search(rf"[¥￥]|{cur}|\d\s*(k|man|万|千)\b", m[0])) or low >= 500
            if low < high and has_money and not re.search(r"/", m[0]):
                slots["price_min"], slots["price_max"] = low, high
                take(m.start(), m.end())
                return
        for kind in ("max", "min", "around"):
            cue = self._cue_alts[kind]
            pattern = re.compile(
                rf"(?:(?<![\w])(?:{cue})\s*(?:of\s+|is\s+|about\s+|around\s+)?(?:[¥￥]\s*)?{_NUM}\s*(?:{cur})?(?:\s*(?:a|per)\s+night)?"
                rf"|(?<![\d.,])(?:[¥￥]\s*)?{_NUM}\s*(?:{cur})?\s*(?:{cue})(?![\w]))"
            )
            for m in pattern.finditer(t):
                if not free(m.start(), m.end()):
                    continue
                number, unit = (m[1], m[2]) if m[1] else (m[3], m[4])
                value = _amount(number, unit)
                if value < 100 and not unit and not re.search(rf"[¥￥]|{cur}", m[0]):
                    continue  # "under 3 nights", "about 2 people": not money
                self._set_price(slots, kind, value)
                take(m.start(), m.end())
                break
        if "price_min" in slots or "price_max" in slots:
            return
        bare = re.compile(rf"(?:[¥￥]\s*{_NUM}|{_NUM}\s*(?:{cur})(?![\w]))")
        for m in bare.finditer(t):
            if free(m.start(), m.end()):
                number, unit = (m[1], m[2]) if m[1] else (m[3], m[4])
                self._set_price(slots, "around", _amount(number, unit))
                take(m.start(), m.end())
                return

    def _set_price(self, slots: Slots, kind: str, value: int) -> None:
        if kind == "max":
            slots["price_max"] = value
        elif kind == "min":
            slots["price_min"] = value
        else:
            pct = self.lex.around_pct
            slots["price_min"] = value * (100 - pct) // 100
            slots["price_max"] = value * (100 + pct) // 100

    def _refs_into(self, t: str, slots: Slots, free: Any, take: Any) -> None:
        """Ordinal references: "the second one", "first two", "1 and 3", "first vs last", "that one"."""
        ords = self._ordinal_words
        pair = re.compile(
            r"\b(?:the\s+)?(first|top|last)\s+(two|three|four|2|3|4)\b(?!\s*(?:nights?|adults?|people|kids?|gb|days?))"
        )
        m = pair.search(t)
        if m and free(m.start(), m.end()):
            n = self._count_value(m[2])
            slots["ref"] = ",".join(str(i) for i in (range(1, n + 1) if m[1] != "last" else range(-n, 0)))
            take(m.start(), m.end())
            return
        noun = r"(?:\s+(?:one|hotel|product|item|option|room|place|result|plan|choice|booking))?"
        mention = re.compile(
            rf"\b(?:the\s+)?({ords}){noun}\b"
            rf"|\b(?:number|no\.|option|item|#)\s*(\d|one|two|three|four|five)\b|(?<![\w/.,-])(\d)(?![\w/.,%-])(?=\s*(?:\?|$|,|and\b|or\b|vs\b|versus\b|&))"
            rf"|(?:(?<=\band\s)|(?<=\bvs\s)|(?<=\bor\s)|(?<=\bversus\s)|(?<=\bto\s))(\d)\b(?!\s*(?:adults?|kids?|children|nights?|people|gb|k\b|yen|points?))"
        )
        found: list[int] = []
        spans: list[tuple[int, int]] = []
        for m in mention.finditer(t):
            if not free(m.start(), m.end()):
                continue
            word = m[1] or m[2] or m[3] or m[4]
            following = t[m.end() : m.end() + 12]
            if m[1] == "top" and not re.match(r"\s+(one|hotel|product|item|option|result|pick|choice)", t[m.end(1) :]):
                continue
            after = t[m.end(1) :]
            first_of = re.match(r"\s+(time|night|day|of|thing|step)", after) and not _OF_THE_LIST.match(after)
            if m[1] == "first" and first_of:
                continue  # "the first night", "the first of May"; "the first of those" is a reference
            if m[1] in {"last", "final"} and re.match(r"\s+(week|month|year|night|time|minute)", t[m.end(1) :]):
                continue
            if m[1] and re.match(r"\s*(night|adult|kid|child|people|gb|day|week)", following):
                continue
            value = self._ordinal_value(word) or (self._count_value(word) if m[2] else 0)
            if value and value not in found:
                found.append(value)
                spans.append((m.start(), m.end()))
        if found:
            slots["ref"] = ",".join(str(v) for v in found)
            for start, end in spans:
                take(start, end)
            return
        for start, end, kind in self.lex.references.finditer(t):
            if free(start, end):
                if kind == "it" and (end - start) <= 4 and not self._standalone_it(t, start, end):
                    continue
                slots["ref"] = kind
                take(start, end)
                return

    @staticmethod
    def _standalone_it(t: str, start: int, end: int) -> bool:
        """ "it" / "that" count as a reference only as an object ("book it", "tell me about that")."""
        before = t[:start].rstrip().split(" ")[-1:] or [""]
        after = t[end:].lstrip()[:1]
        return before[0] in {
            "book",
            "reserve",
            "about",
            "on",
            "for",
            "cancel",
            "quote",
            "price",
            "take",
            "compare",
            "buy",
            "want",
            "get",
            "of",
            "with",
            "is",
            "does",
            "add",
            "choose",
            "pick",
        } and (after in {"", ".", "?", "!", ",", "f", "t", "p", "i", "a", "w", "o", "h"})

    def _ordinal_value(self, word: str) -> int:
        if word.isdigit():
            return int(word)
        return self.lex.ordinals.get(word, 0)

    def _vocab_into(self, t: str, slots: Slots, free: Any, taken: list[tuple[int, int, str]]) -> None:
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

    def _regions(self, t: str, free: Any) -> list[tuple[int, int, str]]:
        """ "Somewhere in kansai": a region, unless a longer place name holds the word ("Okinawa Onna")."""
        places = [(s, e) for s, e, _ in self.lex.places.finditer(t)]
        return [
            (start, end, region)
            for start, end, region in self.lex.regions.finditer(t)
            if free(start, end) and not any(s <= start and end <= e and e - s > end - start for s, e in places)
        ]

    def _place_linked(self, t: str, free: Any) -> str | None:
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

    def _landmark(self, query: str) -> str | None:
        """A landmark or event a destination is known for, named in part ("a snow festival" is the
        "Sapporo Snow Festival"): two words of the query that a known-for name contains."""
        words = query.split()
        for a, b in pairwise(words):
            link = self.lex.gazetteer.partial(f"{a} {b}", "landmark", cutoff=95.0)
            if link is not None:
                return link.entity.name
        return None

    def _query(self, t: str, taken: list[tuple[int, int]]) -> str:
        chars = list(t)
        for s, e in taken:
            for i in range(s, e):
                chars[i] = " "
        rest = "".join(chars)
        words = re.findall(r"[a-z][a-z0-9'&+-]*", rest)
        stop = self.lex.query_stopwords
        kept = [w for w in words if w not in stop and len(w) > 1]
        return " ".join(kept)


_PRODUCT_INTENTS = {"search_products", "refine", "points_for_purchase"}


def slots_for_intent(intent: str, slots: Slots, intent_slots: dict[str, list[str]]) -> Slots:
    """Keep only the slots an intent uses, renaming where one phrase means different things by topic.

    "onsen" is an amenity for a hotel and an activity for a destination; a product query is only a query
    when the member is shopping.
    """
    out = dict(slots)
    if intent in _PRODUCT_INTENTS and "min_stars" in out:
        out.setdefault("min_rating", float(out.pop("min_stars")))  # a product's stars are its rating
    if intent == "search_destinations":
        acts = set(out.pop("activities", [])) | set(out.pop("amenities", []))
        if acts:
            out["activities"] = sorted(acts)
    elif "amenities" in intent_slots.get(intent, []) and "activities" in out:
        acts = set(out.pop("activities"))
        amen = set(out.get("amenities", []))
        amen |= {a for a in acts if a == "onsen"}
        if amen:
            out["amenities"] = sorted(amen)
    allowed = set(intent_slots.get(intent, []))
    return {k: v for k, v in out.items() if k in allowed}
