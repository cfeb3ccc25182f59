"""Two builds of the same inputs with SOURCE_DATE_EPOCH set are byte-identical, every file of them."""

from __future__ import annotations

import gzip
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import REPO
from tests.hostile_site import write_hostile_project

EPOCH = "1767225600"  # 2026-01-01T00:00:00Z


def build(project: Path, out: Path) -> None:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": EPOCH, "PYTHONHASHSEED": "random"}
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "-d", str(out)],
        cwd=project,
        capture_output=True,
        text=True,
        env=env,
        timeout=600,
        check=False,
    )
    assert result.returncode == 0, result.stderr


def tree(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


@pytest.mark.parametrize("which", ["handbook", "hostile"])
def test_two_builds_are_byte_identical(tmp_path: Path, which: str) -> None:
    project = REPO if which == "handbook" else write_hostile_project(tmp_path / "project")
    build(project, tmp_path / "a")
    build(project, tmp_path / "b")
    a, b = tree(tmp_path / "a"), tree(tmp_path / "b")
    assert sorted(a) == sorted(b)
    different = [name for name in a if a[name] != b[name]]
    assert not different, different
    assert "sitemap.xml.gz" in a and "search/search_index.json" in a
    # The sitemap's gzip header carries SOURCE_DATE_EPOCH, not the build time.
    assert int.from_bytes(a["sitemap.xml.gz"][4:8], "little") == int(EPOCH)
    assert gzip.decompress(a["sitemap.xml.gz"]) == a["sitemap.xml"]
