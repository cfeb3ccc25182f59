"""The offline link checker (tests/site_links.py) on tiny hand-made sites: it passes what resolves
and reports, all at once, every link that does not."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.redirects import redirect_html
from tests.site_links import check_site, parse_page

VIDEO = "https://www.youtube.com/watch?v=ImSvm11GR0Y&amp;t=271s"


def make_site(root: Path, pages: dict[str, str]) -> Path:
    """A site folder: each page's body wrapped in a document (a whole document when it starts with <!doctype)."""
    for path, body in pages.items():
        file = root / path
        file.parent.mkdir(parents=True, exist_ok=True)
        text = body if body.startswith("<!doctype") else f"<!doctype html><html><body>\n{body}\n</body></html>\n"
        file.write_text(text, encoding="utf-8")
    return root


# A small site every case below adds one page to: a pillar with anchors, a page under a folder
# whose name needs encoding, a file, and a redirect page as the generator writes them.
BASE = {
    "index.html": '<h1 id="top">Home</h1>',
    "pillars/craft/index.html": '<h2 id="level-0">Level 0</h2><a name="old-level"></a>',
    "pillars/craft/level-0/index.html": '<li id="ships-small">Ships</li>',
    "topics/café crème/index.html": '<p id="t-00-01-05">Coffee</p>',
    "assets/site.css": "body {}",
    "pillars/old-craft/index.html": redirect_html("../craft/"),
}


def check(tmp_path: Path, page: str, site_url: str = "https://site.invalid/") -> list[str]:
    site = make_site(tmp_path / "site", {**BASE, "pillars/craft/level-1/index.html": page})
    return check_site(site, site_url).broken


GOOD = {
    "directory URL": '<a href="../">up</a> <a href="../../../">home</a> <a href="/pillars/craft/">absolute</a>',
    "directory URL without its slash": '<a href="../level-0">level 0</a>',
    "relative ../ with an anchor": '<a href="../level-0/#ships-small">ships</a>',
    "own anchor": '<h2 id="here">Here</h2><a href="#here">here</a> <a href="#">top</a> <a href="">self</a>',
    "a name anchor": '<a href="../#old-level">old</a>',
    "percent-encoded path and fragment": '<a href="../../../topics/caf%C3%A9%20cr%C3%A8me/#t%2D00-01-05">x</a>',
    "entity in the attribute": '<a href="../../../topics/caf&eacute;%20cr%C3%A8me/">x</a>',
    "query string ignored": '<a href="../level-0/?q=1#ships-small">x</a> <a href="?x=1">self</a>',
    "file and index.html": '<link rel="stylesheet" href="../../../assets/site.css"><a href="../index.html">x</a>',
    "script, img, area, svg": (
        '<script src="../../../assets/site.css"></script><img src="../../../assets/site.css">'
        '<map><area href="../level-0/"></map><svg><a xlink:href="../#level-0"><text>x</text></a></svg>'
    ),
    "redirect page, anchor on its target": '<a href="../../old-craft/#level-0">old URL</a>',
    "video link": f'<a class="hb-ts" href="{VIDEO}">00:04:31</a>',
    "note author's links in a passage": (
        '<div class="hb-passage"><p><a href="https://twitter.com/someone">x</a>'
        '<div><a href="mailto:someone@example.org">y</a></div><a href="http://example.org/a?b#c">z</a></p></div>'
    ),
}


@pytest.mark.parametrize("page", GOOD.values(), ids=GOOD.keys())
def test_links_that_resolve_pass(tmp_path: Path, page: str) -> None:
    assert check(tmp_path, page) == []


PAGE = "pillars/craft/level-1/index.html"
OFF_SITE = "off-site: only video links (https://www.youtube.com/watch?v=<id>&t=<n>s) and note passages leave the site"

BAD = {
    "broken page link": ('<a href="../level-9/">x</a>', "../level-9/ -> no such file: pillars/craft/level-9/"),
    "broken anchor": ('<a href="../level-0/#ships-big">x</a>', "../level-0/#ships-big -> no #ships-big in "),
    "broken own anchor": ('<a href="#nowhere">x</a>', "#nowhere -> no #nowhere in pillars/craft/level-1/index.html"),
    "anchor of the wrong page": ('<a href="../#ships-small">x</a>', "-> no #ships-small in pillars/craft/index.html"),
    "relative link one ../ short": ('<a href="../level-0/x.css">x</a>', "-> no such file: pillars/craft/level-0/x.css"),
    "unencoded folder name": ('<a href="../../../topics/café crème/">x</a>', "-> not a valid URL (unencoded white"),
    "wrongly encoded": ('<a href="../../../topics/caf%E9%20cr%C3%A8me/">x</a>', "-> no such file: topics/caf"),
    "a file with a slash": ('<a href="../../../assets/site.css/">x</a>', "-> no such file: assets/site.css/"),
    "broken src": ('<img src="../../../assets/logo.png">', "assets/logo.png -> no such file: assets/logo.png"),
    "broken xlink:href": ('<svg><a xlink:href="../level-7/"><text>x</text></a></svg>', "-> no such file"),
    "redirect page, anchor missing on its target": (
        '<a href="../../old-craft/#ships-small">x</a>',
        "../../old-craft/#ships-small -> no #ships-small in pillars/craft/index.html",
    ),
    "off-site link": ('<a href="https://example.org/">x</a>', f"https://example.org/ -> {OFF_SITE}"),
    "off-site outside the passage": (
        '<div class="hb-passage"><p>note</p></div><a href="https://example.org/">x</a>',
        f"https://example.org/ -> {OFF_SITE}",
    ),
    "off-site stylesheet in a passage": (
        '<div class="hb-passage"><link rel="stylesheet" href="https://cdn.example/x.css"></div>',
        f"https://cdn.example/x.css -> {OFF_SITE}",
    ),
    "scheme-relative": ('<script src="//cdn.example/x.js"></script>', f"//cdn.example/x.js -> {OFF_SITE}"),
    "video link without its time": (
        '<a href="https://www.youtube.com/watch?v=ImSvm11GR0Y">x</a>',
        f"https://www.youtube.com/watch?v=ImSvm11GR0Y -> {OFF_SITE}",
    ),
    "mailto outside a passage": ('<a href="mailto:a@example.org">x</a>', f"mailto:a@example.org -> {OFF_SITE}"),
    "javascript:": ('<a href="javascript:alert(1)">x</a>', "-> a javascript: link, which no page may make"),
    "bad host name": ('<div class="hb-passage"><a href="https://exa%20mple.org/">x</a></div>', "-> not a valid URL"),
    "no host name": ('<div class="hb-passage"><a href="http://:80/">x</a></div>', "-> not a valid URL (bad host"),
    "bad IPv6 host": ('<div class="hb-passage"><a href="https://[::1/">x</a></div>', "-> not a valid URL (Invalid"),
    "bad port": ('<div class="hb-passage"><a href="https://example.org:x/">x</a></div>', "-> not a valid URL"),
    "bad mailto": ('<div class="hb-passage"><a href="mailto:nobody">x</a></div>', "-> not a valid mailto: address"),
    "redirect to nowhere": (redirect_html("../gone/"), "../gone/ -> no such file: pillars/craft/gone/"),
}


@pytest.mark.parametrize(("page", "expected"), BAD.values(), ids=BAD.keys())
def test_links_that_do_not_resolve_are_reported(tmp_path: Path, page: str, expected: str) -> None:
    broken = check(tmp_path, page)
    assert broken, "the checker passed a broken link"
    assert all(line.startswith(f"{PAGE}: ") for line in broken), broken
    assert expected in broken[0], broken


def test_every_broken_link_is_reported_at_once_in_page_order(tmp_path: Path) -> None:
    page = '<a href="../level-9/">a</a><a href="#no">b</a><a href="../level-9/">a again</a><img src="x.png">'
    site = make_site(tmp_path / "site", {**BASE, "pillars/craft/level-1/index.html": page, "a.html": '<a href="b/">'})
    assert check_site(site).broken == [
        "a.html: b/ -> no such file: b/",
        f"{PAGE}: ../level-9/ -> no such file: pillars/craft/level-9/",
        f"{PAGE}: #no -> no #no in {PAGE}",
        f"{PAGE}: x.png -> no such file: pillars/craft/level-1/x.png",
    ]


def test_a_site_under_a_path_resolves_its_own_absolute_links_and_nothing_above_it(tmp_path: Path) -> None:
    site_url = "https://handbook.example.org/pm/"
    page = (
        f'<link rel="canonical" href="{site_url}pillars/craft/level-1/"><a href="/pm/pillars/craft/#level-0">x</a>'
        '<a href="../../../../other/">above</a><a href="/pillars/craft/">root</a>'
    )
    above = "leaves the site: https://handbook.example.org/{} is not under " + site_url
    assert check(tmp_path, page, site_url) == [
        f"{PAGE}: ../../../../other/ -> " + above.format("other/"),
        f"{PAGE}: /pillars/craft/ -> " + above.format("pillars/craft/"),
    ]


def test_redirect_chains_and_loops(tmp_path: Path) -> None:
    pages = {
        **BASE,
        "older/index.html": redirect_html("../pillars/old-craft/"),
        "loop/index.html": redirect_html("../loop/"),
        "pillars/craft/level-1/index.html": '<a href="../../../older/#level-0">ok</a><a href="../../../loop/">x</a>',
    }
    assert check_site(make_site(tmp_path / "site", pages)).broken == [
        "loop/index.html: ../loop/ -> more than 10 redirects",
        f"{PAGE}: ../../../loop/ -> more than 10 redirects",
    ]


def test_allowed_off_site_links(tmp_path: Path) -> None:
    site = make_site(tmp_path / "site", {"index.html": '<a href="https://example.org/credit/">theme</a>'})
    assert check_site(site, allowed=frozenset({"https://example.org/credit/"})).broken == []
    assert check_site(site).broken == [f"index.html: https://example.org/credit/ -> {OFF_SITE}"]


def test_the_parser_finds_links_anchors_passages_and_redirects() -> None:
    page = parse_page(
        '<div class="x hb-passage"><div><a href="a">1</a></div><a id="i" href="b">2</a></div><a name="n" href="c">'
        + redirect_html("../new/")
    )
    assert [(link.url, link.in_passage) for link in page.links[:3]] == [("a", True), ("b", True), ("c", False)]
    assert page.anchors == {"i", "n"}
    assert page.redirect == "../new/"
    assert [link.tag for link in page.links[3:]] == ["link", "script", "meta", "a"]


def test_a_page_that_is_not_an_index_links_from_its_own_address(tmp_path: Path) -> None:
    site = make_site(tmp_path / "site", {"xindex.html": '<p id="a"></p><a href="#a">a</a><a href="">self</a>'})
    assert check_site(site).broken == []
