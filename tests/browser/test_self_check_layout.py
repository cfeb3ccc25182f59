"""The self-check's layout where it is easy to get wrong: targets a finger can hit on a phone, radar
labels that stay whole and clear of the chart, and a result that prints on few, non-blank pages."""

from __future__ import annotations

import io
from collections.abc import Callable
from typing import Any

import pytest
from playwright.sync_api import Page
from pypdf import PdfReader

from tests.browser.test_self_check import answer, open_quiz, questions, varied_answers

pytestmark = pytest.mark.browser

PHONE = {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True}
MIN_TARGET = 24

BOXES = """sel => [...document.querySelectorAll(sel)]
    .filter(e => e.getClientRects().length)
    .map(e => { const r = e.getBoundingClientRect();
                return {what: (e.textContent || e.value || e.outerHTML).trim().slice(0, 60),
                        x: r.left, y: r.top, w: r.width, h: r.height}; })"""


def boxes(page: Page, selector: str) -> list[dict[str, Any]]:
    found: list[dict[str, Any]] = page.evaluate(BOXES, selector)
    return found


def phone_quiz(open_page: Callable[..., Page], site_url: str) -> tuple[Page, int]:
    page = open_page(**PHONE)
    data = open_quiz(page, site_url)
    answer(page, varied_answers(data))
    return page, len(questions(data))


def test_every_button_and_option_is_a_big_enough_target_on_a_phone(
    open_page: Callable[..., Page], site_url: str
) -> None:
    page, count = phone_quiz(open_page, site_url)
    page.get_by_role("button", name="Reset answers").click()  # the undo notice has buttons too
    targets = boxes(page, ".hbq button, .hbq .md-button, .hbq-option, .hbq-option input")
    assert len(targets) > 2 * count
    small = [t for t in targets if t["w"] < MIN_TARGET or t["h"] < MIN_TARGET]
    assert not small, small


def overlaps(a: dict[str, Any], b: dict[str, Any]) -> bool:
    apart_x = a["x"] + a["w"] <= b["x"] or b["x"] + b["w"] <= a["x"]
    apart_y = a["y"] + a["h"] <= b["y"] or b["y"] + b["h"] <= a["y"]
    return not (apart_x or apart_y)


def distance_from(box: dict[str, Any], x: float, y: float) -> float:
    dx = max(box["x"] - x, 0.0, x - box["x"] - box["w"])
    dy = max(box["y"] - y, 0.0, y - box["y"] - box["h"])
    return float((dx * dx + dy * dy) ** 0.5)


def test_radar_labels_stay_whole_and_clear_of_the_chart_on_a_phone(
    open_page: Callable[..., Page], site_url: str
) -> None:
    page, _ = phone_quiz(open_page, site_url)
    chart = boxes(page, "svg.hbq-radar")[0]
    outer = max(boxes(page, "svg.hbq-radar .hbq-ring"), key=lambda r: r["w"])
    cx, cy, radius = outer["x"] + outer["w"] / 2, outer["y"] + outer["h"] / 2, outer["w"] / 2
    labels = boxes(page, "svg.hbq-radar .hbq-label")
    assert labels
    for label in labels:
        assert label["x"] >= 0 and label["x"] + label["w"] <= 390, label  # nothing cut off by the screen
        assert label["y"] >= chart["y"] - 1 and label["y"] + label["h"] <= chart["y"] + chart["h"] + 1, label
        assert distance_from(label, cx, cy) >= radius * 0.9, label  # outside the chart, not over it
    for i, a in enumerate(labels):
        for b in labels[i + 1 :]:
            assert not overlaps(a, b), (a, b)


def printed_pages(page: Page, paper: str) -> list[str]:
    reader = PdfReader(io.BytesIO(page.pdf(format=paper)))
    return [p.extract_text() or "" for p in reader.pages]


def content_of(text: str) -> str:
    """A printed page's text without the running line that names the handbook and its version."""
    return "\n".join(line for line in text.splitlines() if "rubric version" not in line).strip()


# Measured: three pages on A4 and on Letter. The first holds the introduction and the chart (up to
# 30rem high), the second the table of pillars (kept whole) and the start of the focus, the third the
# rest of the focus and the legend. A fourth page would mean a split row or an empty page.
MAX_PRINTED_PAGES = 3


@pytest.mark.parametrize("paper", ["A4", "Letter"])
def test_the_result_prints_on_few_pages_none_blank(open_page: Callable[..., Page], site_url: str, paper: str) -> None:
    page, _ = phone_quiz(open_page, site_url)
    page.set_viewport_size({"width": 1280, "height": 900})
    texts = printed_pages(page, paper)
    assert len(texts) <= MAX_PRINTED_PAGES, [content_of(t)[:80] for t in texts]
    assert all(content_of(t) for t in texts), [i for i, t in enumerate(texts) if not content_of(t)]
    tables = [t for t in texts if "Level per pillar" in t]
    assert len(tables) == 1
    rows = page.locator(".hbq-table tbody th").all_text_contents()
    assert rows and all(" ".join(row.split()[:1]) in tables[0] for row in rows)
