"""The self-check as a measure: options in an order fixed by the question (never by level), a "not yet"
answer, a result that says what it rests on and where its statements come from, shared links that never
overwrite the reader's answers, a reset that can be undone, and a radar whose rings and gaps can be read."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import Page, expect

from tests.browser.test_self_check import answer, checked, open_quiz, pillars, questions, result_rows, stored

pytestmark = pytest.mark.browser


def shown_levels(page: Page, question_id: str) -> list[str]:
    values: list[str] = page.eval_on_selector_all(
        f'input[data-question="{question_id}"]', "els => els.map(e => e.value)"
    )
    return values


def lowest(question: dict[str, Any]) -> int:
    return int(min(o["level"] for o in question["options"]))


def highest(question: dict[str, Any]) -> int:
    return int(max(o["level"] for o in question["options"]))


def test_options_are_shown_in_the_datas_order_which_is_not_the_level_order(page: Page, site_url: str) -> None:
    data = open_quiz(page, site_url)
    by_level = 0
    for q in questions(data):
        shown = shown_levels(page, q["id"])
        assert shown == [str(o["level"]) for o in q["options"]] + ["na"]  # "not yet" always last
        levels = [o["level"] for o in q["options"]]
        by_level += levels == sorted(levels)
    assert by_level < len(questions(data)) / 2


def test_not_yet_answers_are_kept_but_carry_no_level(page: Page, site_url: str) -> None:
    data = open_quiz(page, site_url)
    pillar = pillars(data)[0]
    for q in pillar["questions"]:
        page.locator(f'input[data-question="{q["id"]}"][value="na"]').check()
    row = result_rows(page)[0]
    assert row[1] == "no level (only not yet)"
    assert row[4] == f"no level: {len(pillar['questions'])} not yet / does not apply"
    expect(page.locator(".hbq-basis")).to_contain_text(f"({len(pillar['questions'])} more answered not yet")
    assert stored(page)["answers"] == {q["id"]: "na" for q in pillar["questions"]}
    second = pillars(data)[1]["questions"][0]
    answer(page, {second["id"]: highest(second)})
    expect(page.locator(".hbq-basis")).to_contain_text(f"Based on 1 of {len(questions(data))} answers")


def test_a_shared_link_is_read_only_and_leaves_saved_answers_intact(page: Page, site_url: str) -> None:
    data = open_quiz(page, site_url)
    mine = {q["id"]: lowest(q) for q in questions(data)[:3]}
    answer(page, mine)
    saved = stored(page)
    theirs = {q["id"]: highest(q) for q in questions(data)[:2]}
    link = "#v=" + data["version"] + "&a=" + ",".join(f"{k}:{v}" for k, v in theirs.items())

    shared = page.context.new_page()
    open_quiz(shared, site_url, link)
    banner = shared.get_by_role("region", name="A shared result")
    expect(banner).to_be_visible()
    assert checked(shared) == theirs
    assert shared.locator("input[data-question]:not([disabled])").count() == 0
    assert stored(shared) == saved  # nothing was written over

    shared.get_by_role("button", name="Show my answers").click()
    expect(banner).to_be_hidden()
    assert checked(shared) == mine
    assert stored(shared) == saved

    open_quiz(shared, site_url, link)
    shared.get_by_role("button", name="Copy into my answers").click()
    assert stored(shared)["answers"] == theirs
    assert shared.locator("input[data-question][disabled]").count() == 0
    shared.get_by_role("button", name="Undo").click()
    assert stored(shared) == saved
    assert checked(shared) == mine


def test_reading_ones_own_link_again_is_not_a_shared_result(page: Page, site_url: str) -> None:
    data = open_quiz(page, site_url)
    answer(page, {q["id"]: lowest(q) for q in questions(data)[:2]})
    page.reload()
    expect(page.get_by_role("region", name="A shared result")).to_be_hidden()
    assert page.locator("input[data-question][disabled]").count() == 0


def test_reset_can_be_undone(page: Page, site_url: str) -> None:
    data = open_quiz(page, site_url)
    mine = {q["id"]: highest(q) for q in questions(data)[:4]}
    answer(page, mine)
    page.get_by_role("button", name="Reset answers").click()
    assert checked(page) == {} and stored(page) is None
    page.get_by_role("button", name="Undo").click()
    assert checked(page) == mine
    assert stored(page)["answers"] == mine


def test_the_radar_numbers_its_rings_and_marks_unanswered_pillars(page: Page, site_url: str) -> None:
    data = open_quiz(page, site_url)
    first = pillars(data)[0]
    answer(page, {q["id"]: lowest(q) for q in first["questions"]})
    radar = page.locator("svg.hbq-radar")
    assert radar.locator(".hbq-ring-label").all_text_contents() == [str(lv["n"]) for lv in data["levels"]]
    assert radar.locator(".hbq-dot").count() == 1  # only the answered pillar has a point
    unanswered = radar.locator(".hbq-label--unanswered")
    assert unanswered.count() == len(pillars(data)) - 1
    assert "(not answered)" in (unanswered.first.text_content() or "")
    assert radar.locator(".hbq-axis--unanswered").count() == len(pillars(data)) - 1
    # Labels are whole: every word of every pillar's title is in the chart.
    text = " ".join(radar.locator(".hbq-label").all_text_contents())
    for pillar in pillars(data):
        for word in pillar["title"].split():
            assert word in text


def test_the_focus_says_where_each_statement_comes_from(page: Page, site_url: str) -> None:
    data = open_quiz(page, site_url)
    answer(page, {q["id"]: lowest(q) for q in questions(data)})
    focus = page.locator(".hbq-focus")
    marked = focus.locator("[data-provenance]")
    assert marked.count() >= 2  # the next level's summary and its criteria
    for i in range(marked.count()):
        kind = marked.nth(i).get_attribute("data-provenance")
        assert marked.nth(i).locator(f".hb-prov--{kind}").is_visible()
    expect(focus.locator(".hb-prov-legend")).to_be_visible()
