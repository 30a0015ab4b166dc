"""The per-run context the agent's tools read: who the member is and which services to use.

The caller (UI session, API key, CLI flag) sets it when it invokes the agent; the model never sees or sets
it. That is what makes identity structural: a tool cannot be asked for another member's data because no
tool has a member argument.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from tools.services import Services


@dataclass(frozen=True)
class AssistantContext:
    """Passed as `context=` to the agent; tools get it through LangChain's `ToolRuntime.context`."""

    member_id: str
    services: Services
    thread_id: str
    # Free-form extras a front end may attach (e.g. the request id for tracing); never read by tools for identity.
    extras: dict[str, Any] | None = None
