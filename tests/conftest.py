"""Shared fixtures: the repository, the corpus beside it, and tiny projects built in temp folders."""

from __future__ import annotations

import os
import textwrap
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
CORPUS = REPO.parent / "shared" / "corpus" / "lennyspodcast"


def corpus_or_skip() -> Path:
    if CORPUS.is_dir():
        return CORPUS
    if os.environ.get("HANDBOOK_REQUIRE_CORPUS"):
        pytest.fail(f"HANDBOOK_REQUIRE_CORPUS is set but {CORPUS} does not exist")
    pytest.skip(f"the real notes are not beside this checkout ({CORPUS} does not exist)")


MINI_NOTE = """\
---
title: Mini note
videoId: abcdefghijk
---

Intro [[other_note | the other one]] and [[Some Topic]] <a class="yt-timestamp" data-t="00:01:05">[00:01:05]</a>.

## Section

Second [00:02:10] and a range [00:03:00 - 00:03:30].
"""

MINI_RUBRIC = """\
schema: 1
title: "Mini handbook"
version: "1.0"
sources:
  - {id: talk, video: "abcdefghijk", title: "A talk", speaker: "Someone", show: "A show", duration: "00:10:00"}
levels:
  - {n: 0, name: "Start"}
  - {n: 1, name: "Grown"}
ws:
  - {id: make, title: "What you make", summary: "Things.", cites: ["mini@00:01:05"]}
pillars:
  - id: craft
    title: "Craft"
    w: make
    summary: "Making things well."
    cites: ["mini@00:02:10"]
    levels:
      - n: 0
        summary: "Makes small things."
        criteria:
          - {id: ships-small, text: "Ships a small thing.", cites: ["mini@00:03:00"]}
          - {id: asks-for-help, text: "Asks for help early."}
      - n: 1
        summary: "Makes big things."
        criteria:
          - {id: ships-big, text: "Ships a big thing."}
          - {id: helps-others, text: "Helps others ship."}
principles:
  - {id: keep-going, group: tenets, w: make, title: "Keep going", text: "Do not stop.", cites: ["mini@00:03:30"]}
quiz:
  questions:
    - id: craft-first
      pillar: craft
      prompt: "What do you do first?"
      options:
        - {level: 0, text: "Ask."}
        - {level: 1, text: "Ship."}
"""

# A site of its own: no theme directory and no Markdown extensions borrowed from this repository,
# so whatever the pages need has to come from the plugin.
MINI_MKDOCS = """\
site_name: Mini
docs_dir: docs
theme:
  name: material
  font: false
plugins:
  - search
  - handbook
validation:
  omitted_files: warn
  absolute_links: warn
  unrecognized_links: warn
  anchors: warn
"""


def write_project(
    root: Path,
    rubric: str = MINI_RUBRIC,
    notes: dict[str, str] | None = None,
    pages: dict[str, str] | None = None,
    mkdocs: str | None = None,
) -> Path:
    """A small project on disk: mkdocs.yml, rubric.yaml, docs/ with notes and hand-written pages."""
    (root / "docs" / "transcripts").mkdir(parents=True, exist_ok=True)
    (root / "mkdocs.yml").write_text(mkdocs or MINI_MKDOCS)
    (root / "rubric.yaml").write_text(textwrap.dedent(rubric))
    for name, text in (notes if notes is not None else {"mini.md": MINI_NOTE}).items():
        (root / "docs" / "transcripts" / name).write_text(text)
    for name, text in (pages if pages is not None else {"index.md": "# Home\n"}).items():
        path = root / "docs" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)
    return root


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return write_project(tmp_path)
