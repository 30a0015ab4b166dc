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

from typing import Any, ClassVar

from data.destination_judgements import act, month
from data.japanese import attribute_value_ja
from data.queries import REPO_ROOT, QuerySetBuilder
from data.query_files import Query, run_cli
from data.query_grading import grade
from data.schema import DataSet, Destination, Hotel, Product
from data.vocab.places_ja import AMENITY_JA, AREA_JA
from data.vocab.products_ja import BRAND_JA, SUBCATEGORY_JA
from data.vocab.queries_ja import VAGUE_INTENTS_JA, VARIANTS_JA

QUERIES_JA_PATH = REPO_ROOT / "eval" / "retrieval" / "queries_ja.jsonl"

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


class JapaneseQuerySetBuilder(QuerySetBuilder):
    """Composes the Japanese queries of each kind from one data set: the English builder's kinds, rules and draws,
    worded in Japanese, on their own random stream."""

    stream_name = "queries_ja"
    id_prefix = "j"
    fields: ClassVar[dict[str, Any]] = {"lang": "ja"}
    misspelt_brands = 0
    vague_intents = VAGUE_INTENTS_JA

    def _same_text(self, query: str) -> str:
        return query

    def _word(self, sub: str) -> str:
        return SUBCATEGORY_JA[sub][1]

    def _model_number_text(self, p: Product) -> str:
        template = self.rng.choice(("{m}", "{b}の{m}", "{m} {w}", "{m}の在庫はありますか", "{b} {m} 値段"))
        b = brand_word(p.brand, self.rng.random() < 0.3)
        return template.format(m=p.model_number, b=b, w=self._word(p.subcategory))

    def _brand_text(self, sub: str, brand: str) -> str:
        b, w = brand_word(brand, self.rng.random() < 0.25), self._word(sub)
        return self.rng.choice((f"{b}の{w}", f"{b} {w} おすすめ", f"{w} {b}"))

    def misspellings(self) -> None:
        for text, sub in VARIANTS_JA:
            self.add("products", "misspelt", text, grade(self.by_sub[sub], lambda p: 3))
        for sub, brand in (("Headphones", "Sony"), ("Rice Cookers", "Zojirushi")):
            w = "ヘッドフォン" if sub == "Headphones" else "すいはんき"
            self.add("products", "misspelt", f"{BRAND_JA[brand]} {w}", self._sub_brand(sub, brand))

    def _specific_text(self, key: str, value: str, sub: str) -> str:
        v, w = attribute_value_ja(key, value), self._word(sub)
        return f"{v}の{w}" if key in ("colour", "material", "flavour", "shade", "origin", "region") else f"{w} {v}"

    def _price_anchors(self) -> set[tuple[str, int]]:
        return set()

    def _between_text(self, word: str, floor: int, cap: int) -> str:
        return f"{word} {floor:,}円〜{cap:,}円"

    def _under_text(self, word: str, cap: int) -> str:
        man = f"{cap // 10000}万円以下の{word}" if cap % 10000 == 0 else f"{cap / 10000:g}万円以下の{word}"
        return self.rng.choice((f"{word} {cap:,}円以下", man, f"¥{cap:,}以内の{word}", f"{cap}円までの安い{word}"))

    def _place(self, dest: Destination) -> str:
        return place_word(dest.area, self.rng.random() < 0.2)

    def _style_texts(self, place: str) -> tuple[str, str, str]:
        return f"{place}の高級ホテル", f"{place}で1泊9,000円以下の安い宿", f"{place}の老舗旅館"

    def _amenity_pool(self, hotels: list[Hotel]) -> list[str]:
        return sorted({a for h in hotels for a in h.amenities if a in AMENITY_JA and a not in ("wifi", "non_smoking")})

    def _amenity_text(self, place: str, wanted: tuple[str, ...]) -> str:
        words = "と".join(AMENITY_JA[a].removesuffix("付き") for a in wanted)
        return self.rng.choice((f"{place}で{words}のあるホテル", f"{place} ホテル {' '.join(AMENITY_JA[a] for a in wanted)}"))

    def _hotel_anchors(self, by_dest: dict[str, list[Hotel]]) -> None:
        return None

    def destinations(self) -> None:
        for text, rule, filters in DESTINATIONS_JA:
            self.add("destinations", "destination_season_activity", text, grade(self.data.destinations, rule), filters)


def build_queries_ja(data: DataSet, seed: int = 42) -> list[Query]:
    return JapaneseQuerySetBuilder(data, seed).build()


def main(argv: list[str] | None = None) -> int:
    return run_cli(
        argv,
        prog="python -m data.queries_ja",
        description=__doc__.splitlines()[0],
        out=QUERIES_JA_PATH,
        build=build_queries_ja,
    )


if __name__ == "__main__":
    raise SystemExit(main())
