"""An operator's own catalogue: CSV or JSON Lines plus a small TOML field mapping -> validated products.

Every row is validated on its own; a bad row is reported with its line number and the reason and never
stops the load. Nested option / variant objects (JSON) are flattened to dotted paths ("options.color",
"variants.0.size"), which is also how CSV columns may be named, so one mapping style serves both.

This module parses and validates; storing the good rows is the caller's job (the CLI hands them to the
database via `tools.seed.upsert_products` and then to the index), since `retrieval` never imports `tools`.

Mapping file example::

    attribute_prefixes = ["options"]     # every flattened field under these becomes an attribute

    [fields]                             # product field -> column / dotted path in the row
    id = "sku"
    title = "name"
    price_jpy = "price"
    category = "category"
    subcategory = "subcategory"
    brand = "brand"
    model_number = "model"
    description = "description"
    stock = "inventory.quantity"

    [attributes]                         # attribute name -> column / dotted path
    colour = "variant.color"

    [defaults]                           # used where the row has no value
    shop_id = "OPS"
    shop_name = "Operator catalogue"
"""

from __future__ import annotations

import csv
import json
import re
import tomllib
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from data.schema import Product
from retrieval.documents import product_document
from retrieval.ingest import DocumentEmbedder, IngestReport, Progress, sync_collection
from retrieval.search_index import SearchIndex

# Fields the mapping does not have to name: sensible values for an operator's catalogue.
DEFAULTS: dict[str, Any] = {
    "shop_id": "OPERATOR",
    "shop_name": "Operator catalogue",
    "subcategory": "General",
    "brand": "Unbranded",
    "model_number": "",
    "shop_points_multiplier": 1,
    "rating": 0.0,
    "review_count": 0,
    "stock": 0,
    "description": "",
    "free_shipping": False,
    "delivery_days": 3,
    "list_price_jpy": None,
}
REQUIRED = ("id", "title", "price_jpy", "category")
_MONEY_FIELDS = {"price_jpy", "list_price_jpy"}
_MONEY_JUNK = re.compile(r"[,\s¥￥円]|JPY|yen", re.IGNORECASE)


class CatalogueImportError(ValueError):
    """The file or the mapping itself is unusable (not one row: the whole import)."""


class FieldMapping(BaseModel):
    model_config = ConfigDict(extra="forbid")

    fields: dict[str, str] = Field(description="product field -> column or dotted path in the row")
    attributes: dict[str, str] = Field(default_factory=dict, description="attribute name -> column or dotted path")
    attribute_prefixes: list[str] = Field(default_factory=list, description="flattened paths collected as attributes")
    defaults: dict[str, Any] = Field(default_factory=dict, description="values used where a row has none")

    @classmethod
    def from_toml(cls, path: Path) -> FieldMapping:
        try:
            raw = tomllib.loads(Path(path).read_text(encoding="utf-8"))
        except (OSError, tomllib.TOMLDecodeError) as exc:
            raise CatalogueImportError(f"cannot read the mapping {path}: {exc}") from exc
        try:
            mapping = cls.model_validate(raw)
        except ValidationError as exc:
            raise CatalogueImportError(f"mapping {path} is invalid: {exc}") from exc
        known = set(Product.model_fields) - {"reviews", "truth_tags", "attributes"}
        unknown = sorted(set(mapping.fields) - known)
        if unknown:
            raise CatalogueImportError(f"mapping {path} names unknown product fields {unknown}; known: {sorted(known)}")
        missing = [f for f in REQUIRED if f not in mapping.fields]
        if missing:
            raise CatalogueImportError(f"mapping {path} must say which column holds {missing}")
        return mapping


@dataclass(frozen=True, slots=True)
class BadRow:
    line: int
    reason: str
    row_id: str | None = None

    def __str__(self) -> str:
        where = f"line {self.line}" + (f" (id {self.row_id})" if self.row_id else "")
        return f"{where}: {self.reason}"


@dataclass
class ImportResult:
    path: Path
    rows: int = 0
    products: list[Product] = field(default_factory=list)
    bad: list[BadRow] = field(default_factory=list)

    @property
    def good(self) -> int:
        return len(self.products)


def flatten(value: Any, prefix: str = "") -> dict[str, Any]:
    """{'options': {'color': 'red'}, 'variants': [{'size': 'M'}]} -> {'options.color': 'red', 'variants.0.size': 'M'}.

    Lists of plain values become one comma-separated string ("tags": "a, b")."""
    out: dict[str, Any] = {}
    if isinstance(value, Mapping):
        for key, sub in value.items():
            out.update(flatten(sub, f"{prefix}.{key}" if prefix else str(key)))
    elif isinstance(value, list) and any(isinstance(v, Mapping | list) for v in value):
        for i, sub in enumerate(value):
            out.update(flatten(sub, f"{prefix}.{i}" if prefix else str(i)))
    elif isinstance(value, list):
        out[prefix] = ", ".join(str(v) for v in value)
    else:
        out[prefix] = value
    return out


def _rows(path: Path) -> Iterator[tuple[int, dict[str, Any] | None, str | None]]:
    """(line number, flattened row or None, parse error) for each record in a CSV or JSON Lines file."""
    suffix = path.suffix.lower()
    with path.open(encoding="utf-8-sig", newline="") as fh:
        if suffix in (".jsonl", ".ndjson", ".json"):
            for number, line in enumerate(fh, start=1):
                if not line.strip():
                    continue
                try:
                    obj = json.loads(line)
                except json.JSONDecodeError as exc:
                    yield number, None, f"not valid JSON ({exc.msg} at column {exc.colno})"
                    continue
                if not isinstance(obj, dict):
                    yield number, None, f"expected a JSON object, got {type(obj).__name__}"
                    continue
                yield number, flatten(obj), None
        elif suffix in (".csv", ".tsv"):
            reader = csv.reader(fh, delimiter="\t" if suffix == ".tsv" else ",")
            try:
                header = next(reader)
            except StopIteration:
                return
            header = [h.strip() for h in header]
            start = reader.line_num + 1
            for cells in reader:
                row_line, start = start, reader.line_num + 1
                if not any(c.strip() for c in cells):
                    continue
                if len(cells) != len(header):
                    yield row_line, None, f"has {len(cells)} columns, the header has {len(header)}"
                    continue
                yield row_line, dict(zip(header, cells, strict=True)), None
        else:
            raise CatalogueImportError(f"{path.name}: use a .csv, .tsv or .jsonl file")


def _blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _record(row: Mapping[str, Any], mapping: FieldMapping) -> dict[str, Any]:
    record: dict[str, Any] = {**DEFAULTS, **mapping.defaults}
    for name, path in mapping.fields.items():
        value = row.get(path)
        if _blank(value):
            if name in REQUIRED:
                record.pop(name, None)
            continue
        if name in _MONEY_FIELDS and isinstance(value, str):
            value = _MONEY_JUNK.sub("", value)
        record[name] = value.strip() if isinstance(value, str) else value
    attributes: dict[str, str] = {}
    for prefix in mapping.attribute_prefixes:
        lead = prefix.rstrip(".") + "."
        for path, value in row.items():
            if path.startswith(lead) and not _blank(value):
                attributes[path[len(lead) :]] = str(value).strip()
    for name, path in mapping.attributes.items():
        value = row.get(path)
        if not _blank(value):
            attributes[name] = str(value).strip()
    record["attributes"] = attributes
    record.setdefault("reviews", [])
    record.setdefault("truth_tags", [])
    if record.get("id") is not None:
        record["id"] = str(record["id"])
    if not record.get("model_number"):
        record["model_number"] = ""
    return record


def _reason(exc: ValidationError, record: Mapping[str, Any]) -> str:
    parts = []
    for err in exc.errors():
        name = ".".join(str(p) for p in err["loc"]) or "row"
        if err["type"] == "missing":
            parts.append(f"{name} is missing")
        else:
            parts.append(f"{name} {err['msg'][0].lower()}{err['msg'][1:]} (got {record.get(str(err['loc'][0]))!r})")
    return "; ".join(parts)


def parse_catalogue(path: Path, mapping: FieldMapping) -> ImportResult:
    """Read and validate every row; never raises for a bad row (only for an unreadable file)."""
    path = Path(path)
    if not path.exists():
        raise CatalogueImportError(f"no such file: {path}")
    result = ImportResult(path=path)
    first_seen: dict[str, int] = {}
    for line, row, error in _rows(path):
        result.rows += 1
        if row is None:
            result.bad.append(BadRow(line, error or "unreadable row"))
            continue
        record = _record(row, mapping)
        row_id = record.get("id")
        try:
            product = Product.model_validate(record)
        except ValidationError as exc:
            result.bad.append(BadRow(line, _reason(exc, record), row_id))
            continue
        if product.id in first_seen:
            result.bad.append(BadRow(line, f"duplicate id (first seen on line {first_seen[product.id]})", product.id))
            continue
        first_seen[product.id] = line
        result.products.append(product)
    return result


IMPORT_SOURCE = "import"


def index_imported(
    products: list[Product],
    index: SearchIndex,
    embedder: DocumentEmbedder,
    *,
    progress: Progress | None = None,
) -> IngestReport:
    """Upsert imported products into the index (never prunes: an import adds or updates, it does not delete)."""
    report = sync_collection(
        index,
        "products",
        [product_document(p, source=IMPORT_SOURCE) for p in products],
        embedder,
        prune=False,
        progress=progress,
    )
    if report.changed:
        index.optimize()
    return report
