"""What one build can hand the next: parsed notes and rendered transcript pages, keyed by their inputs.

Under ``mkdocs serve`` a save rebuilds the site; with a thousand notes, most of the generator's
time would go to parsing and rendering notes that did not change. A note is parsed again only when
its bytes (or the durations it is checked against) change; a transcript page is rendered again only
when something it shows changes: its note, the pages and titles its wikilinks point to, who cites
it, who mentions it, its source, its episode, or a page template. Entries not used by a build are
dropped at its end, so the cache never outgrows the site.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Hashable
from pathlib import Path
from typing import TypeVar

from .notes import Note
from .problems import Problem

T = TypeVar("T")
ParseResult = tuple[Note | None, list[Problem]]


class BuildCache:
    def __init__(self) -> None:
        self.parsed: dict[Hashable, ParseResult] = {}
        self.rendered: dict[Hashable, object] = {}
        self._used_parsed: set[Hashable] = set()
        self._used_rendered: set[Hashable] = set()
        self.hits = 0
        self.misses = 0

    def parse(self, data: bytes, context: Hashable, parse: Callable[[], ParseResult]) -> ParseResult:
        """The parse of a note's ``data`` (with everything else it depends on in ``context``)."""
        key = (hashlib.sha256(data).digest(), context)
        self._used_parsed.add(key)
        if key not in self.parsed:
            self.parsed[key] = parse()
        note, problems = self.parsed[key]
        return note, list(problems)

    def render(self, key: Hashable, render: Callable[[], T]) -> T:
        """A rendered page whose inputs are all in ``key``."""
        self._used_rendered.add(key)
        if key in self.rendered:
            self.hits += 1
        else:
            self.misses += 1
            self.rendered[key] = render()
        return self.rendered[key]  # type: ignore[return-value]

    def finish_build(self) -> None:
        """Forget what this build did not use (notes deleted or changed, pages whose inputs changed)."""
        self.parsed = {k: v for k, v in self.parsed.items() if k in self._used_parsed}
        self.rendered = {k: v for k, v in self.rendered.items() if k in self._used_rendered}
        self._used_parsed.clear()
        self._used_rendered.clear()
        self.hits = self.misses = 0


def files_signature(folder: Path | None) -> tuple[tuple[str, int, int], ...]:
    """Every file below ``folder`` with its size and modification time: changes when a template is edited."""
    if folder is None or not folder.is_dir():
        return ()
    return tuple(
        (p.relative_to(folder).as_posix(), p.stat().st_size, p.stat().st_mtime_ns)
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    )
