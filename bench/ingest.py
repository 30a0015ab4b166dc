"""First-start cost: the bilingual index build into an empty data folder, and the app's first start to /healthz.

    .venv/bin/python -m bench.ingest                 # both measurements, one round each
    .venv/bin/python -m bench.ingest --no-app        # the index build only
    .venv/bin/python -m bench.ingest --rounds 3      # median of three index builds

Why a benchmark of its own: issue 16 sets a first start under 60 s on 2 cores for the bilingual small
catalogue (English and Japanese vectors for every document, BM25 in both languages, HNSW built at ingest).
Both measurements run what an operator runs, as subprocesses in a fresh temporary data folder (no
embedding cache, no index, no trained intent classifier): `assistant ingest`, then `python app.py`
polled until `/healthz` answers 200 (the app builds the index and the runtime in a thread once it
listens). On 2 shared cores the wall time scales with the load average, so it is recorded beside the
figures, before and after each run. Prints a table and writes bench/results/ingest.json.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from rich.console import Console
from rich.table import Table

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "data" / "generated" / "small"
OUT = ROOT / "bench" / "results" / "ingest.json"
COLLECTIONS = ("products", "hotels", "destinations")
console = Console()


def _load() -> float:
    return round(os.getloadavg()[0], 2)


def _documents(seed: Path = SEED) -> dict[str, int]:
    counts = {}
    for name in COLLECTIONS:
        path = seed / f"{name}.jsonl"
        counts[name] = sum(1 for line in path.read_text(encoding="utf-8").splitlines() if line.strip())
    return counts


def _env(data_dir: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("ASSISTANT_", "DATABASE_URL", "QDRANT_"))}
    env.update(ASSISTANT_DATA_DIR=str(data_dir), ASSISTANT_SEED_DIR=str(SEED), ASSISTANT_INDEX="edge")
    return env


def time_ingest(work: Path) -> dict[str, Any]:
    """`assistant ingest` into an empty data folder: embedding (both languages), BM25, upsert, optimise."""
    data_dir = Path(tempfile.mkdtemp(prefix="ingest-", dir=work))
    load_before = _load()
    started = time.perf_counter()
    subprocess.run(
        [str(Path(sys.executable).parent / "assistant"), "ingest"], cwd=ROOT, env=_env(data_dir), check=True,
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
    )  # fmt: skip
    seconds = time.perf_counter() - started
    shutil.rmtree(data_dir, ignore_errors=True)
    return {"seconds": round(seconds, 1), "load_average_1m_before": load_before, "load_average_1m_after": _load()}


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _health(url: str) -> int | None:
    """The /healthz status code, or None while nothing listens."""
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return int(response.status)
    except urllib.error.HTTPError as exc:
        return exc.code
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return None


def time_first_start(work: Path, timeout_s: float) -> dict[str, Any]:
    """`python app.py` on an empty data folder until /healthz answers 200 (port open, then healthy)."""
    data_dir = Path(tempfile.mkdtemp(prefix="app-", dir=work))
    port = _free_port()
    url = f"http://127.0.0.1:{port}/healthz"
    load_before = _load()
    started = time.perf_counter()
    server = subprocess.Popen(
        [sys.executable, "app.py", "--host", "127.0.0.1", "--port", str(port)], cwd=ROOT, env=_env(data_dir),
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    listening: float | None = None
    healthy: float | None = None
    try:
        while time.perf_counter() - started < timeout_s and server.poll() is None:
            status = _health(url)
            if status is not None and listening is None:
                listening = time.perf_counter() - started
            if status == 200:
                healthy = time.perf_counter() - started
                break
            time.sleep(0.5)
    finally:
        server.terminate()
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()
        shutil.rmtree(data_dir, ignore_errors=True)
    return {
        "listening_s": None if listening is None else round(listening, 1),
        "healthy_s": None if healthy is None else round(healthy, 1),
        "timed_out": healthy is None,
        "load_average_1m_before": load_before,
        "load_average_1m_after": _load(),
    }


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--rounds", type=int, default=1, help="index builds to time (the median is reported)")
    parser.add_argument("--no-app", action="store_true", help="skip the app's first start")
    parser.add_argument("--timeout", type=float, default=1200, help="seconds to wait for a healthy /healthz")
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args(argv)
    docs = _documents()
    with tempfile.TemporaryDirectory(prefix="bench-ingest-") as tmp:
        work = Path(tmp)
        rounds = [time_ingest(work) for _ in range(args.rounds)]
        first_start = None if args.no_app else time_first_start(work, args.timeout)
    median = statistics.median(r["seconds"] for r in rounds)
    results: dict[str, Any] = {
        "date": datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "machine": f"{platform.machine()}, {len(os.sched_getaffinity(0))} CPUs (shared), "
        f"Python {platform.python_version()}",
        "material": f"{SEED.relative_to(ROOT)} (bilingual: English and Japanese text per document)",
        "documents": docs,
        "texts_embedded": 2 * sum(docs.values()),
        "target_s": 60,
        "ingest": {"median_s": median, "rounds": rounds},
        "first_start": first_start,
    }
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    table = Table(title=f"first start on an empty data folder ({results['date']}, {results['machine']})")
    for column in ("measure", "seconds", "load average 1m (before - after)"):
        table.add_column(column)
    for i, r in enumerate(rounds, 1):
        table.add_row(f"assistant ingest, round {i} ({sum(docs.values()):,} documents)", str(r["seconds"]),
                      f"{r['load_average_1m_before']} - {r['load_average_1m_after']}")  # fmt: skip
    if first_start is not None:
        shown = "timed out" if first_start["timed_out"] else str(first_start["healthy_s"])
        table.add_row("python app.py to a healthy /healthz", shown,
                      f"{first_start['load_average_1m_before']} - {first_start['load_average_1m_after']}")  # fmt: skip
    console.print(table)
    console.print(f"wrote {args.out.relative_to(ROOT) if args.out.is_relative_to(ROOT) else args.out}")


if __name__ == "__main__":
    main()
