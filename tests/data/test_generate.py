"""The generator is deterministic and the committed seed output is exactly what it produces."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest

from data.generate import FILES, SizeError, generate, parse_size
from data.loader import DataSetError, iter_hotels, iter_products, load_dataset, read_manifest


def _bytes(folder: Path) -> dict[str, bytes]:
    return {name: (folder / name).read_bytes() for name in (*FILES, "manifest.json")}


def test_same_seed_same_bytes_and_matches_committed_output(tmp_path: Path, small_dir: Path) -> None:
    first, second = generate(tmp_path / "a", "small", 42), generate(tmp_path / "b", "small", 42)
    assert first.counts == second.counts
    produced = _bytes(tmp_path / "a")
    assert produced == _bytes(tmp_path / "b")
    committed = _bytes(small_dir)
    stale = sorted(name for name in produced if produced[name] != committed[name])
    assert not stale, f"data/generated/small is stale ({stale}): run `python -m data.generate --size small`"


def test_manifest_records_counts_and_hashes(small_dir: Path) -> None:
    manifest = read_manifest(small_dir)
    assert manifest["seed"] == 42 and manifest["size"] == "small"
    assert manifest["counts"]["products"] == 3000 and manifest["counts"]["hotels"] == 300
    assert manifest["counts"]["destinations"] == 60 and manifest["counts"]["members"] == 50
    for name, entry in manifest["files"].items():
        assert hashlib.sha256((small_dir / name).read_bytes()).hexdigest() == entry["sha256"], name
    assert sum(e["bytes"] for e in manifest["files"].values()) < 8_000_000


def test_other_seed_differs_and_bigger_size_extends_products(tmp_path: Path, small_dir: Path) -> None:
    generate(tmp_path / "s7", 200, 7)
    generate(tmp_path / "s42", 3200, 42)
    other = (tmp_path / "s7" / "products.jsonl").read_text(encoding="utf-8").splitlines()
    bigger = (tmp_path / "s42" / "products.jsonl").read_text(encoding="utf-8").splitlines()
    committed = (small_dir / "products.jsonl").read_text(encoding="utf-8").splitlines()
    assert other != committed[:200]
    assert bigger[:3000] == committed  # adding products never reshuffles the existing ones
    assert (tmp_path / "s42" / "hotels.jsonl").read_bytes() == (small_dir / "hotels.jsonl").read_bytes()


@pytest.mark.parametrize("size", ["tiny", "0", "-5", "3.5", "99999999"])
def test_bad_size_is_a_clear_error(size: str) -> None:
    with pytest.raises(SizeError, match="size must be one of small, medium, large"):
        parse_size(size)


def test_named_and_numeric_sizes() -> None:
    assert parse_size("small") == ("small", 3000)
    assert parse_size("LARGE") == ("large", 100_000)
    assert parse_size("25,000") == ("25000", 25_000)


def test_loader_names_the_bad_file_and_line(tmp_path: Path) -> None:
    generate(tmp_path, 20, 42)
    lines = (tmp_path / "products.jsonl").read_text(encoding="utf-8").splitlines()
    row = json.loads(lines[4])
    row["price_jpy"] = -1
    lines[4] = json.dumps(row)
    (tmp_path / "products.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(DataSetError, match=r"products.jsonl:5: not a valid Product"):
        load_dataset(tmp_path)
    (tmp_path / "hotels.jsonl").unlink()
    with pytest.raises(DataSetError, match=r"hotels\.jsonl is missing"):
        list(iter_hotels(tmp_path))


def test_iter_products_streams_validated_models(small_dir: Path) -> None:
    first = next(iter_products(small_dir))
    assert first.id == "P000001" and first.price_jpy > 0


def test_cli_command_writes_a_data_set(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from assistant.cli import app

    result = CliRunner().invoke(app, ["generate-data", "--size", "50", "--seed", "3", "--out", str(tmp_path)])
    assert result.exit_code == 0, result.output
    assert "products.jsonl" in result.output
    assert read_manifest(tmp_path)["counts"]["products"] == 50
    bad = CliRunner().invoke(app, ["generate-data", "--size", "lots", "--out", str(tmp_path / "x")])
    assert bad.exit_code != 0 and not (tmp_path / "x").exists()
