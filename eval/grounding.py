"""Groundedness: every price, points figure, rating, percentage, multiplier, id and catalogue name in an
answer must come from evidence of the same kind.

The check itself is the offline engine's published helper (`assistant.offline.grounding`), so the engine and
the eval agree on what "grounded" means, and it applies to every model under test, the offline engine
included. This module decides what counts as evidence in a recorded conversation: what the tools returned
and the system-built confirmation summaries and details (facts); the member's own words and the arguments the
tools were called with (statements: they ground a limit the member set, never a product's price); never the
model's earlier answers, since an invented figure repeated twice is still invented.
"""

from __future__ import annotations

from collections.abc import Iterable

from assistant.offline.grounding import Evidence, ungrounded
from eval.records import TurnRecord


def conversation_evidence(member_id: str, history: Iterable[TurnRecord]) -> Evidence:
    evidence = Evidence()
    evidence.texts.append(member_id)
    for turn in history:
        if turn.text:  # the member's message, or the note they wrote with a decision
            evidence.add_member_words(turn.text)
        for call in turn.tool_calls:
            if call.result:
                evidence.add_result(call.result, call.name)
            evidence.add_arguments(call.args, call.name)
        if turn.pending is not None:
            evidence.add_confirmation(turn.pending.summary, turn.pending.details, turn.pending.tool)
            evidence.add_arguments(turn.pending.args, turn.pending.tool)
    return evidence


def ungrounded_claims(answer: str, evidence: Evidence, known_names: Iterable[str] = ()) -> list[str]:
    """The figures, ids and names in `answer` that the evidence does not back (empty = grounded)."""
    return ungrounded(answer, evidence, known_names)


# How the conversation service reports a turn the model ended by raising (`_failure_text` names the error).
_STRICT_REFUSAL = "UngroundedAnswerError"


def withheld_as_ungrounded(record: TurnRecord) -> str:
    """A reason when the offline engine's strict grounding stopped this turn's answer, else ''."""
    for text in (*record.notices, record.error or ""):
        if _STRICT_REFUSAL in text:
            return "the offline engine stopped an answer it could not ground (strict grounding)"
    return ""
