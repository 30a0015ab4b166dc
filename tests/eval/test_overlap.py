"""The overlap check finds tuning strings copied into evaluation material, and only those.

Small fixture folders stand in for the engine's data, the scenarios and the NLU test split, so each test
says exactly which copy must be caught (or must not be)."""

from __future__ import annotations

import re
from pathlib import Path

from eval.overlap import (
    PATTERNS_DIR,
    TEST_SCENARIO_DIRS,
    Text,
    find_overlaps,
    main,
    nlu_test_utterances,
    normalise,
    rule_phrases,
    tuning_strings,
    yaml_comments,
)

SCENARIO = """\
- id: fixture-a
  tags: [fixture]
  member: M0001
  turns:
    - user: "{turn}"
"""


def write_tree(tmp: Path, *, exemplars: str, rules: str = "decide: []\n", turn: str, nlu: str | None = None) -> Path:
    data = tmp / "data"
    data.mkdir(parents=True)
    (data / "exemplars.yaml").write_text(exemplars, encoding="utf-8")
    (data / "intent_rules.yaml").write_text(rules, encoding="utf-8")
    scenarios = tmp / "scenarios"
    scenarios.mkdir()
    (scenarios / "a.yaml").write_text(SCENARIO.format(turn=turn), encoding="utf-8")
    if nlu is not None:
        (tmp / "eval" / "nlu").mkdir(parents=True)
        (tmp / "eval" / "nlu" / "test.yaml").write_text(nlu, encoding="utf-8")
    return tmp


def run(tmp: Path) -> int:
    return main(["--data", str(tmp / "data"), "--scenarios", str(tmp / "scenarios"), "--root", str(tmp)])


def kinds(tuning: list[str], evaluation: list[str]) -> list[str]:
    found = find_overlaps([Text(t, "t") for t in tuning], [Text(e, "e") for e in evaluation])
    return [f.kind for f in found]


def test_normalise_folds_width_case_punctuation_and_spaces() -> None:
    assert normalise("  Ｓｈｏｗ   a HOTEL, in Nagoya!! ") == "show a hotel in nagoya"
    assert normalise("what's   the\tlimited-time price?") == normalise("whats the limited time price") == (
        "whats the limited time price"
    )


def test_exact_copy_either_way_round_needs_four_words_on_word_boundaries() -> None:
    # a 4-word exemplar inside a longer member turn
    assert kinds(["look for an inn in Nagoya"], ["Please look for an inn in Nagoya for 4 nights"]) == ["exact"]
    # a 4-word member turn inside a longer exemplar
    assert kinds(["could you say more about product three please"], ["more about product three?"]) == ["exact"]
    # three words are not a copy, and "hotel in kyoto" is not inside "hotel in kyotoo"
    assert kinds(["inn in Nagoya"], ["an inn in Nagoya for me"]) == []
    assert kinds(["a nice inn in Nagoya"], ["a nice inn in Nagoyaa"]) == []


def test_near_copy_is_a_reordered_or_one_word_changed_sentence() -> None:
    assert kinds(["a ryokan with a sauna in Beppu"], ["a ryokan in Beppu with a sauna?"]) == ["near"]
    # Jaccard 4/8 = 0.5: below the threshold
    assert kinds(["show me cheap hotels in Osaka"], ["show me cheap rooms in Nara"]) == []


def test_rule_phrases_drop_regex_syntax_and_split_alternatives() -> None:
    phrases = rule_phrases(r"^(sorry|oops)\b[ ,.!-]*(we are |we'?re )?(\d+|two) (adults?|people)\b(?!.*\bdog\b)")
    assert phrases[:2] == ["sorry", "oops we are"] and "two adults" in phrases
    assert all(re.fullmatch(r"[a-z' ]+", p) for p in phrases), phrases
    assert rule_phrases(r"\bno\. 5 (a\|b)[|x]") == ["no. 5 a|b"]
    assert rule_phrases(r"\bwhere am i staying next month\b") == ["where am i staying next month"]


def test_comments_are_read_but_a_hash_inside_a_quoted_pattern_is_not_one() -> None:
    text = '# top comment\nx: {pattern: "id:? #?m\\\\d{4}"}  # trailing note\n'
    assert list(yaml_comments(text)) == [("top comment", 1), ("trailing note", 2)]


def test_tuning_strings_cover_exemplars_rule_literals_and_quoted_comment_phrases(tmp_path: Path) -> None:
    root = write_tree(
        tmp_path,
        exemplars="greet:\n  - good morning to you\n",
        rules='# handles "oops we are four guests" style corrections\ndecide:\n'
        '  - {pattern: "\\\\bwhere am i staying next month\\\\b", intent: my_bookings}\n',
        turn="x",
    )
    texts = {t.text for t in tuning_strings(root / "data")}
    assert {"good morning to you", "where am i staying next month", "oops we are four guests"} <= texts


def test_main_fails_on_a_copied_scenario_turn_and_passes_on_fresh_phrasing(tmp_path: Path) -> None:
    copied = write_tree(tmp_path / "a", exemplars="refine:\n  - oh wait make that 5 nights\n",
                        turn="Oh, wait: make that 5 nights!")
    assert run(copied) == 1
    fresh = write_tree(tmp_path / "b", exemplars="refine:\n  - change the stay to four nights\n",
                       turn="Oh, wait: make that 5 nights!")
    assert run(fresh) == 0


def test_a_quoted_scenario_phrase_in_a_rule_comment_fails(tmp_path: Path) -> None:
    root = write_tree(tmp_path, exemplars="refine: []\n",
                      rules='decide:\n  # fixes ("oh no, there are 6 adults") refine\n  - {pattern: x}\n',
                      turn="oh no, there are 6 adults")
    assert run(root) == 1


def test_nlu_test_split_is_evaluation_material_and_its_absence_is_fine(tmp_path: Path) -> None:
    nlu = "today: 2026-11-23\nutterances:\n  - {text: 'whats my points balance right now', intent: points_balance}\n"
    root = write_tree(tmp_path, exemplars="points_balance:\n  - what's my points balance right now\n",
                      turn="hello there", nlu=nlu)
    assert [t.text for t in nlu_test_utterances(root)] == ["whats my points balance right now"]
    assert run(root) == 1
    assert nlu_test_utterances(tmp_path / "nowhere") == []


def test_up_to_two_near_copies_pass_and_a_third_fails(tmp_path: Path) -> None:
    exemplars = "x:\n  - list my hotel stays\n  - how does the family discount work\n  - what's my voucher total\n"
    turns = ["list all my hotel stays", "how does the family group discount work", "what's my current voucher total"]
    scenarios = "".join(
        f"- id: s{i}\n  tags: [t]\n  member: M0001\n  turns:\n    - user: \"{t}\"\n" for i, t in enumerate(turns)
    )
    root = write_tree(tmp_path, exemplars=exemplars, turn="hello there")
    (root / "scenarios" / "b.yaml").write_text(scenarios, encoding="utf-8")
    assert run(root) == 1
    (root / "scenarios" / "b.yaml").write_text(scenarios.rsplit("- id: s2", 1)[0], encoding="utf-8")
    assert run(root) == 0


def test_the_pattern_test_set_is_evaluation_material_beside_the_release_scenarios(tmp_path: Path) -> None:
    # The issue-15 pattern scenarios are test material: engine data must not copy them either.
    assert PATTERNS_DIR in TEST_SCENARIO_DIRS and PATTERNS_DIR.is_dir()
    root = write_tree(tmp_path, exemplars="refine:\n  - could you keep it under twelve thousand\n", turn="hello there")
    patterns = tmp_path / "patterns"
    patterns.mkdir()
    (patterns / "p.yaml").write_text(SCENARIO.format(turn="Could you keep it under twelve thousand?"), encoding="utf-8")
    both = ["--data", str(root / "data"), "--scenarios", str(root / "scenarios"), "--scenarios", str(patterns),
            "--root", str(root)]
    assert main(both) == 1
    assert run(root) == 0  # the same exemplar passes when only the first folder is read
