"""The member chat in a real browser (Debian chromium driven by Playwright) against the app served over the
real runtime (seed data, real services and checkpoints; a scripted model stands in for the LLM)."""

from __future__ import annotations

import os
import re
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import expect

from tests.web.conftest import free_port, serve
from tests.web.real_world import booking_steps, offline_runtime, real_runtime, real_settings, stay_words

CHROMIUM = Path("/usr/bin/chromium")
ARTIFACTS = Path(__file__).resolve().parents[1] / "artifacts"
TURN_MS = 180_000  # one answer under load (several helpers share 2 cores): a generous wait, never a timing check
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run", "--disable-dev-shm-usage"]

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.exists(), reason="Debian chromium is not at /usr/bin/chromium "
                       "(`make browser` or `apt-get install chromium` installs it)"),
]


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    os.environ.setdefault("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")
    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS)
        try:
            yield instance
        finally:
            instance.close()


def _create_app(settings: Any, runtime: Any) -> Any:
    """The app, with pydantic's warning about a Field alias in Gradio's own `/vibe-code` route silenced (a
    library's route, raised as an error by the suite's warning filter only when that schema is first built)."""
    import warnings

    from pydantic.warnings import UnsupportedFieldAttributeWarning

    from app import create_app

    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UnsupportedFieldAttributeWarning)
        return create_app(settings, runtime)


class App:
    """The app served on a fixed port, so a restart keeps the page's origin (and its saved session)."""

    def __init__(self, data_dir: Path, demo: bool = True) -> None:
        self.settings = real_settings(data_dir, ASSISTANT_DEMO=demo)  # demo mode: the member picker
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self._running: tuple[Any, Any, Any] | None = None

    def start(self, steps: list[Any]) -> Any:
        """Serve the app over the real runtime with a scripted model replaying `steps`."""
        runtime, _model = real_runtime(self.settings, steps)
        return self._serve(runtime)

    def start_offline(self) -> Any:
        """Serve the app over the real runtime with the offline engine as the model."""
        return self._serve(offline_runtime(self.settings))

    def _serve(self, runtime: Any) -> Any:
        web_app = _create_app(self.settings, runtime)
        self.web = web_app.state.web
        server, thread = serve(web_app, self.port)
        self._running = (server, thread, runtime)
        return runtime

    def stop(self) -> None:
        if self._running is not None:
            server, thread, runtime = self._running
            server.should_exit = True
            thread.join(15)
            runtime.close()
            self._running = None


@pytest.fixture
def app(tmp_path: Path) -> Iterator[App]:
    served = App(tmp_path / "var")
    yield served
    served.stop()


def sign_in(page: Any, name: str) -> None:
    page.locator("#ma-member input").click()
    page.get_by_role("option", name=name).click()
    page.locator("#ma-panel .ma-balance-value").wait_for(timeout=20_000)


def ask(page: Any, text: str) -> None:
    box = page.locator("#ma-message textarea")
    box.fill(text)
    box.press("Enter")


def shot(page: Any, name: str) -> None:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / name), full_page=True)


def wait_for_hotel_answer(page: Any) -> str:
    """Wait until the answer lists the hotels its cards show (whatever words the answer is phrased in), and
    return the first hotel's name."""
    card = page.locator(".ma-card.ma-hotel").first
    card.wait_for(timeout=TURN_MS)
    name = str(card.locator(".ma-card-name").inner_text())
    # the answer names the card's hotel in its list (ids stay on the cards, not in the prose)
    listed = re.compile(r"\n\s*(1\. )?" + re.escape(name) + r"\b")
    expect(page.locator("#ma-chat")).to_contain_text(listed, timeout=TURN_MS)
    return name


def balance_text(page: Any) -> str:
    return str(page.locator("#ma-panel .ma-balance-value").inner_text())


def test_sign_in_search_book_confirm_and_survive_a_restart(app: App, browser: Any) -> None:
    runtime = app.start(booking_steps())
    before = runtime.services.ledger.balance("M0001").total
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(app.url, wait_until="load")
    page.get_by_text("Offline assistant: no AI model connected").or_(page.get_by_text("AI model: scripted")).first \
        .wait_for()
    sign_in(page, "Yui Tanaka (gold) · M0001")
    assert balance_text(page) == f"{before:,} pts"
    assert "Expiring soon" in page.locator("#ma-panel").inner_text()

    ask(page, "A hotel in Kyoto for 2 nights")
    card = page.locator(".ma-card.ma-hotel").first
    card.wait_for(timeout=TURN_MS)
    page.get_by_text("hotels in Kyoto; the first is").wait_for(timeout=TURN_MS)
    first_hotel = card.locator(".ma-card-name").inner_text()
    assert "pts" in card.inner_text() and "¥" in card.inner_text()
    assert "Searching hotels" in page.locator("#ma-chat").inner_text()  # the tool step is shown
    shot(page, "chat-search.png")

    ask(page, "Book the first one")
    approval = page.locator("#ma-chat .ma-approval.ma-live")
    expect(approval).to_be_visible(timeout=TURN_MS)
    expect(approval).to_be_in_viewport()  # inline where it is asked, scrolled into view
    pending = approval.inner_text()
    assert first_hotel in pending and "2 nights" in pending and "JPY" in pending
    assert approval.get_by_role("button", name="Don't book").is_visible()
    assert runtime.services.bookings.bookings("M0001").bookings == []
    shot(page, "chat-pending.png")

    approval.get_by_role("button", name="Book this stay").click()
    page.get_by_text("Booked! Your booking id is BK").wait_for(timeout=TURN_MS)
    [booking] = runtime.services.bookings.bookings("M0001").bookings
    assert booking.points_earned > 0
    after = before  # stay points are pending until check-out: the spendable balance does not move at booking
    page.locator("#ma-panel").get_by_text(first_hotel).first.wait_for(timeout=20_000)
    expect(page.locator("#ma-panel .ma-pending-points")).to_contain_text(f"{booking.points_earned:,}")
    assert balance_text(page) == f"{after:,} pts"
    assert page.locator("#ma-chat .ma-approval.ma-live").count() == 0  # decided: no button left to press
    expect(page.locator("#ma-chat .ma-approval.ma-settled")).to_contain_text("Book this stay")
    shot(page, "chat-booked.png")

    page.reload(wait_until="load")  # a reload keeps the conversation
    page.get_by_text("Booked! Your booking id is BK").wait_for(timeout=TURN_MS)
    assert page.locator("#ma-member input").input_value().startswith("Yui Tanaka")

    app.stop()  # so does a server restart: the thread is checkpointed on disk
    app.start([])
    page.reload(wait_until="load")
    page.get_by_text("Booked! Your booking id is BK").wait_for(timeout=TURN_MS)
    assert page.locator(".ma-card.ma-hotel").count() >= 1
    assert balance_text(page) == f"{after:,} pts"
    page.close()


def test_offline_engine_search_then_again_at_phone_width_with_feedback(app: App, browser: Any) -> None:
    app.start_offline()
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(app.url, wait_until="load")
    page.get_by_text("Offline assistant: no AI model connected").wait_for(timeout=20_000)
    sign_in(page, "Mei Matsumoto (diamond) · M0002")
    question = f"A hotel in Kyoto {stay_words()}"
    ask(page, question)
    first_hotel = wait_for_hotel_answer(page)
    assert "pts" in page.locator(".ma-card.ma-hotel").first.inner_text()
    shot(page, "chat-offline.png")

    page.set_viewport_size({"width": 390, "height": 844})
    page.locator("#ma-new").click()
    page.locator(".ma-card.ma-hotel").first.wait_for(state="detached", timeout=20_000)
    page.evaluate("window.scrollTo(0, 0)")  # the balance is at the top of a phone page, without scrolling
    balance = app.web.require_runtime().services.ledger.balance("M0002").total
    expect(page.locator("#ma-chip-value")).to_be_in_viewport(timeout=20_000)
    expect(page.locator("#ma-chip-value")).to_have_text(f"{balance:,} pts")
    ask(page, question)
    assert wait_for_hotel_answer(page) == first_hotel  # same question, same data: the same first hotel
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390, f"the page scrolls sideways at phone width ({width}px)"
    cards = page.locator(".ma-card.ma-hotel")
    assert cards.count() >= 5
    for i in range(cards.count()):  # every card on screen: none hidden in a sideways-scrolling strip
        box = cards.nth(i).bounding_box()
        assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= 390, f"card {i + 1} is cut off"
    assert page.locator("#ma-send").is_visible()
    shot(page, "chat-phone.png")

    # thumbs down plus a comment on the answer is stored with the thread and the turn
    page.get_by_role("button", name="Dislike").last.click()
    page.locator("#ma-comment textarea").fill("I wanted ryokans only")
    page.get_by_role("button", name="Send feedback").click()
    page.get_by_text("Thanks, your comment was saved.").wait_for(timeout=20_000)
    threads = app.web.conversations.threads("M0002")
    records = [r for t in threads for r in app.web.feedback.for_thread(member_id="M0002", thread_id=t.id)]
    assert [(r.turn, r.rating, r.comment, r.source) for r in records] == [(1, "down", "I wanted ryokans only", "ui")]
    assert records[0].answer_excerpt and first_hotel in records[0].answer_excerpt

    assert page.get_by_role("tab", name="QA evaluation").count() == 0  # no staff tool on the member page
    page.close()

    # QA reads it on the QA route, signed in as staff (demo mode's `staff` person)
    from assistant.web.staff import StaffDirectory

    key = StaffDirectory.from_settings(app.settings).key_for("staff")
    context = browser.new_context(http_credentials={"username": "staff", "password": key})
    try:
        qa = context.new_page()
        qa.goto(f"{app.url}/qa/", wait_until="load")
        qa.get_by_text("Members' feedback").click()  # QA's one feedback section (issue 19)
        qa.get_by_role("button", name="Load feedback").click()
        expect(qa.locator("#qa-feedback")).to_contain_text("I wanted ryokans only", timeout=20_000)
    finally:
        context.close()


def test_a_member_signs_in_with_a_host_site_token_and_chats(tmp_path: Path, browser: Any) -> None:
    from assistant.web.member_tokens import issue_member_token

    served = App(tmp_path / "var", demo=False)
    try:
        runtime = served.start_offline()
        balance = runtime.services.ledger.balance("M0001").total
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        page.goto(served.url, wait_until="load")
        page.get_by_text("You are not signed in").wait_for(timeout=20_000)
        assert page.locator("#ma-member").count() == 0  # no member picker outside demo mode
        token = issue_member_token(served.settings.member_token_key, "M0001", 600)
        page.goto(f"{served.url}/session?token={token}", wait_until="load")
        page.locator("#ma-panel .ma-balance-value").wait_for(timeout=20_000)
        assert balance_text(page) == f"{balance:,} pts"
        assert not any(c["name"] == "ma_session" and not c["httpOnly"] for c in page.context.cookies())
        ask(page, f"A hotel in Kyoto {stay_words()}")
        wait_for_hotel_answer(page)
        [thread] = served.web.conversations.threads("M0001")
        assert thread.id
        page.close()
    finally:
        served.stop()


JAPANESE = re.compile(r"[\u3040-\u30ff\u4e00-\u9fff]")


def eventually(check: Any, timeout_s: float = TURN_MS / 1000) -> None:
    """Wait until `check()` holds (the turn runs in the server's thread; the test reads the database)."""
    deadline = time.monotonic() + timeout_s
    while not check():
        assert time.monotonic() < deadline, "the condition never held"
        time.sleep(0.5)


def transcript_calls(app: App, member_id: str) -> list[Any]:
    """Every tool call of the member's conversations, in order (what the engine was asked to do)."""
    conversations = app.web.conversations
    return [call for thread in conversations.threads(member_id)
            for item in conversations.transcript(member_id=member_id, thread_id=thread.id)
            for call in (item.tool_calls or [])]


def test_an_example_sends_when_clicked_and_a_card_button_asks_for_its_action(app: App, browser: Any) -> None:
    app.start_offline()
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(app.url, wait_until="load")
    sign_in(page, "Yui Tanaka (gold) · M0001")
    example = page.locator("#ma-example-2")
    asked = str(example.inner_text())
    example.click()
    expect(page.locator("#ma-chat")).to_contain_text(asked, timeout=TURN_MS)
    expect(page.locator("#ma-chat")).to_contain_text("Checking your points", timeout=TURN_MS)  # the tool step
    eventually(lambda: [c.name for c in transcript_calls(app, "M0001")] == ["points_balance"])  # checkpointed
    [thread] = app.web.conversations.threads("M0001")
    said = [i.text for i in app.web.conversations.transcript(member_id="M0001", thread_id=thread.id)
            if i.role == "user"]
    assert said == [asked]

    ask(page, f"A hotel in Kyoto {stay_words()}")
    wait_for_hotel_answer(page)
    second = page.locator(".ma-card.ma-hotel").nth(1)
    hotel_id = str(second.locator(".ma-card-meta span").last.inner_text())
    second.get_by_role("button", name="Rooms").click()
    expect(page.locator("#ma-chat")).to_contain_text("Checking availability", timeout=TURN_MS)
    eventually(lambda: transcript_calls(app, "M0001")[-1].name == "check_availability")
    assert transcript_calls(app, "M0001")[-1].args["hotel_id"] == hotel_id  # the card's hotel, not another
    assert page.locator("#ma-chat .ma-card-actions").count() <= 5  # only the latest list keeps its buttons
    page.close()


def test_a_japanese_member_books_a_stay_in_japanese(app: App, browser: Any) -> None:
    runtime = app.start_offline()
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(app.url, wait_until="load")
    sign_in(page, "Yui Tanaka (gold) · M0001")
    page.locator("#ma-language").get_by_text("日本語").click()
    expect(page.locator("#ma-engine-badge")).to_have_text("オフラインアシスタント：AIモデル未接続", timeout=20_000)
    expect(page.locator("#ma-send")).to_have_text("送信")
    expect(page.locator("#ma-new")).to_have_text("新しい会話")
    expect(page.locator("#ma-message textarea")).to_have_attribute("placeholder", JAPANESE)
    expect(page.locator("#ma-panel .ma-balance-label")).to_have_text("ポイント残高")
    for i in range(page.locator(".ma-example").count()):
        assert JAPANESE.search(page.locator(".ma-example").nth(i).inner_text())
    before = runtime.services.ledger.balance("M0001")

    ask(page, "京都で来週金曜から2泊、大人2人で")
    card = page.locator(".ma-card.ma-hotel").first
    card.wait_for(timeout=TURN_MS)
    hotel_id = str(card.locator(".ma-card-meta span").last.inner_text())
    hotel = runtime.services.hotels.get_hotel(hotel_id)
    expect(card.locator(".ma-card-name")).to_have_text(hotel.name_ja or hotel.name)  # the card in Japanese
    assert "泊の合計" in card.inner_text() and "ポイント" in card.inner_text()
    card.get_by_role("button", name="予約").click()

    approval = page.locator("#ma-chat .ma-approval.ma-live")
    expect(approval).to_be_visible(timeout=TURN_MS)
    expect(approval).to_be_in_viewport()
    expect(approval.locator(".ma-pending-summary")).to_contain_text(JAPANESE)  # the confirmation in Japanese
    assert approval.get_by_role("button", name="予約しない").is_visible()
    assert runtime.services.bookings.bookings("M0001").bookings == []
    shot(page, "chat-ja-pending.png")
    approval.get_by_role("button", name="この内容で予約する").click()

    expect(page.locator("#ma-chat .ma-approval.ma-settled")).to_contain_text("この内容で予約する", timeout=TURN_MS)
    page.wait_for_function("() => document.querySelectorAll('#ma-panel .ma-booking').length > 0", timeout=TURN_MS)
    [booking] = runtime.services.bookings.bookings("M0001").bookings
    assert booking.hotel_id == hotel_id
    expect(page.locator("#ma-chat .ma-approval.ma-settled")).to_contain_text(f"{booking.total_jpy:,}円")
    panel = page.locator("#ma-panel")
    expect(panel.locator(".ma-booking-name")).to_have_text(hotel.name_ja or hotel.name)
    expect(panel.locator(".ma-pending-points")).to_contain_text(f"{booking.points_earned:,}")  # the panel changed
    assert balance_text(page) == f"{before.total:,}ポイント"  # stay points are pending until check-out
    shot(page, "chat-ja-booked.png")

    page.reload(wait_until="load")  # the language stays for the session
    expect(page.locator("#ma-send")).to_have_text("送信", timeout=20_000)
    expect(page.locator(".ma-card.ma-hotel .ma-card-name").first).to_contain_text(JAPANESE)  # replayed in Japanese
    page.close()
