"""The framework as frozen dataclasses: what loading produces and rendering reads."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal, NewType

# An id from rubric.yaml: lowercase [a-z0-9-]+ (W, pillar, criterion, principle, question, source).
Id = NewType("Id", str)
# A note's slug: its file name without ``.md`` (the corpus uses underscores).
NoteSlug = NewType("NoteSlug", str)
# A topic's slug: a wikilink target that is not a note, slugified.
TopicSlug = NewType("TopicSlug", str)


@dataclass(frozen=True)
class Location:
    path: str
    line: int
    col: int


@dataclass(frozen=True)
class Citation:
    """``note-slug@HH:MM:SS`` as written in the rubric; ``seconds`` from the start of the video."""

    note: NoteSlug
    seconds: int
    where: Location = field(compare=False)

    @property
    def text(self) -> str:
        return f"{self.note}@{format_hms(self.seconds)}"


# Whether a statement comes from the talk (it cites the notes) or is the handbook's own writing.
Provenance = Literal["source", "handbook"]
PROVENANCE: tuple[Provenance, ...] = ("source", "handbook")


def provenance_of(cites: tuple[Citation, ...]) -> Provenance:
    """A statement is the talk's when it cites a passage of the notes, else the handbook's own."""
    return "source" if cites else "handbook"


def format_hms(seconds: int) -> str:
    hours, rest = divmod(seconds, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours:02d}:{minutes:02d}:{secs:02d}"


@dataclass(frozen=True)
class Source:
    id: Id
    video: str
    title: str
    speaker: str
    show: str
    duration: int


@dataclass(frozen=True)
class Level:
    n: int
    name: str


@dataclass(frozen=True)
class W:
    id: Id
    title: str
    summary: str
    cites: tuple[Citation, ...]
    aliases: tuple[Id, ...] = ()  # former ids, whose URLs redirect here


@dataclass(frozen=True)
class Criterion:
    id: Id
    text: str
    cites: tuple[Citation, ...]
    aliases: tuple[Id, ...] = ()


@dataclass(frozen=True)
class PillarLevel:
    n: int
    summary: str
    criteria: tuple[Criterion, ...]
    cites: tuple[Citation, ...]


@dataclass(frozen=True)
class Pillar:
    id: Id
    title: str
    w: Id
    summary: str
    levels: tuple[PillarLevel, ...]
    cites: tuple[Citation, ...]
    aliases: tuple[Id, ...] = ()

    def level(self, n: int) -> PillarLevel | None:
        return next((lv for lv in self.levels if lv.n == n), None)


@dataclass(frozen=True)
class Principle:
    id: Id
    group: Id
    w: Id | None
    title: str
    text: str
    cites: tuple[Citation, ...]
    aliases: tuple[Id, ...] = ()


@dataclass(frozen=True)
class QuizOption:
    level: int
    text: str


@dataclass(frozen=True)
class QuizQuestion:
    id: Id
    pillar: Id
    prompt: str
    options: tuple[QuizOption, ...]


@dataclass(frozen=True)
class ChangelogEntry:
    """One published version: what it changed, and where its rubric can be read for computed differences.

    ``rubric`` is a file (relative to rubric.yaml) or ``REV:PATH`` from git; the newest entry is the
    rubric itself and has none.
    """

    version: str
    date: str  # YYYY-MM-DD
    summary: str
    rubric: str | None
    where: Location = field(compare=False)
    rubric_where: Location | None = field(default=None, compare=False)


@dataclass(frozen=True)
class Rubric:
    title: str
    version: str
    sources: tuple[Source, ...]
    levels: tuple[Level, ...]
    ws: tuple[W, ...]
    pillars: tuple[Pillar, ...]
    principles: tuple[Principle, ...]
    questions: tuple[QuizQuestion, ...]
    changelog: tuple[ChangelogEntry, ...] = ()  # newest first; the first is this version

    def w(self, w_id: str) -> W | None:
        return next((w for w in self.ws if w.id == w_id), None)

    def pillar(self, pillar_id: str) -> Pillar | None:
        return next((p for p in self.pillars if p.id == pillar_id), None)

    def pillars_of(self, w_id: str) -> tuple[Pillar, ...]:
        return tuple(p for p in self.pillars if p.w == w_id)

    def level_name(self, n: int) -> str:
        return next((lv.name for lv in self.levels if lv.n == n), str(n))

    def source_for_video(self, video: str) -> Source | None:
        return next((s for s in self.sources if s.video == video), None)
