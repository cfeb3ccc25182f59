"""Transcripts grouped by episode (the video a note summarises) and by show, for navigation only."""

from __future__ import annotations

from pathlib import Path

from generator.project import project_from_folders
from generator.site import Site, build_site
from tests.conftest import MINI_NOTE, MINI_RUBRIC, write_project

SECOND_SOURCE = (
    '  - {id: other-talk, video: "bbbbbbbbbbb", title: "Another talk", speaker: "Someone else", '
    'show: "Other show", duration: "00:30:00"}\n'
)


def _note(title: str, video: str) -> str:
    return MINI_NOTE.replace("title: Mini note", f"title: {title}").replace("abcdefghijk", video)


def _site(tmp_path: Path, rubric: str, notes: dict[str, str]) -> Site:
    root = write_project(tmp_path / "p", rubric=rubric, notes=notes)
    site = build_site(project_from_folders(root, root / "rubric.yaml", root / "docs" / "transcripts"))
    assert site.ok, [p.format() for p in site.problems]
    return site


def test_one_episode_keeps_a_flat_list_and_no_episode_pages(tmp_path: Path) -> None:
    site = _site(tmp_path, MINI_RUBRIC, {"mini.md": MINI_NOTE, "second.md": _note("Second", "abcdefghijk")})
    assert not [p.uri for p in site.pages if "/episodes/" in p.uri]
    transcripts = site.nav([])[6]
    assert transcripts == {
        "Transcripts": [
            "transcripts/index.md",
            {"Mini note": "transcripts/mini.md"},
            {"Second": "transcripts/second.md"},
        ]
    }


def test_episodes_get_an_index_page_and_a_branch_each(tmp_path: Path) -> None:
    notes = {"mini.md": MINI_NOTE, "b_one.md": _note("B one", "ccccccccccc"), "b_two.md": _note("B two", "ccccccccccc")}
    site = _site(tmp_path, MINI_RUBRIC, notes)
    episode = site.page("transcripts/episodes/ccccccccccc/index.md")
    assert episode is not None
    assert "# B one, and 1 more" in episode.markdown  # a video no source names is called after its first note
    assert "[B one](../../b_one.md)" in episode.markdown and "[B two](../../b_two.md)" in episode.markdown
    talk = site.page("transcripts/episodes/talk/index.md")  # a source's id names its episode
    assert talk is not None and "# A talk" in talk.markdown and "Someone on A show." in talk.markdown
    index = site.page("transcripts/index.md")
    assert index is not None and "- [A talk](episodes/talk/index.md): 1 note" in index.markdown
    note = site.page("transcripts/b_one.md")
    assert (
        note is not None and "One of the notes on [B one, and 1 more](episodes/ccccccccccc/index.md)." in note.markdown
    )


def test_several_shows_group_the_episodes_by_show(tmp_path: Path) -> None:
    rubric = MINI_RUBRIC.replace("levels:\n", SECOND_SOURCE + "levels:\n", 1)
    notes = {"mini.md": MINI_NOTE, "other.md": _note("Other", "bbbbbbbbbbb"), "loose.md": _note("Loose", "ddddddddddd")}
    site = _site(tmp_path, rubric, notes)
    transcripts = site.nav([])[6]["Transcripts"]
    assert isinstance(transcripts, list)
    assert transcripts[0] == "transcripts/index.md"
    shows = [next(iter(item)) for item in transcripts[1:] if isinstance(item, dict)]
    assert shows == ["A show", "Other show", "Other videos"]
    index = site.page("transcripts/index.md")
    assert index is not None and "## A show" in index.markdown and "## Other show" in index.markdown


def test_note_urls_do_not_depend_on_the_grouping(tmp_path: Path) -> None:
    flat = _site(tmp_path / "a", MINI_RUBRIC, {"mini.md": MINI_NOTE})
    grouped = _site(tmp_path / "b", MINI_RUBRIC, {"mini.md": MINI_NOTE, "x.md": _note("X", "ccccccccccc")})
    assert flat.page("transcripts/mini.md") is not None and grouped.page("transcripts/mini.md") is not None
