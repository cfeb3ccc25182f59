"""Timestamps: every form the notes use, read to seconds, repaired or reported with its location.

``read_clock`` is tested on its own; then each form is put on line 6 of a note (after ``Say ``, so a
bare form starts at column 5 and an anchor's ``data-t`` value at column 37) and parsed with a
source duration of 01:10:00, as the handbook's own source has.
"""

from __future__ import annotations

import re

import pytest

from generator import urls
from generator.clock import read_clock, read_strict_clock, unshift
from generator.linking import link_site
from generator.model import NoteSlug, Rubric
from generator.notes import DEFAULT_MAX_SECONDS, Note, parse_note
from generator.problems import Problem, Severity
from generator.transcripts import render_transcript_page

VIDEO = "abcdefghijk"
DURATION = 70 * 60  # 01:10:00
NOTICE, WARNING = Severity.NOTICE, Severity.WARNING


def anchor(data_t: str, text: str) -> str:
    return f'<a class="yt-timestamp" data-t="{data_t}">{text}</a>'


def parse(body: str, duration: int | None = DURATION) -> tuple[Note, list[Problem]]:
    text = f"---\ntitle: T\nvideoId: {VIDEO}\n---\n\n{body}\n"
    known = {VIDEO: duration} if duration is not None else {}
    note, problems = parse_note(text.encode("utf-8"), NoteSlug("n"), "n.md", known_videos=known)
    assert note is not None
    return note, problems


def empty_rubric() -> Rubric:
    return Rubric("T", "1", (), (), (), (), (), ())


def render(note: Note) -> str:
    links, problems = link_site(empty_rubric(), {note.slug: note}, "transcripts")
    assert problems == []
    return render_transcript_page(note, links, urls.transcript_page(note.slug)).body


# --- read_clock on its own ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "seconds", "three_part", "repair", "problem"),
    [
        ("00:04:31", 271, True, "", ""),
        ("0:05:50", 350, True, "", ""),
        ("1:02:03", 3723, True, "", ""),
        ("04:59", 299, False, "", ""),
        ("  00:04:31 ", 271, True, "", ""),
        ("00:42:07]", 2527, True, "stray brackets around '00:42:07'", ""),
        ("[00:42:07]", 2527, True, "stray brackets around '00:42:07'", ""),
        ("01:00:54:00", 3654, False, "four-part '01:00:54:00' read as 01:00:54", ""),
        ("01:00:54:01", None, False, "", "'01:00:54:01' is not a time (expected HH:MM:SS)"),
        ("05:4:00", None, False, "", "'05:4:00' is not a time (expected HH:MM:SS)"),
        ("00:60:00", None, True, "", "'00:60:00' has minutes or seconds past 59"),
        ("00:01:60", None, True, "", "'00:01:60' has minutes or seconds past 59"),
        ("61:00", None, False, "", "'61:00' has minutes or seconds past 59"),
        ("00:75", None, False, "", "'00:75' has minutes or seconds past 59"),
        ("100:00:00", None, False, "", "'100:00:00' is not a time (expected HH:MM:SS)"),
        ("", None, False, "", "'' is not a time (expected HH:MM:SS)"),
        ("soon", None, False, "", "'soon' is not a time (expected HH:MM:SS)"),
    ],
)
def test_read_clock(raw: str, seconds: int | None, three_part: bool, repair: str, problem: str) -> None:
    reading = read_clock(raw)
    assert (reading.seconds, reading.three_part, reading.repair, reading.problem) == (
        seconds,
        three_part,
        repair,
        problem,
    )


@pytest.mark.parametrize(
    ("text", "seconds"),
    [
        ("00:07:35", 455),
        ("01:10:30", 4230),
        ("0:07:35", None),
        ("00:7:35", None),
        ("07:35", None),
        ("00:60:00", None),
        ("00:00:60", None),
        ("00:07:35 ", None),
        ("", None),
    ],
)
def test_read_strict_clock_takes_only_hh_mm_ss(text: str, seconds: int | None) -> None:
    assert read_strict_clock(text) == seconds


def test_unshift_reads_hours_as_minutes() -> None:
    assert unshift(read_clock("04:31:00").seconds or 0) == 4 * 60 + 31


# --- every form inside a note ---------------------------------------------------------------------

# (body of line 6, [(seconds, col) of each time], [(code, severity, col, message) of each problem])
FORMS = [
    pytest.param(f"Say {anchor('00:04:31', '[00:04:31]')} end.", [(271, 37)], [], id="anchor"),
    pytest.param(f"Say {anchor('00:04:31', '')} end.", [(271, 37)], [], id="anchor-empty-text"),
    pytest.param(f"Say {anchor('00:04:31', '[00:05:00]')} end.", [(271, 37)], [], id="anchor-data-t-wins"),
    pytest.param(f"Say {anchor('00:04:31', '[garbage]')} end.", [(271, 37)], [], id="anchor-text-not-a-time"),
    pytest.param(
        f"Say {anchor('soon', '[00:04:31]')} end.",
        [(271, 37)],
        [
            (
                "repaired-timestamp",
                NOTICE,
                37,
                "timestamp unreadable data-t 'soon' replaced by the anchor's text '[00:04:31]'",
            )
        ],
        id="anchor-unreadable-data-t-falls-back-to-text",
    ),
    pytest.param("Say [00:04:31] end.", [(271, 6)], [], id="bare"),
    pytest.param("Say [0:05:50] end.", [(350, 6)], [], id="bare-one-digit-hour"),
    pytest.param("Say [04:59] end.", [(299, 6)], [], id="bare-mm-ss"),
    pytest.param("Say [0:03:00, 0:18:31] end.", [(180, 6), (1111, 15)], [], id="list"),
    pytest.param("Say [00:23:44 - 00:23:51] end.", [(1424, 6), (1431, 17)], [], id="range"),
    pytest.param("Say [00:23:44 – 00:23:51] end.", [(1424, 6), (1431, 17)], [], id="range-en-dash"),
    pytest.param(
        f"Say {anchor('01:00:54:00', '[01:00:54:00]')} end.",
        [(3654, 37)],
        [("repaired-timestamp", NOTICE, 37, "timestamp four-part '01:00:54:00' read as 01:00:54")],
        id="anchor-four-part",
    ),
    pytest.param(
        "Say [01:00:54:00] end.",
        [(3654, 6)],
        [("repaired-timestamp", NOTICE, 6, "timestamp four-part '01:00:54:00' read as 01:00:54")],
        id="bare-four-part",
    ),
    pytest.param(
        f"Say {anchor('00:42:07]', '[00:42:07]')} end.",
        [(2527, 37)],
        [("repaired-timestamp", NOTICE, 37, "timestamp stray brackets around '00:42:07'")],
        id="anchor-stray-bracket-in-data-t",
    ),
    pytest.param(
        f"Say {anchor('05:4:00', '[05:4:00]')} end.",
        [(None, 37)],
        [("bad-timestamp", WARNING, 37, "timestamp '05:4:00' is not a time (expected HH:MM:SS)")],
        id="anchor-one-digit-minutes",
    ),
    pytest.param(
        "Say [05:4:00] end.",
        [(None, 6)],
        [("bad-timestamp", WARNING, 6, "timestamp '05:4:00' is not a time (expected HH:MM:SS)")],
        id="bare-one-digit-minutes",
    ),
    pytest.param(
        "Say [00:61:00] end.",
        [(None, 6)],
        [("bad-timestamp", WARNING, 6, "timestamp '00:61:00' has minutes or seconds past 59")],
        id="minutes-past-59",
    ),
    pytest.param(
        "Say [00:01:75] end.",
        [(None, 6)],
        [("bad-timestamp", WARNING, 6, "timestamp '00:01:75' has minutes or seconds past 59")],
        id="seconds-past-59",
    ),
    pytest.param(
        "Say [01:75] end.",
        [(None, 6)],
        [("bad-timestamp", WARNING, 6, "timestamp '01:75' has minutes or seconds past 59")],
        id="mm-ss-seconds-past-59",
    ),
    pytest.param(
        f"Say [00:16:01]({anchor('00:16:01', '[00:16:01]')}) end.",
        [(961, 48)],
        [],
        id="anchor-wrapped-in-markdown-link",
    ),
    pytest.param(
        "Say [01:15:00] end.",
        [(None, 6)],
        [("timestamp-past-end", WARNING, 6, "timestamp '01:15:00' is past the video's end (01:10:00)")],
        id="bare-past-duration",
    ),
    pytest.param(
        f"Say {anchor('01:10:01', '[01:10:01]')} end.",
        [(None, 37)],
        [("timestamp-past-end", WARNING, 37, "timestamp '01:10:01' is past the video's end (01:10:00)")],
        id="anchor-past-duration",
    ),
    pytest.param(f"Say {anchor('01:10:00', '[01:10:00]')} end.", [(4200, 37)], [], id="anchor-at-duration"),
    pytest.param(
        "Say [00:01:05, 01:20:00] end.",
        [(65, 6), (None, 16)],
        [("timestamp-past-end", WARNING, 16, "timestamp '01:20:00' is past the video's end (01:10:00)")],
        id="list-with-one-past-duration",
    ),
]


@pytest.mark.parametrize(("line", "times", "problems"), FORMS)
def test_timestamp_form(
    line: str, times: list[tuple[int | None, int]], problems: list[tuple[str, Severity, int, str]]
) -> None:
    note, found = parse(line)
    assert [(t.seconds, t.line, t.col) for g in note.groups for t in g.times] == [(s, 6, c) for s, c in times]
    assert [(p.code, p.severity, p.line, p.col, p.message) for p in found] == [
        (code, severity, 6, col, message) for code, severity, col, message in problems
    ]
    assert all(p.path == "n.md" for p in found)


def test_a_group_spans_the_whole_written_form() -> None:
    line = f"Say [00:16:01]({anchor('00:16:01', '[00:16:01]')}) and [00:23:44 - 00:23:51]."
    note, _ = parse(line)
    spans = [note.body[g.start : g.end] for g in note.groups]
    assert spans == [f"[00:16:01]({anchor('00:16:01', '[00:16:01]')})", "[00:23:44 - 00:23:51]"]
    assert [g.is_range for g in note.groups] == [False, True]


def test_positions_count_lines_after_the_front_matter() -> None:
    _, problems = parse("First line.\n\nThird line [05:4:00] here.\n  [00:99:00]")
    assert [(p.line, p.col) for p in problems] == [(8, 13), (9, 4)]


def test_without_a_known_source_the_limit_is_three_hours() -> None:
    note, problems = parse("Late [02:59:59] and later [03:00:01].", duration=None)
    assert [t.seconds for g in note.groups for t in g.times] == [DEFAULT_MAX_SECONDS - 1, None]
    assert [(p.code, p.col) for p in problems] == [("timestamp-past-end", 28)]


# --- whole notes written as MM:SS:00 ------------------------------------------------------------

# Ten times ending in :00, most impossible as HH:MM:SS in a 01:10:00 source, and one true HH:MM:SS.
SHIFTED = "\n".join(
    [
        f"Opening {anchor('00:53:00', '[00:53:00]')}.",  # line 6
        f"Outputs {anchor('04:31:00', '[04:31:00]')} and {anchor('07:33:00', '')}.",
        "Bare [17:48:00] too, a list [18:02:00, 18:31:00] and a true time [00:09:10].",
        f"More {anchor('15:43:00', '[15:43:00]')} {anchor('15:54:00', '[15:54:00]')} {anchor('16:01:00', '')}.",
        f"Last {anchor('23:03:00', '[23:03:00]')}.",
    ]
)


def test_a_note_shifted_to_mm_ss_00_is_read_as_minutes_and_seconds() -> None:
    note, problems = parse(SHIFTED)
    assert [t.seconds for g in note.groups for t in g.times] == [
        53,
        271,
        453,
        1068,
        1082,
        1111,
        550,
        943,
        954,
        961,
        1383,
    ]
    assert [(p.code, p.severity, p.line, p.col, p.message) for p in problems] == [
        (
            "shifted-timestamps",
            NOTICE,
            6,
            9,
            "every time in this note is written as MM:SS:00 (e.g. '23:03:00' means 00:23:03); all are read that way",
        )
    ]


def test_04_31_00_alone_in_a_shifted_note_means_00_04_31() -> None:
    note, _ = parse(SHIFTED)
    assert 271 in note.times
    assert 4 * 3600 + 31 * 60 not in note.times


def test_a_note_of_whole_minutes_within_the_duration_is_not_shifted() -> None:
    body = "Start [00:04:00], then [00:12:00] and [01:05:00]."
    note, problems = parse(body)
    assert [t.seconds for g in note.groups for t in g.times] == [240, 720, 3900]
    assert problems == []


def test_a_shifted_note_that_would_still_overrun_is_not_repaired() -> None:
    # 75:00:00 read as MM:SS would be 01:15:00, past the 01:10:00 source: the intent is not clear.
    note, problems = parse("A [04:31:00] and B [75:00:00].")
    assert [t.seconds for g in note.groups for t in g.times] == [None, None]
    assert [(p.code, p.col) for p in problems] == [("timestamp-past-end", 4), ("timestamp-past-end", 21)]


def test_repeated_problems_are_capped_with_a_count() -> None:
    body = "\n".join("[05:4:00]" for _ in range(25))
    _, problems = parse(body)
    assert len(problems) == 21
    assert problems[-1].message == "5 more 'bad-timestamp' problems in this note from here on"
    assert (problems[-1].line, problems[-1].col, problems[-1].severity) == (26, 2, WARNING)


# --- rendered -------------------------------------------------------------------------------------


def test_rendered_times_are_anchors_and_deep_links_and_bad_ones_are_text() -> None:
    body = (
        f"A {anchor('00:04:31', '[00:05:00]')}. B [0:03:00, 0:18:31]. C [00:23:44 - 00:23:51].\n\n"
        f"D {anchor('05:4:00', '[05:4:00]')}. E [01:15:00]. F {anchor('01:00:54:00', '')}."
    )
    note, _ = parse(body)
    page = render(note)
    assert f'<a class="hb-ts" id="t-00-04-31" href="https://www.youtube.com/watch?v={VIDEO}&amp;t=271s"' in page
    assert 'title="Watch from 00:04:31"' in page
    assert 'id="t-00-03-00"' in page and 'id="t-00-18-31"' in page
    assert '<span class="hb-time-range">[<a class="hb-ts" id="t-00-23-44"' in page
    assert " – " in page
    assert re.search(r'<span class="hb-bad-time" title="Not linked: this is not a time[^"]*">05:4:00<span', page)
    assert re.search(r'<span class="hb-bad-time" title="Not linked: past the end of the video \([^"]*">01:15:00<', page)
    assert 'id="t-01-00-54"' in page
    assert "t-01-15-00" not in page and "t=4500s" not in page
    assert "00:05:00" not in page  # the anchor's text loses to data-t


def test_a_time_written_twice_gets_one_anchor() -> None:
    note, _ = parse("[00:04:31] and again [00:04:31].")
    page = render(note)
    assert page.count('id="t-00-04-31"') == 1
    assert page.count("t=271s") == 2
