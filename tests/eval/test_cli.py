"""`assistant eval` as QA runs it: a real provider without its key fails fast; --compare prints the changes."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import CliRunner

from assistant.cli import app
from eval.suite import EvalConfig, run_eval
from tests.eval.fakes import Behaviour, FakeFactory
from tests.eval.test_runner import BALANCE, BOOK


def test_real_model_without_key_fails_fast_naming_the_variable(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    for name in ("OPENAI_API_KEY", "ASSISTANT_API_KEY", "ASSISTANT_API_BASE"):
        monkeypatch.delenv(name, raising=False)
    result = CliRunner().invoke(app, ["eval", "--model", "openai/gpt-4.1-mini", "--out", str(tmp_path / "run")])
    assert result.exit_code == 2, result.output
    assert "OPENAI_API_KEY" in result.output
    assert not (tmp_path / "run").exists()  # nothing was seeded or written


def test_bad_scenario_folder_is_reported_with_file_and_line(
    tmp_path: Path, write_scenarios: Callable[..., Path]
) -> None:
    folder = write_scenarios({"bad.yaml": BALANCE.replace("refusal: false", "refusl: false")})
    result = CliRunner().invoke(app, ["eval", "--scenarios", str(folder), "--out", str(tmp_path / "run")])
    assert result.exit_code == 2
    assert "bad.yaml:10:" in result.output.replace("\n", "") and "refusl" in result.output


def test_compare_prints_regressions(tmp_path: Path, write_scenarios: Callable[..., Path]) -> None:
    folder = write_scenarios({"book.yaml": BOOK, "balance.yaml": BALANCE})
    for name, behaviour in (("good", Behaviour()), ("bad", Behaviour(invent_price=True))):
        config = EvalConfig(scenarios_dir=folder, out_dir=tmp_path / name, model="fake", retrieval=False)
        run_eval(config, factory=FakeFactory(behaviour=behaviour))
    result = CliRunner().invoke(app, ["eval", "--compare", str(tmp_path / "good"), str(tmp_path / "bad")])
    assert result.exit_code == 0, result.output
    assert "Regressions (1)" in result.output and "hotel-book" in result.output
    assert (tmp_path / "bad" / "compare.md").exists()
