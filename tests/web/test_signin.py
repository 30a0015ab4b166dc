"""Sign-in that proves who the member is, over real HTTP against the served app (ASSISTANT_DEMO off, a
non-default secret): host-site tokens and member keys become an HttpOnly server-side session, and the
Gradio handlers, called directly as any HTTP client can, act only for the member that session proves."""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import httpx
import pytest

from assistant.settings import REPO_ROOT
from assistant.web.member_tokens import issue_member_token, member_from_token
from assistant.web.sessions import COOKIE_NAME
from tests.web.conftest import Served, free_port
from tests.web.gradio_http import Handler, call, handlers

VICTIM = "M0002"  # Kenji Sato in the fake member directory


def token(served: Served, member_id: str, ttl_s: int = 600, now: float | None = None) -> str:
    return issue_member_token(served.settings.member_token_key, member_id, ttl_s, now)


def signed_in(served: Served, member_id: str) -> httpx.Client:
    client = httpx.Client(base_url=served.url, timeout=30)
    response = client.get("/session", params={"token": token(served, member_id)}, follow_redirects=False)
    assert response.status_code == 303 and client.cookies.get(COOKIE_NAME)
    return client


def test_member_tokens_are_verified() -> None:
    key = "k" * 64
    good = issue_member_token(key, "M0001", 60)
    assert member_from_token(key, good) == "M0001"
    assert member_from_token("other" * 13, good) is None  # signed with another secret
    assert member_from_token(key, issue_member_token(key, "M0001", 60, now=time.time() - 3600)) is None  # expired
    assert member_from_token(key, good[:-2] + ("AA" if not good.endswith("AA") else "BB")) is None  # tampered
    assert member_from_token(key, "not-a-token") is None and member_from_token(key, None) is None


def test_a_token_link_opens_an_http_only_session_for_that_member(fake_served: Served, http: httpx.Client) -> None:
    response = http.get("/session", params={"token": token(fake_served, "M0001")}, follow_redirects=False)
    assert response.status_code == 303 and response.headers["location"] == "/"
    cookie = response.headers["set-cookie"]
    assert cookie.startswith(f"{COOKIE_NAME}=") and "HttpOnly" in cookie and "samesite=lax" in cookie.lower()
    assert "Secure" not in cookie  # plain http on loopback; https gets Secure
    [load] = [h for h in handlers(http) if h.name == "on_load"]
    panel = json.dumps(outputs(call(http, load, [None])))
    assert "Aiko Tanaka" in panel and "1,200 pts" in panel


@pytest.mark.parametrize("case", ["expired", "other secret", "unknown member", "garbage", "missing"])
def test_bad_tokens_are_refused_with_401_and_no_cookie(fake_served: Served, http: httpx.Client, case: str) -> None:
    value = {
        "expired": token(fake_served, "M0001", 60, now=time.time() - 3600),
        "other secret": issue_member_token("x" * 64, "M0001", 600),
        "unknown member": token(fake_served, "M9999"),
        "garbage": "eyJhbGciOiJub25lIn0.eyJzdWIiOiJNMDAwMSJ9.",  # alg=none
        "missing": None,
    }[case]
    response = http.get("/session", params={} if value is None else {"token": value}, follow_redirects=False)
    assert response.status_code == 401 and "set-cookie" not in response.headers
    assert "sign in" in response.text.lower()


def test_member_key_sign_in(fake_served: Served, http: httpx.Client) -> None:
    wrong = http.post("/session", data={"member_key": fake_served.key("M0001")[:-1] + "0"}, follow_redirects=False)
    assert wrong.status_code == 401 and "set-cookie" not in wrong.headers
    right = http.post("/session", data={"member_key": fake_served.key("M0001")}, follow_redirects=False)
    assert right.status_code == 303 and right.cookies.get(COOKIE_NAME)
    assert http.get("/signin").status_code == 200


def outputs(messages: list[dict[str, Any]]) -> list[Any]:
    done = [m for m in messages if m.get("msg") == "process_completed"]
    return [m.get("output", {}).get("data") for m in done]


def forged_inputs(handler: Handler, victim_thread: str) -> tuple[list[Any], Any]:
    values = {
        "browserstate": {"member_id": VICTIM, "thread_id": victim_thread},
        "textbox": "book the first one",
        "chatbot": [{"role": "user", "content": "hi"}, {"role": "assistant", "content": "hello"}],
        "state": 1,
        "dropdown": VICTIM,
    }
    data = [values.get(kind) for kind in handler.inputs]
    if handler.name == "chat":  # the API-key endpoint: a forged key for the victim, on the victim's thread
        data = [f"mk_{VICTIM}_{'0' * 32}", "book the first one", victim_thread]
    event_data = {"index": 1, "value": "hello", "liked": True} if handler.name == "on_like" else None
    return data, event_data


@pytest.mark.parametrize("attacker", ["no session", "another member's session"])
def test_forged_sessions_reach_none_of_another_members_data(fake_served: Served, attacker: str) -> None:
    conversations = fake_served.runtime.conversations
    victim_thread = conversations.new_thread(VICTIM)
    list(conversations.send(member_id=VICTIM, thread_id=victim_thread, text="book the first one"))
    transcript_before = len(conversations.transcripts[victim_thread])
    client = signed_in(fake_served, "M0001") if attacker != "no session" else httpx.Client(base_url=fake_served.url,
                                                                                           timeout=30)
    try:
        member_page = [h for h in handlers(client) if "browserstate" in h.inputs or h.name == "chat"]
        assert {"on_load", "respond", "confirm", "cancel", "on_like", "send_comment"} <= {h.name for h in member_page}
        seen = [call(client, h, *forged_inputs(h, victim_thread)) for h in member_page]
    finally:
        client.close()
    shown = json.dumps(seen)
    assert "Kenji" not in shown and "Hakone Mist" not in shown and "50 pts" not in shown
    assert victim_thread in conversations.pendings  # the victim's booking was neither confirmed nor cancelled
    assert len(conversations.transcripts[victim_thread]) == transcript_before
    assert not fake_served.runtime.services.bookings.booked.get(VICTIM)
    assert fake_served.runtime.services.ledger.points[VICTIM] == 50
    assert conversations.threads(VICTIM) == [victim_thread]
    web = fake_served.web
    assert web.feedback is not None and all(r.member_id != VICTIM for r in web.feedback.all(200))
    if attacker == "no session":
        assert conversations.sent == ["book the first one"]  # only the victim's own message ever ran


def test_the_page_sends_no_member_picker_and_nothing_derived_from_the_secret(
    fake_served: Served, http: httpx.Client
) -> None:
    config = http.get("/config").text
    assert "Signed in as" not in config and "ma-member" not in config
    assert fake_served.settings.secret_key.get_secret_value() not in config
    secret = fake_served.settings.secret_key.get_secret_value().encode()
    assert hashlib.sha256(b"browser-state:" + secret).hexdigest() not in config
    assert fake_served.settings.member_token_key not in config


def _start(tmp_path: Path, *args: str, **env: str) -> subprocess.CompletedProcess[str]:
    clean = {k: v for k, v in os.environ.items() if not k.startswith("ASSISTANT_")}
    clean.update({"ASSISTANT_DATA_DIR": str(tmp_path / "var"), **env})
    return subprocess.run([sys.executable, str(REPO_ROOT / "app.py"), "--port", str(free_port()), *args],
                          cwd=tmp_path, env=clean, capture_output=True, text=True, timeout=120)


def test_outside_demo_mode_the_default_secret_stops_the_app_at_start(tmp_path: Path) -> None:
    refused = _start(tmp_path, ASSISTANT_DEMO="0")
    assert refused.returncode != 0 and "ASSISTANT_SECRET" in refused.stderr


def test_demo_mode_is_on_by_default_only_on_loopback_with_the_default_secret(tmp_path: Path) -> None:
    from app import create_app
    from assistant.settings import UnsafeSettings, load_settings

    def settings(**env: object) -> Any:
        return load_settings(ASSISTANT_DATA_DIR=tmp_path / "var", **env)

    assert settings(ASSISTANT_HOST="127.0.0.1").demo_mode
    assert not settings(ASSISTANT_HOST="127.0.0.1", ASSISTANT_SECRET="s" * 40).demo_mode
    for public in (settings(ASSISTANT_HOST="0.0.0.0"), settings(ASSISTANT_DEMO=False)):
        assert not public.demo_mode
        with pytest.raises(UnsafeSettings, match="ASSISTANT_SECRET"):
            create_app(public)
