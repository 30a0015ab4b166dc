"""The `assistant` command line: one sub-command per operator job.

Each sub-command lives in `assistant/commands/<name>.py` as a typer-annotated `main` function that keeps
its heavy imports inside the function body, so `assistant --help` stays fast.
"""

from __future__ import annotations

import importlib

import typer

app = typer.Typer(help="Member assistant: serve, chat, ingest, copy, eval.", no_args_is_help=True)

# name on the command line -> module under assistant.commands
COMMANDS = {
    "serve": "serve",
    "chat": "chat",
    "ingest": "ingest",
    "keys": "keys",
    "copy": "copy_studio",
    "eval": "evaluate",
    "generate-data": "generate_data",
}

for _name, _module in COMMANDS.items():
    try:
        _mod = importlib.import_module(f"assistant.commands.{_module}")
    except ModuleNotFoundError as exc:  # a command whose issue has not landed yet
        if exc.name != f"assistant.commands.{_module}":
            raise
        continue
    app.command(_name, help=(_mod.main.__doc__ or "").strip().splitlines()[0])(_mod.main)


if __name__ == "__main__":
    app()
