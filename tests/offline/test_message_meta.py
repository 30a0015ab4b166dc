"""The date reaches the offline engine as metadata this project writes, never by parsing prompt text."""

from __future__ import annotations

from datetime import date

from langchain_core.messages import HumanMessage, SystemMessage

from assistant.message_meta import dated_system_message
from assistant.offline.history import read_history


def test_the_engine_reads_the_date_from_the_system_message_metadata_not_its_wording() -> None:
    stated, meant = date(2031, 7, 1), date(2031, 3, 14)
    system = dated_system_message(f"Today is {stated.isoformat()}.", meant)
    assert read_history([system, HumanMessage("hotels in Kyoto")]).today == meant


def test_a_system_prompt_without_the_metadata_gives_no_date_whatever_it_says() -> None:
    history = read_history([SystemMessage("Today is 2031-07-01 (Japan time)."), HumanMessage("hi")])
    assert history.today is None
