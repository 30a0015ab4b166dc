"""`assistant copy`: landing-page copy for products, hotels, destinations or mobile plans, every claim checked."""

from __future__ import annotations

from pathlib import Path

import typer


def main(
    product: list[str] = typer.Option(..., "--product", "-p", help="product/hotel/destination/plan id (repeatable)"),
    voice: str = typer.Option("friendly", help="brand voice (a file in prompts/copy/voices/)"),
    lang: str = typer.Option("en", help="language of the copy: en or ja"),
    campaign: str | None = typer.Option(None, help='points campaign, e.g. "10x points this weekend" (must be one '
                                        "the programme runs for these products today)"),
    campaign_id: str | None = typer.Option(None, "--campaign-id", help="the programme's campaign id, e.g. C001"),
    audience: str = typer.Option("members of the loyalty programme", help="who the page is for"),
    length: str = typer.Option("medium", help="short, medium or long"),
    cta: str | None = typer.Option(None, help="call to action (default: the voice's)"),
    approved_claim: list[str] = typer.Option([], "--approved-claim", help="wording you want to use (repeatable); a "
                                             "superlative passes only if legal's approved-claims file approves it"),
    variants: int = typer.Option(1, min=1, max=5, help="number of variants"),
    out: Path = typer.Option(Path("copy-out"), help="folder for page.html, page.md, copy.json, claims.json"),
    fix: bool = typer.Option(True, help="fix flagged claims (regenerate with an LLM, else remove them)"),
) -> None:
    """Write landing-page copy grounded in catalogue facts, check every claim, export the page."""
    from rich.console import Console

    from assistant.copywriter.brief import BriefError, make_brief
    from assistant.copywriter.report import print_report
    from assistant.copywriter.studio import CopyStudio, ExportBlocked
    from assistant.settings import load_settings
    from tools.errors import DomainError

    console = Console()
    try:
        brief = make_brief(subject_ids=product, voice=voice, language=lang, campaign=campaign, campaign_id=campaign_id,
                           audience=audience,
                           length=length, cta=cta, approved_claims=approved_claim, variants=variants)
    except BriefError as exc:
        console.print(f"[red]Brief error:[/red] {exc}")
        raise typer.Exit(2) from None
    settings = load_settings()
    from assistant.copywriter.facts import ServicesFacts
    from tools.services import build_services

    settings.data_dir.mkdir(parents=True, exist_ok=True)
    services = build_services(settings.resolved_database_url, settings.seed_dir)
    try:
        model = None
        if settings.model != "offline":
            from assistant.models import build_chat_model

            model = build_chat_model(settings)
        studio = CopyStudio(ServicesFacts(services), model)
        try:
            result = studio.run(brief, fix=fix)
        except DomainError as exc:
            console.print(f"[red]{exc.message}[/red]")
            raise typer.Exit(2) from None
        try:
            paths = result.export(out)
        except ExportBlocked as exc:
            print_report(console, result)
            console.print("[red]Not exported.[/red] Fix the brief first:")
            for blocker in exc.blockers:
                console.print(f"  - {blocker}")
            raise typer.Exit(1) from None
    finally:
        services.close()
    print_report(console, result)
    console.print(f"Wrote {', '.join(str(p) for p in paths.values())}")
    if not result.best.report.passed:
        raise typer.Exit(1)
