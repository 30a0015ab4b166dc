"""One process of the restart test: `python -m tests.agent.restart_worker PHASE <folder> [thread]`.

`start` opens a conversation, asks for a booking and is killed (SIGKILL) while the confirmation is pending;
`crash` approves and is killed after the booking was written but before the run ended (so the checkpoint
still shows the confirmation pending); `approve` is a fresh process that resumes the same thread id from
the checkpoints on disk and approves.
"""

from __future__ import annotations

import json
import os
import signal
import sys
from pathlib import Path

from assistant.conversation import NothingPending
from assistant.runtime import build_runtime
from assistant.settings import load_settings
from testkit.agent_world import TODAY, seed
from testkit.scripted_model import ScriptedChatModel, call, last_tool_json, say
from tools.services import build_services

STAY = {"hotel_id": "H0001", "room_type_id": "H0001-R1", "check_in": "2026-12-10", "nights": 2}


def main(phase: str, folder: Path, thread: str | None) -> None:
    url = f"sqlite:///{folder / 'assistant.db'}"
    if phase == "start":
        seed(url)
        model = ScriptedChatModel([call("book_hotel", STAY)])
    elif phase == "crash":
        model = ScriptedChatModel([lambda m: os.kill(os.getpid(), signal.SIGKILL)])
    else:
        model = ScriptedChatModel([lambda m: say(f"Booked {last_tool_json(m, 'book_hotel')['booking_id']}")])
    settings = load_settings(ASSISTANT_DATA_DIR=str(folder / "var"), ASSISTANT_SEED_DIR=str(folder / "none"))
    runtime = build_runtime(settings, model=model, services=build_services(url, None, today=TODAY), with_index=False)
    conv = runtime.conversations
    if phase == "start":
        thread = conv.new_thread("M0001")
        events = list(conv.send(member_id="M0001", thread_id=thread, text="Book H0001 for 2 nights from 10 Dec"))
        pending = events[-1].pending  # type: ignore[union-attr]
        print(json.dumps({"thread": thread, "pending": pending.tool if pending else None}), flush=True)
        os.kill(os.getpid(), signal.SIGKILL)  # no clean shutdown: the checkpoint on disk is all that survives
    assert thread is not None
    pending = conv.pending(member_id="M0001", thread_id=thread)
    if phase == "crash":
        list(conv.decide(member_id="M0001", thread_id=thread, approve=True))  # killed inside, after the tool ran
    try:
        answer = list(conv.decide(member_id="M0001", thread_id=thread, approve=True))[-1].answer  # type: ignore[union-attr]
    except NothingPending as exc:  # it ran before the crash: reported as done, not offered again (issue 17 item 5)
        answer = exc.done
    bookings = runtime.services.bookings.bookings("M0001", upcoming_only=False).bookings
    print(
        json.dumps(
            {
                "pending_before": pending.summary if pending else None,
                "answer": answer,
                "bookings": [b.id for b in bookings],
            }
        ),
        flush=True,
    )
    runtime.close()


if __name__ == "__main__":
    main(sys.argv[1], Path(sys.argv[2]), sys.argv[3] if len(sys.argv) > 3 else None)
