"""Reference errors, through the whole pipeline: ``build_site`` on a project from ``write_project``.

Each test changes one line of ``MINI_RUBRIC`` (its line numbers are in the comment below) or the
set of notes, and asserts every problem as ``path:line:col: severity [code] message. hint: ...``.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.project import project_from_folders
from generator.site import Site, build_site
from tests.conftest import MINI_NOTE, MINI_RUBRIC, write_project

#  5 sources[0] (duration 00:10:00)     14 w: make                       29 principle keep-going (cites)
#  7 level 0, 8 level 1                 16 pillar cites                  33 pillar: craft (quiz)
# 10 W make (cites mini@00:01:05)       21 ships-small (cites)           36 option level 0, 37 option level 1
# 12 - id: craft                        22 asks-for-help                 MINI_NOTE times: 00:01:05, 00:02:10,
# 18 - n: 0, 23 - n: 1                  26 ships-big, 27 helps-others      00:03:00, 00:03:30 (lines 6 and 10)


def rubric_with(old: str, new: str) -> str:
    assert MINI_RUBRIC.count(old) == 1, old
    return MINI_RUBRIC.replace(old, new)


def build(root: Path, rubric: str = MINI_RUBRIC, notes: dict[str, str] | None = None) -> Site:
    write_project(root, rubric, notes)
    return build_site(project_from_folders(root, root / "rubric.yaml", root / "docs" / "transcripts"))


def problems(root: Path, rubric: str = MINI_RUBRIC, notes: dict[str, str] | None = None) -> list[str]:
    site = build(root, rubric, notes)
    found = [p.format() for p in site.problems]
    if any("error [" in line for line in found):
        assert not site.ok
        assert site.pages == ()
    return found


def test_line_comment_matches_the_rubric() -> None:
    lines = MINI_RUBRIC.split("\n")
    assert lines[11] == "  - id: craft" and lines[32] == "      pillar: craft" and "mini@00:03:30" in lines[28]


def test_the_mini_project_builds_without_problems(tmp_path: Path) -> None:
    site = build(tmp_path)
    assert site.ok and site.problems == ()
    assert site.page("pillars/craft/level-0.md") is not None


# --- references inside the rubric -------------------------------------------------------------------


def test_pillar_with_unknown_w(tmp_path: Path) -> None:
    assert problems(tmp_path, rubric_with("    w: make", "    w: mkae")) == [
        "rubric.yaml:14:8: error [unknown-reference] unknown W 'mkae' (expected one of: make). "
        "hint: did you mean 'make'?"
    ]


def test_principle_with_unknown_w(tmp_path: Path) -> None:
    assert problems(tmp_path, rubric_with("group: tenets, w: make", "group: tenets, w: operate")) == [
        "rubric.yaml:29:40: error [unknown-reference] unknown W 'operate' (expected one of: make). "
        "hint: define the W first, or fix the id"
    ]


def test_principle_without_w_is_fine(tmp_path: Path) -> None:
    assert problems(tmp_path, rubric_with("group: tenets, w: make, ", "group: tenets, ")) == []


def test_question_with_unknown_pillar(tmp_path: Path) -> None:
    assert problems(tmp_path, rubric_with("      pillar: craft", "      pillar: crafts")) == [
        "rubric.yaml:33:15: error [unknown-reference] unknown pillar 'crafts' (expected one of: craft). "
        "hint: did you mean 'craft'?"
    ]


def test_option_level_not_on_the_scale(tmp_path: Path) -> None:
    assert problems(tmp_path, rubric_with('{level: 1, text: "Ship."}', '{level: 2, text: "Ship."}')) == [
        "rubric.yaml:37:19: error [unknown-level] option level 2 is not on the scale (expected one of [0, 1]). "
        "hint: use a level defined under 'levels:'"
    ]


def test_pillar_missing_a_level_of_the_scale(tmp_path: Path) -> None:
    rubric = rubric_with('  - {n: 1, name: "Grown"}\n', '  - {n: 1, name: "Grown"}\n  - {n: 2, name: "Led"}\n')
    assert problems(tmp_path, rubric) == [
        "rubric.yaml:13:9: error [missing-levels] pillar 'craft' does not describe level(s) 2 "
        "(expected every level of the scale). "
        "hint: every pillar describes every level, so each level page exists"
    ]


def test_pillar_with_an_empty_list_of_levels(tmp_path: Path) -> None:
    start = MINI_RUBRIC.index("    levels:\n      - n: 0")
    end = MINI_RUBRIC.index("principles:")
    rubric = MINI_RUBRIC[:start] + "    levels: []\n" + MINI_RUBRIC[end:]
    assert problems(tmp_path, rubric) == [
        "rubric.yaml:12:9: error [missing-levels] pillar 'craft' does not describe level(s) 0, 1 "
        "(expected every level of the scale). "
        "hint: every pillar describes every level, so each level page exists"
    ]


def test_pillar_without_levels_key_is_one_missing_key(tmp_path: Path) -> None:
    start = MINI_RUBRIC.index("    levels:\n      - n: 0")
    end = MINI_RUBRIC.index("principles:")
    rubric = MINI_RUBRIC[:start] + MINI_RUBRIC[end:]
    assert problems(tmp_path, rubric) == [
        "rubric.yaml:12:5: error [missing-key] a pillar has no 'levels' (expected it). "
        "hint: add 'levels: ...' to a pillar"
    ]


def test_pillar_level_not_on_the_scale(tmp_path: Path) -> None:
    assert problems(tmp_path, rubric_with("      - n: 1\n", "      - n: 7\n")) == [
        "rubric.yaml:12:9: error [missing-levels] pillar 'craft' does not describe level(s) 1 "
        "(expected every level of the scale). "
        "hint: every pillar describes every level, so each level page exists",
        "rubric.yaml:23:12: error [unknown-level] level 7 is not on the scale (expected one of [0, 1]). "
        "hint: add it under 'levels:' or fix the number",
    ]


def test_levels_out_of_order(tmp_path: Path) -> None:
    rubric = rubric_with(
        '  - {n: 0, name: "Start"}\n  - {n: 1, name: "Grown"}', '  - {n: 1, name: "Grown"}\n  - {n: 0, name: "Start"}'
    )
    assert problems(tmp_path, rubric) == [
        "rubric.yaml:7:3: error [levels-order] levels are in the order [1, 0] (expected ascending). "
        "hint: list the levels from lowest to highest"
    ]


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        pytest.param(
            "id: asks-for-help",
            "id: ships-small",
            "rubric.yaml:22:18: error [duplicate-id] criterion id 'ships-small' is used twice "
            "(first at line 21, column 18). hint: ids must be unique: rename one",
            id="criterion-in-one-level",
        ),
        pytest.param(
            "ws:\n",
            'ws:\n  - {id: make, title: "Again", summary: "Again."}\n',
            "rubric.yaml:11:10: error [duplicate-id] W id 'make' is used twice "
            "(first at line 10, column 10). hint: ids must be unique: rename one",
            id="w",
        ),
        pytest.param(
            "    - id: craft-first\n",
            '    - {id: craft-first, pillar: craft, prompt: "Again?", options: []}\n    - id: craft-first\n',
            "rubric.yaml:33:11: error [duplicate-id] question id 'craft-first' is used twice "
            "(first at line 32, column 12). hint: ids must be unique: rename one",
            id="question",
        ),
        pytest.param(
            '  - {n: 1, name: "Grown"}\n',
            '  - {n: 1, name: "Grown"}\n  - {n: 1, name: "Again"}\n',
            "rubric.yaml:9:9: error [duplicate-id] level number 1 is used twice "
            "(first at line 8, column 9). hint: each level appears once: renumber one",
            id="level-number",
        ),
        pytest.param(
            "id: asks-for-help",
            "id: Ships-Small",
            "rubric.yaml:22:18: error [bad-id] criterion id 'Ships-Small' "
            "(expected lowercase letters, digits and single hyphens). hint: use 'ships-small'",
            id="differs-only-in-case",
        ),
    ],
)
def test_duplicate_id(tmp_path: Path, old: str, new: str, expected: str) -> None:
    assert expected in problems(tmp_path, rubric_with(old, new))


def test_criterion_ids_repeat_across_levels(tmp_path: Path) -> None:
    assert problems(tmp_path, rubric_with("id: helps-others", "id: ships-small")) == []


# --- citations against the notes ---------------------------------------------------------------------


def test_citation_to_a_missing_note_suggests_the_closest(tmp_path: Path) -> None:
    assert problems(tmp_path, rubric_with("mini@00:01:05", "mimi@00:01:05")) == [
        "rubric.yaml:10:68: error [unknown-note] citation 'mimi@00:01:05' names no note "
        "(expected a file in the transcripts folder). hint: did you mean 'mini'?"
    ]


def test_citation_to_a_missing_note_with_nothing_close(tmp_path: Path) -> None:
    assert problems(tmp_path, rubric_with("mini@00:01:05", "zzz@00:01:05")) == [
        "rubric.yaml:10:68: error [unknown-note] citation 'zzz@00:01:05' names no note "
        "(expected a file in the transcripts folder). hint: check the note's file name, without '.md'"
    ]


def test_citation_to_a_time_not_in_the_note_lists_the_nearest(tmp_path: Path) -> None:
    assert problems(tmp_path, rubric_with('cites: ["mini@00:03:00"]', 'cites: ["mini@00:03:10"]')) == [
        "rubric.yaml:21:69: error [unknown-timestamp] citation 'mini@00:03:10': no timestamp 00:03:10 in "
        "docs/transcripts/mini.md. hint: nearest: 00:02:10, 00:03:00, 00:03:30"
    ]


def test_citation_to_a_note_without_times(tmp_path: Path) -> None:
    notes = {"mini.md": MINI_NOTE, "bare.md": "---\ntitle: Bare\nvideoId: abcdefghijk\n---\n\nNo times.\n"}
    assert problems(tmp_path, rubric_with("mini@00:01:05", "bare@00:01:05"), notes) == [
        "rubric.yaml:10:68: error [unknown-timestamp] citation 'bare@00:01:05': no timestamp 00:01:05 in "
        "docs/transcripts/bare.md. hint: the note has no linkable timestamps"
    ]


def test_citation_past_the_sources_duration(tmp_path: Path) -> None:
    assert problems(tmp_path, rubric_with("mini@00:01:05", "mini@00:12:00")) == [
        "rubric.yaml:10:68: error [citation-past-end] citation 'mini@00:12:00' is past the video's end (00:10:00). "
        "hint: check the time against the note"
    ]


def test_citation_to_a_note_without_a_video(tmp_path: Path) -> None:
    note = MINI_NOTE.replace("videoId: abcdefghijk\n", "")
    assert problems(tmp_path, notes={"mini.md": note}) == [
        "rubric.yaml:10:68: error [note-without-video] citation 'mini@00:01:05': the note has no valid videoId "
        "(expected one in its front matter). hint: add 'videoId:' to docs/transcripts/mini.md",
        "rubric.yaml:16:13: error [note-without-video] citation 'mini@00:02:10': the note has no valid videoId "
        "(expected one in its front matter). hint: add 'videoId:' to docs/transcripts/mini.md",
        "rubric.yaml:21:69: error [note-without-video] citation 'mini@00:03:00': the note has no valid videoId "
        "(expected one in its front matter). hint: add 'videoId:' to docs/transcripts/mini.md",
        "rubric.yaml:29:97: error [note-without-video] citation 'mini@00:03:30': the note has no valid videoId "
        "(expected one in its front matter). hint: add 'videoId:' to docs/transcripts/mini.md",
    ]


def test_every_bad_citation_is_reported_at_once(tmp_path: Path) -> None:
    rubric = rubric_with("mini@00:01:05", "mimi@00:01:05").replace("mini@00:02:10", "mini@00:02:11")
    assert [p.split(": error ")[0] for p in problems(tmp_path, rubric)] == ["rubric.yaml:10:68", "rubric.yaml:16:13"]


# --- note files ----------------------------------------------------------------------------------------


def test_two_notes_that_publish_at_the_same_page(tmp_path: Path) -> None:
    assert problems(tmp_path, notes={"mini.md": MINI_NOTE, "Mini.md": MINI_NOTE}) == [
        "docs/transcripts/Mini.md:1:1: notice [note-name-slugified] note file name 'Mini' is published as 'mini'. "
        "hint: rename the file to 'mini.md' to make the URL obvious",
        "docs/transcripts/mini.md:1:1: error [duplicate-note] note publishes at the same page as "
        "docs/transcripts/Mini.md ('mini'). hint: rename one of the two files",
    ]


def test_two_notes_whose_titles_slugify_alike(tmp_path: Path) -> None:
    notes = {"mini.md": MINI_NOTE, "my note.md": MINI_NOTE, "my_note.md": MINI_NOTE}
    assert [p for p in problems(tmp_path, notes=notes) if "error" in p] == [
        "docs/transcripts/my_note.md:1:1: error [duplicate-note] note publishes at the same page as "
        "docs/transcripts/my note.md ('my_note'). hint: rename one of the two files"
    ]


@pytest.mark.parametrize("name", ["con.md", "aux.md", ".draft.md", "!!!.md"])
def test_bad_note_file_name(tmp_path: Path, name: str) -> None:
    assert problems(tmp_path, notes={"mini.md": MINI_NOTE, name: MINI_NOTE}) == [
        f"docs/transcripts/{name}:1:1: error [bad-note-name] note file name '{name}' cannot be published "
        "(expected letters, digits, '_' and '-', at most 255 bytes, not a reserved device name). "
        "hint: rename the file, e.g. 'my_topic.md'"
    ]


def test_folder_documents_are_not_notes(tmp_path: Path) -> None:
    notes = {"mini.md": MINI_NOTE, "README.md": "# About\n", "SOURCE.md": "no front matter"}
    site = build(tmp_path, notes=notes)
    assert site.ok and site.problems == ()
    assert site.note_sources == ("transcripts/mini.md",)


def test_missing_transcripts_folder(tmp_path: Path) -> None:
    write_project(tmp_path)
    site = build_site(project_from_folders(tmp_path, tmp_path / "rubric.yaml", tmp_path / "docs" / "notes"))
    assert site.problems[0].format() == (
        "docs/notes:1:1: error [no-transcripts] the transcripts folder does not exist (expected a folder of notes). "
        "hint: check the plugin's 'transcripts' option (relative to docs_dir)"
    )
    assert not site.ok
