"""`ReplyChatModel`: the base of a chat model that has its whole reply at once, with no provider to stream from.

The offline engine (`assistant.offline.model`) and the test kit's scripted model (`testkit.scripted_model`)
both compute the complete `AIMessage` first and then stream it in pieces, so the LangChain plumbing of that
(`_generate`, `_stream` and the new-token callback) is written once here. A subclass gives `_reply` (the
message for this call) and `_chunks` (how that message is cut into stream chunks). This module imports
nothing of the engine, so the test kit stays quick to import.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from langchain_core.callbacks import CallbackManagerForLLMRun
from langchain_core.language_models import BaseChatModel
from langchain_core.messages import AIMessage, AIMessageChunk, BaseMessage
from langchain_core.outputs import ChatGeneration, ChatGenerationChunk, ChatResult


class ReplyChatModel(BaseChatModel):
    """Generates `_reply(...)`; streams it as `_chunks(...)`, reporting each piece of text as a new token."""

    def _reply(self, messages: list[BaseMessage], kwargs: dict[str, Any]) -> AIMessage:
        """The whole reply to `messages` (`kwargs`: what the call was given, e.g. the bound `tools`)."""
        raise NotImplementedError

    def _chunks(self, message: AIMessage) -> Iterator[tuple[AIMessageChunk, str | None]]:
        """The stream of `message`: each chunk, with the piece of text it carries as a new token (or None)."""
        raise NotImplementedError

    def _generate(
        self,
        messages: list[BaseMessage],
        stop: list[str] | None = None,
        run_manager: CallbackManagerForLLMRun | None = None,
        **kwargs: Any,
    ) -> ChatResult:
        return ChatResult(generations=[ChatGeneration(message=self._reply(messages, kwargs))])

    def _stream(
        self,
        messages: list[BaseMessage],
        stop: list[str] | None = None,
        run_manager: CallbackManagerForLLMRun | None = None,
        **kwargs: Any,
    ) -> Iterator[ChatGenerationChunk]:
        for chunk, token in self._chunks(self._reply(messages, kwargs)):
            generation = ChatGenerationChunk(message=chunk)
            if token is not None and run_manager:
                run_manager.on_llm_new_token(token, chunk=generation)
            yield generation
