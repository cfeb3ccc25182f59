"""Following a cited time lands on the claim: the passage the time ends is highlighted, below the header.

A rubric page cites a transcript passage as ``/transcripts/<slug>/#t-HH-MM-SS``. On arrival (a click
through Material's instant navigation, a hash change on the page, or a direct load) landing.js
highlights the text from the previous time up to and including the cited one, and scrolls it clear
of the sticky header. Each test runs at a desktop and a phone width; the first also in the light and
the dark scheme, with a screenshot of each in its tmp_path.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import Any
from urllib.parse import urljoin

import pytest
from playwright.sync_api import Page

from tests.browser.conftest import Network

pytestmark = pytest.mark.browser

# A pillar-level page whose summary and criteria cite several transcript times.
CITING_PAGE = "pillars/execution/level-0/"
VIEWPORTS = {"desktop": {"width": 1280, "height": 800}, "phone": {"width": 390, "height": 844}}
CLOCK = re.compile(r"\d{1,2}:\d{2}:\d{2}")

# Everything a test asserts about the landing, read from the page in one go.
LANDING_STATE = """() => {
  const header = document.querySelector('.md-header').getBoundingClientRect();
  const registered = CSS.highlights && CSS.highlights.get('hb-landing');
  const ranges = registered ? [...registered] : [];
  const blocks = [...document.querySelectorAll('.hb-landing-block')];
  const targets = [...document.querySelectorAll('.hb-landing-target')];
  const target = targets[0] || null;
  const box = ranges.length ? ranges[0].getBoundingClientRect()
    : blocks.length ? blocks[0].getBoundingClientRect() : null;
  const owner = target && target.parentElement;
  const look = ranges.length && owner ? getComputedStyle(owner, '::highlight(hb-landing)')
    : blocks.length ? getComputedStyle(blocks[0]) : null;
  const linkLook = ranges.length && target ? getComputedStyle(target, '::highlight(hb-landing)') : null;
  const blockOf = target && target.parentElement.closest('p, li, td, th');
  let before = null;
  if (blockOf) {
    const upTo = document.createRange();
    upTo.selectNodeContents(blockOf);
    upTo.setEnd(target, target.childNodes.length);
    before = upTo.toString();
  }
  return {
    hash: location.hash,
    path: location.pathname,
    texts: ranges.map((r) => r.toString()),
    endsInTarget: ranges.length === 1 && !!target && target.contains(ranges[0].endContainer),
    blocks: blocks.length,
    targets: targets.map((t) => t.id),
    clock: target && target.textContent,
    before: before,
    blockText: blockOf && blockOf.textContent,
    top: box && box.top,
    bottom: box && box.bottom,
    headerBottom: header.bottom,
    viewport: innerHeight,
    background: look && look.backgroundColor,
    color: look && look.color,
    linkColor: linkLook && linkLook.color,
    pageBackground: getComputedStyle(document.body).backgroundColor,
    scheme: document.body.getAttribute('data-md-color-scheme'),
    lands: window.__handbookLanding ? window.__handbookLanding.lands : null,
  };
}"""


def landing(page: Page) -> dict[str, Any]:
    state: dict[str, Any] = page.evaluate(LANDING_STATE)
    return state


def wait_for_landing(page: Page, anchor: str) -> dict[str, Any]:
    page.wait_for_function(
        "(anchor) => location.hash === '#' + anchor && document.getElementById(anchor)"
        " && document.getElementById(anchor).classList.contains('hb-landing-target')",
        arg=anchor,
    )
    return landing(page)


def sentence_of(state: dict[str, Any]) -> str:
    """The words of the time's sentence: its block's text after the previous time, up to the time."""
    before = str(state["before"])
    clock = str(state["clock"])
    assert before.endswith(clock), (before, clock)
    head = before[: -len(clock)]
    previous = list(CLOCK.finditer(head))
    words = head[previous[-1].end() :] if previous else head
    return " ".join(words.strip(" \n\t.,;:!?)]–—-").split())


def normalised(text: str) -> str:
    return " ".join(text.split())


def luminance(css_colour: str) -> float:
    values = [float(v) for v in re.findall(r"[\d.]+", css_colour)[:3]]
    linear = [(c / 255) / 12.92 if c / 255 <= 0.04045 else ((c / 255 + 0.055) / 1.055) ** 2.4 for c in values]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(a: str, b: str) -> float:
    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def assert_lands_on(state: dict[str, Any], anchor: str) -> None:
    """One highlight, ending in the time link, holding the time's sentence, between the header and the fold."""
    assert state["hash"] == f"#{anchor}"
    assert state["targets"] == [anchor]
    assert len(state["texts"]) == 1, state["texts"]
    assert state["endsInTarget"], state
    highlighted = normalised(state["texts"][0])
    assert highlighted.endswith(str(state["clock"])), highlighted
    assert sentence_of(state) in highlighted, (sentence_of(state), highlighted)
    assert len(sentence_of(state)) > 10, state["before"]
    assert highlighted in normalised(str(state["blockText"]))
    assert state["top"] >= state["headerBottom"], state
    assert 0 <= state["top"] < state["bottom"] <= state["viewport"], state


def assert_readable(state: dict[str, Any]) -> None:
    assert state["background"] not in (None, state["pageBackground"], "rgba(0, 0, 0, 0)"), state
    assert contrast(state["background"], state["color"]) >= 4.5, state
    assert contrast(state["background"], state["linkColor"]) >= 4.5, state


def open_citing_page(page: Page, site_url: str) -> None:
    """The citing page, once idle: Material intercepts links only after it has read the sitemap."""
    page.goto(urljoin(site_url, CITING_PAGE), wait_until="networkidle")


def first_cite(page: Page, skip: str = "") -> str:
    """The first citation on the page that points to a transcript time other than ``skip``; returns its anchor."""
    hrefs: list[str] = page.locator(".md-content a.hb-cite").evaluate_all("links => links.map((a) => a.href)")
    anchors = [href.split("#", 1)[1] for href in hrefs if "#t-" in href]
    anchor = next(a for a in anchors if a != skip)
    page.locator(f'.md-content a.hb-cite[href$="#{anchor}"]').first.click()
    return anchor


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_a_followed_citation_highlights_its_passage(
    site_url: str,
    open_page: Callable[..., Page],
    network: Network,
    tmp_path: Path,
    viewport: str,
    scheme: str,
) -> None:
    page = open_page(viewport=VIEWPORTS[viewport], color_scheme=scheme)
    open_citing_page(page, site_url)
    page.evaluate("window.__sameDocument = true")
    anchor = first_cite(page)
    state = wait_for_landing(page, anchor)
    assert state["path"].startswith("/transcripts/"), state["path"]
    assert page.evaluate("window.__sameDocument") is True, "the citation was not followed by instant navigation"
    assert state["scheme"] == ("slate" if scheme == "dark" else "default")
    assert_lands_on(state, anchor)
    assert_readable(state)
    page.screenshot(path=str(tmp_path / f"landing-{viewport}-{scheme}.png"), animations="disabled")
    assert network.external == []


@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_the_highlight_moves_with_the_next_citation(
    site_url: str, open_page: Callable[..., Page], network: Network, viewport: str
) -> None:
    page = open_page(viewport=VIEWPORTS[viewport])
    open_citing_page(page, site_url)
    first = first_cite(page)
    landed = wait_for_landing(page, first)
    assert_lands_on(landed, first)

    # Back on the citing page (instant navigation again), nothing is left highlighted.
    page.go_back()
    page.wait_for_function("() => !location.hash && !document.querySelector('.hb-landing-target')")
    assert landing(page)["texts"] == []

    second = first_cite(page, skip=first)
    moved = wait_for_landing(page, second)
    assert_lands_on(moved, second)
    assert moved["lands"] == landed["lands"] + 1, "one landing per navigation"
    assert page.locator(f"#{first}").evaluate("a => a.style.scrollMarginTop") == ""

    # A time cited on the transcript page itself ("Cited by") is a hash change: it moves too, once.
    # (Material's instant navigation makes every link absolute: read them as URLs.)
    here = page.locator("#cited-by ~ * a").evaluate_all(
        "links => links.filter((a) => a.pathname === location.pathname && a.hash.startsWith('#t-'))"
        ".map((a) => a.hash.slice(1))"
    )
    third = next(a for a in here if a != second)
    page.locator(f'#cited-by ~ * a[href$="#{third}"]').first.click()
    hashed = wait_for_landing(page, third)
    assert_lands_on(hashed, third)
    assert hashed["lands"] == moved["lands"] + 1

    # A hash set by a script fires popstate and hashchange: still one landing, on the new time.
    fourth = next(a for a in here if a not in (second, third))
    page.evaluate("(anchor) => { location.hash = anchor; }", fourth)
    scripted = wait_for_landing(page, fourth)
    assert_lands_on(scripted, fourth)
    assert scripted["lands"] == hashed["lands"] + 1
    assert network.external == []


@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_loading_a_cited_time_directly_highlights_it(
    site_url: str, open_page: Callable[..., Page], network: Network, viewport: str
) -> None:
    page = open_page(viewport=VIEWPORTS[viewport])
    open_citing_page(page, site_url)
    href = page.locator(".md-content a.hb-cite").first.evaluate("a => a.href")
    anchor = href.split("#", 1)[1]
    direct = open_page(viewport=VIEWPORTS[viewport])
    direct.goto(href)
    state = wait_for_landing(direct, anchor)
    assert_lands_on(state, anchor)
    assert state["lands"] == 1
    # On paper the passage is underlined instead of shaded.
    direct.emulate_media(media="print")
    printed = direct.locator(f"#{anchor}").evaluate(
        "(a) => { const s = getComputedStyle(a.parentElement, '::highlight(hb-landing)');"
        " return {background: s.backgroundColor, line: s.textDecorationLine}; }"
    )
    assert printed == {"background": "rgba(0, 0, 0, 0)", "line": "underline"}
    assert network.external == []


def test_without_the_highlight_api_the_block_is_marked(
    site_url: str, open_page: Callable[..., Page], network: Network
) -> None:
    page = open_page(viewport=VIEWPORTS["phone"], color_scheme="dark")
    page.add_init_script("Object.defineProperty(CSS, 'highlights', {value: undefined, configurable: true})")
    open_citing_page(page, site_url)
    anchor = first_cite(page)
    state = wait_for_landing(page, anchor)
    assert state["texts"] == [] and state["blocks"] == 1
    assert page.locator(".hb-landing-block").evaluate(f"(block) => block.contains(document.getElementById('{anchor}'))")
    assert state["background"] != state["pageBackground"]
    assert contrast(state["background"], state["color"]) >= 4.5
    assert state["headerBottom"] <= state["top"] < state["bottom"] <= state["viewport"]
    assert network.external == []


def test_a_struck_through_time_with_a_reason_shows_it_has_one(site_url: str, page: Page) -> None:
    page.goto(urljoin(site_url, "transcripts/role_of_feedback_and_selfassessment_in_pm_development/"))
    bad = page.locator(".hb-bad-time").first
    bad.evaluate("(el) => el.setAttribute('title', 'Past the end of the video (01:10:30)')")
    look = bad.evaluate(
        "(el) => { const s = getComputedStyle(el); return {cursor: s.cursor, line: s.textDecorationLine,"
        " style: s.textDecorationStyle, display: s.display, visibility: s.visibility}; }"
    )
    assert look["cursor"] == "help"
    assert "underline" in look["line"] and "line-through" in look["line"] and look["style"] == "dotted"
    assert look["display"] != "none" and look["visibility"] == "visible"
    assert bad.is_visible()
