"""Scores intent and slot predictions against a labelled split of `eval/nlu/` (`dev.yaml` or `test.yaml`).

Slots are compared as (name, value) pairs: precision over predicted pairs, recall over gold pairs. Every
value is normalised the same way before an exact comparison (casefold, Unicode NFKC, spaces collapsed,
surrounding punctuation stripped; numbers as numbers, so "2" equals 2; lists as sets; dates as ISO text).
Exact match is the rule because a partial-overlap rule (the former word-set Jaccard 0.6) counted
"rice cooker fancy" as the member's "rice cooker" and so inflated slot F1.

The free-text product `query` is the one exception, and only in the member's favour when it is provably
harmless: a predicted query also counts when the catalogue's own search returns the same top results for
it as for the gold query (see `eval.nlu.query_match`). Word order or a dropped filler word that changes
nothing the member would see is not an error; a stray word that changes the results is.
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from collections.abc import Callable, Hashable
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any, Protocol

import yaml

HERE = Path(__file__).resolve().parent
DEV = HERE / "dev.yaml"
TEST = HERE / "test.yaml"
TEST_JA = HERE / "test_ja.yaml"  # the Japanese TEST split (issue 16), never tuned on
TEST2 = HERE / "test2.yaml"  # a second English TEST split, written blind (issue 15's patterns), never tuned on

_SPACES = re.compile(r"\s+")
_NUMBER = re.compile(r"[-+]?\d+(\.\d+)?")
# Punctuation a member (or an extractor) leaves around a value without meaning anything by it.
_EDGE_PUNCTUATION = " \t\n\"'`.,;:!?()[]{}<>«»“”‘’、。！？・"


class QueryMatcher(Protocol):
    """Whether two product queries are the same search for the member (same results on top)."""

    def same_results(self, gold: str, predicted: str) -> bool: ...


@dataclass(frozen=True)
class Labelled:
    text: str
    intent: str
    slots: dict[str, Any]


def load_utterances(path: Path = DEV) -> tuple[date, list[Labelled]]:
    raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    today = raw["today"] if isinstance(raw["today"], date) else date.fromisoformat(str(raw["today"]))
    items = [Labelled(str(u["text"]), str(u["intent"]), dict(u.get("slots") or {})) for u in raw["utterances"]]
    return today, items


def normalise_text(text: str) -> str:
    """NFKC (full-width digits and ¥ become ASCII), casefold, one space between words, no edge punctuation."""
    folded = unicodedata.normalize("NFKC", text).casefold()
    return _SPACES.sub(" ", folded).strip(_EDGE_PUNCTUATION)


def canonical(value: Any) -> Hashable:
    """The comparable form of a slot value."""
    if isinstance(value, bool):
        return value
    if isinstance(value, int | float):
        return float(value)
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, list | tuple | set | frozenset):
        return frozenset(canonical(v) for v in value)
    text = normalise_text(str(value))
    if _NUMBER.fullmatch(text):
        return float(text)
    return text


def slot_matches(name: str, gold: Any, predicted: Any, query_matcher: QueryMatcher | None = None) -> bool:
    if canonical(gold) == canonical(predicted):
        return True
    if name == "query" and query_matcher is not None and isinstance(gold, str) and isinstance(predicted, str):
        return query_matcher.same_results(gold, predicted)
    return False


@dataclass
class IntentStats:
    total: int = 0
    correct: int = 0
    tp: int = 0
    fp: int = 0
    fn: int = 0

    def as_dict(self) -> dict[str, float | int]:
        return {"n": self.total, "accuracy": _ratio(self.correct, self.total), **_prf(self.tp, self.fp, self.fn)}


@dataclass
class NluScore:
    utterances: int
    intent_accuracy: float
    slot_precision: float
    slot_recall: float
    slot_f1: float
    by_intent: dict[str, dict[str, float | int]]
    by_slot: dict[str, dict[str, float]]
    errors: list[dict[str, Any]] = field(default_factory=list)


def _ratio(a: int, b: int) -> float:
    return round(a / b, 4) if b else 1.0


def _prf(tp: int, fp: int, fn: int) -> dict[str, float]:
    p = tp / (tp + fp) if tp + fp else 1.0
    r = tp / (tp + fn) if tp + fn else 1.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"slot_precision": round(p, 4), "slot_recall": round(r, 4), "slot_f1": round(f, 4)}


Predict = Callable[[str, date], tuple[str, dict[str, Any]]]


def score(predict: Predict, path: Path = DEV, query_matcher: QueryMatcher | None = None) -> NluScore:
    """Run `predict(text, today) -> (intent, slots)` over the labelled split and score it."""
    today, items = load_utterances(path)
    return score_items(predict, today, items, query_matcher)


def score_items(
    predict: Predict, today: date, items: list[Labelled], query_matcher: QueryMatcher | None = None
) -> NluScore:
    per_intent: dict[str, IntentStats] = defaultdict(IntentStats)
    per_slot: dict[str, IntentStats] = defaultdict(IntentStats)
    correct = 0
    errors: list[dict[str, Any]] = []
    for item in items:
        intent, slots = predict(item.text, today)
        stats = per_intent[item.intent]
        stats.total += 1
        ok_intent = intent == item.intent
        correct += ok_intent
        stats.correct += ok_intent
        wrong: list[str] = []
        for name in sorted(set(item.slots) | set(slots)):
            in_gold, in_pred = name in item.slots, name in slots
            hit = in_gold and in_pred and slot_matches(name, item.slots[name], slots[name], query_matcher)
            for counter in (stats, per_slot[name]):
                counter.tp += hit
                counter.fn += in_gold and not hit
                counter.fp += in_pred and not hit
            if in_gold and not hit:
                wrong.append(f"-{name}={item.slots[name]!r}")
            if in_pred and not hit:
                wrong.append(f"+{name}={slots[name]!r}")
        if not ok_intent or wrong:
            errors.append({"text": item.text, "gold": item.intent, "predicted": intent, "slots": wrong})
    tp = sum(s.tp for s in per_slot.values())
    fp = sum(s.fp for s in per_slot.values())
    fn = sum(s.fn for s in per_slot.values())
    prf = _prf(tp, fp, fn)
    return NluScore(
        utterances=len(items),
        intent_accuracy=_ratio(correct, len(items)),
        slot_precision=prf["slot_precision"],
        slot_recall=prf["slot_recall"],
        slot_f1=prf["slot_f1"],
        by_intent={k: v.as_dict() for k, v in sorted(per_intent.items())},
        by_slot={k: _prf(v.tp, v.fp, v.fn) for k, v in sorted(per_slot.items())},
        errors=errors,
    )
