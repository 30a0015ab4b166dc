"""`assistant ingest` and app start-up: first run builds with a progress bar, a re-run embeds nothing,
products removed from the data set disappear from results, and a broken index is rebuilt, not trusted."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from assistant.cli import app
from retrieval import build_or_load_index, open_index
from retrieval.embeddings import open_embedder
from retrieval.retriever import Retriever
from tests.retrieval.catalogue import make_destinations, make_hotels, make_products

PRODUCTS = make_products(80)


def _write_seed(folder: Path, products: list) -> Path:  # type: ignore[type-arg]
    folder.mkdir(parents=True, exist_ok=True)
    for name, rows in (("products", products), ("hotels", make_hotels(8)), ("destinations", make_destinations())):
        (folder / f"{name}.jsonl").write_text("".join(r.model_dump_json() + "\n" for r in rows))
    return folder


@pytest.fixture
def env(warm_data_dir: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    data_dir = warm_data_dir
    monkeypatch.setenv("ASSISTANT_DATA_DIR", str(data_dir))
    monkeypatch.delenv("QDRANT_URL", raising=False)
    monkeypatch.delenv("ASSISTANT_INDEX", raising=False)
    return data_dir


def _ingest(*args: str) -> str:
    result = CliRunner().invoke(app, ["ingest", *args])
    assert result.exit_code == 0, result.output
    return result.output


def test_ingest_builds_then_reruns_without_embedding(env: Path, tmp_path: Path) -> None:
    seed = _write_seed(tmp_path / "seed", PRODUCTS)
    first = _ingest("--seed-dir", str(seed))
    assert "products" in first and "80/80" in first  # the progress bar, rendered
    assert (env / "index" / "products" / "collection.json").exists()

    second = _ingest("--seed-dir", str(seed))
    assert "index already up to date: nothing embedded, nothing changed" in second

    # a product removed from the data set is deleted from the index
    gone = PRODUCTS[17]
    _write_seed(seed, [p for p in PRODUCTS if p.id != gone.id])
    third = _ingest("--seed-dir", str(seed))
    assert "nothing embedded" in third  # deleting embeds nothing either
    index = open_index("edge", env / "index", create=False)
    embedder = open_embedder(env)
    try:
        assert index.count("products") == 79
        hits = Retriever(index, embedder).search("products", gone.model_number, limit=5)
        assert gone.id not in {h.id for h in hits}
    finally:
        index.close()


def test_start_up_builds_once_then_loads(tmp_path: Path, warm_data_dir: Path) -> None:
    seed = _write_seed(tmp_path / "seed", PRODUCTS[:30])
    data_dir = warm_data_dir
    kwargs = {"index_dir": data_dir / "index", "data_dir": data_dir, "seed_dir": seed}
    index = build_or_load_index("edge", **kwargs)  # type: ignore[arg-type]
    assert index.count("products") == 30
    index.close()
    index = build_or_load_index("edge", **kwargs)  # type: ignore[arg-type]
    assert index.count("hotels") == 8
    index.close()

    # a corrupt shard (every file but our marker overwritten) is moved aside and rebuilt
    for f in (data_dir / "index" / "hotels").rglob("*"):
        if f.is_file() and f.name != "collection.json":
            f.write_bytes(b"garbage")
    index = build_or_load_index("edge", **kwargs)  # type: ignore[arg-type]
    try:
        assert index.count("hotels") == 8 and index.count("products") == 30
        assert any(p.name.startswith("index.corrupt-") for p in data_dir.iterdir())
    finally:
        index.close()
