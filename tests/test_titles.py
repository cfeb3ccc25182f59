"""Titles from the rubric and the notes reach the nav, <title> and search escaped: themes print them raw."""

from __future__ import annotations

import json
from pathlib import Path

from tests.conftest import MINI_NOTE, MINI_RUBRIC, write_project
from tests.test_site_build import mkdocs_build

MARKUP = "<img src=x onerror=alert(1)>"


def test_markup_in_titles_never_reaches_html_as_markup(tmp_path: Path) -> None:
    rubric = (
        MINI_RUBRIC.replace('title: "Craft"', f'title: "Craft {MARKUP}"')
        .replace('title: "What you make"', f'title: "Make {MARKUP}"')
        .replace('name: "Start"', f'name: "Start {MARKUP}"')
    )
    note = MINI_NOTE.replace("title: Mini note", f'title: "Mini {MARKUP}"').replace(
        "[[Some Topic]]", "[[Topic <b onmouseover=alert(1)>x</b>]]"
    )
    root = write_project(tmp_path / "project", rubric=rubric, notes={"mini.md": note})
    out = tmp_path / "site"
    result = mkdocs_build(root, out)
    assert result.returncode == 0, result.stderr
    pages = sorted(out.rglob("*.html"))
    assert len(pages) > 10
    for page in pages:
        html = page.read_text(encoding="utf-8")
        assert "<img src=x" not in html, page
        assert "<b onmouseover" not in html, page
    nav_page = (out / "pillars" / "craft" / "index.html").read_text(encoding="utf-8")
    assert "Craft &lt;img src=x onerror=alert(1)&gt;" in nav_page
    index = json.loads((out / "search" / "search_index.json").read_text(encoding="utf-8"))
    assert all("<img" not in doc["title"] for doc in index["docs"])
