"""A Japanese page is Japanese: the exported page of a hotel, a destination and a mobile plan, built from the
generated data set's `_ja` fields, shows no Latin-script word other than brand names and model numbers (and, for a
product, the Latin the catalogue itself writes in its Japanese fields: "SPF30 PA+++", "CERO C", "PS5")."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from assistant.copywriter.brief import make_brief
from assistant.copywriter.facts import DataSetFacts
from assistant.copywriter.ja import latin_words, own_latin
from assistant.copywriter.studio import CopyStudio
from data.loader import SMALL_DIR, load_dataset

TRADEMARKS = {"Wi-Fi"}  # registered names written in Latin letters in Japanese too (無料Wi-Fi)


class _VisibleText(HTMLParser):
    """The text a reader sees (and the title and meta description a search result shows), without scripts."""

    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in {"script", "style"}:
            self._skip += 1
        values = dict(attrs)
        if tag == "meta" and values.get("name") == "description":
            self.parts.append(values.get("content") or "")
        if tag == "img":
            self.parts.append(values.get("alt") or "")

    def handle_endtag(self, tag: str) -> None:
        if tag in {"script", "style"}:
            self._skip -= 1

    def handle_data(self, data: str) -> None:
        if not self._skip:
            self.parts.append(data)


def visible_text(html: str) -> str:
    parser = _VisibleText()
    parser.feed(html)
    return "\n".join(p for p in parser.parts if p.strip())


@pytest.fixture(scope="module")
def studio() -> CopyStudio:
    if not (SMALL_DIR / "hotels.jsonl").exists():
        pytest.skip("needs the generated data set (data/generated/small)")
    return CopyStudio(DataSetFacts.from_dataset(load_dataset(SMALL_DIR)))


@pytest.mark.parametrize("kind", ["hotel", "destination", "mobile_plan"])
def test_an_exported_japanese_page_has_no_english_words(studio: CopyStudio, kind: str, tmp_path: Path) -> None:
    dataset = load_dataset(SMALL_DIR)
    records = {"hotel": dataset.hotels, "destination": dataset.destinations, "mobile_plan": dataset.mobile_plans}
    for record in records[kind][:3]:
        result = studio.run(make_brief(subject_ids=[record.id], language="ja"))
        assert not result.blockers, result.blockers
        paths = result.export(tmp_path / record.id)
        text = visible_text(paths["page.html"].read_text(encoding="utf-8"))
        assert "¥" in text or "円" in text or kind == "destination"
        assert latin_words(text, TRADEMARKS) == [], (record.id, text)


def test_a_japanese_product_page_has_only_the_products_own_latin(studio: CopyStudio, tmp_path: Path) -> None:
    """Products whose Japanese attribute values are written in Latin (UVカット SPF30 PA+++, 年齢区分 CERO C,
    対応機種 PC): those words may stay, nothing else English may."""
    dataset = load_dataset(SMALL_DIR)
    latin_valued = [p for p in dataset.products
                    if any(re.search(r"[A-Za-z]{2,}", v) for v in (p.attributes_ja or {}).values())]
    assert latin_valued
    for record in latin_valued[:4] + dataset.products[:2]:
        result = studio.run(make_brief(subject_ids=[record.id], language="ja"))
        assert not result.blockers, result.blockers
        text = visible_text(result.export(tmp_path / record.id)["page.html"].read_text(encoding="utf-8"))
        assert latin_words(text, TRADEMARKS | own_latin(record)) == [], (record.id, text)


def test_own_latin_is_the_subjects_brand_model_and_catalogue_latin() -> None:
    dataset = load_dataset(SMALL_DIR) if (SMALL_DIR / "products.jsonl").exists() else None
    if dataset is None:
        pytest.skip("needs the generated data set (data/generated/small)")
    record = next(p for p in dataset.products if "UVカット" in (p.attributes_ja or {}))
    allowed = own_latin(record)
    assert {record.brand, record.model_number, "SPF"} <= allowed
    assert latin_words("日焼け止め SPF30 PA+++、Water resistant", allowed) == ["Water", "resistant"]
