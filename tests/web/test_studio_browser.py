"""The copy studio as a marketer uses it, in a real browser (Debian chromium driven by Playwright) against the
app served over the real runtime: find a product by typing part of its name, brief a real campaign in
Japanese, export the page and download it; the page has no English words but brand names and model numbers."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import expect

from assistant.copywriter.ja import latin_words
from assistant.web.staff import StaffDirectory
from data.loader import SMALL_DIR, load_dataset
from tests.web.conftest import free_port, serve
from tests.web.real_world import offline_runtime, real_settings
from tests.web.test_browser import CHROMIUM, CHROMIUM_ARGS

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.exists(), reason="Debian chromium is not at /usr/bin/chromium"),
]


@pytest.fixture(scope="module")
def studio_app(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Any]]:
    from app import create_app

    settings = real_settings(tmp_path_factory.mktemp("studio") / "var", ASSISTANT_STAFF="mia:marketer",
                             ASSISTANT_DEMO=False)
    runtime = offline_runtime(settings)
    port = free_port()
    server, thread = serve(create_app(settings, runtime), port)
    try:
        yield f"http://127.0.0.1:{port}", settings
    finally:
        server.should_exit = True
        thread.join(15)


def _visible_text(page_html: str) -> str:
    text = re.sub(r"(?is)<(script|style)\b.*?</\1>", " ", page_html)
    text = re.sub(r"(?s)<[^>]+>", " ", text)
    return re.sub(r"&[a-z#0-9]+;", " ", text)


def test_marketer_finds_a_product_by_name_and_exports_a_japanese_campaign_page(
    studio_app: tuple[str, Any], tmp_path: Path,
) -> None:
    from playwright.sync_api import sync_playwright

    url, settings = studio_app
    dataset = load_dataset(SMALL_DIR)
    campaign = next(c for c in dataset.campaigns if c.category == "Electronics" and c.starts_in_days <= 0
                    <= c.ends_in_days)
    product = next(p for p in dataset.products if p.category == "Electronics" and p.subcategory == "Power Banks")
    typed = f"{product.brand} battery"  # part of its name, not its id
    key = StaffDirectory.from_settings(settings).key_for("mia")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS)
        try:
            context = browser.new_context(http_credentials={"username": "mia", "password": key},
                                          accept_downloads=True, viewport={"width": 1280, "height": 900})
            page = context.new_page()
            page.goto(f"{url}/studio/")
            page.locator("#studio-find textarea, #studio-find input").first.fill(typed)
            page.locator("#studio-search").click()
            picked = page.locator("#studio-picked input").first
            picked.click()
            page.get_by_role("option", name=re.compile(re.escape(product.id))).first.click()
            expect(page.locator("#studio-ids textarea, #studio-ids input").first).to_have_value(
                re.compile(product.id), timeout=20_000)
            expect(page.locator("#studio-facts")).to_contain_text(f"¥{product.price_jpy:,}", timeout=20_000)
            page.locator("#studio-campaign input").first.click()
            page.get_by_role("option", name=re.compile(rf"^{campaign.id} ")).first.click()
            page.locator("#studio-language").get_by_text("ja", exact=True).click()
            page.locator("#studio-write").click()
            expect(page.locator("#studio-status")).to_contain_text("Ready to export", timeout=60_000)
            link = page.locator('#studio-files a[href*="page.html"]').first
            expect(link).to_be_attached(timeout=30_000)
            href = link.get_attribute("href") or ""
            response = context.request.get(href if href.startswith("http") else f"{url}/studio/{href.lstrip('/')}"
                                           if not href.startswith("/") else f"{url}{href}")
            assert response.ok, (href, response.status)
            saved = tmp_path / "page.html"
            saved.write_bytes(response.body())
        finally:
            browser.close()
    html = saved.read_text(encoding="utf-8")
    assert 'lang="ja"' in html
    text = _visible_text(html)
    assert f"ポイント{campaign.bonus_multiplier + 1}倍" in text
    assert f"¥{product.price_jpy:,}" in text
    assert latin_words(text, {product.brand, product.model_number}) == []
