"""Sign-in and the member widget's cookie-authenticated calls refuse cross-site requests (login CSRF and
forged posts), and failed staff and member sign-ins are slowed to a few tries a window (429 with
Retry-After), shared through Redis. Real HTTP against the served app."""

from __future__ import annotations

import uuid

import httpx
import pytest

from assistant.ratelimit import RedisRateLimiter, SignInAttempts
from assistant.web.sessions import COOKIE_NAME
from tests.web.conftest import Served
from tests.web.gradio_http import handlers
from tests.web.test_signin import signed_in, token
from tests.web.test_staff_routes import staff_auth

EVIL = "https://evil.example"


def own_origin(served: Served) -> str:
    return served.url  # http://127.0.0.1:<port>, the Host the browser would send


@pytest.mark.parametrize("headers", [
    {"Origin": EVIL},
    {"Origin": "null"},  # a sandboxed iframe or a data: page
    {"Referer": f"{EVIL}/page"},
    {"Sec-Fetch-Site": "cross-site"},
    {"Sec-Fetch-Site": "same-site"},
])
def test_a_cross_site_sign_in_is_refused_without_a_cookie(fake_served: Served, http: httpx.Client,
                                                          headers: dict[str, str]) -> None:
    for form in ({"member_key": fake_served.key("M0001")}, {"token": token(fake_served, "M0001")}):
        response = http.post("/session", data=form, headers=headers, follow_redirects=False)
        assert response.status_code == 403 and "set-cookie" not in response.headers
        assert "another site" in response.text


def test_a_same_origin_sign_in_works(fake_served: Served, http: httpx.Client) -> None:
    headers = {"Origin": own_origin(fake_served), "Sec-Fetch-Site": "same-origin"}
    response = http.post("/session", data={"member_key": fake_served.key("M0001")}, headers=headers,
                         follow_redirects=False)
    assert response.status_code == 303 and response.cookies.get(COOKIE_NAME)


def test_a_cross_site_token_link_is_refused_and_a_typed_one_works(fake_served: Served, http: httpx.Client) -> None:
    link = {"token": token(fake_served, "M0001")}
    forged = http.get("/session", params=link, headers={"Sec-Fetch-Site": "cross-site"}, follow_redirects=False)
    assert forged.status_code == 403 and "set-cookie" not in forged.headers
    typed = http.get("/session", params=link, headers={"Sec-Fetch-Site": "none"}, follow_redirects=False)
    assert typed.status_code == 303 and typed.cookies.get(COOKIE_NAME)


def test_cookie_authenticated_posts_refuse_other_sites(fake_served: Served) -> None:
    member = signed_in(fake_served, "M0001")
    try:
        [load] = [h for h in handlers(member) if h.name == "on_load"]
        join = {"data": [None], "event_data": None, "fn_index": load.fn_index, "trigger_id": load.trigger_id,
                "session_hash": uuid.uuid4().hex[:11]}
        forged = member.post("/gradio_api/queue/join", json=join, headers={"Origin": EVIL})
        assert forged.status_code == 403
        ours = member.post("/gradio_api/queue/join", json=join, headers={"Origin": own_origin(fake_served)})
        assert ours.status_code == 200
        logout = member.post("/session/end", headers={"Origin": EVIL}, follow_redirects=False)
        assert logout.status_code == 403
        session = member.cookies.get(COOKIE_NAME)
        assert fake_served.web.sessions.member_for(session) == "M0001"  # still signed in
    finally:
        member.close()


def test_the_host_site_may_post_a_token_when_trusted() -> None:
    from assistant.web.csrf import SameSiteGuard

    async def app(scope: object, receive: object, send: object) -> None:
        raise AssertionError("not called in this check")

    guard = SameSiteGuard(app, trusted_origins="https://www.example.com, https://shop.example.com/")
    scope = {"type": "http", "method": "POST", "path": "/session"}
    host = {"host": "assistant.example.com"}
    assert guard.allowed(scope, {**host, "origin": "https://www.example.com", "sec-fetch-site": "same-site"})
    assert guard.allowed(scope, {**host, "origin": "https://shop.example.com"})
    assert guard.allowed(scope, {**host, "origin": "https://assistant.example.com"})
    assert not guard.allowed(scope, {**host, "origin": "https://www.example.com.evil.example"})
    assert not guard.allowed(scope, {**host, "origin": "http://www.example.com:8080"})
    assert guard.allowed(scope, host)  # no browser headers: curl or an SDK, which no other site can drive


def test_wrong_staff_keys_are_limited_per_address_and_name(fake_served: Served, http: httpx.Client) -> None:
    limit = fake_served.settings.signin_attempts
    right = staff_auth(fake_served, "quinn")
    assert http.get("/qa/config", auth=right).status_code == 200  # a signed-in staff member uses no allowance
    assert http.get("/qa/config", auth=right).status_code == 200
    for _ in range(limit):
        assert http.get("/qa/config", auth=("quinn", "sk_quinn_" + "0" * 32)).status_code == 401
    blocked = http.get("/qa/config", auth=right)  # even the right key: guessing learns nothing more
    assert blocked.status_code == 429 and int(blocked.headers["retry-after"]) >= 1
    assert http.get("/studio/config", auth=staff_auth(fake_served, "mia")).status_code == 429  # same address
    assert http.get("/qa/").status_code == 401  # no credential sent: nothing counted or blocked


def test_failed_member_sign_ins_are_limited(fake_served: Served, http: httpx.Client) -> None:
    limit = fake_served.settings.signin_attempts
    for _ in range(limit):
        wrong = http.post("/session", data={"member_key": "mk_M0001_" + "0" * 32}, follow_redirects=False)
        assert wrong.status_code == 401
    blocked = http.post("/session", data={"member_key": fake_served.key("M0001")}, follow_redirects=False)
    assert blocked.status_code == 429 and "set-cookie" not in blocked.headers
    assert int(blocked.headers["retry-after"]) >= 1
    link = http.get("/session", params={"token": token(fake_served, "M0001")}, follow_redirects=False)
    assert link.status_code == 429


def test_failed_sign_ins_are_counted_across_processes_through_redis(redis_url: str) -> None:
    prefix = f"test:{uuid.uuid4().hex}:"
    first = SignInAttempts(RedisRateLimiter(redis_url, 3, 60, prefix=prefix, namespace="signin"))
    second = SignInAttempts(RedisRateLimiter(redis_url, 3, 60, prefix=prefix, namespace="signin"))
    keys = ("ip/203.0.113.9", "staff/quinn")
    for attempts in (first, second, first):
        assert attempts.retry_after(*keys) == 0
        attempts.failed(*keys)
    assert second.retry_after(*keys) >= 1 and first.retry_after("staff/quinn") >= 1
    assert first.retry_after("ip/198.51.100.1", "staff/mia") == 0
