"""Groundedness: every price, points figure, id and catalogue name in an answer must come from evidence.

The check itself is the offline engine's published helper (`assistant.offline.grounding.ungrounded`), so the
engine and the eval agree on what "grounded" means. This module decides what counts as evidence: what the
conversation's tools returned, the arguments the tools were called with, the member's own words and the
system-built confirmation summaries; never the model's earlier answers, since an invented figure repeated
twice is still invented. Names are checked against the catalogue: a hotel or product the tools never
returned but the answer names is a hallucination even if it exists.
"""

from __future__ import annotations

import json
from collections.abc import Iterable

from eval.records import TurnRecord


def evidence_texts(member_id: str, history: Iterable[TurnRecord]) -> list[str]:
    texts = [member_id]
    for turn in history:
        texts.append(turn.text)
        for call in turn.tool_calls:
            if call.result:
                texts.append(call.result)
            texts.append(json.dumps(call.args, default=str))
        if turn.pending is not None:
            texts.append(turn.pending.summary)
            texts.append(json.dumps(turn.pending.details, default=str))
            texts.append(json.dumps(turn.pending.args, default=str))
    return texts


def ungrounded_claims(answer: str, evidence: list[str], known_names: Iterable[str] = ()) -> list[str]:
    """The figures, ids and names in `answer` that the evidence does not contain (empty = grounded)."""
    from assistant.offline.grounding import ungrounded

    return ungrounded(answer, evidence, known_names)
