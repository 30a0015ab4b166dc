"""bench/agent.py --runs N: every figure reported is the median over the runs of that run's figure."""

from __future__ import annotations

from bench.agent import MEASURES, median_run, run_result, run_summary
from bench.percentiles import percentile


def _rows(overhead: list[float]) -> list[dict[str, float]]:
    return [{key: value for _, key in MEASURES} | {"overhead": value} for value in overhead]


def test_a_run_summary_has_the_p50_and_p95_of_every_measure() -> None:
    run = run_summary(_rows([10.0, 20.0, 30.0, 40.0]))
    assert run["overhead_p50"] == 25.0 and run["overhead_p95"] == percentile([10.0, 20.0, 30.0, 40.0], 95)
    assert set(run) == {f"{key}_{p}" for _, key in MEASURES for p in ("p50", "p95")}


def test_the_reported_p95_is_the_median_of_the_per_run_p95s() -> None:
    runs = [run_summary(_rows(values)) for values in ([10.0] * 20, [50.0] * 19 + [500.0], [20.0] * 20)]
    p95s = [run["overhead_p95"] for run in runs]
    assert median_run(runs)["overhead_p95"] == sorted(p95s)[1]  # not the slow run's, nor the pooled rows'
    assert run_result(median_run(runs))["framework_overhead_p95_ms"] == round(sorted(p95s)[1], 2)
    one = run_summary(_rows([12.0, 14.0]))
    assert median_run([one]) == one  # one run reports what it measured, as before --runs
