"""The sentence embedder the English intent classifier uses: the project's bundled MiniLM (see DESIGN.md).

It is named explicitly, not the search default (the multilingual USE since issue 16): the English classifier was
tuned and measured on MiniLM vectors, and with and without a data folder it must be the same model (the
Japanese classifier has its own multilingual embedder). With a data
folder the exemplar vectors go through its disk cache (a second start embeds nothing). Single utterances
skip the cache (they are mostly unique). Nothing is ever downloaded.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable, Sequence
from functools import lru_cache
from pathlib import Path

import numpy as np

EmbedFn = Callable[[Sequence[str]], np.ndarray]


@lru_cache(maxsize=4)
def load_embedder(data_dir: Path | None = None) -> EmbedFn:
    """A function mapping texts to an (n, 384) array of unit vectors."""
    from retrieval.embeddings import DenseEmbedder, open_embedder

    if data_dir is not None:
        cached = open_embedder(Path(data_dir), model="minilm", threads=1)

        def embed(texts: Sequence[str]) -> np.ndarray:
            if len(texts) == 1:
                return np.asarray(cached.embed_query(texts[0]), dtype=np.float32)[None, :]
            return np.asarray(cached.embed(list(texts)), dtype=np.float32)

        return embed
    folder = Path(tempfile.gettempdir()) / f"offline-engine-{os.getuid()}"
    plain = DenseEmbedder(folder, threads=1)

    def embed_plain(texts: Sequence[str]) -> np.ndarray:
        return np.asarray(plain.embed(list(texts)), dtype=np.float32)

    return embed_plain
