"""The ``gh-pages`` branch ``python -m generator publish`` writes, served as GitHub Pages serves it.

Material's version selector (``extra.version.provider: mike``) reads the ``versions.json`` mike keeps at the
branch's root and lists every published version; the root leads to ``latest``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest
from playwright.sync_api import Browser, Page, expect

from generator.publish import mike_command
from tests.browser.conftest import serve
from tests.publishing import NEW_WORDS, check_out_pages, publish_two_versions

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(mike_command() is None, reason="mike (the publish extra) is not installed"),
]


@pytest.fixture(scope="module")
def pages_url(browser: Browser, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    root = publish_two_versions(tmp_path_factory.mktemp("published"))
    with serve(check_out_pages(root, tmp_path_factory.mktemp("gh-pages"))) as url:
        yield url


def test_the_version_selector_lists_every_published_version(pages_url: str, open_page: Callable[..., Page]) -> None:
    page = open_page()
    page.goto(f"{pages_url}1.0/pillars/craft/level-1/")
    expect(page.locator(".md-version__current")).to_have_text("1.0")
    links = page.locator(".md-version__list .md-version__link")
    expect(links).to_have_count(2)
    assert [text.split()[0] for text in links.all_text_contents()] == ["1.1", "1.0"]
    hrefs = [page.evaluate("(a) => a.href", link.element_handle()) for link in links.all()]
    assert hrefs == [f"{pages_url}1.1/", f"{pages_url}1.0/"]


def test_the_root_leads_to_the_latest_version(pages_url: str, open_page: Callable[..., Page]) -> None:
    page = open_page()
    page.goto(pages_url)
    page.wait_for_url("**/latest/")
    page.goto(f"{pages_url}latest/pillars/craft/level-1/")
    expect(page.locator("article")).to_contain_text(NEW_WORDS)
    expect(page.locator(".md-version__current")).to_have_text("1.1")
