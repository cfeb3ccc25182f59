"""Every path and URL rule of the site, in one place.

A *page uri* is a page's source path inside the docs tree (``pillars/data/level-3.md``); MkDocs
turns it into the directory URL ``/pillars/data/level-3/``. Pages link to each other with relative
links between page uris, so MkDocs validates every link at build time.
"""

from __future__ import annotations

import posixpath
import re
import unicodedata
from typing import NewType
from urllib.parse import quote

from .model import NoteSlug, TopicSlug

PageUri = NewType("PageUri", str)

ID_PATTERN = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*\Z")
NOTE_SLUG_PATTERN = re.compile(r"[a-z0-9][a-z0-9_-]*\Z")
VIDEO_ID_PATTERN = re.compile(r"[A-Za-z0-9_-]{11}\Z")

HOME = PageUri("index.md")
MATRIX = PageUri("matrix.md")
PRINCIPLES = PageUri("principles.md")
SELF_CHECK = PageUri("self-check.md")
CHANGES = PageUri("changes.md")
WS_INDEX = PageUri("ws/index.md")
PILLARS_INDEX = PageUri("pillars/index.md")
LEVELS_INDEX = PageUri("levels/index.md")
TOPICS_INDEX = PageUri("topics/index.md")
FRAMEWORK_JSON = "framework.json"
RUBRIC_SCHEMA = "rubric.schema.json"  # the JSON Schema editors validate rubric.yaml with

# Characters that never carry meaning in a slug but hide in machine-made text.
_INVISIBLE = dict.fromkeys(
    [0x00AD, 0x180E, 0x200B, 0x200C, 0x200D, 0x200E, 0x200F, 0x2060, 0x2061, 0x2062, 0x2063, 0xFEFF]
)


def w_page(w_id: str) -> PageUri:
    return PageUri(f"ws/{w_id}.md")


def pillar_page(pillar_id: str) -> PageUri:
    return PageUri(f"pillars/{pillar_id}/index.md")


def pillar_level_page(pillar_id: str, n: int) -> PageUri:
    return PageUri(f"pillars/{pillar_id}/level-{n}.md")


def level_page(n: int) -> PageUri:
    return PageUri(f"levels/{n}.md")


def transcript_page(slug: NoteSlug, transcripts_dir: str = "transcripts") -> PageUri:
    return PageUri(f"{transcripts_dir}/{slug}.md")


def transcripts_index(transcripts_dir: str = "transcripts") -> PageUri:
    return PageUri(f"{transcripts_dir}/index.md")


def episode_page(key: str, transcripts_dir: str = "transcripts") -> PageUri:
    """An episode's index of notes (navigation only: the notes keep their own URLs)."""
    return PageUri(f"{transcripts_dir}/episodes/{key}/index.md")


def topic_page(slug: TopicSlug) -> PageUri:
    return PageUri(f"topics/{slug}.md")


def level_anchor(n: int) -> str:
    return f"level-{n}"


def timestamp_anchor(seconds: int) -> str:
    hours, rest = divmod(seconds, 3600)
    minutes, secs = divmod(rest, 60)
    return f"t-{hours:02d}-{minutes:02d}-{secs:02d}"


def video_url(video_id: str, seconds: int) -> str:
    """A deep link to the second of a video, rebuilt from validated parts, never copied from input."""
    if not VIDEO_ID_PATTERN.match(video_id):
        raise ValueError(f"not a video id: {video_id!r}")
    return f"https://www.youtube.com/watch?v={video_id}&t={int(seconds)}s"


def relative_link(from_page: str, to_page: str, anchor: str = "") -> str:
    """A relative link from one page uri to another (or to a file), with an optional anchor."""
    if from_page == to_page:
        target = ""
    else:
        start = posixpath.dirname(from_page) or "."
        target = posixpath.relpath(to_page, start)
    target = quote(target, safe="/._-~")
    return f"{target}#{anchor}" if anchor else target or "#"


def url_path(page: str) -> str:
    """The directory URL a page uri is served at, from the site root, e.g. ``pillars/data/``."""
    stem = page[: -len(".md")] if page.endswith(".md") else page
    if stem == "index":
        return ""
    if stem.endswith("/index"):
        return stem[: -len("index")]
    return f"{stem}/"


def slugify_title(text: str) -> str:
    """Slug of a wikilink target written as a title: ``Role of PMs`` → ``role_of_pms``.

    Follows the notes' own convention: lower case, runs of spaces and underscores become one
    underscore, everything but ``[a-z0-9_-]`` is dropped, accents are folded.
    """
    folded = unicodedata.normalize("NFKD", text.translate(_INVISIBLE))
    ascii_text = folded.encode("ascii", "ignore").decode("ascii").lower().strip()
    ascii_text = re.sub(r"[\s_]+", "_", ascii_text)
    ascii_text = re.sub(r"[^a-z0-9_-]", "", ascii_text)
    return ascii_text.strip("_-")


def slug_variants(text: str) -> tuple[str, ...]:
    """Other slugs a title may have been saved under: the notes drop hyphens or make them underscores
    (``Product-led growth`` is ``productled_growth``, ``product-market fit`` is ``product_market_fit``)."""
    variants = (slugify_title(text.replace("-", "")), slugify_title(text.replace("-", " ")))
    return tuple(dict.fromkeys(v for v in variants if v))


def strip_invisible(text: str) -> str:
    return text.translate(_INVISIBLE)


def relative_url(from_page: str, to_page: str, anchor: str = "") -> str:
    """A relative *served* URL between two pages, for HTML that MkDocs does not rewrite."""
    start = "/" + url_path(from_page)
    target = "/" + url_path(to_page)
    rel = posixpath.relpath(target, start) if target != start else "."
    rel = quote(rel if rel == "." else rel + "/", safe="/._-~")
    rel = "./" if rel == "." else rel
    return f"{rel}#{anchor}" if anchor else rel
