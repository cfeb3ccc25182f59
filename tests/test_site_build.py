"""Strict MkDocs builds: the real handbook, and a small differently shaped one."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest

from generator import urls
from generator.loading import load_rubric
from tests.conftest import REPO, write_project


def mkdocs_build(root: Path, out: Path) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(out)],
        cwd=root,
        capture_output=True,
        text=True,
        env=env,
        timeout=300,
    )


class _Anchors(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.ids: set[str] = set()
        self.hrefs: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if name == "id" and value:
                self.ids.add(value)
            if name in ("href", "xlink:href") and value and tag == "a":
                self.hrefs.append(value)


def parse_html(path: Path) -> _Anchors:
    parser = _Anchors()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


@pytest.fixture(scope="module")
def real_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("site")
    result = mkdocs_build(REPO, out)
    assert result.returncode == 0, result.stderr
    assert "WARNING" not in result.stderr, result.stderr
    return out


def test_real_site_builds_strict_without_warnings(real_site: Path) -> None:
    assert (real_site / "index.html").is_file()


def test_every_contract_url_exists(real_site: Path) -> None:
    rubric, problems = load_rubric(REPO / "rubric.yaml")
    assert rubric is not None, problems
    expected = [urls.w_page(w.id) for w in rubric.ws]
    for pillar in rubric.pillars:
        expected.append(urls.pillar_page(pillar.id))
        expected += [urls.pillar_level_page(pillar.id, lv.n) for lv in pillar.levels]
    expected += [urls.level_page(lv.n) for lv in rubric.levels]
    expected += [urls.MATRIX, urls.PRINCIPLES, urls.SELF_CHECK]
    expected += [
        f"transcripts/{p.stem}.md" for p in (REPO / "content" / "transcripts").glob("*.md") if p.name != "SOURCE.md"
    ]
    for page in expected:
        assert (real_site / urls.url_path(page) / "index.html").is_file(), page
    assert (real_site / "framework.json").is_file()
    principles = parse_html(real_site / "principles" / "index.html").ids
    assert {p.id for p in rubric.principles} <= principles
    for pillar in rubric.pillars:
        ids = parse_html(real_site / "pillars" / pillar.id / "index.html").ids
        assert {f"level-{lv.n}" for lv in pillar.levels} <= ids
        for level in pillar.levels:
            level_ids = parse_html(real_site / "pillars" / pillar.id / f"level-{level.n}" / "index.html").ids
            assert {c.id for c in level.criteria} <= level_ids
    for level in rubric.levels:
        assert {p.id for p in rubric.pillars} <= parse_html(real_site / "levels" / str(level.n) / "index.html").ids


def test_every_video_link_points_at_the_cited_second(real_site: Path) -> None:
    """A passage link and its video link name the same time; the video is the note's own."""
    page = real_site / "pillars" / "data" / "index.html"
    html = page.read_text(encoding="utf-8")
    pairs = re.findall(r'href="([^"]*#t-(\d\d)-(\d\d)-(\d\d))"[^>]*>[^<]*</a>\s*<a[^>]*href="(https://www[^"]+)"', html)
    assert pairs, "the data pillar page cites the talk"
    for _, hh, mm, ss, video in pairs:
        query = parse_qs(urlsplit(video.replace("&amp;", "&")).query)
        assert query["t"] == [f"{int(hh) * 3600 + int(mm) * 60 + int(ss)}s"]
        assert query["v"] == ["ImSvm11GR0Y"]


def test_framework_json_lists_every_pillar_level(real_site: Path) -> None:
    data = json.loads((real_site / "framework.json").read_text(encoding="utf-8"))
    rubric, _ = load_rubric(REPO / "rubric.yaml")
    assert rubric is not None
    assert [p["id"] for p in data["pillars"]] == [p.id for p in rubric.pillars]
    assert data["version"] == rubric.version


OTHER_RUBRIC = """\
schema: 1
title: "Engineering ladder"
version: "7"
sources:
  - {id: talk, video: "abcdefghijk", title: "A talk", speaker: "Someone", show: "A show", duration: "00:10:00"}
levels:
  - {n: 1, name: "Junior"}
  - {n: 2, name: "Mid"}
  - {n: 3, name: "Senior"}
  - {n: 4, name: "Staff"}
ws:
  - {id: build, title: "Build", summary: "Build things."}
  - {id: lead, title: "Lead", summary: "Lead people."}
  - {id: grow, title: "Grow", summary: "Grow others."}
  - {id: sell, title: "Sell", summary: "Explain the work.", cites: ["mini@00:01:05"]}
pillars:
"""


def _other_rubric() -> str:
    text = OTHER_RUBRIC
    for w, pillar in (
        ("build", "code"),
        ("build", "tests"),
        ("lead", "plans"),
        ("grow", "mentoring"),
        ("sell", "writing"),
    ):
        text += f'  - id: {pillar}\n    title: "{pillar.title()}"\n    w: {w}\n    summary: "About {pillar}."\n'
        text += "    levels:\n"
        for n in (1, 2, 3, 4):
            text += f'      - n: {n}\n        summary: "{pillar} at {n}."\n        criteria:\n'
            text += f'          - {{id: {pillar}-{n}-a, text: "Does {pillar} at {n}."}}\n'
    return text


def test_a_differently_shaped_rubric_builds(tmp_path: Path) -> None:
    root = write_project(
        tmp_path / "project",
        rubric=_other_rubric(),
        pages={"index.md": "# Ladder\n\n<!-- handbook:framework-overview -->\n"},
    )
    out = tmp_path / "site"
    result = mkdocs_build(root, out)
    assert result.returncode == 0, result.stderr
    assert "WARNING" not in result.stderr, result.stderr
    for page in (
        "ws/sell/",
        "pillars/writing/level-4/",
        "levels/1/",
        "levels/4/",
        "matrix/",
        "self-check/",
        "transcripts/mini/",
        "topics/some_topic/",
        "transcripts/",
    ):
        assert (out / page / "index.html").is_file(), page
    assert not (out / "levels" / "0").exists()
    home = (out / "index.html").read_text(encoding="utf-8")
    assert home.count("hb-ov-level") >= 5 * 4
    assert "pillars/writing/level-4/" in home


def test_a_site_without_site_url_builds_and_says_once_what_it_affects(tmp_path: Path) -> None:
    root = write_project(tmp_path / "p")  # the mini site sets no site_url
    result = mkdocs_build(root, tmp_path / "out")
    assert result.returncode == 0, result.stderr
    assert result.stderr.count("site_url is not set") == 1, result.stderr
    assert "copy buttons cannot make permanent links" in result.stderr
    page = (tmp_path / "out" / "pillars" / "craft" / "level-0" / "index.html").read_text()
    assert 'class="hb-version"' in page and "data-handbook-permalink" not in page


def test_a_site_url_gives_every_page_its_permalink(tmp_path: Path) -> None:
    root = write_project(tmp_path / "p")
    config = root / "mkdocs.yml"
    config.write_text("site_url: https://handbook.example.org/growth\n" + config.read_text())
    result = mkdocs_build(root, tmp_path / "out")
    assert result.returncode == 0, result.stderr
    assert "site_url is not set" not in result.stderr
    page = (tmp_path / "out" / "pillars" / "craft" / "level-0" / "index.html").read_text()
    assert 'data-handbook-permalink="https://handbook.example.org/growth/pillars/craft/level-0/"' in page
    home = (tmp_path / "out" / "index.html").read_text()
    assert 'data-handbook-permalink="https://handbook.example.org/growth/"' in home


def test_the_rubric_schema_is_published_at_the_site_root(real_site: Path) -> None:
    assert (real_site / "rubric.schema.json").read_bytes() == (REPO / "rubric.schema.json").read_bytes()
