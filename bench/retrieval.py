"""Retrieval benchmark: latency, quality, ingest throughput and start-up, side by side in one process.

    .venv/bin/python -m data.generate --size 10000 --out data/generated/bench-10000     # once, for --quick
    .venv/bin/python -m data.generate --size 100000 --out data/generated/bench-100000   # once, for the full run
    .venv/bin/python -m bench.retrieval [--quick]

- Latency p50/p95 of a filtered hybrid product query, query embedding included, for an exact numpy scan
  (the floor every index must beat), the embedded backend (Qdrant Edge, HNSW built at ingest) and the
  server backend on `QdrantClient(":memory:")` (qdrant-client's local mode: what a LangChain
  QdrantVectorStore user gets without a server; Qdrant documents it for prototyping, so it is shown, not
  used as the headline), at 10k and 100k products (`--quick`: 10k only; a 100k entry measured earlier is
  kept in the JSON with its own date). Queries are the labelled set's product queries with their filters
  (a price ceiling where a query has none). Recall@10 of the embedded index against the exact scan.
- Dense vectors: the first `--real` products (default 10,000) are embedded for real (cached on disk under
  the work folder); beyond that, each further product reuses a real vector plus small Gaussian noise
  (sigma 0.025, re-normalised), because embedding 100k documents takes about 15 CPU-minutes on this
  machine. Sparse vectors and payloads are always the real ones. The JSON says how many were real.
- Quality: nDCG@10 / recall@10 on eval/retrieval/queries.jsonl (and `quality_ja`: the Japanese set
  eval/retrieval/queries_ja.jsonl, same rules) over data/generated/small, split in a dev
  half and a held-back half by a hash of the query id. The fusion (RRF or DBSF) is chosen on the dev half;
  `quality` is the held-back half, `quality_dev` the dev half. Hybrid is reported with and without the
  exact model-number lookup, so it compares fairly with the dense and sparse rows (which have none).
- Ingest docs/s (embed + BM25 + upsert + optimise, through the cache) next to bare embedding docs/s on
  the same fresh texts; start-up = a fresh process loading the built index and the model.

Writes bench/results/retrieval.json and prints a table.
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
import warnings
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import numpy as np
from rich.console import Console
from rich.table import Table

from bench.percentiles import percentile
from bench.retrieval_exact import ExactScan
from bench.retrieval_quality import VARIANTS, evaluate, load_queries, quality_section, to_filters
from data.schema import Product
from retrieval.catalogue import ingest_catalogue, read_records
from retrieval.documents import product_document
from retrieval.edge_index import EdgeIndex
from retrieval.embeddings import CachedEmbedder, DenseEmbedder, EmbeddingCache, open_embedder
from retrieval.index import Condition, IndexPoint, ProductFilters
from retrieval.ingest import sync_collection
from retrieval.retriever import Retriever
from retrieval.search_index import SearchIndex
from retrieval.server_index import ServerIndex
from retrieval.sparse import KeywordEncoder

ROOT = Path(__file__).resolve().parent.parent
JA_QUERIES = ROOT / "eval" / "retrieval" / "queries_ja.jsonl"
SIGMA = 0.025
console = Console()


def _pct(values: list[float], q: float) -> float:
    return round(percentile([v * 1000 for v in values], q), 2)


def _load() -> float:
    return round(os.getloadavg()[0], 2)


def material(size: int, real: int) -> str:
    """What the vectors at one size are, in the words the README uses ("10k real + 90k perturbed copies")."""
    real = min(real, size)
    label = f"{real // 1000}k real"
    return label if size == real else f"{label} + {(size - real) // 1000}k perturbed copies"


def latency_queries(queries: list[dict[str, Any]]) -> list[tuple[str, list[Condition]]]:
    out = []
    for i, q in enumerate(x for x in queries if x["collection"] == "products"):
        filters = to_filters("products", q.get("filters", {}))
        assert isinstance(filters, ProductFilters)
        if not filters.conditions():
            filters = ProductFilters(max_price_jpy=20_000 + (i % 5) * 10_000)
        out.append((q["query"], filters.conditions()))
    return out


def build_points(products: list[Product], embedder: CachedEmbedder, real: int) -> list[IndexPoint]:
    keywords = KeywordEncoder()
    docs = [product_document(p) for p in products]
    n_real = min(real, len(docs))
    dense = np.empty((len(docs), embedder.dim), dtype=np.float32)
    for start in range(0, n_real, 1000):
        stop = min(start + 1000, n_real)
        dense[start:stop] = embedder.embed([d.text for d in docs[start:stop]])
    rng = np.random.default_rng(7)
    for start in range(n_real, len(docs), 10_000):
        rows = np.arange(start, min(start + 10_000, len(docs)))
        noisy = dense[rows % n_real] + rng.normal(0, SIGMA, (rows.size, embedder.dim)).astype(np.float32)
        dense[rows] = noisy / np.linalg.norm(noisy, axis=1, keepdims=True)
    return [
        IndexPoint(d.id, dense[i], keywords.document(d.text),
                   {**d.payload, "text_sha": d.text_sha, "doc_sha": d.doc_sha})
        for i, d in enumerate(docs)
    ]


def build_edge(path: Path, points: list[IndexPoint], real: int) -> tuple[EdgeIndex, float]:
    meta_path = path / "bench.json"
    meta = {"size": len(points), "real": real, "sigma": SIGMA}
    if meta_path.exists() and json.loads(meta_path.read_text()).get("key") == meta:
        index = EdgeIndex(path, create=False)
        if index.count("products") == len(points):
            return index, float(json.loads(meta_path.read_text())["build_s"])
        index.close()
    if path.exists():
        import shutil

        shutil.rmtree(path)
    started = time.perf_counter()
    index = EdgeIndex(path)
    for start in range(0, len(points), 2000):
        index.upsert("products", points[start : start + 2000])
    index.optimize()
    build_s = time.perf_counter() - started
    meta_path.write_text(json.dumps({"key": meta, "build_s": build_s}))
    return index, build_s


def run_latency(size: int, args: argparse.Namespace, embedder: CachedEmbedder,
                queries: list[tuple[str, list[Condition]]]) -> dict[str, Any]:
    console.print(f"[bold]{size:,} products[/]: loading, embedding (cached), building indexes...")
    products = list(itertools.islice(read_records(args.data, "products", Product), size))
    points = build_points(products, embedder, args.real)
    edge, build_s = build_edge(args.work / f"edge-{size}", points, args.real)
    started = time.perf_counter()
    server = ServerIndex.connect(None)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        for start in range(0, len(points), 2000):
            server.upsert("products", points[start : start + 2000])
    server_build_s = time.perf_counter() - started
    exact = ExactScan([p.id for p in points], np.stack([p.dense for p in points]), [p.sparse for p in points],
                      [p.payload for p in points])
    del points, products
    retriever = Retriever(edge, embedder)
    timings: dict[str, list[float]] = {"embedded": [], "server_local": [], "exact": [], "embedded_search_only": [],
                                       "query_embedding": []}
    recall_hybrid: list[float] = []
    recall_dense: list[float] = []
    server_budget_s, server_spent = args.server_budget, 0.0
    for i, (text, conditions) in enumerate(itertools.islice(itertools.cycle(queries), args.queries + 3)):
        warm = i < 3
        t0 = time.perf_counter()
        vec = retriever.query_vectors(text)
        t_vec = time.perf_counter()
        got = edge.search("products", vec, conditions, limit=10)
        t1 = time.perf_counter()
        vec = retriever.query_vectors(text)
        want = exact.search(vec, conditions, limit=10)
        t2 = time.perf_counter()
        if not warm:
            timings["embedded"].append(t1 - t0)
            timings["embedded_search_only"].append(t1 - t_vec)
            timings["query_embedding"].append(t_vec - t0)
            timings["exact"].append(t2 - t1)
            if want:
                recall_hybrid.append(len({h.id for h in got} & set(want)) / len(want))
            dense_want = exact.search(vec, conditions, limit=10, mode="dense")
            dense_got = edge.search("products", vec, conditions, limit=10, mode="dense")
            if dense_want:
                recall_dense.append(len({h.id for h in dense_got} & set(dense_want)) / len(dense_want))
        if server_spent < server_budget_s:
            t3 = time.perf_counter()
            vec = retriever.query_vectors(text)
            server.search("products", vec, conditions, limit=10)
            t4 = time.perf_counter()
            server_spent += t4 - t3
            if not warm:
                timings["server_local"].append(t4 - t3)
    result: dict[str, Any] = {
        name: {"p50_ms": _pct(t, 50), "p95_ms": _pct(t, 95), "n": len(t)} for name, t in timings.items() if t
    }
    result["embedded"]["build_s"] = round(build_s, 1)
    result["server_local"]["build_s"] = round(server_build_s, 1)
    result["recall@10_vs_exact"] = {"hybrid": round(statistics.mean(recall_hybrid), 4),
                                    "dense": round(statistics.mean(recall_dense), 4)}
    result["speedup_vs_exact_p95"] = round(result["exact"]["p95_ms"] / result["embedded"]["p95_ms"], 2)
    result["speedup_vs_server_local_p95"] = round(result["server_local"]["p95_ms"] / result["embedded"]["p95_ms"], 1)
    result["real_vectors"] = min(args.real, size)
    result["material"] = material(size, args.real)
    result["measured"] = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
    result["load_average_1m"] = _load()  # 2 shared cores: latencies scale with it
    edge.close()  # the shard folder is locked while open: close before the start-up process loads it
    server.close()
    result["startup_s"] = measure_startup(args.work / f"edge-{size}", args.work)
    return result


STARTUP = """
import time, sys
t = time.perf_counter()
from pathlib import Path
from retrieval.edge_index import EdgeIndex
from retrieval.embeddings import open_embedder
index = EdgeIndex(Path(sys.argv[1]), create=False)
index.load_all(["products"])
t_index = time.perf_counter() - t
embedder = open_embedder(Path(sys.argv[2]))
embedder.embed_query("warm up")
print(t_index, time.perf_counter() - t)
"""


def measure_startup(index_path: Path, work: Path) -> dict[str, float]:
    """A fresh process: imports, loading the built index (no HNSW rebuild), loading the model."""
    out = subprocess.run([sys.executable, "-c", STARTUP, str(index_path), str(work)], capture_output=True, text=True,
                         check=False, cwd=ROOT)
    if out.returncode != 0:
        raise RuntimeError(f"start-up measurement failed:\n{out.stderr[-2000:]}")
    index_s, total_s = (float(x) for x in out.stdout.split())
    return {"index_load_s": round(index_s, 2), "total_s": round(total_s, 2)}


def run_ingest(args: argparse.Namespace, n: int = 300) -> dict[str, Any]:
    """Bare embedding vs full ingest on fresh (never cached) texts, best of two rounds each.

    The salt in every text and title keeps them out of the embedding cache, so the first products of any
    data set will do (a 10k set has no product 20,000).
    """
    products = list(itertools.islice(read_records(args.data, "products", Product), n))
    if len(products) < n:
        raise RuntimeError(f"{args.data} has {len(products)} products; the ingest measurement needs {n}")
    bare_rates, ingest_rates = [], []
    with tempfile.TemporaryDirectory() as tmp:
        bare = DenseEmbedder(args.work)
        for round_ in range(2):
            salt = f"{time.time_ns()}-{round_}"
            texts = [f"{salt}\n{product_document(p).text}" for p in products]
            t = time.perf_counter()
            bare.embed(texts)
            bare_rates.append(n / (time.perf_counter() - t))
            docs = [product_document(p.model_copy(update={"title": f"{p.title} #{salt}"})) for p in products]
            index = EdgeIndex(Path(tmp) / f"ingest-{round_}")
            cached = CachedEmbedder(bare, EmbeddingCache(Path(tmp) / f"cache-{round_}.sqlite"))
            t = time.perf_counter()
            sync_collection(index, "products", docs, cached)
            index.optimize()
            ingest_rates.append(n / (time.perf_counter() - t))
            index.close()
            assert cached.cache is not None
            cached.cache.close()
    return {"docs_per_s": round(max(ingest_rates), 1), "embed_docs_per_s": round(max(bare_rates), 1),
            "ratio": round(max(ingest_rates) / max(bare_rates), 3), "docs": n,
            "measured": datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"), "load_average_1m": _load()}


def run_quality(args: argparse.Namespace, embedder: CachedEmbedder) -> dict[str, Any]:
    index: SearchIndex = EdgeIndex(args.work / "quality-edge")
    ingest_catalogue(index, args.seed_dir, embedder)
    queries = load_queries(args.queries)
    with_filters = evaluate(index, embedder, queries, use_filters=True)
    without = evaluate(index, embedder, queries, use_filters=False)
    index.close()
    return {"with_filters": with_filters, "without_filters": without, "queries": len(queries)}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.retrieval", description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="10k products only")
    parser.add_argument("--data", type=Path, default=None,
                        help="generated data set (default: bench-100000, or bench-10000 with --quick when absent)")
    parser.add_argument("--seed-dir", type=Path, default=ROOT / "data" / "generated" / "small")
    parser.add_argument("--queries", type=int, default=100, help="timed queries per backend and size")
    parser.add_argument("--query-set", dest="query_set", type=Path,
                        default=ROOT / "eval" / "retrieval" / "queries.jsonl")
    parser.add_argument("--real", type=int, default=10_000,
                        help="products embedded for real (the rest: noisy copies)")
    parser.add_argument("--server-budget", dest="server_budget", type=float, default=90.0,
                        help="seconds of server_local queries per size (it is slow at 100k)")
    parser.add_argument("--work", type=Path, default=ROOT / "var" / "bench")
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "results" / "retrieval.json")
    parser.add_argument("--only", choices=["latency", "quality", "ingest"], help="run one part (development)")
    args = parser.parse_args(argv)
    if args.data is None:
        generated = ROOT / "data" / "generated"
        args.data = generated / "bench-100000"
        if args.quick and not (args.data / "products.jsonl").exists():
            args.data = generated / "bench-10000"
    if not (args.data / "products.jsonl").exists():
        size = 10_000 if args.data.name == "bench-10000" else 100_000
        parser.error(f"{args.data} has no products.jsonl: run python -m data.generate --size {size} --out {args.data}")
    args.work.mkdir(parents=True, exist_ok=True)
    embedder = open_embedder(args.work)
    labelled = load_queries(args.query_set)
    queries = latency_queries(labelled)
    sizes = [10_000] if args.quick else [10_000, 100_000]
    results: dict[str, Any] = {
        "date": datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "machine": f"{platform.machine()}, {len(os.sched_getaffinity(0))} CPUs (shared), "
                   f"Python {platform.python_version()}",
        "data": str(args.data.relative_to(ROOT) if args.data.is_relative_to(ROOT) else args.data),
        "sizes": {},
    }
    for size in sizes if args.only in (None, "latency") else []:
        results["sizes"][str(size)] = run_latency(size, args, embedder, queries)
    if args.only is None and args.quick:
        results["sizes"].update(_earlier_sizes(args.out, results["sizes"], args.real))
    if args.only in (None, "quality"):
        console.print("[bold]quality[/] on the labelled set...")
        results.update(quality_section(run_quality(
            argparse.Namespace(work=args.work, seed_dir=args.seed_dir, queries=args.query_set), embedder), labelled))
        if JA_QUERIES.exists():  # the Japanese set, on the same (bilingual) index
            ja = quality_section(run_quality(
                argparse.Namespace(work=args.work, seed_dir=args.seed_dir, queries=JA_QUERIES), embedder),
                load_queries(JA_QUERIES), label="eval/retrieval/queries_ja.jsonl")
            results.update(quality_ja=ja["quality"], quality_ja_dev=ja["quality_dev"],
                           fusion_chosen_ja=ja["fusion_chosen"])
    if args.only in (None, "ingest"):
        console.print("[bold]ingest[/] throughput...")
        results["ingest"] = run_ingest(args)
    if results["sizes"]:
        results["startup_s"] = results["sizes"][str(sizes[-1])]["startup_s"]["total_s"]
    if args.only is not None:
        args.out = args.out.with_name(f"{args.out.stem}-{args.only}.json")
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(results, indent=2) + "\n")
    print_table(results)
    console.print(f"wrote {args.out}")
    return 0


def _earlier_sizes(out: Path, measured: dict[str, Any], real: int) -> dict[str, Any]:
    """Sizes a quick run did not measure, kept from the previous JSON with their own date and material label."""
    if not out.exists():
        return {}
    earlier = json.loads(out.read_text())
    kept = {}
    for size, entry in earlier.get("sizes", {}).items():
        if size in measured:
            continue
        entry.setdefault("measured", earlier.get("date", "?"))
        entry["material"] = material(int(size), int(entry.get("real_vectors", real)))
        if "exact" in entry and "embedded" in entry:
            entry["speedup_vs_exact_p95"] = round(entry["exact"]["p95_ms"] / entry["embedded"]["p95_ms"], 2)
        entry["carried_over"] = "not re-measured by this --quick run"
        kept[size] = entry
    return kept


def print_table(results: dict[str, Any]) -> None:
    table = Table(title=f"retrieval benchmark ({results['date']}, {results['machine']})")
    for col in ("size", "backend", "p50 ms", "p95 ms", "queries", "build s"):
        table.add_column(col)
    for size, res in results["sizes"].items():
        label = f"{int(size):,} ({res.get('material', '?')}, {res.get('measured', '?')})"
        for backend in ("exact", "embedded", "server_local", "embedded_search_only", "query_embedding"):
            r = res.get(backend, {})
            table.add_row(label, backend, str(r.get("p50_ms")), str(r.get("p95_ms")), str(r.get("n")),
                          str(r.get("build_s", "")))
        table.add_row("", "recall@10 vs exact", f"hybrid {res['recall@10_vs_exact']['hybrid']}",
                      f"dense {res['recall@10_vs_exact']['dense']}", "", "")
    console.print(table)
    if "quality" in results:
        split = results["split"]
        q = Table(title=f"quality on eval/retrieval/queries.jsonl (filters applied; fusion chosen on dev: "
                        f"{results['fusion_chosen']}; split {split['dev']} dev / {split['test']} held-back)")
        for col in ("variant", "nDCG@10 held-back", "recall@10 held-back", "nDCG@10 dev", "recall@10 dev"):
            q.add_column(col)
        variants = results["quality_variants"]["with_filters"]
        for name in VARIANTS:
            t, d = variants["test"][name], variants["dev"][name]
            q.add_row(name, str(t["ndcg@10"]), str(t["recall@10"]), str(d["ndcg@10"]), str(d["recall@10"]))
        console.print(q)
    ing = results.get("ingest")
    if ing:
        console.print(f"ingest {ing['docs_per_s']} docs/s vs bare embedding {ing['embed_docs_per_s']} docs/s "
                      f"({ing['ratio']:.0%})")
    if "startup_s" in results:
        console.print(f"start-up with the built index {results['startup_s']} s")


if __name__ == "__main__":
    sys.exit(main())
