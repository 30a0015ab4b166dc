"""Facts this project attaches to the messages it writes, under its own keys, so that the offline engine
reads them as data instead of parsing text that a prompt edit or a LangChain release could reword.

The keys live in `additional_kwargs`, which provider adapters do not forward (langchain-litellm sends the
role, the content, tool calls and `name`), so a real LLM sees only the rendered prompt.
"""

from __future__ import annotations

from datetime import date

from langchain_core.messages import BaseMessage, SystemMessage

TODAY_KEY = "assistant_today"  # ISO date (Japan time) the system prompt was rendered for


def dated_system_message(text: str, today: date) -> SystemMessage:
    """The system prompt, carrying the date it states as metadata."""
    return SystemMessage(content=text, additional_kwargs={TODAY_KEY: today.isoformat()})


def message_today(message: BaseMessage) -> date | None:
    """The date a system message was rendered for, or None when this project did not write one."""
    value = message.additional_kwargs.get(TODAY_KEY)
    return date.fromisoformat(value) if isinstance(value, str) else None
