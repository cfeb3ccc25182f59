"""The 404 page: the search and the entry points the site has, working at any depth of a missing address."""

from __future__ import annotations

from collections.abc import Callable
from urllib.parse import urljoin

from playwright.sync_api import Page

from tests import foreign_site

MISSING = "no/such/deep/page/here/"
ENTRY = "article ul.hb-nf-entry a"


def serve_404_for_missing(page: Page, base: str) -> None:
    """As a static host does: an unknown address answers 404 with the site's 404.html."""
    body = page.request.get(base + "404.html").text()
    page.route(base + "no/**", lambda route: route.fulfill(status=404, body=body, content_type="text/html"))


def test_a_missing_deep_address_offers_search_and_every_entry_point(
    site_url: str, open_page: Callable[..., Page]
) -> None:
    page = open_page()
    serve_404_for_missing(page, site_url)
    page.goto(site_url + MISSING)
    page.get_by_text("Open the search").click()
    assert page.locator("input#__search").is_checked()
    hrefs = page.eval_on_selector_all(ENTRY, "links => links.map(a => a.href)")
    expected = ["", "ws/", "pillars/", "levels/", "matrix/", "self-check/", "transcripts/"]
    assert [h.removeprefix(site_url).rstrip(".") for h in hrefs] == expected
    for href in hrefs:
        response = page.goto(href)
        assert response is not None and response.status == 200, href


def test_the_foreign_site_lists_only_its_own_pages_under_its_site_url(foreign: foreign_site.ForeignBuild) -> None:
    html = (foreign.site / "404.html").read_text(encoding="utf-8")
    entries = html.split('class="hb-nf-entry"', 1)[1].split("</ul>", 1)[0]
    hrefs = [part.split('"', 1)[0] for part in entries.split('href="')[1:]]
    assert hrefs, entries
    base = urljoin(foreign_site.SITE_URL, "/")
    for href in hrefs:
        assert href.startswith("/growth/"), href
        path = urljoin(base, href).removeprefix(foreign_site.SITE_URL).rstrip(".")
        assert (foreign.site / path / "index.html").is_file(), href
