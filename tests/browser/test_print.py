"""Paper: the handbook's pages printed to A4 and Letter PDFs (print media, chromium), read back with pypdf."""

from __future__ import annotations

import io
import re
from collections.abc import Callable

import pytest
from playwright.sync_api import Page
from pypdf import PdfReader

PAGES = ("pillars/strategy/", "pillars/strategy/level-2/", "levels/2/", "matrix/")
FORMATS = ("A4", "Letter")
CITED_LEVEL = "pillars/strategy/level-2/"


def words(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def printed_pages(page: Page, url: str, paper: str) -> list[str]:
    """The text of each printed page of ``url`` on ``paper``."""
    page.goto(url)
    page.emulate_media(media="print")
    reader = PdfReader(io.BytesIO(page.pdf(format=paper)))
    return [words(sheet.extract_text() or "") for sheet in reader.pages]


@pytest.mark.parametrize("paper", FORMATS)
@pytest.mark.parametrize("path", PAGES)
def test_no_printed_page_is_blank_and_no_chrome_is_printed(site_url: str, page: Page, path: str, paper: str) -> None:
    sheets = printed_pages(page, site_url + path, paper)
    assert all(sheets), [len(s) for s in sheets]
    text = " ".join(sheets)
    assert "▶" not in text and "Copy link" not in text and "Skip to content" not in text


@pytest.mark.parametrize("paper", FORMATS)
def test_a_pillar_level_prints_on_one_page(site_url: str, page: Page, paper: str) -> None:
    """A level holds a summary, three criteria and five links: about 1,200 characters, half a page.

    Before print.css a collapsed top margin pushed the body 30 px past the first page: a blank second page.
    """
    assert len(printed_pages(page, site_url + CITED_LEVEL, paper)) == 1


@pytest.mark.parametrize("paper", FORMATS)
def test_citations_print_the_note_title_and_time(site_url: str, page: Page, paper: str) -> None:
    page.goto(site_url + CITED_LEVEL)
    titles = page.eval_on_selector_all("a.hb-cite", "links => links.map(a => a.title)")
    assert titles
    text = " ".join(printed_pages(page, site_url + CITED_LEVEL, paper))
    for title in titles:
        assert words(title) in text, title


@pytest.mark.parametrize("paper", FORMATS)
def test_every_matrix_row_prints_whole_on_one_page(site_url: str, open_page: Callable[..., Page], paper: str) -> None:
    page = open_page()
    page.goto(site_url + "matrix/")
    page.emulate_media(media="print")
    rows = page.eval_on_selector_all(
        "article table tbody tr",
        # The screen-reader words (.hb-sr) are clipped to 1 px and not printed.
        """rows => rows.map(r => [...r.cells].map(c => {
          const copy = c.cloneNode(true); copy.querySelectorAll('.hb-sr').forEach(s => s.remove());
          return copy.textContent; }))""",
    )
    assert rows
    sheets = [set(sheet.split()) for sheet in printed_pages(page, site_url + "matrix/", paper)]
    assert len(sheets) > 1
    for cells in rows:
        row_words = set(words(" ".join(cells)).split())
        assert any(row_words <= sheet for sheet in sheets), cells
