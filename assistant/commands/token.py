"""`assistant token`: print a host-site member token, for testing the widget's sign-in."""

from __future__ import annotations

import typer


def main(
    member: str | None = typer.Option(None, "--member", "-m", help="the member id the token signs in (e.g. M0001)"),
    ttl: int = typer.Option(3600, "--ttl", min=1, help="seconds until the token expires"),
    show_key: bool = typer.Option(False, "--show-key", help="print the key the host site signs tokens with"),
) -> None:
    """Print a signed, expiring member token (what the host site's sign-in would issue), or its signing key."""
    from assistant.settings import load_settings
    from assistant.web.member_tokens import issue_member_token

    settings = load_settings()
    if show_key:
        typer.echo(settings.member_token_key)
        return
    if not member:
        typer.echo("Name the member: `assistant token --member M0001`.", err=True)
        raise typer.Exit(2)
    token = issue_member_token(settings.member_token_key, member, ttl)
    typer.echo(token)
    typer.echo(f"open http://{settings.host}:{settings.port}/session?token={token}", err=True)
