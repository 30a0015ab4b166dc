"""The claim report for a terminal (rich): one row per claim, flagged ones first."""

from __future__ import annotations

from rich.console import Console
from rich.table import Table

from assistant.copywriter.studio import StudioResult

STYLE = {"supported": "green", "unsupported": "yellow", "contradicted": "red"}


def print_report(console: Console, result: StudioResult) -> None:
    for variant in result.variants:
        counts = variant.report.counts()
        title = (f"Variant {variant.index + 1} ({result.writer}): {counts['claims']} claims, "
                 f"{counts['supported']} supported, {counts['unsupported']} unsupported, "
                 f"{counts['contradicted']} contradicted")
        table = Table(title=title, show_lines=False)
        for column in ("status", "kind", "field", "claim", "fact / what the facts say"):
            table.add_column(column)
        ordered = sorted(variant.report.verdicts, key=lambda v: v.status == "supported")
        for v in ordered:
            table.add_row(f"[{STYLE[v.status]}]{v.status}[/]", v.claim.kind, v.claim.field, v.claim.text,
                          v.fact or v.expected or v.reason)
        console.print(f"[bold]{variant.copy.headline}[/bold]")
        console.print(table)
        if variant.fixed:
            flagged = len(variant.draft_report.flagged)
            console.print(f"Draft had {flagged} flagged claim(s); fixed by {variant.fix_mode}:")
            for action in variant.actions:
                console.print(f"  - {action}")
