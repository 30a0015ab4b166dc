"""Japanese beside English in the generated data: every listing, hotel and guide has its Japanese text,
the Japanese is a function of the English facts, and the English facts never moved."""

from __future__ import annotations

import json
import re
from pathlib import Path

from data.compare_seed import compare, diff
from data.generate import generate
from data.japanese import attribute_value_ja, hotel_name_ja
from data.schema import DataSet

_KANA_OR_KANJI = re.compile(r"[\u3040-\u30ff\u3400-\u9fff]")


def test_every_product_hotel_and_guide_has_japanese(small: DataSet) -> None:
    for p in small.products:
        assert p.title_ja and _KANA_OR_KANJI.search(p.title_ja), p.id
        assert p.model_number in p.title_ja and p.model_number in (p.description_ja or "")
        assert p.reviews_ja is not None and [r.rating for r in p.reviews_ja] == [r.rating for r in p.reviews]
        assert p.attributes_ja is not None and len(p.attributes_ja) == len(p.attributes)
    for h in small.hotels:
        assert h.name_ja and h.description_ja and h.area_ja and h.city_ja and h.prefecture_ja, h.id
        assert all(r.name_ja for r in h.room_types)
    for d in small.destinations:
        assert d.area_ja and d.area_kana and d.description_ja and d.activities_ja, d.id


def test_marketplace_style_follows_the_listing_facts(small: DataSet) -> None:
    for p in small.products[:500]:
        assert ("【送料無料】" in (p.title_ja or "")) == p.free_shipping
        if p.shop_points_multiplier > 1:
            assert f"ポイント{p.shop_points_multiplier}倍" in (p.title_ja or "")


def test_units_and_names_read_as_japanese() -> None:
    assert attribute_value_ja("battery_life", "6 hours (24 with case)") == "6時間 (ケース併用24時間)"
    assert attribute_value_ja("room_size", "up to 12 tatami") == "〜12畳"
    assert attribute_value_ja("storage", "256 GB") == "256GB"
    assert attribute_value_ja("age", "3+") == "3歳以上"
    assert attribute_value_ja("colour", "Navy") == "ネイビー"
    assert hotel_name_ja("Hotel Grand Gion", "Gion") == "ホテル グランド 祇園"
    assert hotel_name_ja("Gion Kikyo-tei", "Gion") == "祇園 桔梗亭"


def test_a_regenerated_set_keeps_every_english_field(tmp_path: Path, small_dir: Path) -> None:
    generate(tmp_path, "small", 42)
    names = [p.name for p in small_dir.glob("*.json*") if p.name != "manifest.json"]
    problems = compare({n: (small_dir / n).read_text(encoding="utf-8") for n in names}, tmp_path)
    assert problems == []


def test_the_comparison_reports_a_moved_english_field() -> None:
    old = {"id": "P1", "title": "Sony headphones", "reviews": [{"rating": 5}]}
    assert list(diff(old, {**old, "title_ja": "ソニー ヘッドホン"}, "p")) == []
    moved = json.loads(json.dumps(old))
    moved["reviews"][0]["rating"] = 4
    assert list(diff(old, moved, "p")) == ["p.reviews[0].rating: 5 -> 4"]
    assert list(diff(old, {"id": "P1"}, "p")) == ["p.title: missing", "p.reviews: missing"]
