"""The self-check page in a real browser: answering, results, state, navigation, exports."""

from __future__ import annotations

import json
import urllib.request
from collections.abc import Callable
from typing import Any
from urllib.parse import urljoin

import pytest
from playwright.sync_api import Page, expect

ROOT_SELECTOR = '[data-handbook-component="self-check"]'
MOUNTED = f"{ROOT_SELECTOR}[data-handbook-mounted] .hbq"

Data = dict[str, Any]
Answers = dict[str, int]


def open_quiz(page: Page, site_url: str, hash_: str = "") -> Data:
    page.goto(urljoin(site_url, "self-check/") + hash_)
    page.wait_for_selector(MOUNTED)
    return quiz_data(page)


def quiz_data(page: Page) -> Data:
    # Material's instant navigation re-inserts content scripts without their attributes, so the
    # data is found by position, as quiz.js finds it.
    text = page.locator(f"{ROOT_SELECTOR} script").first.text_content()
    assert text
    data: Data = json.loads(text)[0]
    return data


def pillars(data: Data) -> list[dict[str, Any]]:
    return [p for w in data["ws"] for p in w["pillars"]]


def questions(data: Data) -> list[dict[str, Any]]:
    return [q for p in pillars(data) for q in p["questions"]]


def varied_answers(data: Data) -> Answers:
    """One answer per question, spread over the options so levels and spreads differ."""
    return {q["id"]: q["options"][(i * 3 + 1) % len(q["options"])]["level"] for i, q in enumerate(questions(data))}


def expected_level(pillar: dict[str, Any], answers: Answers) -> int | None:
    chosen = sorted(answers[q["id"]] for q in pillar["questions"] if q["id"] in answers)
    if not chosen:
        return None
    mid = len(chosen) // 2
    median = chosen[mid] if len(chosen) % 2 else (chosen[mid - 1] + chosen[mid]) // 2
    defined = [lv["n"] for lv in pillar["levels"]]
    return int(max((n for n in defined if n <= median), default=min(defined)))


def expected_focus(data: Data, answers: Answers) -> str | None:
    candidates = []
    for p in pillars(data):
        level = expected_level(p, answers)
        if level is not None and any(lv["n"] > level for lv in p["levels"]):
            candidates.append((level, p["order"], p["id"]))
    return min(candidates)[2] if candidates else None


def answer(page: Page, answers: Answers) -> None:
    for qid, level in answers.items():
        page.locator(f'input[data-question="{qid}"][value="{level}"]').first.check()


def checked(page: Page) -> Answers:
    values = page.eval_on_selector_all(
        "input[data-question]:checked",
        "els => els.map(e => [e.dataset.question, Number(e.value)])",
    )
    return dict(values)


def result_rows(page: Page) -> list[list[str]]:
    rows: list[list[str]] = page.eval_on_selector_all(
        ".hbq-table tbody tr",
        "rows => rows.map(r => [...r.cells].map(c => c.textContent.trim()))",
    )
    return rows


def stored(page: Page) -> Any:
    return page.evaluate("() => JSON.parse(localStorage.getItem('handbook-self-check:' + location.pathname))")


def test_answering_every_pillar_gives_levels_spreads_and_focus(page: Page, site_url: str) -> None:
    data = open_quiz(page, site_url)
    answers = varied_answers(data)
    answer(page, answers)

    total = len(questions(data))
    expect(page.locator(".hbq-progress")).to_contain_text(f"{total} of {total} questions answered")
    rows = result_rows(page)
    assert [r[0] for r in rows] == [p["title"] for p in pillars(data)]
    for row, pillar in zip(rows, pillars(data), strict=True):
        level = expected_level(pillar, answers)
        chosen = [answers[q["id"]] for q in pillar["questions"]]
        assert row[1].split(" ")[0] == str(level), (pillar["id"], row)
        spread = str(min(chosen)) if min(chosen) == max(chosen) else f"{min(chosen)}–{max(chosen)}"
        assert row[2] == spread

    focus = expected_focus(data, answers)
    focus_box = page.locator(".hbq-focus")
    if focus is None:
        expect(focus_box).to_contain_text("top level")
    else:
        pillar = next(p for p in pillars(data) if p["id"] == focus)
        expect(focus_box.locator("a").first).to_have_text(pillar["title"])
        level = expected_level(pillar, answers)
        next_level = min((lv for lv in pillar["levels"] if lv["n"] > level), key=lambda lv: lv["n"])
        hrefs = focus_box.locator("li a").evaluate_all("as => as.map(a => a.href)")
        assert hrefs == [urljoin(page.url, c["url"]) for c in next_level["criteria"]]

    radar = page.locator("svg.hbq-radar")
    expect(radar).to_have_attribute("role", "img")
    points = radar.locator(".hbq-shape").get_attribute("points") or ""
    assert len(points.split()) == len(pillars(data))


def test_result_links_lead_to_existing_pages_and_anchors(page: Page, site_url: str) -> None:
    data = open_quiz(page, site_url)
    answer(page, varied_answers(data))
    hrefs = page.locator(".hbq-results a").evaluate_all("as => as.map(a => a.href)")
    assert hrefs
    fetched: dict[str, str] = {}
    for href in hrefs:
        url, _, anchor = href.partition("#")
        assert url.startswith(site_url), href
        if url not in fetched:
            with urllib.request.urlopen(url) as response:
                fetched[url] = response.read().decode("utf-8")
        if anchor:
            assert f'id="{anchor}"' in fetched[url], href


def test_the_shared_link_reproduces_the_result_elsewhere(
    page: Page, open_page: Callable[..., Page], site_url: str
) -> None:
    data = open_quiz(page, site_url)
    answers = varied_answers(data)
    answer(page, answers)
    assert page.url.split("#", 1)[1].startswith("v=")
    rows = result_rows(page)

    elsewhere = open_page()
    open_quiz(elsewhere, site_url, "#" + page.url.split("#", 1)[1])
    assert checked(elsewhere) == answers
    assert result_rows(elsewhere) == rows


def test_reload_restores_answers_from_storage(page: Page, site_url: str) -> None:
    data = open_quiz(page, site_url)
    first = {q["id"]: q["options"][-1]["level"] for q in questions(data)[:2]}
    answer(page, first)
    assert stored(page) == {"version": data["version"], "answers": first}

    open_quiz(page, site_url)  # no hash: storage is the only source
    assert checked(page) == first
    assert "#v=" in page.url


def test_reset_clears_answers_storage_and_link(page: Page, site_url: str) -> None:
    data = open_quiz(page, site_url)
    answer(page, varied_answers(data))
    page.get_by_role("button", name="Reset answers").click()
    assert checked(page) == {}
    assert stored(page) is None
    assert "#" not in page.url
    expect(page.locator(".hbq-live")).to_have_text("Answers cleared.")
    open_quiz(page, site_url)
    assert checked(page) == {}


BROKEN_STORAGE = {
    "disabled": """Object.defineProperty(window, 'localStorage', {
        get() { throw new DOMException('storage is disabled', 'SecurityError'); } });""",
    "full": """Storage.prototype.setItem = function () {
        throw new DOMException('quota', 'QuotaExceededError'); };""",
    "corrupt": """localStorage.setItem('handbook-self-check:' + location.pathname, '{"version": 1, ');""",
    "wrong-shape": """localStorage.setItem('handbook-self-check:' + location.pathname,
        JSON.stringify({version: 'x', answers: ['no']}));""",
}


@pytest.mark.parametrize("kind", sorted(BROKEN_STORAGE))
def test_broken_storage_never_breaks_the_page(page: Page, site_url: str, kind: str, error_log: Any) -> None:
    page.add_init_script(BROKEN_STORAGE[kind])
    # Material's own inline script reads localStorage unguarded: what the same page costs
    # without quiz.js is the theme's, not the quiz's.
    page.route("**/assets/handbook/quiz.js", lambda route: route.abort())
    page.goto(urljoin(site_url, "self-check/"))
    page.wait_for_load_state("load")
    error_log.allowed.update(error_log.seen)
    page.unroute("**/assets/handbook/quiz.js")
    data = open_quiz(page, site_url)
    answers = varied_answers(data)
    answer(page, answers)
    assert checked(page) == answers
    assert len(result_rows(page)) == len(pillars(data))
    if kind in ("disabled", "full"):
        expect(page.locator(".hbq-notice")).to_contain_text("not keeping your answers")
    # The link still carries everything.
    assert page.url.count(":") > len(answers)


def test_answers_from_another_rubric_version_are_migrated(page: Page, site_url: str) -> None:
    data = open_quiz(page, site_url)
    first, second = questions(data)[0], questions(data)[1]
    saved = {
        "version": "1999.01",
        "answers": {first["id"]: first["options"][0]["level"], "question-that-was-removed": 1},
    }
    page.evaluate(
        "s => localStorage.setItem('handbook-self-check:' + location.pathname, JSON.stringify(s))",
        saved,
    )
    open_quiz(page, site_url)
    notice = page.locator(".hbq-notice")
    expect(notice).to_contain_text("The rubric changed")
    expect(notice).to_contain_text("1999.01")
    expect(notice).to_contain_text("1 dropped")
    assert checked(page) == {first["id"]: first["options"][0]["level"]}
    assert stored(page)["version"] == data["version"]

    # The same from a link made with the old version.
    old_link = f"#v=1999.01&a={second['id']}:{second['options'][0]['level']},gone:2"
    other = open_quiz(page, site_url, old_link)
    assert other["version"] == data["version"]
    expect(page.locator(".hbq-notice")).to_contain_text("The rubric changed")
    assert checked(page) == {second["id"]: second["options"][0]["level"]}


def test_copy_as_markdown_names_pillars_levels_link_and_version(open_page: Callable[..., Page], site_url: str) -> None:
    page = open_page(permissions=["clipboard-read", "clipboard-write"])
    data = open_quiz(page, site_url)
    answer(page, varied_answers(data))
    page.get_by_role("button", name="Copy as Markdown").click()
    expect(page.locator(".hbq-live")).to_have_text("Result copied as Markdown.")
    text = page.evaluate("navigator.clipboard.readText()")
    assert f"rubric version {data['version']}" in text
    assert f"Answers: <{page.url}>" in text
    for p in pillars(data):
        assert f"]({urljoin(page.url, p['url'])})" in text


def test_copy_falls_back_to_a_selected_text_area(page: Page, site_url: str) -> None:
    page.add_init_script("Object.defineProperty(navigator, 'clipboard', {value: undefined})")
    data = open_quiz(page, site_url)
    answer(page, varied_answers(data))
    page.get_by_role("button", name="Copy as Markdown").click()
    area = page.locator("textarea.hbq-copy")
    expect(area).to_be_visible()
    expect(area).to_be_focused()
    assert f"Answers: <{page.url}>" in area.input_value()


def test_download_json(page: Page, site_url: str) -> None:
    data = open_quiz(page, site_url)
    answers = varied_answers(data)
    answer(page, answers)
    with page.expect_download() as info:
        page.get_by_role("button", name="Download JSON").click()
    download = info.value
    assert download.suggested_filename.endswith(".json")
    body = json.loads(download.path().read_text(encoding="utf-8"))
    assert body["version"] == data["version"]
    assert body["answers"] == answers
    assert body["permalink"] == page.url
    assert [p["id"] for p in body["pillars"]] == [p["id"] for p in pillars(data)]


def test_print_shows_results_without_the_form(page: Page, site_url: str) -> None:
    data = open_quiz(page, site_url)
    answer(page, varied_answers(data))
    page.emulate_media(media="print")
    expect(page.locator(".hbq-form")).to_be_hidden()
    expect(page.locator(".hbq-actions")).to_be_hidden()
    expect(page.locator(".hbq-table")).to_be_visible()
    expect(page.locator(".hbq-radar")).to_be_visible()


def test_keyboard_only_completion(page: Page, site_url: str) -> None:
    data = open_quiz(page, site_url)
    in_form = "() => !!document.activeElement.closest('.hbq-form')"
    for _ in range(400):
        page.keyboard.press("Tab")
        if page.evaluate(in_form):
            break
    else:
        pytest.fail("Tab never reached the first question")
    outline = page.evaluate("() => getComputedStyle(document.activeElement.closest('label')).outlineStyle")
    assert outline != "none", "the focused option has no visible focus"
    for i, _question in enumerate(questions(data)):
        # Tab lands on the group's first radio; Space picks it, arrows move the choice.
        page.keyboard.press("Space" if i % 2 else "ArrowDown")
        page.keyboard.press("Tab")
    total = len(questions(data))
    expect(page.locator(".hbq-progress")).to_contain_text(f"{total} of {total} questions answered")
    expect(page.locator(".hbq-live")).not_to_be_empty()
    assert page.locator(".hbq-live").get_attribute("aria-live") == "polite"


def test_structure_is_accessible(page: Page, site_url: str) -> None:
    data = open_quiz(page, site_url)
    assert page.locator(".hbq-question").count() == len(questions(data))
    assert page.locator(".hbq-question > legend").count() == len(questions(data))
    unlabeled = page.eval_on_selector_all(".hbq input[type=radio]", "els => els.filter(e => !e.labels.length).length")
    assert unlabeled == 0
    assert page.locator(".hbq-table caption").count() == 1


def test_no_request_leaves_the_machine(page: Page, site_url: str, network: Any) -> None:
    data = open_quiz(page, site_url)
    answer(page, varied_answers(data))
    page.get_by_role("button", name="Reset answers").click()
    theme_fonts = ("https://fonts.googleapis.com/", "https://fonts.gstatic.com/")
    assert [u for u in network.external if not u.startswith(theme_fonts)] == []


def test_phone_sized_dark_palette(open_page: Callable[..., Page], site_url: str) -> None:
    page = open_page(viewport={"width": 360, "height": 740}, is_mobile=True, has_touch=True)
    page.add_init_script(
        "document.addEventListener('DOMContentLoaded', () =>"
        " document.body.setAttribute('data-md-color-scheme', 'slate'))"
    )
    data = open_quiz(page, site_url)
    answer(page, varied_answers(data))
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 360, f"horizontal overflow: {width}px"
    colours = page.evaluate(
        """() => {
            const lum = c => { const [r, g, b] = c.match(/\\d+/g).map(Number); return (r + g + b) / 765; };
            const legend = getComputedStyle(document.querySelector('.hbq-question legend')).color;
            const label = getComputedStyle(document.querySelector('.hbq-label')).fill;
            return [lum(legend), lum(label)];
        }"""
    )
    assert all(c > 0.5 for c in colours), f"text is dark on the slate palette: {colours}"


def test_works_without_instant_navigation(page: Page, site_url: str) -> None:
    # Without Material's bundle there is no document$: the widget mounts on its own.
    page.route("**/assets/javascripts/bundle.*.js", lambda route: route.abort())
    data = open_quiz(page, site_url)
    assert page.evaluate("typeof window.document$") == "undefined"
    answers = varied_answers(data)
    answer(page, answers)
    assert len(result_rows(page)) == len(pillars(data))
    assert page.evaluate("window.__handbookSelfCheck.mounts") == 1


def test_a_link_with_no_applicable_answer_keeps_what_the_browser_stored(page: Page, site_url: str) -> None:
    data = open_quiz(page, site_url)
    mine = {questions(data)[0]["id"]: questions(data)[0]["options"][0]["level"]}
    answer(page, mine)
    open_quiz(page, site_url, "#v=1999.01&a=question-that-was-removed:1")
    expect(page.locator(".hbq-notice")).to_contain_text("0 answers kept, 1 dropped")
    assert checked(page) == {}
    assert stored(page) == {"version": data["version"], "answers": mine}
