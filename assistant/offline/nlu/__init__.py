"""Understanding for the offline engine: what the member wants (intent) and the details they gave (slots).

`NaturalLanguageUnderstanding.parse(text, today)` is pure and deterministic: the same text and date give
the same `Parse`. Vocabulary, exemplars and rules come from `assistant/offline/data/*.yaml` and the
data set's gazetteers.
"""

from __future__ import annotations

import os
import tempfile
import threading
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from assistant.offline.nlu.embedder import EmbedFn, load_embedder
from assistant.offline.nlu.gazetteer import Gazetteer
from assistant.offline.nlu.intents import DEFAULT_METHOD, IntentClassifier, Method
from assistant.offline.nlu.ja import Language, has_japanese, language
from assistant.offline.nlu.lexicon import Lexicon, load_yaml
from assistant.offline.nlu.slots import SlotExtractor, Slots, slots_for_intent
from assistant.offline.nlu.spelling import SpellingCorrector, strings

_CACHE_SIZE = 4096
# The understanding's own files whose words weigh spelling suggestions (nlu/spelling.py).
_VOCABULARY_FILES = ("exemplars.yaml", "exemplars_dev.yaml", "intent_rules.yaml", "references.yaml", "account.yaml")
_FEATURE_DAY = date(2026, 1, 5)  # any fixed day: features only ask whether a date is present


@dataclass(frozen=True)
class Parse:
    intent: str
    confidence: float
    slots: Slots = field(default_factory=dict)
    all_slots: Slots = field(default_factory=dict)  # before the per-intent filter, for follow-ups
    topic: str | None = None  # for `unsupported`: which domain we do not serve (data/out_of_scope.yaml)
    language: Language | None = None  # the message's language by its script; None: no letters ("2")


def _training_exemplars() -> dict[str, list[str]]:
    """`exemplars.yaml` joined with the NLU dev split's utterances (`exemplars_dev.yaml`), duplicates dropped."""
    merged: dict[str, list[str]] = {}
    for name in ("exemplars.yaml", "exemplars_dev.yaml"):
        for intent, texts in (load_yaml(name) or {}).items():
            known = merged.setdefault(intent, [])
            known.extend(t for t in texts if t not in known)
    return merged


def _model_cache_dir(data_dir: Path | None) -> Path:
    """Where the trained intent classifier is cached: the data folder (`var/` by default), else a
    per-user temporary folder (a content-keyed cache, safe to share between runs)."""
    if data_dir is not None:
        return Path(data_dir) / "offline-engine"
    return Path(tempfile.gettempdir()) / f"offline-engine-{os.getuid()}" / "intent-model"


class NaturalLanguageUnderstanding:
    def __init__(
        self,
        seed_dir: Path | None = None,
        *,
        method: Method = DEFAULT_METHOD,
        embed: EmbedFn | None = None,
        data_dir: Path | None = None,
    ) -> None:
        self._cache: dict[tuple[str, date], Parse] = {}
        self._lock = threading.Lock()
        self.seed_dir = seed_dir
        # names from the data (brands, places, models, ...) and the spelling dictionary, built once per engine
        self.gazetteer = Gazetteer.from_seed(seed_dir)
        self.lexicon = Lexicon.load(seed_dir, self.gazetteer)
        self.spelling = SpellingCorrector.build(
            self.gazetteer,
            [load_yaml(name) for name in _VOCABULARY_FILES],
            strings(self.lexicon.raw),
        )
        self.slots = SlotExtractor(self.lexicon)
        self.intent_slots: dict[str, list[str]] = load_yaml("intent_slots.yaml")
        self.classifier = IntentClassifier(
            _training_exemplars(),
            load_yaml("intent_rules.yaml"),
            embed or load_embedder(data_dir),
            method,
            slot_features=self._slot_features,
            out_of_scope=load_yaml("out_of_scope.yaml"),
            cache_dir=_model_cache_dir(data_dir),
        )
        self._japanese: IntentClassifier | None = None

    @property
    def japanese(self) -> IntentClassifier:
        """The Japanese intent classifier (nlu/ja/intents.py), built on the first Japanese message."""
        with self._lock:
            if self._japanese is None:
                from assistant.offline.nlu.ja import intents as ja_intents

                self._japanese = ja_intents.build(
                    _training_exemplars(),
                    load_yaml("intent_rules.yaml"),
                    self._slot_features,
                    load_yaml("out_of_scope.yaml"),
                )
            return self._japanese

    def _slot_features(self, text: str) -> list[float]:
        """Which kinds of detail an utterance carries: a date and a city say "hotel" whatever the words."""
        found = self.slots.extract(text, _FEATURE_DAY)
        ref = str(found.get("ref", ""))
        ident = str(found.get("id", ""))
        return [
            1.0 if any(k in found for k in ("place",)) else 0.0,
            1.0 if any(k in found for k in ("check_in", "nights")) else 0.0,
            1.0 if any(k in found for k in ("adults", "children")) else 0.0,
            1.0 if any(k in found for k in ("price_min", "price_max")) else 0.0,
            1.0 if "," in ref else 0.0,
            1.0 if ref and "," not in ref else 0.0,
            1.0 if ident.startswith("P") else 0.0,
            1.0 if ident.startswith("H") else 0.0,
            1.0 if ident.startswith("B") else 0.0,
            1.0 if "points" in found else 0.0,
            1.0 if any(k in found for k in ("data_gb", "calls", "data_use")) else 0.0,
            1.0 if any(k in found for k in ("month", "climate", "activities")) else 0.0,
            1.0 if "amenities" in found else 0.0,
            1.0 if "brand" in found else 0.0,
            1.0 if "pref" in found else 0.0,
            min(len(str(found.get("query", "")).split()), 4) / 4,
            1.0 if len(text.split()) <= 3 else 0.0,
        ]

    def parse(self, text: str, today: date) -> Parse:
        """Pure in (text, today), so earlier turns re-read on every call come from a small cache."""
        key = (text, today)
        cached = self._cache.get(key)
        if cached is not None:
            return cached
        lang = language(text)
        text = self.reading(text)
        guess = (self.japanese if lang == "ja" else self.classifier).classify(text)
        found = self.slots.extract(text, today)
        parse = Parse(
            guess.intent,
            guess.confidence,
            slots_for_intent(guess.intent, found, self.intent_slots),
            found,
            guess.topic,
            lang,
        )
        with self._lock:
            if len(self._cache) >= _CACHE_SIZE:
                self._cache.pop(next(iter(self._cache)))
            self._cache[key] = parse
        return parse

    def reading(self, text: str) -> str:
        """The member's words with typos corrected against the data's vocabulary (Japanese untouched)."""
        return text if has_japanese(text) else self.spelling.correct(text)

    def extract(self, text: str, today: date) -> Any:
        return self.slots.extract(self.reading(text), today)


__all__ = ["NaturalLanguageUnderstanding", "Parse"]
