"""``changelog:`` in rubric.yaml, ``/changes/``, and ``check`` failing when an id of the previous version vanished.

The golden page is built from the rubrics of ``tests/golden/diff/`` (a rename kept through ``aliases:``, a
removal without one, rewording, a move, additions) with a changelog naming ``old.yaml`` as version 2026.1, and an
older version whose rubric is not named. To accept a change in the page, rewrite the expected file and review
the diff before committing:

    UPDATE_GOLDEN=1 .venv/bin/python -m pytest tests/test_changes.py
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from generator.changes import VersionChanges, load_history, render_changes_page
from generator.loading import read_rubric
from generator.model import Rubric
from generator.problems import Problem, Severity
from generator.project import project_from_folders
from generator.site import build_site, check_site
from tests.conftest import MINI_RUBRIC, write_project

DIFF = Path(__file__).parent / "golden" / "diff"
EXPECTED = Path(__file__).parent / "golden" / "changes" / "changes.md"
UPDATE = os.environ.get("UPDATE_GOLDEN") == "1"

CHANGELOG = """\
changelog:
  - {version: "2026.2", date: "2026-02-01", summary: "Data becomes Metrics; a third level."}
  - {version: "2026.1", date: "2026-01-10", summary: "Doing becomes its own level.", rubric: "old.yaml"}
  - {version: "2026.0", date: "2025-12-01", summary: "First published version."}
"""


def with_changelog(rubric_text: str, changelog: str) -> str:
    """The rubric with a changelog added before its quiz (or at the end)."""
    at = rubric_text.find("\nquiz:")
    return rubric_text + changelog if at < 0 else rubric_text[: at + 1] + changelog + rubric_text[at + 1 :]


def newer_over(summary: str, previous: str = "old.yaml") -> str:
    """A changelog of version 1.1 (this rubric) over version 1.0, whose rubric is ``previous``."""
    return (
        f'changelog:\n  - {{version: "1.1", date: "2026-03-01", summary: "{summary}"}}\n'
        f'  - {{version: "1.0", date: "2026-02-01", summary: "First.", rubric: "{previous}"}}\n'
    )


def load(folder: Path, text: str) -> tuple[Rubric, tuple[VersionChanges, ...], list[Problem]]:
    path = folder / "rubric.yaml"
    path.write_text(text)
    rubric, problems = read_rubric(path, "rubric.yaml")
    assert rubric is not None, [p.format() for p in problems]
    history, history_problems = load_history(rubric, path, "rubric.yaml")
    return rubric, history, [*problems, *history_problems]


def errors(problems: list[Problem]) -> list[str]:
    return [p.format() for p in problems if p.severity is Severity.ERROR]


@pytest.fixture
def golden_case(tmp_path: Path) -> tuple[Rubric, tuple[VersionChanges, ...], list[Problem]]:
    shutil.copy(DIFF / "old.yaml", tmp_path / "old.yaml")
    return load(tmp_path, with_changelog((DIFF / "new.yaml").read_text(), CHANGELOG))


def test_the_changes_page_matches_the_golden_file(
    golden_case: tuple[Rubric, tuple[VersionChanges, ...], list[Problem]],
) -> None:
    rubric, history, _ = golden_case
    page = render_changes_page(rubric, history)
    text = f"# {page.title}\n{page.body}" if not page.body.startswith("# ") else page.body
    if UPDATE:
        EXPECTED.parent.mkdir(parents=True, exist_ok=True)
        EXPECTED.write_text(text)
    assert text == EXPECTED.read_text(), "run with UPDATE_GOLDEN=1 and review the diff"


def test_each_version_is_compared_with_the_one_before_when_its_rubric_is_named(
    golden_case: tuple[Rubric, tuple[VersionChanges, ...], list[Problem]],
) -> None:
    _, history, _ = golden_case
    assert [(v.entry.version, v.previous and v.previous.version) for v in history] == [
        ("2026.2", "2026.1"),
        ("2026.1", "2026.0"),
        ("2026.0", None),
    ]
    newest, middle, first = history
    assert newest.diff is not None and newest.diff.old_version == "2026.1"
    assert middle.diff is None and first.diff is None  # 2026.0's rubric is not named


def test_an_id_of_the_previous_version_gone_without_an_alias_is_an_error_at_the_changelog(
    golden_case: tuple[Rubric, tuple[VersionChanges, ...], list[Problem]],
) -> None:
    _, _, problems = golden_case
    assert errors(problems) == [
        "rubric.yaml:79:94: error [vanished-id] criterion 'asks-about-numbers' (pillar 'metrics', level 0) of "
        "version '2026.1' is gone, so /pillars/data/level-0/#asks-about-numbers leads nowhere (expected its id kept "
        "under 'aliases:' of the item that replaces it). hint: add the old id to 'aliases:' of its successor, or "
        "restore the item; `python -m generator diff` lists every difference",
        "rubric.yaml:79:94: error [vanished-id] principle 'raise-problems' (an alias of 'raise-issues') of version "
        "'2026.1' is gone, so /principles/#raise-problems leads nowhere (expected its id kept under 'aliases:' of "
        "the item that replaces it). hint: add the old id to 'aliases:' of its successor, or restore the item; "
        "`python -m generator diff` lists every difference",
    ]


def test_renames_kept_through_aliases_are_not_errors(tmp_path: Path) -> None:
    (tmp_path / "old.yaml").write_text(MINI_RUBRIC)
    renamed = MINI_RUBRIC.replace('version: "1.0"', 'version: "1.1"').replace(
        "{id: ships-big,", "{id: ships-large, aliases: [ships-big],"
    )
    _, history, problems = load(tmp_path, with_changelog(renamed, newer_over("Renamed.")))
    assert errors(problems) == []
    assert history[0].diff is not None
    assert [(c.kind, c.old_id, c.id) for c in history[0].diff.of_kind("renamed")] == [
        ("renamed", "ships-big", "ships-large")
    ]


@pytest.mark.parametrize(
    ("changelog", "expected"),
    [
        (
            '  - {version: "0.9", date: "2026-01-01", summary: "Old."}\n',
            "rubric.yaml:{line}:5: error [changelog-version] the newest changelog entry is version '0.9', but the "
            "rubric is version '1.0' (expected an entry for '1.0' first). hint: add an entry for this version at "
            "the top of changelog: (version, date, summary)",
        ),
        (
            '  - {version: "1.0", date: "2026-01-01", summary: "New.", rubric: "old.yaml"}\n',
            "rubric.yaml:{line}:67: error [changelog-rubric] the newest changelog entry names a rubric (expected "
            "none: it is this file). hint: remove 'rubric:' from this entry; older entries name where their rubric "
            "can be read",
        ),
        (
            '  - {version: "1.0", date: "2026-01-01", summary: "New."}\n'
            '  - {version: "0.9", date: "2026-02-01", summary: "Old."}\n',
            "rubric.yaml:{line+1}:5: error [changelog-order] version '0.9' is dated 2026-02-01, after '1.0' above "
            "it (expected the newest entry first). hint: order changelog: newest first",
        ),
        (
            '  - {version: "1.0", date: "2026-13-01", summary: "New."}\n',
            "rubric.yaml:{line}:28: error [bad-date] date '2026-13-01' (expected a date as YYYY-MM-DD). "
            'hint: e.g. date: "2026-11-28"',
        ),
        (
            '  - {version: "1.0", date: 2026-01-01, summary: "New."}\n',
            "rubric.yaml:{line}:28: error [unquoted-value] changelog date '2026-01-01' is unquoted, so YAML 1.1 "
            'reads it as a date (expected a quoted string). hint: quote it: "2026-01-01"',
        ),
        (
            '  - {version: "1.0", date: "2026-01-01", summary: "New."}\n'
            '  - {version: "1.0", date: "2025-01-01", summary: "Again."}\n',
            "rubric.yaml:{line+1}:15: error [duplicate-id] changelog version '1.0' is used twice (first at line "
            "{line}, column 15). hint: each version has one changelog entry: merge the two",
        ),
        (
            '  - {version: "1.0", date: "2026-01-01", summary: "New.", note: "x"}\n',
            "rubric.yaml:{line}:59: error [unknown-key] unknown key 'note' in a changelog entry (expected one of: "
            "version, date, summary, rubric). hint: known keys: version, date, summary, rubric",
        ),
    ],
)
def test_changelog_mistakes_are_located(tmp_path: Path, changelog: str, expected: str) -> None:
    text = with_changelog(MINI_RUBRIC, "changelog:\n" + changelog)
    line = text.splitlines().index("changelog:") + 2
    path = tmp_path / "rubric.yaml"
    path.write_text(text)
    _, problems = read_rubric(path, "rubric.yaml")
    assert errors(problems) == [expected.replace("{line+1}", str(line + 1)).replace("{line}", str(line))]


def test_a_named_rubric_that_is_missing_or_of_another_version_is_an_error(tmp_path: Path) -> None:
    (tmp_path / "other.yaml").write_text(MINI_RUBRIC.replace('version: "1.0"', 'version: "0.8"'))
    changelog = (
        'changelog:\n  - {version: "1.0", date: "2026-03-01", summary: "New."}\n'
        '  - {version: "0.9", date: "2026-02-01", summary: "Old.", rubric: "other.yaml"}\n'
        '  - {version: "0.5", date: "2026-01-01", summary: "Older.", rubric: "missing.yaml"}\n'
    )
    _, history, problems = load(tmp_path, with_changelog(MINI_RUBRIC, changelog))
    found = errors(problems)
    assert len(found) == 2, found
    assert "error [changelog-rubric] 'other.yaml' is version '0.8' (expected version '0.9')" in found[0]
    assert "error [changelog-rubric] version '0.5': cannot use its rubric 'missing.yaml': cannot read" in found[1]
    assert all(v.diff is None for v in history)


def test_a_rubric_is_read_from_git_as_rev_path(tmp_path: Path) -> None:
    def git(*args: str) -> None:
        subprocess.run(["git", *args], cwd=tmp_path, check=True, capture_output=True)

    git("init", "-q")
    (tmp_path / "rubric.yaml").write_text(MINI_RUBRIC)
    git("add", "rubric.yaml")
    git("-c", "user.name=t", "-c", "user.email=t@example.invalid", "commit", "-qm", "1.0")
    newer = MINI_RUBRIC.replace('version: "1.0"', 'version: "1.1"').replace('"Ships a big thing."', '"Ships it."')
    _, history, problems = load(tmp_path, with_changelog(newer, newer_over("Reworded.", "HEAD:rubric.yaml")))
    assert errors(problems) == []
    assert history[0].diff is not None
    assert [(c.kind, c.id, c.new) for c in history[0].diff.of_kind("reworded") if c.item == "criterion"] == [
        ("reworded", "ships-big", "Ships it.")
    ]


def test_a_site_with_a_changelog_has_a_changes_page_in_its_nav_and_check_fails_on_a_vanished_id(
    tmp_path: Path,
) -> None:
    root = write_project(tmp_path / "site")
    (root / "old.yaml").write_text(MINI_RUBRIC)
    newer = MINI_RUBRIC.replace('version: "1.0"', 'version: "1.1"').replace(
        '          - {id: helps-others, text: "Helps others ship."}\n', ""
    )
    (root / "rubric.yaml").write_text(with_changelog(newer, newer_over("One criterion fewer.")))
    project = project_from_folders(root, root / "rubric.yaml", root / "docs" / "transcripts")
    site = build_site(project)
    page = site.page("changes.md")
    assert page is not None and "helps-others" in page.markdown
    assert {"Changes": "changes.md"} in site.nav([])
    checked = check_site(project)
    assert [p.code for p in checked.problems if p.severity is Severity.ERROR] == ["vanished-id"]


def test_a_site_without_a_changelog_has_no_changes_page(tmp_path: Path) -> None:
    root = write_project(tmp_path / "site")
    site = build_site(project_from_folders(root, root / "rubric.yaml", root / "docs" / "transcripts"))
    assert site.ok and site.page("changes.md") is None
