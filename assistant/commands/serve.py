"""`assistant serve`: the web app."""

from __future__ import annotations

import os
import sys

import typer

from assistant.settings import REPO_ROOT


def main(
    host: str = typer.Option("127.0.0.1", help="interface to bind"),
    port: int = typer.Option(7860, help="port to listen on"),
) -> None:
    """Serve the web app (chat UI, OpenAI-compatible API, /healthz)."""
    # app.py is the entry point and nothing imports it: hand the process over to it.
    entry = str(REPO_ROOT / "app.py")
    os.execv(sys.executable, [sys.executable, entry, "--host", host, "--port", str(port)])
