"""Token usage from a real provider reaches the API's OpenAI `usage` fields: LangChain reports it as
`input_tokens` / `output_tokens`, which the API maps to `prompt_tokens` / `completion_tokens` (the stub on
loopback stands in for the provider, over real HTTP on both sides)."""

from __future__ import annotations

from pathlib import Path

import pytest
from openai import OpenAI

from assistant.runtime import build_runtime
from assistant.web.api_responses import openai_usage
from tests.fakes import OpenAIStub, reply, tool_reply
from tests.web.conftest import free_port, serve
from tests.web.real_world import real_settings
from tests.web.test_real_runtime import key

pytestmark = pytest.mark.filterwarnings("ignore:Item .* is using the `ReadOnly` qualifier:UserWarning")


def test_usage_of_every_model_call_in_the_turn_is_reported(tmp_path: Path, openai_stub: OpenAIStub) -> None:
    from app import create_app

    settings = real_settings(tmp_path / "var", ASSISTANT_MODEL="openai/stub-model",
                             ASSISTANT_API_BASE=openai_stub.base_url, ASSISTANT_API_KEY="sk-test")
    runtime = build_runtime(settings, with_index=False)
    port = free_port()
    server, thread = serve(create_app(settings, runtime), port)
    try:
        openai_stub.script(tool_reply("points_balance", {}), reply("You have some points."))
        client = OpenAI(base_url=f"http://127.0.0.1:{port}/v1", api_key=key(runtime, "M0001"), max_retries=0)
        answer = client.chat.completions.create(model="member-assistant",
                                                messages=[{"role": "user", "content": "my points?"}])
        assert answer.choices[0].message.content == "You have some points."
        # Two model calls, each reported by the stub as 10 prompt and 5 completion tokens.
        assert answer.usage is not None
        assert (answer.usage.prompt_tokens, answer.usage.completion_tokens, answer.usage.total_tokens) == (20, 10, 30)
    finally:
        server.should_exit = True
        thread.join(15)
        runtime.close()


def test_langchain_usage_names_map_to_openai_names() -> None:
    assert openai_usage({"input_tokens": 7, "output_tokens": 3, "total_tokens": 10}) == {
        "prompt_tokens": 7, "completion_tokens": 3, "total_tokens": 10}
    assert openai_usage({"input_tokens": 7, "output_tokens": 3}) == {
        "prompt_tokens": 7, "completion_tokens": 3, "total_tokens": 10}
