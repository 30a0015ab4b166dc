"""The tool registry is the only list of tools: every tool has an entry, and a tool added through the registry
alone reaches the agent, the confirmation and quoting middleware, the chat UI's labels and the eval."""

from __future__ import annotations

import importlib
import json
import pkgutil
from types import SimpleNamespace
from typing import Any

import pytest
from langchain.tools import ToolRuntime
from langchain_core.messages import ToolMessage
from langchain_core.tools import BaseTool
from pydantic import Field

import tools.agent_tools
from assistant.agent import create_assistant_agent
from assistant.middleware.confirmation import confirmation_middleware
from assistant.middleware.guardrails import CatalogueQuoting
from assistant.offline.model import _allowed_args
from assistant.web.ui_chat import TOOL_LABELS, tool_title
from eval.scenario_models import SIDE_EFFECT_TOOLS, TOOL_NAMES
from tests.fakes import ScriptedChatModel, say
from tools.agent_tools import agent_tools
from tools.agent_tools.base import agent_tool
from tools.agent_tools.context import AssistantContext
from tools.agent_tools.previews import ActionPreview, preview_action
from tools.agent_tools.registry import REGISTRY, ToolSpec
from tools.agent_tools.schemas import ToolArgs


class DummyArgs(ToolArgs):
    word: str = Field(min_length=1, description="Any word.")


def _dummy(ctx: AssistantContext, args: DummyArgs, runtime: ToolRuntime) -> Any:
    """Echo a word (a tool that exists only in this test)."""
    return {"word": args.word}


def _preview(ctx: AssistantContext, args: DummyArgs) -> ActionPreview:
    return ActionPreview(summary=f"Stamp the word {args.word}", details={"word": args.word})


def _module_level_tools() -> dict[str, object]:
    """Every tool object any module of `tools.agent_tools` defines at module level, by where it is."""
    found: dict[str, object] = {}
    for info in pkgutil.iter_modules(tools.agent_tools.__path__):
        module = importlib.import_module(f"tools.agent_tools.{info.name}")
        for attr, value in vars(module).items():
            if isinstance(value, BaseTool | ToolSpec):
                found[f"{info.name}.{attr}"] = value
    return found


def test_every_tool_has_a_registry_entry() -> None:
    registered_specs = {id(spec) for spec in REGISTRY}
    registered_tools = {id(spec.tool) for spec in REGISTRY}
    defined = _module_level_tools()
    assert len(defined) >= len(REGISTRY.specs()) >= 19
    unregistered = [where for where, value in defined.items() if id(value) not in registered_specs | registered_tools]
    assert unregistered == [], f"tools without a registry entry (add them to their module's TOOLS): {unregistered}"


def test_every_entry_is_complete_and_the_agent_is_built_from_the_registry() -> None:
    for spec in REGISTRY:
        assert spec.label.strip() and spec.tool.description.strip(), spec.name
        assert issubclass(spec.args, ToolArgs) and spec.tool.name == spec.name
        assert not spec.side_effect or spec.confirm is not None, spec.name
    agent = create_assistant_agent(ScriptedChatModel([say("unused")]), checkpointer=None)
    assert list(agent.nodes["tools"].bound.tools_by_name) == list(REGISTRY.names)
    assert set(SIDE_EFFECT_TOOLS) == {"book_hotel", "cancel_booking", "redeem_points"}


def test_a_side_effect_tool_needs_a_confirmation_summary() -> None:
    with pytest.raises(ValueError, match="confirmation summary"):
        agent_tool("dummy_stamp", label="Stamping", side_effect=True)(_dummy)


def test_a_tool_added_through_the_registry_alone_is_seen_everywhere() -> None:
    lookup = agent_tool("dummy_lookup", label="Looking up the dummy", untrusted_output=True)(_dummy)
    stamp = agent_tool("dummy_stamp", label="Stamping the dummy", side_effect=True, confirm=_preview)(_dummy)
    assert "dummy_lookup" not in TOOL_NAMES

    with REGISTRY.including(lookup, stamp):
        assert [t.name for t in agent_tools()][-2:] == ["dummy_lookup", "dummy_stamp"]
        agent = create_assistant_agent(ScriptedChatModel([say("unused")]), checkpointer=None)
        assert {"dummy_lookup", "dummy_stamp"} <= set(agent.nodes["tools"].bound.tools_by_name)
        assert TOOL_LABELS["dummy_lookup"] == "Looking up the dummy" == tool_title("dummy_lookup")
        assert {"dummy_lookup", "dummy_stamp"} <= TOOL_NAMES and "dummy_stamp" in SIDE_EFFECT_TOOLS
        assert "dummy_stamp" in confirmation_middleware().interrupt_on
        assert "dummy_lookup" not in confirmation_middleware().interrupt_on
        assert _allowed_args("dummy_lookup", {"word": "x", "city": "Kyoto"}) == {"word": "x"}
        preview = preview_action("dummy_stamp", {"word": "ink"}, ctx=None)  # type: ignore[arg-type]
        assert preview.summary == "Stamp the word ink" and preview.ok

        quoted = CatalogueQuoting()._quote(
            _request("dummy_lookup"), ToolMessage(content=json.dumps({"word": "x"}), tool_call_id="c1")
        )
        assert isinstance(quoted, ToolMessage) and str(quoted.content).startswith("<catalogue_data")

    assert "dummy_lookup" not in TOOL_NAMES and "dummy_lookup" not in TOOL_LABELS
    assert "dummy_stamp" not in confirmation_middleware().interrupt_on


def test_a_name_cannot_be_registered_twice() -> None:
    clash = agent_tool("search_products", label="Another search")(_dummy)
    with pytest.raises(ValueError, match="already registered"), REGISTRY.including(clash):
        pass


def _request(name: str) -> Any:
    return SimpleNamespace(tool_call={"name": name, "args": {}, "id": "c1"})
