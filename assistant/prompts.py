"""Prompts are files in `prompts/`, loaded by name and rendered strictly.

Strict rendering (`StrictUndefined`) makes a missing variable an error at render time instead of an empty
string silently reaching the model. Templates are cached per folder.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, StrictUndefined

from assistant.settings import REPO_ROOT

PROMPTS_DIR = REPO_ROOT / "prompts"


@lru_cache(maxsize=8)
def _environment(folder: str) -> Environment:
    return Environment(
        loader=FileSystemLoader(folder),
        undefined=StrictUndefined,
        autoescape=False,  # plain text for a model, not HTML
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )


def render_prompt(name: str, folder: Path | None = None, **variables: Any) -> str:
    """Render `prompts/<name>` (e.g. "system.md.j2"); raises jinja2.UndefinedError on a missing variable."""
    template = _environment(str(folder or PROMPTS_DIR)).get_template(name)
    return template.render(**variables).strip() + "\n"
