"""Pages built from hostile notes and rubric in chromium: no dialog, no script error, no request off 127.0.0.1."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING
from urllib.parse import quote

import pytest

from tests.browser.conftest import ErrorLog, Network, serve
from tests.hostile_site import mkdocs_build, write_hostile_project

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page

PAGES = [
    "",
    "transcripts/hostile/",
    "transcripts/bad_video/",
    "ws/make/",
    "pillars/craft/",
    "pillars/craft/level-0/",
    "levels/0/",
    "matrix/",
    "principles/",
    "self-check/",
    "topics/",
]


@pytest.fixture(scope="module")
def hostile_url(browser: Browser, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    base = tmp_path_factory.mktemp("hostile")
    project = write_hostile_project(base / "project")
    result = mkdocs_build(project, base / "site")
    assert result.returncode == 0, result.stderr
    with serve(base / "site") as url:
        yield url


def console_errors(page: Page) -> list[str]:
    errors: list[str] = []
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    return errors


@pytest.mark.parametrize("path", PAGES)
def test_hostile_page_runs_nothing_and_loads_nothing_off_site(
    hostile_url: str, open_page: Callable[..., Page], network: Network, error_log: ErrorLog, path: str
) -> None:
    page = open_page()
    errors = console_errors(page)
    page.goto(hostile_url + path, wait_until="networkidle")
    # Fire the events injected handlers would listen for, on every element of the content.
    page.evaluate(
        """() => document.querySelectorAll('.md-content *').forEach(e => {
            for (const type of ['mouseover', 'mouseenter', 'focus', 'toggle', 'load', 'error']) {
                e.dispatchEvent(new Event(type));
            }
        })"""
    )
    page.wait_for_timeout(300)
    assert page.evaluate("typeof window.__pwned") == "undefined"
    assert not errors, errors
    assert not network.external, network.external
    assert not error_log.unexpected()


def test_topic_pages_from_hostile_wikilinks_run_nothing(
    hostile_url: str, open_page: Callable[..., Page], network: Network
) -> None:
    page = open_page()
    errors = console_errors(page)
    page.goto(hostile_url + "topics/", wait_until="networkidle")
    links = [a.get_attribute("href") or "" for a in page.locator(".md-content a").all()]
    for href in [h for h in links if h and not h.startswith(("http", "#"))][:10]:
        page.goto(hostile_url + "topics/" + href, wait_until="networkidle")
    assert not errors, errors
    assert not network.external, network.external


@pytest.mark.parametrize(
    "query",
    [
        "<img src=x onerror=alert(1)>",
        '"><script>alert(1)</script>',
        "javascript:alert(1)",
        "[[x]] <svg onload=alert(1)>",
    ],
)
def test_search_query_is_never_markup(
    hostile_url: str, open_page: Callable[..., Page], network: Network, query: str
) -> None:
    page = open_page()
    errors = console_errors(page)
    page.goto(f"{hostile_url}?q={quote(query)}", wait_until="networkidle")
    page.wait_for_timeout(1000)  # the search worker answers asynchronously
    assert page.locator(".md-search__input").input_value() == query
    assert page.locator(".md-search-result img, .md-search-result script, .md-search-result svg[onload]").count() == 0
    assert not errors, errors
    assert not network.external, network.external


def test_real_site_search_query_is_never_markup(
    site_url: str, open_page: Callable[..., Page], network: Network
) -> None:
    page = open_page()
    errors = console_errors(page)
    page.goto(f"{site_url}?q={quote('<img src=x onerror=alert(1)>')}", wait_until="networkidle")
    page.wait_for_timeout(1000)
    assert not errors, errors
    assert not network.external, network.external
