"""The home page's framework overview: it loads without script errors and every part is a link."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page

pytestmark = pytest.mark.browser


def test_overview_links_work_and_the_page_has_no_script_errors(site_url: str, page: Page) -> None:
    page.goto(site_url)
    overview = page.locator("svg.hb-overview")
    overview.wait_for()
    assert overview.locator("a").count() > 8 * 6  # every W, pillar and pillar level
    page.locator("svg.hb-overview a").nth(1).click()
    page.wait_for_url("**/pillars/**")
    assert page.locator("h1").first.inner_text().strip() != ""


def test_overview_has_a_text_equivalent(site_url: str, page: Page) -> None:
    page.goto(site_url)
    summary = page.locator("details.hb-overview-text summary")
    summary.click()
    links = page.locator("details.hb-overview-text a")
    assert links.count() == page.locator("svg.hb-overview a").count()
