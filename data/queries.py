"""Build the labelled retrieval query set from the generator's ground truth (never from a search system).

`python -m data.queries [--data data/generated/small] [--out eval/retrieval/queries.jsonl]`

Every judgement is a rule over the facts the generator wrote (subcategory, brand, model number, price,
attributes, truth tags; hotel destination and amenities; destination activities and monthly climate).
The grading rules are documented in `eval/retrieval/README.md`. Deterministic: same data, same file.

This module composes the queries of each kind (`QuerySetBuilder`, which the Japanese set subclasses); the
grading rules and typos are in `data/query_grading.py`, writing and the command line in `data/query_files.py`.
"""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path
from typing import Any, ClassVar

from data.destination_judgements import destination_judgements
from data.query_files import Query, run_cli, write_queries
from data.query_grading import (
    HOTEL_STYLES,
    amenity_rule,
    attr_phrase,
    attr_rule,
    grade,
    misspell,
    place_name,
    price_rule,
    tags_rule,
)
from data.schema import DataSet, Destination, Hotel, Product
from data.streams import stream
from data.vocab.queries import AMENITY_WORDS, QUERY_WORDS, VAGUE_INTENTS

REPO_ROOT = Path(__file__).resolve().parent.parent
QUERIES_PATH = REPO_ROOT / "eval" / "retrieval" / "queries.jsonl"
KINDS = (
    "vague",
    "specific",
    "brand",
    "model_number",
    "price_bounded",
    "misspelt",
    "hotel_area_amenity",
    "destination_season_activity",
)
__all__ = ["KINDS", "QUERIES_PATH", "REPO_ROOT", "Query", "QuerySetBuilder", "build_queries", "main", "write_queries"]


class QuerySetBuilder:
    """Composes the queries of each kind from one data set.

    The kinds, grading rules, filters and the order the random stream is drawn in live here once; a language's
    set (the Japanese one in `data/queries_ja.py`) subclasses this and words the queries its own way through the
    hooks (`_word`, `_model_number_text`, `_brand_text`, ...), with its own stream, ids and intents.
    """

    stream_name = "queries"
    id_prefix = "q"
    fields: ClassVar[dict[str, Any]] = {}  # added to every query record
    misspelt_brands = 10
    vague_intents: ClassVar[tuple[tuple[str, tuple[str, ...], tuple[str, ...]], ...]] = VAGUE_INTENTS

    def __init__(self, data: DataSet, seed: int = 42) -> None:
        self.data = data
        self.rng = stream(seed, self.stream_name)
        self.queries: list[Query] = []
        self.by_sub: dict[str, list[Product]] = defaultdict(list)
        for p in data.products:
            self.by_sub[p.subcategory].append(p)

    def _same_text(self, query: str) -> str:
        """What two queries must share to count as one (English ignores case)."""
        return query.lower()

    def add(
        self, collection: str, kind: str, query: str, relevant: dict[str, int], filters: dict[str, Any] | None = None
    ) -> None:
        if not relevant or (max(relevant.values()) < 2 and kind != "vague"):
            return
        if any(self._same_text(q["query"]) == self._same_text(query) for q in self.queries):
            return
        self.queries.append(
            {
                "id": f"{self.id_prefix}{len(self.queries) + 1:03d}",
                "collection": collection,
                "query": query,
                "kind": kind,
                "filters": filters or {},
                "relevant": relevant,
                **self.fields,
            }
        )

    def count(self, kind: str) -> int:
        return sum(q["kind"] == kind for q in self.queries)

    # ---------------------------------------------------------------- products
    def _word(self, sub: str) -> str:
        """The word a member types for the subcategory."""
        return QUERY_WORDS[sub]

    def _sub_brand(self, sub: str, brand: str) -> dict[str, int]:
        return grade(self.by_sub[sub], lambda p: 3 if p.brand == brand else 1)

    def _model_number_text(self, p: Product) -> str:
        template = self.rng.choice(("{m}", "{b} {m}", "{m} {w}", "is the {m} in stock", "{b} {m} price"))
        return template.format(m=p.model_number, b=p.brand, w=self._word(p.subcategory))

    def model_numbers(self, n: int) -> None:
        for p in self.rng.sample(self.data.products, n):
            self.add("products", "model_number", self._model_number_text(p), {p.id: 3})

    def _brand_text(self, sub: str, brand: str) -> str:
        word = self._word(sub)
        return self.rng.choice((f"{brand} {word}", f"{word} by {brand}", f"{brand} {word} recommendations"))

    def brands(self, n: int, misspelt: int = 0) -> None:
        pairs = sorted({(p.subcategory, p.brand) for p in self.data.products})
        pairs = [pair for pair in pairs if sum(1 for p in self.by_sub[pair[0]] if p.brand == pair[1]) >= 3]
        picked = self.rng.sample(pairs, n + misspelt)
        for i, (sub, brand) in enumerate(picked):
            text = self._brand_text(sub, brand)
            if i < n:
                self.add("products", "brand", text, self._sub_brand(sub, brand), {"brand": brand})
            else:
                self.add("products", "misspelt", misspell(text, self.rng), self._sub_brand(sub, brand))

    def _specific_text(self, key: str, value: str, sub: str) -> str:
        return attr_phrase(key, value, self._word(sub))

    def specifics(self, n: int) -> None:
        subs = sorted(s for s in self.by_sub if any(self.by_sub[s][0].attributes))
        while self.count("specific") < n:
            sub = self.rng.choice(subs)
            example = self.rng.choice(self.by_sub[sub])
            key = self.rng.choice(sorted(example.attributes))
            value = example.attributes[key]
            text = self._specific_text(key, value, sub)
            self.add("products", "specific", text, grade(self.by_sub[sub], attr_rule(key, value)))

    def _price_anchors(self) -> set[tuple[str, int]]:
        """Hand-picked price queries asked before the drawn ones; their (subcategory, cap) are not drawn again."""
        self.add(
            "products",
            "price_bounded",
            "rice cooker under 15000 yen",
            grade(self.by_sub["Rice Cookers"], lambda p: 3 if p.price_jpy <= 15000 else 0),
            {"price_max": 15000, "category": "Home & Kitchen"},
        )
        return {("Rice Cookers", 15000)}

    def _between_text(self, word: str, floor: int, cap: int) -> str:
        return f"{word} between {floor:,} and {cap:,} yen"

    def _under_text(self, word: str, cap: int) -> str:
        return self.rng.choice(
            (
                f"{word} under {cap:,} yen",
                f"{word} under ¥{cap:,}",
                f"cheap {word} below {cap} yen",
                f"{word} for less than {cap // 1000}k yen" if cap >= 1000 else f"{word} under {cap} yen",
            )
        )

    def prices(self, n: int) -> None:
        seen = self._price_anchors()
        subs = sorted(self.by_sub)
        while self.count("price_bounded") < n:
            sub = self.rng.choice(subs)
            prices = sorted(p.price_jpy for p in self.by_sub[sub])
            cut = prices[len(prices) * self.rng.choice((2, 3, 4)) // 10]
            step = 1000 if cut < 10000 else 5000 if cut < 50000 else 10000
            cap = max(step, (cut // step + 1) * step)
            if (sub, cap) in seen:
                continue
            seen.add((sub, cap))
            word, category = self._word(sub), self.by_sub[sub][0].category
            floor = cap // 3 // step * step
            if self.rng.random() < 0.25 and floor > 0:
                self.add(
                    "products",
                    "price_bounded",
                    self._between_text(word, floor, cap),
                    grade(self.by_sub[sub], price_rule(floor, cap)),
                    {"price_min": floor, "price_max": cap, "category": category},
                )
                continue
            self.add(
                "products",
                "price_bounded",
                self._under_text(word, cap),
                grade(self.by_sub[sub], price_rule(0, cap)),
                {"price_max": cap, "category": category},
            )

    def vague(self) -> None:
        for text, required, partial in self.vague_intents:
            self.add("products", "vague", text, grade(self.data.products, tags_rule(required, partial)))

    def misspellings(self) -> None:
        """Hand-picked misspelt product queries."""
        self.add("products", "misspelt", "noise cancelling headphnes", grade(self.by_sub["Headphones"], lambda p: 3))
        self.add("products", "misspelt", "Zojirshi rice coocker", self._sub_brand("Rice Cookers", "Zojirushi"))
        for sub in ("Earbuds", "Sunscreen", "Air Purifiers", "Smartwatches", "Bags"):
            self.add(
                "products", "misspelt", misspell(QUERY_WORDS[sub], self.rng), grade(self.by_sub[sub], lambda p: 3)
            )

    # ---------------------------------------------------------------- hotels
    def _place(self, dest: Destination) -> str:
        """How a member names the destination in a hotel query."""
        return place_name(dest.area)

    def _style_texts(self, place: str) -> tuple[str, str, str]:
        """The queries of `HOTEL_STYLES`, in order."""
        return (
            f"luxury hotel in {place}",
            f"cheap place to stay in {place} under 9,000 yen a night",
            f"traditional ryokan in {place}",
        )

    def _amenity_pool(self, hotels: list[Hotel]) -> list[str]:
        return sorted({a for h in hotels for a in h.amenities if a in AMENITY_WORDS})

    def _amenity_text(self, place: str, wanted: tuple[str, ...]) -> str:
        pre = " ".join(AMENITY_WORDS[a][0] for a in wanted if AMENITY_WORDS[a][0] and a != "breakfast")
        post = " and ".join(
            AMENITY_WORDS[a][1].removeprefix("with ") for a in wanted if not AMENITY_WORDS[a][0] or a == "breakfast"
        )
        return f"{pre + ' ' if pre else ''}hotel in {place}{' with ' + post if post else ''}"

    def _hotel_anchors(self, by_dest: dict[str, list[Hotel]]) -> None:
        """Hand-picked hotel queries (two of them misspelt) asked before the drawn ones."""
        hakone = next(d for d in self.data.destinations if d.area == "Hakone")
        self._hotel_amenity_query(
            hakone, by_dest[hakone.id], ("onsen", "breakfast"), "onsen hotel in Hakone with breakfast"
        )
        self._hotel_amenity_query(hakone, by_dest[hakone.id], ("onsen",), "onsen ryokan in Hakkone", kind="misspelt")
        kyoto = next(d for d in self.data.destinations if d.area == "Kyoto Higashiyama")
        self._hotel_amenity_query(
            kyoto, by_dest[kyoto.id], ("breakfast",), "hotel in Kyouto Higashiyama with breakfast", kind="misspelt"
        )

    def hotels(self, n: int) -> None:
        dests = {d.id: d for d in self.data.destinations}
        by_dest: dict[str, list[Hotel]] = defaultdict(list)
        for h in self.data.hotels:
            if h.destination_id:
                by_dest[h.destination_id].append(h)
        self._hotel_anchors(by_dest)
        candidates = sorted(d for d in by_dest if len(by_dest[d]) >= 4)
        while sum(q["collection"] == "hotels" and q["kind"] == "hotel_area_amenity" for q in self.queries) < n:
            dest = dests[self.rng.choice(candidates)]
            hotels = by_dest[dest.id]
            place = self._place(dest)
            style = self.rng.random()
            texts = self._style_texts(place)
            drawn = next((i for i, (cut, _, _) in enumerate(HOTEL_STYLES) if style < cut), None)
            if drawn is not None:
                _, rule, filters = HOTEL_STYLES[drawn]
                filters = {"destination_id": dest.id, **filters}
                self.add("hotels", "hotel_area_amenity", texts[drawn], grade(hotels, rule), filters)
                continue
            pool = self._amenity_pool(hotels)
            if not pool:
                continue
            wanted = tuple(sorted(self.rng.sample(pool, min(len(pool), self.rng.choice((1, 2))))))
            self._hotel_amenity_query(dest, hotels, wanted, self._amenity_text(place, wanted))

    def _hotel_amenity_query(
        self,
        dest: Destination,
        hotels: list[Hotel],
        wanted: tuple[str, ...],
        text: str,
        kind: str = "hotel_area_amenity",
    ) -> None:
        filters = {"destination_id": dest.id, "amenities": list(wanted)}
        self.add("hotels", kind, text, grade(hotels, amenity_rule(wanted)), filters)

    # ---------------------------------------------------------------- destinations
    def destinations(self) -> None:
        ds = self.data.destinations
        for text, rule, filters in destination_judgements():
            kind = "misspelt" if "Decmber" in text else "destination_season_activity"
            self.add("destinations", kind, text, grade(ds, rule), filters)
        niseko = next(d for d in ds if d.area == "Niseko")
        self.add("destinations", "misspelt", "Nisseko powder snow", {niseko.id: 3})

    def build(self) -> list[Query]:
        self.model_numbers(25)
        self.brands(25, misspelt=self.misspelt_brands)
        self.misspellings()
        self.specifics(25)
        self.prices(25)
        self.vague()
        self.hotels(27)
        self.destinations()
        return self.queries


def build_queries(data: DataSet, seed: int = 42) -> list[Query]:
    return QuerySetBuilder(data, seed).build()


def main(argv: list[str] | None = None) -> int:
    return run_cli(argv, prog="python -m data.queries", description="Build the labelled retrieval query set.",
                   out=QUERIES_PATH, build=build_queries, kinds=KINDS)


if __name__ == "__main__":
    raise SystemExit(main())
