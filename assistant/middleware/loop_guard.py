"""A loop guard for small models: an identical tool call is answered from the results so far, not re-run.

A small local model, given a tool result it does not know how to use, often asks for the same call again, and
again, until the per-turn model-call limit ends the turn with no answer. Running the call again cannot help
(the same arguments give the same result), so this middleware does not run it: the repeated call gets the
earlier result again, and the next model call of an LLM is made without tools and with a closing instruction
to answer from the results so far (`prompts/agent/repeated_call.md.j2`), so the member gets an answer instead
of a call-limit notice. (A note "you already called it" as the tool result was tried first: the 1.5B model
answered the member with the note itself, as JSON.)

"Identical" means the same tool name and the same arguments as a call earlier in the current request (the
messages after the member's latest message) that already has its result. The offline engine keeps its tools:
only an LLM's next call loses them (a fallback to the engine reaches this middleware in the engine's form).
"""

from __future__ import annotations

import json
from collections.abc import Awaitable, Callable, Sequence
from typing import Any

from langchain.agents.middleware import ModelRequest, ToolCallRequest
from langchain_core.messages import AIMessage, AnyMessage, HumanMessage, SystemMessage, ToolMessage
from langgraph.types import Command

from assistant.middleware.prompt import uses_llm_layout
from assistant.middleware.request_rewrite import RequestRewrite
from assistant.prompts import render_prompt

REPEATED_KEY = "repeated_tool_call"  # marks the result of a repeated call (metadata, not sent to a provider)


def _key(name: str, args: Any) -> str:
    return name + "\x00" + json.dumps(args, sort_keys=True, default=str)


def current_request(messages: Sequence[AnyMessage]) -> list[AnyMessage]:
    """The messages after the member's latest message: the work done for the request being answered."""
    for index in range(len(messages) - 1, -1, -1):
        if isinstance(messages[index], HumanMessage):
            return list(messages[index + 1 :])
    return list(messages)


def answered_calls(messages: Sequence[AnyMessage]) -> dict[str, ToolMessage]:
    """(name, args) key -> the result, for the tool calls in `messages` that already have one."""
    results = {m.tool_call_id: m for m in messages if isinstance(m, ToolMessage)}
    return {
        _key(call["name"], call["args"]): results[call["id"] or ""]
        for m in messages
        if isinstance(m, AIMessage)
        for call in m.tool_calls
        if call.get("id") in results
    }


def earlier_result(request: ToolCallRequest) -> ToolMessage | None:
    """The result an identical call earlier in the current request already got, if any."""
    state = request.state
    messages = state.get("messages", []) if isinstance(state, dict) else getattr(state, "messages", [])
    call = request.tool_call
    return answered_calls(current_request(messages)).get(_key(call["name"], call["args"]))


def repeated_result(request: ToolCallRequest, earlier: ToolMessage) -> ToolMessage:
    call = request.tool_call
    return ToolMessage(
        content=earlier.content,
        tool_call_id=call["id"] or "",
        name=call["name"],
        status=earlier.status,
        additional_kwargs={REPEATED_KEY: True},
    )


def last_results_repeated(messages: Sequence[AnyMessage]) -> bool:
    """Whether the latest tool results (those after the last model reply) include a repeated call's."""
    for message in reversed(messages):
        if not isinstance(message, ToolMessage):
            return False
        if message.additional_kwargs.get(REPEATED_KEY):
            return True
    return False


class LoopGuard(RequestRewrite):
    """`wrap_tool_call`: a repeated identical call is not run; `rewrite` (the model call): an LLM then answers
    without tools."""

    def rewrite(self, request: ModelRequest) -> ModelRequest:
        if request.tools and uses_llm_layout(request.model) and last_results_repeated(request.messages):
            instruction = SystemMessage(content=render_prompt("agent/repeated_call.md.j2").strip())
            messages: list[AnyMessage] = [*request.messages, instruction]
            return request.override(tools=[], tool_choice=None, messages=messages)
        return request

    def wrap_tool_call(
        self, request: ToolCallRequest, handler: Callable[[ToolCallRequest], ToolMessage | Command[Any]]
    ) -> ToolMessage | Command[Any]:
        earlier = earlier_result(request)
        return repeated_result(request, earlier) if earlier is not None else handler(request)

    async def awrap_tool_call(
        self,
        request: ToolCallRequest,
        handler: Callable[[ToolCallRequest], Awaitable[ToolMessage | Command[Any]]],
    ) -> ToolMessage | Command[Any]:
        earlier = earlier_result(request)
        return repeated_result(request, earlier) if earlier is not None else await handler(request)
