"""Every rubric statement beside the note text its citations point to, for reviewing what the talk supports.

``python -m generator passages`` prints a Markdown table, one row per citation (and one per uncited
statement, so restatements of the talk can be spotted): where the statement is (its path in the rubric, such
as ``pillars.data.levels[3].criteria.data-defines-north-star``, and its line in rubric.yaml), its text, the
citation, and the passage of the note at that time. A passage is the block the time is written in: its paragraph, its
list item, or, for a time in a heading, the heading and the block after it.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass

from .linking import Links
from .model import Citation, Rubric, format_hms
from .notes import Note
from .problems import ProblemLog
from .text import one_line
from .yamltree import Mapping as YamlMapping
from .yamltree import Node, Scalar, Sequence, parse_yaml

PASSAGE_CHARS = 320  # around the cited time; enough to judge support, short enough to scan
_TAG = re.compile(r"<[^>]*>")
_LIST_ITEM = re.compile(r"\s*(?:[-*+]|\d+[.)])\s")
_HEADING = re.compile(r"\s*#{1,6}\s")


@dataclass(frozen=True)
class Statement:
    where: str  # its path in the rubric, e.g. "pillars.data.levels[3].criteria.data-defines-north-star"
    text: str
    cites: tuple[Citation, ...]


def statements(rubric: Rubric) -> Iterator[Statement]:
    """Every statement of the rubric, in the order of the file's sections."""
    for w in rubric.ws:
        yield Statement(f"ws.{w.id}", w.summary, w.cites)
    for pillar in rubric.pillars:
        yield Statement(f"pillars.{pillar.id}", pillar.summary, pillar.cites)
        for index, level in enumerate(pillar.levels):
            at = f"pillars.{pillar.id}.levels[{index}]"
            yield Statement(at, level.summary, level.cites)
            for c in level.criteria:
                yield Statement(f"{at}.criteria.{c.id}", c.text, c.cites)
    for principle in rubric.principles:
        yield Statement(f"principles.{principle.id}", f"{principle.title}: {principle.text}", principle.cites)


def statement_lines(rubric_text: str) -> dict[str, int]:
    """The line of each statement's item in rubric.yaml, by the path ``statements`` gives it."""
    root = parse_yaml(rubric_text, ProblemLog("rubric.yaml"))
    lines: dict[str, int] = {}
    if isinstance(root, YamlMapping):
        for key in ("ws", "pillars", "principles"):
            _collect_lines(root.get(key), key, lines)
    return lines


def _collect_lines(items: Node | None, path: str, lines: dict[str, int]) -> None:
    """Lines of the items of a list keyed by their ids; a pillar's levels by their position."""
    if not isinstance(items, Sequence):
        return
    for index, item in enumerate(items.items):
        if not isinstance(item, YamlMapping):
            continue
        ident = item.get("id")
        at = f"{path}.{ident.value}" if isinstance(ident, Scalar) else f"{path}[{index}]"
        lines[at] = item.line
        _collect_lines(item.get("levels"), f"{at}.levels", lines)
        _collect_lines(item.get("criteria"), f"{at}.criteria", lines)


def passage_at(note: Note, seconds: int) -> str:
    """The block of the note the time is written in, as plain text on one line, cut around the time."""
    group = next((g for g in note.groups if any(t.seconds == seconds for t in g.times)), None)
    if group is None:
        return ""
    lines = note.body.split("\n")
    index = note.body.count("\n", 0, group.start)
    first, last = _block(lines, index)
    text = one_line(_TAG.sub("", "\n".join(lines[first : last + 1])))
    at = one_line(_TAG.sub("", note.body[: group.start])).count(" ") - one_line(
        _TAG.sub("", "\n".join(lines[:first]))
    ).count(" ")
    return _cut(text, max(at, 0))


def _block(lines: list[str], index: int) -> tuple[int, int]:
    """The first and last line of the block holding line ``index``."""
    if _HEADING.match(lines[index]):
        start = index + 1
        while start < len(lines) and not lines[start].strip():
            start += 1
        end = _block(lines, start)[1] if start < len(lines) else index
        return index, end
    if _LIST_ITEM.match(lines[index]):
        end = index
        while end + 1 < len(lines) and lines[end + 1].startswith((" ", "\t")) and lines[end + 1].strip():
            end += 1
        return index, end
    first = index
    while first > 0 and _continues(lines[first - 1]):
        first -= 1
    last = index
    while last + 1 < len(lines) and _continues(lines[last + 1]):
        last += 1
    return first, last


def _continues(line: str) -> bool:
    return bool(line.strip()) and not _HEADING.match(line) and not _LIST_ITEM.match(line)


def _cut(text: str, word: int) -> str:
    """At most PASSAGE_CHARS of ``text``, centred on its ``word``-th word, with ellipses where cut."""
    if len(text) <= PASSAGE_CHARS:
        return text
    words = text.split(" ")
    centre = len(" ".join(words[:word]))
    start = max(0, min(centre - PASSAGE_CHARS // 2, len(text) - PASSAGE_CHARS))
    piece = text[start : start + PASSAGE_CHARS]
    return ("…" if start else "") + piece.strip() + ("…" if start + PASSAGE_CHARS < len(text) else "")


def cell(text: str) -> str:
    """Text for a Markdown table cell: one line, pipes escaped."""
    return one_line(text).replace("\\", "\\\\").replace("|", "\\|")


def render_passages(rubric: Rubric, links: Links, lines: Mapping[str, int] | None = None) -> str:
    """The review table: a row per citation, and a row per uncited statement; ``lines`` from ``statement_lines``."""
    found = list(statements(rubric))
    cited = sum(len(s.cites) for s in found)
    uncited = sum(1 for s in found if not s.cites)
    rows = [
        f"# Citations of {cell(rubric.title)}, rubric version {cell(rubric.version)}",
        "",
        f"{len(found)} statements, {cited} citations, {uncited} statements without a citation. Read each "
        "statement against its passage: does the passage say it? Uncited rows: does the talk say it after all?",
        "",
        "| Where | Statement | Citation | Passage |",
        "|---|---|---|---|",
    ]
    for statement in found:
        line = (lines or {}).get(statement.where)
        where = f"`{statement.where}`" + (f" (line {line})" if line else "")
        if not statement.cites:
            rows.append(f"| {cell(where)} | {cell(statement.text)} | (none) | |")
        for cite in statement.cites:
            note = links.notes.get(cite.note)
            passage = passage_at(note, cite.seconds) if note else "(no such note)"
            citation = f"`{cite.note}@{format_hms(cite.seconds)}`"
            rows.append(f"| {cell(where)} | {cell(statement.text)} | {citation} | {cell(passage)} |")
    return "\n".join(rows) + "\n"
