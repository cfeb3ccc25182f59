"""``python -m generator passages``: every statement beside the passage its citation points to.

The golden output is the mini project's (tests/conftest.py). To accept a change in it, rewrite the expected
file and review the diff before committing:

    UPDATE_GOLDEN=1 .venv/bin/python -m pytest tests/test_passages.py
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from generator.model import NoteSlug
from generator.notes import parse_note
from generator.passages import PASSAGE_CHARS, cell, passage_at
from tests.conftest import MINI_RUBRIC, REPO, write_project

EXPECTED = Path(__file__).parent / "golden" / "passages" / "mini.md"
UPDATE = os.environ.get("UPDATE_GOLDEN") == "1"

NOTE = """\
---
title: Passages
videoId: abcdefghijk
---

Intro paragraph, first line
and its second line [00:01:00].

- An item [00:02:00]
- Another item [00:02:30]
  continued on an indented line.

## A heading [00:03:00]

The block after the heading.

Far away [00:05:00].
"""


def run(root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, PYTHONPATH=str(REPO))
    command = [sys.executable, "-m", "generator", "passages", *args]
    return subprocess.run(command, cwd=root, capture_output=True, text=True, env=env, check=False)


@pytest.mark.parametrize(
    ("seconds", "passage"),
    [
        (60, "Intro paragraph, first line and its second line [00:01:00]."),
        (120, "- An item [00:02:00]"),
        (150, "- Another item [00:02:30] continued on an indented line."),
        (180, "## A heading [00:03:00] The block after the heading."),
        (300, "Far away [00:05:00]."),
        (999, ""),
    ],
)
def test_a_passage_is_the_block_the_time_is_written_in(seconds: int, passage: str) -> None:
    note = parse_note(NOTE.encode(), NoteSlug("passages"), "passages.md")[0]
    assert note is not None
    assert passage_at(note, seconds) == passage


def test_a_long_block_is_cut_around_the_time() -> None:
    words = " ".join(f"word{n}" for n in range(200))
    text = NOTE.replace("Far away [00:05:00].", f"{words} [00:05:00] {words}")
    note = parse_note(text.encode(), NoteSlug("passages"), "passages.md")[0]
    assert note is not None
    passage = passage_at(note, 300)
    assert "[00:05:00]" in passage
    assert passage.startswith("…") and passage.endswith("…")
    assert len(passage) <= PASSAGE_CHARS + 2


def test_cells_stay_on_one_line_and_keep_their_pipes() -> None:
    assert cell("a | b\nc") == "a \\| b c"


def test_the_mini_project_matches_the_golden_file(tmp_path: Path) -> None:
    result = run(write_project(tmp_path / "p"))
    assert result.returncode == 0, result.stderr
    if UPDATE:
        EXPECTED.parent.mkdir(parents=True, exist_ok=True)
        EXPECTED.write_text(result.stdout)
    assert result.stdout == EXPECTED.read_text(), "run with UPDATE_GOLDEN=1 and review the diff"


def test_a_project_that_does_not_link_prints_its_errors(tmp_path: Path) -> None:
    broken = MINI_RUBRIC.replace('cites: ["mini@00:03:00"]', 'cites: ["mini@00:09:59"]')
    result = run(write_project(tmp_path / "p", rubric=broken))
    assert result.returncode == 1 and result.stdout == ""
    assert "rubric.yaml:" in result.stderr and "error" in result.stderr


def test_output_writes_the_table_to_a_file(tmp_path: Path) -> None:
    result = run(write_project(tmp_path / "p"), "--output", "review.md")
    assert result.returncode == 0 and result.stdout == ""
    assert (tmp_path / "p" / "review.md").read_text(encoding="utf-8") == EXPECTED.read_text()
