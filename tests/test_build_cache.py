"""A build that reuses the last one's parsed notes and rendered pages makes exactly what a fresh build makes."""

from __future__ import annotations

from pathlib import Path

from generator.cache import BuildCache
from generator.project import project_from_folders
from generator.site import Site, build_site
from tests.conftest import MINI_RUBRIC, write_project

NOTE = """\
---
title: {title}
videoId: abcdefghijk
---

{body}
"""
A = "We start with [[b_note]] and its ideas <a class='yt-timestamp' data-t='00:01:05'>[00:01:05]</a>."
B = "Outcomes over outputs [00:02:10] and a range [00:03:00 - 00:03:30], see [[Some Topic]] [00:03:30]."
C = "Nothing links here [00:04:00]."
RUBRIC = MINI_RUBRIC.replace("mini@", "b_note@").replace('["b_note@00:01:05"]', '["a_note@00:01:05"]')


def _write(root: Path, a: str = A, b_title: str = "B note", c: str = C) -> None:
    notes = root / "docs" / "transcripts"
    (notes / "a_note.md").write_text(NOTE.format(title="A note", body=a))
    (notes / "b_note.md").write_text(NOTE.format(title=b_title, body=B))
    (notes / "c_note.md").write_text(NOTE.format(title="C note", body=c))


def _build(root: Path, cache: BuildCache | None) -> Site:
    site = build_site(project_from_folders(root, root / "rubric.yaml", root / "docs" / "transcripts"), cache)
    if cache is not None:
        cache.finish_build()
    assert site.ok, [p.format() for p in site.problems]
    return site


def _pages(site: Site) -> dict[str, str]:
    return {page.uri: page.markdown for page in site.pages}


def test_edits_rebuild_every_page_they_affect_and_only_from_changed_inputs(tmp_path: Path) -> None:
    root = write_project(tmp_path / "p", rubric=RUBRIC, notes={})
    _write(root)
    cache = BuildCache()
    first = _pages(_build(root, cache))
    assert first == _pages(_build(root, None))

    edits = [
        {"b_title": "B note, renamed"},  # A's wikilink text, the nav, B's page and the rubric pages citing B
        {"b_title": "B note, renamed", "a": A.replace("We start with", "Later we return to")},  # B's mentions
        {"b_title": "B note, renamed", "a": A, "c": C + " Now [[b_note]] too."},  # a new mention of B from C
    ]
    previous = first
    for edit in edits:
        _write(root, **edit)
        cached = _pages(_build(root, cache))
        fresh = _pages(_build(root, None))
        assert cached == fresh, edit
        assert cached != previous, edit
        previous = cached


def test_unchanged_pages_come_from_the_cache(tmp_path: Path) -> None:
    root = write_project(tmp_path / "p", rubric=RUBRIC, notes={})
    _write(root)
    cache = BuildCache()
    _build(root, cache)
    _write(root, c=C + " More words.")  # only C's page changes
    build_site(project_from_folders(root, root / "rubric.yaml", root / "docs" / "transcripts"), cache)
    assert (cache.hits, cache.misses) == (2, 1)
