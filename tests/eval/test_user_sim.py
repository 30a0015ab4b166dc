"""The simulated member (for real models): it talks from the goal, answers the confirmation, and the trial is
graded on the end state, not on the scripted turns."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

import eval.user_sim
from eval.suite import EvalConfig, run_eval
from tests.eval.fakes import Behaviour, FakeFactory

GOAL = """
id: sim-book
tags: [hotels, simulated]
member: M0001
goal: You want a hotel in Kyoto for 2 nights and you book the first one offered.
turns:
  - user: this scripted turn is not used by the simulator
    expect: {tools_called: [{name: compare_products}]}
end:
  bookings_created: 1
"""


def _scripted_member(lines: list[str]) -> Callable[[str], Callable[[list[dict[str, str]]], str]]:
    said: list[list[dict[str, str]]] = []

    def factory(model: str) -> Callable[[list[dict[str, str]]], str]:
        assert model == "openai/sim-user"

        def complete(messages: list[dict[str, str]]) -> str:
            said.append(messages)
            if "APPROVE" in messages[-1]["content"]:
                assert "Book Kamogawa Riverside Inn" in messages[-1]["content"]
                return "APPROVE"
            return lines.pop(0)

        return complete

    return factory


def test_simulated_member_reaches_the_goal(
    write_scenarios: Callable[..., Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    script = ["find me a hotel in Kyoto", "book it please", "###STOP###"]
    monkeypatch.setattr(eval.user_sim, "litellm_completion", _scripted_member(script))
    config = EvalConfig(scenarios_dir=write_scenarios({"sim.yaml": GOAL}), out_dir=tmp_path / "run", model="fake",
                        user_model="openai/sim-user", retrieval=False)  # fmt: skip
    outcome = run_eval(config, factory=FakeFactory(behaviour=Behaviour()))
    assert outcome.summary["failures"] == [], outcome.summary["failures"]
    [trial] = outcome.results
    assert [t.kind for t in trial.turns] == ["user", "user", "approve"]
    assert trial.state_after is not None and len(trial.state_after.bookings) == 1
    assert script == []


def test_simulated_member_that_gives_up_fails_the_end_state(
    write_scenarios: Callable[..., Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    member = _scripted_member(["find me a hotel in Kyoto", "###STOP###"])
    monkeypatch.setattr(eval.user_sim, "litellm_completion", member)
    config = EvalConfig(scenarios_dir=write_scenarios({"sim.yaml": GOAL}), out_dir=tmp_path / "run", model="fake",
                        user_model="openai/sim-user", retrieval=False)  # fmt: skip
    outcome = run_eval(config, factory=FakeFactory(behaviour=Behaviour()))
    [failure] = outcome.summary["failures"]
    assert failure["category"] == "incomplete"
