"""A phone (390×844): the handbook's controls are WCAG 2.2 targets, and the matrix keeps its level column."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from playwright.sync_api import Page

PHONE = {"width": 390, "height": 844}
CONTROLS = "article :is(button.hb-copy, a.hb-video, .headerlink, .hb-permalink)"
PAGES = (
    "pillars/strategy/level-2/",
    "transcripts/importance_of_execution_and_output_in_product_management/",
    "matrix/",
)
MATRIX_TABLE = "article table:has(a[data-provenance])"


@pytest.mark.parametrize("path", PAGES)
def test_every_control_is_at_least_24_px_square(site_url: str, open_page: Callable[..., Page], path: str) -> None:
    page = open_page(viewport=PHONE)
    page.goto(site_url + path)
    page.wait_for_load_state("load")
    boxes = page.eval_on_selector_all(
        CONTROLS,
        """els => els.filter(e => e.getClientRects().length)
          .map(e => { const r = e.getBoundingClientRect(); return [e.className, r.width, r.height]; })""",
    )
    assert boxes
    small = [box for box in boxes if box[1] < 24 or box[2] < 24]
    assert not small, small


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_matrix_level_column_stays_while_the_table_scrolls(
    site_url: str, open_page: Callable[..., Page], scheme: str
) -> None:
    page = open_page(viewport=PHONE, color_scheme=scheme)
    page.goto(site_url + "matrix/")
    table = page.locator(MATRIX_TABLE).last
    scroller = table.evaluate_handle(
        "t => { let e = t; while (e && e.scrollWidth <= e.clientWidth) e = e.parentElement; return e; }"
    )
    assert scroller.evaluate("e => e && e.scrollWidth > e.clientWidth"), "the matrix should scroll sideways at 390 px"
    first = table.locator("tbody tr td").first
    scroller.evaluate("e => { e.scrollLeft = 40; }")
    stuck = first.bounding_box()
    scroller.evaluate("e => { e.scrollLeft = e.scrollWidth; }")
    assert scroller.evaluate("e => e.scrollLeft") > 40
    after = first.bounding_box()
    # Stuck to the scroll area's left edge (the page's padding scrolls away first), then it stays put.
    assert stuck and after and after["x"] == pytest.approx(stuck["x"], abs=1) and after["x"] >= 0
    background = first.evaluate("c => getComputedStyle(c).backgroundColor")
    assert background.startswith("rgb(") or background.endswith(", 1)"), background
