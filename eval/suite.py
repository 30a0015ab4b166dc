"""One call from scenario folder to finished report, shared by the CLI (`assistant eval`) and the QA tab.

Why here and not in the command: the web tab runs the same thing with a progress callback, and tests run
it with a fake session factory; the command only parses flags and prints.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from eval.metrics import summarise
from eval.records import TrialResult
from eval.report import write_report
from eval.runner import ProgressCallback, RunOptions, run_suite
from eval.scenario import load_scenarios
from eval.session import RuntimeFactory, SessionFactory

EVAL_DIR = Path(__file__).resolve().parent
DEFAULT_SCENARIOS = EVAL_DIR / "scenarios"
RUNS_DIR = EVAL_DIR / "runs"
QUERIES = EVAL_DIR / "retrieval" / "queries.jsonl"


@dataclass
class EvalConfig:
    scenarios_dir: Path = DEFAULT_SCENARIOS
    out_dir: Path | None = None
    model: str = "offline"
    trials: int = 1
    tags: list[str] = field(default_factory=list)
    ids: list[str] = field(default_factory=list)
    workers: int | None = None
    user_model: str | None = None
    retrieval: bool = True  # include nDCG@10 / recall@10 from the labelled query set


@dataclass
class EvalOutcome:
    summary: dict[str, Any]
    results: list[TrialResult]
    out_dir: Path
    paths: dict[str, Path]


def default_out_dir(model: str) -> Path:
    stamp = datetime.now(UTC).strftime("%Y%m%d-%H%M%S")
    safe = "".join(c if c.isalnum() or c in "-_." else "-" for c in model)
    return RUNS_DIR / f"{stamp}-{safe}"


def run_eval(
    config: EvalConfig,
    *,
    factory: SessionFactory | None = None,
    on_progress: ProgressCallback | None = None,
    settings_env: dict[str, str] | None = None,
) -> EvalOutcome:
    scenarios = load_scenarios(config.scenarios_dir, tags=config.tags, ids=config.ids)
    if not scenarios:
        raise ValueError(f"no scenario in {config.scenarios_dir} matches tags {config.tags} / ids {config.ids}")
    out_dir = config.out_dir or default_out_dir(config.model)
    factory = factory or RuntimeFactory(config.model, settings_env=settings_env)
    options = RunOptions(out_dir=out_dir, trials=config.trials, workers=config.workers, user_model=config.user_model)
    meta, results = run_suite(scenarios, factory, options, on_progress=on_progress)
    summary = summarise(meta, results)
    if config.retrieval and QUERIES.exists() and isinstance(factory, RuntimeFactory):
        from eval.retrieval_metrics import retrieval_report

        folder = factory.index_dir.parent if factory.index_dir is not None else None
        seed_dir = Path(str(meta["seed_dir"])) if meta.get("seed_dir") else None
        summary["retrieval"] = retrieval_report(QUERIES, folder, seed_dir)
    latencies = [t.latency_ms for r in results for t in r.turns]
    paths = write_report(out_dir, summary, latencies)
    return EvalOutcome(summary=summary, results=results, out_dir=out_dir, paths=paths)
