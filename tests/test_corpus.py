"""The 1,026 real notes in ``../shared/corpus/lennyspodcast``: every one parsed, linked and rendered.

No exception, every problem located inside its file, and no rendered page carrying a script, an
event handler or a ``javascript:`` URL. Also checks the cheap facts of the corpus README. The time
the whole corpus takes is printed (run with ``-s`` or look for "corpus:" in the output); it is not
asserted. Skipped when the corpus is not beside the checkout (fails instead with
``HANDBOOK_REQUIRE_CORPUS=1``).
"""

from __future__ import annotations

import re
import time
from dataclasses import dataclass
from pathlib import Path

import pytest

from generator import urls
from generator.linking import Links, link_site, resolve_note
from generator.model import NoteSlug, Rubric
from generator.notes import Note, note_slug_for, parse_note
from generator.pages import render_topic_page
from generator.problems import Problem, ProblemLog
from generator.transcripts import render_transcript_page
from tests.conftest import corpus_or_skip

UNSAFE = re.compile(r"<\s*script|\son[a-z]+\s*=|javascript:", re.IGNORECASE)


@dataclass
class Corpus:
    folder: Path
    files: list[Path]
    notes: dict[NoteSlug, Note]
    problems: list[Problem]
    links: Links
    pages: dict[str, str]
    seconds: dict[str, float]


@pytest.fixture(scope="module")
def corpus() -> Corpus:
    folder = corpus_or_skip()
    files = sorted(p for p in folder.iterdir() if p.name.endswith(".md"))
    started = time.perf_counter()
    notes: dict[NoteSlug, Note] = {}
    problems: list[Problem] = []
    for path in files:
        log = ProblemLog(path.name)
        slug = note_slug_for(path.name, log)
        problems += log.problems
        assert slug is not None, path.name
        note, found = parse_note(path.read_bytes(), slug, path.name)
        problems += found
        assert note is not None, path.name
        assert slug not in notes, path.name
        notes[slug] = note
    parsed = time.perf_counter()
    links, link_problems = link_site(Rubric("Corpus", "1", (), (), (), (), (), ()), notes, "transcripts")
    problems += link_problems
    pages = {}
    for slug, note in notes.items():
        page = urls.transcript_page(slug)
        pages[page] = render_transcript_page(note, links, page).body
    for topic in links.topics.values():
        pages[urls.topic_page(topic.slug)] = render_topic_page(topic, links).body
    rendered = time.perf_counter()
    seconds = {"parse": parsed - started, "link and render": rendered - parsed, "total": rendered - started}
    return Corpus(folder, files, notes, problems, links, pages, seconds)


def test_time_taken(corpus: Corpus, capsys: pytest.CaptureFixture[str], record_property: object) -> None:
    summary = ", ".join(f"{name} {value:.1f}s" for name, value in corpus.seconds.items())
    with capsys.disabled():
        print(f"\ncorpus: {len(corpus.notes)} notes, {len(corpus.pages)} pages; {summary}")
    assert callable(record_property)
    for name, value in corpus.seconds.items():
        record_property(f"corpus {name} seconds", round(value, 2))


def test_every_note_is_parsed(corpus: Corpus) -> None:
    assert len(corpus.files) == 1026
    assert len(corpus.notes) == 1026


def test_every_problem_is_located_inside_its_file(corpus: Corpus) -> None:
    lines = {p.name: p.read_text(encoding="utf-8").split("\n") for p in corpus.files}
    for problem in corpus.problems:
        assert problem.path in lines, problem
        assert problem.line >= 1 and problem.col >= 1, problem.format()
        assert problem.line <= len(lines[problem.path]), problem.format()
        assert problem.col <= len(lines[problem.path][problem.line - 1]) + 1, problem.format()
        assert problem.message and problem.code, problem


def test_no_problem_is_an_error(corpus: Corpus) -> None:
    assert [p.format() for p in corpus.problems if p.severity.name == "ERROR"] == []


def test_every_page_is_rendered(corpus: Corpus) -> None:
    assert len(corpus.pages) == len(corpus.notes) + len(corpus.links.topics)
    assert all(page.startswith("# ") for page in corpus.pages.values())


def test_no_page_carries_a_script_or_handler(corpus: Corpus) -> None:
    unsafe = {uri: m.group(0) for uri, page in corpus.pages.items() if (m := UNSAFE.search(page))}
    assert unsafe == {}


def test_no_rendered_time_is_past_the_limit(corpus: Corpus) -> None:
    linked = {int(s) for page in corpus.pages.values() for s in re.findall(r"&amp;t=(\d+)s", page)}
    assert linked and max(linked) <= 3 * 3600


def test_every_yt_timestamp_anchor_is_found(corpus: Corpus) -> None:
    for path in corpus.files:
        written = len(re.findall(r"<a\b[^>\n]*yt-timestamp", path.read_text(encoding="utf-8")))
        note = corpus.notes[NoteSlug(path.stem)]
        found = sum(1 for g in note.groups if "yt-timestamp" in note.body[g.start : g.end])
        assert found == written, path.name


# --- facts from the corpus README -------------------------------------------------------------------


def test_wikilink_count(corpus: Corpus) -> None:
    assert sum(len(n.wikilinks) for n in corpus.notes.values()) == 8535


def test_most_wikilinks_resolve_and_the_rest_become_topics(corpus: Corpus) -> None:
    links = [w for n in corpus.notes.values() for w in n.wikilinks]
    unresolved = [w for w in links if resolve_note(w, corpus.notes) is None]
    print(f"{len(unresolved)} wikilinks to no note ({len({w.slug for w in unresolved})} targets)")
    # The README counts 630 links to no note (344 targets).
    assert 620 <= len(unresolved) <= 640
    assert {w.slug for w in unresolved if w.slug} == set(corpus.links.topics)
    titles = [w for w in links if w.target != w.slug and resolve_note(w, corpus.notes) is not None]
    assert len(titles) >= 1440


def test_the_handbooks_source_has_eleven_notes(corpus: Corpus) -> None:
    assert sum(1 for n in corpus.notes.values() if n.video == "ImSvm11GR0Y") == 11


def test_the_career_growth_framework_note_is_shifted(corpus: Corpus) -> None:
    slug = NoteSlug("product_management_career_growth_framework")
    shifted = [p for p in corpus.problems if p.code == "shifted-timestamps"]
    assert f"{slug}.md" in {p.path for p in shifted}
    note = corpus.notes[slug]
    assert 4 * 60 + 31 in note.times  # written 04:31:00
    assert max(note.times) <= 70 * 60 + 30  # the source's duration; 52:08:00 is read as 00:52:08


def test_the_channel_index_is_a_note(corpus: Corpus) -> None:
    assert "lennyspodcast" in corpus.notes
    assert corpus.links.note_mentions.get(NoteSlug("lennyspodcast"))


def test_the_largest_notes_are_rendered(corpus: Corpus) -> None:
    for slug in ("differences_between_mission_and_vision_in_product_management", "product_strategy_stack"):
        assert (corpus.folder / f"{slug}.md").stat().st_size > 300_000
        assert corpus.pages[urls.transcript_page(NoteSlug(slug))]


def test_callouts_become_admonitions(corpus: Corpus) -> None:
    with_callouts = [
        p.stem for p in corpus.files if re.search(r"^>\s*\[![A-Za-z]+\]", p.read_text(encoding="utf-8"), re.M)
    ]
    assert len(with_callouts) >= 97  # the README's count; some notes quote a callout in a list too
    for slug in with_callouts:
        page = corpus.pages[urls.transcript_page(NoteSlug(slug))]
        assert re.search(r'<div class="admonition [a-z]+">\n<p class="admonition-title">|<details class="', page), slug
