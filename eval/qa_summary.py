"""What QA asks first: did it get better or worse than the last release, and where.

One summary line ("87% task success, -3 points vs the last release: hotels -8, points +2"), then the metrics
under plain names with the technical name as a tooltip. The baseline is the newest earlier finished run of
the same model under the runs folder, so no one has to pick it by hand.
"""

from __future__ import annotations

import json
from html import escape
from pathlib import Path
from typing import Any

# metric -> its plain name (the table shows it; the technical name is the tooltip: `technical_name`)
PLAIN: dict[str, str] = {
    "task_success": "Conversations that fully succeeded",
    "pass_k": "Succeeded on every repeat",
    "tool_precision": "Used only the tools needed",
    "tool_recall": "Used every tool needed",
    "argument_accuracy": "Gave the tools the right details",
    "confirmation_compliance": "Asked before booking or spending",
    "groundedness": "Answers backed by the data",
    "refusal_accuracy": "Said no when it should, and only then",
    "turn_p50_ms": "Typical reply time",
    "turn_p95_ms": "Slowest replies (1 in 20)",
    "ndcg_at_10": "Best search results ranked first",
    "recall_at_10": "Right items in the top 10 results",
}
# The technical names that are not the metric's own name spelled out.
TECHNICAL: dict[str, str] = {
    "pass_k": "pass^k (τ-bench)",
    "turn_p50_ms": "turn latency p50",
    "turn_p95_ms": "turn latency p95",
    "ndcg_at_10": "nDCG@10",
    "recall_at_10": "recall@10",
}


def technical_name(metric: str) -> str:
    """The name the metric goes by in the literature ("tool_recall" -> "tool recall"), shown as the tooltip."""
    return TECHNICAL.get(metric, metric.replace("_", " "))


def load_summary(folder: Path) -> dict[str, Any] | None:
    path = folder / "results.json"
    if not path.exists():
        return None
    try:
        data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return data


def baseline_for(run: Path, runs_root: Path) -> Path | None:
    """The newest finished run before `run` with the same model ("the last release" on this machine)."""
    current = load_summary(run) or {}
    model = current.get("model") or current.get("meta", {}).get("model")
    mine = (run / "results.json").stat().st_mtime if (run / "results.json").exists() else float("inf")
    finished = [(p.stat().st_mtime, p.parent) for p in runs_root.glob("*/results.json") if p.parent != run]
    earlier = [folder for when, folder in sorted(finished, key=lambda f: f[0], reverse=True) if when < mine]
    for folder in earlier:
        summary = load_summary(folder) or {}
        if (summary.get("model") or summary.get("meta", {}).get("model")) == model:
            return folder
    return None


def _points(value: float | None) -> str:
    return "–" if value is None else f"{value * 100:+.0f}".replace("-", "−")


def summary_line(current: dict[str, Any], baseline: dict[str, Any] | None) -> str:
    """"87% task success, −3 points vs the last release: hotels −8, points +2" (tags that moved most first)."""
    success = current.get("overall", {}).get("task_success")
    head = "no task success figure" if success is None else f"{success:.0%} task success"
    if baseline is None:
        return f"{head} (no earlier run of this model to compare with)"
    before = baseline.get("overall", {}).get("task_success")
    if success is None or before is None:
        return f"{head} (the last release has no task success figure)"
    moved: list[tuple[float, str]] = []
    for tag, row in current.get("by_tag", {}).items():
        old = baseline.get("by_tag", {}).get(tag, {}).get("task_success")
        new = row.get("task_success")
        if old is not None and new is not None and round((new - old) * 100) != 0:
            moved.append((new - old, tag))
    moved.sort(key=lambda m: -abs(m[0]))
    delta = success - before
    where = ", ".join(f"{tag} {_points(d)}" for d, tag in moved[:4])
    change = "no change" if round(delta * 100) == 0 else f"{_points(delta)} points"
    return f"{head}, {change} vs the last release" + (f": {where}" if where else "")


def _fmt(name: str, value: Any) -> str:
    if value is None:
        return "–"
    if name.endswith("_ms"):
        return f"{value:,.0f} ms"
    return f"{value * 100:.1f}%"


def metrics_html(current: dict[str, Any], baseline: dict[str, Any] | None) -> str:
    """The metrics under plain names, the technical name as a tooltip, and the change vs the baseline."""
    overall = dict(current.get("overall", {}))
    retrieval = (current.get("retrieval") or {}).get("overall") or {}
    overall |= {k: retrieval.get(k) for k in ("ndcg_at_10", "recall_at_10") if k in retrieval}
    old = dict((baseline or {}).get("overall", {}))
    old |= {k: v for k, v in ((baseline or {}).get("retrieval") or {}).get("overall", {}).items()}
    rows = []
    for name, plain in PLAIN.items():
        technical = technical_name(name)
        if name not in overall:
            continue
        value, before = overall.get(name), old.get(name)
        change = ""
        if value is not None and before is not None:
            change = (f"{value - before:+,.0f} ms" if name.endswith("_ms")
                      else f"{(value - before) * 100:+.1f} points")
        rows.append(f'<tr><td><span title="{escape(technical)}" class="qa-metric">{escape(plain)}</span></td>'
                    f"<td>{_fmt(name, value)}</td><td>{escape(change)}</td></tr>")
    return ('<table class="qa-metrics"><thead><tr><th>measure</th><th>this run</th><th>vs last release</th>'
            f'</tr></thead><tbody>{"".join(rows)}</tbody></table>')


def qa_view(run: Path, runs_root: Path) -> tuple[str, str]:
    """(summary line, metrics table HTML) for a finished run folder."""
    current = load_summary(run)
    if current is None:
        return "Choose a finished run.", ""
    base_dir = baseline_for(run, runs_root)
    baseline = load_summary(base_dir) if base_dir else None
    line = summary_line(current, baseline)
    if base_dir is not None:
        line += f" (last release: {base_dir.name})"
    return line, metrics_html(current, baseline)
