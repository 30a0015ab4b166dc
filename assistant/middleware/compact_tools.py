"""Compact tool schemas for the LLM path: the same tools, a fraction of the prompt tokens.

The tools' own schemas (pydantic JSON Schema plus the docstrings) cost about 4,500 tokens for 19 tools, most of
it `anyOf: [X, null]` wrappers, `default: null`, length limits and long descriptions that a small model pays for
on every call and rarely needs. What the model receives instead keeps every tool, every parameter, its type,
its enum values and which parameters are required (less a few optional knobs such as `limit`), documented by
`prompts/agent/tool_descriptions.yaml`: a one-line description per tool and a short note only where a
parameter's name leaves doubt. The tools still validate with their full models, so a limit the model no longer
sees comes back as an argument error it can correct (`tools.agent_tools.base.validation_text`).

The compact form depends only on the tool objects, so it is computed once per tool and is byte-identical
across members and days: part of the cacheable prompt prefix (see `assistant.middleware.prompt`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache
from typing import Any

import yaml
from langchain_core.tools import BaseTool
from langchain_core.utils.function_calling import convert_to_openai_tool

from assistant.prompts import PROMPTS_DIR

DESCRIPTIONS_FILE = PROMPTS_DIR / "agent" / "tool_descriptions.yaml"
# Schema keywords a model does not need to call the tool right: the tool's own validation enforces them.
_DROPPED = frozenset(
    {"title", "default", "minLength", "maxLength", "pattern", "format", "minimum", "maximum", "exclusiveMinimum",
     "exclusiveMaximum", "minItems", "maxItems"}
)  # fmt: skip
_SENTENCE_END = re.compile(r"(?<!e\.g)(?<!i\.e)\.(?:\s|$)")


@dataclass(frozen=True)
class ToolDoc:
    """What the prompts file says about one tool."""

    about: str | None = None
    params: dict[str, str] = field(default_factory=dict)
    hide: frozenset[str] = frozenset()
    free_text: frozenset[str] = frozenset()


@cache
def tool_docs() -> dict[str, ToolDoc]:
    """Tool name -> its documentation for the LLM (the prompts file)."""
    data = yaml.safe_load(DESCRIPTIONS_FILE.read_text(encoding="utf-8")) or {}
    docs: dict[str, ToolDoc] = {}
    for name, entry in data.items():
        entry = entry or {}
        docs[str(name)] = ToolDoc(
            about=" ".join(str(entry["about"]).split()) if entry.get("about") else None,
            params={str(k): " ".join(str(v or "").split()) for k, v in (entry.get("params") or {}).items()},
            hide=frozenset(str(h) for h in entry.get("hide") or ()),
            free_text=frozenset(str(h) for h in entry.get("free_text") or ()),
        )
    return docs


def first_sentence(text: str) -> str:
    """The first sentence of `text` ("e.g." does not end one)."""
    text = " ".join(text.split())
    match = _SENTENCE_END.search(text)
    return text[: match.start() + 1] if match else text


def compact_schema(node: Any) -> Any:
    """A JSON Schema without null branches, defaults and limits, descriptions cut to one sentence."""
    if isinstance(node, list):
        return [compact_schema(item) for item in node]
    if not isinstance(node, dict):
        return node
    node = dict(node)
    branches = node.get("anyOf")
    if isinstance(branches, list):
        kept = [b for b in branches if not (isinstance(b, dict) and b.get("type") == "null")]
        if len(kept) == 1 and isinstance(kept[0], dict):
            node.pop("anyOf")
            node = {**kept[0], **node}
    out: dict[str, Any] = {}
    for key, value in node.items():
        if key in _DROPPED and not isinstance(value, dict):
            continue
        if key == "description" and isinstance(value, str):
            out[key] = first_sentence(value)
        elif key == "properties" and isinstance(value, dict):
            out[key] = {name: compact_schema(prop) for name, prop in value.items()}
        else:
            out[key] = compact_schema(value)
    return out


def _compact_tool(tool: BaseTool) -> dict[str, Any]:
    spec = convert_to_openai_tool(tool)
    function = dict(spec["function"])
    doc = tool_docs().get(tool.name, ToolDoc())
    function["description"] = doc.about or first_sentence(function.get("description", ""))
    parameters = compact_schema(function.get("parameters") or {"type": "object", "properties": {}})
    required = set(parameters.get("required") or ())
    properties: dict[str, Any] = {}
    for name, prop in (parameters.get("properties") or {}).items():
        if name in doc.hide and name not in required:
            continue
        if name in doc.params:
            prop = {k: v for k, v in prop.items() if k != "description"}
            if doc.params[name]:
                prop["description"] = doc.params[name]
        if name in doc.free_text:
            prop = _without_enum(prop)
        properties[name] = prop
    parameters["properties"] = properties
    if not parameters.get("required"):
        parameters.pop("required", None)
    function["parameters"] = parameters
    return {"type": "function", "function": function}


def _without_enum(node: Any) -> Any:
    if isinstance(node, dict):
        return {k: _without_enum(v) for k, v in node.items() if k != "enum"}
    return node


_CACHE: dict[int, tuple[BaseTool, dict[str, Any]]] = {}


def compact_tool(tool: BaseTool | dict[str, Any]) -> dict[str, Any]:
    """The compact OpenAI tool dict of `tool`, the same object on every call (a dict is passed through)."""
    if isinstance(tool, dict):
        return tool
    cached = _CACHE.get(id(tool))
    if cached is None or cached[0] is not tool:
        cached = _CACHE[id(tool)] = (tool, _compact_tool(tool))
    return cached[1]
