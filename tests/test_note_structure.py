"""Every note renders its lists, tables, headings, blockquotes and callouts as CommonMark reads them.

Our transcript page is compared with a plain CommonMark render of the same note (timestamps and
wikilinks read as the text a reader sees): the same number of lists, items, tables, rows, headings
and blockquotes (a callout counts as one), and no paragraph holding a line that starts like a list
item. Runs on the sample notes in ``tests/notes_samples`` and the repository's own notes always, and
on the whole corpus when it is beside the checkout.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from generator.linking import link_site
from generator.model import NoteSlug, Rubric
from generator.notes import Note, note_slug_for, parse_note
from generator.problems import ProblemLog
from tests.conftest import REPO, corpus_or_skip
from tests.note_structure import CALLOUT_AFTER_HTML, commonmark_structure, literal_list_markers, page_structure

SAMPLES = Path(__file__).parent / "notes_samples"
OWN_NOTES = REPO / "content" / "transcripts"


def _notes(paths: Iterable[Path]) -> dict[NoteSlug, tuple[Note, str]]:
    notes = {}
    for path in paths:
        slug = note_slug_for(path.name, ProblemLog(path.name))
        assert slug is not None, path
        note, _ = parse_note(path.read_bytes(), slug, path.name)
        assert note is not None, path
        notes[slug] = (note, path.read_text(encoding="utf-8", errors="replace"))
    return notes


def structure_problems(paths: Iterable[Path]) -> list[str]:
    """Every note whose page loses or invents structure, or shows a literal list marker."""
    notes = _notes(paths)
    links, _ = link_site(Rubric("T", "1", (), (), (), (), (), ()), {s: n for s, (n, _) in notes.items()}, "transcripts")
    problems = []
    for slug, (note, source) in sorted(notes.items()):
        ours, paragraphs = page_structure(note, links)
        theirs = commonmark_structure(source)
        # A callout under an HTML line is text to plain CommonMark, a callout to the publisher and to us.
        same = ours >= theirs if CALLOUT_AFTER_HTML.search(source) else ours == theirs
        if not same:
            problems.append(f"{slug}: ours has {dict(ours - theirs)} more, {dict(theirs - ours)} fewer")
        problems += [f"{slug}: literal list marker in {p[:80]!r}" for p in literal_list_markers(paragraphs)]
    return problems


def _markdown_files(folder: Path) -> list[Path]:
    return sorted(p for p in folder.glob("*.md") if p.name not in ("README.md", "SOURCE.md"))


def test_the_sample_notes_keep_their_structure() -> None:
    assert len(_markdown_files(SAMPLES)) == 5
    assert structure_problems(_markdown_files(SAMPLES)) == []


def test_the_handbooks_own_notes_keep_their_structure() -> None:
    assert structure_problems(_markdown_files(OWN_NOTES)) == []


def test_a_list_after_a_paragraph_line_in_a_sample_is_a_list() -> None:
    [note] = _notes([SAMPLES / "adapting_presentations_for_remote_audiences.md"]).values()
    links, _ = link_site(Rubric("T", "1", (), (), (), (), (), ()), {note[0].slug: note[0]}, "transcripts")
    counts, _ = page_structure(note[0], links)
    assert counts["ul"] >= 1 and counts["li"] >= 3


def test_every_corpus_note_keeps_its_structure() -> None:
    assert structure_problems(_markdown_files(corpus_or_skip())) == []
