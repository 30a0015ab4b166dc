"""Read a generated data set back, validated against `data.schema`.

`load_dataset` holds everything in memory (fine up to ~10k products); `iter_products` streams one product
at a time for the 100k+ benchmark sizes. A missing or malformed file raises `DataSetError` naming the file
and line, so an operator knows what to regenerate.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from data.schema import (
    Campaign,
    DataSet,
    Destination,
    Hotel,
    Member,
    MobilePlan,
    PointsRules,
    Product,
    Shop,
)

SMALL_DIR = Path(__file__).resolve().parent / "generated" / "small"
M = TypeVar("M", bound=BaseModel)


class DataSetError(ValueError):
    """A data-set folder is missing a file or holds a row that does not match the schema."""


def _path(folder: Path, name: str) -> Path:
    path = Path(folder) / name
    if not path.is_file():
        raise DataSetError(f"{path} is missing: regenerate with `python -m data.generate --out {folder}`")
    return path


def iter_jsonl(folder: Path, name: str, model: type[M]) -> Iterator[M]:
    """Stream one `.jsonl` file of the data set as validated models."""
    path = _path(folder, name)
    with path.open(encoding="utf-8") as fh:
        for line_no, line in enumerate(fh, start=1):
            if not line.strip():
                continue
            try:
                yield model.model_validate_json(line)
            except ValidationError as exc:
                raise DataSetError(f"{path}:{line_no}: not a valid {model.__name__}: {exc}") from exc


def iter_products(folder: Path = SMALL_DIR) -> Iterator[Product]:
    """The products of a data set, one at a time (constant memory at any size)."""
    return iter_jsonl(folder, "products.jsonl", Product)


def iter_hotels(folder: Path = SMALL_DIR) -> Iterator[Hotel]:
    return iter_jsonl(folder, "hotels.jsonl", Hotel)


def iter_destinations(folder: Path = SMALL_DIR) -> Iterator[Destination]:
    return iter_jsonl(folder, "destinations.jsonl", Destination)


def read_manifest(folder: Path = SMALL_DIR) -> dict[str, Any]:
    """The manifest: seed, size, counts and sha256 per file."""
    manifest: dict[str, Any] = json.loads(_path(folder, "manifest.json").read_text(encoding="utf-8"))
    return manifest


def load_dataset(folder: Path = SMALL_DIR) -> DataSet:
    """Everything in one validated `DataSet`."""
    folder = Path(folder)
    manifest = read_manifest(folder)
    try:
        rules = PointsRules.model_validate_json(_path(folder, "points_rules.json").read_text(encoding="utf-8"))
    except ValidationError as exc:
        raise DataSetError(f"{folder / 'points_rules.json'}: not valid PointsRules: {exc}") from exc
    return DataSet(
        seed=manifest["seed"],
        size=manifest["size"],
        members=list(iter_jsonl(folder, "members.jsonl", Member)),
        shops=list(iter_jsonl(folder, "shops.jsonl", Shop)),
        products=list(iter_products(folder)),
        hotels=list(iter_hotels(folder)),
        destinations=list(iter_destinations(folder)),
        mobile_plans=list(iter_jsonl(folder, "mobile_plans.jsonl", MobilePlan)),
        campaigns=list(iter_jsonl(folder, "campaigns.jsonl", Campaign)),
        points_rules=rules,
    )
