"""The exported tree, built without the plugin by MkDocs and by Zensical, works in a browser.

Both builds come from ``tests/test_export_builds.py``'s project (built there by processes that cannot
import the generator): on each, the self-check scores a complete set of answers, a pillar-level page
copies citations with the page's permanent address, and instant navigation mounts the buttons once
(the handbook's scripts subscribe to the theme's ``document$``, which Zensical's bundle provides too).
No page makes a request off the local server.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.browser.conftest import Network, serve
from tests.test_export_builds import BUILDERS, LEVEL_CRITERIA, SITE_URL, build_mini

pytestmark = pytest.mark.browser

SELF_CHECK = '[data-handbook-component="self-check"]'
LEVEL_PAGE = "pillars/craft/level-1/"


@pytest.fixture(scope="module")
def export_sites(browser: Browser, tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, str]]:
    """builder → base URL of its build of the exported tree, served on 127.0.0.1."""
    builds = build_mini(tmp_path_factory.mktemp("export-site"))
    with serve(builds.mkdocs) as mkdocs_url:
        if builds.zensical is None:
            yield {"mkdocs": mkdocs_url}
            return
        with serve(builds.zensical) as zensical_url:
            yield {"mkdocs": mkdocs_url, "zensical": zensical_url}


@pytest.fixture
def site(export_sites: dict[str, str], builder: str) -> str:
    return export_sites[builder]


def quiz_questions(page: Page) -> list[dict[str, Any]]:
    text = page.locator(f"{SELF_CHECK} script").first.text_content()
    assert text
    data = json.loads(text)[0]
    return [q for w in data["ws"] for p in w["pillars"] for q in p["questions"]]


@pytest.mark.parametrize("builder", BUILDERS)
def test_the_self_check_scores_every_answer(site: str, open_page: Callable[..., Page], network: Network) -> None:
    page = open_page()
    page.goto(f"{site}self-check/")
    page.wait_for_selector(f"{SELF_CHECK}[data-handbook-mounted] .hbq")
    questions = quiz_questions(page)
    assert questions
    for question in questions:
        top = max(option["level"] for option in question["options"])
        page.locator(f'input[data-question="{question["id"]}"][value="{top}"]').first.check()
    total = len(questions)
    expect(page.locator(".hbq-progress")).to_contain_text(f"{total} of {total} questions answered")
    rows = page.eval_on_selector_all(
        ".hbq-table tbody tr", "rows => rows.map(r => [...r.cells].map(c => c.textContent.trim()))"
    )
    top_level = max(LEVEL_CRITERIA)
    assert [(row[0], row[1].split(" ")[0]) for row in rows] == [("Craft & care", str(top_level))]
    expect(page.locator("svg.hbq-radar")).to_have_count(1)
    assert network.external == []


@pytest.mark.parametrize("builder", BUILDERS)
def test_a_pillar_level_page_copies_citations(site: str, open_page: Callable[..., Page], network: Network) -> None:
    page = open_page(permissions=["clipboard-read", "clipboard-write"])
    page.goto(f"{site}{LEVEL_PAGE}")
    level_button = page.get_by_role("button", name="Copy a citation of this level")
    expect(level_button).to_have_count(1)
    criteria = page.locator(".hb-criterion[id]")
    expect(criteria).to_have_count(len(LEVEL_CRITERIA[1]))
    expect(page.locator(".hb-criterion .hb-copy")).to_have_count(len(LEVEL_CRITERIA[1]))

    link = f"{SITE_URL}{LEVEL_PAGE}"
    status = page.get_by_role("status").filter(has_text="Copied")
    level_button.click()
    expect(status).to_contain_text(f"]({link}) (")
    copied = page.evaluate("navigator.clipboard.readText()")
    assert copied == f"[Craft & care, level 1: Grown]({link}) (Mini handbook, rubric version 1.0)"

    criterion = page.locator(".hb-criterion#ships-big")
    criterion.get_by_role("button").click()
    expect(status).to_contain_text(f"]({link}#ships-big) (")
    copied = page.evaluate("navigator.clipboard.readText()")
    assert copied.startswith("[Craft & care, level 1: Grown: Ships a big thing.](")
    assert copied.endswith(f"]({link}#ships-big) (Mini handbook, rubric version 1.0)")
    assert network.external == []


@pytest.mark.parametrize("builder", BUILDERS)
def test_instant_navigation_mounts_the_buttons_once(site: str, page: Page, network: Network) -> None:
    page.goto(f"{site}pillars/craft/level-0/")
    page.wait_for_selector(".hb-cite-level .hb-copy")
    page.evaluate("window.hbSamePage = true")
    for _ in range(2):
        page.locator(".md-content a[href$='level-1/']").first.click()
        page.wait_for_url("**/level-1/")
        page.wait_for_selector(".hb-criterion#ships-big .hb-copy")
        page.go_back()
        page.wait_for_url("**/level-0/")
        page.wait_for_selector(".hb-criterion#ships-small .hb-copy")
    # Still the first document: the theme swapped the content in, and document$ told the scripts.
    assert page.evaluate("window.hbSamePage === true"), "the links were full page loads, not instant navigation"
    assert page.locator(".hb-cite-level .hb-copy").count() == 1
    assert page.locator(".hb-criterion .hb-copy").count() == len(LEVEL_CRITERIA[0])
    assert network.external == []
