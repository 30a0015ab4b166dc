"""The product query keeps what a member would type into a search box (issue 15): the story before the
request and the person a thing is for are left out (fresh phrasings, written for these rules)."""

from __future__ import annotations

from datetime import date

import pytest

from assistant.offline.nlu.gazetteer import Gazetteer
from assistant.offline.nlu.lexicon import Lexicon
from assistant.offline.nlu.slots import SlotExtractor
from tests.offline.conftest import SEED

TODAY = date(2026, 11, 23)


@pytest.fixture(scope="module")
def extractor() -> SlotExtractor:
    gazetteer = Gazetteer.from_seed(SEED)
    return SlotExtractor(Lexicon.load(SEED, gazetteer))


@pytest.mark.parametrize(
    ("text", "query"),
    [
        ("our blender stopped working, looking for a powerful blender under 10000 yen", "powerful blender"),
        ("my daughter just started school, she needs a backpack", "backpack"),
        ("a rice cooker for a family of five", "rice cooker"),
        ("find me a rice cooker, need it under 8000", "rice cooker"),  # the second clause names no product
    ],
)
def test_the_query_is_the_product_not_the_story(extractor: SlotExtractor, text: str, query: str) -> None:
    assert extractor.extract(text, TODAY)["query"] == query
