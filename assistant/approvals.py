"""The member's approval of a side effect, read from and answered to the agent's confirmation interrupt.

The confirmation middleware (`assistant.middleware.confirmation`) pauses the run before every side effect
with the action's preview. Here that pause becomes the `PendingAction` the member approves (its summary in
Japanese for a member who writes Japanese), and the member's approve or reject becomes the decisions the
run resumes with. An action whose preview says it cannot run as asked is never offered: it is refused with
the reason, in place of the tool's result, and nothing is written.
"""

from __future__ import annotations

from typing import Any

from langchain_core.messages import AIMessage
from langgraph.types import Command

from assistant.confirmation_ja import japanese_summary
from assistant.events import PendingAction
from assistant.middleware.confirmation import parse_description
from assistant.turn_language import member_writes_japanese

# Notes to the model (in English whatever the member writes: the model reads them, the member does not).
REJECT_NOTE = "The member rejected this action; nothing was done. Do not retry unless they ask again."
CANNOT_RUN_NOTE = ("It was not put to the member for approval, since it cannot run as asked: {reason} "
                   "Nothing was done. Tell the member why and what they could change; do not call it again unchanged.")
CANNOT_RUN_WITH_NOTE = ("It was not put to the member because another action asked at the same time cannot go "
                        "ahead. Nothing was done; ask the member again if they still want it.")


def action_requests(interrupts: list[Any]) -> list[dict[str, Any]]:
    """The actions waiting for approval in a run's interrupts (HumanInTheLoopMiddleware's shape)."""
    requests: list[dict[str, Any]] = []
    for item in interrupts:
        value = getattr(item, "value", item)
        if isinstance(value, dict):
            requests.extend(value.get("action_requests", []))
    return requests


def cannot_run(requests: list[dict[str, Any]]) -> list[tuple[str, dict[str, Any]]]:
    """Why the waiting actions cannot run as asked: (summary, details) of those whose preview is not ok (the
    details name the kind of failure, for the member's notice in their language)."""
    reasons = []
    for request in requests:
        summary, details, ok = parse_description(str(request.get("description", "")))
        if not ok:
            reasons.append((summary, details))
    return reasons


def refusal(requests: list[dict[str, Any]]) -> Command[Any]:
    """Resume a confirmation the member was never asked: every waiting action is rejected, with the reason."""
    decisions = []
    for request in requests:
        summary, _details, ok = parse_description(str(request.get("description", "")))
        reason = CANNOT_RUN_NOTE.format(reason=summary) if not ok else CANNOT_RUN_WITH_NOTE
        decisions.append({"type": "reject", "message": reason})
    return Command(resume={"decisions": decisions})


def decision(requests: list[dict[str, Any]], *, approve: bool, note: str | None) -> Command[Any]:
    """Resume with the member's answer, the same for every waiting action (they were shown as one)."""
    answer: dict[str, Any] = {"type": "approve"} if approve else {"type": "reject", "message": note or REJECT_NOTE}
    return Command(resume={"decisions": [answer for _ in requests]})


def pending_action(requests: list[dict[str, Any]], messages: list[Any], thread_id: str) -> PendingAction:
    """What the member is asked to approve, from the waiting `requests` (at least one, every one able to run:
    see `cannot_run`) and the thread's `messages` (the model's tool call id is the action's id)."""
    last_ai = next((m for m in reversed(messages) if isinstance(m, AIMessage)), None)
    summaries, details_list = [], []
    for request in requests:
        summary, details, _ok = parse_description(str(request.get("description", "")))
        summaries.append(summary)
        details_list.append(details)
    first = requests[0]
    call_id = next(
        (
            c["id"]
            for c in (last_ai.tool_calls if last_ai else [])
            if c["name"] == first["name"] and c["args"] == first["args"]
        ),
        None,
    )
    details = details_list[0] if len(requests) == 1 else {"actions": details_list}
    if len(requests) == 1 and member_writes_japanese(messages):
        summaries = [japanese_summary(first["name"], details) or summaries[0]]
    return PendingAction(
        action_id=call_id or f"{thread_id}:{first['name']}",
        tool=first["name"],
        args=dict(first["args"]),
        summary="; ".join(summaries),
        details=details,
    )
