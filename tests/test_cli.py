"""``python -m generator check|export --config mkdocs.yml`` as a user runs it: a subprocess."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from generator import frontend
from tests.conftest import MINI_NOTE, MINI_RUBRIC, REPO, write_project

LOCATED = re.compile(
    r"^(?P<path>[^\s:][^:]*):(?P<line>[1-9]\d*):(?P<col>[1-9]\d*): (error|warning|notice) \[[a-z0-9-]+\] "
)
SUMMARY = re.compile(
    r"^\d+ pages, \d+ notes, \d+ citations, \d+ topics; cited: .*\. \d+ errors?, \d+ warnings?, \d+ notices?$"
)


def run(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "generator", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=120,
        env=dict(os.environ, PYTHONPATH=str(REPO)),
    )


def check(root: Path) -> subprocess.CompletedProcess[str]:
    # Run from elsewhere, so --config alone must find the project.
    return run("check", "--config", str(root / "mkdocs.yml"), cwd=root.parent)


def problem_lines(output: str) -> list[str]:
    return [line for line in output.splitlines() if not SUMMARY.match(line) and not line.startswith("check failed")]


def assert_all_located(result: subprocess.CompletedProcess[str]) -> None:
    output = result.stdout + result.stderr
    assert "Traceback" not in output
    lines = problem_lines(result.stderr)
    assert lines
    for line in lines:
        assert LOCATED.match(line), line


# --- check ----------------------------------------------------------------------------------------------


def test_check_prints_a_summary_and_exits_0(tmp_path: Path) -> None:
    root = write_project(tmp_path / "p")
    result = check(root)
    assert result.returncode == 0, result.stderr
    [summary] = result.stdout.splitlines()
    assert SUMMARY.match(summary), summary
    assert " pages, 1 notes, 4 citations, 2 topics; cited: Ws 1/1, pillars 1/1, pillar levels 1/2, " in summary
    assert summary.endswith("criteria 1/4, principles 1/1. 0 errors, 0 warnings, 0 notices")
    assert result.stderr == ""


def test_check_lists_warnings_and_still_exits_0(tmp_path: Path) -> None:
    note = MINI_NOTE + "\nBroken [05:4:00] and [[unclosed.\n"
    root = write_project(tmp_path / "p", notes={"mini.md": note})
    result = check(root)
    assert result.returncode == 0, result.stderr
    assert result.stderr.splitlines() == [
        "docs/transcripts/mini.md:12:9: warning [bad-timestamp] timestamp '05:4:00' is not a time "
        "(expected HH:MM:SS). hint: write it as HH:MM:SS; it is shown as text, not linked",
        "docs/transcripts/mini.md:12:22: warning [unclosed-wikilink] '[[' is never closed by ']]' on this line. "
        "hint: close the link or remove the brackets; it is shown as text",
    ]
    assert result.stdout.rstrip().endswith("0 errors, 2 warnings, 0 notices")


BROKEN = [
    pytest.param(
        {"rubric": MINI_RUBRIC.replace('version: "1.0"', "version: 12:34")}, ["rubric.yaml:3:10:"], id="rubric"
    ),
    pytest.param(
        {"rubric": MINI_RUBRIC.replace("    w: make", "    w: mkae\n    colour: red")},
        ["rubric.yaml:14:8:", "rubric.yaml:15:5:"],
        id="rubric-two-problems",
    ),
    pytest.param({"rubric": "schema: [1\n"}, ["rubric.yaml:2:1:"], id="rubric-syntax"),
    pytest.param(
        {"rubric": MINI_RUBRIC.replace("mini@00:02:10", "mini@00:02:11")}, ["rubric.yaml:16:13:"], id="citation"
    ),
    pytest.param(
        {"rubric": MINI_RUBRIC.replace("mini@00:01:05", "nota@00:01:05")}, ["rubric.yaml:10:68:"], id="note-name"
    ),
    pytest.param(
        {"notes": {"mini.md": MINI_NOTE, "con.md": MINI_NOTE}}, ["docs/transcripts/con.md:1:1:"], id="bad-note-name"
    ),
    pytest.param(
        {"notes": {"mini.md": MINI_NOTE, "Mini.md": MINI_NOTE}},
        ["docs/transcripts/Mini.md:1:1:", "docs/transcripts/mini.md:1:1:"],
        id="duplicate-note",
    ),
    pytest.param(
        {"notes": {"mini.md": MINI_NOTE.replace("videoId: abcdefghijk", "videoId: nope")}},
        ["docs/transcripts/mini.md:3:10:", "rubric.yaml:10:68:", "rubric.yaml:16:13:"],
        id="note-without-video",
    ),
    pytest.param(
        {"pages": {"index.md": "# Home\n", "matrix.md": "# Mine\n"}}, ["docs/matrix.md:1:1:"], id="page-collision"
    ),
]


@pytest.mark.parametrize(("project", "locations"), BROKEN)
def test_check_on_broken_input_exits_1_with_located_problems(
    tmp_path: Path, project: dict[str, object], locations: list[str]
) -> None:
    root = write_project(tmp_path / "p", **project)  # type: ignore[arg-type]
    result = check(root)
    assert result.returncode == 1, result.stdout + result.stderr
    assert_all_located(result)
    found = problem_lines(result.stderr)
    for location in locations:
        assert any(line.startswith(location) for line in found), (location, found)
    assert "error [" in result.stderr
    assert re.search(r"\d+ errors?, \d+ warnings?, \d+ notices?$", result.stderr.rstrip())


def test_check_without_a_config(tmp_path: Path) -> None:
    result = run("check", "--config", str(tmp_path / "mkdocs.yml"), cwd=tmp_path)
    assert result.returncode == 1
    assert result.stderr.startswith(f"{tmp_path / 'mkdocs.yml'}:1:1: error [no-config] cannot read ")
    assert "Traceback" not in result.stderr


def test_check_with_a_broken_config(tmp_path: Path) -> None:
    root = write_project(tmp_path / "p", mkdocs="site_name: [x\n")
    result = check(root)
    assert result.returncode == 1
    assert_all_located(result)
    assert "error [bad-config]" in result.stderr


def test_check_reads_the_plugin_options(tmp_path: Path) -> None:
    mkdocs = (
        "site_name: X\ndocs_dir: site_src\nplugins:\n  - handbook:\n      rubric: r.yaml\n      transcripts: notes\n"
    )
    root = tmp_path / "p"
    (root / "site_src" / "notes").mkdir(parents=True)
    (root / "mkdocs.yml").write_text(mkdocs)
    (root / "r.yaml").write_text(MINI_RUBRIC.replace("mini@00:02:10", "mini@00:02:11"))
    (root / "site_src" / "notes" / "mini.md").write_text(MINI_NOTE)
    result = check(root)
    assert result.returncode == 1
    assert result.stderr.splitlines()[0].startswith(
        "r.yaml:16:13: error [unknown-timestamp] citation 'mini@00:02:11': no timestamp 00:02:11 in "
        "site_src/notes/mini.md."
    )


def test_usage_errors_exit_2(tmp_path: Path) -> None:
    result = run("frobnicate", cwd=tmp_path)
    assert result.returncode == 2
    assert "Traceback" not in result.stderr


# --- export ---------------------------------------------------------------------------------------------


def export(root: Path, target: Path) -> subprocess.CompletedProcess[str]:
    return run("export", str(target), "--config", str(root / "mkdocs.yml"), cwd=root.parent)


def tree(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


EXPECTED_TREE = [
    *frontend.asset_uris(frontend.STYLESHEETS + frontend.SCRIPTS),
    "framework.json",
    "guides/picking.md",
    "img/logo.svg",
    "index.md",
    "levels/0.md",
    "levels/1.md",
    "levels/index.md",
    "matrix.md",
    "pillars/craft/index.md",
    "pillars/craft/level-0.md",
    "pillars/craft/level-1.md",
    "pillars/index.md",
    "principles.md",
    "rubric.schema.json",
    "self-check.md",
    "topics/index.md",
    "topics/other_note.md",
    "topics/some_topic.md",
    "transcripts/index.md",
    "transcripts/mini.md",
    "ws/index.md",
    "ws/make.md",
]


def test_export_writes_the_whole_tree(tmp_path: Path) -> None:
    pages = {"index.md": "# Home\n", "guides/picking.md": "# Picking\n\nSee [the matrix](../matrix.md).\n"}
    root = write_project(tmp_path / "p", pages=pages)
    (root / "docs" / "img").mkdir()
    (root / "docs" / "img" / "logo.svg").write_bytes(b"<svg/>")
    target = tmp_path / "out"
    result = export(root, target)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == f"exported 17 generated pages and the hand-written ones to {target}"
    assert sorted(tree(target)) == sorted(["mkdocs.yml", *(f"docs/{path}" for path in EXPECTED_TREE)])
    files = tree(target / "docs")
    # Hand-written pages are kept, with the version stamp every page ends with.
    assert files["index.md"].startswith(b"# Home\n")
    assert b'class="hb-version"' in files["index.md"]
    assert files["img/logo.svg"] == b"<svg/>"
    assert files["guides/picking.md"].startswith(pages["guides/picking.md"].rstrip().encode())
    # The note's source is replaced by its page.
    mini = files["transcripts/mini.md"].decode()
    assert "\n# Mini note\n" in mini and "videoId" not in mini and 'id="t-00-01-05"' in mini
    framework = json.loads(files["framework.json"])
    assert isinstance(framework, dict)
    assert not any(p.name.startswith(".") for p in tmp_path.iterdir())  # no staging folder left behind
    config = (target / "mkdocs.yml").read_text()
    assert "handbook" not in config.split("plugins:")[1].split("\n", 3)[:3]
    assert "docs_dir: docs\n" in config and "- assets/handbook/quiz.js\n" in config
    assert "- Home: index.md\n" in config and "not_in_nav: |\n  /topics/other_note.md\n" in config


def test_export_replaces_an_existing_tree(tmp_path: Path) -> None:
    root = write_project(tmp_path / "p")
    target = tmp_path / "out"
    (target / "old").mkdir(parents=True)
    (target / "old" / "stale.md").write_text("# Stale\n")
    (target / "index.md").write_text("# Old home\n")
    result = export(root, target)
    assert result.returncode == 0, result.stderr
    assert "old/stale.md" not in tree(target)
    files = tree(target / "docs")
    # Hand-written pages are kept, with the version stamp every page ends with.
    assert files["index.md"].startswith(b"# Home\n")
    assert b'class="hb-version"' in files["index.md"]
    assert "matrix.md" in files
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out", "p"]


def test_export_is_repeatable(tmp_path: Path) -> None:
    root = write_project(tmp_path / "p")
    assert export(root, tmp_path / "a").returncode == 0
    assert export(root, tmp_path / "b").returncode == 0
    assert tree(tmp_path / "a") == tree(tmp_path / "b")


def test_export_with_errors_leaves_the_old_tree(tmp_path: Path) -> None:
    root = write_project(tmp_path / "p", rubric=MINI_RUBRIC.replace('version: "1.0"', "version: 12:34"))
    target = tmp_path / "out"
    target.mkdir()
    (target / "index.md").write_text("# Old home\n")
    result = export(root, target)
    assert result.returncode == 1
    assert_all_located(result)
    assert tree(target) == {"index.md": b"# Old home\n"}
