"""Claim extraction in EN and JA, the CLI, and the web tab's adapters."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.copywriter.claims import extract_from_text
from assistant.copywriter.facts import DataSetFacts

CASES = [
    ("Now just ¥12,800 (was ¥15,800)", [("price", "¥12,800"), ("price", "¥15,800")]),
    ("save 19% and 10x points this weekend", [("discount", "save 19%"), ("multiplier", "10x points"),
                                              ("campaign", "this weekend")]),
    ("Earn 1,536 points, 12% back", [("points", "1,536 points"), ("points_rate", "12% back")]),
    ("Rated 4.4/5 from over 1,287 reviews", [("rating", "4.4/5"), ("reviews", "1,287 reviews")]),
    ("Only 3 left in stock. Free shipping, next-day delivery.",
     [("stock", "Only 3 left"), ("stock", "in stock"), ("delivery", "Free shipping"),
      ("delivery", "next-day delivery")]),
    ("Waterproof to IPX7 with a 40-hour battery and Bluetooth 5.3",
     [("feature", "Waterproof"), ("spec", "IPX7"), ("spec", "40-hour"), ("spec", "Bluetooth 5.3")]),
    ("The cheapest headphones in Japan, No. 1 for travel",
     [("superlative", "cheapest headphones in Japan"), ("superlative", "No. 1 for")]),
    ("今なら12,800円、ポイント10倍で1,536ポイント！", [("price", "12,800円"), ("multiplier", "ポイント10倍"),
                                                 ("points", "1,536ポイント")]),
    ("送料無料・翌日お届け。日本最安値！レビュー1,287件、評価4.4。残り3点",
     [("delivery", "送料無料"), ("delivery", "翌日お届け"), ("superlative", "日本最安値"),
      ("reviews", "レビュー1,287件"), ("rating", "評価4.4"), ("stock", "残り3点")]),
    ("１２，８００円で防水", [("price", "12,800円"), ("feature", "防水")]),  # full-width digits
]


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_extracts_every_claim(text: str, expected: list[tuple[str, str]]) -> None:
    found = [(c.kind, c.text) for c in extract_from_text("body[0]", text)]
    assert found == expected


def test_cli_writes_the_page_files(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                   facts_source: DataSetFacts) -> None:
    from typer.testing import CliRunner

    import assistant.copywriter.facts as facts
    import tools.services as services
    from assistant.cli import app

    class FakeServices:  # the CLI's catalogue lookup is replaced by the fixture facts; everything else is real
        def close(self) -> None:
            pass

    monkeypatch.setenv("ASSISTANT_MODEL", "offline")
    monkeypatch.setenv("ASSISTANT_DATA_DIR", str(tmp_path / "var"))
    monkeypatch.setattr(services, "build_services", lambda *a, **k: FakeServices())
    monkeypatch.setattr(facts, "ServicesFacts", lambda _services: facts_source)
    out = tmp_path / "out"
    result = CliRunner().invoke(app, ["copy", "--product", "P000001", "--voice", "energetic", "--lang", "en",
                                      "--campaign", "10x points this weekend", "--variants", "2", "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert {p.name for p in out.iterdir()} >= {"page.html", "page.md", "copy.json", "claims.json"}
    assert "contradicted" in result.output and "supported" in result.output
    bad = CliRunner().invoke(app, ["copy", "--product", "P999999", "--out", str(out)])
    assert bad.exit_code == 2 and "P999999" in bad.output


def test_web_tab_builds_and_its_adapters_show_the_report(facts_source: DataSetFacts) -> None:
    import gradio as gr

    from assistant.copywriter.studio import CopyStudio
    from assistant.copywriter.ui import build_tab, highlighted, preview, report_rows, run_studio

    studio = CopyStudio(facts_source)
    with gr.Blocks() as demo, gr.Tab("Copy studio"):
        build_tab(lambda: studio)
    assert demo is not None
    result, out = run_studio(studio, "P000001", "friendly", "en", "10x points this weekend", "", "medium", "", "",
                             2, True)
    variant = result.best
    labels = {label for _, label in highlighted(variant) if label}
    assert labels == {"supported"}
    assert any(row[3] == "¥12,800" for row in report_rows(variant))
    assert preview(result, variant).startswith('<iframe title="Landing page preview" sandbox=""')
    assert (out / "page.html").exists()
