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
    anything else declines it with the message as the member's note, so the agent can answer it."""
    decision = decision_from(text) if pending is not None else None
    if pending is not None:
        approve = bool(decision)
        note = None if decision is not None else text
        return lambda: iter(conversations.decide(member_id=member_id, thread_id=thread_id, approve=approve,
                                                 note=note))
    return lambda: iter(conversations.send(member_id=member_id, thread_id=thread_id, text=text))


def decision_turn(conversations: ConversationsPort, member_id: str, thread_id: str, approve: bool) -> TurnFactory:
    return lambda: iter(conversations.decide(member_id=member_id, thread_id=thread_id, approve=approve))
