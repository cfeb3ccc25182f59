"""axe-core scans of one page of each kind: no serious or critical accessibility violation.

axe-core comes inside the ``axe-playwright-python`` wheel and is injected into the page, so the
scan needs nothing from the network. Moderate and minor findings are printed, not failed.
"""

from __future__ import annotations

import warnings
from typing import Any
from urllib.parse import urljoin

import pytest
from playwright.sync_api import Page

axe_playwright = pytest.importorskip(
    "axe_playwright_python.sync_playwright", reason="axe-playwright-python is not installed (pip install -e '.[test]')"
)

pytestmark = pytest.mark.browser

FAILING_IMPACTS = {"serious", "critical"}

# (rule id, axe target selector) pairs left out of the verdict, each with the reason. Only
# elements of the Material theme itself, never our content: anything else must be fixed.
KNOWN_THEME_FINDINGS: dict[tuple[str, str], str] = {
    ("aria-dialog-name", ".md-search"): (
        "Material's search overlay (partials/search.html) is a role=dialog <div> without an"
        " accessible name; fixable only by overriding the theme's search partial"
    ),
}

# Findings in our pages whose fix is known but not yet made: reported as warnings on every run
# instead of failing it. Delete an entry once its fix is in.
PENDING_FIXES: dict[str, str] = {}

PAGES = {
    "home": "",
    "w": "ws/produce/",
    "pillar": "pillars/data/",
    "pillar-level": "pillars/data/level-3/",
    "level": "levels/3/",
    "matrix": "matrix/",
    "principles": "principles/",
    "self-check": "self-check/",
    "transcript": "transcripts/importance_of_execution_and_output_in_product_management/",
    "about": "about/",
}

Violation = dict[str, Any]


def scan(page: Page) -> list[Violation]:
    """axe-core's violations on the page as it is now, each node's impact kept."""
    results = axe_playwright.Axe().run(page)
    violations: list[Violation] = results.response["violations"]
    return violations


def describe(violation: Violation, nodes: list[dict[str, Any]]) -> str:
    lines = [f"{violation['id']} ({violation['impact']}): {violation['help']} — {violation['helpUrl']}"]
    for node in nodes[:10]:
        lines.append(f"    {', '.join(map(str, node['target']))}: {node['html'][:200]}")
        lines += [
            f"      {item['message']}" for item in node.get("any", []) + node.get("all", []) + node.get("none", [])
        ]
    if len(nodes) > 10:
        lines.append(f"    … and {len(nodes) - 10} more")
    return "\n".join(lines)


def check(page: Page, label: str) -> None:
    """Fails on serious or critical violations (less known theme findings and pending fixes);
    prints the rest."""
    failing, reported = [], []
    for violation in scan(page):
        if violation["id"] in PENDING_FIXES:
            warnings.warn(
                f"{label}: {len(violation['nodes'])} × {violation['id']} ({violation['impact']}),"
                f" fix pending: {PENDING_FIXES[violation['id']]}",
                stacklevel=2,
            )
            reported.append(describe(violation, violation["nodes"]))
            continue
        nodes = [
            node
            for node in violation["nodes"]
            if (violation["id"], ", ".join(map(str, node["target"]))) not in KNOWN_THEME_FINDINGS
        ]
        if not nodes:
            continue
        impact = violation["impact"] or max((n.get("impact") or "" for n in nodes), default="")
        (failing if impact in FAILING_IMPACTS else reported).append(describe(violation, nodes))
    if reported:
        print(f"\n{label}: {len(reported)} findings not failed\n" + "\n".join(reported))
    assert not failing, f"{label} ({page.url}): serious or critical violations\n" + "\n\n".join(failing)


def open_and_settle(page: Page, url: str) -> None:
    page.goto(url)
    page.wait_for_load_state("load")
    page.locator("article.md-content__inner").first.wait_for()


@pytest.mark.parametrize("path", PAGES.values(), ids=PAGES.keys())
def test_page_has_no_serious_violations(site_url: str, page: Page, path: str) -> None:
    open_and_settle(page, urljoin(site_url, path))
    if path == "self-check/":
        page.wait_for_selector('[data-handbook-component="self-check"][data-handbook-mounted] .hbq')
    check(page, path or "home")


def test_a_topic_page_has_no_serious_violations(site_url: str, page: Page) -> None:
    open_and_settle(page, urljoin(site_url, "topics/"))
    first = page.locator("article.md-content__inner a[href]:not(.headerlink)").first
    href = first.get_attribute("href")
    assert href, "the topics index links to a topic"
    open_and_settle(page, urljoin(page.url, href))
    assert "/topics/" in page.url and not page.url.endswith("/topics/"), page.url
    check(page, f"topic {page.url}")


def test_the_answered_self_check_has_no_serious_violations(site_url: str, page: Page) -> None:
    open_and_settle(page, urljoin(site_url, "self-check/"))
    page.wait_for_selector('[data-handbook-component="self-check"][data-handbook-mounted] .hbq')
    fieldsets = page.locator('[data-handbook-component="self-check"] fieldset')
    assert fieldsets.count() > 0
    for i in range(fieldsets.count()):
        fieldsets.nth(i).locator('input[type="radio"]').first.check()
    check(page, "self-check (answered)")


@pytest.mark.parametrize(
    "path",
    ["pillars/data/level-3/", "self-check/", "transcripts/importance_of_execution_and_output_in_product_management/"],
)
def test_dark_scheme_has_no_serious_violations(site_url: str, open_page: Any, path: str) -> None:
    page = open_page(color_scheme="dark")
    open_and_settle(page, urljoin(site_url, path))
    assert page.evaluate("document.body.getAttribute('data-md-color-scheme')") == "slate"
    if path == "self-check/":
        page.wait_for_selector('[data-handbook-component="self-check"][data-handbook-mounted] .hbq')
    check(page, f"{path} (dark)")
