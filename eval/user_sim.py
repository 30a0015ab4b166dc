"""The simulated member (τ-bench's user simulator): an LLM plays the member from the scenario's prose goal.

Only for real models (`--user-model NAME`): the offline engine is graded on the scripted turns, which keeps
its runs deterministic. The simulator speaks one message at a time, answers confirmations with APPROVE or
REJECT in the light of its goal, and ends the conversation with `###STOP###`; the trial is then graded on
the end state and the conversation's rules, like any other.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from typing import Any

from assistant.web.turn_service import TurnRequest
from eval.records import TurnRecord
from eval.runner import consume_turn, resolve_decision, turn_events
from eval.scenario import Scenario
from eval.session import EvalSession

STOP = "###STOP###"
Completion = Callable[[list[dict[str, str]]], str]


def litellm_completion(model: str) -> Completion:
    """A chat completion function for the simulator (deterministic as the provider allows)."""
    os.environ.setdefault("LITELLM_LOCAL_MODEL_COST_MAP", "True")

    def complete(messages: list[dict[str, str]]) -> str:
        import litellm

        response: Any = litellm.completion(model=model, messages=messages, temperature=0.0, num_retries=2)
        return str(response.choices[0].message.content or "").strip()

    return complete


def _prompt(name: str, **variables: Any) -> str:
    from assistant.prompts import render_prompt

    return render_prompt(f"eval/{name}", **variables)


class SimulatedMember:
    """Keeps the member's side of the dialogue: the assistant's answers are the simulator's 'user' turns."""

    def __init__(self, goal: str, complete: Completion) -> None:
        self.goal = goal
        self.complete = complete
        self.messages: list[dict[str, str]] = [{"role": "system", "content": _prompt("user_sim.md.j2", goal=goal)}]

    def opening(self) -> str:
        self.messages.append({"role": "user", "content": "(The assistant is waiting for your first message.)"})
        return self._say()

    def reply(self, answer: str) -> str:
        self.messages.append({"role": "user", "content": answer or "(no answer)"})
        return self._say()

    def decide(self, summary: str) -> bool:
        verdict = self.complete(
            [{"role": "user", "content": _prompt("user_sim_decide.md.j2", goal=self.goal, summary=summary)}]
        )
        return verdict.strip().upper().startswith("APPROVE")

    def _say(self) -> str:
        text = self.complete(self.messages)
        self.messages.append({"role": "assistant", "content": text})
        return text


def run_simulated(
    scenario: Scenario, session: EvalSession, user_model: str, complete: Completion | None = None
) -> tuple[list[TurnRecord], str | None]:
    """Let the simulated member talk to the assistant until it stops or its turn budget runs out."""
    assert scenario.goal, "a simulated run needs the scenario's goal"
    member = SimulatedMember(scenario.goal, complete or litellm_completion(user_model))
    thread = session.turns.thread(scenario.member, None)
    records: list[TurnRecord] = []
    message = member.opening()
    for index in range(scenario.max_user_turns * 2):
        if STOP in message or not message.strip():
            break
        started = time.perf_counter()
        last = records[-1] if records else None
        if last is not None and last.pending is not None:
            approve = member.decide(last.pending.summary)
            request = TurnRequest(member_id=scenario.member, thread_id=thread, decision=approve)
            record = consume_turn(index, "approve" if approve else "reject", message, turn_events(session, request))
            resolve_decision(record, last)
        else:
            request = TurnRequest(member_id=scenario.member, thread_id=thread, text=message)
            record = consume_turn(index, "user", message, turn_events(session, request))
        record.latency_ms = (time.perf_counter() - started) * 1000
        record.state_after = session.snapshot(scenario.member)
        records.append(record)
        if record.error:
            return records, record.error
        if record.pending is not None:
            message = "(deciding)"  # the next loop turns the pending action into a decision
            continue
        message = member.reply(record.answer)
    return records, None
