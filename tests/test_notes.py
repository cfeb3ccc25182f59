"""Notes: wikilinks (parsed, resolved, rendered), front matter, file names and decoding.

Each wikilink form is put on line 6 of a note after ``Say `` (so it starts at column 5), parsed
with ``find_wikilinks`` through ``parse_note``, resolved by ``linking`` against a second note
``other_note`` (title "Other Note"), and rendered by ``render_transcript_page``.
"""

from __future__ import annotations

import pytest

from generator import urls
from generator.linking import Links, link_site, plain_text, sentence_around
from generator.model import NoteSlug, Rubric, TopicSlug
from generator.notes import MAX_NOTE_BYTES, Note, find_wikilinks, note_slug_for, parse_note
from generator.problems import Problem, ProblemLog, Severity
from generator.transcripts import render_transcript_page

VIDEO = "abcdefghijk"
WARNING, NOTICE, ERROR = Severity.WARNING, Severity.NOTICE, Severity.ERROR
ZWSP, BOM, SHY = "\u200b", "\ufeff", "\u00ad"


def note_text(body: str, title: str = "A note") -> str:
    return f"---\ntitle: {title}\nvideoId: {VIDEO}\n---\n\n{body}\n"


def parse(text: str | bytes, slug: str = "a_note") -> tuple[Note | None, list[Problem]]:
    data = text if isinstance(text, bytes) else text.encode("utf-8")
    return parse_note(data, NoteSlug(slug), f"docs/transcripts/{slug}.md")


def linked(body: str) -> tuple[Note, Links]:
    note, _ = parse(note_text(body))
    other, _ = parse(note_text("The other one [00:01:00].", title="Other Note"), "other_note")
    assert note is not None and other is not None
    links, problems = link_site(Rubric("T", "1", (), (), (), (), (), ()), {note.slug: note, other.slug: other}, "t")
    assert problems == []
    return note, links


def rendered(body: str) -> str:
    note, links = linked(body)
    return render_transcript_page(note, links, urls.transcript_page(note.slug, "t")).body


# --- parsing ------------------------------------------------------------------------------------

# (written, target, slug, display text)
FORMS = [
    pytest.param("[[other_note]]", "other_note", "other_note", "", id="slug"),
    pytest.param("[[other_note|the other]]", "other_note", "other_note", "the other", id="slug-pipe-text"),
    pytest.param("[[other_note | the other]]", "other_note", "other_note", "the other", id="slug-spaced-pipe"),
    pytest.param("[[Other Note | the other]]", "Other Note", "other_note", "the other", id="title-words"),
    pytest.param("[[Other  Note]]", "Other  Note", "other_note", "", id="title-words-double-space"),
    pytest.param(f"[[other{ZWSP}_note]]", "other_note", "other_note", "", id="zero-width-space"),
    pytest.param(f"[[{BOM}other_note]]", "other_note", "other_note", "", id="bom"),
    pytest.param(f"[[other_{SHY}note | the{SHY} other]]", "other_note", "other_note", "the other", id="soft-hyphen"),
    pytest.param("[[other_note#Some heading]]", "other_note", "other_note", "", id="heading"),
    pytest.param("[[other_note#Some heading|there]]", "other_note", "other_note", "there", id="heading-text"),
    pytest.param("[[other_note\\|in a table]]", "other_note", "other_note", "in a table", id="table-escape"),
    pytest.param("[[other_note.md|x]]", "other_note", "other_note", "x", id="md-suffix"),
    pytest.param("[[notes/other_note]]", "other_note", "other_note", "", id="folder"),
    pytest.param("[[Café Crème]]", "Café Crème", "cafe_creme", "", id="accents-folded"),
    pytest.param("[[Some Topic]]", "Some Topic", "some_topic", "", id="topic"),
]


@pytest.mark.parametrize(("written", "target", "slug", "text"), FORMS)
def test_wikilink_is_parsed(written: str, target: str, slug: str, text: str) -> None:
    note, problems = parse(note_text(f"Say {written} end."))
    assert note is not None and problems == []
    [link] = note.wikilinks
    assert (link.target, link.slug, link.text, link.line, link.col) == (target, slug, text, 6, 5)
    assert note.body[link.start : link.end] == written


@pytest.mark.parametrize(
    ("written", "code", "col", "message"),
    [
        ("[[ ]]", "empty-wikilink", 5, "wikilink '[[ ]]' names no page"),
        ("[[ | text]]", "empty-wikilink", 5, "wikilink '[[ | text]]' names no page"),
        ("[[#only-a-heading]]", "empty-wikilink", 5, "wikilink '[[#only-a-heading]]' names no page"),
        (f"[[{ZWSP}]]", "empty-wikilink", 5, "wikilink '[[\u200b]]' names no page"),
        ("[[other_note and on", "unclosed-wikilink", 5, "'[[' is never closed by ']]' on this line"),
        ("[[other_note]] then [[open", "unclosed-wikilink", 25, "'[[' is never closed by ']]' on this line"),
        ("[[other_note\nnote]]", "unclosed-wikilink", 5, "'[[' is never closed by ']]' on this line"),
    ],
)
def test_broken_wikilink_is_a_located_warning(written: str, code: str, col: int, message: str) -> None:
    _, problems = parse(note_text(f"Say {written} end."))
    assert [(p.path, p.line, p.col, p.code, p.severity, p.message) for p in problems] == [
        ("docs/transcripts/a_note.md", 6, col, code, WARNING, message)
    ]


@pytest.mark.parametrize(
    ("written", "shown"),
    [
        ("[[" + "word " * 60 + "]]", "word " * 12),
        ("[[con]]", "con"),
        ("[[LPT1 | the printer]]", "LPT1"),
    ],
)
def test_a_target_that_cannot_be_a_file_name_is_a_warning(written: str, shown: str) -> None:
    note, problems = parse(note_text(f"Say {written} end."))
    assert note is not None and [link.slug for link in note.wikilinks] == [""]
    assert [(p.line, p.col, p.code, p.severity, p.message) for p in problems] == [
        (
            6,
            5,
            "bad-wikilink-target",
            WARNING,
            f"wikilink target '{shown}' cannot be a page (expected at most 252 characters, not a reserved device name)",
        )
    ]


def test_the_longest_possible_note_slug_is_still_a_link() -> None:
    note, problems = parse(note_text("Say [[" + "a" * 252 + "]] end."))
    assert note is not None and problems == []
    assert [len(link.slug) for link in note.wikilinks] == [252]


def test_a_target_that_cannot_be_a_file_name_renders_as_text() -> None:
    page = rendered("Say [[con | the con]] and [[" + "word " * 60 + "]] end.")
    assert "hb-wikilink" not in page and "topics/con" not in page
    assert "Say the con and word word" in page


def test_find_wikilinks_counts_lines_from_first_line() -> None:
    log = ProblemLog("x.md")
    links = find_wikilinks("one\n\n  [[a]] [[b|c]]\n[[", 10, log)
    assert [(link.slug, link.line, link.col) for link in links] == [("a", 12, 3), ("b", 12, 9)]
    assert [(p.code, p.line, p.col) for p in log.problems] == [("unclosed-wikilink", 13, 1)]


def test_only_one_unclosed_warning_per_line() -> None:
    _, problems = parse(note_text("[[a [[b [[c"))
    assert [(p.code, p.line, p.col) for p in problems] == [("unclosed-wikilink", 6, 1)]


# --- resolution and rendering -------------------------------------------------------------------

NOTE_HREF = "../other_note/"


@pytest.mark.parametrize(
    ("written", "href", "text"),
    [
        ("[[other_note]]", NOTE_HREF, "Other Note"),
        ("[[other_note|the other]]", NOTE_HREF, "the other"),
        ("[[other_note | the other]]", NOTE_HREF, "the other"),
        ("[[Other Note | the other]]", NOTE_HREF, "the other"),
        ("[[Other Note]]", NOTE_HREF, "Other Note"),
        (f"[[other{ZWSP}_note]]", NOTE_HREF, "Other Note"),
        (f"[[{BOM}other_note]]", NOTE_HREF, "Other Note"),
        (f"[[other_{SHY}note]]", NOTE_HREF, "Other Note"),
        ("[[other_note#Some heading]]", NOTE_HREF, "Other Note"),
        ("[[other_note\\|escaped]]", NOTE_HREF, "escaped"),
        ("[[Some Topic]]", "../../topics/some_topic/", "Some Topic"),
        ("[[some_topic | a topic]]", "../../topics/some_topic/", "a topic"),
        ("[[Some Topic | <i>y</i>]]", "../../topics/some_topic/", "&lt;i&gt;y&lt;/i&gt;"),
    ],
)
def test_wikilink_renders_as_a_link_to_its_page(written: str, href: str, text: str) -> None:
    page = rendered(f"Say {written} end.")
    assert f'<a class="hb-wikilink" href="{href}"' in page
    assert f">{text}</a> end." in page


@pytest.mark.parametrize(
    ("written", "shown"), [("[[ ]]", "[[ ]]"), ("[[#heading]]", "[[#heading]]"), ("[[ | shown]]", "shown")]
)
def test_an_empty_wikilink_is_shown_as_text_not_a_link(written: str, shown: str) -> None:
    page = rendered(f"Say {written} end.")
    assert "hb-wikilink" not in page
    assert f"Say {shown} end." in page


def test_an_unclosed_wikilink_stays_text() -> None:
    page = rendered("Say [[other_note and on.")
    assert "Say [[other_note and on." in page
    assert "hb-wikilink" not in page


def test_a_wikilink_in_a_table_keeps_the_table() -> None:
    page = rendered("| who | where |\n|---|---|\n| [[other_note\\|the other]] | here |")
    assert f'<td><a class="hb-wikilink" href="{NOTE_HREF}"' in page
    assert ">the other</a></td>" in page
    assert "<td>here</td>" in page


def test_wikilinks_resolve_to_notes_or_topics() -> None:
    note, links = linked("See [[Other Note | it]] and [[Some Topic]] and [[some_topic|again]] and [[ ]].")
    pages = [links.wikilink_page(link) for link in note.wikilinks]
    assert pages == ["t/other_note.md", "topics/some_topic.md", "topics/some_topic.md", None]
    assert list(links.topics) == [TopicSlug("some_topic")]
    topic = links.topics[TopicSlug("some_topic")]
    assert topic.title == "Some Topic"
    assert [m.note for m in topic.mentions] == ["a_note"]
    assert [m.note for m in links.note_mentions[NoteSlug("other_note")]] == ["a_note"]


def test_a_mention_quotes_the_sentence_and_the_nearest_time() -> None:
    _, links = linked("Before. See [[other_note#Part two]] here [00:02:00]. After.")
    [mention] = links.note_mentions[NoteSlug("other_note")]
    assert mention.sentence == "See other note here."
    assert mention.seconds == 120


@pytest.mark.parametrize(
    ("body", "start", "sentence"),
    [
        ("See [[x]] here. Next.", 4, "See x here."),
        ("Hi. See [[x]] here. Next.", 8, "See x here."),
        ("Hi! See [[x]] here", 8, "See x here"),
        ("Line one\nSee [[x]] here.", 13, "See x here."),
        ("\nSee [[x]] here.", 5, "See x here."),
    ],
)
def test_sentence_around_a_wikilink(body: str, start: int, sentence: str) -> None:
    assert sentence_around(body, start, start + len("[[x]]")) == sentence


@pytest.mark.parametrize(
    ("fragment", "text"),
    [
        ("[[a_note]]", "a note"),
        ("[[a_note|shown]]", "shown"),
        ("[[a_note#Part]]", "a note"),
        ("[[a_note\\|shown]]", "shown"),
        ("**bold** <b>tag</b> [link](x.md)", "bold tag link"),
    ],
)
def test_plain_text_of_a_mention(fragment: str, text: str) -> None:
    assert plain_text(fragment) == text


# --- front matter -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "title", "video", "problems"),
    [
        ("---\ntitle: A title\nvideoId: abcdefghijk\n---\nx\n", "A title", VIDEO, []),
        (f"---\ntitle: ' A{ZWSP}  title '\n---\nx\n", "A title", None, []),
        (
            "---\ntitle: T\nvideoId: abc\n---\nx\n",
            "T",
            None,
            [
                (
                    3,
                    10,
                    "bad-video-id",
                    "videoId 'abc' (expected an 11-character YouTube id)",
                    "its times are not linked",
                )
            ],
        ),
        (
            "---\ntitle: T\nvideoid: abcdefghijk\n---\nx\n",
            "T",
            None,
            [
                (
                    3,
                    1,
                    "unknown-key",
                    "unknown key 'videoid' in the front matter (expected one of: title, videoId, tags, aliases, date)",
                    "did you mean 'videoId'?",
                )
            ],
        ),
        (
            "---\ntitle: NO\nvideoId: abcdefghijk\n---\n",
            "A note",
            VIDEO,
            [
                (
                    2,
                    8,
                    "unquoted-value",
                    "title 'NO' is unquoted, so YAML 1.1 reads it as a boolean (expected a quoted string)",
                    'quote it: "NO"',
                )
            ],
        ),
        (
            "---\nvideoId: abcdefghijk\n---\n",
            "A note",
            VIDEO,
            [
                (
                    2,
                    1,
                    "missing-key",
                    "the front matter has no 'title' (expected it)",
                    "add 'title: ...' to the front matter",
                )
            ],
        ),
        (
            "no front matter\n",
            "A note",
            None,
            [
                (
                    1,
                    1,
                    "no-front-matter",
                    "note has no front matter (expected '---', title, videoId, '---')",
                    "add front matter so the note has a title and a video",
                )
            ],
        ),
    ],
)
def test_front_matter(text: str, title: str, video: str | None, problems: list[tuple[int, int, str, str, str]]) -> None:
    note, found = parse(text)
    assert note is not None
    assert (note.title, note.video) == (title, video)
    assert [(p.line, p.col, p.code, p.message, p.hint) for p in found] == problems
    assert all(p.severity is WARNING for p in found)


def test_front_matter_yaml_error_is_a_warning_on_the_file_line() -> None:
    note, problems = parse("---\ntitle: T\nvideoId: [abc\n---\nbody\n")
    assert note is not None and note.title == "A note"
    assert [(p.line, p.col, p.code, p.severity) for p in problems] == [(4, 1, "yaml-syntax", WARNING)]


# --- decoding -------------------------------------------------------------------------------------

BODY = "Say [[other_note]] at [00:01:00].\n\nBroken [05:4:00]."


def summary(text: str | bytes) -> tuple[object, ...]:
    note, problems = parse(text)
    assert note is not None
    return (
        note.title,
        note.body_line,
        note.times,
        [(w.slug, w.line, w.col) for w in note.wikilinks],
        [(p.line, p.col, p.code) for p in problems],
    )


@pytest.mark.parametrize(
    "variant",
    [
        pytest.param(lambda t: b"\xef\xbb\xbf" + t.encode(), id="bom"),
        pytest.param(lambda t: t.replace("\n", "\r\n").encode(), id="crlf"),
        pytest.param(lambda t: t.replace("\n", "\r").encode(), id="cr"),
    ],
)
def test_bom_and_line_endings_read_like_lf(variant: object) -> None:
    text = note_text(BODY)
    assert callable(variant)
    assert summary(variant(text)) == summary(text)
    assert summary(text)[4] == [(8, 9, "bad-timestamp")]


@pytest.mark.parametrize(
    ("data", "line", "col", "code"),
    [
        (b"---\ntitle: caf\xe9\n---\n", 2, 11, "not-utf8"),
        (b"---\ntitle: T\n---\nab\0c\n", 4, 3, "nul-byte"),
        (b"x" * (MAX_NOTE_BYTES + 1), 1, 1, "note-too-large"),
    ],
)
def test_an_unreadable_note_is_left_out_with_a_warning(data: bytes, line: int, col: int, code: str) -> None:
    note, problems = parse(data)
    assert note is None
    assert [(p.line, p.col, p.code, p.severity) for p in problems] == [(line, col, code, WARNING)]
    assert "left out of the site" in problems[0].hint


# --- file names -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("filename", "slug", "codes"),
    [
        ("my_note.md", "my_note", []),
        ("my-note-2.md", "my-note-2", []),
        ("My Note.md", "my_note", [("note-name-slugified", NOTICE)]),
        ("Café.md", "cafe", [("note-name-slugified", NOTICE)]),
        ("con.md", None, [("bad-note-name", ERROR)]),
        ("LPT1.md", None, [("bad-note-name", ERROR)]),
        ("nul.backup.md", None, [("bad-note-name", ERROR)]),
        (".hidden.md", None, [("bad-note-name", ERROR)]),
        ("..md", None, [("bad-note-name", ERROR)]),
        ("!!!.md", None, [("bad-note-name", ERROR)]),
        ("a\\b.md", None, [("bad-note-name", ERROR)]),
        ("x" * 253 + ".md", None, [("bad-note-name", ERROR)]),
    ],
)
def test_note_slug_for(filename: str, slug: str | None, codes: list[tuple[str, Severity]]) -> None:
    log = ProblemLog(f"docs/transcripts/{filename}")
    assert note_slug_for(filename, log) == slug
    assert [(p.code, p.severity, p.line, p.col) for p in log.problems] == [(c, s, 1, 1) for c, s in codes]


def test_bad_note_name_message() -> None:
    log = ProblemLog("docs/transcripts/con.md")
    note_slug_for("con.md", log)
    assert log.problems[0].format() == (
        "docs/transcripts/con.md:1:1: error [bad-note-name] note file name 'con.md' cannot be published "
        "(expected letters, digits, '_' and '-', at most 255 bytes, not a reserved device name). "
        "hint: rename the file, e.g. 'my_topic.md'"
    )
