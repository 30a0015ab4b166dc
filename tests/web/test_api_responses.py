"""The API's bodies are OpenAI's own types plus the member-assistant fields, and carry nothing else: an
OpenAI client parses them, and no unset OpenAI field (service_tier, refusal, logprobs...) leaks in as null."""

from __future__ import annotations

import json

from openai.types.chat import ChatCompletion, ChatCompletionChunk
from openai.types.chat.chat_completion_chunk import ChoiceDelta

from assistant.events import PendingAction
from assistant.web.api_responses import chunk_event, completion_body, model_list

PENDING = PendingAction(action_id="a1", tool="book_hotel", args={"hotel_id": "H0001"}, summary="Book it")


def test_completion_is_an_openai_completion_with_the_thread_and_pending_action() -> None:
    body = completion_body(content="Booked?", usage={"prompt_tokens": 3, "completion_tokens": 4}, thread_id="t-1",
                           model_name="offline", pending=PENDING, tool_steps=[{"id": "c1", "tool": "quote_stay"}],
                           notices=[])
    parsed = ChatCompletion.model_validate(body)
    assert parsed.choices[0].message.content == "Booked?" and parsed.choices[0].finish_reason == "stop"
    assert body["usage"] == {"prompt_tokens": 3, "completion_tokens": 4, "total_tokens": 7}
    assert set(body) == {"id", "object", "created", "model", "choices", "usage", "thread_id", "pending_action",
                         "tool_steps", "notices"}
    assert set(body["choices"][0]) == {"index", "message", "finish_reason"}
    assert body["choices"][0]["message"] == {"role": "assistant", "content": "Booked?"}
    assert body["pending_action"]["tool"] == "book_hotel"
    assert body["pending_action"]["approve"]["metadata"] == {"decision": "approve"}


def test_completion_without_usage_reports_zero_tokens() -> None:
    body = completion_body(content="", usage={}, thread_id="t-1", model_name="offline", pending=None,
                           tool_steps=[], notices=["n"])
    assert body["usage"] == {"prompt_tokens": 0, "completion_tokens": 0, "total_tokens": 0}
    assert body["pending_action"] is None


def test_chunks_carry_only_what_is_set() -> None:
    first = json.loads(chunk_event("chatcmpl-1", "offline", "t-1", ChoiceDelta(role="assistant", content=""))
                       .removeprefix("data: "))
    step = json.loads(chunk_event("chatcmpl-1", "offline", "t-1", ChoiceDelta(), tool_step={"tool": "x", "args": {}})
                      .removeprefix("data: "))
    last = json.loads(chunk_event("chatcmpl-1", "offline", "t-1", ChoiceDelta(), finish=True, pending_action=None,
                                  tool_steps=[]).removeprefix("data: "))
    for chunk in (first, step, last):
        ChatCompletionChunk.model_validate(chunk)
        assert chunk["object"] == "chat.completion.chunk" and chunk["thread_id"] == "t-1"
    assert first["choices"] == [{"index": 0, "delta": {"role": "assistant", "content": ""}, "finish_reason": None}]
    assert step["choices"][0]["delta"] == {} and step["tool_step"] == {"tool": "x", "args": {}}
    assert "pending_action" not in step and "tool_step" not in last
    assert last["choices"][0]["finish_reason"] == "stop" and last["pending_action"] is None


def test_model_list_is_openai_models() -> None:
    assert model_list(["member-assistant"]) == {
        "object": "list", "data": [{"id": "member-assistant", "object": "model", "created": 0,
                                    "owned_by": "member-assistant"}]}
