"""Scores intent and slot predictions against `eval/nlu/utterances.yaml`.

Slots are compared as (name, value) pairs: precision over predicted pairs, recall over gold pairs. Lists
compare as sets, numbers as numbers, and the free-text product `query` counts as a match when the word
sets overlap by a Jaccard index of at least 0.6 (a query is a bag of words for search; exact wording is
not what matters). Everything else must be equal.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

import yaml

UTTERANCES = Path(__file__).resolve().parent / "utterances.yaml"
QUERY_JACCARD = 0.6


@dataclass(frozen=True)
class Labelled:
    text: str
    intent: str
    slots: dict[str, Any]


def load_utterances(path: Path = UTTERANCES) -> tuple[date, list[Labelled]]:
    raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    today = raw["today"] if isinstance(raw["today"], date) else date.fromisoformat(str(raw["today"]))
    items = [Labelled(str(u["text"]), str(u["intent"]), dict(u.get("slots") or {})) for u in raw["utterances"]]
    return today, items


def _canon(name: str, value: Any) -> Any:
    if isinstance(value, list):
        return tuple(sorted(str(v) for v in value))
    if isinstance(value, bool):
        return value
    if isinstance(value, int | float):
        return float(value)
    if name == "query":
        return frozenset(str(value).lower().split())
    return str(value)


def slot_matches(name: str, gold: Any, predicted: Any) -> bool:
    g, p = _canon(name, gold), _canon(name, predicted)
    if name == "query" and isinstance(g, frozenset) and isinstance(p, frozenset):
        union = g | p
        return bool(union) and len(g & p) / len(union) >= QUERY_JACCARD
    return bool(g == p)


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
    by_slot: dict[str, dict[str, float | int]]
    errors: list[dict[str, Any]] = field(default_factory=list)


def _ratio(a: int, b: int) -> float:
    return round(a / b, 4) if b else 1.0


def _prf(tp: int, fp: int, fn: int) -> dict[str, float]:
    p = tp / (tp + fp) if tp + fp else 1.0
    r = tp / (tp + fn) if tp + fn else 1.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"slot_precision": round(p, 4), "slot_recall": round(r, 4), "slot_f1": round(f, 4)}


Predict = Callable[[str, date], tuple[str, dict[str, Any]]]


def score(predict: Predict, path: Path = UTTERANCES) -> NluScore:
    """Run `predict(text, today) -> (intent, slots)` over the labelled set and score it."""
    today, items = load_utterances(path)
    per_intent: dict[str, IntentStats] = defaultdict(IntentStats)
    per_slot: dict[str, IntentStats] = defaultdict(IntentStats)
    tp = fp = fn = correct = 0
    errors: list[dict[str, Any]] = []
    for item in items:
        intent, slots = predict(item.text, today)
        stats = per_intent[item.intent]
        stats.total += 1
        ok_intent = intent == item.intent
        correct += ok_intent
        stats.correct += ok_intent
        wrong: list[str] = []
        for name, gold in item.slots.items():
            if name in slots and slot_matches(name, gold, slots[name]):
                tp += 1
                stats.tp += 1
                per_slot[name].tp += 1
            else:
                fn += 1
                stats.fn += 1
                per_slot[name].fn += 1
                wrong.append(f"-{name}={gold!r}")
                if name in slots:
                    fp += 1
                    stats.fp += 1
                    per_slot[name].fp += 1
                    wrong.append(f"+{name}={slots[name]!r}")
        for name, value in slots.items():
            if name not in item.slots:
                fp += 1
                stats.fp += 1
                per_slot[name].fp += 1
                wrong.append(f"+{name}={value!r}")
        if not ok_intent or wrong:
            errors.append({"text": item.text, "gold": item.intent, "predicted": intent, "slots": wrong})
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
