"""Timeouts sized for a model server on this machine (the OpenAI-compatible stub on loopback): reading a long
prompt can take a minute before the first token, which the first-token timeout allows for separately from the
reply's own timeout; and a server that is merely slow is not sent the whole prompt again."""

from __future__ import annotations

from typing import Any

import pytest

from assistant.settings import load_settings
from tests.agent.helpers import run
from tests.fakes import OpenAIStub, slow
from tests.security.conftest import RuntimeFactory

pytestmark = pytest.mark.filterwarnings("ignore:Item .* is using the `ReadOnly` qualifier:UserWarning")


def local(stub: OpenAIStub, **extra: Any) -> dict[str, Any]:
    return {"ASSISTANT_MODEL": "openai/stub-model", "ASSISTANT_API_BASE": stub.base_url, "ASSISTANT_MAX_RETRIES": 2,
            **extra}


def test_a_slow_first_token_within_its_timeout_is_waited_for_not_retried(
    make_runtime: RuntimeFactory, openai_stub: OpenAIStub
) -> None:
    # The first token takes longer than ASSISTANT_TIMEOUT_S, but within ASSISTANT_FIRST_TOKEN_TIMEOUT_S.
    openai_stub.script(slow(2.0, "Here are your points."))
    rt = make_runtime(None, **local(openai_stub, ASSISTANT_TIMEOUT_S=1, ASSISTANT_FIRST_TOKEN_TIMEOUT_S=8))
    conv = rt.conversations
    turn = run(conv.send(member_id="M0001", thread_id=conv.new_thread("M0001"), text="hi"))
    assert turn.answer == "Here are your points." and len(openai_stub.requests) == 1


def test_a_local_server_past_the_first_token_timeout_is_not_sent_the_prompt_again(
    make_runtime: RuntimeFactory, openai_stub: OpenAIStub
) -> None:
    openai_stub.script(slow(3.0, "too late"), slow(3.0, "too late"), slow(3.0, "too late"))
    rt = make_runtime(None, **local(openai_stub, ASSISTANT_TIMEOUT_S=30, ASSISTANT_FIRST_TOKEN_TIMEOUT_S=0.5))
    conv = rt.conversations
    turn = run(conv.send(member_id="M0001", thread_id=conv.new_thread("M0001"), text="hi"), allow_errors=True)
    assert [n.level for n in turn.notices] == ["error"] and "did not answer in time" in turn.notices[0].text
    assert len(openai_stub.requests) == 1


def test_timeouts_are_retried_for_a_hosted_provider_unless_told_otherwise() -> None:
    hosted = load_settings(ASSISTANT_MODEL="openai/x", ASSISTANT_API_BASE="https://llm.example/v1")
    on_this_machine = load_settings(ASSISTANT_MODEL="openai/x", ASSISTANT_API_BASE="http://127.0.0.1:8080/v1")
    assert hosted.timeout_retries == hosted.max_retries > 0 and on_this_machine.timeout_retries == 0
    forced = load_settings(ASSISTANT_API_BASE="http://localhost:8080/v1", ASSISTANT_RETRY_ON_TIMEOUT="1")
    assert forced.timeout_retries == forced.max_retries
