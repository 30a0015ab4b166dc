"""The trained intent classifier is cached on disk by a hash of what trains it (model_cache.py): a second
build with the same material embeds no exemplar and classifies the same; other material trains afresh."""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from pathlib import Path

import numpy as np

from assistant.offline.nlu.intents import IntentClassifier

EXEMPLARS = {
    "search_hotels": ["a hotel in kyoto", "somewhere to stay in osaka", "rooms in naha next week", "hotel for 2"],
    "points_balance": ["how many points do i have", "my points balance", "points left?", "what is my balance"],
    "unsupported": ["write me a poem", "solve this equation", "tell me a joke", "what's the weather on mars"],
}


class CountingEmbedder:
    """A deterministic stand-in for MiniLM (a hash per word), counting the texts it embeds."""

    def __init__(self) -> None:
        self.texts = 0

    def __call__(self, texts: Sequence[str]) -> np.ndarray:
        self.texts += len(texts)
        out = np.zeros((len(texts), 32), dtype=np.float32)
        for i, text in enumerate(texts):
            for word in text.split():
                out[i, int(hashlib.sha256(word.encode()).hexdigest(), 16) % 32] += 1.0
        return out / np.maximum(np.linalg.norm(out, axis=1, keepdims=True), 1e-6)


def test_a_second_build_loads_the_trained_model(tmp_path: Path) -> None:
    first_embed = CountingEmbedder()
    first = IntentClassifier(EXEMPLARS, {}, first_embed, "svm", cache_dir=tmp_path)
    assert first_embed.texts > 10
    assert list(tmp_path.glob("intent-*.pkl"))

    again_embed = CountingEmbedder()
    again = IntentClassifier(EXEMPLARS, {}, again_embed, "svm", cache_dir=tmp_path)
    assert again_embed.texts == 1, "only the probe sentence that fingerprints the embedder"
    for text in ("a room in kobe", "points balance please", "compose a haiku"):
        assert again.classify(text).intent == first.classify(text).intent


def test_other_material_trains_afresh(tmp_path: Path) -> None:
    IntentClassifier(EXEMPLARS, {}, CountingEmbedder(), "svm", cache_dir=tmp_path)
    more = {**EXEMPLARS, "points_balance": [*EXEMPLARS["points_balance"], "points total"]}
    embed = CountingEmbedder()
    IntentClassifier(more, {}, embed, "svm", cache_dir=tmp_path)
    assert embed.texts > 10
    assert len(list(tmp_path.glob("intent-*.pkl"))) == 2
