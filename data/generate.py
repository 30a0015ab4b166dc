"""Generate a data set: `python -m data.generate --size small|medium|large|<N> --seed 42 --out DIR`.

Same seed and size give byte-identical files (sorted keys, compact JSON, no clock, one random stream per
entity kind). Files are written next to their final name and renamed into place, and `manifest.json`
(seed, size, counts, sha256 per file) is written last, so a directory with a manifest is complete.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import sys
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from data.catalogue import generate_products, generate_shops, public_shop
from data.hotels import generate_hotels
from data.members import generate_members
from data.programme import campaigns, mobile_plans, points_rules
from data.travel import generate_destinations

SIZES = {"small": 3000, "medium": 10_000, "large": 100_000}
N_HOTELS, N_MEMBERS = 300, 50
FILES = (
    "members.jsonl",
    "shops.jsonl",
    "products.jsonl",
    "hotels.jsonl",
    "destinations.jsonl",
    "mobile_plans.jsonl",
    "campaigns.jsonl",
    "points_rules.json",
)
MAX_PRODUCTS = 2_000_000

Progress = Callable[[str, int, int], None]  # (file name, done, total)


class SizeError(ValueError):
    """The requested size is neither a named size nor a sensible product count."""


@dataclass(frozen=True)
class GenerationResult:
    out: Path
    seed: int
    size: str
    counts: dict[str, int]
    bytes: dict[str, int]
    seconds: float


def parse_size(size: str | int) -> tuple[str, int]:
    """'small' -> ('small', 3000); '25000' -> ('25000', 25000)."""
    text = str(size).strip().lower().replace("_", "").replace(",", "")
    if text in SIZES:
        return text, SIZES[text]
    if text.isdigit() and 1 <= int(text) <= MAX_PRODUCTS:
        return str(int(text)), int(text)
    raise SizeError(
        f"size must be one of {', '.join(SIZES)} or a product count from 1 to {MAX_PRODUCTS:,}; got {size!r}"
    )


def dumps(obj: Any) -> str:
    return json.dumps(obj, sort_keys=True, ensure_ascii=False, separators=(",", ":"))


def _write_lines(
    path: Path, rows: Iterable[dict[str, Any]], total: int, progress: Progress | None
) -> tuple[int, int, str]:
    tmp = path.with_name(path.name + ".partial")
    digest = hashlib.sha256()
    count = size = 0
    with tmp.open("wb") as fh:
        for row in rows:
            data = (dumps(row) + "\n").encode("utf-8")
            fh.write(data)
            digest.update(data)
            count += 1
            size += len(data)
            if progress and (count % 1000 == 0 or count == total):
                progress(path.name, count, total)
    os.replace(tmp, path)
    return count, size, digest.hexdigest()


def generate(
    out: Path, size: str | int = "small", seed: int = 42, progress: Progress | None = None
) -> GenerationResult:
    """Write one data set into `out` (created if missing) and return what was written."""
    label, n_products = parse_size(size)
    started = time.perf_counter()
    out.mkdir(parents=True, exist_ok=True)
    (out / "manifest.json").unlink(missing_ok=True)  # incomplete until the manifest is back

    shops = generate_shops(seed)
    destinations = generate_destinations()
    streams: dict[str, tuple[Iterable[dict[str, Any]], int]] = {
        "members.jsonl": (generate_members(seed, N_MEMBERS), N_MEMBERS),
        "shops.jsonl": ([public_shop(s) for s in shops], len(shops)),
        "products.jsonl": (generate_products(seed, n_products, shops), n_products),
        "hotels.jsonl": (generate_hotels(seed, N_HOTELS, destinations), N_HOTELS),
        "destinations.jsonl": (destinations, len(destinations)),
        "mobile_plans.jsonl": (mobile_plans(), 3),
        "campaigns.jsonl": (campaigns(), 5),
    }
    files: dict[str, dict[str, Any]] = {}
    counts: dict[str, int] = {}
    for name, (rows, total) in streams.items():
        count, nbytes, sha = _write_lines(out / name, rows, total, progress)
        files[name] = {"bytes": nbytes, "sha256": sha}
        counts[name.removesuffix(".jsonl")] = count
    rules = (json.dumps(points_rules(), sort_keys=True, indent=2) + "\n").encode("utf-8")
    (out / "points_rules.json").write_bytes(rules)
    files["points_rules.json"] = {"bytes": len(rules), "sha256": hashlib.sha256(rules).hexdigest()}

    manifest = {"seed": seed, "size": label, "counts": counts, "files": files, "format": 1}
    (out / "manifest.json").write_text(json.dumps(manifest, sort_keys=True, indent=2) + "\n", encoding="utf-8")
    return GenerationResult(
        out=out,
        seed=seed,
        size=label,
        counts=counts,
        bytes={k: v["bytes"] for k, v in files.items()},
        seconds=time.perf_counter() - started,
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m data.generate", description=__doc__.splitlines()[0])
    parser.add_argument("--size", default="small", help="small (3,000 products), medium (10k), large (100k) or a count")
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument("--out", type=Path, default=None, help="output folder (default data/generated/<size>)")
    args = parser.parse_args(argv)
    try:
        label, _ = parse_size(args.size)
    except SizeError as exc:
        parser.error(str(exc))
    out = args.out or Path(__file__).resolve().parent / "generated" / label
    result = generate(out, args.size, args.seed)
    total = sum(result.bytes.values())
    print(f"wrote {out} (seed {result.seed}, size {result.size}) in {result.seconds:.1f} s, {total:,} bytes")
    for name, count in result.counts.items():
        print(f"  {name:<14} {count:>9,}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
