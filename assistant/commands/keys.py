"""`assistant keys`: print the demo members' API keys, or (`--staff`) the staff keys of the staff routes."""

from __future__ import annotations

import typer


def main(
    member: str | None = typer.Option(None, "--member", "-m", help="print only this member's key"),
    staff: bool = typer.Option(False, "--staff", help="print the staff keys (ASSISTANT_STAFF) instead"),
) -> None:
    """Print the demo members' API keys, one `MEMBER_ID KEY` pair a line (`--staff`: `NAME ROLES KEY`)."""
    from assistant.settings import load_settings
    from assistant.web.auth import KeyRing, key_lines
    from assistant.web.panel import demo_members
    from tools.services import build_services

    settings = load_settings()
    if staff:
        from assistant.web.staff import StaffDirectory

        lines = StaffDirectory.from_settings(settings).lines()
        if not lines:
            typer.echo("No staff: set ASSISTANT_STAFF to `name:role` entries (roles: marketer, qa).", err=True)
            raise typer.Exit(1)
        for line in lines:
            typer.echo(line)
        return
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
