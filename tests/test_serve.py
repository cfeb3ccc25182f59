"""`mkdocs serve` rebuilds exactly once per save of the rubric, a note or a template."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from tests.conftest import MINI_MKDOCS, MINI_NOTE, write_project

BUILD_LINE = "Building documentation"
# The site's own theme directory, with a template that changes what every page shows.
SERVE_MKDOCS = MINI_MKDOCS.replace("  name: material\n", "  name: material\n  custom_dir: overrides\n", 1)
MAIN_HTML = '{% extends "base.html" %}\n{% block htmltitle %}<title>Mini, first look</title>{% endblock %}\n'


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class Server:
    def __init__(self, root: Path, *options: str) -> None:
        env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
        port = _free_port()
        self.url = f"http://127.0.0.1:{port}/"
        self.process = subprocess.Popen(
            [sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{port}", *options],
            cwd=root,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )
        self.lines: list[str] = []
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        assert self.process.stdout is not None
        for line in self.process.stdout:
            self.lines.append(line)

    def builds(self) -> int:
        return sum(BUILD_LINE in line for line in self.lines)

    def wait_for_builds(self, count: int, timeout: float = 60) -> None:
        deadline = time.monotonic() + timeout
        while self.builds() < count and time.monotonic() < deadline:
            time.sleep(0.1)
        assert self.builds() >= count, "".join(self.lines)
        time.sleep(3)  # a second, unwanted rebuild would show up within the watcher's debounce time

    def wait_for_title(self, title: str, timeout: float = 60) -> None:
        """Polls the home page until the rebuilt site shows ``title``."""
        deadline = time.monotonic() + timeout
        seen = ""
        while time.monotonic() < deadline:
            with urllib.request.urlopen(self.url, timeout=10) as response:
                seen = response.read().decode("utf-8")
            if f"<title>{title}</title>" in seen:
                return
            time.sleep(0.1)
        raise AssertionError(f"the served page never showed <title>{title}</title>:\n{seen[:500]}")

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()


@pytest.fixture
def server(tmp_path: Path) -> Iterator[tuple[Server, Path]]:
    assert "custom_dir: overrides" in SERVE_MKDOCS
    (tmp_path / "overrides").mkdir()
    (tmp_path / "overrides" / "main.html").write_text(MAIN_HTML, encoding="utf-8")
    root = write_project(tmp_path, mkdocs=SERVE_MKDOCS)
    running = Server(root)
    try:
        running.wait_for_builds(1)
        yield running, root
    finally:
        running.stop()


def _edit(path: Path, text: str) -> None:
    path.write_text(path.read_text(encoding="utf-8") + text, encoding="utf-8")


def test_one_rebuild_per_save(server: tuple[Server, Path]) -> None:
    running, root = server
    _edit(root / "rubric.yaml", "# an edit\n")
    running.wait_for_builds(2)
    assert running.builds() == 2, "".join(running.lines)
    _edit(root / "docs" / "transcripts" / "mini.md", "\nOne more line [00:04:00].\n")
    running.wait_for_builds(3)
    assert running.builds() == 3, "".join(running.lines)
    running.wait_for_title("Mini, first look")
    template = root / "overrides" / "main.html"
    template.write_text(MAIN_HTML.replace("first look", "second look"), encoding="utf-8")
    running.wait_for_builds(4)
    assert running.builds() == 4, "".join(running.lines)
    running.wait_for_title("Mini, second look")


def _page(running: Server, path: str) -> str:
    with urllib.request.urlopen(running.url + path, timeout=10) as response:
        return str(response.read().decode("utf-8"))


def _wait_until(check: Callable[[], bool], what: str, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while not check():
        if time.monotonic() > deadline:
            raise AssertionError(f"never: {what}")
        time.sleep(0.1)


OTHER_NOTE = MINI_NOTE.replace("title: Mini note", "title: Other note").replace(
    "Intro [[other_note | the other one]]", "Back to [[mini]] from here"
)


def test_a_dirty_serve_rebuilds_what_a_save_changed_and_everything_a_title_changes(tmp_path: Path) -> None:
    # ./handbook serve runs `mkdocs serve --dirty --no-strict`: a save rebuilds only the pages the
    # plugin says changed, and every page when the navigation (a note's title) changed.
    root = write_project(tmp_path, notes={"mini.md": MINI_NOTE, "other_note.md": OTHER_NOTE})
    running = Server(root, "--dirty", "--no-strict")
    try:
        running.wait_for_builds(1)
        _edit(root / "docs" / "transcripts" / "mini.md", "\nA fresh sentence [00:04:00].\n")
        _wait_until(lambda: "A fresh sentence" in _page(running, "transcripts/mini/"), "the edit is served")
        running.wait_for_builds(2)
        assert running.builds() == 2, "".join(running.lines)
        mini = root / "docs" / "transcripts" / "mini.md"
        mini.write_text(mini.read_text(encoding="utf-8").replace("title: Mini note", "title: Renamed note"))
        # The other note's link text, and the navigation of every page, show the new title.
        _wait_until(lambda: ">Renamed note<" in _page(running, "transcripts/other_note/"), "the link text follows")
        _wait_until(lambda: "Renamed note" in _page(running, "pillars/craft/"), "the navigation follows")
        running.wait_for_builds(3)
        assert running.builds() == 3, "".join(running.lines)
    finally:
        running.stop()
