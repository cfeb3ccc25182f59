"""No page of the real site makes a request off the site: every HTML, CSS and JS file is scanned.

Plain outbound ``<a href>`` links (the YouTube deep links, the sources) are followed only when a
reader clicks them, so they are allowed; everything a browser loads by itself must be local.
Fonts are off (``font: false``), so Material's CSS must not import Google Fonts either.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest

from tests.conftest import REPO

OFF_SITE = re.compile(r"^(?:[a-z][a-z0-9+.-]*:|//)", re.IGNORECASE)
LOADED_ATTRIBUTES = {"src", "srcset", "poster", "data", "action", "formaction", "background", "manifest"}
CSS_IMPORT = re.compile(r"@import\s+(?:url\()?\s*['\"]?([^'\")\s;]+)", re.IGNORECASE)
CSS_URL = re.compile(r"url\(\s*['\"]?([^'\")]+)", re.IGNORECASE)
# What a script could load by itself: fetch/XHR/import/new Worker/EventSource/WebSocket/sendBeacon of a literal URL.
JS_LOAD = re.compile(
    r"(?:fetch|import|importScripts|Worker|SharedWorker|EventSource|WebSocket|sendBeacon|\.open)\s*\(\s*"
    r"(?:\"[A-Z]+\"\s*,\s*)?[\"'`]((?:https?:|wss?:)?//[^\"'`]+)",
)


@pytest.fixture(scope="module")
def real_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("site") / "site"
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(out)],
        cwd=REPO,
        capture_output=True,
        text=True,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
        timeout=600,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    return out


class _Loads(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.loads: list[str] = []
        self.styles: list[str] = []
        self._in_style = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {k: v or "" for k, v in attrs}
        for name, value in values.items():
            if name in LOADED_ATTRIBUTES:
                self.loads += [part.strip().split(" ")[0] for part in value.split(",")] if name == "srcset" else [value]
            if name == "style":
                self.styles.append(value)
        if tag == "link" and values.get("rel", "") not in ("canonical", "alternate", "author", "license"):
            self.loads.append(values.get("href", ""))  # stylesheets, icons, preloads, manifests
        self._in_style = tag == "style"

    def handle_data(self, data: str) -> None:
        if self._in_style:
            self.styles.append(data)

    def handle_endtag(self, tag: str) -> None:
        self._in_style = False


def css_loads(css: str) -> list[str]:
    return CSS_IMPORT.findall(css) + CSS_URL.findall(css)


def is_off_site(url: str) -> bool:
    return bool(OFF_SITE.match(url.strip())) and not url.strip().lower().startswith("data:")


def test_html_loads_nothing_off_site(real_site: Path) -> None:
    found = []
    for path in sorted(real_site.rglob("*.html")):
        parser = _Loads()
        parser.feed(path.read_text(encoding="utf-8"))
        loads = parser.loads + [u for style in parser.styles for u in css_loads(style)]
        found += [(path.relative_to(real_site).as_posix(), u) for u in loads if u and is_off_site(u)]
    assert not found, found[:20]


def test_css_imports_nothing_off_site(real_site: Path) -> None:
    files = sorted(real_site.rglob("*.css"))
    assert files
    found = [(p.name, u) for p in files for u in css_loads(p.read_text(encoding="utf-8")) if is_off_site(u)]
    assert not found, found[:20]
    assert not any("fonts.googleapis" in p.read_text(encoding="utf-8") for p in files)


def test_scripts_load_nothing_off_site(real_site: Path) -> None:
    files = sorted(real_site.rglob("*.js"))
    assert files
    found = [(p.name, u) for p in files for u in JS_LOAD.findall(p.read_text(encoding="utf-8"))]
    assert not found, found[:20]


def test_the_scanners_see_off_site_loads() -> None:
    parser = _Loads()
    parser.feed('<img src="https://x.example/a.png"><link rel="stylesheet" href="//cdn.example/a.css">')
    assert [u for u in parser.loads if is_off_site(u)] == ["https://x.example/a.png", "//cdn.example/a.css"]
    assert css_loads('@import "https://f.example/a.css";') == ["https://f.example/a.css"]
    assert css_loads("b{background:url(//x.example/i.png)}") == ["//x.example/i.png"]
    assert JS_LOAD.findall('fetch("https://api.example/x")') == ["https://api.example/x"]
