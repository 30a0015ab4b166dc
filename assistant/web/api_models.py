"""Request and response shapes of the OpenAI-compatible API (the subset a chat client sends).

Unknown request fields (temperature, top_p, ...) are accepted and ignored, like OpenAI-compatible servers
do; the ones we cannot honour (client-side tools, images) are rejected with a reason.
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

# A member's message longer than this is not a question; the whole body is capped at MAX_BODY_BYTES.
MAX_MESSAGE_CHARS = 16_000
MAX_BODY_BYTES = 1_000_000
MAX_MESSAGES = 200

APPROVE_WORDS = frozenset({"approve", "approved", "yes", "confirm", "confirmed", "go ahead", "ok", "okay"})
REJECT_WORDS = frozenset({"reject", "rejected", "no", "cancel", "decline", "don't", "do not"})


class TextPart(BaseModel):
    model_config = ConfigDict(extra="allow")
    type: Literal["text"]
    text: str


class ChatMessageIn(BaseModel):
    model_config = ConfigDict(extra="allow")
    role: Literal["system", "developer", "user", "assistant"]
    content: str | list[TextPart] | None = None

    @field_validator("content")
    @classmethod
    def _not_too_long(cls, value: str | list[TextPart] | None) -> str | list[TextPart] | None:
        size = len(value) if isinstance(value, str) else sum(len(p.text) for p in value or [])
        if size > MAX_MESSAGE_CHARS:
            raise ValueError(f"message is {size} characters; the limit is {MAX_MESSAGE_CHARS}")
        return value

    @property
    def text(self) -> str:
        if self.content is None:
            return ""
        if isinstance(self.content, str):
            return self.content
        return "".join(part.text for part in self.content)


class ChatMetadata(BaseModel):
    model_config = ConfigDict(extra="allow")
    thread_id: str | None = Field(default=None, max_length=80)
    decision: Literal["approve", "reject"] | None = None


class ChatCompletionRequest(BaseModel):
    model_config = ConfigDict(extra="allow")
    model: str = Field(min_length=1, max_length=200)
    messages: list[ChatMessageIn] = Field(min_length=1, max_length=MAX_MESSAGES)
    stream: bool = False
    metadata: ChatMetadata | None = None
    user: str | None = None
    tools: list[Any] | None = None

    @field_validator("tools")
    @classmethod
    def _no_client_tools(cls, value: list[Any] | None) -> list[Any] | None:
        if value:
            raise ValueError("this assistant runs its own tools; client-side tools are not supported")
        return value

    @property
    def last_user_text(self) -> str:
        return self.messages[-1].text.strip()


class FeedbackRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")
    thread_id: str = Field(min_length=1, max_length=80)
    turn: int | None = Field(default=None, ge=1, description="1-based answer number; omitted = the latest answer")
    rating: Literal["up", "down"] | None = None
    comment: str | None = Field(default=None, max_length=2000)


def decision_from(text: str) -> bool | None:
    """True/False when the member's whole message is an approval or a rejection (in English, or in Japanese:
    はい / お願いします / やめておきます), else None."""
    from assistant.offline.nlu.ja.gloss import decision as japanese_decision

    said = japanese_decision(text)
    if said is not None:
        return said
    normalised = text.strip().strip(".!").lower()
    if normalised in APPROVE_WORDS:
        return True
    if normalised in REJECT_WORDS:
        return False
    return None
