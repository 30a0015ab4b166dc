"""The destination search without an index ranks on what the guides say, never on the generator's answer key."""

from __future__ import annotations

import json
from pathlib import Path

from langchain.tools import ToolRuntime

from data.schema import Destination, MonthClimate
from testkit.factories import dataset
from tools.agent_tools.context import AssistantContext
from tools.agent_tools.destinations import search_destinations
from tools.services import Services

from .conftest import make_services


def _guide(dest_id: str, area: str, *, region: str, activities: list[str], truth_tags: list[str]) -> Destination:
    climate = [MonthClimate(month=m, avg_high_c=10 + m, avg_low_c=m, rain_days=5, note="") for m in range(1, 13)]
    return Destination(id=dest_id, area=area, city=area, prefecture="Oita", region=region, known_for=["views"],
                       activities=activities, climate=climate, best_months=[4], access={"Tokyo": "2 h"},
                       description=f"{area} is quiet.", truth_tags=truth_tags)


GUIDES = [
    _guide("D001", "Yufuin", region="kyushu", activities=["onsen"], truth_tags=["activity:onsen", "secret:hidden"]),
    _guide("D002", "Otaru", region="hokkaido", activities=["skiing"], truth_tags=["activity:skiing"]),
]


def _search(services: Services, **args: object) -> list[str]:
    ctx = AssistantContext(member_id="M0001", services=services, thread_id="t1")
    runtime = ToolRuntime(state={}, context=ctx, config={}, stream_writer=lambda _: None, tool_call_id="c1",
                          store=None)  # fmt: skip
    tool = search_destinations.tool  # the registry entry's LangChain tool
    assert tool.func is not None
    result = json.loads(tool.func(runtime, **args))
    return [d["destination_id"] for d in result["destinations"]]


def test_ranks_on_the_guides_fields_and_ignores_truth_tags(tmp_path: Path) -> None:
    data = dataset().model_copy(update={"destinations": GUIDES})
    services = make_services(f"sqlite:///{tmp_path / 'tools.db'}", data)
    try:
        assert services.search is None  # the path without an index
        assert _search(services, query="onsen baths") == ["D001"]
        assert _search(services, query="somewhere in hokkaido") == ["D002"]  # the region is a real field
        assert _search(services, query="hidden secret") == []  # words only the answer key has find nothing
    finally:
        services.close()
