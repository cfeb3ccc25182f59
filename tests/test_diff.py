"""``python -m generator diff OLD NEW``: what changed between two rubrics, and whether links break.

The golden case is ``tests/golden/diff/``: ``old.yaml``, ``new.yaml`` (a renamed pillar and criterion
kept through ``aliases:``, a criterion removed without one, a dropped alias, reworded texts, a renamed
level, an added level with its pillar levels, a moved pillar) and ``expected/`` with the output in each
format. The CLI runs from that folder with relative paths, so no temp path reaches the output.

To accept a change in the output, rewrite the expected files and review the diff before committing:

    UPDATE_GOLDEN=1 .venv/bin/python -m pytest tests/test_diff.py
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from generator.loading import parse_rubric
from generator.model import Rubric
from generator.problems import ProblemLog, has_errors
from generator.rubric_diff import Change, code, diff_rubrics, render_json, render_markdown
from tests.conftest import MINI_RUBRIC, REPO

GOLDEN = Path(__file__).parent / "golden" / "diff"
UPDATE = os.environ.get("UPDATE_GOLDEN") == "1"
GOLDEN_FILES = {"markdown": "diff.md", "json": "diff.json"}


def run(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "generator", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=120,
        env=dict(os.environ, PYTHONPATH=str(REPO)),
    )


def rubric(text: str) -> Rubric:
    log = ProblemLog("rubric.yaml")
    loaded = parse_rubric(text.encode(), log)
    assert loaded is not None and not has_errors(log.problems), [p.format() for p in log.problems]
    return loaded


def changes(old: str, new: str) -> list[Change]:
    return list(diff_rubrics(rubric(old), rubric(new)).changes)


# --- the golden case, through the command line ----------------------------------------------------------


@pytest.mark.parametrize("fmt", sorted(GOLDEN_FILES))
def test_diff_matches_the_golden_file(fmt: str) -> None:
    result = run("diff", "old.yaml", "new.yaml", "--format", fmt, cwd=GOLDEN)
    path = GOLDEN / "expected" / GOLDEN_FILES[fmt]
    if UPDATE:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(result.stdout, encoding="utf-8", newline="\n")
    assert result.stdout == path.read_text(encoding="utf-8")
    # A criterion removed without an alias and an alias dropped: links break.
    assert result.returncode == 1, result.stderr
    assert result.stderr == (
        "new.yaml: error: 2 URLs or anchors of old.yaml disappeared (expected each removed id kept under "
        "'aliases:' of the item that replaces it). hint: the differences list them under 'Removed'\n"
    )


def test_the_golden_json_lists_every_kind_of_change() -> None:
    document = json.loads((GOLDEN / "expected" / GOLDEN_FILES["json"]).read_text(encoding="utf-8"))
    assert document["breaks_links"] is True
    assert document["counts"] == {"removed": 2, "renamed": 2, "reworded": 5, "moved": 1, "added": 6}
    found = {(c["change"], c["item"], c["id"] or c["field"] or c["level"]) for c in document["changes"]}
    assert {
        ("renamed", "pillar", "metrics"),  # with aliases: [data]
        ("removed", "criterion", "asks-about-numbers"),  # without an alias
        ("reworded", "criterion", "defines-metrics"),
        ("added", "pillar level", 3),
        ("reworded", "level", "name"),  # level 1: Doing → Practising
    } <= found
    keys = {tuple(change) for change in document["changes"]}
    assert len(keys) == 1  # every change has the same keys, null where one does not apply


def test_the_same_rubric_twice_has_no_differences_and_exits_0() -> None:
    result = run("diff", "old.yaml", "old.yaml", cwd=GOLDEN)
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    assert result.stdout == (
        "# Rubric changes\n\nFrom `old.yaml` (version `2026.1`) to `old.yaml` (version `2026.1`): no differences.\n"
    )


def test_changes_that_keep_every_link_exit_0(tmp_path: Path) -> None:
    old = tmp_path / "old.yaml"
    new = tmp_path / "new.yaml"
    old.write_text(MINI_RUBRIC)
    renamed = MINI_RUBRIC.replace("{id: ships-big,", "{id: ships-large, aliases: [ships-big],")
    new.write_text(renamed.replace('"Helps others ship."', '"Helps others ship, every week."'))
    result = run("diff", "old.yaml", "new.yaml", "--format", "json", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    document = json.loads(result.stdout)
    assert document["breaks_links"] is False
    assert [(c["change"], c["id"]) for c in document["changes"]] == [
        ("renamed", "ships-large"),
        ("reworded", "helps-others"),
    ]


# --- rubrics that do not load, and usage errors ----------------------------------------------------------


def test_a_rubric_that_does_not_load_prints_its_located_problems(tmp_path: Path) -> None:
    (tmp_path / "old.yaml").write_text(MINI_RUBRIC)
    (tmp_path / "new.yaml").write_text(
        MINI_RUBRIC.replace('version: "1.0"', "version: 12:34").replace("    w: make", "    w: mkae")
    )
    result = run("diff", "old.yaml", "new.yaml", cwd=tmp_path)
    assert result.returncode == 1
    assert result.stdout == ""
    assert "Traceback" not in result.stderr
    assert [line.split(" [")[0] for line in result.stderr.splitlines()] == [
        "new.yaml:3:10: error",
        "new.yaml:14:8: error",
    ]
    assert "[unquoted-value] version '12:34' is unquoted" in result.stderr
    assert "[unknown-reference] unknown W 'mkae'" in result.stderr


def test_a_missing_file_is_a_located_problem(tmp_path: Path) -> None:
    (tmp_path / "old.yaml").write_text(MINI_RUBRIC)
    result = run("diff", "old.yaml", "nowhere.yaml", cwd=tmp_path)
    assert result.returncode == 1
    assert result.stdout == ""
    assert result.stderr.startswith("nowhere.yaml:1:1: error [unreadable] cannot read the rubric: ")
    assert "hint: name a file, or REV:PATH such as HEAD~1:rubric.yaml" in result.stderr


@pytest.mark.parametrize(
    "args",
    [
        pytest.param(["diff"], id="no-rubrics"),
        pytest.param(["diff", "old.yaml"], id="one-rubric"),
        pytest.param(["diff", "old.yaml", "new.yaml", "--format", "html"], id="unknown-format"),
        pytest.param(["diff", "", "new.yaml"], id="empty-name"),
    ],
)
def test_usage_errors_exit_2(args: list[str]) -> None:
    result = run(*args, cwd=GOLDEN)
    assert result.returncode == 2
    assert result.stdout == ""
    assert "usage: python -m generator diff" in result.stderr
    assert "Traceback" not in result.stderr


# --- git revisions ------------------------------------------------------------------------------------------


def git(repo: Path, *args: str) -> None:
    identity = ["-c", "user.name=Test", "-c", "user.email=test@example.com", "-c", "commit.gpgsign=false"]
    subprocess.run(["git", *identity, *args], cwd=repo, check=True, capture_output=True, timeout=60)


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """A git repository with two commits of rubric.yaml: the golden old one, then the new one."""
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    root = tmp_path / "repo"
    (root / "docs").mkdir(parents=True)
    (root / "docs" / "index.md").write_text("# Home\n")
    git(root, "init", "--quiet")
    git(root, "add", "docs")
    for name in ("old.yaml", "new.yaml"):
        shutil.copy(GOLDEN / name, root / "rubric.yaml")
        git(root, "add", "rubric.yaml")
        git(root, "commit", "--quiet", "-m", f"rubric from {name}")
    return root


def test_git_revisions_are_read_with_rev_colon_path(repo: Path) -> None:
    result = run("diff", "HEAD~1:rubric.yaml", "HEAD:rubric.yaml", cwd=repo)
    expected = (GOLDEN / "expected" / GOLDEN_FILES["markdown"]).read_text(encoding="utf-8")
    labelled = expected.replace("`old.yaml`", "`HEAD~1:rubric.yaml`").replace("`new.yaml`", "`HEAD:rubric.yaml`")
    assert result.stdout == labelled
    assert result.returncode == 1
    assert result.stderr.startswith("HEAD:rubric.yaml: error: 2 URLs or anchors of HEAD~1:rubric.yaml disappeared")


def test_a_revision_against_the_working_tree_from_a_subfolder(repo: Path) -> None:
    result = run("diff", "HEAD:rubric.yaml", "../rubric.yaml", cwd=repo / "docs")
    assert result.returncode == 0, result.stderr
    assert result.stdout.endswith("no differences.\n")
    # git's own ./ form: a path relative to the current folder.
    result = run("diff", "HEAD~1:../rubric.yaml", "../rubric.yaml", "--format", "json", cwd=repo / "docs")
    assert result.returncode == 1
    assert json.loads(result.stdout)["breaks_links"] is True


@pytest.mark.parametrize(
    ("spec", "reason"),
    [
        ("HEAD~5:rubric.yaml", "fatal: invalid object name 'HEAD~5'"),
        ("HEAD:nowhere.yaml", "fatal: path 'nowhere.yaml' does not exist in 'HEAD'"),
        ("HEAD:docs", "bad file"),  # a folder, not a file
    ],
)
def test_a_revision_git_cannot_read_is_a_located_problem(repo: Path, spec: str, reason: str) -> None:
    result = run("diff", spec, "rubric.yaml", cwd=repo)
    assert result.returncode == 1
    assert result.stdout == ""
    [line] = result.stderr.splitlines()
    assert line.startswith(
        f"{spec}:1:1: error [unreadable] cannot read the rubric: no such file, and git cannot read it: "
    )
    assert reason in line


def test_a_revision_outside_a_repository_is_a_located_problem(tmp_path: Path) -> None:
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    (tmp_path / "rubric.yaml").write_text(MINI_RUBRIC)
    result = run("diff", "HEAD:rubric.yaml", "rubric.yaml", cwd=tmp_path)
    assert result.returncode == 1
    assert result.stderr.startswith("HEAD:rubric.yaml:1:1: error [unreadable] ")
    assert "not a git repository" in result.stderr


def test_a_revision_with_a_broken_rubric_is_located_in_that_revision(repo: Path) -> None:
    (repo / "rubric.yaml").write_text(MINI_RUBRIC.replace("schema: 1", "schema: 2"))
    git(repo, "commit", "--quiet", "-am", "a broken rubric")
    result = run("diff", "HEAD~1:rubric.yaml", "HEAD:rubric.yaml", cwd=repo)
    assert result.returncode == 1
    assert result.stderr.startswith("HEAD:rubric.yaml:1:9: error [schema-version] schema 2 (expected 1)")


# --- the comparison, case by case ---------------------------------------------------------------------------


def summary(found: list[Change]) -> list[tuple[str, str, str]]:
    return [(c.kind, c.item, c.old_id + (" → " if c.old_id else "") + (c.id or c.field)) for c in found]


def test_a_criterion_moved_to_another_level_loses_its_anchor() -> None:
    old = MINI_RUBRIC
    asks = '          - {id: asks-for-help, text: "Asks for help early."}\n'
    helps = '          - {id: helps-others, text: "Helps others ship."}\n'
    new = old.replace(asks, "").replace(helps, helps + asks)
    found = changes(old, new)
    assert summary(found) == [("removed", "criterion", "asks-for-help"), ("added", "criterion", "asks-for-help")]
    assert found[0].old_url == "/pillars/craft/level-0/#asks-for-help"
    assert found[1].url == "/pillars/craft/level-1/#asks-for-help"


def test_a_renamed_pillar_carries_its_levels_and_criteria() -> None:
    new = MINI_RUBRIC.replace("  - id: craft\n", "  - id: making\n    aliases: [craft]\n").replace(
        "pillar: craft", "pillar: making"
    )
    new = new.replace('summary: "Makes big things."', 'summary: "Makes big things well."')
    found = changes(MINI_RUBRIC, new)
    assert summary(found) == [("renamed", "pillar", "craft → making"), ("reworded", "pillar level", "summary")]
    assert (found[0].old_url, found[0].url) == ("/pillars/craft/", "/pillars/making/")
    assert (found[1].pillar, found[1].level, found[1].url) == ("making", 1, "/pillars/making/level-1/")


def test_a_removed_pillar_stands_for_its_levels_and_criteria() -> None:
    second = """\
  - id: second
    title: "Second"
    w: make
    summary: "Another pillar."
    levels:
      - {n: 0, summary: "Starts.", criteria: [{id: starts, text: "Starts."}]}
      - {n: 1, summary: "Grows.", criteria: [{id: grows, text: "Grows."}]}
"""
    old = MINI_RUBRIC.replace("principles:\n", second + "principles:\n")
    assert summary(changes(old, MINI_RUBRIC)) == [("removed", "pillar", "second")]
    assert summary(changes(MINI_RUBRIC, old)) == [("added", "pillar", "second")]


def test_a_removed_level_breaks_its_page_and_every_pillar_level() -> None:
    old = MINI_RUBRIC
    new = old.replace('  - {n: 1, name: "Grown"}\n', "")
    new = new.split("      - n: 1\n")[0] + "principles:" + new.split("principles:")[1]
    new = new.replace('        - {level: 1, text: "Ship."}\n', "")
    found = diff_rubrics(rubric(old), rubric(new))
    assert summary(list(found.changes)) == [("removed", "level", ""), ("removed", "pillar level", "")]
    assert [c.old_url for c in found.changes] == ["/levels/1/", "/pillars/craft/level-1/"]
    assert found.breaks_links


def test_a_dropped_alias_breaks_the_old_url() -> None:
    old = MINI_RUBRIC.replace("  - {id: make, ", "  - {id: make, aliases: [build], ")
    found = changes(old, MINI_RUBRIC)
    assert summary(found) == [("removed", "W", "build")]
    assert (found[0].alias_of, found[0].old_url) == ("make", "/ws/build/")
    # An alias kept, by the same item or by another one, keeps the link.
    assert changes(old, old) == []


def test_two_items_merged_into_one_keep_both_urls() -> None:
    old = MINI_RUBRIC.replace(
        "principles:\n  - {id: keep-going,",
        'principles:\n  - {id: persist, group: tenets, title: "Persist", text: "Go on."}\n  - {id: keep-going,',
    )
    new = MINI_RUBRIC.replace("{id: keep-going,", "{id: keep-going, aliases: [persist],")
    assert summary(changes(old, new)) == [("renamed", "principle", "persist → keep-going")]


def test_a_move_follows_a_renamed_w() -> None:
    renamed = MINI_RUBRIC.replace("  - {id: make, ", "  - {id: makes, aliases: [make], ").replace("w: make", "w: makes")
    # The pillar and the principle now name the W by its new id: they did not move.
    assert summary(changes(MINI_RUBRIC, renamed)) == [("renamed", "W", "make → makes")]
    moved = MINI_RUBRIC.replace("    w: make\n", "    w: other\n").replace(
        "ws:\n", 'ws:\n  - {id: other, title: "Other", summary: "Other things."}\n'
    )
    found = changes(MINI_RUBRIC, moved)
    assert summary(found) == [("added", "W", "other"), ("moved", "pillar", "craft")]
    assert (found[1].field, found[1].old, found[1].new) == ("w", "make", "other")


def test_whitespace_that_does_not_show_is_not_a_rewording() -> None:
    new = MINI_RUBRIC.replace('summary: "Making things well."', 'summary: "Making  things\\n well. "')
    assert changes(MINI_RUBRIC, new) == []


def test_title_version_and_principle_changes() -> None:
    new = MINI_RUBRIC.replace('title: "Mini handbook"', 'title: "Maxi handbook"').replace('"1.0"', '"2.0"')
    new = new.replace("group: tenets, w: make,", "group: habits,")
    assert summary(changes(MINI_RUBRIC, new)) == [
        ("reworded", "rubric", "title"),
        ("reworded", "rubric", "version"),
        ("moved", "principle", "keep-going"),
        ("moved", "principle", "keep-going"),
    ]
    assert [(c.field, c.old, c.new) for c in changes(MINI_RUBRIC, new)[2:]] == [
        ("group", "tenets", "habits"),
        ("w", "make", ""),
    ]


# --- rendering ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "span"),
    [
        ("plain", "`plain`"),
        ("a `tick`", "`` a `tick` ``"),  # a span may not end in its fence's character: padded
        ("``", "``` `` ```"),
        ("`x", "`` `x ``"),
        ("two\nlines", "`two lines`"),
        ("<b>*not* bold</b>", "`<b>*not* bold</b>`"),
        ("", "(none)"),
    ],
)
def test_text_is_shown_as_written_in_code_spans(text: str, span: str) -> None:
    assert code(text) == span


def test_a_long_rewording_is_shown_before_and_after() -> None:
    long_text = "Ships a big thing, with a plan, a date, a measured result and a note on what comes next."
    new = MINI_RUBRIC.replace('"Ships a big thing."', f'"{long_text}"')
    diff = diff_rubrics(rubric(MINI_RUBRIC), rubric(new))
    assert render_markdown(diff, "a", "b").splitlines()[-3:] == [
        "- criterion `ships-big` (pillar `craft`, level 1), text:",
        "  - before: `Ships a big thing.`",
        f"  - after: `{long_text}`",
    ]


def test_output_is_deterministic() -> None:
    old, new = rubric((GOLDEN / "old.yaml").read_text()), rubric((GOLDEN / "new.yaml").read_text())
    first, second = diff_rubrics(old, new), diff_rubrics(old, new)
    assert render_markdown(first, "a", "b") == render_markdown(second, "a", "b")
    assert render_json(first, "a", "b") == render_json(second, "a", "b")
