"""A disk cache of the trained intent classifier, so the engine starts in seconds instead of a minute.

Training embeds every exemplar (about 1,300 MiniLM passes) and fits a calibrated SVM (three folds of
sigmoid calibration): about a minute on 2 cores, paid by every process that builds the engine with an
empty embedding cache (a fresh data folder, each eval worker, each test session). The result depends
only on what trains it, so it is stored under a SHA-256 of exactly that: the exemplar texts and labels,
their keyword/slot features (which carry the seed's gazetteers), the model settings, the scikit-learn
version, and the embedder's vector for a fixed probe sentence (another embedding model, another key).
Anything else changed trains afresh. The cache is local state like the search index (`var/`); a file
that fails to load is ignored and rewritten.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np
import sklearn  # type: ignore[import-untyped]

PROBE = "a probe sentence that fingerprints the embedding model"
_FORMAT = 1


def cache_key(
    texts: Sequence[str], labels: Sequence[str], keywords: np.ndarray, settings: Any, probe: np.ndarray
) -> str:
    h = hashlib.sha256()
    for part in (str(_FORMAT), sklearn.__version__, repr(settings), "\x1f".join(texts), "\x1f".join(labels)):
        h.update(part.encode("utf-8"))
        h.update(b"\x1e")
    h.update(np.ascontiguousarray(keywords, dtype=np.float32).tobytes())
    h.update(np.round(np.asarray(probe, dtype=np.float64), 4).tobytes())
    return h.hexdigest()


def load(folder: Path, key: str) -> dict[str, Any] | None:
    path = folder / f"intent-{key[:32]}.pkl"
    try:
        with path.open("rb") as f:
            payload = pickle.load(f)  # our own file in the data folder, found by its key
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError, ValueError):
        return None
    return payload if isinstance(payload, dict) and payload.get("key") == key else None


def save(folder: Path, key: str, payload: dict[str, Any]) -> None:
    """Written atomically (a parallel worker reads a whole file or none); a failure only costs speed."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=folder, suffix=".tmp")
        with os.fdopen(fd, "wb") as f:
            pickle.dump({**payload, "key": key}, f, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, folder / f"intent-{key[:32]}.pkl")
    except OSError:
        return
