"""Golden pages: a small fixed project in ``tests/golden/<case>/`` and the Markdown it must render to.

Each case holds ``rubric.yaml``, ``docs/transcripts/*.md`` and ``expected/``: the expected Markdown of a
representative set of pages (a W, a pillar, a pillar level, a level, the matrix, the principles, a
transcript, a topic), at their page uris, plus ``expected/problems.txt`` (every problem, formatted).
The test builds the case with ``build_site`` and compares.

To accept a change in the output, rewrite the expected files and review the diff before committing:

    UPDATE_GOLDEN=1 .venv/bin/python -m pytest tests/test_golden.py

An update rewrites only the pages already in ``expected/`` (or ``DEFAULT_PAGES`` for a new case).
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from generator.project import project_from_folders
from generator.site import Site, build_site

GOLDEN = Path(__file__).parent / "golden"
CASES = sorted(p.name for p in GOLDEN.iterdir() if (p / "rubric.yaml").is_file())
UPDATE = os.environ.get("UPDATE_GOLDEN") == "1"
PROBLEMS = "problems.txt"
DEFAULT_PAGES = [
    "ws/produce.md",
    "pillars/data/index.md",
    "pillars/data/level-1.md",
    "levels/1.md",
    "matrix.md",
    "principles.md",
    "transcripts/craft_talk.md",
    "topics/metrics_that_matter.md",
]


def build(case: str) -> Site:
    folder = GOLDEN / case
    return build_site(project_from_folders(folder, folder / "rubric.yaml", folder / "docs" / "transcripts"))


def expected_pages(case: str) -> list[str]:
    expected = GOLDEN / case / "expected"
    found = sorted(p.relative_to(expected).as_posix() for p in expected.rglob("*.md"))
    return found or DEFAULT_PAGES


def write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8", newline="\n")


@pytest.mark.parametrize("case", CASES)
def test_pages_match_the_golden_files(case: str) -> None:
    site = build(case)
    assert site.ok, [p.format() for p in site.problems]
    expected = GOLDEN / case / "expected"
    for uri in expected_pages(case):
        page = site.page(uri)
        assert page is not None, f"{case}: no page {uri}"
        if UPDATE:
            write(expected / uri, page.markdown)
        assert page.markdown == (expected / uri).read_text(encoding="utf-8"), f"{case}: {uri} differs"


@pytest.mark.parametrize("case", CASES)
def test_problems_match_the_golden_file(case: str) -> None:
    found = "".join(f"{p.format()}\n" for p in build(case).problems)
    path = GOLDEN / case / "expected" / PROBLEMS
    if UPDATE:
        write(path, found)
    assert found == path.read_text(encoding="utf-8")


@pytest.mark.parametrize("case", CASES)
def test_output_is_deterministic(case: str) -> None:
    first, second = build(case), build(case)
    assert [(p.uri, p.markdown) for p in first.pages] == [(p.uri, p.markdown) for p in second.pages]
    assert first.files == second.files


def test_every_case_has_expected_pages() -> None:
    assert CASES
    for case in CASES:
        assert (GOLDEN / case / "expected" / PROBLEMS).is_file(), case
        assert list((GOLDEN / case / "expected").rglob("*.md")), case
