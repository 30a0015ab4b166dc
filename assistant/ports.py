"""The one protocol every front end drives the assistant through: the web UI, the OpenAI-compatible API,
the terminal chat and the eval runner.

`assistant.conversation.Conversations` is the implementation; front ends type against this protocol so
that their tests can hand in a scripted fake, and so that there is one statement of what a front end may
call (it used to be written twice, once for the web layer and once for the eval).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING, Protocol

from assistant.events import PendingAction, TurnEvent

if TYPE_CHECKING:
    from assistant.memory import ThreadInfo
    from assistant.transcript import TranscriptItem


class ConversationsPort(Protocol):
    """Threads, turns and confirmations, as a front end sees them; every call names the member."""

    model_name: str
    is_offline: bool

    def new_thread(self, member_id: str) -> str: ...

    def ensure_thread(self, member_id: str, thread_id: str | None) -> str: ...

    def threads(self, member_id: str) -> list[ThreadInfo]: ...

    def seed(self, *, member_id: str, thread_id: str, history: Sequence[tuple[str, str]]) -> None: ...

    def send(self, *, member_id: str, thread_id: str, text: str) -> Iterator[TurnEvent]: ...

    def decide(
        self, *, member_id: str, thread_id: str, approve: bool, note: str | None = None
    ) -> Iterator[TurnEvent]: ...

    def pending(self, *, member_id: str, thread_id: str) -> PendingAction | None: ...

    def transcript(self, *, member_id: str, thread_id: str) -> list[TranscriptItem]: ...
