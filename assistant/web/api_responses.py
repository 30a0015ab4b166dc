"""Response bodies of the OpenAI-compatible API, typed with the `openai` package's own models.

Why the client library's types: a response that an OpenAI client can parse is the whole point of this API,
and `ChatCompletion` / `ChatCompletionChunk` / `Model` are the definition of that shape, kept current by
OpenAI, rather than dicts written from memory. The member-assistant additions (the server-issued
`thread_id`, the `pending_action` awaiting approval, the tool steps and notices) are declared on subclasses,
so they are typed too; OpenAI clients ignore fields they do not know. Bodies are dumped with
`exclude_unset`, so a field appears exactly when it is set here (no `"service_tier": null` noise).
"""

from __future__ import annotations

import json
import time
import uuid
from typing import Any

from openai.types import CompletionUsage, Model
from openai.types.chat import ChatCompletion, ChatCompletionChunk, ChatCompletionMessage
from openai.types.chat.chat_completion import Choice
from openai.types.chat.chat_completion_chunk import Choice as ChunkChoice
from openai.types.chat.chat_completion_chunk import ChoiceDelta

from assistant.events import PendingAction

OWNER = "member-assistant"


class MemberChatCompletion(ChatCompletion):
    """A whole answer, plus the thread it belongs to and what it did on the way."""

    thread_id: str
    pending_action: dict[str, Any] | None
    tool_steps: list[dict[str, Any]]
    notices: list[str]


class MemberChatCompletionChunk(ChatCompletionChunk):
    """One streamed piece; the tool step, the pending action and the steps ride on the chunks that carry them."""

    thread_id: str
    tool_step: dict[str, Any] | None = None
    pending_action: dict[str, Any] | None = None
    tool_steps: list[dict[str, Any]] | None = None


def completion_id() -> str:
    return f"chatcmpl-{uuid.uuid4().hex[:24]}"


def pending_json(pending: PendingAction | None) -> dict[str, Any] | None:
    """The action awaiting approval and the two replies that settle it."""
    if pending is None:
        return None
    return {
        "id": pending.action_id,
        "tool": pending.tool,
        "args": pending.args,
        "summary": pending.summary,
        "details": pending.details,
        "approve": {"content": "approve", "metadata": {"decision": "approve"}},
        "reject": {"content": "reject", "metadata": {"decision": "reject"}},
    }


def openai_usage(usage: dict[str, int]) -> dict[str, int]:
    """OpenAI's `usage` fields from LangChain's usage metadata (or from OpenAI-named counts)."""
    prompt = usage.get("prompt_tokens", usage.get("input_tokens", 0))
    completion = usage.get("completion_tokens", usage.get("output_tokens", 0))
    return {"prompt_tokens": prompt, "completion_tokens": completion,
            "total_tokens": usage.get("total_tokens", prompt + completion)}


def completion_body(*, content: str, usage: dict[str, int], thread_id: str, model_name: str,
                    pending: PendingAction | None, tool_steps: list[dict[str, Any]],
                    notices: list[str]) -> dict[str, Any]:
    """The `chat.completion` body for a finished turn (usage defaults to zeros, the total to the sum).

    `usage` is what the turn collected from the model's messages: LangChain's `input_tokens` /
    `output_tokens` (what every real provider reports through `usage_metadata`), or already OpenAI's names."""
    counts = openai_usage(usage)
    body = MemberChatCompletion(
        id=completion_id(),
        object="chat.completion",
        created=int(time.time()),
        model=model_name,
        choices=[Choice(index=0, message=ChatCompletionMessage(role="assistant", content=content),
                        finish_reason="stop")],
        usage=CompletionUsage.model_validate(counts),
        thread_id=thread_id,
        pending_action=pending_json(pending),
        tool_steps=tool_steps,
        notices=notices,
    )
    return body.model_dump(mode="json", exclude_unset=True)


def chunk_event(chunk_id: str, model_name: str, thread_id: str, delta: ChoiceDelta, *,
                finish: bool = False, **extra: Any) -> str:
    """One server-sent event carrying a `chat.completion.chunk` (`extra`: the member-assistant fields)."""
    body = MemberChatCompletionChunk(
        id=chunk_id,
        object="chat.completion.chunk",
        created=int(time.time()),
        model=model_name,
        choices=[ChunkChoice(index=0, delta=delta, finish_reason="stop" if finish else None)],
        thread_id=thread_id,
        **extra,
    )
    return f"data: {json.dumps(body.model_dump(mode='json', exclude_unset=True), ensure_ascii=False)}\n\n"


def model_list(names: list[str]) -> dict[str, Any]:
    """The `/v1/models` body: each name as an OpenAI `Model`."""
    models = [Model(id=name, object="model", created=0, owned_by=OWNER) for name in names]
    return {"object": "list", "data": [m.model_dump(mode="json", exclude_unset=True) for m in models]}
