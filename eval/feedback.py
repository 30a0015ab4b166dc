"""Members' thumbs up / down, read for QA: satisfaction by tool and by day, and complaints as draft scenarios.

The web layer stores one row per answer in `answer_feedback` (see `assistant/web/feedback.py`); `turn` is the
1-based number of the member's message the answer replied to. We read the table with plain SQL (we need its
dates, which the web store's records do not carry) and the conversation through `Conversations.transcript`,
so a thumbs-down can be read in context and turned into a scenario: a real complaint becomes a regression test.
"""

from __future__ import annotations

import json
import re
import tempfile
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

import sqlalchemy as sa
import yaml

FEEDBACK_TABLE = "answer_feedback"


@dataclass(frozen=True)
class FeedbackRow:
    member_id: str
    thread_id: str
    turn: int
    rating: str | None  # "up" | "down" | None (a comment only)
    comment: str | None
    answer_excerpt: str | None
    model: str | None
    day: date | None


@dataclass
class TurnView:
    """One member message and what followed it: the tools called and the assistant's answer."""

    turn: int
    user: str
    answer: str = ""
    tools: list[str] = field(default_factory=list)
    calls: list[dict[str, Any]] = field(default_factory=list)


def load_feedback(database_url: str, limit: int = 5000) -> list[FeedbackRow]:
    """Newest first; an empty list when the web layer has not created its table yet."""
    engine = sa.create_engine(database_url, poolclass=sa.pool.NullPool)
    try:
        if FEEDBACK_TABLE not in sa.inspect(engine).get_table_names():
            return []
        sql = sa.text(
            "SELECT member_id, thread_id, turn, rating, comment, answer_excerpt, model, updated_at "
            f"FROM {FEEDBACK_TABLE} ORDER BY updated_at DESC LIMIT :limit"
        )
        with engine.connect() as conn:
            rows = conn.execute(sql, {"limit": limit}).all()
    finally:
        engine.dispose()
    return [
        FeedbackRow(
            member_id=str(r[0]), thread_id=str(r[1]), turn=int(r[2]), rating=r[3], comment=r[4],
            answer_excerpt=r[5], model=r[6], day=_day(r[7]),
        )
        for r in rows
    ]


def _day(value: Any) -> date | None:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, str) and len(value) >= 10:
        try:
            return date.fromisoformat(value[:10])
        except ValueError:
            return None
    return None


def turns_of(transcript: Iterable[Any]) -> list[TurnView]:
    """Group a transcript (`TranscriptItem`s or dicts) into member turns, numbered from 1 like the feedback."""
    turns: list[TurnView] = []
    for item in transcript:
        role = _get(item, "role")
        text = str(_get(item, "text") or "")
        if role == "user":
            turns.append(TurnView(turn=len(turns) + 1, user=text))
        elif not turns:
            continue
        elif role == "assistant":
            if text.strip():
                turns[-1].answer = text
            for call in _get(item, "tool_calls") or []:
                name = str(_get(call, "name"))
                turns[-1].tools.append(name)
                turns[-1].calls.append({"name": name, "args": dict(_get(call, "args") or {})})
    return turns


def _get(item: Any, key: str) -> Any:
    return item.get(key) if isinstance(item, dict) else getattr(item, key, None)


def _share(rows: Sequence[FeedbackRow]) -> dict[str, Any]:
    up = sum(r.rating == "up" for r in rows)
    down = sum(r.rating == "down" for r in rows)
    return {"up": up, "down": down, "satisfaction": round(up / (up + down), 3) if up + down else None}


def satisfaction_by_day(rows: Sequence[FeedbackRow]) -> list[dict[str, Any]]:
    groups: dict[str, list[FeedbackRow]] = defaultdict(list)
    for r in rows:
        groups[r.day.isoformat() if r.day else "unknown"].append(r)
    return [{"day": day, **_share(group)} for day, group in sorted(groups.items())]


def satisfaction_by_tool(
    rows: Sequence[FeedbackRow], tools_of: Callable[[FeedbackRow], list[str]]
) -> list[dict[str, Any]]:
    """Each rated answer counts once for every distinct tool its turn called ("(no tool)" when none)."""
    groups: dict[str, list[FeedbackRow]] = defaultdict(list)
    for r in rows:
        if r.rating is None:
            continue
        try:
            tools = sorted(set(tools_of(r))) or ["(no tool)"]
        except Exception:  # a thread that is gone (or not readable) still counts, just not by tool
            tools = ["(conversation unavailable)"]
        for tool in tools:
            groups[tool].append(r)
    shares = [{"tool": tool, **_share(group)} for tool, group in groups.items()]
    return sorted(shares, key=lambda d: (d["satisfaction"] or 0, d["tool"]))


END_PLACEHOLDER = "FILL_IN: true"


def _words(text: str, limit: int) -> str:
    """At most `limit` characters of text, cut at a word boundary (never mid-word)."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[:limit]
    space = cut.rfind(" ")
    return cut[:space] if space > limit // 2 else cut


def _one_line(text: str) -> str:
    return " ".join(text.splitlines())


def draft_scenario(row: FeedbackRow, turns: Sequence[TurnView], member_state: dict[str, Any] | None = None) -> str:
    """A scenario YAML replaying the conversation up to the disliked answer, for QA to finish and commit.

    It is prefilled with what happened (the tools called, with their arguments as comments, and the member's
    state when the draft was made) and ends with an `end:` check for the reviewer to complete: the
    placeholder `FILL_IN: true` is an unknown key, so the draft does not load (or run) until a person has
    said what the end state should be; with it replaced by a real check it loads as a valid scenario.
    """
    replay = [t for t in turns if t.turn <= row.turn]
    if not replay:
        raise ValueError(f"thread {row.thread_id} has no turn {row.turn} in its transcript")
    slug = re.sub(r"[^a-z0-9]+", "-", f"feedback-{row.thread_id}-{row.turn}".lower()).strip("-")[:80].strip("-")
    doc: dict[str, Any] = {
        "id": slug,
        "title": f"Member complaint: {_words(row.comment or replay[-1].user, 80)}",
        "tags": ["feedback", "regression"],
        "member": row.member_id,
        "turns": [],
    }
    for t in replay:
        turn: dict[str, Any] = {"user": t.user}
        if t.turn == row.turn:
            expect: dict[str, Any] = {"tools_called": [{"name": name} for name in dict.fromkeys(t.tools)]}
            if row.answer_excerpt:
                expect["not_mentions"] = [_words(row.answer_excerpt, 60)]
            turn["expect"] = expect
        doc["turns"].append(turn)
    disliked = next((t for t in replay if t.turn == row.turn), replay[-1])
    header = [
        f"Draft from a thumbs-{row.rating or 'comment'} on {row.day or 'an unknown day'} (model {row.model or '?'}).",
        f"Member's comment: {_words(row.comment or '(none)', 200)}",
        f"The answer they disliked: {_words(row.answer_excerpt or '', 200)}",
        "Tools called in that turn (name and arguments):",
        *[f"  {call['name']} {json.dumps(call['args'], ensure_ascii=False)[:200]}" for call in disliked.calls],
        *(["  (none)"] if not disliked.calls else []),
        "The member's state when this draft was made:",
        *[f"  {key}: {_words(str(value), 300)}" for key, value in (member_state or {"state": "unavailable"}).items()],
        "TODO: say what the answer should have done (tools_called, mentions, refusal) and complete `end:`.",
    ]
    # every header line stays one comment line, whatever a model name or a state value holds (a line break in
    # one would otherwise end the comment and put its text into the scenario as YAML)
    header = [f"# {_one_line(line)}" for line in header]
    body = yaml.safe_dump(doc, sort_keys=False, allow_unicode=True, width=110)
    end = [
        "end:",
        "  # What should the member's state be after this conversation? Replace the line below with a check:",
        "  # nothing_written: true | bookings_created: 1 | points_change: -500 | redemptions: 1 | tickets_created: 1",
        f"  {END_PLACEHOLDER}",
    ]
    text = "\n".join(header) + "\n" + body + "\n".join(end) + "\n"
    _validate(text.replace(END_PLACEHOLDER, "nothing_written: true"))  # everything but the reviewer's check is valid
    return text


def _validate(text: str) -> None:
    from eval.scenario import load_file

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "draft.yaml"
        path.write_text(text, encoding="utf-8")
        load_file(path)
