"""A chat model scripted turn by turn, for tests and benchmarks that must not depend on any LLM.

Each step is what the model "says" on one call: tool calls (`call(...)`, `calls(...)`), text (`say(...)`),
or a function of the messages it was given (so a step can use an id from an earlier tool result). The model
records every call (messages and the tools it was offered) and `assert_all_used()` checks that the whole
script ran, so a test proves the exact exchange rather than "something happened".
"""

from __future__ import annotations

import json
import threading
import uuid
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

from langchain_core.messages import AIMessage, AIMessageChunk, BaseMessage, ToolMessage
from langchain_core.runnables import Runnable
from langchain_core.utils.function_calling import convert_to_openai_tool
from pydantic import PrivateAttr

from assistant.offline.reply_model import ReplyChatModel

StepFn = Callable[[list[BaseMessage]], "AIMessage | str"]
Step = AIMessage | str | StepFn


def call(name: str, args: dict[str, Any] | None = None, *, id: str | None = None) -> AIMessage:
    """One tool call (the model's whole reply)."""
    return calls((name, args or {}, id))


def calls(*specs: tuple[str, dict[str, Any]] | tuple[str, dict[str, Any], str | None]) -> AIMessage:
    """Several tool calls in one reply (parallel tool calls)."""
    tool_calls = []
    for spec in specs:
        name, args = spec[0], spec[1]
        call_id = (spec[2] if len(spec) > 2 else None) or f"call_{uuid.uuid4().hex[:12]}"
        tool_calls.append({"name": name, "args": args, "id": call_id, "type": "tool_call"})
    return AIMessage(content="", tool_calls=tool_calls)


def say(text: str) -> AIMessage:
    """A plain text answer (ends the agent loop)."""
    return AIMessage(content=text)


def tool_results(messages: Sequence[BaseMessage], name: str | None = None) -> list[ToolMessage]:
    """The tool messages so far, optionally only those of one tool."""
    return [m for m in messages if isinstance(m, ToolMessage) and (name is None or m.name == name)]


def last_tool_json(messages: Sequence[BaseMessage], name: str | None = None) -> Any:
    """The last tool result (of `name`) parsed as JSON; raises if there is none or it is not JSON."""
    results = tool_results(messages, name)
    if not results:
        raise AssertionError(f"the script expected a {name or 'tool'} result, but there is none")
    content = results[-1].content
    text = content if isinstance(content, str) else json.dumps(content)
    if text.startswith("<catalogue_data") and text.endswith("</catalogue_data>"):  # quoted catalogue data
        text = text[text.index(">") + 1 : -len("</catalogue_data>")]
    return json.loads(text)


@dataclass
class ModelCall:
    """What the model was given on one call."""

    messages: list[BaseMessage]
    tool_names: list[str] = field(default_factory=list)
    tools: list[dict[str, Any]] = field(default_factory=list)


class ScriptExhausted(AssertionError):
    """The agent called the model more often than the script has steps."""


class ScriptedChatModel(ReplyChatModel):
    """Replays `steps` in order, one per model call; thread-safe; streams text word by word."""

    steps: list[Any]
    model_name: str = "scripted"
    # When True a step is reused forever after the script ends (for benchmarks that loop one exchange).
    cycle: bool = False

    _index: int = PrivateAttr(default=0)
    _calls: list[ModelCall] = PrivateAttr(default_factory=list)
    _lock: threading.Lock = PrivateAttr(default_factory=threading.Lock)
    _formatted: dict[tuple[int, ...], list[dict[str, Any]]] = PrivateAttr(default_factory=dict)

    def __init__(self, steps: Sequence[Step], **kwargs: Any) -> None:
        super().__init__(steps=list(steps), **kwargs)  # type: ignore[call-arg]

    @property
    def _llm_type(self) -> str:
        return "scripted"

    @property
    def calls(self) -> list[ModelCall]:
        return list(self._calls)

    @property
    def used(self) -> int:
        return self._index

    def extend(self, steps: Sequence[Step]) -> None:
        """Append steps (e.g. for the next turn of a multi-turn test)."""
        with self._lock:
            self.steps.extend(steps)

    def assert_all_used(self) -> None:
        if self._index != len(self.steps):
            raise AssertionError(f"script has {len(self.steps)} steps but only {self._index} were used")

    def bind_tools(self, tools: Sequence[Any], **kwargs: Any) -> Runnable[Any, AIMessage]:
        # The agent binds its tools on every model call; the tool objects do not change, so format them once.
        key = tuple(id(t) for t in tools)
        formatted = self._formatted.get(key)
        if formatted is None:
            formatted = self._formatted[key] = [convert_to_openai_tool(t) for t in tools]
        return self.bind(tools=formatted, **kwargs)

    def _reply(self, messages: list[BaseMessage], kwargs: dict[str, Any]) -> AIMessage:
        tools = kwargs.get("tools") or []
        with self._lock:
            if self._index >= len(self.steps):
                if not (self.cycle and self.steps):
                    raise ScriptExhausted(
                        f"model called {self._index + 1} times but the script has {len(self.steps)} steps; "
                        f"last message: {messages[-1].content!r:.200}"
                    )
                self._index = 0
            step = self.steps[self._index]
            self._index += 1
            self._calls.append(
                ModelCall(
                    messages=list(messages),
                    tool_names=[t.get("function", {}).get("name", "") for t in tools],
                    tools=list(tools),
                )
            )
        if callable(step) and not isinstance(step, AIMessage):
            step = step(list(messages))
        if isinstance(step, str):
            step = say(step)
        # A fresh copy each time: the agent graph mutates messages (e.g. HITL rewrites tool calls).
        return AIMessage(
            content=step.content,
            tool_calls=[
                {**tc, "id": f"call_{uuid.uuid4().hex[:12]}" if self.cycle or not tc["id"] else tc["id"]}
                for tc in step.tool_calls
            ],
            id=f"run-{uuid.uuid4().hex[:12]}",
            usage_metadata={"input_tokens": 0, "output_tokens": 0, "total_tokens": 0},
        )

    def _chunks(self, message: AIMessage) -> Iterator[tuple[AIMessageChunk, str | None]]:
        """The text word by word, then one last chunk with the tool calls and the usage."""
        text = message.content if isinstance(message.content, str) else ""
        pieces = [p + " " for p in text.split(" ")] if text else []
        if pieces:
            pieces[-1] = pieces[-1][:-1]
        for piece in pieces:
            yield AIMessageChunk(content=piece, id=message.id), piece
        tool_call_chunks = [
            {"name": tc["name"], "args": json.dumps(tc["args"]), "id": tc["id"], "index": i, "type": "tool_call_chunk"}
            for i, tc in enumerate(message.tool_calls)
        ]
        last = AIMessageChunk(
            content="",
            id=message.id,
            tool_call_chunks=tool_call_chunks,  # type: ignore[arg-type]
            usage_metadata=message.usage_metadata,
            chunk_position="last",
        )
        yield last, None
