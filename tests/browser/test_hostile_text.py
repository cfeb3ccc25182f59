"""Question, option, pillar and criterion text is data: markup in it shows as text and runs nothing."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any
from urllib.parse import urljoin

import pytest
from playwright.sync_api import Locator, Page, expect

SCRIPT = "</script><script>alert(1)</script>"
IMAGE = "<img src=x onerror=alert(1)>"
FLAG = "<img src=x onerror='window.__pwned=1'><svg onload='window.__pwned=1'>"
HOSTILE = f"{SCRIPT} {IMAGE} {FLAG} & &amp; <!-- -->"

RUBRIC = f"""\
schema: 1
title: "Hostile handbook"
version: "1.0"
sources:
  - {{id: talk, video: "abcdefghijk", title: "A talk", speaker: "Someone", show: "A show", duration: "00:10:00"}}
levels:
  - {{n: 0, name: "Start"}}
  - {{n: 1, name: "Grown"}}
ws:
  - {{id: make, title: "What you make", summary: "Things."}}
pillars:
  - id: craft
    title: "Craft"
    w: make
    summary: "Making things."
    levels:
      - n: 0
        summary: "Makes small things."
        criteria:
          - {{id: ships-small, text: "Ships a small thing."}}
      - n: 1
        summary: "Makes big things."
        criteria:
          - {{id: ships-big, text: "{HOSTILE}"}}
  - id: words
    title: "Words"
    w: make
    summary: "Writing."
    levels:
      - n: 0
        summary: "{HOSTILE}"
        criteria:
          - {{id: writes-notes, text: "Writes notes."}}
      - n: 1
        summary: "Writes {SCRIPT} well."
        criteria:
          - {{id: writes-docs, text: "Writes docs."}}
quiz:
  questions:
    - id: craft-first
      pillar: craft
      prompt: "{HOSTILE}"
      options:
        - {{level: 0, text: "{HOSTILE}"}}
        - {{level: 1, text: "Ship {IMAGE}"}}
"""

# The plugin brings the quiz's script and styles and the extensions this list lacks (admonition).
MKDOCS = """\
site_name: Hostile
site_url: https://handbook.example.org/hostile/
docs_dir: docs
theme:
  name: material
  font: false
  features: [navigation.instant]
plugins:
  - handbook:
      rubric: rubric.yaml
markdown_extensions: [attr_list, md_in_html, tables, toc]
"""


NOTE = """\
---
title: A note
videoId: abcdefghijk
---

Said at [00:01:05].
"""


@pytest.fixture(scope="module")
def hostile_url(serve_project: Callable[[Path], str], tmp_path_factory: pytest.TempPathFactory) -> str:
    """A tiny project whose rubric puts markup everywhere the quiz shows text."""
    root = tmp_path_factory.mktemp("hostile")
    (root / "docs" / "transcripts").mkdir(parents=True)
    (root / "docs" / "transcripts" / "a_note.md").write_text(NOTE, encoding="utf-8")
    (root / "docs" / "index.md").write_text("# Hostile\n\n[Self-check](self-check.md)\n", encoding="utf-8")
    (root / "rubric.yaml").write_text(RUBRIC, encoding="utf-8")
    (root / "mkdocs.yml").write_text(MKDOCS, encoding="utf-8")
    return serve_project(root)


def assert_nothing_ran(page: Page) -> None:
    assert page.evaluate("window.__pwned") is None
    injected = page.evaluate(
        """() => [
            ...document.querySelectorAll('img[src="x"], [onerror], [onload]'),
            ...[...document.scripts].filter(
                (s) => /alert\\(|__pwned/.test(s.textContent) && !s.closest('[data-handbook-component]')),
        ].map((e) => e.outerHTML)"""
    )
    assert injected == []


def test_hostile_text_shows_literally_and_runs_nothing(page: Page, hostile_url: str, error_log: Any) -> None:
    page.goto(urljoin(hostile_url, "self-check/"))
    page.wait_for_selector("[data-handbook-mounted] .hbq")
    legends = page.locator(".hbq-question legend")
    expect(legends.first).to_have_text(HOSTILE)
    expect(legends.nth(1)).to_have_text("Which describes your work best?")

    def option(question: str, value: str) -> Locator:
        return page.locator(f'label.hbq-option:has(input[data-question="{question}"][value="{value}"]) span')

    expect(option("craft-first", "0")).to_have_text(HOSTILE)
    expect(option("craft-first", "1")).to_have_text(f"Ship {IMAGE}")
    expect(option("words.levels", "0")).to_have_text(HOSTILE)

    page.locator('input[data-question="craft-first"][value="0"]').check()
    page.locator('input[data-question="words.levels"][value="1"]').check()
    expect(page.locator(".hbq-focus li a").first).to_have_text(HOSTILE)
    expect(page.locator(".hbq-table tbody tr").nth(1).locator("td").first).to_have_text("1 · Grown")
    assert_nothing_ran(page)

    # Instant navigation re-inserts the page's scripts, the data among them: still inert.
    page.evaluate("window.__sameDocument = true")
    page.locator(".hbq-focus li a").first.click()
    page.wait_for_url("**/pillars/craft/level-1/**")
    page.go_back()
    page.wait_for_selector("[data-handbook-mounted] .hbq")
    expect(page.locator(".hbq-question legend").first).to_have_text(HOSTILE)
    assert page.evaluate("window.__sameDocument") is True
    assert_nothing_ran(page)
    assert error_log.seen == []
