"""Comparing two runs: which scenarios regressed or improved, and how every metric moved.

A scenario regresses when its success rate over trials fell (passed in A, fails in B); metrics move by
their absolute difference, with direction taken into account (latency and cost are better lower).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from eval.metrics import LOWER_IS_BETTER, METRIC_NAMES
from eval.report import fmt


def load_results(run: Path) -> dict[str, Any]:
    path = run / "results.json" if run.is_dir() else run
    if not path.exists():
        raise FileNotFoundError(f"{path}: not a finished eval run (no results.json)")
    data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return data


def _rate(outcomes: list[bool]) -> float:
    return sum(outcomes) / len(outcomes) if outcomes else 0.0


def compare_runs(a: dict[str, Any], b: dict[str, Any], *, tolerance: float = 0.005) -> dict[str, Any]:
    """What changed from run A (baseline) to run B (candidate)."""
    out_a, out_b = a.get("scenario_outcomes", {}), b.get("scenario_outcomes", {})
    regressions, improvements = [], []
    for sid in sorted(set(out_a) & set(out_b)):
        ra, rb = _rate(out_a[sid]), _rate(out_b[sid])
        if rb < ra:
            regressions.append({"scenario": sid, "before": ra, "after": rb, **_why(b, sid)})
        elif rb > ra:
            improvements.append({"scenario": sid, "before": ra, "after": rb})
    metrics = []
    for name in (*METRIC_NAMES, "cost_usd"):
        va, vb = a["overall"].get(name), b["overall"].get(name)
        metrics.append({"metric": name, "a": va, "b": vb, "change": _direction(name, va, vb, tolerance)})
    tags = []
    for tag in sorted(set(a.get("by_tag", {})) | set(b.get("by_tag", {}))):
        va = a.get("by_tag", {}).get(tag, {}).get("task_success")
        vb = b.get("by_tag", {}).get(tag, {}).get("task_success")
        tags.append({"tag": tag, "a": va, "b": vb, "change": _direction("task_success", va, vb, tolerance)})
    return {
        "a": {"model": a.get("model"), "commit": a.get("meta", {}).get("commit")},
        "b": {"model": b.get("model"), "commit": b.get("meta", {}).get("commit")},
        "regressions": regressions,
        "improvements": improvements,
        "only_in_a": sorted(set(out_a) - set(out_b)),
        "only_in_b": sorted(set(out_b) - set(out_a)),
        "metrics": metrics,
        "by_tag": tags,
    }


def _why(run: dict[str, Any], sid: str) -> dict[str, Any]:
    for failure in run.get("failures", []):
        if failure["scenario"] == sid:
            first = failure["failed"][0] if failure["failed"] else {}
            detail = f"{first.get('expectation', '')}: {first.get('detail', '')}"
            return {"category": failure["category"], "detail": detail}
    return {}


def _direction(name: str, a: float | None, b: float | None, tolerance: float) -> str:
    if a is None or b is None:
        return "n/a"
    delta = b - a
    scale = max(abs(a), 1.0) if name in LOWER_IS_BETTER else 1.0
    if abs(delta) / scale <= tolerance or (name in LOWER_IS_BETTER and abs(delta) / scale <= 0.1):
        return "same"
    better = delta < 0 if name in LOWER_IS_BETTER else delta > 0
    return "better" if better else "worse"


def render_comparison(diff: dict[str, Any]) -> str:
    a, b = diff["a"], diff["b"]
    lines = [
        f"# Comparison: {a['model']} ({a['commit']}) → {b['model']} ({b['commit']})",
        "",
        "| metric | A | B | change |",
        "| --- | --- | --- | --- |",
    ]
    lines += [f"| {m['metric']} | {fmt(m['metric'], m['a'])} | {fmt(m['metric'], m['b'])} | {m['change']} |"
              for m in diff["metrics"]]  # fmt: skip
    lines += ["", f"## Regressions ({len(diff['regressions'])})", ""]
    lines += [
        f"- {r['scenario']}: {r['before']:.0%} → {r['after']:.0%} {r.get('category', '')} "
        f"{r.get('detail', '')}".rstrip()
        for r in diff["regressions"]
    ] or ["none"]
    lines += ["", f"## Improvements ({len(diff['improvements'])})", ""]
    lines += [f"- {r['scenario']}: {r['before']:.0%} → {r['after']:.0%}" for r in diff["improvements"]] or ["none"]
    lines += ["", "## Task success by tag", "", "| tag | A | B | change |", "| --- | --- | --- | --- |"]
    lines += [f"| {t['tag']} | {fmt('task_success', t['a'])} | {fmt('task_success', t['b'])} | {t['change']} |"
              for t in diff["by_tag"]]  # fmt: skip
    if diff["only_in_a"] or diff["only_in_b"]:
        only_a, only_b = ", ".join(diff["only_in_a"]) or "-", ", ".join(diff["only_in_b"]) or "-"
        lines += ["", f"Only in A: {only_a}; only in B: {only_b}"]
    return "\n".join(lines) + "\n"


def write_comparison(run_a: Path, run_b: Path, out: Path | None = None) -> tuple[dict[str, Any], Path]:
    """Compare two run folders and write `compare.md` / `compare.json` (into B's folder by default)."""
    diff = compare_runs(load_results(run_a), load_results(run_b))
    target = out or (run_b if run_b.is_dir() else run_b.parent)
    target.mkdir(parents=True, exist_ok=True)
    (target / "compare.json").write_text(json.dumps(diff, indent=2), encoding="utf-8")
    path = target / "compare.md"
    path.write_text(render_comparison(diff), encoding="utf-8")
    return diff, path
