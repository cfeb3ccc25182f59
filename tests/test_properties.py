"""Property-based tests: arbitrary input gives a result or located problems, never an unexpected exception."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator import urls
from generator.linking import link_site
from generator.loading import parse_citation, parse_rubric
from generator.model import Location, NoteSlug, Rubric
from generator.notes import parse_note
from generator.problems import ProblemLog, Severity
from generator.transcripts import render_transcript_page, sanitize_html
from tests.conftest import MINI_RUBRIC

SETTINGS = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# Text made of the characters that matter to the parsers, so examples hit their edge cases often.
SYNTAX = st.sampled_from(
    [
        *list("[]()<>{}:,-|!#*_`&\\\"' \n\t\r@.0123456789aAzZé\u200b\ufeff\x00"),
        "[[",
        "]]",
        "<a ",
        "yt-timestamp",
        'data-t="',
        "00:01:05",
        "---\n",
        "- ",
        ": ",
        "&a",
        "*a",
        "!!",
    ]
)
TEXT = st.lists(SYNTAX, max_size=120).map("".join) | st.text(max_size=200)
RUBRIC_LINES = st.lists(st.sampled_from(MINI_RUBRIC.splitlines(keepends=True)), max_size=40).map("".join)


def assert_located(problems: list, n_lines: int) -> None:  # type: ignore[type-arg]
    for problem in problems:
        assert problem.line >= 1 and problem.col >= 1
        assert problem.line <= n_lines + 1, problem
        assert problem.message and problem.code


@SETTINGS
@given(
    st.one_of(
        TEXT.map(lambda s: s.encode("utf-8", "surrogatepass")), st.binary(max_size=300), RUBRIC_LINES.map(str.encode)
    )
)
def test_parse_rubric_returns_a_rubric_or_located_problems(data: bytes) -> None:
    log = ProblemLog("rubric.yaml")
    rubric = parse_rubric(data, log)
    assert rubric is None or isinstance(rubric, Rubric)
    assert_located(log.problems, data.count(b"\n") + data.count(b"\r"))
    if rubric is None:
        assert any(p.severity is Severity.ERROR for p in log.problems)


@SETTINGS
@given(TEXT)
def test_parse_citation_never_raises(text: str) -> None:
    citation = parse_citation(text, Location("rubric.yaml", 1, 1))
    if citation is not None:
        assert urls.NOTE_SLUG_PATTERN.match(citation.note)
        assert 0 <= citation.seconds < 100 * 3600


@SETTINGS
@given(TEXT, st.booleans())
def test_parse_note_and_render_never_raise(body: str, front: bool) -> None:
    text = ("---\ntitle: T\nvideoId: abcdefghijk\n---\n" if front else "") + body
    data = text.encode("utf-8", "surrogatepass")
    note, problems = parse_note(data, NoteSlug("n"), "n.md", known_videos={"abcdefghijk": 600})
    assert_located(problems, text.count("\n") + text.count("\r") + 1)
    if note is None:
        return
    for group in note.groups:
        for t in group.times:
            assert t.seconds is None or 0 <= t.seconds <= 600
    rubric = parse_rubric(MINI_RUBRIC.encode(), ProblemLog("rubric.yaml"))
    assert rubric is not None
    links, _ = link_site(rubric, {NoteSlug("n"): note}, "transcripts")
    page = render_transcript_page(note, links, urls.transcript_page(NoteSlug("n"))).body
    lowered = page.lower()
    assert "<script" not in lowered and "javascript:" not in lowered and " on" + "error=" not in lowered


@SETTINGS
@given(TEXT)
def test_sanitize_html_output_is_a_fixed_point(fragment: str) -> None:
    once = sanitize_html(fragment)
    # The HTML parser drops one leading byte-order mark per pass, so only that may differ.
    assert sanitize_html(once).lstrip("\ufeff") == once.lstrip("\ufeff")
    assert "<script" not in once.lower()
