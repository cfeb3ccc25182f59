"""Site-wide checks of the real handbook with LinkChecker: every link and every #anchor resolves.

The site is built once with ``mkdocs build --strict`` and served on 127.0.0.1. Every HTML page of
the build is a start URL, so pages no link reaches are checked too; each link on a page is
fetched and, with LinkChecker's AnchorCheck plugin, its ``#fragment`` looked up in the target.
Only URLs on that server are fetched: everything else (the YouTube deep links) is matched by an
``ignore`` filter, so LinkChecker checks its syntax and never connects to it.
"""

from __future__ import annotations

import contextlib
import csv
import http.server
import os
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests import local_server
from tests.conftest import REPO
from tests.test_site_build import mkdocs_build

pytest.importorskip("linkcheck", reason="LinkChecker is not installed (pip install -e '.[test]')")

LOCAL_HOST = local_server.LOCAL_HOST


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    """Static files without request logging.

    LinkChecker limits itself to about ten requests per second per host unless the server
    answers with a ``LinkChecker`` header (its documented opt-in for ``maxrequestspersecond``
    above 10); this server is ours and local, so it opts in.
    """

    def end_headers(self) -> None:
        self.send_header("LinkChecker", "unlimited")
        super().end_headers()

    def log_message(self, format: str, *args: Any) -> None:
        pass


def _serve(directory: Path) -> contextlib.AbstractContextManager[str]:
    return local_server.serve(directory, _QuietHandler)


@pytest.fixture(scope="module")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Path, str]]:
    """The real site, built with ``mkdocs build --strict`` and served: (folder, base URL)."""
    out = tmp_path_factory.mktemp("linkcheck-site") / "site"
    result = mkdocs_build(REPO, out)
    assert result.returncode == 0, result.stdout + result.stderr
    with _serve(out) as url:
        yield out, url


def _linkcheckerrc(base_url: str) -> str:
    own = base_url.replace(".", r"\.")
    return f"""\
[checking]
threads=8
timeout=30
# Above 10 only for servers that answer with a "LinkChecker" header, as ours does.
maxrequestspersecond=1000

[filtering]
# Every page of the local server is in scope (not only the start URL's folder) ...
internlinks=^{own}
# ... and anything else only has its syntax checked: it is never fetched.
ignore=
  ^(?!{own})
checkextern=0

[csv]
# Columns only: no comment lines (a link "#id" also starts with "#").
parts=urlname,parentname,result,warningstring,valid,url,line,column

[AnchorCheck]
"""


def _pages(site: Path, base_url: str) -> list[str]:
    """The URL of every HTML page of the built site, ``index.html`` as its folder."""
    urls = []
    for page in sorted(site.rglob("*.html")):
        path = page.relative_to(site).as_posix()
        urls.append(base_url + (path[: -len("index.html")] if path.endswith("index.html") else path))
    return urls


# LinkChecker's command line, except that as root it would switch to ``nobody`` right after
# reading its configuration, and then could write no report into pytest's private temp folder
# (nor import from a private virtualenv). The site is our own and served on 127.0.0.1, so it
# runs as whoever runs the tests.
_LINKCHECKER = (
    "import linkcheck.command.linkchecker as cli\n"
    "assert callable(cli.drop_privileges), 'LinkChecker changed: see tests/test_site_checks.py'\n"
    "cli.drop_privileges = lambda: None\n"
    "cli.linkchecker()\n"
)


def _start_linkchecker(rc: Path, pages: list[str], report: Path) -> subprocess.Popen[str]:
    """LinkChecker on ``pages`` and each link on them (fetched, anchors checked, not crawled
    further: every page is a start URL of some run)."""
    env = {k: v for k, v in os.environ.items() if not k.lower().endswith("_proxy")}
    return subprocess.Popen(
        [
            sys.executable,
            "-c",
            _LINKCHECKER,
            "--config",
            str(rc),
            "--no-status",
            "--no-robots",
            "--recursion-level",
            "1",
            "--file-output",
            f"csv/utf-8/{report}",
            *pages,
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=dict(env, LANG="C.UTF-8", LC_ALL="C.UTF-8"),
    )


def _read_report(report: Path) -> list[dict[str, str]]:
    with report.open(encoding="utf-8", newline="") as rows:
        return list(csv.DictReader(rows, delimiter=";"))


def _problem(row: dict[str, str]) -> str:
    if row["valid"] != "True":
        return row["result"]
    # An anchor warning goes on to list every id of the page: the first sentence is enough.
    return " ".join(w.split(" Available anchors:")[0] for w in row["warningstring"].splitlines() if w.strip())


def _path(url: str, base_url: str) -> str:
    return "/" + url[len(base_url) :] if url.startswith(base_url) else url or "(start URL)"


def test_every_link_and_anchor_resolves(built_site: tuple[Path, str], tmp_path: Path) -> None:
    site, base_url = built_site
    pages = _pages(site, base_url)
    assert len(pages) > 100, pages
    rc = tmp_path / "linkcheckerrc"
    rc.write_text(_linkcheckerrc(base_url), encoding="utf-8")

    # LinkChecker's threads share one interpreter, and parsing pages is most of its work:
    # one process per core, each starting from a share of the pages.
    runs = max(1, min(4, os.cpu_count() or 1))
    started = time.monotonic()
    processes = [_start_linkchecker(rc, pages[i::runs], tmp_path / f"report-{i}.csv") for i in range(runs)]
    outputs = [process.communicate(timeout=900) for process in processes]
    elapsed = time.monotonic() - started
    for (stdout, stderr), process in zip(outputs, processes, strict=True):
        assert process.returncode in (0, 1), f"LinkChecker failed to run:\n{stdout}\n{stderr}"
    rows = [row for i in range(runs) for row in _read_report(tmp_path / f"report-{i}.csv")]

    for stdout, stderr in outputs:
        summary = [line for line in stdout.splitlines() if line.startswith(("That's it.", "Stopped checking"))]
        assert summary, f"LinkChecker printed no summary:\n{stdout}\n{stderr}"
        print("\n".join(summary))
    print(f"LinkChecker: {len(pages)} pages in {runs} runs, {elapsed:.1f}s")

    broken = sorted(
        f"{_path(row['parentname'], base_url)} line {row['line']}: {row['urlname']} → {_problem(row)}"
        for row in rows
        if _problem(row)
    )
    assert not broken, f"{len(broken)} broken links or anchors:\n" + "\n".join(broken)
    assert all(process.returncode == 0 for process in processes), [out for out, _ in outputs]
