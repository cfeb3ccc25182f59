"""Transcripts grouped by the video they summarise (an episode), and episodes by show.

A thousand notes cannot be one flat list in the navigation: each episode gets an index page and a
branch of its own. The grouping is only navigation; a note's URL never depends on it.
"""

from __future__ import annotations

from dataclasses import dataclass

from .linking import Links
from .model import NoteSlug, Rubric, Source

NO_VIDEO = "no-video"


@dataclass(frozen=True)
class Episode:
    key: str  # the source's id, the video id, or NO_VIDEO: the last part of its index page's URL
    title: str
    show: str | None
    source: Source | None
    video: str | None
    notes: tuple[NoteSlug, ...]  # by title


def group_episodes(rubric: Rubric, links: Links) -> tuple[Episode, ...]:
    """Every episode with at least one note, by show (videos of no known show last), then title."""
    by_video: dict[str | None, list[NoteSlug]] = {}
    for slug, note in links.notes.items():
        by_video.setdefault(note.video, []).append(slug)
    episodes = [_episode(rubric, links, video, slugs) for video, slugs in by_video.items()]
    return tuple(sorted(episodes, key=lambda e: (e.show is None, (e.show or "").casefold(), e.title.casefold(), e.key)))


def _episode(rubric: Rubric, links: Links, video: str | None, slugs: list[NoteSlug]) -> Episode:
    notes = tuple(sorted(slugs, key=lambda s: (links.notes[s].title.casefold(), s)))
    source = rubric.source_for_video(video) if video else None
    if source is not None:
        return Episode(source.id, source.title, source.show, source, video, notes)
    if video is None:
        return Episode(NO_VIDEO, "Notes without a video", None, None, None, notes)
    # A video the rubric's sources do not name: called after its first note, which says what it is about.
    first = links.notes[notes[0]].title
    title = first if len(notes) == 1 else f"{first}, and {len(notes) - 1} more"
    return Episode(video, title, None, None, video, notes)


def shows_of(episodes: tuple[Episode, ...]) -> list[str | None]:
    """The shows the episodes belong to, in order; more than one means the navigation groups by show."""
    return list(dict.fromkeys(e.show for e in episodes))
