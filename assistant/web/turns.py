"""Start one turn for a member: a new message, or the member's decision on a paused action.

The turn service (`turn_service.py`) picks one of these after its checks, for every front end.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

from assistant.events import PendingAction, TurnEvent
from assistant.ports import ConversationsPort
from assistant.web.api_models import decision_from

TurnFactory = Callable[[], Iterator[TurnEvent]]


def message_turn(conversations: ConversationsPort, member_id: str, thread_id: str, text: str,
                 pending: PendingAction | None) -> TurnFactory:
    """The turn for a typed message; while an action waits, "yes"/"approve"/"no"/"cancel" decide it and
    anything else is sent as it is: `Conversations.send` declines the waiting action with the member's words,
    in the form the agent (the offline engine included) reads as a new request to answer."""
    decision = decision_from(text) if pending is not None else None
    if decision is not None:
        return lambda: iter(conversations.decide(member_id=member_id, thread_id=thread_id, approve=decision))
    return lambda: iter(conversations.send(member_id=member_id, thread_id=thread_id, text=text))


def decision_turn(conversations: ConversationsPort, member_id: str, thread_id: str, approve: bool,
                  note: str | None = None) -> TurnFactory:
    return lambda: iter(conversations.decide(member_id=member_id, thread_id=thread_id, approve=approve, note=note))
