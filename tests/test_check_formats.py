"""``python -m generator check --format text|github|json`` against golden files, run as a user runs it.

Each case is a small project written by ``write_project``; its expected output per format is in
``tests/golden/check/<case>/`` (``text.txt`` is stderr then stdout; the others are stdout alone).
The CLI runs from the project folder with a relative ``--config``, so no temp path reaches the output.

To accept a change in the output, rewrite the files and review the diff before committing:

    UPDATE_GOLDEN=1 .venv/bin/python -m pytest tests/test_check_formats.py
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from generator.problems import Problem, Severity
from generator.reporting import escape_github_data, escape_github_property, render_github_command
from tests.conftest import MINI_NOTE, MINI_RUBRIC, REPO, write_project

GOLDEN = Path(__file__).parent / "golden" / "check"
UPDATE = os.environ.get("UPDATE_GOLDEN") == "1"
GOLDEN_FILES = {"text": "text.txt", "github": "github.txt", "json": "json.json"}

FORMATS_MKDOCS = """\
site_name: Formats
docs_dir: docs
plugins:
  - search
  - handbook:
      acknowledge:
        - "bad-timestamp docs/transcripts/copied: café, as found.md"
"""
# A note kept as copied: its file name is repaired (a notice) and its broken time is acknowledged.
COPIED_NOTE = "---\ntitle: Copied\nvideoId: abcdefghijk\n---\n\nA time [00:01:05] and one that is not [1:2:3:4].\n"
# An unacknowledged warning (a broken time) and a notice (a repaired four-part time).
MINI_WITH_PROBLEMS = MINI_NOTE + "\nBroken [05:4:00] and four parts [00:04:10:00].\n"
NOTES = {"mini.md": MINI_WITH_PROBLEMS, "copied: café, as found.md": COPIED_NOTE}


def write_clean(root: Path) -> Path:
    return write_project(root, mkdocs=FORMATS_MKDOCS)


def write_warnings(root: Path) -> Path:
    return write_project(root, notes=NOTES, mkdocs=FORMATS_MKDOCS)


def write_failing(root: Path) -> Path:
    # A citation to a time the note does not have: an error, so no stats.
    rubric = MINI_RUBRIC.replace("mini@00:02:10", "mini@00:02:11")
    return write_project(root, rubric=rubric, notes=NOTES, mkdocs=FORMATS_MKDOCS)


CASES: dict[str, tuple[Callable[[Path], Path], int]] = {
    "clean": (write_clean, 0),
    "warnings": (write_warnings, 0),
    "failing": (write_failing, 1),
}


def run(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "generator", *args],
        cwd=cwd,
        capture_output=True,
        encoding="utf-8",
        timeout=120,
        env=dict(os.environ, PYTHONPATH=str(REPO), PYTHONIOENCODING="utf-8"),
    )


def check(tmp_path: Path, case: str, *options: str) -> subprocess.CompletedProcess[str]:
    write, _ = CASES[case]
    root = write(tmp_path / "p")
    return run("check", "--config", "mkdocs.yml", *options, cwd=root)


def write_golden(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8", newline="\n")


@pytest.mark.parametrize("fmt", list(GOLDEN_FILES))
@pytest.mark.parametrize("case", list(CASES))
def test_check_output_matches_the_golden_file(tmp_path: Path, case: str, fmt: str) -> None:
    result = check(tmp_path, case, "--format", fmt)
    assert result.returncode == CASES[case][1], result.stdout + result.stderr
    output = result.stderr + result.stdout if fmt == "text" else result.stdout
    assert "Traceback" not in result.stderr
    assert str(tmp_path) not in output
    golden = GOLDEN / case / GOLDEN_FILES[fmt]
    if UPDATE:
        write_golden(golden, output)
    assert output == golden.read_text(encoding="utf-8")


@pytest.mark.parametrize("case", list(CASES))
def test_text_is_the_default_with_the_summary_on_stdout_unless_the_check_failed(tmp_path: Path, case: str) -> None:
    default, text = check(tmp_path / "a", case), check(tmp_path / "b", case, "--format", "text")
    assert (default.returncode, default.stdout, default.stderr) == (text.returncode, text.stdout, text.stderr)
    summary = (default.stderr if default.returncode else default.stdout).splitlines()[-1]
    assert re.search(r"\d+ errors?, \d+ warnings?, \d+ notices?$", summary)
    assert default.stdout == ("" if default.returncode else f"{summary}\n")


@pytest.mark.parametrize("fmt", ["github", "json"])
@pytest.mark.parametrize("case", list(CASES))
def test_machine_formats_write_only_stdout_and_keep_the_exit_code(tmp_path: Path, case: str, fmt: str) -> None:
    result = check(tmp_path, case, "--format", fmt)
    assert result.returncode == CASES[case][1]
    assert result.stderr == ""


GITHUB_COMMAND = re.compile(r"^::(error|warning|notice) file=[^,:]+,line=[1-9]\d*,col=[1-9]\d*,title=[a-z0-9-]+::")


def test_github_gives_one_command_per_problem_then_the_summary(tmp_path: Path) -> None:
    lines = check(tmp_path, "failing", "--format", "github").stdout.splitlines()
    *commands, summary = lines
    assert [GITHUB_COMMAND.match(line) is not None for line in commands] == [True] * 5
    assert [line.split(" ")[0] for line in commands] == ["::notice", "::notice", "::warning", "::notice", "::error"]
    assert sum("(acknowledged)" in line for line in commands) == 1
    assert summary == "check failed: 1 error, 2 warnings, 2 notices"


def test_json_is_one_document_whose_counts_match_its_problems(tmp_path: Path) -> None:
    document = json.loads(check(tmp_path, "warnings", "--format", "json").stdout)
    problems, summary = document["problems"], document["summary"]
    assert set(problems[0]) == {"path", "line", "col", "severity", "code", "message", "hint", "acknowledged"}
    for severity in ("error", "warning", "notice"):
        assert summary[f"{severity}s"] == sum(p["severity"] == severity for p in problems)
    assert [p["path"] for p in problems if p["acknowledged"]] == ["docs/transcripts/copied: café, as found.md"]
    assert problems == sorted(problems, key=lambda p: (p["path"], p["line"], p["col"], p["code"], p["message"]))
    assert summary["pages"] > 0 and summary["notes"] == 2
    assert {c["kind"] for c in summary["coverage"]} >= {"Ws", "pillars", "criteria"}


def test_json_stats_are_null_when_the_check_failed(tmp_path: Path) -> None:
    summary = json.loads(check(tmp_path, "failing", "--format", "json").stdout)["summary"]
    assert summary["errors"] == 1
    assert [summary[key] for key in ("pages", "notes", "citations", "topics", "coverage")] == [None] * 5


def test_json_reports_an_unreadable_config(tmp_path: Path) -> None:
    result = run("check", "--config", "missing.yml", "--format", "json", cwd=tmp_path)
    assert result.returncode == 1
    document = json.loads(result.stdout)
    assert [p["code"] for p in document["problems"]] == ["no-config"]
    assert document["summary"]["errors"] == 1 and document["summary"]["pages"] is None


def test_an_unknown_format_is_a_usage_error(tmp_path: Path) -> None:
    result = check(tmp_path, "clean", "--format", "xml")
    assert result.returncode == 2
    assert "invalid choice: 'xml'" in result.stderr
    assert "Traceback" not in result.stderr


# --- escaping, as the Actions toolkit does it --------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "data", "prop"),
    [
        ("plain", "plain", "plain"),
        ("100%", "100%25", "100%25"),
        ("a\r\nb", "a%0D%0Ab", "a%0D%0Ab"),
        ("a: b, c", "a: b, c", "a%3A b%2C c"),
        ("%0A", "%250A", "%250A"),  # an escape already in the text is escaped, not decoded
    ],
)
def test_github_escaping(text: str, data: str, prop: str) -> None:
    assert escape_github_data(text) == data
    assert escape_github_property(text) == prop


def test_a_github_command_escapes_its_properties_and_message() -> None:
    problem = Problem("docs/a,b:c.md", 3, 4, "bad-timestamp", Severity.WARNING, "50% off\nnext line", "fix it")
    assert render_github_command(problem, frozenset()) == (
        "::warning file=docs/a%2Cb%3Ac.md,line=3,col=4,title=bad-timestamp::50%25 off%0Anext line. hint: fix it"
    )
    acknowledged = frozenset({("bad-timestamp", "docs/a,b:c.md")})
    assert render_github_command(problem, acknowledged).startswith("::notice file=docs/a%2Cb%3Ac.md,")
    assert render_github_command(problem, acknowledged).endswith(". hint: fix it (acknowledged)")


def test_only_warnings_are_acknowledged() -> None:
    error = Problem("rubric.yaml", 1, 1, "bad-value", Severity.ERROR, "broken")
    assert render_github_command(error, frozenset({("bad-value", "rubric.yaml")})).startswith("::error ")
