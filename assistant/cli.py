"""The `assistant` command line: one sub-command per operator job.

Each sub-command lives in `assistant/commands/<name>.py` as a typer-annotated `main` function that keeps
its heavy imports inside the function body, so `assistant --help` stays fast.

Commands owned by packages that drive the assistant from outside (the eval suite's `assistant eval`) are
registered through the `assistant.commands` entry point group in pyproject.toml instead, so this package
never imports them: the dependency points from `eval` to `assistant`, not back.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from importlib.metadata import entry_points
from typing import Any

import typer

app = typer.Typer(help="Member assistant: serve, chat, ingest, copy, eval.", no_args_is_help=True)

# name on the command line -> module under assistant.commands
COMMANDS = {
    "serve": "serve",
    "chat": "chat",
    "ingest": "ingest",
    "keys": "keys",
    "token": "token",
    "copy": "copy_studio",
    "generate-data": "generate_data",
}

# entry point group through which other packages add sub-commands (name -> "module:function")
COMMAND_GROUP = "assistant.commands"


def _register(name: str, main: Callable[..., Any]) -> None:
    app.command(name, help=(main.__doc__ or "").strip().splitlines()[0])(main)


for _name, _module in COMMANDS.items():
    try:
        _mod = importlib.import_module(f"assistant.commands.{_module}")
    except ModuleNotFoundError as exc:  # a command whose issue has not landed yet
        if exc.name != f"assistant.commands.{_module}":
            raise
        continue
    _register(_name, _mod.main)

for _entry in sorted(entry_points(group=COMMAND_GROUP), key=lambda e: e.name):
    if _entry.name not in COMMANDS:  # a plug-in never shadows a built-in command
        _register(_entry.name, _entry.load())


if __name__ == "__main__":
    app()
