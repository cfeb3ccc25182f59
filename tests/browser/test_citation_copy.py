"""Pillar-level pages copy a citation of the level, or of one criterion, with the rubric version."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from playwright.sync_api import Page

from generator.loading import load_rubric
from tests.conftest import REPO

pytestmark = pytest.mark.browser


def _version() -> str:
    rubric, _ = load_rubric(REPO / "rubric.yaml")
    assert rubric is not None
    return rubric.version


def test_copy_a_level_and_a_criterion(site_url: str, open_page: Callable[..., Page]) -> None:
    page = open_page(permissions=["clipboard-read", "clipboard-write"])
    url = f"{site_url}pillars/data/level-3/"
    page.goto(url)
    page.get_by_role("button", name="Copy a citation of this level").click()
    status = page.get_by_role("status").first
    status.filter(has_text="Copied").wait_for()
    copied = page.evaluate("navigator.clipboard.readText()")
    assert copied.startswith("[Data & metrics, level 3")
    assert f"]({url}) (" in copied
    assert copied.endswith(f"rubric version {_version()})")
    first = page.locator(".hb-criterion[id]").first
    criterion_id = first.get_attribute("id")
    first.get_by_role("button").click()
    page.wait_for_function("document.querySelector('.hb-copy-status').textContent.includes('#')")
    copied = page.evaluate("navigator.clipboard.readText()")
    assert f"]({url}#{criterion_id}) (" in copied


def test_buttons_mount_once_under_instant_navigation(site_url: str, page: Page) -> None:
    page.goto(f"{site_url}pillars/data/level-3/")
    for _ in range(3):
        page.locator(".md-content a[href$='level-4/']").first.click()
        page.wait_for_url("**/level-4/")
        page.go_back()
        page.wait_for_url("**/level-3/")
    page.wait_for_selector(".hb-cite-level .hb-copy")
    assert page.locator(".hb-cite-level .hb-copy").count() == 1
    criteria = page.locator(".hb-criterion[id]").count()
    assert page.locator(".hb-criterion .hb-copy").count() == criteria
