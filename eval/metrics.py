"""Aggregating trials into the numbers QA decides on, overall and per tag.

pass^k follows τ-bench: for a scenario run n times with c successes, the chance that k trials drawn
without replacement all succeed is C(c, k) / C(n, k); it is averaged over scenarios. A ratio whose
denominator is zero (no side-effect scenario in a tag, say) is reported as null rather than 1.0, so an
empty category can never look perfect.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from math import comb
from typing import Any

from eval.records import TrialResult

METRIC_NAMES = (
    "task_success", "pass_k", "tool_precision", "tool_recall", "argument_accuracy", "confirmation_compliance",
    "groundedness", "refusal_accuracy", "turn_p50_ms", "turn_p95_ms",
)  # fmt: skip
# Higher is better for all but latency and cost.
LOWER_IS_BETTER = frozenset({"turn_p50_ms", "turn_p95_ms", "cost_usd", "input_tokens", "output_tokens"})


def _ratio(num: int, den: int) -> float | None:
    return round(num / den, 4) if den else None


def percentile(values: list[float], q: float) -> float | None:
    """Linear-interpolated percentile (q in 0..100); None for no values."""
    if not values:
        return None
    ordered = sorted(values)
    if len(ordered) == 1:
        return round(ordered[0], 1)
    position = (len(ordered) - 1) * q / 100
    low = int(position)
    high = min(low + 1, len(ordered) - 1)
    return round(ordered[low] + (ordered[high] - ordered[low]) * (position - low), 1)


def pass_hat_k(successes: int, trials: int, k: int) -> float:
    """τ-bench's pass^k for one scenario: all of k trials (drawn from the n run) succeed."""
    if k > trials or trials == 0:
        return 0.0
    return comb(successes, k) / comb(trials, k)


def aggregate(results: Iterable[TrialResult], k: int | None = None) -> dict[str, Any]:
    """The metrics of a set of trials (one tag's, or all)."""
    trials = list(results)
    by_scenario: dict[str, list[TrialResult]] = defaultdict(list)
    for r in trials:
        by_scenario[r.scenario_id].append(r)
    n_trials = max((len(v) for v in by_scenario.values()), default=0)
    k = k or n_trials or 1

    def total(attr: str, index: int) -> int:
        return sum(getattr(r, attr)[index] for r in trials)

    side_effect = [r for r in trials if r.side_effect_scenario or not r.confirmation_ok]
    latencies = [t.latency_ms for r in trials for t in r.turns]
    pass_k = (
        round(sum(pass_hat_k(sum(t.success for t in v), len(v), k) for v in by_scenario.values()) / len(by_scenario), 4)
        if by_scenario
        else None
    )
    return {
        "scenarios": len(by_scenario),
        "trials": len(trials),
        "task_success": _ratio(sum(r.success for r in trials), len(trials)),
        "pass_k": pass_k,
        "k": k,
        "tool_precision": _ratio(total("tool_precision", 0), total("tool_precision", 1)),
        "tool_recall": _ratio(total("tool_recall", 0), total("tool_recall", 1)),
        "argument_accuracy": _ratio(total("argument_matches", 0), total("argument_matches", 1)),
        "confirmation_compliance": _ratio(sum(r.confirmation_ok for r in side_effect), len(side_effect)),
        "groundedness": _ratio(total("grounded_answers", 0), total("grounded_answers", 1)),
        "refusal_accuracy": _ratio(total("refusal", 0), total("refusal", 1)),
        "turn_p50_ms": percentile(latencies, 50),
        "turn_p95_ms": percentile(latencies, 95),
        "turns": len(latencies),
        "input_tokens": sum(t.usage.get("input_tokens", 0) for r in trials for t in r.turns),
        "output_tokens": sum(t.usage.get("output_tokens", 0) for r in trials for t in r.turns),
        "cost_usd": round(sum(r.cost_usd for r in trials), 6),
    }


def pass_curve(results: Iterable[TrialResult]) -> dict[str, float]:
    """pass^1 .. pass^n, the τ-bench reliability curve."""
    trials = list(results)
    by_scenario: dict[str, list[TrialResult]] = defaultdict(list)
    for r in trials:
        by_scenario[r.scenario_id].append(r)
    if not by_scenario:
        return {}
    n = min(len(v) for v in by_scenario.values())
    curve = {}
    for k in range(1, n + 1):
        scores = [pass_hat_k(sum(t.success for t in v), len(v), k) for v in by_scenario.values()]
        curve[str(k)] = round(sum(scores) / len(scores), 4)
    return curve


def failure_entries(results: Iterable[TrialResult]) -> list[dict[str, Any]]:
    """One entry per failed trial: what failed, its category, and the conversation to read it against."""
    entries = []
    for r in sorted(results, key=lambda r: (r.scenario_id, r.trial)):
        if r.success:
            continue
        failed = r.failures
        categories = list(dict.fromkeys(c.category or "other" for c in failed)) or ["error"]
        entries.append(
            {
                "scenario": r.scenario_id,
                "trial": r.trial,
                "tags": r.tags,
                "member": r.member,
                "category": categories[0],
                "categories": categories,
                "failed": [c.model_dump() for c in failed],
                "error": r.error,
                "conversation": [
                    {
                        "turn": t.index,
                        "kind": t.kind,
                        "user": t.text,
                        "tool_calls": [
                            {"name": c.name, "args": c.args, "result": (c.result or "")[:600], "ok": c.ok}
                            for c in t.tool_calls
                        ],
                        "pending": t.pending.model_dump() if t.pending else None,
                        "answer": t.answer,
                        "error": t.error,
                    }
                    for t in r.turns
                ],
            }
        )
    return entries


def summarise(meta: dict[str, Any], results: list[TrialResult]) -> dict[str, Any]:
    """The `results.json` document: metadata, overall and per-tag metrics, failures."""
    tags = sorted({t for r in results for t in r.tags})
    failures = failure_entries(results)
    overall = aggregate(results)
    return {
        "model": meta.get("model"),
        "scenarios": overall["scenarios"],
        "trials": meta.get("trials", 1),
        "meta": meta,
        "overall": overall,
        "pass_curve": pass_curve(results),
        "by_tag": {tag: aggregate([r for r in results if tag in r.tags]) for tag in tags},
        "failure_categories": dict(Counter(f["category"] for f in failures).most_common()),
        "scenario_outcomes": {
            sid: [r.success for r in sorted(group, key=lambda r: r.trial)]
            for sid, group in _group(results).items()
        },
        "failures": failures,
    }


def _group(results: list[TrialResult]) -> dict[str, list[TrialResult]]:
    out: dict[str, list[TrialResult]] = defaultdict(list)
    for r in results:
        out[r.scenario_id].append(r)
    return dict(sorted(out.items()))
