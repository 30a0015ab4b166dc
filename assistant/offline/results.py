"""Tool results as their typed result models (declared in the tool registry), for the policy to read fields
instead of guessing keys."""

from __future__ import annotations

from typing import Any, TypeVar

from pydantic import ValidationError

from tools.agent_tools.results import ToolResult

R = TypeVar("R", bound=ToolResult)


def read_result(data: Any, model: type[R]) -> R | None:
    """`data` (a tool's parsed JSON, or one item of it) as `model`; None for an error or another shape."""
    if not isinstance(data, dict) or "error" in data:
        return None
    try:
        return model.model_validate(data)
    except ValidationError:
        return None
