"""Mentions are listed by note, then by time, with a mention that has no time last in its note.

A note's passages are not always in time order (a summary's sections jump around the talk), so the
order a note's wikilinks appear in is not the order of the talk. Topic pages and a note's "Mentioned
in other notes" list each note's mentions in the order they happen in the video.
"""

from __future__ import annotations

import re
from pathlib import Path

from generator import urls
from generator.linking import collect_mentions
from generator.model import NoteSlug, TopicSlug
from generator.notes import Note, parse_note
from generator.project import project_from_folders
from generator.site import build_site
from tests.conftest import MINI_NOTE, write_project

VIDEO = "abcdefghijk"


def note(title: str, body: str) -> str:
    return f"---\ntitle: {title}\nvideoId: {VIDEO}\n---\n\n{body}"


# Alpha mentions each target three times: before any time (so with none), then late, then early.
ALPHA = note(
    "Alpha",
    "An opening line on [[Some Topic]] and [[target]], with no time.\n\n"
    "A late claim on [[Some Topic]] and [[target]] [00:05:00].\n\n"
    "An early claim on [[Some Topic]] and [[target]] [00:01:00].\n",
)
BETA = note("Beta", "Beta on [[Some Topic]] and [[target]] [00:02:00].\n\nAnd again, [[Some Topic]] [00:00:30].\n")
TARGET = note("Target", "The note the others link to [00:00:10].\n")
NOTES = {"alpha.md": ALPHA, "beta.md": BETA, "target.md": TARGET}


def parsed(notes: dict[str, str]) -> dict[NoteSlug, Note]:
    out: dict[NoteSlug, Note] = {}
    for name, text in notes.items():
        slug = NoteSlug(name.removesuffix(".md"))
        parsed_note, problems = parse_note(text.encode(), slug, f"docs/transcripts/{name}", {VIDEO: 600})
        assert parsed_note is not None and problems == [], problems
        out[slug] = parsed_note
    return out


def test_topic_mentions_are_by_note_then_time_untimed_last() -> None:
    topics, _ = collect_mentions(parsed(NOTES))
    mentions = topics[TopicSlug("some_topic")].mentions
    assert [(m.note, m.seconds) for m in mentions] == [
        ("alpha", 60),
        ("alpha", 300),
        ("alpha", None),
        ("beta", 30),
        ("beta", 120),
    ]


def test_note_mentions_are_by_note_then_time_untimed_last() -> None:
    _, note_mentions = collect_mentions(parsed(NOTES))
    mentions = note_mentions[NoteSlug("target")]
    assert [(m.note, m.seconds) for m in mentions] == [("alpha", 60), ("alpha", 300), ("alpha", None), ("beta", 120)]
    assert mentions[0].sentence == "An early claim on Some Topic and target."


def test_mentions_at_one_time_keep_the_note_order() -> None:
    same_time = note("Gamma", "First [[Some Topic]], then [[Some Topic | again]] [00:03:00].\n")
    topics, _ = collect_mentions(parsed({"gamma.md": same_time}))
    sentences = [m.sentence for m in topics[TopicSlug("some_topic")].mentions]
    assert sentences == ["First Some Topic, then again."]  # the same sentence and time: listed once
    untimed = note("Delta", "One [[Some Topic]] here.\n\nAnother [[Some Topic]] there.\n")
    topics, _ = collect_mentions(parsed({"delta.md": untimed}))
    assert [m.sentence for m in topics[TopicSlug("some_topic")].mentions] == [
        "One Some Topic here.",
        "Another Some Topic there.",
    ]


def listed(markdown: str) -> list[str]:
    """The link texts of a page's mention list items (``- [Alpha (00:01:00)](...)``)."""
    return re.findall(r"^- \[([^\]]*)\]\(", markdown, flags=re.MULTILINE)


def test_pages_list_mentions_in_time_order(tmp_path: Path) -> None:
    write_project(tmp_path, notes={"mini.md": MINI_NOTE, **NOTES})
    site = build_site(project_from_folders(tmp_path, tmp_path / "rubric.yaml", tmp_path / "docs" / "transcripts"))
    assert site.ok, [p.format() for p in site.problems]
    topic = site.page(urls.topic_page(TopicSlug("some_topic")))
    assert topic is not None
    assert listed(topic.markdown) == [
        "Alpha (00:01:00)",
        "Alpha (00:05:00)",
        "Alpha",
        "Beta (00:00:30)",
        "Beta (00:02:00)",
        "Mini note (00:01:05)",
    ]
    target = site.page(urls.transcript_page(NoteSlug("target")))
    assert target is not None
    mentioned = target.markdown.split("## Mentioned in other notes", 1)[1]
    assert listed(mentioned) == ["Alpha (00:01:00)", "Alpha (00:05:00)", "Alpha", "Beta (00:02:00)"]
