# ruff: noqa: E501  (tables and Japanese templates read best one per line)
"""Build the labelled *Japanese* retrieval query set from the generator's ground truth: `python -m data.queries_ja`.

    .venv/bin/python -m data.queries_ja [--data data/generated/small] [--out eval/retrieval/queries_ja.jsonl]

The same kinds, grading rules and filters as the English set (`data/queries.py`, `eval/retrieval/README.md`),
worded the way Japanese members type into a search box: katakana or Latin brands (ソニー / Sony), 万円 and
¥ prices, place names in kanji or kana, spelling variants (ヘッドフォン / ヘッドホン). Judgements are rules
over the generator's facts (subcategory, brand, model number, price, attributes, truth tags; hotel
destination, amenities and stars; destination activities and monthly climate), never a search system.
Deterministic (its own random stream): same data, same file. Ids are `j001`...
"""

from __future__ import annotations

import argparse
from collections import defaultdict
from pathlib import Path
from typing import Any

from data.destination_judgements import act, month
from data.japanese import attribute_value_ja
from data.loader import SMALL_DIR, load_dataset
from data.queries import REPO_ROOT, Query, _attr_rule, _grade, _price_rule, _tags_rule, write_queries
from data.schema import DataSet, Destination, Hotel, Product
from data.streams import stream
from data.vocab.places_ja import AMENITY_JA, AREA_JA
from data.vocab.products_ja import BRAND_JA, SUBCATEGORY_JA

QUERIES_JA_PATH = REPO_ROOT / "eval" / "retrieval" / "queries_ja.jsonl"

# (query, all of these tags -> 3, any of these -> 1): the English set's intents plus a few of their own
VAGUE_INTENTS_JA: tuple[tuple[str, tuple[str, ...], tuple[str, ...]], ...] = (
    ("料理好きの父へのプレゼント", ("gift:dad", "use:cooking"), ("gift:chef",)),
    ("冬のランニングで使えるもの", ("use:running", "season:winter"), ("use:running",)),
    ("工作が好きな6歳の子の誕生日プレゼント", ("audience:kids", "use:building"), ("use:building",)),
    ("赤ちゃんが生まれるので必要なもの", ("audience:baby",), ("gift:baby",)),
    ("初めてのキャンプに必要な道具", ("use:camping",), ("use:outdoors",)),
    ("犬が夢中になるおもちゃ", ("audience:dog", "use:play"), ("audience:dog",)),
    ("夜ぐっすり眠れるグッズ", ("use:sleep",), ()),
    ("夏に部屋を涼しくしたい", ("season:summer", "use:home-cooling"), ("season:summer",)),
    ("スキンケア好きの母への誕生日ギフト", ("gift:mom", "use:skincare"), ("use:skincare",)),
    ("ゴルフ好きのお父さんへの贈り物", ("use:golf", "gift:dad"), ("use:golf",)),
    ("家でおいしいコーヒーを淹れたい", ("use:coffee",), ()),
    ("在宅勤務の環境を良くしたい", ("use:home-office",), ("use:work",)),
    ("職場で配れる日本のお菓子", ("use:souvenir", "gift:colleagues"), ("use:souvenir",)),
    ("寒い冬の夜に暖かく過ごしたい", ("use:warmth", "season:winter"), ("use:warmth",)),
    ("ジムに行かずに家で鍛えたい", ("use:fitness", "use:home"), ("use:fitness",)),
    ("ゲーム好きの中学生へのプレゼント", ("use:gaming", "audience:teens"), ("use:gaming",)),
    ("車をきれいに保つには", ("use:car-care",), ("use:driving",)),
    ("梅雨の山歩きに使える装備", ("use:hiking", "weather:rain"), ("use:hiking",)),
    ("日本酒好きな人への贈り物", ("use:drinks",), ()),
    ("海水浴に持っていくもの", ("use:beach",), ("season:summer",)),
    ("猫が喜ぶもの", ("audience:cat",), ()),
    ("料理好きな夫婦への結婚祝い", ("gift:wedding",), ("use:cooking",)),
    ("花粉症対策を家でしたい", ("use:allergy", "season:spring"), ("use:allergy",)),
    ("初めてのスキー旅行に必要なもの", ("use:skiing",), ("season:winter",)),
    ("祖父母でも簡単に使えるもの", ("audience:seniors",), ()),
)
# a member's spelling -> the subcategory it names (variants Japanese shops and members both use)
VARIANTS_JA: tuple[tuple[str, str], ...] = (
    ("ヘッドフォン", "Headphones"), ("ワイヤレスイヤフォン", "Earbuds"), ("スマートウオッチ", "Smartwatches"),
    ("モバイルバッテリ", "Power Banks"), ("エアーピュリファイヤー", "Air Purifiers"), ("ひやけどめ", "Sunscreen"),
    ("ばっく", "Bags"), ("すいはんき", "Rice Cookers"),
)
DESTINATIONS_JA: tuple[tuple[str, Any, dict[str, Any]], ...] = (
    ("1月でも暖かいビーチ", lambda d: 3 if act(d, "beach") and month(d, 1).avg_high_c >= 18 else 1 if act(d, "beach") and month(d, 1).avg_high_c >= 14 else 0, {"month": 1}),
    ("2月にスキーができるところ", lambda d: 3 if act(d, "skiing") and month(d, 2).avg_high_c <= 3 else 1 if act(d, "skiing") else 0, {"month": 2}),
    ("11月に紅葉がきれいな場所", lambda d: 3 if act(d, "autumn leaves") and "autumn leaves" in month(d, 11).note else 1 if act(d, "autumn leaves") else 0, {"month": 11}),
    ("4月上旬のお花見旅行", lambda d: 3 if "cherry blossoms" in month(d, 4).note and act(d, "cherry blossoms") else 2 if "cherry blossoms" in month(d, 4).note else 0, {"month": 4}),
    ("8月の暑さを避けて涼しいところへ", lambda d: 3 if month(d, 8).avg_high_c <= 26 else 1 if month(d, 8).avg_high_c <= 28 else 0, {"month": 8}),
    ("冬に雪見ができる温泉地", lambda d: 3 if act(d, "onsen") and month(d, 1).avg_low_c <= -3 else 1 if act(d, "onsen") and month(d, 1).avg_low_c <= 0 else 0, {"month": 1}),
    ("10月にダイビングやシュノーケリング", lambda d: 3 if (act(d, "diving") or act(d, "snorkelling")) and month(d, 10).avg_high_c >= 25 else 1 if act(d, "diving") or act(d, "snorkelling") else 0, {"month": 10}),
    ("関西でお寺めぐりと歴史散策", lambda d: 3 if act(d, "temples") and d.region == "kansai" else 1 if act(d, "temples") else 0, {"region": "kansai"}),
    ("8月の夏祭り", lambda d: 3 if act(d, "festivals") and 8 in d.best_months else 1 if act(d, "festivals") else 0, {"month": 8}),
    ("海鮮を食べに週末旅行", lambda d: 3 if act(d, "seafood") else 1 if act(d, "food") else 0, {}),
    ("島で現代アートを見たい", lambda d: 3 if act(d, "art") and d.region == "shikoku" else 1 if act(d, "art") or act(d, "museums") else 0, {}),
    ("5月の暑すぎない時期にハイキング", lambda d: 3 if act(d, "hiking") and 5 in d.best_months else 1 if act(d, "hiking") else 0, {"month": 5}),
    ("日本のお城を見に行きたい", lambda d: 3 if act(d, "castles") else 1 if act(d, "history") else 0, {}),
    ("パウダースノーでスキーして温泉に入りたい", lambda d: 3 if act(d, "skiing") and act(d, "onsen") else 1 if act(d, "skiing") else 0, {}),
    ("東京から日帰りで行ける寺社", lambda d: 3 if (act(d, "temples") or act(d, "shrines")) and d.region == "kanto" else 0, {"region": "kanto"}),
    ("7月のビーチリゾート", lambda d: 3 if act(d, "beach") and month(d, 7).avg_high_c >= 29 else 1 if act(d, "beach") else 0, {"month": 7}),
    ("子供とテーマパーク", lambda d: 3 if act(d, "theme parks") else 0, {}),
    ("夜景がきれいな街", lambda d: 3 if act(d, "night views") else 0, {}),
    ("7月のラベンダー畑", lambda d: 3 if any("lavender" in k for k in d.known_for) else 0, {"month": 7}),
    ("屋台グルメと夜遊び", lambda d: 3 if act(d, "nightlife") and act(d, "food") else 1 if act(d, "nightlife") else 0, {}),
    ("12月でも暖かいところ", lambda d: 3 if month(d, 12).avg_high_c >= 20 else 1 if month(d, 12).avg_high_c >= 16 else 0, {"month": 12}),
    ("屋久杉の森を歩きたい", lambda d: 3 if any("cedar" in k for k in d.known_for) else 1 if act(d, "hiking") and act(d, "nature") else 0, {}),
    ("星空がきれいな南の島", lambda d: 3 if act(d, "stargazing") else 1 if act(d, "beach") and d.region == "okinawa" else 0, {}),
)


def brand_word(brand: str, latin: bool) -> str:
    """How a member writes a brand: the katakana/kanji name, or (sometimes) the Latin one."""
    return brand if latin else BRAND_JA.get(brand, brand)


def place_word(area: str, kana: bool) -> str:
    """'東京・新宿' -> '新宿', '富良野・美瑛' -> '富良野'; with `kana`, the reading (はこね)."""
    name, reading, _ = AREA_JA[area]
    if kana:
        return reading
    parts = name.split("・")
    return parts[1] if parts[0] in ("東京", "京都", "大阪", "沖縄") and len(parts) > 1 else parts[0]


class JapaneseQuerySetBuilder:
    """Composes the Japanese queries of each kind from one data set."""

    def __init__(self, data: DataSet, seed: int = 42) -> None:
        self.data = data
        self.rng = stream(seed, "queries_ja")
        self.queries: list[Query] = []
        self.by_sub: dict[str, list[Product]] = defaultdict(list)
        for p in data.products:
            self.by_sub[p.subcategory].append(p)

    def add(self, collection: str, kind: str, query: str, relevant: dict[str, int],
            filters: dict[str, Any] | None = None) -> None:
        if not relevant or (max(relevant.values()) < 2 and kind != "vague"):
            return
        if any(q["query"] == query for q in self.queries):
            return
        self.queries.append({"id": f"j{len(self.queries) + 1:03d}", "collection": collection, "query": query,
                             "kind": kind, "filters": filters or {}, "relevant": relevant, "lang": "ja"})

    def _word(self, sub: str) -> str:
        return SUBCATEGORY_JA[sub][1]

    def _sub_brand(self, sub: str, brand: str) -> dict[str, int]:
        return _grade(self.by_sub[sub], lambda p: 3 if p.brand == brand else 1)

    def model_numbers(self, n: int) -> None:
        for p in self.rng.sample(self.data.products, n):
            template = self.rng.choice(("{m}", "{b}の{m}", "{m} {w}", "{m}の在庫はありますか", "{b} {m} 値段"))
            b = brand_word(p.brand, self.rng.random() < 0.3)
            self.add("products", "model_number", template.format(m=p.model_number, b=b, w=self._word(p.subcategory)),
                     {p.id: 3})

    def brands(self, n: int) -> None:
        pairs = sorted({(p.subcategory, p.brand) for p in self.data.products})
        pairs = [pair for pair in pairs if sum(1 for p in self.by_sub[pair[0]] if p.brand == pair[1]) >= 3]
        for sub, brand in self.rng.sample(pairs, n):
            b, w = brand_word(brand, self.rng.random() < 0.25), self._word(sub)
            text = self.rng.choice((f"{b}の{w}", f"{b} {w} おすすめ", f"{w} {b}"))
            self.add("products", "brand", text, self._sub_brand(sub, brand), {"brand": brand})

    def variants(self) -> None:
        for text, sub in VARIANTS_JA:
            self.add("products", "misspelt", text, _grade(self.by_sub[sub], lambda p: 3))
        for sub, brand in (("Headphones", "Sony"), ("Rice Cookers", "Zojirushi")):
            w = "ヘッドフォン" if sub == "Headphones" else "すいはんき"
            self.add("products", "misspelt", f"{BRAND_JA[brand]} {w}", self._sub_brand(sub, brand))

    def specifics(self, n: int) -> None:
        subs = sorted(s for s in self.by_sub if any(self.by_sub[s][0].attributes))
        while sum(q["kind"] == "specific" for q in self.queries) < n:
            sub = self.rng.choice(subs)
            example = self.rng.choice(self.by_sub[sub])
            key = self.rng.choice(sorted(example.attributes))
            value = example.attributes[key]
            v, w = attribute_value_ja(key, value), self._word(sub)
            text = f"{v}の{w}" if key in ("colour", "material", "flavour", "shade", "origin", "region") else f"{w} {v}"
            self.add("products", "specific", text, _grade(self.by_sub[sub], _attr_rule(key, value)))

    def prices(self, n: int) -> None:
        subs = sorted(self.by_sub)
        seen: set[tuple[str, int]] = set()
        while sum(q["kind"] == "price_bounded" for q in self.queries) < n:
            sub = self.rng.choice(subs)
            prices = sorted(p.price_jpy for p in self.by_sub[sub])
            cut = prices[len(prices) * self.rng.choice((2, 3, 4)) // 10]
            step = 1000 if cut < 10000 else 5000 if cut < 50000 else 10000
            cap = max(step, (cut // step + 1) * step)
            if (sub, cap) in seen:
                continue
            seen.add((sub, cap))
            w, category = self._word(sub), self.by_sub[sub][0].category
            floor = cap // 3 // step * step
            if self.rng.random() < 0.25 and floor > 0:
                self.add("products", "price_bounded", f"{w} {floor:,}円〜{cap:,}円",
                         _grade(self.by_sub[sub], _price_rule(floor, cap)),
                         {"price_min": floor, "price_max": cap, "category": category})
                continue
            man = f"{cap // 10000}万円以下の{w}" if cap % 10000 == 0 else f"{cap / 10000:g}万円以下の{w}"
            text = self.rng.choice((f"{w} {cap:,}円以下", man, f"¥{cap:,}以内の{w}", f"{cap}円までの安い{w}"))
            self.add("products", "price_bounded", text, _grade(self.by_sub[sub], _price_rule(0, cap)),
                     {"price_max": cap, "category": category})

    def vague(self) -> None:
        for text, required, partial in VAGUE_INTENTS_JA:
            self.add("products", "vague", text, _grade(self.data.products, _tags_rule(required, partial)))

    def hotels(self, n: int) -> None:
        dests = {d.id: d for d in self.data.destinations}
        by_dest: dict[str, list[Hotel]] = defaultdict(list)
        for h in self.data.hotels:
            if h.destination_id:
                by_dest[h.destination_id].append(h)
        candidates = sorted(d for d in by_dest if len(by_dest[d]) >= 4)
        while sum(q["collection"] == "hotels" for q in self.queries) < n:
            dest: Destination = dests[self.rng.choice(candidates)]
            hotels = by_dest[dest.id]
            place = place_word(dest.area, self.rng.random() < 0.2)
            style = self.rng.random()
            if style < 0.15:
                self.add("hotels", "hotel_area_amenity", f"{place}の高級ホテル",
                         _grade(hotels, lambda h: 3 if h.stars == 5 else 2 if h.stars == 4 else 0),
                         {"destination_id": dest.id, "stars_min": 4})
                continue
            if style < 0.25:
                self.add("hotels", "hotel_area_amenity", f"{place}で1泊9,000円以下の安い宿",
                         _grade(hotels, lambda h: 3 if min(r.base_rate_jpy for r in h.room_types) <= 9000 else 0),
                         {"destination_id": dest.id, "price_max": 9000})
                continue
            if style < 0.33:
                self.add("hotels", "hotel_area_amenity", f"{place}の老舗旅館",
                         _grade(hotels, lambda h: 3 if "type:ryokan" in h.truth_tags else 0),
                         {"destination_id": dest.id})
                continue
            pool = sorted({a for h in hotels for a in h.amenities if a in AMENITY_JA and a not in ("wifi", "non_smoking")})
            if not pool:
                continue
            wanted = tuple(sorted(self.rng.sample(pool, min(len(pool), self.rng.choice((1, 2))))))
            words = "と".join(AMENITY_JA[a].removesuffix("付き") for a in wanted)
            text = self.rng.choice((f"{place}で{words}のあるホテル", f"{place} ホテル {' '.join(AMENITY_JA[a] for a in wanted)}"))

            def rule(h: Hotel, wanted: tuple[str, ...] = wanted) -> int:
                have = sum(a in h.amenities for a in wanted)
                return 3 if have == len(wanted) else 1 if have else 0

            self.add("hotels", "hotel_area_amenity", text, _grade(hotels, rule),
                     {"destination_id": dest.id, "amenities": list(wanted)})

    def destinations(self) -> None:
        for text, rule, filters in DESTINATIONS_JA:
            self.add("destinations", "destination_season_activity", text, _grade(self.data.destinations, rule), filters)

    def build(self) -> list[Query]:
        self.model_numbers(25)
        self.brands(25)
        self.variants()
        self.specifics(25)
        self.prices(25)
        self.vague()
        self.hotels(27)
        self.destinations()
        return self.queries


def build_queries_ja(data: DataSet, seed: int = 42) -> list[Query]:
    return JapaneseQuerySetBuilder(data, seed).build()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m data.queries_ja", description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=SMALL_DIR)
    parser.add_argument("--out", type=Path, default=QUERIES_JA_PATH)
    args = parser.parse_args(argv)
    queries = build_queries_ja(load_dataset(args.data))
    write_queries(queries, args.out)
    counts: dict[str, int] = defaultdict(int)
    for q in queries:
        counts[q["kind"]] += 1
    print(f"wrote {len(queries)} queries to {args.out}: " + ", ".join(f"{k} {v}" for k, v in sorted(counts.items())))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
