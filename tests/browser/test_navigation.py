"""The quiz under Material's instant navigation: mounted once per visit, nothing left behind."""

from __future__ import annotations

import urllib.request
from typing import Any
from urllib.parse import urljoin

import pytest
from playwright.sync_api import Page

MOUNTED = '[data-handbook-component="self-check"][data-handbook-mounted] .hbq'

# Counts live listeners on window and document by event type, however they were removed.
LISTENER_PROBE = """
(() => {
  const live = new Map();
  const add = EventTarget.prototype.addEventListener;
  const remove = EventTarget.prototype.removeEventListener;
  const name = (target, type) =>
    target === window ? 'window:' + type : target === document ? 'document:' + type : null;
  const capture = (o) => !!(typeof o === 'object' && o ? o.capture : o);
  EventTarget.prototype.addEventListener = function (type, fn, options) {
    const key = name(this, type);
    if (key && fn) {
      if (!live.has(key)) live.set(key, new Set());
      const entry = live.get(key);
      const id = [fn, capture(options)];
      if (![...entry].some(([f, c]) => f === fn && c === id[1])) {
        entry.add(id);
        const signal = typeof options === 'object' && options ? options.signal : null;
        if (signal) signal.addEventListener('abort', () => entry.delete(id));
      }
    }
    return add.call(this, type, fn, options);
  };
  EventTarget.prototype.removeEventListener = function (type, fn, options) {
    const entry = live.get(name(this, type));
    if (entry) for (const id of entry) if (id[0] === fn && id[1] === capture(options)) entry.delete(id);
    return remove.call(this, type, fn, options);
  };
  window.__liveListeners = () =>
    Object.fromEntries([...live].map(([k, v]) => [k, v.size]).filter(([, n]) => n));
})();
"""


def registry(page: Page) -> dict[str, Any]:
    state: dict[str, Any] = page.evaluate(
        "() => ({mounts: __handbookSelfCheck.mounts, active: __handbookSelfCheck.active,"
        " widgets: document.querySelectorAll('.hbq').length,"
        " roots: document.querySelectorAll('[data-handbook-mounted]').length})"
    )
    return state


def leave_and_come_back(page: Page, self_check: str, trip: int) -> None:
    """Follow a result link away (instant navigation), then return: by history or a link."""
    page.locator(".hbq-table a").first.click()
    page.wait_for_function("() => !document.querySelector('.hbq')")
    back_link = page.locator(f'a[href="{self_check}"]')
    if trip % 2 and back_link.count():
        back_link.first.click()
    else:
        page.go_back()
    page.wait_for_selector(MOUNTED)


def require_instant_navigation(site_url: str) -> None:
    """Material navigates instantly only to pages its sitemap lists; without ``site_url`` in
    mkdocs.yml the sitemap is empty and every link is a full page load."""
    with urllib.request.urlopen(urljoin(site_url, "sitemap.xml")) as response:
        sitemap = response.read().decode("utf-8")
    if urljoin(site_url, "self-check/") not in sitemap:
        pytest.fail("instant navigation is off: sitemap.xml lists no pages (mkdocs.yml needs site_url)")


def test_instant_navigation_mounts_once_and_leaks_nothing(page: Page, site_url: str) -> None:
    require_instant_navigation(site_url)
    page.add_init_script(LISTENER_PROBE)
    self_check = urljoin(site_url, "self-check/")
    page.goto(self_check)
    page.wait_for_selector(MOUNTED)
    first = page.locator("input[data-question]").first
    first.check()
    chosen = first.get_attribute("data-question")
    page.evaluate("window.__sameDocument = true")
    assert registry(page) == {"mounts": 1, "active": 1, "widgets": 1, "roots": 1}
    on_first_visit = page.evaluate("__liveListeners()")

    leave_and_come_back(page, self_check, 0)
    after_one_trip = page.evaluate("__liveListeners()")
    for trip in range(1, 10):
        leave_and_come_back(page, self_check, trip)

    assert page.evaluate("window.__sameDocument") is True, "navigation reloaded the page"
    assert registry(page) == {"mounts": 11, "active": 1, "widgets": 1, "roots": 1}
    listeners = page.evaluate("__liveListeners()")
    assert listeners == after_one_trip
    assert listeners.get("window:hashchange") == on_first_visit.get("window:hashchange")
    assert page.locator(f'input[data-question="{chosen}"]:checked').count() == 1

    # One set of listeners: one change is handled, written and announced once.
    page.evaluate(
        """() => { window.__writes = 0; const set = Storage.prototype.setItem;
        Storage.prototype.setItem = function (...a) { window.__writes++; return set.apply(this, a); }; }"""
    )
    page.locator("input[data-question]").last.check()
    assert page.evaluate("window.__writes") == 1


def test_away_from_the_quiz_nothing_is_mounted(page: Page, site_url: str) -> None:
    page.goto(urljoin(site_url, "self-check/"))
    page.wait_for_selector(MOUNTED)
    page.locator("input[data-question]").first.check()
    page.locator(".hbq-table a").first.click()
    page.wait_for_function("() => window.__handbookSelfCheck && !document.querySelector('.hbq')")
    assert page.evaluate("__handbookSelfCheck.active") == 0
    assert page.evaluate("__handbookSelfCheck.instance") is None
