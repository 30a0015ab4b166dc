"""Build the labelled retrieval query set from the generator's ground truth (never from a search system).

`python -m data.queries [--data data/generated/small] [--out eval/retrieval/queries.jsonl]`

Every judgement is a rule over the facts the generator wrote (subcategory, brand, model number, price,
attributes, truth tags; hotel destination and amenities; destination activities and monthly climate).
The grading rules are documented in `eval/retrieval/README.md`. Deterministic: same data, same file.
"""

from __future__ import annotations

import argparse
import json
import random
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path
from typing import Any

from data.destination_judgements import destination_judgements
from data.loader import SMALL_DIR, load_dataset
from data.schema import DataSet, Destination, Hotel, Product
from data.streams import stream
from data.vocab.queries import AMENITY_WORDS, MISSPELLINGS, QUERY_WORDS, VAGUE_INTENTS

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

Query = dict[str, Any]


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


def _grade(items: list[Any], rule: Callable[[Any], int]) -> dict[str, int]:
    return {item.id: g for item in items if (g := rule(item)) > 0}


def _attr_phrase(key: str, value: str, word: str) -> str:
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


def _attr_rule(key: str, value: str) -> Callable[[Product], int]:
    return lambda p: 3 if p.attributes.get(key) == value else 1


def _price_rule(low: int, high: int) -> Callable[[Product], int]:
    return lambda p: 3 if low <= p.price_jpy <= high else 0


def _tags_rule(required: tuple[str, ...], partial: tuple[str, ...]) -> Callable[[Product], int]:
    def rule(p: Product) -> int:
        if all(t in p.truth_tags for t in required):
            return 3
        return 1 if any(t in p.truth_tags for t in partial) else 0

    return rule


def _place_name(area: str) -> str:
    """'Kurashiki & Okayama' -> 'Kurashiki': members type one place name."""
    return area.split(" & ")[0]


class QuerySetBuilder:
    """Composes the queries of each kind from one data set."""

    def __init__(self, data: DataSet, seed: int = 42) -> None:
        self.data = data
        self.rng = stream(seed, "queries")
        self.queries: list[Query] = []
        self.by_sub: dict[str, list[Product]] = defaultdict(list)
        for p in data.products:
            self.by_sub[p.subcategory].append(p)

    def add(
        self, collection: str, kind: str, query: str, relevant: dict[str, int], filters: dict[str, Any] | None = None
    ) -> None:
        if not relevant or (max(relevant.values()) < 2 and kind != "vague"):
            return
        if any(q["query"].lower() == query.lower() for q in self.queries):
            return
        self.queries.append(
            {
                "id": f"q{len(self.queries) + 1:03d}",
                "collection": collection,
                "query": query,
                "kind": kind,
                "filters": filters or {},
                "relevant": relevant,
            }
        )

    # ---------------------------------------------------------------- products
    def sub_brand_rule(self, sub: str, brand: str) -> Callable[[Product], int]:
        return lambda p: 3 if p.subcategory == sub and p.brand == brand else 1 if p.subcategory == sub else 0

    def model_numbers(self, n: int) -> None:
        for p in self.rng.sample(self.data.products, n):
            template = self.rng.choice(("{m}", "{b} {m}", "{m} {w}", "is the {m} in stock", "{b} {m} price"))
            text = template.format(m=p.model_number, b=p.brand, w=QUERY_WORDS[p.subcategory])
            self.add("products", "model_number", text, {p.id: 3})

    def brands(self, n: int, misspelt: int) -> None:
        pairs = sorted({(p.subcategory, p.brand) for p in self.data.products})
        pairs = [pair for pair in pairs if sum(1 for p in self.by_sub[pair[0]] if p.brand == pair[1]) >= 3]
        picked = self.rng.sample(pairs, n + misspelt)
        for i, (sub, brand) in enumerate(picked):
            word = QUERY_WORDS[sub]
            text = self.rng.choice((f"{brand} {word}", f"{word} by {brand}", f"{brand} {word} recommendations"))
            rule = self.sub_brand_rule(sub, brand)
            if i < n:
                self.add("products", "brand", text, _grade(self.by_sub[sub], rule), {"brand": brand})
            else:
                self.add("products", "misspelt", misspell(text, self.rng), _grade(self.by_sub[sub], rule))

    def specifics(self, n: int) -> None:
        subs = sorted(s for s in self.by_sub if any(self.by_sub[s][0].attributes))
        made = 0
        while made < n:
            sub = self.rng.choice(subs)
            example = self.rng.choice(self.by_sub[sub])
            key = self.rng.choice(sorted(example.attributes))
            value = example.attributes[key]
            text = _attr_phrase(key, value, QUERY_WORDS[sub])
            before = len(self.queries)
            self.add(
                "products",
                "specific",
                text,
                _grade(self.by_sub[sub], _attr_rule(key, value)),
            )
            made += len(self.queries) - before

    def prices(self, n: int) -> None:
        self.add(
            "products",
            "price_bounded",
            "rice cooker under 15000 yen",
            _grade(self.by_sub["Rice Cookers"], lambda p: 3 if p.price_jpy <= 15000 else 0),
            {"price_max": 15000, "category": "Home & Kitchen"},
        )
        subs = sorted(self.by_sub)
        seen: set[tuple[str, int]] = {("Rice Cookers", 15000)}
        while sum(q["kind"] == "price_bounded" for q in self.queries) < n:
            sub = self.rng.choice(subs)
            prices = sorted(p.price_jpy for p in self.by_sub[sub])
            cut = prices[len(prices) * self.rng.choice((2, 3, 4)) // 10]
            step = 1000 if cut < 10000 else 5000 if cut < 50000 else 10000
            cap = max(step, (cut // step + 1) * step)
            word, category = QUERY_WORDS[sub], self.by_sub[sub][0].category
            if (sub, cap) in seen:
                continue
            seen.add((sub, cap))
            floor = cap // 3 // step * step
            if self.rng.random() < 0.25 and floor > 0:
                text = f"{word} between {floor:,} and {cap:,} yen"
                self.add(
                    "products",
                    "price_bounded",
                    text,
                    _grade(self.by_sub[sub], _price_rule(floor, cap)),
                    {"price_min": floor, "price_max": cap, "category": category},
                )
                continue
            text = self.rng.choice(
                (
                    f"{word} under {cap:,} yen",
                    f"{word} under ¥{cap:,}",
                    f"cheap {word} below {cap} yen",
                    f"{word} for less than {cap // 1000}k yen" if cap >= 1000 else f"{word} under {cap} yen",
                )
            )
            self.add(
                "products",
                "price_bounded",
                text,
                _grade(self.by_sub[sub], _price_rule(0, cap)),
                {"price_max": cap, "category": category},
            )

    def vague(self) -> None:
        for text, required, partial in VAGUE_INTENTS:
            self.add(
                "products",
                "vague",
                text,
                _grade(
                    self.data.products,
                    _tags_rule(required, partial),
                ),
            )

    def misspelt_products(self) -> None:
        self.add("products", "misspelt", "noise cancelling headphnes", _grade(self.by_sub["Headphones"], lambda p: 3))
        self.add(
            "products",
            "misspelt",
            "Zojirshi rice coocker",
            _grade(self.by_sub["Rice Cookers"], self.sub_brand_rule("Rice Cookers", "Zojirushi")),
        )
        for sub in ("Earbuds", "Sunscreen", "Air Purifiers", "Smartwatches", "Bags"):
            self.add(
                "products", "misspelt", misspell(QUERY_WORDS[sub], self.rng), _grade(self.by_sub[sub], lambda p: 3)
            )

    # ---------------------------------------------------------------- hotels
    def hotels(self, n: int) -> None:
        dests = {d.id: d for d in self.data.destinations}
        by_dest: dict[str, list[Hotel]] = defaultdict(list)
        for h in self.data.hotels:
            if h.destination_id:
                by_dest[h.destination_id].append(h)
        hakone = next(d for d in self.data.destinations if d.area == "Hakone")
        self._hotel_amenity_query(
            hakone, by_dest[hakone.id], ("onsen", "breakfast"), "onsen hotel in Hakone with breakfast"
        )
        self._hotel_amenity_query(hakone, by_dest[hakone.id], ("onsen",), "onsen ryokan in Hakkone", kind="misspelt")
        kyoto = next(d for d in self.data.destinations if d.area == "Kyoto Higashiyama")
        self._hotel_amenity_query(
            kyoto, by_dest[kyoto.id], ("breakfast",), "hotel in Kyouto Higashiyama with breakfast", kind="misspelt"
        )
        candidates = sorted(d for d in by_dest if len(by_dest[d]) >= 4)
        while sum(q["collection"] == "hotels" and q["kind"] == "hotel_area_amenity" for q in self.queries) < n:
            dest = dests[self.rng.choice(candidates)]
            hotels = by_dest[dest.id]
            style = self.rng.random()
            if style < 0.15:
                self.add(
                    "hotels",
                    "hotel_area_amenity",
                    f"luxury hotel in {_place_name(dest.area)}",
                    _grade(hotels, lambda h: 3 if h.stars == 5 else 2 if h.stars == 4 else 0),
                    {"destination_id": dest.id, "stars_min": 4},
                )
                continue
            if style < 0.25:
                self.add(
                    "hotels",
                    "hotel_area_amenity",
                    f"cheap place to stay in {_place_name(dest.area)} under 9,000 yen a night",
                    _grade(hotels, lambda h: 3 if min(r.base_rate_jpy for r in h.room_types) <= 9000 else 0),
                    {"destination_id": dest.id, "price_max": 9000},
                )
                continue
            if style < 0.33:
                self.add(
                    "hotels",
                    "hotel_area_amenity",
                    f"traditional ryokan in {_place_name(dest.area)}",
                    _grade(hotels, lambda h: 3 if "type:ryokan" in h.truth_tags else 0),
                    {"destination_id": dest.id},
                )
                continue
            pool = sorted({a for h in hotels for a in h.amenities if a in AMENITY_WORDS})
            if not pool:
                continue
            wanted = tuple(sorted(self.rng.sample(pool, min(len(pool), self.rng.choice((1, 2))))))
            pre = " ".join(AMENITY_WORDS[a][0] for a in wanted if AMENITY_WORDS[a][0] and a != "breakfast")
            post = " and ".join(
                AMENITY_WORDS[a][1].removeprefix("with ") for a in wanted if not AMENITY_WORDS[a][0] or a == "breakfast"
            )
            text = f"{pre + ' ' if pre else ''}hotel in {_place_name(dest.area)}{' with ' + post if post else ''}"
            self._hotel_amenity_query(dest, hotels, wanted, text)

    def _hotel_amenity_query(
        self,
        dest: Destination,
        hotels: list[Hotel],
        wanted: tuple[str, ...],
        text: str,
        kind: str = "hotel_area_amenity",
    ) -> None:
        def rule(h: Hotel) -> int:
            have = sum(a in h.amenities for a in wanted)
            return 3 if have == len(wanted) else 1 if have else 0

        self.add("hotels", kind, text, _grade(hotels, rule), {"destination_id": dest.id, "amenities": list(wanted)})

    # ---------------------------------------------------------------- destinations
    def destinations(self) -> None:
        ds = self.data.destinations
        for text, rule, filters in destination_judgements():
            kind = "misspelt" if "Decmber" in text else "destination_season_activity"
            self.add("destinations", kind, text, _grade(ds, rule), filters)
        niseko = next(d for d in ds if d.area == "Niseko")
        self.add("destinations", "misspelt", "Nisseko powder snow", {niseko.id: 3})

    def build(self) -> list[Query]:
        self.model_numbers(25)
        self.brands(25, misspelt=10)
        self.misspelt_products()
        self.specifics(25)
        self.prices(25)
        self.vague()
        self.hotels(27)
        self.destinations()
        return self.queries


def build_queries(data: DataSet, seed: int = 42) -> list[Query]:
    return QuerySetBuilder(data, seed).build()


def write_queries(queries: list[Query], out: Path) -> None:
    out.parent.mkdir(parents=True, exist_ok=True)
    text = "".join(json.dumps(q, sort_keys=True, ensure_ascii=False) + "\n" for q in queries)
    out.write_text(text, encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m data.queries", description="Build the labelled retrieval query set."
    )
    parser.add_argument("--data", type=Path, default=SMALL_DIR)
    parser.add_argument("--out", type=Path, default=QUERIES_PATH)
    args = parser.parse_args(argv)
    queries = build_queries(load_dataset(args.data))
    write_queries(queries, args.out)
    counts: dict[str, int] = defaultdict(int)
    for q in queries:
        counts[q["kind"]] += 1
    print(f"wrote {len(queries)} queries to {args.out}: " + ", ".join(f"{k} {counts[k]}" for k in KINDS))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
