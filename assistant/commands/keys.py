"""`assistant keys`: print the demo members' API keys."""

from __future__ import annotations

import typer


def main(
    member: str | None = typer.Option(None, "--member", "-m", help="print only this member's key"),
) -> None:
    """Print the demo members' API keys, one `MEMBER_ID KEY` pair a line."""
    from assistant.settings import load_settings
    from assistant.web.auth import KeyRing, key_lines
    from assistant.web.panel import demo_members
    from tools.services import build_services

    settings = load_settings()
    settings.data_dir.mkdir(parents=True, exist_ok=True)
    seed_dir = settings.seed_dir if settings.seed_dir.exists() else None
    services = build_services(settings.resolved_database_url, seed_dir)
    try:
        members = demo_members(services)
    finally:
        services.close()
    known = {m.id for m in members}
    if member is not None:
        if member not in known:
            typer.echo(f"No demo member {member!r}; `assistant keys` lists them all.", err=True)
            raise typer.Exit(1)
        members = [m for m in members if m.id == member]
    if not members:
        typer.echo("No members in the database: check ASSISTANT_SEED_DIR / DATABASE_URL.", err=True)
        raise typer.Exit(1)
    ring = KeyRing(settings.secret_key, known.__contains__)
    for line in key_lines(ring, members):
        typer.echo(line)
