"""Loading the copy studio's text files by name from `prompts/copy/`, rendered strictly.

A missing variable is an error (StrictUndefined), never an empty string in front of a customer.
"""

from __future__ import annotations

from functools import cache
from typing import Any

import yaml
from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape

from assistant.copywriter.brief import PROMPTS_DIR


@cache
def _environment() -> Environment:
    return Environment(
        loader=FileSystemLoader(str(PROMPTS_DIR)),
        undefined=StrictUndefined,
        autoescape=select_autoescape(enabled_extensions=("html", "html.j2"), default_for_string=False),
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )


def render(name: str, **variables: Any) -> str:
    """Render `prompts/copy/<name>` (HTML templates are autoescaped; text templates are not)."""
    return _environment().get_template(name).render(**variables)


def render_string(source: str, **variables: Any) -> str:
    return _environment().from_string(source).render(**variables).strip()


@cache
def phrasebook(language: str) -> dict[str, Any]:
    """The offline writer's phrasings for one language (`prompts/copy/offline_<lang>.yaml`)."""
    data: dict[str, Any] = yaml.safe_load((PROMPTS_DIR / f"offline_{language}.yaml").read_text(encoding="utf-8"))
    return data
