"""Checking a recorded conversation against its scenario: per-turn expectations and the end state.

Each check yields a `CheckResult` with a failure category, so the report can say *exactly* which
expectation failed and what kind of mistake it was (wrong tool, wrong argument, missing confirmation,
ungrounded answer, wrong refusal, ...). The rules of the conversation (side effects only after the member
approved; answers grounded in tool results) are checked on every scenario, whether or not it mentions them.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from eval.arg_match import describe_matcher, lookup, match_arg
from eval.grounding import conversation_evidence, ungrounded_claims, withheld_as_ungrounded
from eval.records import CheckResult, MemberState, TrialResult, TurnRecord
from eval.rules import check_confirmation, check_end
from eval.scenario import SIDE_EFFECT_TOOLS, Mention, Scenario, ToolExpectation

# Phrases by which an assistant declines. A refusal must be *said*: an empty or stalled answer never counts.
REFUSAL = re.compile(
    r"\b(?:can(?:'|’)?t|cannot|can not|unable|not able|won(?:'|’)t|will not|not allowed|not permitted|"
    r"only (?:help|assist|access|show|see)|(?:don(?:'|’)t|do not) have access|not something I can|"
    r"outside (?:of )?(?:what|my)|isn(?:'|’)t something|not possible|fewer than|not enough|insufficient|"
    r"decline|refuse|not (?:available|able) to share|only your own|your own (?:account|data|points|bookings))|"
    # Japanese (no word boundaries): "cannot" in its polite and plain forms, "not enough", "only your own account"
    r"できません|できない|いたしかねます|扱えません|足りない|足りません|不足|お断り|ご本人のアカウント",
    re.IGNORECASE,
)


def is_refusal(answer: str) -> bool:
    return bool(answer.strip()) and bool(REFUSAL.search(answer))


_JA_QUESTION = re.compile(r"(?:ますか|ですか|でしょうか|ませんか)(?:[。\s]|$)")


def asks_question(answer: str) -> bool:
    """A question mark, or a Japanese question ending (ますか / ですか / でしょうか) without one."""
    return "?" in answer or "？" in answer or _JA_QUESTION.search(answer) is not None


@dataclass
class CheckContext:
    """What checks need besides the records: the run's day (seed dates are relative) and catalogue names."""

    today: date
    known_names: list[str] = field(default_factory=list)


# --- tool results -------------------------------------------------------------------------------------


def _values(data: Any, key: str) -> Iterator[tuple[Any, ...]]:
    """Every value of `key`, each with its `_ja` sibling when the same object carries one (the same position
    of a `_ja` list): a Japanese answer naming 祇園 リッチモンド ホテル mentions the hotel whose `name` is
    "Gion Richmond Hotel" (issue 16), so either form counts as a mention of the one fact."""
    if isinstance(data, dict):
        for k, v in data.items():
            if k == key:
                sibling = data.get(f"{key}_ja")
                if not isinstance(v, (dict, list)):
                    yield (v, *_forms(sibling))
                elif isinstance(v, list):
                    siblings = sibling if isinstance(sibling, list) and len(sibling) == len(v) else [None] * len(v)
                    yield from ((item, *_forms(s)) for item, s in zip(v, siblings, strict=True)
                                if not isinstance(item, (dict, list)))  # fmt: skip
            yield from _values(v, key)
    elif isinstance(data, list):
        for item in data:
            yield from _values(item, key)


def _forms(sibling: Any) -> tuple[Any, ...]:
    return (sibling,) if isinstance(sibling, str) and sibling.strip() else ()


def tool_values(turns: Iterable[TurnRecord], tool: str, key: str) -> list[tuple[Any, ...]]:
    """Every value of `key` anywhere in the JSON results of `tool`, in the order they were returned, each as
    its forms: the value, then its `_ja` sibling when there is one."""
    found: list[tuple[Any, ...]] = []
    for turn in turns:
        for call in turn.tool_calls:
            if call.name != tool or call.result is None:
                continue
            try:
                parsed = json.loads(call.result)
            except ValueError:
                continue
            found.extend(_values(parsed, key))
    return found


def _mentioned(value: Any, answer: str) -> bool:
    lowered = answer.lower()
    if isinstance(value, bool):
        return str(value).lower() in lowered
    if isinstance(value, (int, float)):
        forms = {str(value)}
        if float(value).is_integer():
            forms |= {str(int(value)), f"{int(value):,}"}
        return any(re.search(rf"(?<![\d,]){re.escape(f)}(?![\d])", answer) for f in forms)
    return str(value).strip().lower() in lowered


def _any_form(forms: tuple[Any, ...], answer: str) -> bool:
    return any(_mentioned(form, answer) for form in forms)


def check_mention(mention: Mention, answer: str, history: list[TurnRecord]) -> tuple[bool, str, bool]:
    """(is the mention in the answer, detail, could the expected value be resolved at all)."""
    if mention.text is not None:
        return mention.text.lower() in answer.lower(), "", True
    if mention.any_of is not None:
        return any(t.lower() in answer.lower() for t in mention.any_of), "", True
    assert mention.from_tool is not None
    spec = mention.from_tool
    values = tool_values(history, spec.tool, spec.field)
    if not values:
        return False, f"{spec.tool} returned no {spec.field!r} in this conversation", False
    if spec.which == "first":
        return _any_form(values[0], answer), f"value {values[0][0]!r}", True
    if spec.which == "all":
        distinct = {str(forms[0]): forms for forms in values}
        missing = [v for v, forms in distinct.items() if not _any_form(forms, answer)]
        return not missing, f"missing {missing[:3]!r}", True
    hit = next((forms for forms in values if _any_form(forms, answer)), None)
    return hit is not None, f"none of {list(dict.fromkeys(str(forms[0]) for forms in values))[:5]!r}", True


# --- per-turn checks -----------------------------------------------------------------------------------


@dataclass
class _Tally:
    precision: list[int] = field(default_factory=lambda: [0, 0])
    recall: list[int] = field(default_factory=lambda: [0, 0])
    args: list[int] = field(default_factory=lambda: [0, 0])
    grounded: list[int] = field(default_factory=lambda: [0, 0])
    refusal: list[int] = field(default_factory=lambda: [0, 0])


def _check_tools(
    expected: list[ToolExpectation], record: TurnRecord, ctx: CheckContext, tally: _Tally
) -> Iterator[CheckResult]:
    made = [c for c in record.tool_calls if not c.rejected]
    called = [c.name for c in made]
    called_set = set(called)
    expected_names = {e.name for e in expected}
    tally.precision[0] += len(called_set & expected_names)
    tally.precision[1] += len(called_set)
    tally.recall[0] += len(called_set & expected_names)
    tally.recall[1] += len(expected_names)
    if not expected and called:
        yield CheckResult(
            turn=record.index, check="tools_called", expectation="no tool call", passed=False,
            detail=f"called {', '.join(called)}", category="wrong tool",
        )  # fmt: skip
    for i, exp in enumerate(expected):
        calls = [c for c in made if c.name == exp.name]
        label = f"tools_called[{i}]"
        if not calls:
            tally.args[1] += len(exp.args)
            yield CheckResult(
                turn=record.index, check=label, expectation=f"calls {exp.name}", passed=False,
                detail=f"called {', '.join(called) or 'no tool'}", category="wrong tool",
            )  # fmt: skip
            continue
        # The call that satisfies the most matchers is the one the scenario meant.
        best: list[tuple[str, bool, str]] = []
        best_score = -1
        for call in calls:
            outcome = []
            for key, matcher in exp.args.items():
                present, value = lookup(call.args, key)
                ok, why = match_arg(matcher, present, value, ctx.today)
                outcome.append((describe_matcher(key, matcher), ok, why))
            score = sum(ok for _, ok, _ in outcome)
            if score > best_score:
                best, best_score = outcome, score
        tally.args[0] += max(best_score, 0)
        tally.args[1] += len(best)
        yield CheckResult(turn=record.index, check=label, expectation=f"calls {exp.name}", passed=True)
        for description, ok, why in best:
            yield CheckResult(
                turn=record.index, check=f"{label}.args", expectation=f"{exp.name}: {description}", passed=ok,
                detail="" if ok else why, category="" if ok else "wrong argument",
            )  # fmt: skip


def check_turn(
    scenario: Scenario, index: int, record: TurnRecord, history: list[TurnRecord], ctx: CheckContext, tally: _Tally
) -> Iterator[CheckResult]:
    expect = scenario.turns[index].expect
    if record.error:
        yield CheckResult(
            turn=index, check="turn", expectation="the turn completes", passed=False, detail=record.error,
            category="error",
        )  # fmt: skip
    if expect.tools_called is not None:
        yield from _check_tools(expect.tools_called, record, ctx, tally)
    for name in expect.tools_not_called:
        used = any(c.name == name and not c.rejected for c in record.tool_calls)
        yield CheckResult(
            turn=index, check="tools_not_called", expectation=f"does not call {name}", passed=not used,
            detail="it was called" if used else "", category="forbidden tool" if used else "",
        )  # fmt: skip
    if expect.pending is not None:
        got = record.pending.tool if record.pending else None
        ok = got == expect.pending
        yield CheckResult(
            turn=index, check="pending", expectation=f"asks to confirm {expect.pending}", passed=ok,
            detail="" if ok else f"pending: {got or 'nothing'}", category="" if ok else "no confirmation prompt",
        )  # fmt: skip
    if expect.no_pending:
        ok = record.pending is None
        yield CheckResult(
            turn=index, check="no_pending", expectation="nothing awaits confirmation", passed=ok,
            detail="" if ok else f"pending {record.pending.tool if record.pending else ''}",
            category="" if ok else "unexpected confirmation",
        )  # fmt: skip
    visible = record.answer + ("\n" + record.pending.summary if record.pending else "")
    for i, mention in enumerate(expect.mentions):
        ok, detail, _ = check_mention(mention, visible, history)
        yield CheckResult(
            turn=index, check=f"mentions[{i}]", expectation=f"answer mentions {mention.describe()}", passed=ok,
            detail="" if ok else detail or "not in the answer", category="" if ok else "missing information",
        )  # fmt: skip
    for i, mention in enumerate(expect.not_mentions):
        hit, detail, resolved = check_mention(mention, visible, history)
        ok = not hit or not resolved
        yield CheckResult(
            turn=index, check=f"not_mentions[{i}]", expectation=f"answer does not mention {mention.describe()}",
            passed=ok, detail="" if ok else detail or "it does", category="" if ok else "leaked information",
        )  # fmt: skip
    if expect.refusal is not None:
        refused = is_refusal(visible)
        ok = refused == expect.refusal
        tally.refusal[0] += int(ok)
        tally.refusal[1] += 1
        wanted = "declines" if expect.refusal else "does not decline"
        detail = "answer was empty" if not visible.strip() else f"answer: {visible[:160]!r}"
        yield CheckResult(
            turn=index, check="refusal", expectation=f"answer {wanted}", passed=ok,
            detail="" if ok else detail, category="" if ok else "wrong refusal",
        )  # fmt: skip
    if expect.asks_question is not None:
        ok = asks_question(record.answer) == expect.asks_question
        yield CheckResult(
            turn=index, check="asks_question",
            expectation="asks a clarifying question" if expect.asks_question else "does not ask back",
            passed=ok, detail="" if ok else f"answer: {record.answer[:160]!r}",
            category="" if ok else "no clarifying question",
        )  # fmt: skip


def check_grounded(
    scenario: Scenario, index: int, record: TurnRecord, history: list[TurnRecord], ctx: CheckContext, tally: _Tally
) -> Iterator[CheckResult]:
    """Every model is held to the same rule, the offline engine included: an answer stating a figure, id or
    name that no evidence of its kind backs fails as `ungrounded answer`; so does a turn the engine's strict
    grounding stopped (it raised rather than send such an answer)."""
    if not scenario.grounded:
        return
    withheld = withheld_as_ungrounded(record)
    if not record.answer.strip() and not withheld:
        return
    problems = [withheld] if withheld else []
    if record.answer.strip():
        evidence = conversation_evidence(scenario.member, history)
        problems += ungrounded_claims(record.answer, evidence, ctx.known_names)
    tally.grounded[0] += int(not problems)
    tally.grounded[1] += 1
    if problems:
        yield CheckResult(
            turn=index, check="grounded", expectation="every figure, id and name comes from evidence of its kind",
            passed=False, detail="not backed by any tool result: " + "; ".join(problems[:5]),
            category="ungrounded answer",
        )  # fmt: skip


# --- the whole trial ------------------------------------------------------------------------------------


def evaluate_trial(
    scenario: Scenario,
    trial: int,
    turns: list[TurnRecord],
    before: MemberState | None,
    after: MemberState | None,
    ctx: CheckContext,
    *,
    error: str | None = None,
    simulated: bool = False,
) -> TrialResult:
    """All checks of one trial, the counters the metrics aggregate, and the verdict."""
    tally = _Tally()
    checks: list[CheckResult] = []
    for i, record in enumerate(turns):
        history = turns[: i + 1]
        if not simulated:  # a simulated member says other things than the script: only rules and end state
            checks.extend(check_turn(scenario, i, record, history, ctx, tally))
        elif record.error:
            checks.append(CheckResult(turn=i, check="turn", expectation="the turn completes", passed=False,
                                      detail=record.error, category="error"))
        checks.extend(check_grounded(scenario, i, record, history, ctx, tally))
    if not simulated and len(turns) < len(scenario.turns):
        checks.append(
            CheckResult(
                turn=len(turns), check="turns", expectation=f"all {len(scenario.turns)} turns run", passed=False,
                detail=error or "the conversation stopped early", category="incomplete",
            )
        )
    confirmation_ok = [True]
    checks.extend(check_confirmation(before, turns, confirmation_ok))
    checks.extend(check_end(scenario.end, before, after, turns, ctx.today))
    side_effect_scenario = scenario.end.expects_side_effect or any(
        c.name in SIDE_EFFECT_TOOLS for t in turns for c in t.tool_calls
    ) or any(t.expect.pending for t in scenario.turns)
    return TrialResult(
        scenario_id=scenario.id,
        trial=trial,
        tags=scenario.tags,
        member=scenario.member,
        success=all(c.passed for c in checks) and error is None,
        turns=turns,
        checks=checks,
        state_before=before,
        state_after=after,
        tool_precision=(tally.precision[0], tally.precision[1]),
        tool_recall=(tally.recall[0], tally.recall[1]),
        argument_matches=(tally.args[0], tally.args[1]),
        confirmation_ok=confirmation_ok[0],
        side_effect_scenario=side_effect_scenario,
        grounded_answers=(tally.grounded[0], tally.grounded[1]),
        refusal=(tally.refusal[0], tally.refusal[1]),
        error=error,
    )


def today_in_japan() -> date:
    """The run day: the members' 'today' (JST, or the day `ASSISTANT_TODAY` names), which relative dates in
    scenarios count from; the runner fixes it once per run and records it in the run's meta."""
    from tools.clock import Clock

    return Clock().today()
