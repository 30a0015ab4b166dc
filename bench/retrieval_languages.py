"""Retrieval quality per language and per embedding model: the measurement behind the default model.

    .venv/bin/python -m bench.retrieval_languages [--models minilm,use-multilingual]

For each bundled model, builds the bilingual small catalogue's index (English and Japanese vectors,
through the model's embedding cache under the work folder), then scores the English labelled set
(eval/retrieval/queries.jsonl) and the Japanese one (eval/retrieval/queries_ja.jsonl) exactly as
bench/retrieval.py scores the English set: filters applied, fusion chosen on each set's dev half,
figures reported on its held-back half. Also times the ingest (embedding both languages + BM25 +
upsert + optimise) from an empty cache, which is what a first start costs.

Writes bench/results/retrieval_languages.json and prints a table; bench/retrieval.py reads the chosen
model's rows into retrieval.json (`quality`, `quality_ja`).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import sys
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from rich.console import Console
from rich.table import Table

from bench.retrieval_quality import evaluate, load_queries, quality_section
from retrieval.catalogue import ingest_catalogue
from retrieval.edge_index import EdgeIndex
from retrieval.embeddings import DEFAULT_MODEL, MODELS, open_embedder

ROOT = Path(__file__).resolve().parent.parent
SETS = {"en": ROOT / "eval" / "retrieval" / "queries.jsonl", "ja": ROOT / "eval" / "retrieval" / "queries_ja.jsonl"}
console = Console()


def measure_model(model: str, work: Path, seed_dir: Path, *, fresh_cache: bool) -> dict[str, Any]:
    """Index the catalogue with one model and score both query sets; `fresh_cache` times a first start."""
    folder = work / f"lang-{model}"
    if fresh_cache and folder.exists():
        shutil.rmtree(folder)
    embedder = open_embedder(folder, model=model)
    index = EdgeIndex(folder / "index", model=model)
    started = time.perf_counter()
    reports = ingest_catalogue(index, seed_dir, embedder)
    ingest_s = time.perf_counter() - started
    out: dict[str, Any] = {
        "model": model,
        "model_id": MODELS[model].model_id,
        "ingest": {"seconds": round(ingest_s, 1), "documents": sum(r.total for r in reports),
                   "texts_embedded": sum(r.embedded for r in reports), "load_average_1m": round(os.getloadavg()[0], 2)},
    }
    for lang, path in SETS.items():
        labelled = load_queries(path)
        scores = {"with_filters": evaluate(index, embedder, labelled, use_filters=True)}
        out[lang] = quality_section(scores, labelled, label=str(path.relative_to(ROOT)))
    index.close()
    return out


def summary(result: dict[str, Any]) -> dict[str, Any]:
    """The rows the README and retrieval.json quote: hybrid (the product's retriever) per language and half."""
    rows: dict[str, Any] = {}
    for lang in SETS:
        section = result[lang]
        rows[lang] = {"test": section["quality"]["hybrid"], "dev": section["quality_dev"]["hybrid"],
                      "dense_test": section["quality"]["dense"], "sparse_test": section["quality"]["sparse"],
                      "fusion": section["fusion_chosen"], "queries": section["split"]}
    rows["ingest"] = result["ingest"]
    return rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.retrieval_languages", description=__doc__.splitlines()[0])
    parser.add_argument("--models", default=",".join(MODELS), help="comma-separated model names")
    parser.add_argument("--seed-dir", type=Path, default=ROOT / "data" / "generated" / "small")
    parser.add_argument("--work", type=Path, default=ROOT / "var" / "bench")
    parser.add_argument("--fresh", action="store_true", help="empty each model's cache first (times a first start)")
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "results" / "retrieval_languages.json")
    parser.add_argument("--merge-into", dest="merge_into", type=Path, default=None,
                        help="also write the default model's per-language quality into this retrieval.json")
    args = parser.parse_args(argv)
    results: dict[str, Any] = {
        "date": datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "machine": f"{platform.machine()}, {len(os.sched_getaffinity(0))} CPUs (shared), "
                   f"Python {platform.python_version()}",
        "material": "data/generated/small (bilingual), eval/retrieval/queries.jsonl + queries_ja.jsonl",
        "default_model": DEFAULT_MODEL,
        "models": {},
    }
    for model in [m.strip() for m in args.models.split(",") if m.strip()]:
        console.print(f"[bold]{model}[/]: indexing and scoring...")
        full = measure_model(model, args.work, args.seed_dir, fresh_cache=args.fresh)
        results["models"][model] = summary(full)
        results["models"][model]["detail"] = {lang: full[lang] for lang in SETS}
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n")
    print_table(results)
    console.print(f"wrote {args.out}")
    if args.merge_into is not None and DEFAULT_MODEL in results["models"]:
        merge(args.merge_into, results)
        console.print(f"updated quality and quality_ja in {args.merge_into}")
    return 0


def merge(path: Path, results: dict[str, Any]) -> None:
    """The default model's sections into retrieval.json (`quality`, `quality_ja`...), dated, latency untouched."""
    target = json.loads(path.read_text()) if path.exists() else {}
    detail = results["models"][DEFAULT_MODEL]["detail"]
    en, ja = detail["en"], detail["ja"]
    target.update({k: en[k] for k in ("split", "fusion_chosen", "fusion_chosen_on", "quality", "quality_dev",
                                      "quality_variants")})
    target.update(quality_ja=ja["quality"], quality_ja_dev=ja["quality_dev"], fusion_chosen_ja=ja["fusion_chosen"],
                  split_ja=ja["split"], quality_measured=f"{results['date']} by bench.retrieval_languages "
                  f"(model {DEFAULT_MODEL}, bilingual index)",
                  quality_by_model={m: {k: v for k, v in rows.items() if k != "detail"}
                                    for m, rows in results["models"].items()})
    path.write_text(json.dumps(target, indent=2, ensure_ascii=False) + "\n")


def print_table(results: dict[str, Any]) -> None:
    table = Table(title=f"retrieval quality per language ({results['date']}, {results['machine']}; held-back halves)")
    for col in ("model", "EN nDCG@10", "EN recall@10", "JA nDCG@10", "JA recall@10", "JA dense", "JA sparse",
                "ingest s"):
        table.add_column(col)
    for model, rows in results["models"].items():
        en, ja = rows["en"]["test"], rows["ja"]["test"]
        table.add_row(model, str(en["ndcg@10"]), str(en["recall@10"]), str(ja["ndcg@10"]), str(ja["recall@10"]),
                      str(rows["ja"]["dense_test"]["ndcg@10"]), str(rows["ja"]["sparse_test"]["ndcg@10"]),
                      str(rows["ingest"]["seconds"]))
    console.print(table)


if __name__ == "__main__":
    sys.exit(main())
