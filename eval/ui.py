"""The QA tab: run the suite with live progress, read the report, compare runs, and read members' feedback.

The web engineer opens a `gr.Tab` and calls `build_tab(get_runtime=...)` inside it; `get_runtime()` returns
the running `Runtime` (for the database URL and conversation transcripts) once the app has started. Handlers
are plain functions over `eval.suite`, `eval.compare` and `eval.feedback`, so they are tested without a browser.
"""

from __future__ import annotations

import html
import json
import queue
import re
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import gradio as gr

from eval.feedback import (
    FeedbackRow,
    draft_scenario,
    load_feedback,
    satisfaction_by_day,
    satisfaction_by_tool,
    turns_of,
)
from eval.qa_summary import qa_view
from eval.suite import DEFAULT_SCENARIOS, RUNS_DIR, EvalConfig, run_eval

DRAFTS_DIR = Path(__file__).resolve().parent / "drafts"
HEARTBEAT_S = 5.0
MAX_TRIALS = 5
# A draft's id names its file: a safe slug, so a draft can never be written outside the drafts folder.
DRAFT_ID = re.compile(r"^[a-z0-9][a-z0-9_-]{0,79}$")


_SCHEME = re.compile(r"(?i)\b(https?|javascript|data|vbscript|file|ftp|mailto)(:)|\b(www)(\.)")


def inert(text: object) -> str:
    """Member and catalogue text as plain Markdown text: no HTML, no image, no link (a zero-width space
    breaks URL schemes so nothing auto-links), so opening a conversation fetches nothing and runs nothing."""
    escaped = html.escape(str(text), quote=False).replace("[", "\\[").replace("]", "\\]").replace("`", "\\`")
    return _SCHEME.sub(lambda m: f"{m.group(1) or m.group(3)}\u200b{m.group(2) or m.group(4)}", escaped)


class RunSlot:
    """One eval run at a time in this process: each run spends the provider key and holds its memory until
    the worker finishes, so a second request waits its turn instead of piling up (the worker frees the slot,
    not the page, so closing the browser tab does not let another run start beside it)."""

    def __init__(self) -> None:
        self._lock = threading.Lock()

    def take(self) -> bool:
        return self._lock.acquire(blocking=False)

    def free(self) -> None:
        self._lock.release()


RUN_SLOT = RunSlot()


def available_tags(folder: Path = DEFAULT_SCENARIOS) -> list[str]:
    from eval.scenario import ScenarioError, load_scenarios

    try:
        return sorted({t for s in load_scenarios(folder) for t in s.tags})
    except ScenarioError:
        return []


def previous_runs(root: Path = RUNS_DIR) -> list[str]:
    """Finished runs (folders with results.json), newest first."""
    if not root.is_dir():
        return []
    return sorted((p.parent.name for p in root.glob("*/results.json")), reverse=True)


def run_with_progress(
    model: str, tags: list[str], trials: int, *, runs_root: Path = RUNS_DIR, scenarios: Path = DEFAULT_SCENARIOS,
    models: list[str] | None = None, slot: RunSlot | None = None,
) -> Iterator[tuple[str, str, str | None]]:
    """Yield (progress line, report markdown, report.html path) while the suite runs in a worker thread.

    With `models`, only those models run; with `slot`, only one run at a time (the web page passes both)."""
    from eval.suite import default_out_dir

    model = (model or "").strip() or "offline"
    if models is not None and model not in models:
        yield f"Model {model!r} is not on this service's list (ASSISTANT_EVAL_MODELS): {', '.join(models)}", "", None
        return
    if not isinstance(trials, int | float) or not 1 <= int(trials) <= MAX_TRIALS:
        yield f"Trials must be between 1 and {MAX_TRIALS}.", "", None
        return
    if slot is not None and not slot.take():
        yield "Another evaluation run is in progress; try again when it has finished.", "", None
        return
    updates: queue.Queue[tuple[str, Any]] = queue.Queue()
    out_dir = runs_root / default_out_dir(model).name
    config = EvalConfig(scenarios_dir=scenarios, out_dir=out_dir, model=model,
                        trials=int(trials), tags=[str(t) for t in tags or []])  # fmt: skip

    def work() -> None:
        try:
            outcome = run_eval(config, on_progress=lambda d, t, r: updates.put(
                ("progress", (d, t, r.scenario_id, r.success))))
            updates.put(("done", outcome))
        except Exception as exc:  # shown to QA, never raised into Gradio
            updates.put(("error", f"{type(exc).__name__}: {exc}"))
        finally:
            if slot is not None:
                slot.free()

    threading.Thread(target=work, daemon=True, name="eval-run").start()
    yield (f"Preparing {config.model} ({', '.join(config.tags) or 'all tags'}, {config.trials} trial(s)): seeding "
           "the database and the search index before the first scenario…", "", None)
    passes = 0
    last = ""  # the latest progress line, shown again while a long scenario runs
    while True:
        try:
            kind, value = updates.get(timeout=HEARTBEAT_S)
        except queue.Empty:  # nothing finished lately: keep the count on the page, so it never looks stuck or blank
            yield last or "Still preparing or running the first scenarios…", "", None
            continue
        if kind == "progress":
            done, total, scenario, success = value
            passes += bool(success)
            mark = "passed" if success else "failed"
            last = (f"Scenario {done} of {total} · {passes} passed so far ({passes / done:.0%}) · "
                    f"last: {scenario} {mark}")
            yield last, "", None
        elif kind == "error":
            yield f"Run failed: {value}", "", None
            return
        else:
            line, table = qa_view(Path(value.out_dir), runs_root)
            yield f"**Done: {line}**", table, str(value.paths["html"])
            return


def show_run(name: str, runs_root: Path = RUNS_DIR) -> tuple[str, str | None]:
    """The run's answer first (summary line, plain-named metrics vs the last release), then the full report."""
    folder = runs_root / name
    report = folder / "report.md"
    if not name or not report.exists():
        return "Choose a finished run.", None
    line, table = qa_view(folder, runs_root)
    return f"**{line}**\n\n{table}\n\n---\n\n" + report.read_text(encoding="utf-8"), str(folder / "report.html")


def compare(name_a: str, name_b: str, runs_root: Path = RUNS_DIR) -> str:
    from eval.compare import write_comparison

    if not name_a or not name_b:
        return "Choose two runs: A is the baseline, B the candidate."
    _, path = write_comparison(runs_root / name_a, runs_root / name_b)
    return path.read_text(encoding="utf-8")


# --- feedback ----------------------------------------------------------------------------------------------


class FeedbackDesk:
    """Feedback rows plus the transcripts behind them, read through the running assistant."""

    def __init__(self, get_runtime: Callable[[], Any] | None) -> None:
        self.get_runtime = get_runtime

    def _runtime(self) -> Any:
        if self.get_runtime is None:
            raise RuntimeError("the assistant is not running in this process")
        return self.get_runtime()

    def rows(self) -> list[FeedbackRow]:
        return load_feedback(self._runtime().settings.resolved_database_url)

    def turns(self, row: FeedbackRow) -> list[Any]:
        items = self._runtime().conversations.transcript(member_id=row.member_id, thread_id=row.thread_id)
        return turns_of(items)

    def tools_of(self, row: FeedbackRow) -> list[str]:
        return next((t.tools for t in self.turns(row) if t.turn == row.turn), [])

    def summary(self) -> tuple[list[list[Any]], list[list[Any]], list[str]]:
        rows = self.rows()
        tools = satisfaction_by_tool(rows, self.tools_of)
        by_tool = [[d["tool"], d["up"], d["down"], _pct(d["satisfaction"])] for d in tools]
        by_day = [[d["day"], d["up"], d["down"], _pct(d["satisfaction"])] for d in satisfaction_by_day(rows)]
        downs = [_key(r) for r in rows if r.rating == "down"]
        return by_tool, by_day, downs

    def find(self, key: str) -> FeedbackRow:
        for row in self.rows():
            if _key(row) == key:
                return row
        raise LookupError(f"no feedback {key!r}")

    def conversation(self, key: str) -> str:
        row = self.find(key)
        lines = [f"**{inert(row.member_id)}** · thread {inert(row.thread_id)} · turn {row.turn}"]
        lines += [f"comment: {inert(row.comment or '-')}", ""]
        for t in self.turns(row):
            marker = " 👎" if t.turn == row.turn else ""
            lines.append(f"**member{marker}:** {inert(t.user)}")
            for call in t.calls:
                lines.append(f"- tool {inert(call['name'])} {inert(json.dumps(call['args'], ensure_ascii=False))}")
            lines.append(f"**assistant:** {inert(t.answer)}")
            lines.append("")
        return "\n".join(lines)

    def member_state(self, member_id: str) -> dict[str, Any]:
        """Points and upcoming stays when the draft is made, so the reviewer sees what the member had."""
        services = getattr(self._runtime(), "services", None)
        if services is None:
            return {"state": "unavailable (the assistant's services are not running here)"}
        state: dict[str, Any] = {}
        try:
            balance = services.ledger.balance(member_id)
            state["points"] = json.dumps(balance.model_dump(mode="json"), ensure_ascii=False)[:300]
        except Exception as exc:
            state["points"] = f"unavailable ({type(exc).__name__})"
        try:
            listing = services.bookings.bookings(member_id)
            state["upcoming bookings"] = json.dumps(listing.model_dump(mode="json"), ensure_ascii=False)[:300]
        except Exception as exc:
            state["upcoming bookings"] = f"unavailable ({type(exc).__name__})"
        return state

    def draft(self, key: str) -> str:
        row = self.find(key)
        return draft_scenario(row, self.turns(row), self.member_state(row.member_id))


FEEDBACK_HEADERS = ["day", "member", "thread", "turn", "rating", "comment", "answer", "model"]


def _key(row: FeedbackRow) -> str:
    return f"{row.day or '?'} · {row.member_id} · {row.thread_id} · turn {row.turn}"


def _pct(value: float | None) -> str:
    return "–" if value is None else f"{value:.0%}"


def save_draft(text: str, folder: Path = DRAFTS_DIR) -> str:
    """Write a draft where QA can finish it (not in eval/scenarios, so an unfinished draft never runs)."""
    import yaml

    from eval.scenario import ScenarioError, load_file

    if not text.strip():
        return "Nothing to save: draft a scenario first."
    try:
        parsed = yaml.safe_load(text)
    except yaml.YAMLError:
        return "Not saved: the draft is not valid YAML."
    scenario_id = str(parsed.get("id", "draft")) if isinstance(parsed, dict) else "draft"
    if not DRAFT_ID.match(scenario_id):
        return "Not saved: the id must be a short slug (lower-case letters, digits, '-' or '_')."
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{scenario_id}.yaml"
    shown = f"eval/drafts/{path.name}"  # never the server's absolute path
    path.write_text(text, encoding="utf-8")
    try:
        load_file(path)
    except ScenarioError as exc:
        hint = " Complete the `end:` check (replace FILL_IN)." if "FILL_IN" in text else ""
        return f"Saved to {shown}, but it does not load yet: {str(exc).replace(str(path), shown)}.{hint}"
    return f"Saved to {shown}; move it into eval/scenarios/ once its expectations say what should happen."


# --- the tab -----------------------------------------------------------------------------------------------


def build_tab(get_runtime: Callable[[], Any] | None = None, models: list[str] | None = None) -> None:
    """The QA tab's components, built inside the caller's Blocks; runs only the `models` allowed (default
    the offline engine), one at a time."""
    desk = FeedbackDesk(get_runtime)
    allowed = list(models or ["offline"])
    gr.Markdown("### Evaluation suite\nRun the scenarios against a model, read the report, compare two runs.")
    with gr.Row():
        model = gr.Dropdown(choices=allowed, value=allowed[0], label="Model", info="the models this service allows")
        tags = gr.Dropdown(choices=available_tags(), multiselect=True, label="Tags (empty: all)")
        trials = gr.Slider(1, MAX_TRIALS, value=1, step=1, label="Trials (pass^k)")
    run = gr.Button("Run the suite", variant="primary")
    progress = gr.Markdown(elem_id="qa-progress")
    report = gr.HTML(elem_id="qa-summary")
    report_file = gr.File(label="Full report (report.html)")

    def run_allowed(name: str, chosen: list[str], count: int) -> Iterator[tuple[str, str, str | None]]:
        yield from run_with_progress(name, chosen, count, models=allowed, slot=RUN_SLOT)

    run.click(run_allowed, [model, tags, trials], [progress, report, report_file], concurrency_limit=1)

    with gr.Accordion("Previous runs and comparison", open=False):
        runs = previous_runs()
        with gr.Row():
            run_a = gr.Dropdown(choices=runs, label="Run A (baseline)")
            run_b = gr.Dropdown(choices=runs, label="Run B (candidate)")
            refresh_runs = gr.Button("Refresh", size="sm")
        with gr.Row():
            show = gr.Button("Show run A")
            diff = gr.Button("Compare A → B")
        run_view = gr.Markdown()
        run_file = gr.File(label="report.html")
        show.click(show_run, [run_a], [run_view, run_file])
        diff.click(compare, [run_a, run_b], [run_view])

        def reload_runs() -> tuple[Any, Any]:
            names = previous_runs()
            return gr.update(choices=names), gr.update(choices=names)

        refresh_runs.click(reload_runs, None, [run_a, run_b])

    with gr.Accordion("Members' feedback", open=False, elem_id="qa-feedback"):
        load = gr.Button("Load feedback", size="sm")
        everything = gr.Dataframe(headers=FEEDBACK_HEADERS, label="All feedback, newest first", interactive=False,
                                  wrap=True)
        with gr.Row():
            by_tool = gr.Dataframe(headers=["tool", "👍", "👎", "satisfaction"], label="By tool", interactive=False)
            by_day = gr.Dataframe(headers=["day", "👍", "👎", "satisfaction"], label="By day", interactive=False)
        downs = gr.Dropdown(choices=[], label="Thumbs-down answers")
        conversation = gr.Markdown()
        draft_button = gr.Button("Draft a scenario from this conversation")
        gr.Markdown("The draft replays the conversation with the tools that were called and the member's state; "
                    "complete its `end:` check (and what the answer should have said) before saving.")
        draft = gr.Code(language="yaml", label="Draft scenario", interactive=True)
        save = gr.Button("Save draft to eval/drafts/", size="sm")
        saved = gr.Markdown()

        def load_feedback_views() -> tuple[Any, Any, Any, Any]:
            try:
                tool_rows, day_rows, keys = desk.summary()
                rows = [[r.day or "", r.member_id, r.thread_id, r.turn, r.rating or "", r.comment or "",
                         (r.answer_excerpt or "")[:120], r.model or ""] for r in desk.rows()]
            except Exception as exc:
                gr.Warning(f"Feedback unavailable: {exc}")
                return [], [], [], gr.update(choices=[])
            return rows, tool_rows, day_rows, gr.update(choices=keys, value=keys[0] if keys else None)

        def show_conversation(key: str | None) -> str:
            return desk.conversation(key) if key else ""

        def make_draft(key: str | None) -> str:
            return desk.draft(key) if key else ""

        load.click(load_feedback_views, None, [everything, by_tool, by_day, downs])
        downs.change(show_conversation, [downs], [conversation])
        draft_button.click(make_draft, [downs], [draft])
        save.click(save_draft, [draft], [saved])
