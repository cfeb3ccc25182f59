"""A small handbook published twice with mike into a temporary git repository (``python -m generator publish``).

Version 1.0 is published, then the rubric becomes 1.1 (one criterion reworded) and is published again, so
the ``gh-pages`` branch holds both versions with ``latest`` on 1.1. Nothing is pushed.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from tests.conftest import MINI_MKDOCS, MINI_RUBRIC, REPO, write_project

SITE_URL = "https://handbook.example.org/team/"
VERSIONED = MINI_MKDOCS + f"strict: true\nsite_url: {SITE_URL}\nextra:\n  version:\n    provider: mike\n"
OLD_WORDS = "Ships a big thing."
NEW_WORDS = "Ships it."
GIT_IDENTITY = {
    "GIT_AUTHOR_NAME": "Handbook tests",
    "GIT_AUTHOR_EMAIL": "tests@example.invalid",
    "GIT_COMMITTER_NAME": "Handbook tests",
    "GIT_COMMITTER_EMAIL": "tests@example.invalid",
}


def run(root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, **GIT_IDENTITY, "PYTHONPATH": str(REPO), "NO_MKDOCS_2_WARNING": "1"}
    return subprocess.run(args, cwd=root, capture_output=True, text=True, timeout=300, env=env, check=False)


def git(root: Path, *args: str) -> str:
    result = run(root, "git", *args)
    assert result.returncode == 0, result.stderr
    return result.stdout


def publish(root: Path) -> subprocess.CompletedProcess[str]:
    return run(root, sys.executable, "-m", "generator", "publish")


def publish_two_versions(root: Path) -> Path:
    """The handbook at ``root`` (a new folder) published as 1.0, then as 1.1; returns ``root``."""
    write_project(root, mkdocs=VERSIONED)
    (root / ".gitignore").write_text("site/\n")  # mike builds there, as mkdocs does
    git(root, "init", "-q", "-b", "main")
    git(root, "add", ".")
    git(root, "commit", "-qm", "1.0")
    first = publish(root)
    assert first.returncode == 0, first.stdout + first.stderr
    newer = MINI_RUBRIC.replace('version: "1.0"', 'version: "1.1"').replace(OLD_WORDS, NEW_WORDS)
    (root / "rubric.yaml").write_text(newer)
    git(root, "commit", "-qam", "1.1")
    second = publish(root)
    assert second.returncode == 0, second.stdout + second.stderr
    return root


def check_out_pages(root: Path, target: Path) -> Path:
    """The ``gh-pages`` branch's files written into ``target`` (what GitHub Pages serves)."""
    target.mkdir(parents=True, exist_ok=True)
    archive = subprocess.run(["git", "archive", "gh-pages"], cwd=root, capture_output=True, check=True)
    subprocess.run(["tar", "-x", "-C", str(target)], input=archive.stdout, check=True)
    return target
