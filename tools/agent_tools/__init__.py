"""The thin LangChain tools the agent calls: one module per domain, typed arguments (`schemas`), the member
from the runtime context (`context`), compact JSON results and domain errors as text the model can act on.

`agent_tools()` returns every tool in the fixed order of the agent contract.
"""

from __future__ import annotations

from langchain_core.tools import BaseTool


def agent_tools() -> list[BaseTool]:
    from tools.agent_tools import catalogue, destinations, hotels, mobile, points, support
    from tools.agent_tools.schemas import TOOL_ARGS

    by_name = {t.name: t for module in (catalogue, hotels, destinations, points, mobile, support) for t in module.TOOLS}
    return [by_name[name] for name in TOOL_ARGS]


__all__ = ["agent_tools"]
