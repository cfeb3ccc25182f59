"""Resolving references between the rubric and the notes, and the backlinks that follow from them.

Everything here is a pure function of the rubric and the parsed notes: citations resolve to a
note's timestamp, wikilinks to a note or a topic, and each note and topic learns who points at it.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator
from dataclasses import dataclass

from . import urls
from .clock import format_clock
from .model import Citation, NoteSlug, Rubric, TopicSlug
from .notes import Note, WikiLink
from .problems import Problem, Severity
from .schema import closest

SENTENCE_LIMIT = 320


@dataclass(frozen=True)
class Citer:
    """A place in the handbook that cites a note: the page, the anchor and a label for it."""

    page: urls.PageUri
    anchor: str
    label: str


@dataclass(frozen=True)
class CitedBy:
    citer: Citer
    seconds: int


@dataclass(frozen=True)
class Mention:
    """A wikilink from a note: the sentence around it, and the nearest time to jump to."""

    note: NoteSlug
    sentence: str
    seconds: int | None


@dataclass(frozen=True)
class Topic:
    slug: TopicSlug
    title: str
    mentions: tuple[Mention, ...]


@dataclass(frozen=True)
class Links:
    notes: dict[NoteSlug, Note]
    cited_by: dict[NoteSlug, tuple[CitedBy, ...]]
    topics: dict[TopicSlug, Topic]
    note_mentions: dict[NoteSlug, tuple[Mention, ...]]
    transcripts_dir: str

    def wikilink_page(self, link: WikiLink) -> urls.PageUri | None:
        if not link.slug:
            return None
        note = resolve_note(link, self.notes)
        if note is not None:
            return urls.transcript_page(note, self.transcripts_dir)
        return urls.topic_page(TopicSlug(link.slug))

    def wikilink_title(self, link: WikiLink) -> str:
        note_slug = resolve_note(link, self.notes)
        if note_slug is not None:
            return self.notes[note_slug].title
        topic = self.topics.get(TopicSlug(link.slug))
        return topic.title if topic else link.target


def citers(rubric: Rubric) -> Iterator[tuple[Citer, Citation]]:
    """Every citation in the rubric with the place that makes it."""
    for w in rubric.ws:
        for cite in w.cites:
            yield Citer(urls.w_page(w.id), "", w.title), cite
    for pillar in rubric.pillars:
        for cite in pillar.cites:
            yield Citer(urls.pillar_page(pillar.id), "", pillar.title), cite
        for level in pillar.levels:
            page = urls.pillar_level_page(pillar.id, level.n)
            label = f"{pillar.title}, level {level.n}"
            for cite in level.cites:
                yield Citer(page, "", label), cite
            for criterion in level.criteria:
                for cite in criterion.cites:
                    yield Citer(page, criterion.id, f"{label}: {criterion.text}"), cite
    for principle in rubric.principles:
        for cite in principle.cites:
            yield Citer(urls.PRINCIPLES, principle.id, principle.title), cite


def link_site(rubric: Rubric, notes: dict[NoteSlug, Note], transcripts_dir: str) -> tuple[Links, list[Problem]]:
    problems = [problem for _, cite in citers(rubric) if (problem := check_citation(cite, notes, rubric))]
    cited_by: dict[NoteSlug, list[CitedBy]] = {}
    for citer, cite in citers(rubric):
        cited_by.setdefault(cite.note, []).append(CitedBy(citer, cite.seconds))
    topics, note_mentions = collect_mentions(notes)
    links = Links(
        notes=notes,
        cited_by={slug: tuple(sorted(items, key=_cited_by_order)) for slug, items in sorted(cited_by.items())},
        topics=topics,
        note_mentions=note_mentions,
        transcripts_dir=transcripts_dir,
    )
    return links, problems


def _cited_by_order(item: CitedBy) -> tuple[int, str, str]:
    return item.seconds, item.citer.page, item.citer.anchor


def check_citation(cite: Citation, notes: dict[NoteSlug, Note], rubric: Rubric) -> Problem | None:
    where = cite.where
    note = notes.get(cite.note)
    if note is None:
        hint = closest(cite.note, list(notes))
        return Problem(
            where.path,
            where.line,
            where.col,
            "unknown-note",
            Severity.ERROR,
            f"citation '{cite.text}' names no note (expected a file in the transcripts folder)",
            hint or "check the note's file name, without '.md'",
        )
    if note.video is None:
        return Problem(
            where.path,
            where.line,
            where.col,
            "note-without-video",
            Severity.ERROR,
            f"citation '{cite.text}': the note has no valid videoId (expected one in its front matter)",
            f"add 'videoId:' to {note.path}",
        )
    source = rubric.source_for_video(note.video)
    if source is not None and cite.seconds > source.duration:
        return Problem(
            where.path,
            where.line,
            where.col,
            "citation-past-end",
            Severity.ERROR,
            f"citation '{cite.text}' is past the video's end ({format_clock(source.duration)})",
            "check the time against the note",
        )
    if cite.seconds not in note.times:
        return Problem(
            where.path,
            where.line,
            where.col,
            "unknown-timestamp",
            Severity.ERROR,
            f"citation '{cite.text}': no timestamp {format_clock(cite.seconds)} in {note.path}",
            _nearest_times_hint(cite.seconds, note.times),
        )
    return None


def _nearest_times_hint(seconds: int, times: tuple[int, ...]) -> str:
    if not times:
        return "the note has no linkable timestamps"
    index = bisect.bisect_left(times, seconds)
    nearest = sorted(times[max(0, index - 2) : index + 2], key=lambda t: (abs(t - seconds), t))[:3]
    return "nearest: " + ", ".join(format_clock(t) for t in sorted(nearest))


# --- mentions (wikilinks seen from their targets) ---------------------------------------------


def resolve_note(link: WikiLink, notes: dict[NoteSlug, Note]) -> NoteSlug | None:
    """The note a wikilink names, if any: its slug, or a title's slug with hyphens dropped or spaced."""
    if not link.slug:
        return None
    for candidate in (link.slug, *urls.slug_variants(link.target)):
        if candidate in notes:
            return NoteSlug(candidate)
    return None


def collect_mentions(notes: dict[NoteSlug, Note]) -> tuple[dict[TopicSlug, Topic], dict[NoteSlug, tuple[Mention, ...]]]:
    by_topic: dict[TopicSlug, list[Mention]] = {}
    titles: dict[TopicSlug, str] = {}
    by_note: dict[NoteSlug, list[Mention]] = {}
    for slug in sorted(notes):
        note = notes[slug]
        times = _TimeIndex(note)
        for link in note.wikilinks:
            target = resolve_note(link, notes)
            if not link.slug or target == slug:
                continue
            mention = Mention(slug, sentence_around(note.body, link.start, link.end), times.time_near(link.start))
            if target is not None:
                by_note.setdefault(target, []).append(mention)
            else:
                topic = TopicSlug(link.slug)
                by_topic.setdefault(topic, []).append(mention)
                titles.setdefault(topic, topic_title(link))
    topics = {slug: Topic(slug, titles[slug], _unique(mentions)) for slug, mentions in sorted(by_topic.items())}
    return topics, {slug: _unique(mentions) for slug, mentions in sorted(by_note.items())}


def _unique(mentions: list[Mention]) -> tuple[Mention, ...]:
    """Each mention once, by note, then by time; a mention without a time comes last in its note."""
    return tuple(sorted(dict.fromkeys(mentions), key=_mention_order))


def _mention_order(mention: Mention) -> tuple[str, bool, int]:
    # Stable: mentions at the same time, or without one, keep the order they have in the note.
    return mention.note, mention.seconds is None, mention.seconds or 0


def topic_title(link: WikiLink) -> str:
    """A readable title for a topic: the target as written when it is a title, else the slug's words."""
    if link.target and link.target != link.slug:
        return " ".join(link.target.split())[:120]
    words = link.slug.replace("_", " ").replace("-", " ").strip()
    return words[:1].upper() + words[1:]


class _TimeIndex:
    """A note's linkable times and paragraph breaks by offset, so each mention costs a bisection."""

    def __init__(self, note: Note) -> None:
        firsts = ((g.start, next((t.seconds for t in g.times if t.seconds is not None), None)) for g in note.groups)
        timed = [(start, seconds) for start, seconds in firsts if seconds is not None]
        self.starts = [start for start, _ in timed]
        self.seconds = [seconds for _, seconds in timed]
        self.breaks = [m.start() for m in re.finditer(r"\n\n", note.body)]

    def time_near(self, offset: int) -> int | None:
        """The first linkable time at or after ``offset`` in the same paragraph, else the last before it."""
        index = bisect.bisect_left(self.starts, offset)
        before = self.seconds[index - 1] if index > 0 else None
        if index == len(self.starts):
            return before
        next_break = bisect.bisect_left(self.breaks, offset)
        paragraph_end = self.breaks[next_break] if next_break < len(self.breaks) else None
        in_paragraph = paragraph_end is None or self.starts[index] < paragraph_end
        return self.seconds[index] if in_paragraph else before


_SPACE_BEFORE_PUNCTUATION = re.compile(r"\s+([.,;:!?])")
_TAG_RE = re.compile(r"<[^<>]{0,500}>")
_WIKI_RE = re.compile(r"\[\[([^\[\]\n|]{0,500})(?:\|([^\[\]\n]{0,500}))?\]\]")
_BRACKET_TIME_RE = re.compile(r"\[\s*\d{1,2}:[\d:,\s\-–]{0,200}\]")
_MARKUP_RE = re.compile(r"[*_`#>]+|!?\[(?=[^\]]*\]\()|\]\([^)]{0,500}\)")


def sentence_around(body: str, start: int, end: int) -> str:
    """The plain-text sentence that contains ``body[start:end]``, at most SENTENCE_LIMIT characters."""
    low = max(0, start - SENTENCE_LIMIT)  # every search stays within the quoted window
    high = min(len(body), end + SENTENCE_LIMIT)
    starts = [body.rfind("\n", low, start) + 1, low]
    starts += [i + len(mark) for mark in (". ", "! ", "? ") if (i := body.rfind(mark, low, start)) >= 0]
    right_candidates = [i + 1 for i in (body.find(mark, end, high) for mark in (".", "!", "?", "\n")) if i >= 0]
    left = max(starts)
    right = min(right_candidates, default=high)
    text = plain_text(body[left:right])
    return text if len(text) <= SENTENCE_LIMIT else text[: SENTENCE_LIMIT - 1].rstrip() + "…"


def plain_text(fragment: str) -> str:
    """Markdown and HTML reduced to words, for quoting; the caller escapes it before output."""
    text = _WIKI_RE.sub(_wikilink_words, fragment)
    text = _TAG_RE.sub(" ", text)
    text = _BRACKET_TIME_RE.sub(" ", text)
    text = _MARKUP_RE.sub("", text)
    words = " ".join(urls.strip_invisible(text).split())
    return _SPACE_BEFORE_PUNCTUATION.sub(r"\1", words)  # where a removed timestamp stood


def _wikilink_words(match: re.Match[str]) -> str:
    """A wikilink's display text, or its target as words (``a_note#Part`` → ``a note``)."""
    return (match.group(2) or match.group(1).split("#", 1)[0].replace("_", " ")).strip()
