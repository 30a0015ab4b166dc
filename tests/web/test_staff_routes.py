"""Staff tools for staff: the copy studio and the QA tools answer only staff with the route's role (401
without a credential, 403 with the wrong role), the member page carries none of them, and QA's eval runs
and draft saving stay inside their bounds. Real HTTP against the served app."""

from __future__ import annotations

from pathlib import Path

import httpx
import pytest

from assistant.web.sessions import COOKIE_NAME
from assistant.web.staff import StaffDirectory
from tests.web.conftest import Served
from tests.web.gradio_http import handlers
from tests.web.test_signin import signed_in

MEMBER_HANDLERS = {"on_load", "new_conversation", "respond", "respond_1", "confirm", "cancel", "on_like",
                   "send_comment", "send_comment_1", "chat", "load_example", "switch_language",
                   *(f"respond_{i}" for i in range(2, 6))}  # the example buttons send (chatui, issue 17 item 9)


def staff_auth(served: Served, name: str) -> tuple[str, str]:
    return name, StaffDirectory.from_settings(served.settings).key_for(name)


@pytest.mark.parametrize("path", ["/studio/", "/qa/", "/qa/config", "/studio/gradio_api/info"])
def test_staff_routes_need_a_staff_credential(fake_served: Served, http: httpx.Client, path: str) -> None:
    anonymous = http.get(path)
    assert anonymous.status_code == 401 and anonymous.headers["www-authenticate"].startswith("Basic")
    assert http.get(path, auth=("quinn", "sk_quinn_" + "0" * 32)).status_code == 401  # forged key
    assert http.get(path, auth=("nobody", staff_auth(fake_served, "nobody")[1])).status_code == 401  # not staff
    member = signed_in(fake_served, "M0001")  # a member's session is no staff credential
    try:
        assert member.cookies.get(COOKIE_NAME) and member.get(path).status_code == 401
    finally:
        member.close()


def test_each_staff_route_needs_its_role(fake_served: Served, http: httpx.Client) -> None:
    marketer, qa = staff_auth(fake_served, "mia"), staff_auth(fake_served, "quinn")
    assert http.get("/qa/config", auth=marketer).status_code == 403
    assert http.get("/studio/config", auth=qa).status_code == 403
    joined = http.post("/qa/gradio_api/queue/join", auth=marketer, json={"data": [], "fn_index": 0,
                                                                          "session_hash": "x"})
    assert joined.status_code == 403
    studio = http.get("/studio/config", auth=marketer)
    assert studio.status_code == 200 and "brand voice" in studio.text.lower()
    qa_page = http.get("/qa/config", auth=qa)
    assert qa_page.status_code == 200 and "Evaluation suite" in qa_page.text and "Members' feedback" in qa_page.text
    assert "Member feedback from the chat" not in qa_page.text  # one feedback section, not two


def test_the_member_page_has_no_staff_tool(http: httpx.Client) -> None:
    config = http.get("/config").text
    for staff_text in ("Copy studio", "QA evaluation", "Evaluation suite", "Member feedback", "Save draft"):
        assert staff_text not in config
    assert {h.name for h in handlers(http)} <= MEMBER_HANDLERS


def test_eval_runs_only_allowed_models_one_at_a_time_with_bounded_trials() -> None:
    from eval.ui import RunSlot, run_with_progress

    allowed = ["offline"]
    [refused] = list(run_with_progress("openai/gpt-4.1", [], 1, models=allowed))
    assert "not on this service's list" in refused[0]
    [too_many] = list(run_with_progress("offline", [], 500, models=allowed))
    assert "between 1 and" in too_many[0]
    busy = RunSlot()
    assert busy.take()
    [waiting] = list(run_with_progress("offline", [], 1, models=allowed, slot=busy))
    assert "in progress" in waiting[0]


@pytest.mark.parametrize("scenario_id", ["../scenarios/x", "/tmp/owned", "a/b", "..", "UPPER CASE"])
def test_draft_ids_are_safe_slugs_and_nothing_is_written_elsewhere(tmp_path: Path, scenario_id: str) -> None:
    from eval.ui import save_draft

    drafts = tmp_path / "area" / "drafts"
    message = save_draft(f"id: {scenario_id!r}\nmember: M0001\nturns: []\n", folder=drafts)
    assert message.startswith("Not saved")
    assert [p for p in tmp_path.rglob("*") if p.is_file()] == []
    saved = save_draft("id: fresh-draft\nmember: M0001\nturns: []\n", folder=drafts)
    assert str(tmp_path) not in saved and "eval/drafts/fresh-draft.yaml" in saved
    assert [p.name for p in drafts.iterdir()] == ["fresh-draft.yaml"]
