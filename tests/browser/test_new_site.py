"""A handbook made by ``python -m generator new``, built strict and used in a real browser.

The new project lists only the plugin (no theme overrides, no Markdown extensions, no extra CSS or
JavaScript), so this shows that the plugin alone gives a site the whole handbook.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from urllib.parse import urljoin

import pytest
from playwright.sync_api import Page, expect

from generator.scaffold import scaffold_project
from tests.browser.conftest import Network
from tests.browser.test_self_check import open_quiz, pillars, questions
from tests.quiz_driver import answer_and_read_levels


@pytest.fixture(scope="module")
def base(serve_project: Callable[[Path], str], tmp_path_factory: pytest.TempPathFactory) -> str:
    """A new handbook, exactly as ``new`` writes it, built with ``mkdocs build --strict`` and served."""
    root = tmp_path_factory.mktemp("new-site") / "handbook"
    scaffold_project(root)
    return serve_project(root)


def test_the_self_check_of_a_new_handbook_gives_a_level_for_each_pillar(
    page: Page, base: str, network: Network
) -> None:
    data = open_quiz(page, base)
    assert len(pillars(data)) == 3
    # A different level for each pillar: 0, 1, 2.
    # (Options are shown in an order fixed by the question id, so the i-th lowest level is picked by sorting.)
    answers = {
        q["id"]: sorted(o["level"] for o in q["options"])[i % len(q["options"])] for i, q in enumerate(questions(data))
    }
    levels = answer_and_read_levels(page, data, answers)
    assert sorted(str(level) for level in levels.values()) == ["0", "1", "2"]
    assert network.external == []


def test_a_new_handbook_links_its_home_page_to_the_self_check(page: Page, base: str, network: Network) -> None:
    page.goto(base)
    expect(page.locator("h1").first).to_have_text("My Handbook")
    page.locator("article a[href]", has_text="self-check").first.click()
    page.wait_for_url(urljoin(base, "self-check/"))
    expect(page.locator('[data-handbook-component="self-check"][data-handbook-mounted]')).to_have_count(1)
    assert network.external == []
