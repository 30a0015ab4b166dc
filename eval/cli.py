"""`assistant eval`: run the scenario suite against a model and write the report (or compare two runs).

It lives in `eval/`, not `assistant/commands/`, because the eval drives the assistant from outside: the
`assistant` CLI finds it through the `assistant.commands` entry point group declared in pyproject.toml, so
nothing in `assistant/` imports `eval`. Heavy imports stay inside the functions so `assistant --help` is fast.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

import typer

if TYPE_CHECKING:
    from rich.console import Console

    from eval.suite import EvalConfig, EvalOutcome


def main(
    scenarios: Path = typer.Option(None, "--scenarios", help="folder of scenario YAML files (default eval/scenarios)"),
    out: Path = typer.Option(None, "--out", help="run folder (default eval/runs/<time>-<model>); re-use to resume"),
    model: str = typer.Option("offline", "--model", help="'offline' or a litellm model name"),
    trials: int = typer.Option(1, "--trials", min=1, help="trials per scenario, for pass^k"),
    tags: list[str] = typer.Option([], "--tags", help="only scenarios with one of these tags (repeat or a,b)"),
    ids: list[str] = typer.Option([], "--ids", help="only these scenario ids (repeat, or comma-separated)"),
    workers: int = typer.Option(None, "--workers", min=1, help="parallel trials (2 processes offline, 4 threads)"),
    user_model: str = typer.Option(None, "--user-model", help="litellm model that plays the member from `goal`"),
    fail_under: float = typer.Option(None, "--fail-under", help="exit 1 if task success is below this (0-1)"),
    no_retrieval: bool = typer.Option(False, "--no-retrieval", help="skip nDCG@10 / recall@10 of the query set"),
    compare: tuple[str, str] = typer.Option(("", ""), "--compare", help="RUN_A RUN_B: what changed (no run)"),
) -> None:
    """Run the eval suite (scenarios, metrics, report) against the offline engine or any litellm model."""
    import os

    from rich.console import Console

    console = Console()
    if compare[0]:
        from eval.compare import write_comparison

        try:
            diff, path = write_comparison(Path(compare[0]), Path(compare[1]))
        except FileNotFoundError as exc:
            console.print(f"[red]{exc}[/red]")
            raise typer.Exit(2) from None
        console.print(path.read_text(encoding="utf-8"), markup=False, highlight=False)
        console.print(f"written to {path}")
        raise typer.Exit(1 if diff["regressions"] and fail_under is not None else 0)

    os.environ.setdefault("LITELLM_LOCAL_MODEL_COST_MAP", "True")
    from assistant.models import ModelConfigError, check_provider_environment
    from assistant.settings import load_settings
    from eval.scenario import ScenarioError
    from eval.suite import DEFAULT_SCENARIOS, EvalConfig

    tags = [t.strip() for item in tags for t in item.split(",") if t.strip()]
    ids = [i.strip() for item in ids for i in item.split(",") if i.strip()]
    settings = load_settings()
    try:  # fail fast, before seeding anything, naming the variable a real provider needs
        if model != "offline":
            check_provider_environment(
                model,
                api_key=settings.api_key.get_secret_value() if settings.api_key else None,
                api_base=settings.api_base,
                variable="--model (ASSISTANT_MODEL)",
            )
        if user_model:
            check_provider_environment(user_model, api_key=None, api_base=None, variable="--user-model")
    except ModelConfigError as exc:
        console.print(f"[red]{exc}[/red]", highlight=False)
        raise typer.Exit(2) from None

    from eval.scenario import load_scenarios

    try:  # a typo in a scenario is reported (file:line) before anything is built
        load_scenarios(scenarios or DEFAULT_SCENARIOS, tags=tags, ids=ids)
    except ScenarioError as exc:
        console.print(f"[red]{exc}[/red]", highlight=False, soft_wrap=True)
        raise typer.Exit(2) from None
    config = EvalConfig(
        scenarios_dir=scenarios or DEFAULT_SCENARIOS, out_dir=out, model=model, trials=trials, tags=list(tags),
        ids=list(ids), workers=workers, user_model=user_model, retrieval=not no_retrieval,
    )  # fmt: skip
    outcome = _run_with_progress(config, console)
    overall = outcome.summary["overall"]
    _print_summary(console, outcome.summary)
    console.print(f"report: {outcome.paths['html']}")
    if fail_under is not None and (overall["task_success"] or 0.0) < fail_under:
        console.print(f"[red]task success {overall['task_success']:.1%} is below --fail-under {fail_under:.0%}[/red]")
        raise typer.Exit(1)


def _run_with_progress(config: EvalConfig, console: Console) -> EvalOutcome:
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    from eval.records import TrialResult
    from eval.suite import run_eval

    failed = 0
    with Progress(
        TextColumn("[bold]eval[/bold] {task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
        console=console,
    ) as progress:  # fmt: skip
        task = progress.add_task(config.model, total=None)

        def on_progress(done: int, total: int, result: TrialResult) -> None:
            nonlocal failed
            failed += not result.success
            progress.update(task, completed=done, total=total, description=f"{config.model} ({failed} failed)")

        return run_eval(config, on_progress=on_progress)


def _print_summary(console: Console, summary: dict[str, Any]) -> None:
    from rich.table import Table

    from eval.metrics import METRIC_NAMES
    from eval.report import fmt

    overall = summary["overall"]
    table = Table(title=f"{summary['model']}: {overall['scenarios']} scenarios x {summary['trials']} trials")
    table.add_column("metric")
    table.add_column("value", justify="right")
    for name in METRIC_NAMES:
        table.add_row(name, fmt(name, overall.get(name)))
    retrieval = summary.get("retrieval") or {}
    if retrieval.get("overall"):
        scope = "(all queries, incl. the fusion's dev half)"
        table.add_row(f"retrieval nDCG@10 {scope}", fmt("ndcg_at_10", retrieval["overall"]["ndcg_at_10"]))
        table.add_row(f"retrieval recall@10 {scope}", fmt("recall_at_10", retrieval["overall"]["recall_at_10"]))
    console.print(table)
    categories = summary.get("failure_categories") or {}
    if categories:
        console.print("failures: " + ", ".join(f"{k} {v}" for k, v in categories.items()))
