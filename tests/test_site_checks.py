"""Site-wide link check of the real handbook: every link and every ``#anchor`` resolves.

The site is built once with ``mkdocs build --strict`` for an address under a path, as GitHub Pages
serves a project site (``HANDBOOK_SITE_URL``, see ``.github/workflows/pages.yml``), so the canonical
links are checked too and a relative link that climbs above the site is caught. The build folder is
then walked offline by ``tests/site_links.py``: no server, nothing fetched. Links off the site must
be the talk's video links (or a note author's, inside a note passage).
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.conftest import REPO
from tests.site_links import check_site

SITE_URL = "https://handbook.example.org/pm-growth/"


# Material's "Made with Material for MkDocs" footer. The one off-site link no reader asked for; it
# goes with `extra: {generator: false}` in mkdocs.yml, and then this allowance can go too.
@pytest.fixture(scope="module")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real site, built with ``mkdocs build --strict`` for :data:`SITE_URL`."""
    out = tmp_path_factory.mktemp("link-check") / "site"
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(out)],
        cwd=REPO,
        capture_output=True,
        text=True,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1", "HANDBOOK_SITE_URL": SITE_URL},
        timeout=300,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return out


def test_every_link_and_anchor_resolves(built_site: Path, capsys: pytest.CaptureFixture[str]) -> None:
    started = time.perf_counter()
    report = check_site(built_site, SITE_URL)
    elapsed = time.perf_counter() - started
    with capsys.disabled():
        print(f"\nlink check: {report.pages} pages, {report.links} links, {elapsed:.2f}s")
    assert report.pages > 100
    assert not report.broken, f"{len(report.broken)} broken links or anchors:\n" + "\n".join(report.broken)


def test_the_check_sees_the_site_as_built(built_site: Path) -> None:
    """The pages carry what the check is there for: canonical links under the site's address,
    the talk's video links and passage anchors (so a pass is not a check of nothing)."""
    home = (built_site / "index.html").read_text(encoding="utf-8")
    assert f'<link rel="canonical" href="{SITE_URL}">' in home
    pillar = (built_site / "pillars" / "data" / "index.html").read_text(encoding="utf-8")
    assert "https://www.youtube.com/watch?v=" in pillar and "/#t-" in pillar
