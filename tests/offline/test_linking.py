"""The understanding's data-built parts on their own (issue 15, patterns 4 and 5): the gazetteer links names
to the data, the speller corrects typos to the catalogue's words and leaves brands, numbers and model
numbers alone, and the constraint readers turn stated limits into slots (fresh phrasings throughout)."""

from __future__ import annotations

from datetime import date

import pytest

from assistant.offline.nlu import _VOCABULARY_FILES
from assistant.offline.nlu.gazetteer import Gazetteer
from assistant.offline.nlu.lexicon import Lexicon, load_yaml
from assistant.offline.nlu.slots import SlotExtractor
from assistant.offline.nlu.spelling import SpellingCorrector, strings
from tests.offline.conftest import SEED

TODAY = date(2026, 11, 23)


@pytest.fixture(scope="module")
def parts() -> tuple[Gazetteer, SpellingCorrector, SlotExtractor]:
    gazetteer = Gazetteer.from_seed(SEED)
    lexicon = Lexicon.load(SEED, gazetteer)
    spelling = SpellingCorrector.build(gazetteer, [load_yaml(n) for n in _VOCABULARY_FILES], strings(lexicon.raw))
    return gazetteer, spelling, SlotExtractor(lexicon)


def test_typos_become_catalogue_words(parts: tuple[Gazetteer, SpellingCorrector, SlotExtractor]) -> None:
    _, spelling, _ = parts
    assert spelling.correct("blutooth speker waterprof") == "bluetooth speaker waterproof"
    assert spelling.correct("a sleping bag from colemen") == "a sleeping bag from coleman"
    assert spelling.correct("hotles in sapporro") == "hotels in sapporo"


Parts = tuple[Gazetteer, SpellingCorrector, SlotExtractor]


def test_known_words_numbers_and_models_are_left_alone(parts: Parts) -> None:
    _, spelling, _ = parts
    for text in ("my nephew likes drones", "Anker WH-4657-W", "size 27.5 please", "thx btw"):
        assert spelling.correct(text) == text


def test_places_link_to_their_city_and_regions_to_their_cities(
    parts: tuple[Gazetteer, SpellingCorrector, SlotExtractor],
) -> None:
    gazetteer, _, _ = parts
    station = gazetteer.exact("tokyo station", "area")
    assert station is not None and station.city == "Tokyo"
    assert {"Kyoto", "Osaka", "Kobe"} <= set(gazetteer.cities_of("kansai"))
    link = gazetteer.fuzzy("kanazwa", "city")
    assert link is not None and link.entity.name == "Kanazawa"
    model = gazetteer.model("wh4657w")
    assert model is not None and model.brand == "Anker"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("a 4-star hotel in Osaka", {"min_stars": 4}),
        ("hotels rated 4.2 or better in Kobe", {"min_rating": 4.2}),
        ("earbuds that ship free, nothing above 7000 yen", {"free_shipping": True, "price_max": 7000}),
        ("trail shoes, size 26.5", {"size": "26.5"}),
        ("a lunch box but nothing for babies", {"exclude": ["baby"]}),
        ("a quiet place in the tohoku region", {"region": "tohoku"}),
        ("jbl or anker speakers", {"brands": ["JBL", "Anker"]}),
    ],
)
def test_constraints_become_slots(
    parts: tuple[Gazetteer, SpellingCorrector, SlotExtractor], text: str, expected: dict[str, object]
) -> None:
    _, _, extractor = parts
    slots = extractor.extract(text, TODAY)
    for key, value in expected.items():
        assert slots.get(key) == value, (key, slots)
    assert "ref" not in slots


def test_a_model_number_is_kept_and_its_brand_is_no_ordinal(
    parts: tuple[Gazetteer, SpellingCorrector, SlotExtractor],
) -> None:
    _, _, extractor = parts
    slots = extractor.extract("is the Final FWF-3132XM4 any good?", TODAY)
    assert slots["model"] == "FWF-3132XM4" and slots["brand"] == "Final" and "ref" not in slots
    assert "fwf-3132xm4" in slots["query"]
