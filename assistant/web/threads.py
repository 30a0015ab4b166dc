"""The agent layer's conversation errors the web layer turns into answers (404, 409, a notice)."""

from __future__ import annotations

from assistant.conversation import NothingPending, ThreadNotFound

__all__ = ["NothingPending", "ThreadNotFound"]
