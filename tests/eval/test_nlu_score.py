"""The NLU scorer: exact normalised slot match, the retrieval rule for product queries, and the counts."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from eval.nlu.query_match import SMALL_SEED, SameTopResults, catalogue_query_matcher
from eval.nlu.score import DEV, TEST, Labelled, canonical, load_utterances, score_items, slot_matches

TODAY = date(2026, 11, 23)


@pytest.mark.parametrize(
    ("name", "gold", "predicted"),
    [
        ("query", "rice cooker", "  Rice   Cooker. "),
        ("place", "Kyoto", "kyoto"),
        ("price_max", 8000, "８０００"),  # full-width digits, as a member on a Japanese keyboard types them
        ("price_max", 8000, 8000.0),
        ("ref", "2", 2),
        ("amenities", ["onsen", "pets"], ["pets", "onsen"]),
        ("check_in", date(2026, 12, 5), "2026-12-05"),
        ("brand", "Audio-Technica", "audio-technica"),
    ],
)
def test_equal_after_normalising(name: str, gold: Any, predicted: Any) -> None:
    assert slot_matches(name, gold, predicted)


@pytest.mark.parametrize(
    ("name", "gold", "predicted"),
    [
        ("query", "rice cooker", "rice cooker fancy"),  # the old Jaccard-0.6 rule passed this
        ("query", "thermos bottle", "hunting thermos bottle"),
        ("nights", 2, 3),
        ("ref", "1", "-1"),
        ("ref", "1,2", "1,3"),
        ("amenities", ["onsen"], ["onsen", "pets"]),
        ("check_in", "2026-12-05", "2026-12-12"),
        ("data_gb", 3.5, 3),
    ],
)
def test_different_values_never_match(name: str, gold: Any, predicted: Any) -> None:
    assert not slot_matches(name, gold, predicted)


def test_canonical_forms() -> None:
    assert canonical("ＡＩ？") == "ai"
    assert canonical(["Onsen", "onsen "]) == frozenset({"onsen"})
    assert canonical(True) is True


def _ranked_by_words(catalogue: dict[str, str]) -> SameTopResults:
    """Ranks ids by how many query words their title shares (ties by id): order of words never matters."""

    def top_ids(query: str) -> list[str]:
        words = set(query.split())
        scored = sorted(catalogue, key=lambda pid: (-len(words & set(catalogue[pid].split())), pid))
        return [pid for pid in scored if words & set(catalogue[pid].split())][:2]

    return SameTopResults(top_ids)


def test_query_matches_when_the_search_returns_the_same_top_results() -> None:
    matcher = _ranked_by_words({"P1": "running sneakers", "P2": "running watch", "P3": "rice cooker"})
    assert slot_matches("query", "running sneakers", "sneakers running", matcher)
    assert not slot_matches("query", "running sneakers", "running watch", matcher)
    # a query that finds nothing never matches, even another query that finds nothing
    assert not slot_matches("query", "teleporter", "time machine", matcher)
    # the rule is for the free-text query only
    assert not slot_matches("brand", "Sony", "sony ericsson", matcher)


def test_counts_precision_recall_and_intent() -> None:
    items = [
        Labelled("a", "search_products", {"query": "rice cooker", "price_max": 8000}),
        Labelled("b", "search_hotels", {"place": "Kyoto", "nights": 2}),
        Labelled("c", "affirm", {}),
    ]
    predictions: dict[str, tuple[str, dict[str, Any]]] = {
        "a": ("search_products", {"query": "rice cooker fancy", "price_max": 8000}),  # 1 tp, 1 fn, 1 fp
        "b": ("search_hotels", {"place": "kyoto", "nights": 2, "adults": 2}),  # 2 tp, 1 fp
        "c": ("deny", {}),
    }
    result = score_items(lambda text, today: predictions[text], TODAY, items)
    assert result.utterances == 3
    assert result.intent_accuracy == round(2 / 3, 4)
    assert (result.slot_precision, result.slot_recall) == (0.6, 0.75)  # 3 of 5 predicted, 3 of 4 gold
    assert result.by_slot["query"] == {"slot_precision": 0.0, "slot_recall": 0.0, "slot_f1": 0.0}
    assert result.by_intent["affirm"]["accuracy"] == 0.0
    assert [e["text"] for e in result.errors] == ["a", "b", "c"]


@pytest.mark.parametrize("split", [DEV, TEST])
def test_splits_load_and_use_known_intents(split: Path) -> None:
    import yaml

    intent_slots = Path(__file__).resolve().parents[2] / "assistant" / "offline" / "data" / "intent_slots.yaml"
    known = set(yaml.safe_load(intent_slots.read_text(encoding="utf-8")))
    if not split.exists():
        pytest.skip(f"{split.name} not written yet")
    today, items = load_utterances(split)
    assert isinstance(today, date) and items
    assert {i.intent for i in items} <= known
    assert len({i.text.casefold() for i in items}) == len(items), "an utterance is labelled twice"


@pytest.fixture(scope="module")
def small_seed_matcher(tmp_path_factory: pytest.TempPathFactory) -> Iterator[SameTopResults]:
    """The real hybrid search over a slice of the small seed: 20 rice cookers and 20 running shoes."""
    seed = tmp_path_factory.mktemp("seed")
    kept: dict[str, int] = {}
    lines = []
    for line in (SMALL_SEED / "products.jsonl").read_text(encoding="utf-8").splitlines():
        sub = json.loads(line)["subcategory"]
        if sub in {"Rice Cookers", "Running Shoes"} and kept.get(sub, 0) < 20:
            kept[sub] = kept.get(sub, 0) + 1
            lines.append(line)
    (seed / "products.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    for name in ("hotels", "destinations"):
        head = (SMALL_SEED / f"{name}.jsonl").read_text(encoding="utf-8").splitlines()[:3]
        (seed / f"{name}.jsonl").write_text("\n".join(head) + "\n", encoding="utf-8")
    with catalogue_query_matcher(tmp_path_factory.mktemp("var"), seed) as matcher:
        yield matcher


def test_real_search_tells_different_products_apart(small_seed_matcher: SameTopResults) -> None:
    cookers = small_seed_matcher.results("rice cooker")
    assert len(cookers) == 5
    assert small_seed_matcher.same_results("rice cooker", "Rice cooker!")
    assert not small_seed_matcher.same_results("rice cooker", "running shoes")
    assert set(cookers).isdisjoint(small_seed_matcher.results("running shoes"))
