"""A retrieval query set on disk: the record type, the JSON Lines writer and the command line both languages'
builders (`python -m data.queries`, `python -m data.queries_ja`) run through.

Why a module of its own: writing and the command line are the same for every language; the builders in
`data/queries.py` and `data/queries_ja.py` only say what the queries are.
"""

from __future__ import annotations

import argparse
import json
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path
from typing import Any

from data.loader import SMALL_DIR, load_dataset
from data.schema import DataSet

Query = dict[str, Any]
"""One labelled query: id, collection, query, kind, filters, relevant (id -> grade) and a language's fields."""


def write_queries(queries: list[Query], out: Path) -> None:
    out.parent.mkdir(parents=True, exist_ok=True)
    text = "".join(json.dumps(q, sort_keys=True, ensure_ascii=False) + "\n" for q in queries)
    out.write_text(text, encoding="utf-8")


def run_cli(
    argv: list[str] | None,
    *,
    prog: str,
    description: str,
    out: Path,
    build: Callable[[DataSet], list[Query]],
    kinds: tuple[str, ...] | None = None,
) -> int:
    """Build one query set from a data folder and write it; prints the count by kind (in `kinds` order, else sorted)."""
    parser = argparse.ArgumentParser(prog=prog, description=description)
    parser.add_argument("--data", type=Path, default=SMALL_DIR)
    parser.add_argument("--out", type=Path, default=out)
    args = parser.parse_args(argv)
    queries = build(load_dataset(args.data))
    write_queries(queries, args.out)
    counts: dict[str, int] = defaultdict(int)
    for q in queries:
        counts[q["kind"]] += 1
    order = kinds if kinds is not None else tuple(sorted(counts))
    print(f"wrote {len(queries)} queries to {args.out}: " + ", ".join(f"{k} {counts[k]}" for k in order))
    return 0
