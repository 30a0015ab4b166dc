"""The search index at start-up: missing -> built; damaged -> moved aside and rebuilt (or, when the operator
asked for no automatic rebuild, a clear error that says what to run). Never a crash half-way through."""

from __future__ import annotations

from pathlib import Path

import pytest

import retrieval
from retrieval import IndexUnavailable
from tests.security.world import world, write_seed_folder


@pytest.fixture(scope="module")
def seed_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The security world as a seed folder (two products, two hotels, no destination guides)."""
    folder = tmp_path_factory.mktemp("seed")
    return write_seed_folder(folder, world())


@pytest.fixture(scope="module")
def data_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("var")  # shared: the embedding cache makes rebuilds cheap


def open_index(tmp: Path, seed_dir: Path, data_dir: Path, **kwargs: object) -> retrieval.SearchIndex:
    return retrieval.build_or_load_index("edge", index_dir=tmp / "index", data_dir=data_dir, seed_dir=seed_dir,
                                         **kwargs)  # type: ignore[arg-type]


def damage(index_dir: Path) -> None:
    (index_dir / "products" / "edge_config.json").write_text("{not json")
    for part in (index_dir / "hotels").rglob("*.dat"):
        part.write_bytes(b"\x00garbage")


def test_missing_index_is_built_at_start(tmp_path: Path, seed_dir: Path, data_dir: Path) -> None:
    index = open_index(tmp_path, seed_dir, data_dir)
    try:
        assert index.count("products") == 2 and index.count("hotels") == 2
    finally:
        index.close()


def test_damaged_index_is_moved_aside_and_rebuilt(tmp_path: Path, seed_dir: Path, data_dir: Path) -> None:
    open_index(tmp_path, seed_dir, data_dir).close()
    damage(tmp_path / "index")
    index = open_index(tmp_path, seed_dir, data_dir)
    try:
        assert index.count("products") == 2 and index.count("hotels") == 2
    finally:
        index.close()
    aside = [p.name for p in tmp_path.iterdir() if p.name.startswith("index.corrupt-")]
    assert len(aside) == 1, "the damaged index is kept for inspection, not deleted"


def test_damaged_index_without_automatic_rebuild_is_a_clear_error(tmp_path: Path, seed_dir: Path,
                                                                  data_dir: Path) -> None:
    open_index(tmp_path, seed_dir, data_dir).close()
    damage(tmp_path / "index")
    with pytest.raises(IndexUnavailable, match="rebuild"):
        open_index(tmp_path, seed_dir, data_dir, rebuild_corrupt=False)
