"""Answering the self-check in a browser and reading its levels back, for the tests of sites built in
other ways (from the wheel, by ``new``): each checks that the page scores answers as the rubric says."""

from __future__ import annotations

from playwright.sync_api import Page, expect

from tests.browser.test_self_check import Answers, Data, answer, expected_level, pillars, result_rows


def answer_and_read_levels(page: Page, data: Data, answers: Answers) -> dict[str, int | None]:
    """Answers on the open self-check page, checks that every pillar shows the level its answers give,
    and returns those levels by pillar id."""
    answer(page, answers)
    total = len(answers)
    expect(page.locator(".hbq-progress")).to_contain_text(f"{total} of {total} questions answered")
    rows = result_rows(page)
    assert [row[0] for row in rows] == [p["title"] for p in pillars(data)]
    levels: dict[str, int | None] = {}
    for row, pillar in zip(rows, pillars(data), strict=True):
        levels[pillar["id"]] = expected_level(pillar, answers)
        assert row[1].split(" ")[0] == str(levels[pillar["id"]]), (pillar["id"], row)
    return levels
