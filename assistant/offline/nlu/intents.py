"""Intent classification: high-precision rules first, then a classifier built at load time from exemplars.

Three classifiers are available and measured by `bench/offline.py` and `bench/intent_select.py`:
- `nearest`: cosine similarity of the utterance embedding to each intent's exemplars (best match wins),
  plus the small keyword boosts from `intent_rules.yaml`;
- `logreg`: a multinomial logistic regression (numpy, a few hundred gradient steps, seeded) over the
  embedding and keyword features, trained on the exemplars;
- `svm`: a linear SVM over the embedding, down-weighted keyword features and word + character n-grams,
  with a calibrated probability (`intent_model.py`).
The engine uses whichever `DEFAULT_METHOD` names, chosen from those measurements on tuning material only.
The exemplars are `exemplars.yaml`, `out_of_scope.yaml` (the `unsupported` class, by domain) and
`exemplars_dev.yaml` (the NLU dev split, copied by `python -m bench.intent_select --write-dev`).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

import numpy as np

from assistant.offline.nlu import model_cache
from assistant.offline.nlu.embedder import EmbedFn
from assistant.offline.nlu.intent_model import ModelSettings, SvmIntentModel
from assistant.offline.nlu.slots import normalise

Method = Literal["nearest", "logreg", "svm"]
DEFAULT_METHOD: Method = "svm"


@dataclass(frozen=True)
class IntentGuess:
    intent: str
    confidence: float
    by_rule: bool = False
    topic: str | None = None  # for `unsupported`: the out-of-scope domain (data/out_of_scope.yaml)


class IntentClassifier:
    def __init__(
        self,
        exemplars: dict[str, list[str]],
        rules: dict[str, Any],
        embed: EmbedFn,
        method: Method = DEFAULT_METHOD,
        slot_features: Callable[[str], list[float]] | None = None,
        out_of_scope: dict[str, list[str]] | None = None,
        settings: ModelSettings | None = None,
        cache_dir: Path | None = None,
        prepare: Callable[[str], str] = normalise,
        view: Callable[[str], str] | None = None,
    ) -> None:
        """`prepare` gives the text the rules and keyword features read; `view`, when set, the text the
        embedding and the n-grams read (Japanese: the original words beside their English gloss)."""
        self.method = method
        self._prepare = prepare
        self._view = view
        self._slot_features = slot_features
        self._embed = embed
        self._decide = [
            (re.compile(r["pattern"]), str(r["intent"]), r.get("max_words")) for r in rules.get("decide", [])
        ]
        self._unless = [re.compile(r["unless"]) if r.get("unless") else None for r in rules.get("decide", [])]
        self._topics = [r.get("topic") for r in rules.get("decide", [])]
        scope = out_of_scope or {}
        declined = [*exemplars.get("unsupported", []), *(t for texts in scope.values() for t in texts)]
        exemplars = {**exemplars, "unsupported": declined}
        self._scope_names = [name for name, texts in scope.items() for _ in texts]
        self._boost = [(re.compile(r["pattern"]), str(r["intent"]), float(r["weight"])) for r in rules.get("boost", [])]
        self.intents = sorted(exemplars)
        self._index = {name: i for i, name in enumerate(self.intents)}
        originals = [t for name in self.intents for t in exemplars[name]]
        texts = [prepare(t) for t in originals]
        views = [view(t) for t in originals] if view else texts
        self._labels = np.array([self._index[name] for name in self.intents for _ in exemplars[name]])
        self._model: SvmIntentModel | None = None
        if method == "svm":
            self._vectors, self._model = self._trained_svm(texts, views, settings or ModelSettings(), cache_dir)
        else:
            self._vectors = embed(views)
        self._scope_vectors = self._vectors[self._labels == self._index["unsupported"]][-len(self._scope_names) :]
        if method == "logreg":
            self._fit(texts)

    def _trained_svm(
        self, texts: list[str], views: list[str], settings: ModelSettings, cache_dir: Path | None
    ) -> tuple[np.ndarray, SvmIntentModel]:
        """The exemplar vectors and the fitted SVM: from the cache when the same material trained it
        before (model_cache.py), else embedded and fitted now (and stored)."""
        labels = [self.intents[i] for i in self._labels]
        keywords = np.stack([self._keyword_features(t) for t in texts])
        key = None
        if cache_dir is not None:
            key = model_cache.cache_key(views, labels, keywords, settings, self._embed([model_cache.PROBE])[0])
            cached = model_cache.load(cache_dir, key)
            if cached is not None and isinstance(cached.get("model"), SvmIntentModel):
                return np.asarray(cached["vectors"], dtype=np.float32), cached["model"]
        vectors = self._embed(views)
        model = SvmIntentModel(settings)
        model.fit(views, vectors, keywords, labels)
        if cache_dir is not None and key is not None:
            model_cache.save(cache_dir, key, {"vectors": vectors, "model": model})
        return vectors, model

    # -- features ----------------------------------------------------------------------------------------
    def _keyword_features(self, text: str) -> np.ndarray:
        pats = [p for p, _i, _w in self._boost] + [p for p, _i, _m in self._decide]
        kw = [1.0 if p.search(text) else 0.0 for p in pats]
        slots = self._slot_features(text) if self._slot_features else []
        return np.array(kw + slots, dtype=np.float32)

    def _features(self, texts: list[str], vectors: np.ndarray) -> np.ndarray:
        kw = np.stack([self._keyword_features(t) for t in texts]) if texts else np.zeros((0, 0))
        return np.hstack([vectors, kw, np.ones((len(texts), 1), dtype=np.float32)])

    def _fit(self, texts: list[str]) -> None:
        x = self._features(texts, self._vectors)
        n, d = x.shape
        k = len(self.intents)
        y = np.zeros((n, k), dtype=np.float32)
        y[np.arange(n), self._labels] = 1.0
        w = np.zeros((d, k), dtype=np.float32)
        lr, l2 = 2.0, 1e-4
        for _ in range(400):
            z = x @ w
            z -= z.max(axis=1, keepdims=True)
            p = np.exp(z)
            p /= p.sum(axis=1, keepdims=True)
            grad = x.T @ (p - y) / n + l2 * w
            w -= lr * grad
        self._weights = w

    # -- classify ----------------------------------------------------------------------------------------
    def rule(self, text: str) -> str | None:
        found = self._rule(text)
        return found[0] if found else None

    def _rule(self, text: str) -> tuple[str, str | None] | None:
        words = len(text.split())
        for (pattern, intent, max_words), unless, topic in zip(self._decide, self._unless, self._topics, strict=True):
            if (max_words is None or words <= max_words) and pattern.search(text):
                if unless is not None and unless.search(text):
                    continue
                return intent, topic
        return None

    def topic(self, vector: np.ndarray) -> str | None:
        """The out-of-scope domain of the nearest out-of-scope example."""
        if not self._scope_names:
            return None
        return self._scope_names[int(np.argmax(self._scope_vectors @ vector))]

    def scores(self, text: str, vector: np.ndarray | None = None) -> dict[str, float]:
        """Per-intent scores in [0, 1] for an already normalised utterance."""
        v = self._embed([text])[0] if vector is None else vector
        if self._model is not None:
            _best, _p, probs = self._model.predict(text, v, self._keyword_features(text))
            return {name: probs.get(name, 0.0) for name in self.intents}
        if self.method == "nearest":
            sims = self._vectors @ v
            out = np.full(len(self.intents), -1.0)
            for i in range(len(self.intents)):
                out[i] = sims[self._labels == i].max()
            for pattern, intent, weight in self._boost:
                if pattern.search(text):
                    out[self._index[intent]] += weight
        else:
            x = self._features([text], v[None, :])
            z = (x @ self._weights)[0]
            z -= z.max()
            out = np.exp(z) / np.exp(z).sum()
        return {name: float(out[i]) for i, name in enumerate(self.intents)}

    def classify(self, text: str) -> IntentGuess:
        t = self._prepare(text)
        seen = self._view(text) if self._view else t
        ruled = self._rule(t)
        vector = self._embed([seen])[0]
        if ruled:
            intent, topic = ruled
            if intent == "unsupported" and topic is None:
                topic = self.topic(vector)
            return IntentGuess(intent, 1.0, by_rule=True, topic=topic)
        if self._model is not None:
            best, confidence, _probs = self._model.predict(seen, vector, self._keyword_features(t))
        else:
            scores = self.scores(t, vector)
            best = max(scores, key=lambda k: scores[k])
            confidence = scores[best]
        return IntentGuess(best, confidence, topic=self.topic(vector) if best == "unsupported" else None)
