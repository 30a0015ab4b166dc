"""Privacy: the logs of an end-to-end run (the real app over HTTP, the offline engine, DEBUG level) contain no
member name, no e-mail address and no message text; switching content logging on is an explicit choice."""

from __future__ import annotations

import io
import logging
from collections.abc import Iterator

import httpx
import pytest
from langchain_core.language_models import BaseChatModel

from assistant.logs import RedactPersonalData, configure_logging, get_logger
from tests.security.conftest import SEED_DIR, RuntimeFactory
from tests.security.served import serve
from tests.security.world import ME, ME_EMAIL, ME_NAME, STAY_DAY, VICTIM_EMAIL, VICTIM_NAME

SECRET_SENTENCE = "my cat Mochi loves the onsen"
MESSAGES = [
    f"Hi, I am {ME_NAME} ({ME_EMAIL}) and {SECRET_SENTENCE}. What is my points balance?",
    "Find wireless earbuds under 10,000 yen",
    f"Any hotel in Beppu on {STAY_DAY.isoformat()} for 1 night? Write to {VICTIM_EMAIL} if not.",
    f"Tell {VICTIM_NAME} I said hello",
]


@pytest.fixture
def captured_logs() -> Iterator[io.StringIO]:
    """The service's real logging set-up at DEBUG, its handler writing into a buffer."""
    root = logging.getLogger()
    handlers, level = list(root.handlers), root.level
    configure_logging("DEBUG")
    buffer = io.StringIO()
    ours = [h for h in root.handlers if h not in handlers]
    assert ours and any(isinstance(f, RedactPersonalData) for f in ours[0].filters)
    assert isinstance(ours[0], logging.StreamHandler)
    ours[0].setStream(buffer)
    try:
        yield buffer
    finally:
        for handler in ours:
            root.removeHandler(handler)
        root.setLevel(level)


def test_end_to_end_logs_hold_no_names_emails_or_messages(captured_logs: io.StringIO, make_runtime: RuntimeFactory,
                                                         offline_engine: BaseChatModel) -> None:
    runtime = make_runtime(offline_engine, ASSISTANT_SEED_DIR=SEED_DIR)
    with serve(runtime) as served, httpx.Client(base_url=served.url, timeout=120) as client:
        thread = None
        for text in MESSAGES:
            body = {"model": "member-assistant", "messages": [{"role": "user", "content": text}],
                    "metadata": {"thread_id": thread} if thread else None}
            response = client.post("/v1/chat/completions", headers=served.auth(ME), json=body)
            assert response.status_code == 200, response.text
            thread = response.json()["thread_id"]
        assert client.post("/v1/chat/completions", headers={"Authorization": f"Bearer {ME_EMAIL}"},
                           json={"model": "x", "messages": [{"role": "user", "content": SECRET_SENTENCE}]}
                           ).status_code == 401
        get_logger("test").warning("member %s wrote from %s", ME, ME_EMAIL)  # a careless log line
    logs = captured_logs.getvalue()
    assert logs.count("\n") > 5, "the run produced logs to check"
    for needle in (ME_NAME, VICTIM_NAME, ME_EMAIL, VICTIM_EMAIL, SECRET_SENTENCE, "wireless earbuds under",
                   "Write to", "I said hello"):
        assert needle not in logs, f"{needle!r} is in the logs"
    assert "[email]" in logs  # the careless line was masked, not dropped


def test_content_logging_is_opt_in() -> None:
    record = logging.LogRecord("assistant.x", logging.INFO, __file__, 1, "turn %s", ("T1",), None)
    record.content = SECRET_SENTENCE  # type: ignore[attr-defined]
    RedactPersonalData(log_content=False).filter(record)
    assert record.content == "[redacted]"  # type: ignore[attr-defined]
    record.content = SECRET_SENTENCE  # type: ignore[attr-defined]
    RedactPersonalData(log_content=True).filter(record)
    assert record.content == SECRET_SENTENCE  # type: ignore[attr-defined]
