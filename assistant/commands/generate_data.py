"""`assistant generate-data`: write a deterministic data set (members, catalogue, hotels, guides, plans)."""

from __future__ import annotations

from pathlib import Path

import typer


def main(
    size: str = typer.Option("small", help="small (3,000 products), medium (10k), large (100k) or a product count"),
    seed: int = typer.Option(42, help="same seed and size give byte-identical files"),
    out: Path | None = typer.Option(None, help="output folder (default data/generated/<size>)"),
) -> None:
    """Generate a deterministic data set (same seed, same bytes) with a progress bar."""
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TaskID, TextColumn, TimeElapsedColumn
    from rich.table import Table

    from data.generate import SizeError, generate, parse_size

    console = Console()
    try:
        label, _ = parse_size(size)
    except SizeError as exc:
        raise typer.BadParameter(str(exc), param_hint="--size") from exc
    target = out or Path(__file__).resolve().parents[2] / "data" / "generated" / label
    with Progress(
        TextColumn("{task.description:<20}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=console,
        transient=False,
    ) as bar:
        tasks: dict[str, TaskID] = {}

        def progress(name: str, done: int, total: int) -> None:
            if name not in tasks:
                tasks[name] = bar.add_task(name, total=total)
            bar.update(tasks[name], completed=done)

        result = generate(target, size, seed, progress=progress)
    table = Table(title=f"{target} (seed {result.seed}, size {result.size}) in {result.seconds:.1f} s")
    table.add_column("file")
    table.add_column("records", justify="right")
    table.add_column("bytes", justify="right")
    for name, nbytes in result.bytes.items():
        records = result.counts.get(name.removesuffix(".jsonl"))
        table.add_row(name, f"{records:,}" if records is not None else "-", f"{nbytes:,}")
    table.add_row("total", "", f"{sum(result.bytes.values()):,}")
    console.print(table)
