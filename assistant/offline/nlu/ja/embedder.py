"""The multilingual sentence embedder behind Japanese intents: retrieval's USE adapter, through its seam.

Why this model: issue 16 measured Universal Sentence Encoder multilingual v3 at 0.95 Japanese hit@1
against 0.15 for the English MiniLM, and a classifier trained on English exemplars carried over to Japanese
with it. Why through `retrieval.embeddings.load_model`: one adapter per backend (`retrieval.use_embedder`),
which checks the sha256 of both resource files at load, so there is no second loader to drift from the one
the search index uses; nothing is downloaded. One BLAS thread: utterances are short and cores are shared.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path

import numpy as np

from assistant.offline.nlu.embedder import EmbedFn

MODEL = "use-multilingual"


@lru_cache(maxsize=1)
def load_multilingual() -> EmbedFn:
    """A function mapping texts to an (n, 512) float32 array of unit vectors."""
    from retrieval.embeddings import load_model

    # The USE adapter keeps no files; the folder is only the seam's argument (MiniLM's adapter needs one).
    model = load_model(Path(tempfile.gettempdir()) / f"offline-engine-{os.getuid()}", MODEL, threads=1)

    def embed(texts: Sequence[str]) -> np.ndarray:
        return np.asarray(model.embed(list(texts)), dtype=np.float32).reshape(len(texts), -1)

    return embed
