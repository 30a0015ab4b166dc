"""The QA view answers QA's question first: the summary line vs the last release, plain metric names, and
progress while the suite runs."""

from __future__ import annotations

import json
import time
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest

from eval import ui
from eval.qa_summary import metrics_html, qa_view, summary_line


def _run(root: Path, name: str, success: float, tags: dict[str, float], model: str = "offline") -> Path:
    folder = root / name
    folder.mkdir(parents=True)
    summary = {"model": model, "overall": {"task_success": success, "pass_k": success, "turn_p50_ms": 120.0},
               "by_tag": {tag: {"task_success": value} for tag, value in tags.items()}}
    (folder / "results.json").write_text(json.dumps(summary), encoding="utf-8")
    (folder / "report.md").write_text("# Eval report\n", encoding="utf-8")
    return folder


def test_summary_line_names_the_change_and_where(tmp_path: Path) -> None:
    _run(tmp_path, "offline-20261130", 0.90, {"hotels": 0.88, "points": 0.80, "plans": 1.0})
    time.sleep(0.05)
    _run(tmp_path, "other-20261201", 0.10, {"hotels": 0.0}, model="openai/gpt-4.1")  # another model: not the baseline
    time.sleep(0.05)
    current = _run(tmp_path, "offline-20261201", 0.87, {"hotels": 0.80, "points": 0.82, "plans": 1.0})
    line, table = qa_view(current, tmp_path)
    assert line.startswith("87% task success, −3 points vs the last release: hotels −8, points +2")
    assert "offline-20261130" in line
    assert 'title="task success"' in table and "Conversations that fully succeeded" in table
    assert 'title="pass^k (τ-bench)"' in table and "pass^k</" not in table  # jargon only in the tooltip


def test_first_run_has_nothing_to_compare(tmp_path: Path) -> None:
    current = _run(tmp_path, "offline-1", 0.5, {})
    assert qa_view(current, tmp_path)[0] == "50% task success (no earlier run of this model to compare with)"
    assert summary_line({"overall": {"task_success": 0.5}}, {"overall": {"task_success": 0.5}}).endswith(
        "no change vs the last release")
    assert "Typical reply time" in metrics_html({"overall": {"turn_p50_ms": 100.0}}, None)


def test_progress_is_live_and_counts_passes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _run(tmp_path, "offline-00000000", 1.0, {"hotels": 1.0})

    def fake_run_eval(config: Any, on_progress: Any) -> Any:
        time.sleep(0.05)
        for done, success in ((1, True), (2, False), (3, True)):
            on_progress(done, 3, SimpleNamespace(scenario_id=f"s{done}", success=success))
        folder = _run(tmp_path, config.out_dir.name, 2 / 3, {"hotels": 2 / 3})
        return SimpleNamespace(out_dir=folder, paths={"html": folder / "report.html"})

    monkeypatch.setattr(ui, "run_eval", fake_run_eval)
    lines = [line for line, _, _ in ui.run_with_progress("offline", [], 1, runs_root=tmp_path)]
    assert lines[0].startswith("Preparing offline")
    progress = [line for line in lines if line.startswith("Scenario")]
    assert progress == ["Scenario 1 of 3 · 1 passed so far (100%) · last: s1 passed",
                        "Scenario 2 of 3 · 1 passed so far (50%) · last: s2 failed",
                        "Scenario 3 of 3 · 2 passed so far (67%) · last: s3 passed"]
    assert lines[-1].startswith("**Done: 67% task success, −33 points vs the last release: hotels −33")


def test_progress_stays_on_the_page_while_a_long_scenario_runs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Between two scenarios the heartbeat repeats the last count (never a blank line, nor "preparing" after the
    first scenario failed)."""

    def slow_run_eval(config: Any, on_progress: Any) -> Any:
        on_progress(1, 2, SimpleNamespace(scenario_id="s1", success=False))
        time.sleep(0.3)  # several heartbeats
        on_progress(2, 2, SimpleNamespace(scenario_id="s2", success=True))
        folder = _run(tmp_path, config.out_dir.name, 0.5, {})
        return SimpleNamespace(out_dir=folder, paths={"html": folder / "report.html"})

    monkeypatch.setattr(ui, "run_eval", slow_run_eval)
    monkeypatch.setattr(ui, "HEARTBEAT_S", 0.05)
    lines = [line for line, _, _ in ui.run_with_progress("offline", [], 1, runs_root=tmp_path)]
    first = "Scenario 1 of 2 · 0 passed so far (0%) · last: s1 failed"
    between = lines[lines.index(first) + 1:lines.index("Scenario 2 of 2 · 1 passed so far (50%) · last: s2 passed")]
    assert between and set(between) == {first}
    assert all(line.strip() for line in lines)


def test_a_finished_run_opens_with_the_summary_line_before_the_report(tmp_path: Path) -> None:
    """Choosing a finished run in the QA view answers QA's question first: the summary line vs the last release,
    then the plain-named metrics, and only then the full report with its metadata and technical names."""
    _run(tmp_path, "offline-20261130", 0.90, {"hotels": 0.88})
    time.sleep(0.05)
    _run(tmp_path, "offline-20261201", 0.87, {"hotels": 0.80})
    shown, html = ui.show_run("offline-20261201", runs_root=tmp_path)
    assert shown.startswith("**87% task success, −3 points vs the last release: hotels −8")
    assert shown.index("Conversations that fully succeeded") < shown.index("# Eval report")
    assert html is not None and html.endswith("report.html")
    assert ui.show_run("", runs_root=tmp_path) == ("Choose a finished run.", None)
