"""Embedding throughput: fastembed's defaults against the tuned DenseEmbedder, on real product documents.

    .venv/bin/python -m bench.embeddings [--docs 500] [--rounds 3] [--queries 200]

Both paths load the same bundled model through fastembed. "fastembed defaults" is `TextEmbedding` as the
project called it before the tuning (graph optimisation ALL, spinning thread pool, batch 64 in input
order); "tuned" is `DenseEmbedder.embed` (BASIC, no spinning, length-sorted batches of 16). The two run
interleaved, round after round, so a change in the machine's load hits both; the table gives medians,
the load average at each round, and query-embedding latency p50/p95 (single-threaded sessions, both).
Writes bench/results/embeddings.json.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, datetime
from itertools import islice
from pathlib import Path

import numpy as np
from fastembed import TextEmbedding
from rich.console import Console
from rich.table import Table

from bench.percentiles import percentile
from data.loader import iter_products
from retrieval.documents import product_document
from retrieval.embeddings import FASTEMBED_NAME, DenseEmbedder

RESULTS = Path(__file__).parent / "results" / "embeddings.json"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--docs", type=int, default=500)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--queries", type=int, default=200)
    args = parser.parse_args()

    texts = [product_document(p).text for p in islice(iter_products(), args.docs)]
    tuned = DenseEmbedder(Path(tempfile.mkdtemp(prefix="bench-emb-")))
    default = TextEmbedding(
        FASTEMBED_NAME,
        specific_model_path=str(tuned._model_dir),
        cache_dir=str(tuned._model_dir.parent),
        local_files_only=True,
    )
    runs: dict[str, Callable[[], np.ndarray]] = {
        "fastembed defaults": lambda: np.asarray(list(default.embed(texts, batch_size=64))),
        "tuned DenseEmbedder": lambda: tuned.embed(texts),
    }
    for run in runs.values():  # warm-up: arenas, first-batch allocation
        run()
    rates: dict[str, list[float]] = {name: [] for name in runs}
    loads: list[float] = []
    vectors: dict[str, np.ndarray] = {}
    for _ in range(args.rounds):
        loads.append(os.getloadavg()[0])
        for name, run in runs.items():
            start = time.perf_counter()
            vectors[name] = run()
            rates[name].append(len(texts) / (time.perf_counter() - start))
    cosine = float((vectors["fastembed defaults"] * vectors["tuned DenseEmbedder"]).sum(axis=1).min())

    queries = [t.split(".")[0][:60] for t in texts[: args.queries]]
    default_query = TextEmbedding(
        FASTEMBED_NAME,
        specific_model_path=str(tuned._model_dir),
        cache_dir=str(tuned._model_dir.parent),
        threads=1,
        local_files_only=True,
    )
    query_runs = {
        "fastembed defaults": lambda q: next(iter(default_query.embed([q], batch_size=1))),
        "tuned DenseEmbedder": tuned.embed_query,
    }
    latencies: dict[str, list[float]] = {name: [] for name in query_runs}
    for query in ["warm-up", *queries]:
        for name, embed_query in query_runs.items():  # interleaved, like the document runs
            start = time.perf_counter()
            embed_query(query)
            latencies[name].append((time.perf_counter() - start) * 1000)
    query_ms = {
        name: {"p50": percentile(values[1:], 50), "p95": percentile(values[1:], 95)}
        for name, values in latencies.items()
    }

    table = Table(title=f"Document embedding, {len(texts)} real product documents, {args.rounds} rounds")
    table.add_column("path")
    table.add_column("docs/s median", justify="right")
    table.add_column("docs/s per round", justify="right")
    for name, values in rates.items():
        table.add_row(name, f"{statistics.median(values):.1f}", " ".join(f"{v:.1f}" for v in values))
    console = Console()
    console.print(table)
    console.print(f"load average (1 min) per round: {loads}; min cosine tuned vs defaults: {cosine:.6f}")
    for name, ms in query_ms.items():
        line = f"query embedding, {name}: p50 {ms['p50']:.1f} ms, p95 {ms['p95']:.1f} ms ({len(queries)} queries)"
        console.print(line)

    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(
        json.dumps(
            {
                "when": datetime.now(UTC).isoformat(timespec="seconds"),
                "machine": {"cpus": os.cpu_count(), "processor": platform.processor() or platform.machine()},
                "docs": len(texts),
                "rounds": args.rounds,
                "load_average_per_round": loads,
                "docs_per_s": {name: {"median": statistics.median(v), "rounds": v} for name, v in rates.items()},
                "min_cosine_tuned_vs_defaults": cosine,
                "query_latency_ms": {**query_ms, "n": len(queries)},
            },
            indent=2,
        )
        + "\n"
    )


if __name__ == "__main__":
    main()
