"""Transcript notes → ``Note``: front matter, timestamps and wikilinks, each located.

A note is found text, not authored input: every odd form is either understood (and a repair is
reported as a notice) or reported as a warning and left unlinked. Nothing here renders; the
renderer rewrites the spans this module finds.
"""

from __future__ import annotations

import bisect
import math
import re
from dataclasses import dataclass, replace
from pathlib import PurePosixPath

from .clock import ClockReading, format_clock, read_clock, unshift
from .model import NoteSlug
from .problems import Problem, ProblemLog
from .schema import Reader
from .urls import NOTE_SLUG_PATTERN, VIDEO_ID_PATTERN, slugify_title, strip_invisible
from .yamltree import decode_text, parse_yaml

# Without a source duration, a time later than this is taken as impossible.
DEFAULT_MAX_SECONDS = 3 * 3600
# Past this many problems of one kind in one note, the rest are summarised in one line.
MAX_REPORTS_PER_CODE = 20
# Block structure (tables, lists, headings) costs Python-Markdown more than linear time; the real notes
# have at most a few hundred lines.
MAX_MARKDOWN_LINES = 5_000
MAX_NOTE_BYTES = 4 * 1024 * 1024
# Python-Markdown copies a whole paragraph for every inline construct it finds, so a paragraph costs
# about (markup characters x length). Past this product, the paragraph is shown as plain text.
MAX_MARKUP_COST = 20_000_000
MARKUP_CHARS = "[<`*_&\\"
# A wikilink's slug becomes a file name (``<slug>.md``): the longest a note's slug can be, too.
MAX_TOPIC_SLUG = 255 - len(".md")

_RESERVED_NAMES = {"con", "prn", "aux", "nul", *(f"com{i}" for i in range(1, 10)), *(f"lpt{i}" for i in range(1, 10))}

_TIME = r"\d{1,2}(?::\d{1,2}){1,3}"
_ANCHOR = r"<a\b[^<>\n]{0,400}?yt-timestamp[^<>\n]{0,400}>[^<\n]{0,80}</a>"
_TIMESTAMP_RE = re.compile(
    rf"\[[^\[\]\n]{{0,80}}\]\({_ANCHOR}\)"  # an anchor wrapped in a Markdown link
    rf"|{_ANCHOR}"
    rf"|\[\s*{_TIME}\]?(?:\s*(?:,|;|-|–|—|to)\s*{_TIME}\]?){{0,30}}\s*\]"  # bare, lists and ranges
)
_DATA_T_RE = re.compile(r"""data-t\s*=\s*["']([^"'>]{0,40})["']""")
_ANCHOR_TEXT_RE = re.compile(r">([^<]{0,80})</a>")
_TIME_IN_GROUP_RE = re.compile(_TIME)
_WIKILINK_RE = re.compile(r"\[\[([^\[\]\n]{1,500}?)\]\]")


@dataclass(frozen=True)
class Timestamp:
    seconds: int | None  # None: unreadable or impossible, shown as text and never linked
    raw: str
    line: int
    col: int
    why: str = ""  # with no seconds: why the time is not linked, for the reader


@dataclass(frozen=True)
class TimeGroup:
    """One written timestamp form (an anchor, ``[t]``, a list or a range) and the times in it."""

    start: int
    end: int
    times: tuple[Timestamp, ...]
    is_range: bool


@dataclass(frozen=True)
class WikiLink:
    start: int
    end: int
    target: str  # as written, cleaned of invisible characters
    slug: str  # the target as a slug; empty when nothing is left
    text: str  # the display text, or "" to use the target page's title
    line: int
    col: int


@dataclass(frozen=True)
class Note:
    slug: NoteSlug
    path: str
    title: str
    video: str | None
    body: str
    body_line: int  # line number of the body's first line in the file
    groups: tuple[TimeGroup, ...]
    wikilinks: tuple[WikiLink, ...]
    plain_blocks: tuple[tuple[int, int], ...] = ()  # paragraphs (body offsets) too dense to render as Markdown

    @property
    def times(self) -> tuple[int, ...]:
        """Every linkable time in the note, sorted, once each."""
        return tuple(sorted({t.seconds for g in self.groups for t in g.times if t.seconds is not None}))


def note_slug_for(filename: str, log: ProblemLog) -> NoteSlug | None:
    """The slug a note file is published under, or None (with an error) if it cannot be published."""
    stem = filename[:-3] if filename.endswith(".md") else filename
    unsafe = (
        ".." in stem
        or "/" in stem
        or "\\" in stem
        or len(filename.encode("utf-8")) > 255
        or stem.split(".")[0].lower() in _RESERVED_NAMES
        or stem.startswith(".")
    )
    slug = stem if NOTE_SLUG_PATTERN.match(stem) else slugify_title(stem)
    if unsafe or not slug or slug in _RESERVED_NAMES:
        log.error(
            1,
            1,
            "bad-note-name",
            f"note file name '{filename[:80]}' cannot be published "
            "(expected letters, digits, '_' and '-', at most 255 bytes, not a reserved device name)",
            "rename the file, e.g. 'my_topic.md'",
        )
        return None
    if slug != stem:
        log.notice(
            1,
            1,
            "note-name-slugified",
            f"note file name '{stem}' is published as '{slug}'",
            f"rename the file to '{slug}.md' to make the URL obvious",
        )
    return NoteSlug(slug)


def parse_note(
    data: bytes, slug: NoteSlug, path: str, known_videos: dict[str, int] | None = None
) -> tuple[Note | None, list[Problem]]:
    """Parse one note. ``known_videos`` maps a video id to its duration in seconds."""
    log = ProblemLog(path)
    if len(data) > MAX_NOTE_BYTES:
        log.warning(
            1,
            1,
            "note-too-large",
            f"note is {len(data):,} bytes (expected at most {MAX_NOTE_BYTES:,})",
            "split the note; it is left out of the site",
        )
        return None, log.problems
    text = decode_text(data, _NoteDecodeLog(log))
    if text is None:
        return None, log.problems
    title, video, body, body_line = _read_front_matter(text, slug, log)
    duration = (known_videos or {}).get(video or "") or DEFAULT_MAX_SECONDS
    groups = find_time_groups(body, body_line, duration, log)
    wikilinks = find_wikilinks(body, body_line, log)
    plain = _whole_note_if_too_long(body, body_line, log) or find_dense_paragraphs(
        body, body_line, groups, wikilinks, log
    )
    return Note(slug, path, title, video, body, body_line, groups, wikilinks, plain), log.problems


class _NoteDecodeLog(ProblemLog):
    """Decoding problems in a note are warnings: the note is left out, the build goes on."""

    def __init__(self, log: ProblemLog) -> None:
        super().__init__(log.path)
        self.problems = log.problems

    def error(self, line: int, col: int, code: str, message: str, hint: str = "") -> None:
        self.warning(line, col, code, message, hint + "; the note is left out of the site")


def _read_front_matter(text: str, slug: str, log: ProblemLog) -> tuple[str, str | None, str, int]:
    fallback_title = slug.replace("_", " ").replace("-", " ").strip().capitalize()
    match = re.match(r"---\n(.*?\n)?---[ \t]*(?:\n|\Z)", text, re.DOTALL)
    if not match:
        log.warning(
            1,
            1,
            "no-front-matter",
            "note has no front matter (expected '---', title, videoId, '---')",
            "add front matter so the note has a title and a video",
        )
        return fallback_title, None, text, 1
    body_line = match.group(0).count("\n") + 1
    fm_log = ProblemLog(log.path)  # the note is kept with a fallback title: no "left out" hint
    root = parse_yaml(match.group(1) or "", fm_log)
    reader = Reader(fm_log)
    fm = reader.mapping(root, "the front matter", ["title"], ["videoId", "tags", "aliases", "date"]) if root else None
    title = reader.string(fm.get("title"), "title") if fm else None
    video = reader.string(fm.get("videoId"), "videoId") if fm else None
    video_node = fm.get("videoId") if fm else None
    if video is not None and video_node is not None and not VIDEO_ID_PATTERN.match(video):
        fm_log.warning(
            video_node.line,
            video_node.col,
            "bad-video-id",
            f"videoId '{video[:40]}' (expected an 11-character YouTube id)",
            "its times are not linked",
        )
        video = None
    for problem in fm_log.problems:  # front matter starts on line 2; problems there are warnings
        log.warning(problem.line + 1, problem.col, problem.code, problem.message, problem.hint)
    clean_title = " ".join(strip_invisible(title).split()) if title else ""
    return clean_title or fallback_title, video, text[match.end() :], body_line


# --- timestamps --------------------------------------------------------------------------------


class _LineIndex:
    """Offset → (line, col) for one text, in O(log n) per lookup."""

    def __init__(self, text: str, first_line: int) -> None:
        self.starts = [0] + [m.end() for m in re.finditer("\n", text)]
        self.first_line = first_line

    def __call__(self, index: int) -> tuple[int, int]:
        row = bisect.bisect_right(self.starts, index) - 1
        return self.first_line + row, index - self.starts[row] + 1


def find_time_groups(body: str, first_line: int, duration: int, log: ProblemLog) -> tuple[TimeGroup, ...]:
    """Every timestamp form in ``body``, read, repaired where the intent is clear, and checked."""
    where = _LineIndex(body, first_line)
    raw_groups: list[tuple[int, int, list[tuple[str, ClockReading, int]], bool]] = []
    for match in _TIMESTAMP_RE.finditer(body):
        readings = _read_group(match.group(0), match.start())
        is_range = bool(re.search(r"\d\]?\s*(?:-|–|—|to)\s*\d", match.group(0))) and "<a" not in match.group(0)
        raw_groups.append((match.start(), match.end(), readings, is_range))
    shifted = _is_shifted([r for _, _, readings, _ in raw_groups for _, r, _ in readings], duration)
    reporter = _CappedReporter(log)
    if shifted is not None:
        line, col = where(raw_groups[0][0])
        log.notice(
            line,
            col,
            "shifted-timestamps",
            f"every time in this note is written as MM:SS:00 (e.g. '{shifted}' means "
            f"{format_clock(unshift(_seconds_of(shifted)))}); all are read that way",
            "write times as HH:MM:SS",
        )
    groups = []
    for start, end, readings, is_range in raw_groups:
        times = tuple(
            _checked_time(raw, reading, where(offset), shifted is not None, duration, reporter)
            for raw, reading, offset in readings
        )
        groups.append(TimeGroup(start, end, times, is_range))
    reporter.finish()
    return tuple(groups)


def _seconds_of(raw: str) -> int:
    reading = read_clock(raw)
    return reading.seconds or 0


def _read_group(written: str, offset: int) -> list[tuple[str, ClockReading, int]]:
    """The times in one written form: ``data-t`` wins over an anchor's text; lists give several."""
    if "yt-timestamp" in written:
        data_t = _DATA_T_RE.search(written)
        anchor_text = _ANCHOR_TEXT_RE.search(written)
        raw = data_t.group(1) if data_t else ""
        reading = read_clock(raw)
        if reading.seconds is None and anchor_text and read_clock(anchor_text.group(1)).seconds is not None:
            shown = anchor_text.group(1).strip()
            fallback = read_clock(shown)
            reading = ClockReading(
                fallback.seconds,
                fallback.three_part,
                f"unreadable data-t '{raw}' replaced by the anchor's text '{shown}'",
            )
            raw = shown
        position = offset + (data_t.start(1) if data_t else 0)
        return [(raw, reading, position)]
    return [(m.group(0), read_clock(m.group(0)), offset + m.start()) for m in _TIME_IN_GROUP_RE.finditer(written)]


def _is_shifted(readings: list[ClockReading], duration: int) -> str | None:
    """If the note is written ``MM:SS:00``, an example of it; else None.

    The intent is clear when nearly every three-part time ends in ``:00``, some of those are
    impossible as HH:MM:SS (past the source's duration), and all of them are possible as MM:SS.
    Only the ``:00`` times are then re-read; a true HH:MM:SS among them stays as written.
    """
    three_part = [r.seconds for r in readings if r.three_part and r.seconds is not None]
    zero = [s for s in three_part if s % 60 == 0]
    if len(zero) < 2 or len(zero) < 0.9 * len(three_part):
        return None
    if max(zero) <= duration or max(unshift(s) for s in zero) > duration:
        return None
    return format_clock(max(zero))


def _checked_time(
    raw: str, reading: ClockReading, at: tuple[int, int], shifted: bool, duration: int, reporter: _CappedReporter
) -> Timestamp:
    line, col = at
    shown = raw.strip()[:40]
    if reading.seconds is None:
        reporter.warning(
            line,
            col,
            "bad-timestamp",
            f"timestamp {reading.problem}",
            "write it as HH:MM:SS; it is shown as text, not linked",
        )
        return Timestamp(None, raw, line, col, "Not linked: this is not a time the video can be played from")
    seconds = reading.seconds
    if shifted and reading.three_part and seconds % 60 == 0:
        seconds = unshift(seconds)
    if reading.repair:
        reporter.notice(line, col, "repaired-timestamp", f"timestamp {reading.repair}", "write it as HH:MM:SS")
    if seconds > duration:
        reporter.warning(
            line,
            col,
            "timestamp-past-end",
            f"timestamp '{shown}' is past the video's end ({format_clock(duration)})",
            "check the time; it is shown as text, not linked",
        )
        return Timestamp(None, raw, line, col, f"Not linked: past the end of the video ({format_clock(duration)})")
    return Timestamp(seconds, raw, line, col)


class _CappedReporter:
    """Reports the first few problems of each kind in a note, then one line counting the rest."""

    def __init__(self, log: ProblemLog) -> None:
        self.log = log
        self.counts: dict[str, int] = {}
        self.first_extra: dict[str, tuple[int, int, bool]] = {}

    def _take(self, code: str, line: int, col: int, warning: bool) -> bool:
        self.counts[code] = self.counts.get(code, 0) + 1
        if self.counts[code] == MAX_REPORTS_PER_CODE + 1:
            self.first_extra[code] = (line, col, warning)
        return self.counts[code] <= MAX_REPORTS_PER_CODE

    def warning(self, line: int, col: int, code: str, message: str, hint: str) -> None:
        if self._take(code, line, col, True):
            self.log.warning(line, col, code, message, hint)

    def notice(self, line: int, col: int, code: str, message: str, hint: str) -> None:
        if self._take(code, line, col, False):
            self.log.notice(line, col, code, message, hint)

    def finish(self) -> None:
        for code, (line, col, warning) in self.first_extra.items():
            extra = self.counts[code] - MAX_REPORTS_PER_CODE
            report = self.log.warning if warning else self.log.notice
            report(
                line, col, code, f"{extra} more '{code}' problems in this note from here on", "fix the ones above first"
            )


# --- wikilinks ---------------------------------------------------------------------------------


def find_wikilinks(body: str, first_line: int, log: ProblemLog) -> tuple[WikiLink, ...]:
    where = _LineIndex(body, first_line)
    reporter = _CappedReporter(log)
    links = []
    covered: list[tuple[int, int]] = []
    for match in _WIKILINK_RE.finditer(body):
        covered.append((match.start(), match.end()))
        link = _read_wikilink(match, where)
        if len(link.slug) > MAX_TOPIC_SLUG or link.slug in _RESERVED_NAMES:
            reporter.warning(
                link.line,
                link.col,
                "bad-wikilink-target",
                f"wikilink target '{link.target[:60]}' cannot be a page "
                f"(expected at most {MAX_TOPIC_SLUG} characters, not a reserved device name)",
                "shorten or rename the target; it is shown as text",
            )
            link = replace(link, slug="")
        elif not link.slug:
            reporter.warning(
                link.line,
                link.col,
                "empty-wikilink",
                f"wikilink '{match.group(0)[:60]}' names no page",
                "write [[note_slug]] or [[note_slug | text]]; it is shown as text",
            )
        links.append(link)
    _report_unclosed(body, covered, where, reporter)
    reporter.finish()
    return tuple(links)


def _read_wikilink(match: re.Match[str], where: _LineIndex) -> WikiLink:
    inner = strip_invisible(match.group(1))
    target, _, text = inner.partition("|")
    target = target.rstrip("\\").split("#", 1)[0].strip()
    if target.endswith(".md"):
        target = target[:-3]
    target = PurePosixPath(target).name if "/" in target else target
    slug = target if NOTE_SLUG_PATTERN.match(target) else slugify_title(target)
    line, col = where(match.start())
    return WikiLink(match.start(), match.end(), target, slug, " ".join(text.split()), line, col)


def _report_unclosed(body: str, covered: list[tuple[int, int]], where: _LineIndex, reporter: _CappedReporter) -> None:
    spans = iter(covered)
    span = next(spans, None)
    last_line = -1
    for match in re.finditer(r"\[\[", body):
        while span is not None and span[1] <= match.start():
            span = next(spans, None)
        if span is not None and span[0] <= match.start() < span[1]:
            continue
        line, col = where(match.start())
        if line != last_line:
            reporter.warning(
                line,
                col,
                "unclosed-wikilink",
                "'[[' is never closed by ']]' on this line",
                "close the link or remove the brackets; it is shown as text",
            )
            last_line = line


# --- paragraphs too dense for Markdown ---------------------------------------------------------


def _whole_note_if_too_long(body: str, first_line: int, log: ProblemLog) -> tuple[tuple[int, int], ...]:
    """A note with more lines than Markdown renders quickly is shown as plain text (its times still link)."""
    lines = body.count("\n") + 1
    if lines <= MAX_MARKDOWN_LINES:
        return ()
    log.warning(
        first_line,
        1,
        "note-too-long",
        f"note body has {lines:,} lines (expected at most {MAX_MARKDOWN_LINES:,}); it is shown as plain text",
        "split the note into several notes",
    )
    return ((0, len(body)),)


def find_dense_paragraphs(
    body: str, first_line: int, groups: tuple[TimeGroup, ...], wikilinks: tuple[WikiLink, ...], log: ProblemLog
) -> tuple[tuple[int, int], ...]:
    """Paragraphs with so much markup that rendering them would take too long: shown as plain text.

    Timestamps and wikilinks are not counted (the renderer replaces them before Markdown sees them).
    A paragraph shorter than the square root of the cost limit cannot reach it, so only the rare
    long ones are counted.
    """
    spans = sorted([(g.start, g.end) for g in groups] + [(w.start, w.end) for w in wikilinks])
    shortest_dense = math.isqrt(MAX_MARKUP_COST)
    dense = []
    start = 0
    for boundary in re.finditer(r"\n[ \t]*\n|\Z", body):
        end = boundary.start()
        if end - start > shortest_dense:
            markup = _markup_outside_spans(body, start, end, spans)
            if markup * (end - start) > MAX_MARKUP_COST:
                line, col = _LineIndex(body, first_line)(start)
                log.warning(
                    line,
                    col,
                    "dense-markup",
                    f"paragraph of {end - start:,} characters holds {markup:,} markup characters "
                    "(expected a paragraph Markdown can render quickly); it is shown as plain text",
                    "split the paragraph with blank lines or remove the stray markup",
                )
                dense.append((start, end))
        start = boundary.end()
        if start >= len(body):
            break
    return tuple(dense)


def _markup_outside_spans(body: str, start: int, end: int, spans: list[tuple[int, int]]) -> int:
    block = list(body[start:end])
    for span_start, span_end in spans[bisect.bisect_left(spans, (start, -1)) :]:
        if span_start >= end:
            break
        block[max(span_start, start) - start : min(span_end, end) - start] = " " * (
            min(span_end, end) - max(span_start, start)
        )
    text = "".join(block)
    return sum(text.count(c) for c in MARKUP_CHARS)
