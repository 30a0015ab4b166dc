"""The overlap check sees Japanese copies, which a split on spaces never does (issue 16).

Japanese has no spaces, so a copied sentence is one "word" to the English rule; the check compares units
(a kanji or kana character; a katakana word or a Latin/digit run counts as one) after NFKC instead."""

from __future__ import annotations

from pathlib import Path

from eval.overlap import (
    NLU_TEST_GLOBS,
    SCENARIOS_JA_DIR,
    TEST_SCENARIO_DIRS,
    Text,
    all_overlaps,
    cjk_units,
    main,
    tuning_strings,
)

SCENARIO = '- id: ja-a\n  tags: [ja]\n  member: M0001\n  turns:\n    - user: "{turn}"\n'


def kinds(tuning: list[str], evaluation: list[str]) -> list[str]:
    return [f.kind for f in all_overlaps([Text(t, "t") for t in tuning], [Text(e, "e") for e in evaluation])]


def test_units_fold_width_and_keep_loanwords_and_numbers_whole() -> None:
    assert cjk_units("３０００円以下の　ワイヤレスイヤホン") == ("3000", "円", "以", "下", "の", "ワイヤレスイヤホン")
    assert cjk_units("book the first hotel") == ()


def test_a_long_shared_run_is_an_exact_copy_and_a_short_sentence_one_particle_off_a_near_one() -> None:
    assert kinds(["京都の旅館を来週の金曜日から二泊で予約したいです"], ["来週の金曜日から二泊で予約したいですね"]) == [
        "exact"
    ]
    assert kinds(["3番目を注文するとポイントはいくらつきますか"], ["4番目を注文するとポイントはいくらつく？"]) == [
        "exact"
    ]
    assert kinds(["最初のホテルの見積もり"], ["最初のホテルの見積もりは？"]) == ["near"]
    assert kinds(["3000円以下のお茶"], ["３０００円以下のお茶"]) == ["near"]


def test_a_shared_loanword_or_polite_ending_alone_is_no_copy() -> None:
    assert kinds(["ワイヤレスイヤホンを予約してください"], ["ワイヤレスイヤホンの在庫を確認してください"]) == []
    assert kinds(["それを予約してください"], ["最初の宿を予約してください"]) == []


def test_japanese_material_is_read_on_both_sides() -> None:
    assert SCENARIOS_JA_DIR in TEST_SCENARIO_DIRS and "eval/nlu/test_ja.yaml" in NLU_TEST_GLOBS


def test_main_fails_on_a_japanese_copy_in_a_language_folder_of_the_data(tmp_path: Path) -> None:
    (tmp_path / "data" / "ja").mkdir(parents=True)
    (tmp_path / "data" / "ja" / "exemplars_ja.yaml").write_text(
        "search_hotels:\n  - 札幌で雪まつりの時期に泊まれるホテルを探しています\n", encoding="utf-8"
    )
    assert "札幌で雪まつりの時期に泊まれるホテルを探しています" in {t.text for t in tuning_strings(tmp_path / "data")}
    (tmp_path / "scenarios").mkdir()
    args = ["--data", str(tmp_path / "data"), "--scenarios", str(tmp_path / "scenarios"), "--root", str(tmp_path)]
    (tmp_path / "scenarios" / "a.yaml").write_text(
        SCENARIO.format(turn="雪まつりの時期に泊まれるホテルを探しています！")
    )
    assert main(args) == 1
    (tmp_path / "scenarios" / "a.yaml").write_text(SCENARIO.format(turn="冬の札幌で宿を見つけたい"))
    assert main(args) == 0
