"""One percentile definition for every benchmark: bench/percentiles.py, and no module keeps its own."""

from __future__ import annotations

import ast
import statistics
from pathlib import Path

from bench.percentiles import percentile

BENCH = Path(__file__).resolve().parents[2] / "bench"


def test_percentile_interpolates_and_agrees_with_the_median() -> None:
    values = [40.0, 10.0, 30.0, 20.0]
    assert percentile(values, 50) == statistics.median(values) == 25.0
    assert percentile(values, 0) == 10.0 and percentile(values, 100) == 40.0
    assert percentile(values, 95) == 38.5  # between the two largest, not one of them
    assert percentile([], 95) == 0.0


def test_no_benchmark_defines_its_own_percentile() -> None:
    own = [
        f"{path.name}:{node.name}"
        for path in BENCH.glob("*.py") if path.name != "percentiles.py"
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
        if isinstance(node, ast.FunctionDef) and "percentile" in node.name
    ]
    calls = [path.name for path in BENCH.glob("*.py")
             if path.name != "percentiles.py" and "np.percentile" in path.read_text(encoding="utf-8")]
    assert own == [] and calls == [], (own, calls)
