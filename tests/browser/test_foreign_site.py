"""The wheel is the product: a site that only lists the plugin gets the whole handbook.

A differently shaped site (its own folder, mkdocs.yml, rubric with levels 1-4, notes; no theme
directory, Markdown extensions or assets of its own) is built with ``mkdocs build --strict`` by a
fresh venv that has only this project's wheel and its dependencies, then checked as HTML and in
chromium. The wheel and venv are made once per session.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from html.parser import HTMLParser
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from tests import foreign_site
from tests.browser.conftest import Network
from tests.browser.test_self_check import open_quiz, pillars, questions
from tests.conftest import REPO
from tests.quiz_driver import answer_and_read_levels

EXPECTED = foreign_site.expected()
STAMP = re.compile(
    r'<p class="hb-version"[^>]*><span class="hb-version-title">(?P<title>[^<]*)</span>, rubric version '
    r'<span class="hb-version-number">(?P<version>[^<]*)</span></p>'
)
# What a page shows when the Markdown extensions it was written for are missing.
EXTENSION_SYNTAX = ("{: #", "{: data-", "{#level-", "!!! ")


class _Scan(HTMLParser):
    """Element ids, text outside scripts and styles, and elements that kept a ``markdown`` attribute."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.ids: set[str] = set()
        self.text: list[str] = []
        self.markdown_attributes: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if values.get("id"):
            self.ids.add(str(values["id"]))
        if "markdown" in values:
            self.markdown_attributes.append(self.get_starttag_text() or tag)
        if tag in ("script", "style"):
            self._skip += 1

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style") and self._skip:
            self._skip -= 1

    def handle_data(self, data: str) -> None:
        if not self._skip:
            self.text.append(data)


def scan(path: Path) -> _Scan:
    parser = _Scan()
    parser.feed(path.read_text(encoding="utf-8"))
    parser.close()
    return parser


def html_pages(site: Path) -> dict[str, Path]:
    """Every page of the site by its directory URL path ('' for the home page); 404.html is the theme's."""
    pages: dict[str, Path] = {}
    for page in sorted(site.rglob("index.html")):
        folder = page.parent.relative_to(site).as_posix()
        pages["" if folder == "." else f"{folder}/"] = page
    return pages


def contract_anchors() -> dict[str, set[str]]:
    """URL path -> the anchors DESIGN.md promises on it, for this rubric and these notes."""
    wanted: dict[str, set[str]] = {"principles/": set(EXPECTED.principles)}
    for pillar in EXPECTED.pillars:
        wanted[f"pillars/{pillar}/"] = {f"level-{n}" for n in EXPECTED.levels}
        for n in EXPECTED.levels:
            wanted[f"pillars/{pillar}/level-{n}/"] = set(EXPECTED.criteria[pillar, n])
    for n in EXPECTED.levels:
        wanted[f"levels/{n}/"] = set(EXPECTED.pillars)
    for slug, times in EXPECTED.note_times.items():
        wanted[f"transcripts/{slug}/"] = times | EXPECTED.cited.get(slug, set())
    return wanted


def test_the_plugin_is_imported_from_the_venv_not_the_checkout(foreign: foreign_site.ForeignBuild) -> None:
    module, site_packages = foreign_site.plugin_location(foreign.venv, foreign.root)
    assert module.is_relative_to(site_packages), (module, site_packages)
    assert not module.is_relative_to(REPO.resolve()), module
    assert site_packages.is_relative_to(foreign.venv.resolve()), site_packages


def test_the_site_has_every_page_and_levels_start_at_one(foreign: foreign_site.ForeignBuild) -> None:
    pages = html_pages(foreign.site)
    missing = [path for path in contract_anchors() if path not in pages]
    assert missing == []
    for other in ("", "team/using-it/", "self-check/", "matrix/", *(f"ws/{w}/" for w in ("ship", "learn"))):
        assert other in pages, other
    assert not [p for p in pages if "level-0" in p or p == "levels/0/"]


def test_the_package_assets_are_emitted_and_linked(foreign: foreign_site.ForeignBuild) -> None:
    for name in ("handbook.css", "quiz.css", "quiz.js", "cite.js"):
        emitted = foreign.site / "assets" / "handbook" / name
        assert emitted.read_bytes() == (REPO / "generator" / "assets" / name).read_bytes(), name
    for path, page in html_pages(foreign.site).items():
        html = page.read_text(encoding="utf-8")
        for name in ("handbook.css", "quiz.css", "quiz.js", "cite.js"):
            assert re.search(rf'(href|src)="[./]*assets/handbook/{re.escape(name)}"', html), (path, name)


def test_every_contract_anchor_exists(foreign: foreign_site.ForeignBuild) -> None:
    pages = html_pages(foreign.site)
    missing = {
        path: sorted(anchors - scan(pages[path]).ids)
        for path, anchors in contract_anchors().items()
        if path in pages and anchors - scan(pages[path]).ids
    }
    assert missing == {}


def test_no_page_shows_markdown_extension_syntax(foreign: foreign_site.ForeignBuild) -> None:
    shown: dict[str, list[str]] = {}
    for path, page in html_pages(foreign.site).items():
        scanned = scan(page)
        text = "".join(scanned.text)
        found = [syntax for syntax in EXTENSION_SYNTAX if syntax in text] + scanned.markdown_attributes
        if found:
            shown[path] = found
    assert shown == {}


def test_every_page_ends_with_the_version_stamp(foreign: foreign_site.ForeignBuild) -> None:
    wrong: dict[str, str] = {}
    for path, page in html_pages(foreign.site).items():
        html = page.read_text(encoding="utf-8")
        stamps = list(STAMP.finditer(html))
        if [(m["title"], m["version"]) for m in stamps] != [(EXPECTED.title, EXPECTED.version)]:
            wrong[path] = f"stamps: {[m.group(0) for m in stamps]}"
            continue
        # The stamp closes the page's content: only closing tags may follow it inside the article.
        article = html[stamps[0].end() : html.find("</article>", stamps[0].end())]
        if "<article" not in html[: stamps[0].start()] or re.sub(r"\s|</[a-z]+>", "", article):
            wrong[path] = f"followed by: {article[:200]!r}"
    assert wrong == {}


def test_the_quiz_gives_a_level_for_every_pillar(
    foreign_url: str, open_page: Callable[..., Page], network: Network
) -> None:
    page = open_page()
    data = open_quiz(page, foreign_url)
    assert {p["id"]: p["title"] for p in pillars(data)} == EXPECTED.pillars
    assert [q["id"] for q in questions(data)] == list(EXPECTED.questions)
    answers = {q["id"]: q["options"][i % len(q["options"])]["level"] for i, q in enumerate(questions(data))}
    levels = answer_and_read_levels(page, data, answers)
    assert all(level in EXPECTED.levels for level in levels.values()), levels
    assert network.external == []


@pytest.mark.parametrize("opened_as", ["", "index.html", "?h=funnel"])
def test_copied_citations_hold_the_permanent_address(
    foreign_url: str, open_page: Callable[..., Page], network: Network, opened_as: str
) -> None:
    path = "pillars/activation/level-1/"
    permalink = f"{foreign_site.SITE_URL}{path}"
    ending = f"({EXPECTED.title}, rubric version {EXPECTED.version})"
    page = open_page(permissions=["clipboard-read", "clipboard-write"])
    page.goto(foreign_url + path + opened_as)

    page.get_by_role("button", name="Copy a citation of this level").click()
    status = page.get_by_role("status").filter(has_text="Copied")
    expect(status).to_contain_text(f"]({permalink}) ")
    copied = page.evaluate("navigator.clipboard.readText()")
    assert copied.startswith(f"[{EXPECTED.pillars['activation']}, level 1")
    assert copied.endswith(f"]({permalink}) {ending}"), copied

    for criterion in EXPECTED.criteria["activation", 1]:
        page.locator(f"#{criterion}").get_by_role("button").click()
        expect(status).to_contain_text(f"]({permalink}#{criterion}) ")
        copied = page.evaluate("navigator.clipboard.readText()")
        assert copied.endswith(f"]({permalink}#{criterion}) {ending}"), copied
    assert network.external == []


def test_changes_lists_each_version_with_the_rename_kept_by_an_alias(
    foreign: foreign_site.ForeignBuild,
) -> None:
    pages = html_pages(foreign.site)
    text = " ".join(scan(pages["changes/"]).text)
    assert "Version 3.1-rc.2" in text and "Version 3.0" in text
    assert "act-draws-funnel" in text and "act-maps-funnel" in text  # renamed, old links still work
    assert "small-bets" in text  # the principle added since 3.0
    assert "act-draws-funnel" in scan(pages["pillars/activation/level-1/"]).ids  # the alias anchor


def test_every_statement_is_marked_with_where_it_comes_from(foreign_url: str, page: Page) -> None:
    page.goto(f"{foreign_url}pillars/activation/level-1/")
    marks = page.evaluate(
        "() => Array.from(document.querySelectorAll('article [data-provenance]'))"
        ".map(el => [el.id, el.dataset.provenance, el.querySelector('.hb-prov').textContent])"
    )
    cited = {"act-maps-funnel"}
    criteria = EXPECTED.criteria["activation", 1]
    assert [m[0] for m in marks[1:]] == list(criteria)
    for element_id, provenance, label in marks[1:]:
        assert provenance == ("source" if element_id in cited else "handbook")
        assert label.startswith("From the talk" if provenance == "source" else "Handbook's own")
    assert page.locator(".hb-prov-legend").is_visible()
