"""The Japanese intent classifier: the same SVM design as English over the multilingual embedding.

Why a second classifier and not one for both: English keeps its measured model and figures unchanged,
and the Japanese one can read the original words (embedding and character n-grams) beside their English
gloss (rules and keyword features). It trains on the Japanese exemplars and the English ones (the
multilingual embedding carries the English meaning over), and is built on the first Japanese message.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import yaml

from assistant.offline.nlu.intents import IntentClassifier
from assistant.offline.nlu.ja.embedder import load_multilingual
from assistant.offline.nlu.ja.gloss import gloss, nfkc
from assistant.offline.nlu.ja.lang import has_japanese
from assistant.offline.nlu.slots import normalise

EXEMPLARS = Path(__file__).resolve().parents[2] / "data" / "ja" / "exemplars_ja.yaml"


def view(text: str) -> str:
    """What the embedding and the n-grams read: the original words, then their English gloss."""
    t = nfkc(text)
    if not has_japanese(t):
        return normalise(text)
    return f"{t} {gloss(text)}"


def japanese_exemplars(path: Path = EXEMPLARS) -> dict[str, list[str]]:
    raw: dict[str, list[str]] = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    return {intent: [str(t) for t in texts] for intent, texts in raw.items()}


def build(
    english: dict[str, list[str]],
    rules: dict[str, Any],
    slot_features: Callable[[str], list[float]],
    out_of_scope: dict[str, list[str]],
    japanese: dict[str, list[str]] | None = None,
) -> IntentClassifier:
    merged = {intent: list(texts) for intent, texts in english.items()}
    for intent, texts in (japanese if japanese is not None else japanese_exemplars()).items():
        merged.setdefault(intent, []).extend(t for t in texts if t not in merged[intent])
    return IntentClassifier(
        merged,
        rules,
        load_multilingual(),
        "svm",
        slot_features=slot_features,
        out_of_scope=out_of_scope,
        view=view,
    )
