"""Hand-off to a human: records a support ticket with a summary of the conversation so far."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from langchain.tools import ToolRuntime
from langchain_core.messages import AIMessage, BaseMessage, HumanMessage, ToolMessage

from tools.agent_tools.base import agent_tool
from tools.agent_tools.context import AssistantContext
from tools.agent_tools.results import TicketResult
from tools.agent_tools.schemas import HandoffToSupportArgs

SUMMARY_CHARS = 1900
_ID = re.compile(r"\b(?:P\d{4,}|H\d{3,}(?:-R\d+)?|D\d{3,}|BK[0-9A-F]{6,})\b")


def _text(message: BaseMessage) -> str:
    content = message.content
    return content if isinstance(content, str) else " ".join(str(b) for b in content)


def conversation_summary(reason: str, messages: Sequence[BaseMessage]) -> str:
    """Reason first, then what the member said, the tools used and the ids involved, within the ticket size."""
    said = [" ".join(_text(m).split())[:200] for m in messages if isinstance(m, HumanMessage)]
    tools = list(dict.fromkeys(c["name"] for m in messages if isinstance(m, AIMessage) for c in m.tool_calls))
    ids: list[str] = []
    for m in messages:
        if isinstance(m, ToolMessage | AIMessage | HumanMessage):
            ids += [i for i in _ID.findall(_text(m)) if i not in ids]
    lines = [f"Reason: {reason}", "Member said:"]
    lines += [f"- {s}" for s in said[-6:]]
    if tools:
        lines.append("Assistant used: " + ", ".join(tools))
    if ids:
        lines.append("Ids involved: " + ", ".join(ids[:15]))
    return "\n".join(lines)[:SUMMARY_CHARS]


@agent_tool("handoff_to_support", label="Handing over to support", result=TicketResult)
def handoff_to_support(ctx: AssistantContext, args: HandoffToSupportArgs, runtime: ToolRuntime) -> Any:
    """Hand the conversation to a human: for complaints, refunds, account, payment or delivery problems and
    anything the tools cannot do. Records a ticket with a summary of the conversation; tell the member its id."""
    messages = list((runtime.state or {}).get("messages", [])) if isinstance(runtime.state, dict) else []
    ticket = ctx.services.support.open_ticket(ctx.member_id, args.category, conversation_summary(args.reason, messages))
    return {"ticket_id": ticket.id, "category": ticket.category, "status": ticket.status}


TOOLS = [handoff_to_support]
