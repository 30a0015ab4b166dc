"""The landing page: self-contained, escaped, SEO-tagged; rendered in headless Chromium at desktop and phone
widths with an in-browser accessibility check (headings, alt text, names, labels, lang, colour contrast)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from assistant.copywriter.brief import make_brief
from assistant.copywriter.facts import DataSetFacts
from assistant.copywriter.studio import CopyStudio
from tests.copy.conftest import RULES, TODAY, make_product

CHROMIUM = Path("/usr/bin/chromium")
ARTIFACTS = Path(__file__).resolve().parents[1] / "artifacts"
A11Y_JS = (Path(__file__).parent / "a11y_check.js").read_text(encoding="utf-8")
EVIL = '<script>alert("x")</script> Headphones </title><img src=x onerror=alert(1)>'


def evil_source() -> DataSetFacts:
    product = make_product(title=EVIL, description="Great </script><script>alert(2)</script> sound.",
                           shop_name='Shop "<b>"')
    return DataSetFacts(products=[product], rules=RULES, today=TODAY)


def test_catalogue_text_is_escaped_everywhere(tmp_path: Path) -> None:
    result = CopyStudio(evil_source()).run(make_brief(subject_ids=["P000001"]))
    html = result.best.html(result.sheet, "en")
    assert "<img src=x" not in html and "<b>" not in html
    assert "&lt;script&gt;" in html
    assert html.count("<script") == 1  # only the JSON-LD block
    json_ld = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    assert json_ld and "<" not in json_ld.group(1)
    markdown = result.export(tmp_path)["page.md"].read_text()
    assert "<script>" not in markdown


def test_page_is_self_contained_with_seo_tags(tmp_path: Path, facts_source: DataSetFacts) -> None:
    brief = make_brief(subject_ids=["P000001"], campaign="10x points this weekend")
    paths = CopyStudio(facts_source).run(brief).export(tmp_path)
    html = paths["page.html"].read_text()
    assert re.search(r'<html lang="en">', html)
    for tag in ("<title>", 'name="description"', 'property="og:title"', 'property="og:description"',
                'name="viewport"'):
        assert tag in html
    assert not re.search(r'(?:src|href)="(?:https?:)?//', html), "external asset"
    assert "<link" not in html and "@import" not in html
    title = re.search(r"<title>(.*?)</title>", html)
    assert title and len(title.group(1)) <= 60
    assert "<img" not in html  # no image slot unless the catalogue has an image or the brief asks for one
    placeholder = CopyStudio(facts_source).run(make_brief(subject_ids=["P000001"], image="placeholder"))
    assert 'alt="Photo placeholder: Aoba' in placeholder.best.html(placeholder.sheet, "en")
    assert {"page.html", "page.md", "copy.json", "claims.json"} <= set(paths)


@pytest.mark.browser
@pytest.mark.parametrize("language", ["en", "ja"])
def test_page_renders_and_passes_accessibility_check(language: str, facts_source: DataSetFacts) -> None:
    if not CHROMIUM.exists():
        pytest.skip("needs Debian chromium at /usr/bin/chromium (apt-get install -y chromium)")
    from playwright.sync_api import sync_playwright

    brief = make_brief(subject_ids=["P000001", "P000002"], language=language,
                       campaign="10x points this weekend" if language == "en" else "週末はポイント10倍")
    result = CopyStudio(facts_source).run(brief)
    html = result.best.html(result.sheet, language)
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    requests: list[str] = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=["--no-sandbox"])
        try:
            for name, width in (("desktop", 1280), ("phone", 390)):
                page = browser.new_page(viewport={"width": width, "height": 900})
                page.on("request", lambda r: requests.append(r.url))
                page.set_content(html, wait_until="load")
                page.screenshot(path=str(ARTIFACTS / f"copy-{language}-{name}.png"), full_page=True)
                violations = page.evaluate(A11Y_JS)
                assert violations == [], violations
                assert page.evaluate("document.documentElement.scrollWidth") <= width, "horizontal scroll"
                assert page.locator("h1").inner_text() == result.best.copy.headline
                assert not [u for u in requests if not u.startswith(("data:", "about:"))]
                page.close()
        finally:
            browser.close()


@pytest.mark.browser
def test_accessibility_check_catches_a_broken_page() -> None:
    """The checker itself must fail pages that break the rules, or a pass means nothing."""
    if not CHROMIUM.exists():
        pytest.skip("needs Debian chromium at /usr/bin/chromium (apt-get install -y chromium)")
    from playwright.sync_api import sync_playwright

    broken = ('<html><head><title>x</title></head><body style="background:#fff"><h1>A</h1><h1>B</h1><h4>skip</h4>'
              '<img src="data:,"><a href="#"></a><p style="color:#bbb">faint</p><input id="q"></body></html>')
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=["--no-sandbox"])
        try:
            page = browser.new_page()
            page.set_content(broken)
            rules = {v["rule"] for v in page.evaluate(A11Y_JS)}
        finally:
            browser.close()
    assert {"html-has-lang", "page-has-one-h1", "heading-order", "link-name", "color-contrast", "label",
            "meta-viewport"} <= rules
