"""The runner on the real runtime (build_runtime, the agent with its confirmation middleware, SQLite seeded
from data/generated/small) with scripted models: a booking goes through only after approval, and a model that
invents figures is caught as ungrounded. The index is skipped (tools fall back to database filters)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from langchain_core.language_models import BaseChatModel

from eval.expectations import today_in_japan
from eval.session import RuntimeFactory
from eval.suite import EvalConfig, run_eval
from testkit.scripted_model import ScriptedChatModel, call, last_tool_json, say

pytestmark = pytest.mark.slow

BOOK = """
id: scripted-book
tags: [hotels, booking]
member: M0001
turns:
  - user: book Smile Stay Gion for 2 nights in ten days
    expect:
      pending: book_hotel
      tools_called: [{name: book_hotel, args: {hotel_id: H0145, nights: 2, check_in: {date: {days_ahead: 10}}}}]
  - approve: true
    expect:
      mentions: [{from_tool: {tool: book_hotel, field: booking_id}}]
end:
  bookings_created: 1
  booking: {hotel_id: H0145, nights: 2, check_in_days_ahead: 10}
"""

BALANCE = """
id: scripted-balance
tags: [points]
member: M0001
turns:
  - user: how many points do I have?
    expect:
      tools_called: [{name: points_balance}]
end: {nothing_written: true}
"""


def _run(folder: Path, out: Path, model: BaseChatModel) -> dict[str, Any]:
    factory = RuntimeFactory("offline", model=model, with_index=False, cache_root=out.parent / "cache")
    outcome = run_eval(EvalConfig(scenarios_dir=folder, out_dir=out, retrieval=False), factory=factory)
    return outcome.summary


def test_booking_through_the_real_agent_waits_for_approval(
    write_scenarios: Callable[..., Path], tmp_path: Path
) -> None:
    check_in = (today_in_japan() + timedelta(days=10)).isoformat()
    args = {"hotel_id": "H0145", "room_type_id": "H0145-R1", "check_in": check_in, "nights": 2, "adults": 1}

    def confirm(messages: list[Any]) -> str:
        booked = [m for m in messages if getattr(m, "name", None) == "book_hotel"]
        return f"Booked: {booked[-1].content}" if booked else "Nothing booked."

    model = ScriptedChatModel([call("book_hotel", args), confirm])
    summary = _run(write_scenarios({"book.yaml": BOOK}), tmp_path / "run", model)
    assert summary["failures"] == [], summary["failures"]
    assert summary["overall"]["confirmation_compliance"] == 1.0
    model.assert_all_used()


def test_invented_figures_through_the_real_agent_are_ungrounded(
    write_scenarios: Callable[..., Path], tmp_path: Path
) -> None:
    model = ScriptedChatModel([call("points_balance", {}), say("You have 987,654 points, worth ¥987,654.")])
    summary = _run(write_scenarios({"balance.yaml": BALANCE}), tmp_path / "run", model)
    [failure] = summary["failures"]
    assert failure["category"] == "ungrounded answer"
    assert "987,654" in failure["failed"][0]["detail"]
    assert summary["overall"]["groundedness"] == 0.0


# Importing litellm's types for the first time makes pydantic warn about one of them (not our code).
@pytest.mark.filterwarnings("ignore:Item 'summary' on TypedDict:UserWarning")
def test_real_model_path_over_http_counts_tokens_and_cost(
    write_scenarios: Callable[..., Path], tmp_path: Path, openai_stub: Any
) -> None:
    from tests.fakes.openai_stub import reply, tool_reply

    openai_stub.script(tool_reply("points_balance", {}), reply("Your balance is shown above."))
    factory = RuntimeFactory(
        "openai/gpt-4.1-mini",
        settings_env={"ASSISTANT_API_BASE": openai_stub.base_url, "ASSISTANT_API_KEY": "sk-test"},
        with_index=False,
        cache_root=tmp_path / "cache",
    )
    assert factory.parallelism == "thread"
    config = EvalConfig(scenarios_dir=write_scenarios({"balance.yaml": BALANCE}), out_dir=tmp_path / "run",
                        model="openai/gpt-4.1-mini", workers=1, retrieval=False)  # fmt: skip
    summary = run_eval(config, factory=factory).summary
    assert summary["failures"] == [], summary["failures"]
    overall = summary["overall"]
    assert overall["input_tokens"] > 0 and overall["cost_usd"] > 0
    assert summary["model"] == "openai/gpt-4.1-mini"


QUOTE = """
id: scripted-quote
tags: [hotels]
member: M0001
turns:
  - user: how much is Smile Stay Gion for 2 nights in ten days?
    expect:
      tools_called: [{name: quote_stay}]
"""

EARBUDS = """
id: scripted-earbuds
tags: [products]
member: M0001
turns:
  - user: show me some earbuds
    expect:
      tools_called: [{name: search_products}]
"""


def _grounding_failures(summary: dict[str, Any]) -> list[str]:
    return [c["detail"] for f in summary["failures"] for c in f["failed"] if c["category"] == "ungrounded answer"]


def test_a_price_read_off_a_date_is_ungrounded(write_scenarios: Callable[..., Path], tmp_path: Path) -> None:
    check_in = (today_in_japan() + timedelta(days=10)).isoformat()
    args = {"hotel_id": "H0145", "room_type_id": "H0145-R1", "check_in": check_in, "nights": 2, "adults": 1}

    def price_from_the_date(messages: list[Any]) -> str:
        stay = last_tool_json(messages, "quote_stay")["stay"]
        return f"The stay costs ¥{int(stay['check_in'][:4]):,} a night."  # the year of the check-in date

    model = ScriptedChatModel([call("quote_stay", args), price_from_the_date])
    summary = _run(write_scenarios({"quote.yaml": QUOTE}), tmp_path / "run", model)
    model.assert_all_used()
    [failure] = summary["failures"]
    assert failure["categories"] == ["ungrounded answer"]
    assert any(f"¥{check_in[:1]},{check_in[1:4]}" in d for d in _grounding_failures(summary))
    assert summary["overall"]["groundedness"] == 0.0


def test_a_rating_no_result_holds_is_ungrounded(write_scenarios: Callable[..., Path], tmp_path: Path) -> None:
    invented: list[str] = []

    def invented_rating(messages: list[Any]) -> str:
        products = last_tool_json(messages, "search_products")["products"]
        ratings = {round(float(p["rating"]), 1) for p in products}
        rating = next(r / 10 for r in range(50, 0, -1) if r / 10 not in ratings)
        invented.append(f"{rating} stars")
        return f"{products[0]['title']} ({products[0]['id']}) is rated {rating} stars by its buyers."

    model = ScriptedChatModel([call("search_products", {"query": "earbuds"}), invented_rating])
    summary = _run(write_scenarios({"earbuds.yaml": EARBUDS}), tmp_path / "run", model)
    model.assert_all_used()
    [failure] = summary["failures"]
    assert failure["categories"] == ["ungrounded answer"]
    [detail] = _grounding_failures(summary)
    assert invented[0] in detail and "rating" in detail
    assert "P0" not in detail  # the id and the title came from the result: only the rating is flagged


def test_the_offline_engine_is_held_to_the_same_rule(
    write_scenarios: Callable[..., Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """No exemption: the engine, made to add a figure no tool returned, stops the answer (strict grounding)
    and the eval reports the turn as `ungrounded answer`; the honest engine passes the same scenario."""
    from assistant.offline.answers import AnswerWriter
    from assistant.offline.model import UNVERIFIED_ACT, OfflineChatModel
    from assistant.settings import load_settings

    seed = load_settings().seed_dir
    folder = write_scenarios({"balance.yaml": BALANCE})
    honest = _run(folder, tmp_path / "honest", OfflineChatModel(seed_dir=seed, grounding="strict"))
    assert honest["failures"] == [] and honest["overall"]["groundedness"] == 1.0

    render = AnswerWriter.render

    def fabricate(self: AnswerWriter, act: str, **variables: Any) -> str:
        text = render(self, act, **variables)
        return text if act == UNVERIFIED_ACT else text + " That is worth ¥12,345 today."

    monkeypatch.setattr(AnswerWriter, "render", fabricate)
    summary = _run(folder, tmp_path / "fabricated", OfflineChatModel(seed_dir=seed, grounding="strict"))
    [failure] = summary["failures"]
    assert failure["categories"] == ["ungrounded answer"]
    assert "strict grounding" in _grounding_failures(summary)[0]
    assert summary["overall"]["groundedness"] == 0.0
