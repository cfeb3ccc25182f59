"""Pillar-level pages copy a citation of the level, or of one criterion, with the rubric version.

The copied link is the page's permanent address, ``site_url`` + the page's path, whatever the address
bar shows. The expectation follows mkdocs.yml's own rule for ``site_url`` (``HANDBOOK_SITE_URL``, else
the local default) at test time; a site given by ``HANDBOOK_BROWSER_SITE`` must have been built with
the same environment.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from mkdocs.utils.yaml import yaml_load
from playwright.sync_api import Page, expect

from generator.loading import load_rubric
from tests.conftest import MINI_MKDOCS, REPO, write_project

pytestmark = pytest.mark.browser

PAGE = "pillars/data/level-3/"


def _version() -> str:
    rubric, _ = load_rubric(REPO / "rubric.yaml")
    assert rubric is not None
    return rubric.version


def _settings() -> dict[str, Any]:
    with (REPO / "mkdocs.yml").open(encoding="utf-8") as config:
        settings: dict[str, Any] = yaml_load(config)
    return settings


def _versioned() -> bool:
    """Whether the handbook publishes versions side by side (mike), as its mkdocs.yml says."""
    return bool((_settings().get("extra") or {}).get("version", {}).get("provider") == "mike")


def _permalink(path: str) -> str:
    """The published address of ``path`` by mkdocs.yml's rule for site_url (its !ENV default included), in
    this version's folder when the site publishes versions side by side."""
    site_url = str(_settings()["site_url"])
    root = site_url if site_url.endswith("/") else f"{site_url}/"
    return root + (f"{_version()}/" if _versioned() else "") + path


def _level_button() -> str:
    """The name of the button that copies this level's permanent link."""
    if _versioned():
        return f"Copy link to this version (rubric version {_version()})"
    return "Copy a citation of this level"


@pytest.mark.parametrize("opened_as", ["", "index.html", "?h=metrics", "index.html?h=metrics#data-defines-north-star"])
def test_copy_a_level_and_a_criterion(site_url: str, open_page: Callable[..., Page], opened_as: str) -> None:
    page = open_page(permissions=["clipboard-read", "clipboard-write"])
    link = _permalink(PAGE)
    page.goto(f"{site_url}{PAGE}{opened_as}")
    page.get_by_role("button", name=_level_button(), exact=True).click()
    status = page.get_by_role("status").filter(has_text="Copied")
    expect(status).to_contain_text(f"]({link}) (")
    copied = page.evaluate("navigator.clipboard.readText()")
    assert copied.startswith("[Data & metrics, level 3")
    assert f"]({link}) (" in copied
    assert copied.endswith(f"rubric version {_version()})")
    first = page.locator(".hb-criterion[id]").first
    criterion_id = first.get_attribute("id")
    first.locator("button.hb-copy:not(.hb-copy--latest)").click()
    expect(status).to_contain_text(f"]({link}#{criterion_id}) (")
    copied = page.evaluate("navigator.clipboard.readText()")
    assert f"]({link}#{criterion_id}) (" in copied
    assert copied.endswith(f"rubric version {_version()})")


def test_without_site_url_nothing_is_copied(
    serve_project: Callable[[Path], str], tmp_path_factory: pytest.TempPathFactory, open_page: Callable[..., Page]
) -> None:
    """The mini project has no site_url: there is no permanent link, and the button says so."""
    url = serve_project(write_project(tmp_path_factory.mktemp("no-site-url")))
    page = open_page(permissions=["clipboard-read", "clipboard-write"])
    page.goto(f"{url}pillars/craft/level-1/")
    page.evaluate("navigator.clipboard.writeText('untouched')")
    refusal = page.get_by_role("status").filter(has_text="no permanent link")
    page.get_by_role("button", name="Copy a citation of this level").click()
    expect(refusal).to_have_count(1)
    refusal.evaluate("status => { status.textContent = ''; }")
    page.locator(".hb-criterion[id]").first.get_by_role("button").click()
    expect(refusal).to_have_count(1)
    assert page.evaluate("navigator.clipboard.readText()") == "untouched"


def test_buttons_mount_once_under_instant_navigation(site_url: str, page: Page) -> None:
    page.goto(f"{site_url}{PAGE}")
    for _ in range(3):
        page.locator(".md-content a[href$='level-4/']").first.click()
        page.wait_for_url("**/level-4/")
        page.go_back()
        page.wait_for_url("**/level-3/")
    page.wait_for_selector(".hb-cite-level .hb-copy")
    per_citation = 2 if page.locator(".hb-version[data-handbook-latest]").count() else 1  # this version, latest
    assert page.locator(".hb-cite-level .hb-copy").count() == per_citation
    criteria = page.locator(".hb-criterion[id]").count()
    assert page.locator(".hb-criterion .hb-copy").count() == criteria * per_citation


MINI_SITE_URL = "https://h.example/growth/"
MINI_LEVEL = "pillars/craft/level-1/"


@pytest.fixture
def open_mini_level(
    serve_project: Callable[[Path], str], tmp_path_factory: pytest.TempPathFactory, open_page: Callable[..., Page]
) -> Callable[[str, str], Page]:
    """Builds the mini project with site_url and ``extra`` (YAML lines), serves it, and opens its level page
    as ``opened_as`` (a suffix: ``index.html``, a search query) with the clipboard allowed."""

    def open_level(extra: str, opened_as: str) -> Page:
        mkdocs = f"{MINI_MKDOCS}site_url: {MINI_SITE_URL}\n{extra}"
        url = serve_project(write_project(tmp_path_factory.mktemp("mini-level"), mkdocs=mkdocs))
        page = open_page(permissions=["clipboard-read", "clipboard-write"])
        page.goto(f"{url}{MINI_LEVEL}{opened_as}")
        return page

    return open_level


def test_an_unversioned_site_keeps_one_button_with_the_canonical_link(
    open_mini_level: Callable[[str, str], Page],
) -> None:
    """Without ``extra.version`` the level has its single button and the link is site_url + the page's path."""
    page = open_mini_level("", "index.html?h=ship")
    assert page.locator(".hb-cite-level .hb-copy").count() == 1
    expect(page.locator(".hb-copy--latest")).to_have_count(0)
    page.get_by_role("button", name="Copy a citation of this level").click()
    status = page.get_by_role("status").filter(has_text="Copied")
    expect(status).to_contain_text(f"]({MINI_SITE_URL}{MINI_LEVEL}) (")
    assert page.evaluate("navigator.clipboard.readText()").endswith("(Mini handbook, rubric version 1.0)")


def test_a_versioned_site_offers_this_versions_link_and_the_latest_one(
    open_mini_level: Callable[[str, str], Page],
) -> None:
    """With versions published side by side (mike), a citation can pin this version or follow the latest."""
    page = open_mini_level("extra:\n  version:\n    provider: mike\n", "?h=ship")
    this_version, latest = f"{MINI_SITE_URL}1.0/{MINI_LEVEL}", f"{MINI_SITE_URL}latest/{MINI_LEVEL}"
    status = page.get_by_role("status").filter(has_text="Copied")
    page.get_by_role("button", name="Copy link to this version (rubric version 1.0)").click()
    expect(status).to_contain_text(f"]({this_version}) (")
    assert page.evaluate("navigator.clipboard.readText()").endswith("(Mini handbook, rubric version 1.0)")
    page.get_by_role("button", name="Copy link to latest (follows future versions)").click()
    expect(status).to_contain_text(f"]({latest}) (")
    copied = page.evaluate("navigator.clipboard.readText()")
    assert copied.endswith("(Mini handbook, latest version, quoted from rubric version 1.0)")
    first = page.locator(".hb-criterion[id]").first
    anchor = first.get_attribute("id")
    first.get_by_role("button", name="Copy link to this version of criterion 1 (rubric version 1.0)").click()
    expect(status).to_contain_text(f"]({this_version}#{anchor}) (")
    first.get_by_role("button", name="Copy link to latest of criterion 1 (follows future versions)").click()
    expect(status).to_contain_text(f"]({latest}#{anchor}) (")
