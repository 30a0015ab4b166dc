"""The thin LangChain tools the agent calls: one module per domain, typed arguments (`schemas`), the member
from the runtime context (`context`), compact JSON results and domain errors as text the model can act on.
Each tool is declared once, in `registry` (see there how to add one).

`agent_tools()` returns every tool in the fixed order of the agent contract.
"""

from __future__ import annotations

from langchain_core.tools import BaseTool


def agent_tools() -> list[BaseTool]:
    from tools.agent_tools.registry import REGISTRY

    return REGISTRY.langchain_tools()


__all__ = ["agent_tools"]
