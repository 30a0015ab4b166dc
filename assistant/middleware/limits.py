"""The per-turn budgets of the agent, in one place: the limit middleware and the system prompt read them."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Limits:
    """Per-turn budgets: a confused model stops with a message instead of looping."""

    model_calls_per_turn: int = 12
    tool_calls_per_turn: int = 20
    # Context window: summarise when the history passes this many (approximate) tokens, keep this many messages.
    summarise_at_tokens: int = 12_000
    keep_messages: int = 16
