"""A project built from hostile notes and a hostile rubric, and a scanner for what must never reach ``site/``.

Shared by ``test_hostile_inputs`` (a static scan of every built HTML file) and the browser test.
"""

from __future__ import annotations

import html
import os
import re
import subprocess
import sys
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

from tests.conftest import MINI_NOTE, MINI_RUBRIC, write_project

PAYLOADS = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    '<a href="javascript:alert(1)">js link</a>',
    "[md link](javascript:alert(1))",
    "[md link2](  JaVaScRiPt:alert(1) )",
    "![img](javascript:alert(1))",
    "[data link](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    '<a href="data:text/html,<script>alert(1)</script>">data</a>',
    '<a href="vbscript:msgbox(1)">vb</a>',
    '<a href="jav&#x61;script:alert(1)">entity</a>',
    '<a href="jav&#x09;ascript:alert(1)">tab</a>',
    '<a href="&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;alert(1)">decimal</a>',
    '<iframe src="https://evil.example/"></iframe>',
    '<form action="https://evil.example/"><input name=q><button>go</button></form>',
    "<svg onload=alert(1)><circle r=1 /></svg>",
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)></style></mglyph></table></mtext></math>",
    '<math href="javascript:alert(1)">m</math>',
    '<div title="x" onmouseover="alert(1)">hover</div>',
    '<p class="x" style="background:url(javascript:alert(1))">styled</p>',
    '"><script>alert(1)</script>',
    "'><img src=x onerror=alert(1)>",
    "a paragraph with attributes\n{: onclick=alert(1) #evil .md-typeset }",
    "## heading {: onclick=alert(1) }",
    '<a class="yt-timestamp" data-t="00:01:05\\"><script>alert(1)</script>">[00:01:05]</a>',
    '<a class="yt-timestamp" data-t="00:01:05" href="https://evil.example/watch?v=abcdefghijk&t=65s">[00:01:05]</a>',
    '<a class="yt-timestamp" data-t="\'><img src=x onerror=alert(1)>">[00:02:10]</a>',
    "[[<script>alert(1)</script>]]",
    "[[mini | <img src=x onerror=alert(1)>]]",
    "[[Some Topic | <a href='javascript:alert(1)'>x</a>]]",
    "<object data=javascript:alert(1)></object><embed src=javascript:alert(1)>",
    '<base href="https://evil.example/"><meta http-equiv="refresh" content="0;url=https://evil.example/">',
    '<link rel="stylesheet" href="https://evil.example/x.css"><style>@import "https://evil.example/y.css";</style>',
    "<!-- comment --><![CDATA[<script>alert(1)</script>]]>",
    "<details open ontoggle=alert(1)><summary>x</summary></details>",
    '<a href="https://evil.example/" target="_blank">plain outbound link</a>',
    "> [!NOTE] <script>alert(1)</script>\n> <img src=x onerror=alert(1)>",
    "`<script>alert(1)</script>` and\n\n    <script>alert(1)</script>",
]

HOSTILE_TEXT = "<script>alert(1)</script> <img src=x onerror=alert(1)> [x](javascript:alert(1)) {: onclick=alert(1) }"

HOSTILE_NOTE = (
    '---\ntitle: "<script>alert(1)</script> Hostile"\nvideoId: abcdefghijk\n---\n\n'
    + "\n\n".join(
        f'Payload {i} <a class="yt-timestamp" data-t="00:0{i % 9}:00">[00:0{i % 9}:00]</a>: {p}'
        for i, p in enumerate(PAYLOADS)
    )
    + "\n"
)

BAD_VIDEO_NOTE = (
    '---\ntitle: Bad video\nvideoId: "x\\"><script>alert(1)</script>"\n---\n\n'
    'Time <a class="yt-timestamp" data-t="00:01:05">[00:01:05]</a> and [00:02:10].\n'
)


def hostile_rubric() -> str:
    """The mini rubric with hostile text wherever the rubric holds prose, including the quiz."""
    text = MINI_RUBRIC
    for prose in ('"Things."', '"Making things well."', '"Ship."', '"What do you do first?"', '"Do not stop."'):
        text = text.replace(prose, _yaml(f"{prose.strip(chr(34))} {HOSTILE_TEXT}"), 1)
    text = text.replace('title: "Mini handbook"', "title: " + _yaml("Mini </title><script>alert(1)</script>"))
    text = text.replace('"Ships a small thing."', _yaml('Ships "a" <small> thing & </script>'))
    return text


def _yaml(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def write_hostile_project(root: Path) -> Path:
    return write_project(
        root,
        rubric=hostile_rubric(),
        notes={"mini.md": MINI_NOTE, "hostile.md": HOSTILE_NOTE, "bad_video.md": BAD_VIDEO_NOTE},
        pages={"index.md": "# Home\n"},
    )


def write_benign_project(root: Path) -> Path:
    return write_project(root)


def mkdocs_build(project: Path, out: Path, strict: bool = False) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    command = [sys.executable, "-m", "mkdocs", "build", "-d", str(out)] + (["--strict"] if strict else [])
    return subprocess.run(command, cwd=project, capture_output=True, text=True, env=env, timeout=600, check=False)


URL_ATTRIBUTES = {"href", "src", "action", "formaction", "data", "poster", "xlink:href", "background", "srcset", "cite"}
FORBIDDEN_TAGS = {"iframe", "frame", "frameset", "object", "embed", "applet", "base", "style", "link", "math"}
BAD_SCHEME = re.compile(r"^(javascript|data|vbscript):", re.IGNORECASE)


@dataclass
class Finding:
    path: str
    what: str


@dataclass
class _Scanner(HTMLParser):
    path: str = ""
    findings: list[Finding] = field(default_factory=list)
    inline_scripts: list[str] = field(default_factory=list)
    _in_script: dict[str, str] | None = None
    _script_text: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        super().__init__(convert_charrefs=True)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name: value or "" for name, value in attrs}
        for name, value in attrs:
            if name.startswith("on"):
                self.findings.append(Finding(self.path, f"<{tag} {name}={value!r}>"))
            if name in URL_ATTRIBUTES and value is not None:
                cleaned = re.sub(r"[\x00-\x20]", "", html.unescape(value))
                if BAD_SCHEME.match(cleaned):
                    self.findings.append(Finding(self.path, f"<{tag} {name}={value!r}>"))
        if tag == "link" and values.get("rel") in ("stylesheet", "icon", "manifest") and "href" in values:
            if "//" in values["href"]:
                self.findings.append(Finding(self.path, f"off-site <link href={values['href']!r}>"))
        elif tag in FORBIDDEN_TAGS and tag != "link":
            self.findings.append(Finding(self.path, f"<{tag}>"))
        if tag == "form" and "md-search__form" not in values.get("class", ""):
            self.findings.append(Finding(self.path, f"<form {values}>"))
        if tag == "meta" and values.get("http-equiv", "").lower() == "refresh":
            self.findings.append(Finding(self.path, "<meta http-equiv=refresh>"))
        if tag == "script":
            src = values.get("src")
            if src is not None and ("//" in src or ":" in src):
                self.findings.append(Finding(self.path, f"off-site <script src={src!r}>"))
            self._in_script = values
            self._script_text = []

    def handle_data(self, data: str) -> None:
        if self._in_script is not None:
            self._script_text.append(data)

    def handle_endtag(self, tag: str) -> None:
        if tag == "script" and self._in_script is not None:
            text = "".join(self._script_text)
            kind = self._in_script.get("type", "")
            if kind == "application/json":
                if "</" in text or "<script" in text.lower():
                    self.findings.append(Finding(self.path, "markup inside a JSON data script"))
            elif "src" not in self._in_script:
                self.inline_scripts.append(text)
            self._in_script = None


def scan_site(site: Path) -> tuple[list[Finding], set[str]]:
    """Every forbidden tag, attribute and URL in the built HTML, and the set of inline classic scripts."""
    findings: list[Finding] = []
    scripts: set[str] = set()
    for path in sorted(site.rglob("*.html")):
        scanner = _Scanner(path=path.relative_to(site).as_posix())
        scanner.feed(path.read_text(encoding="utf-8"))
        scanner.close()
        findings += scanner.findings
        scripts.update(_normalise_script(s) for s in scanner.inline_scripts)
    return findings, scripts


def _normalise_script(text: str) -> str:
    """Material's inline scripts differ per page only in the relative path to the site root."""
    return re.sub(r'"(\.\./)*\.*/?"', '"<root>"', text.strip())
