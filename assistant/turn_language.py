"""Which language the member is writing, so what they read (a confirmation, an "already done", a notice) is in
it (issue 16).

The member's latest message decides, not the thread's first one: a member who switches language is answered
in the new one. A message with no letters ("2", "OK?" aside) says nothing, so the one before it decides.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from langchain_core.messages import HumanMessage

from assistant.streaming import message_text


def latest_language(texts_newest_first: Iterable[str]) -> str:
    """The language of the first of these member messages that has letters at all ("2" keeps looking)."""
    from assistant.offline.nlu.ja.lang import language

    for text in texts_newest_first:
        said = language(text)
        if said is not None:
            return said
    return "en"


def member_language(messages: list[Any], said: str | None = None) -> str:
    """The language of the member's latest message in a thread's `messages`; `said`, their message of this turn
    when it may not be recorded yet (a run that failed before its checkpoint), counts as the newest."""
    texts = (message_text(m) for m in reversed(messages) if isinstance(m, HumanMessage))
    return latest_language([said, *texts] if said is not None else texts)


def member_writes_japanese(messages: list[Any]) -> bool:
    """Whether the member's latest message is Japanese: the confirmation is then written in Japanese."""
    return member_language(messages) == "ja"
