"""The scenario format rejects typos with the file and line, and reads the shorthands as documented."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from eval.scenario import ScenarioError, load_scenarios

GOOD = """
id: hotel-book
tags: [hotels, booking]
member: M0001
turns:
  - user: find a hotel in Kyoto
    expect:
      tools_called:
        - name: search_hotels
          args:
            city: Kyoto
            nights: {range: [1, 3]}
      mentions:
        - Kyoto
        - from_tool: {tool: search_hotels, field: name}
  - user: book it
    expect: {pending: book_hotel}
  - approve: true
end:
  bookings_created: 1
  points_change: {min: 0}
"""


def test_good_file_loads_with_shorthands(write_scenarios: Callable[..., Path]) -> None:
    [scenario] = load_scenarios(write_scenarios({"a.yaml": GOOD}))
    first = scenario.turns[0].expect
    assert first.tools_called is not None
    assert first.tools_called[0].args["city"].equals == "Kyoto"
    assert first.tools_called[0].args["nights"].range == (1, 3)
    assert first.mentions[0].text == "Kyoto"
    assert scenario.turns[2].approve is True
    assert scenario.end.bookings_created is not None and scenario.end.bookings_created.equals == 1
    assert scenario.end.expects_side_effect


@pytest.mark.parametrize(
    ("broken", "line", "words"),
    [
        (GOOD.replace("expect: {pending: book_hotel}", "expect: {pendng: book_hotel}"), 17, "unknown key 'pendng'"),
        (GOOD.replace("      mentions:", "      mention:"), 13, "unknown key 'mention'"),
        (GOOD.replace("  points_change: {min: 0}", "  points_chnage: {min: 0}"), 21, "unknown key 'points_chnage'"),
        (GOOD.replace("nights: {range: [1, 3]}", "nights: {rnge: [1, 3]}"), 12, "rnge"),
        (GOOD.replace("name: search_hotels", "name: search_hotel"), 9, "unknown tool 'search_hotel'"),
        (GOOD.replace("  - approve: true", "  - approve: true\n    user: hi"), 18, "either"),
    ],
)
def test_bad_key_names_file_and_line(
    write_scenarios: Callable[..., Path], broken: str, line: int, words: str
) -> None:
    folder = write_scenarios({"broken.yaml": broken})
    with pytest.raises(ScenarioError) as info:
        load_scenarios(folder)
    message = str(info.value)
    assert message.startswith(f"{folder / 'broken.yaml'}:{line}:"), message
    assert words in message


def test_duplicate_ids_name_both_files(write_scenarios: Callable[..., Path]) -> None:
    folder = write_scenarios({"a.yaml": GOOD, "b.yaml": GOOD})
    with pytest.raises(ScenarioError, match=r"b\.yaml:2: duplicate scenario id 'hotel-book' \(first at .*a\.yaml:2\)"):
        load_scenarios(folder)


def test_filters_by_tag_and_unknown_id(write_scenarios: Callable[..., Path]) -> None:
    folder = write_scenarios({"a.yaml": GOOD, "b.yaml": GOOD.replace("hotel-book", "points-1").replace(
        "[hotels, booking]", "[points]")})
    assert [s.id for s in load_scenarios(folder, tags=["points"])] == ["points-1"]
    with pytest.raises(ScenarioError, match="no scenario with id nope"):
        load_scenarios(folder, ids=["nope"])


REPO = Path(__file__).resolve().parents[2]


def test_pattern_test_set_loads_with_unique_ids_tags_and_multi_turn_shape() -> None:
    """eval/patterns/scenarios (issue 15's test set) keeps the format contract: it loads, its ids are new, every
    scenario is tagged `patterns` and `multi-turn` and has 3-6 turns, and each file covers one family."""
    patterns = load_scenarios(REPO / "eval" / "patterns" / "scenarios")
    others = [s.id for folder in ("eval/scenarios", "eval/dev/scenarios") for s in load_scenarios(REPO / folder)]
    assert len(patterns) >= 45
    assert not {s.id for s in patterns} & set(others)
    for scenario in patterns:
        assert {"patterns", "multi-turn"} <= set(scenario.tags), scenario.id
        assert 3 <= len(scenario.turns) <= 6, scenario.id
        family = Path(scenario.source).stem.replace("_", "-")
        assert family in scenario.tags, (scenario.id, family)
