"""Every statement of the framework says where it comes from: "From the talk" (cited) or "Handbook's own".

On each surface where a W, pillar, level summary, criterion or principle appears, the element holding it carries
``data-provenance`` and shows a marker a reader can see (and a screen reader reads), agreeing with the rubric:
a statement with citations is the talk's, one without is the handbook's. Each page explains the markers.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import Page

from generator.loading import load_rubric
from generator.model import Rubric, provenance_of
from tests.conftest import REPO

pytestmark = pytest.mark.browser

LABELS = {"source": "From the talk", "handbook": "Handbook's own"}


@pytest.fixture(scope="module")
def rubric() -> Rubric:
    loaded, problems = load_rubric(REPO / "rubric.yaml")
    assert loaded is not None, [p.format() for p in problems]
    return loaded


def marked(page: Page) -> list[tuple[str, str, str]]:
    """(data-provenance, the marker's class, the marker's readable text) of every marked statement."""
    found: list[tuple[str, str, str]] = page.evaluate(
        """() => Array.from(document.querySelectorAll('article [data-provenance]')).map(el => {
            const host = el.tagName === 'A' ? el.parentElement : el;
            const marker = host.querySelector('.hb-prov');
            return [el.dataset.provenance, marker ? marker.className : '',
                    marker ? marker.textContent.trim() : ''];
        })"""
    )
    return found


def assert_marked(page: Page, provenances: list[str]) -> None:
    found = marked(page)
    assert [p for p, _, _ in found] == provenances
    for provenance, marker_class, text in found:
        assert f"hb-prov--{provenance}" in marker_class
        # The full label; in the matrix a short visible one, with the full label for screen readers.
        assert LABELS[provenance] in text
    legend = page.locator(".hb-prov-legend")
    assert legend.count() == 1 and legend.is_visible()
    assert legend.locator(".hb-prov--source").count() == 1 and legend.locator(".hb-prov--handbook").count() == 1


def test_a_pillar_level_page_marks_its_summary_and_every_criterion(site_url: str, page: Page, rubric: Rubric) -> None:
    pillar = rubric.pillars[1]
    level = pillar.levels[-1]
    page.goto(f"{site_url}pillars/{pillar.id}/level-{level.n}/")
    expected = [provenance_of(level.cites), *(provenance_of(c.cites) for c in level.criteria)]
    assert_marked(page, expected)
    for criterion in level.criteria:
        element = page.locator(f"[id='{criterion.id}']")
        assert element.get_attribute("data-provenance") == provenance_of(criterion.cites)
        assert element.locator(".hb-prov").is_visible()


def test_a_pillar_page_marks_the_pillar_every_level_and_every_criterion(
    site_url: str, page: Page, rubric: Rubric
) -> None:
    pillar = rubric.pillars[0]
    page.goto(f"{site_url}pillars/{pillar.id}/")
    expected = [provenance_of(pillar.cites)]
    for level in pillar.levels:
        expected += [provenance_of(level.cites), *(provenance_of(c.cites) for c in level.criteria)]
    assert_marked(page, expected)


def test_a_level_page_marks_every_pillar_summary_and_criterion(site_url: str, page: Page, rubric: Rubric) -> None:
    n = rubric.levels[0].n
    page.goto(f"{site_url}levels/{n}/")
    expected: list[str] = []
    for pillar in rubric.pillars:
        level = pillar.level(n)
        if level is not None:
            expected += [provenance_of(level.cites), *(provenance_of(c.cites) for c in level.criteria)]
    assert_marked(page, expected)


def test_the_matrix_marks_every_cell_with_a_short_visible_label_and_the_full_one_for_screen_readers(
    site_url: str, page: Page, rubric: Rubric
) -> None:
    page.goto(f"{site_url}matrix/")
    expected = [
        provenance_of(level.cites)
        for w in rubric.ws
        for lv in rubric.levels
        for pillar in rubric.pillars_of(w.id)
        if (level := pillar.level(lv.n)) is not None
    ]
    assert_marked(page, expected)
    first = page.locator("td .hb-prov").first
    assert first.is_visible()
    assert first.locator("[aria-hidden='true']").inner_text() in ("talk", "own")
    assert first.locator(".hb-sr").text_content() in LABELS.values()


def test_the_principles_and_w_pages_mark_what_they_show(site_url: str, page: Page, rubric: Rubric) -> None:
    page.goto(f"{site_url}principles/")
    assert_marked(page, [provenance_of(p.cites) for p in rubric.principles])
    w = rubric.ws[0]
    page.goto(f"{site_url}ws/{w.id}/")
    expected = [provenance_of(w.cites)]
    for pillar in rubric.pillars_of(w.id):
        expected.append(provenance_of(pillar.cites))
        ends = (rubric.levels[0].n, rubric.levels[-1].n)
        expected += [provenance_of(lv.cites) for n in ends if (lv := pillar.level(n)) is not None]
    expected += [provenance_of(p.cites) for p in rubric.principles if p.w == w.id]
    assert_marked(page, expected)


def test_framework_json_says_where_each_statement_comes_from(site_url: str, page: Page, rubric: Rubric) -> None:
    data = page.request.get(f"{site_url}framework.json").json()
    assert [w["provenance"] for w in data["ws"]] == [provenance_of(w.cites) for w in rubric.ws]
    criteria = [c["provenance"] for p in data["pillars"] for lv in p["levels"] for c in lv["criteria"]]
    assert criteria == [provenance_of(c.cites) for p in rubric.pillars for lv in p.levels for c in lv.criteria]
