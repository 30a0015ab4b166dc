"""Test fakes: a scripted chat model, an OpenAI-compatible stub server on loopback, and the pytest plugin
that blocks real provider calls. Only the LLM is faked; everything else in tests is real."""

from testkit.scripted_model import (
    ModelCall,
    ScriptedChatModel,
    ScriptExhausted,
    call,
    calls,
    last_tool_json,
    say,
    tool_results,
)
from tests.fakes.openai_stub import OpenAIStub, StubReply, fault, reply, slow, tool_reply

__all__ = [
    "ModelCall",
    "OpenAIStub",
    "ScriptExhausted",
    "ScriptedChatModel",
    "StubReply",
    "call",
    "calls",
    "fault",
    "last_tool_json",
    "reply",
    "say",
    "slow",
    "tool_reply",
    "tool_results",
]
