"""With DATABASE_URL on PostgreSQL, checkpoints and threads live there too: a new runtime (another process in
production) resumes a pending confirmation and books once."""

from __future__ import annotations

import pytest
import sqlalchemy as sa
from langgraph.checkpoint.postgres import PostgresSaver

from tests.agent.conftest import RuntimeFactory
from tests.agent.helpers import bookings, run
from tests.fakes import ScriptedChatModel, call, say

STAY = {"hotel_id": "H0001", "room_type_id": "H0001-R1", "check_in": "2026-12-10", "nights": 2}


@pytest.mark.postgres
def test_postgres_checkpoints_survive_a_new_runtime(make_runtime: RuntimeFactory, postgres_url: str) -> None:
    first = make_runtime(ScriptedChatModel([call("book_hotel", STAY)]), database_url=postgres_url)
    assert isinstance(first.memory.checkpointer, PostgresSaver)
    conv = first.conversations
    thread = conv.new_thread("M0001")
    assert run(conv.send(member_id="M0001", thread_id=thread, text="book")).pending is not None
    first.close()

    second = make_runtime(ScriptedChatModel([say("Booked.")]), database_url=postgres_url)
    conv = second.conversations
    pending = conv.pending(member_id="M0001", thread_id=thread)
    assert pending is not None and pending.tool == "book_hotel"
    assert run(conv.decide(member_id="M0001", thread_id=thread, approve=True)).answer == "Booked."
    assert len(bookings(second.services, "M0001")) == 1
    engine = sa.create_engine(postgres_url)
    with engine.connect() as c:
        assert c.execute(sa.text("select count(*) from checkpoints where thread_id = :t"), {"t": thread}).scalar()
        assert c.execute(sa.text("select member_id from assistant_threads")).scalar() == "M0001"
    engine.dispose()
