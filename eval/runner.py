"""Running scenarios: a fresh database and index per trial, trials in parallel where the model allows.

The run folder is the unit of work: `run.json` (metadata), `trials/<scenario>__<k>.json` (one per trial,
written as soon as it finishes, which is what makes a run resumable), then `results.json`, `report.md` and
`report.html` once every trial is in. For the offline engine the result is deterministic: same scenarios,
same seed data, same verdicts.
"""

from __future__ import annotations

import json
import logging
import os
import shutil
import subprocess
import tempfile
import time
import traceback
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Executor, Future, ProcessPoolExecutor, ThreadPoolExecutor, as_completed
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from assistant.events import Notice, PendingAction, TextDelta, ToolCall, ToolResult, TurnEnd, TurnEvent
from assistant.web.turn_service import TurnRequest
from eval.expectations import CheckContext, evaluate_trial, today_in_japan
from eval.records import PendingRecord, ToolCallRecord, TrialResult, TurnKind, TurnRecord
from eval.scenario import Scenario
from eval.session import EvalSession, SessionFactory

log = logging.getLogger("eval")

ProgressCallback = Callable[[int, int, TrialResult], None]


@dataclass
class RunOptions:
    out_dir: Path
    trials: int = 1
    workers: int | None = None  # None: 2 processes offline, 4 threads for real models, 1 for injected models
    user_model: str | None = None  # a litellm model that plays the member from the scenario's goal
    resume: bool = True
    keep_trial_dirs: bool = False
    extra_meta: dict[str, Any] = field(default_factory=dict)


# --- one turn --------------------------------------------------------------------------------------------


def consume_turn(index: int, kind: TurnKind, text: str, events: Iterable[TurnEvent]) -> TurnRecord:
    """Fold a TurnEvent stream into a TurnRecord (tool calls with their results, answer, pending action)."""
    record = TurnRecord(index=index, kind=kind, text=text)
    calls: dict[str, ToolCallRecord] = {}
    deltas: list[str] = []
    ended = False
    for event in events:
        match event:
            case TextDelta():
                deltas.append(event.text)
            case ToolCall():
                call = ToolCallRecord(call_id=event.call_id, name=event.name, args=dict(event.args))
                calls[event.call_id] = call
                record.tool_calls.append(call)
            case ToolResult():
                target = calls.get(event.call_id)
                if target is None:  # a result without a visible call (should not happen): keep it anyway
                    target = ToolCallRecord(call_id=event.call_id, name=event.name, args={})
                    calls[event.call_id] = target
                    record.tool_calls.append(target)
                target.result = event.content
                target.ok = event.ok
            case PendingAction():
                record.pending = _pending_record(event)
            case Notice():
                record.notices.append(f"{event.level}: {event.text}")
            case TurnEnd():
                ended = True
                record.answer = event.answer or "".join(deltas)
                if event.pending is not None and record.pending is None:
                    record.pending = _pending_record(event.pending)
                record.usage = {k: int(v) for k, v in event.usage.items()}
    if not ended:
        record.answer = "".join(deltas)
        record.error = "the turn stream ended without TurnEnd"
    return record


def _pending_record(action: PendingAction) -> PendingRecord:
    return PendingRecord(tool=action.tool, args=dict(action.args), summary=action.summary, details=dict(action.details))


def resolve_decision(record: TurnRecord, previous: TurnRecord) -> None:
    """A decision resumes the paused call: give it the pending action's arguments (the stream may repeat the
    call without them), and mark it rejected when the member said no, since a rejected call never ran."""
    pending = previous.pending
    if pending is None:
        return
    for call in record.tool_calls:
        if call.name == pending.tool:
            if not call.args:
                call.args = dict(pending.args)
            if record.kind == "reject":
                call.rejected = True
                call.ok = False
            break


def _cost(model_name: str, usage: dict[str, int]) -> float:
    """USD from litellm's bundled cost map (0 for the offline engine or a model litellm does not price)."""
    if model_name == "offline" or not usage:
        return 0.0
    os.environ.setdefault("LITELLM_LOCAL_MODEL_COST_MAP", "True")
    try:
        import litellm

        prompt = usage.get("input_tokens", usage.get("prompt_tokens", 0))
        completion = usage.get("output_tokens", usage.get("completion_tokens", 0))
        p, c = litellm.cost_per_token(model=model_name, prompt_tokens=prompt, completion_tokens=completion)
        return float(p + c)
    except Exception:  # an unpriced model is not an eval failure
        return 0.0


# --- one trial -------------------------------------------------------------------------------------------


def turn_events(session: EvalSession, request: TurnRequest) -> Iterator[TurnEvent]:
    """One turn through the turn service every front end uses; a refusal (TurnRefused, RateLimited,
    MemberBusy) raises before anything ran, as it would for a member."""
    return session.turns.start(request).events()


def run_scripted(scenario: Scenario, session: EvalSession) -> tuple[list[TurnRecord], str | None]:
    """Play the scenario's scripted turns; stop at the first turn that raises."""
    member = scenario.member
    thread = session.turns.thread(member, None)
    records: list[TurnRecord] = []
    for i, turn in enumerate(scenario.turns):
        started = time.perf_counter()
        kind: TurnKind = "user" if turn.user is not None else ("approve" if turn.approve else "reject")
        try:
            if turn.user is not None:
                request = TurnRequest(member_id=member, thread_id=thread, text=turn.user)
            else:
                request = TurnRequest(member_id=member, thread_id=thread, decision=bool(turn.approve), note=turn.note)
            record = consume_turn(i, kind, turn.user or turn.note or "", turn_events(session, request))
            if turn.approve is not None and records:
                resolve_decision(record, records[-1])
        except Exception as exc:
            record = TurnRecord(index=i, kind=kind, text=turn.user or "", error=f"{type(exc).__name__}: {exc}")
        record.latency_ms = (time.perf_counter() - started) * 1000
        record.state_after = session.snapshot(scenario.member)
        records.append(record)
        if record.error and record.error.startswith(("ThreadNotFound", "TurnRefused", "the turn stream")):
            return records, record.error
    return records, None


def run_trial(
    scenario: Scenario,
    trial: int,
    factory: SessionFactory,
    template_dir: Path,
    work_dir: Path,
    ctx: CheckContext,
    user_model: str | None = None,
) -> TrialResult:
    started = time.perf_counter()
    trial_dir = work_dir / f"{scenario.id}__{trial}"
    session: EvalSession | None = None
    try:
        session = factory.open(template_dir, trial_dir, scenario.setup)
        before = session.snapshot(scenario.member)
        if user_model and scenario.goal:
            from eval.user_sim import run_simulated

            records, error = run_simulated(scenario, session, user_model)
            simulated = True
        else:
            records, error = run_scripted(scenario, session)
            simulated = False
        after = session.snapshot(scenario.member)
        result = evaluate_trial(scenario, trial, records, before, after, ctx, error=error, simulated=simulated)
    except Exception as exc:
        log.warning("scenario %s trial %s crashed: %s", scenario.id, trial, type(exc).__name__)
        result = evaluate_trial(
            scenario, trial, [], None, None, ctx, error=f"{type(exc).__name__}: {exc}\n{traceback.format_exc(limit=3)}"
        )
    finally:
        if session is not None:
            session.close()
        shutil.rmtree(trial_dir, ignore_errors=True)
    result.cost_usd = sum(_cost(factory.model_name, t.usage) for t in result.turns)
    result.seconds = time.perf_counter() - started
    return result


# --- process workers -------------------------------------------------------------------------------------

_WORKER: dict[str, Any] = {}


def _worker_init(factory: SessionFactory, template_dir: str, work_dir: str, ctx: CheckContext) -> None:
    os.environ.setdefault("OMP_NUM_THREADS", "1")
    _WORKER.update(factory=factory, template_dir=Path(template_dir), work_dir=Path(work_dir), ctx=ctx)


def _worker_run(scenario: Scenario, trial: int, user_model: str | None) -> dict[str, Any]:
    result = run_trial(
        scenario, trial, _WORKER["factory"], _WORKER["template_dir"], _WORKER["work_dir"], _WORKER["ctx"], user_model
    )
    return result.model_dump(mode="json")


# --- the run ---------------------------------------------------------------------------------------------


def trial_path(out_dir: Path, scenario_id: str, trial: int) -> Path:
    return out_dir / "trials" / f"{scenario_id}__{trial}.json"


def git_commit() -> str:
    try:
        out = subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True, timeout=5, check=False
        )
        dirty = subprocess.run(
            ["git", "status", "--porcelain", "--untracked-files=no"], capture_output=True, text=True, timeout=5,
            check=False,
        )  # fmt: skip
        commit = out.stdout.strip() or "unknown"
        return commit + ("+dirty" if dirty.stdout.strip() else "")
    except (OSError, subprocess.SubprocessError):
        return "unknown"


def load_trials(out_dir: Path) -> list[TrialResult]:
    folder = out_dir / "trials"
    if not folder.is_dir():
        return []
    return [TrialResult.model_validate_json(p.read_text(encoding="utf-8")) for p in sorted(folder.glob("*.json"))]


def run_suite(
    scenarios: list[Scenario],
    factory: SessionFactory,
    options: RunOptions,
    *,
    on_progress: ProgressCallback | None = None,
) -> tuple[dict[str, Any], list[TrialResult]]:
    """Run every (scenario, trial) not already in `options.out_dir`; return run metadata and all trials."""
    out_dir = options.out_dir
    (out_dir / "trials").mkdir(parents=True, exist_ok=True)
    meta_path = out_dir / "run.json"
    meta: dict[str, Any] = {}
    if options.resume and meta_path.exists():
        meta = json.loads(meta_path.read_text(encoding="utf-8"))
        if meta.get("model") != factory.model_name:
            raise ValueError(
                f"{out_dir} holds a run of {meta.get('model')!r}, not {factory.model_name!r}: choose another --out"
            )
    todo = [
        (s, k)
        for s in scenarios
        for k in range(options.trials)
        if not (options.resume and trial_path(out_dir, s.id, k).exists())
    ]
    total = len(scenarios) * options.trials
    done = total - len(todo)
    today = date.fromisoformat(meta["today"]) if meta.get("today") else today_in_japan()
    with tempfile.TemporaryDirectory(prefix="eval-") as tmp:
        template_dir = Path(tmp) / "template"
        work_dir = Path(tmp) / "trials"
        work_dir.mkdir()
        prepared: dict[str, Any] = {}
        if todo:
            prepared = factory.prepare(template_dir, today)
        ctx = CheckContext(today=today, known_names=factory.known_names())
        meta = {
            "model": factory.model_name,
            "commit": meta.get("commit") or git_commit(),
            "started_at": meta.get("started_at") or datetime.now(UTC).isoformat(timespec="seconds"),
            "today": today.isoformat(),
            "trials": options.trials,
            "user_model": options.user_model,
            **{k: v for k, v in meta.items() if k not in {"model", "commit", "started_at", "today", "trials"}},
            **prepared,
            **options.extra_meta,
        }
        meta_path.write_text(json.dumps(meta, indent=2), encoding="utf-8")
        workers = options.workers or {"process": 2, "thread": 4, "none": 1}[factory.parallelism]
        started = time.perf_counter()

        def finished(result: TrialResult) -> None:
            nonlocal done
            trial_path(out_dir, result.scenario_id, result.trial).write_text(
                result.model_dump_json(indent=1), encoding="utf-8"
            )
            done += 1
            if on_progress is not None:
                on_progress(done, total, result)

        if not todo:
            pass
        elif factory.parallelism == "none" or workers == 1:
            for scenario, k in todo:
                finished(run_trial(scenario, k, factory, template_dir, work_dir, ctx, options.user_model))
        else:
            executor: Executor
            if factory.parallelism == "process":
                import multiprocessing

                executor = ProcessPoolExecutor(
                    max_workers=workers,
                    mp_context=multiprocessing.get_context("spawn"),
                    initializer=_worker_init,
                    initargs=(factory, str(template_dir), str(work_dir), ctx),
                )
            else:
                executor = ThreadPoolExecutor(max_workers=workers)
            with executor:
                futures: dict[Future[Any], tuple[Scenario, int]] = {}
                for scenario, k in todo:
                    if factory.parallelism == "process":
                        futures[executor.submit(_worker_run, scenario, k, options.user_model)] = (scenario, k)
                    else:
                        futures[
                            executor.submit(
                                run_trial, scenario, k, factory, template_dir, work_dir, ctx, options.user_model
                            )
                        ] = (scenario, k)
                for future in as_completed(futures):
                    value = future.result()
                    finished(value if isinstance(value, TrialResult) else TrialResult.model_validate(value))
        close = getattr(factory, "close", None)
        if close is not None:
            close()
        meta["wall_seconds"] = round(meta.get("wall_seconds", 0) + time.perf_counter() - started, 2)
        meta["scenarios"] = len(scenarios)
        meta_path.write_text(json.dumps(meta, indent=2), encoding="utf-8")
    wanted = {(s.id, k) for s in scenarios for k in range(options.trials)}
    results = [r for r in load_trials(out_dir) if (r.scenario_id, r.trial) in wanted]
    return meta, results
