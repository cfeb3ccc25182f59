"""Two versions of a rubric compared: what was added, removed, renamed, reworded or moved.

Pure functions of two ``Rubric`` values; ``cli`` reads them (from files or from git) and prints.
Items are matched by id, and through ``aliases:``: an id that disappeared while a new item lists it
as an alias was renamed, and its old URLs keep working. Every other disappearance (an id, an alias,
a pillar level, a level of the scale) takes a URL or an anchor with it: ``RubricDiff.breaks_links``.
The children of a removed or added pillar are not listed one by one; the pillar stands for them.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from typing import Literal, Protocol, TypeVar

from . import urls
from .model import Criterion, Id, Pillar, PillarLevel, Principle, Rubric, W
from .text import one_line

ChangeKind = Literal["removed", "renamed", "reworded", "moved", "added"]
ItemKind = Literal["rubric", "level", "W", "pillar", "pillar level", "criterion", "principle"]
KINDS: tuple[ChangeKind, ...] = ("removed", "renamed", "reworded", "moved", "added")  # the order of a report
FORMATS = ("markdown", "json")


@dataclass(frozen=True)
class Change:
    """One difference. Empty strings and ``None`` mean "does not apply"; URLs are from the site root.

    ``id`` is the item's id (the new one when renamed); ``pillar`` and ``level`` place a pillar level
    or a criterion (``level`` alone is a level of the scale); ``field`` is what was reworded or moved
    (``title``, ``summary``, ``text``, ``name``, ``version``, ``w``, ``group``) with ``old`` and ``new``.
    """

    kind: ChangeKind
    item: ItemKind
    id: str = ""
    pillar: str = ""
    level: int | None = None
    old_id: str = ""  # renamed: the id that disappeared
    alias_of: str = ""  # removed: an alias of this item that no item keeps any more
    field: str = ""
    old: str = ""
    new: str = ""
    old_url: str = ""  # removed and renamed: where the item was
    url: str = ""  # where the item is

    @property
    def breaks_links(self) -> bool:
        """Everything that can be removed has a URL or an anchor, which now leads nowhere."""
        return self.kind == "removed"


@dataclass(frozen=True)
class RubricDiff:
    old_title: str
    old_version: str
    new_title: str
    new_version: str
    changes: tuple[Change, ...]  # in the order of the rubric (removals where the item was)

    @property
    def breaks_links(self) -> bool:
        return any(change.breaks_links for change in self.changes)

    def of_kind(self, kind: ChangeKind) -> tuple[Change, ...]:
        return tuple(change for change in self.changes if change.kind == kind)

    def counts(self) -> dict[ChangeKind, int]:
        return {kind: len(self.of_kind(kind)) for kind in KINDS}


def diff_rubrics(old: Rubric, new: Rubric) -> RubricDiff:
    """Every difference between two rubrics that a reader of the site would notice."""
    ws = _diff_aliased(old.ws, new.ws, Change("added", "W"), _w_url, _w_url, _compare_ws)
    w_ids = _successor_ids(old.ws, new.ws)
    changes = [
        *_diff_header(old, new),
        *_diff_scale(old, new),
        *ws,
        *_diff_aliased(
            old.pillars,
            new.pillars,
            Change("added", "pillar"),
            _pillar_url,
            _pillar_url,
            lambda before, after, full: _compare_pillars(before, after, full, w_ids),
        ),
        *_diff_aliased(
            old.principles,
            new.principles,
            Change("added", "principle"),
            _principle_url,
            _principle_url,
            lambda before, after, full: _compare_principles(before, after, full, w_ids),
        ),
    ]
    return RubricDiff(old.title, old.version, new.title, new.version, tuple(changes))


# --- matching items by id and alias ---------------------------------------------------------------


class _Aliased(Protocol):
    @property
    def id(self) -> Id: ...

    @property
    def aliases(self) -> tuple[Id, ...]: ...


A = TypeVar("A", bound=_Aliased)
# (old item, its successor, full): ``full`` unless the successor is another old item's too (a merge),
# in which case only what the old item's URLs lose is reported, not rewording or additions.
Compare = Callable[[A, A, bool], list[Change]]


def _diff_aliased(
    old: Sequence[A],
    new: Sequence[A],
    template: Change,
    old_url: Callable[[str], str],
    new_url: Callable[[str], str],
    compare: Compare[A],
    full: bool = True,
) -> list[Change]:
    """Removed, renamed and added items of one list (ids unique within it), and each pair compared.

    ``template`` is the change an added item makes (its kind, and where it is); the other kinds are
    made from it. An id wins over an alias of the same name (the loader allows neither twice).
    """
    found = {alias: item for item in new for alias in item.aliases} | {item.id: item for item in new}
    predecessors = _predecessors(old, new)
    changes: list[Change] = []
    for before in old:
        after = found.get(before.id)
        if after is None:
            changes.append(replace(template, kind="removed", id=before.id, old_url=old_url(before.id)))
        else:
            if after.id != before.id:
                renamed = replace(template, kind="renamed", id=after.id, old_id=before.id)
                changes.append(replace(renamed, old_url=old_url(before.id), url=new_url(after.id)))
            changes += compare(before, after, full and predecessors.get(after.id) == before.id)
        for alias in before.aliases:
            if alias not in found:
                kept_as = after.id if after is not None else before.id
                changes.append(replace(template, kind="removed", id=alias, alias_of=kept_as, old_url=old_url(alias)))
    if full:
        changes += [replace(template, id=item.id, url=new_url(item.id)) for item in new if item.id not in predecessors]
    return changes


def _predecessors(old: Sequence[A], new: Sequence[A]) -> dict[str, str]:
    """New id → the old item it continues: the one with its id, else the first it lists as an alias."""
    old_ids = [item.id for item in old]
    found: dict[str, str] = {}
    for item in new:
        prior = item.id if item.id in old_ids else next((i for i in old_ids if i in item.aliases), None)
        if prior is not None:
            found[item.id] = prior
    return found


def _successor_ids(old: Sequence[A], new: Sequence[A]) -> dict[str, str]:
    """Old id → the id that now stands for it (itself, or the item that lists it as an alias)."""
    found = {item.id: item.id for item in new} | {alias: item.id for item in new for alias in item.aliases}
    return {item.id: found[item.id] for item in old if item.id in found}


def _reworded(template: Change, field: str, old: str, new: str) -> list[Change]:
    if one_line(old) == one_line(new):  # line breaks and spacing do not show on the site
        return []
    return [replace(template, kind="reworded", field=field, old=old, new=new)]


def _moved(template: Change, field: str, old: str, new: str) -> list[Change]:
    return [] if old == new else [replace(template, kind="moved", field=field, old=old, new=new)]


# --- each part of the rubric -----------------------------------------------------------------------


def _diff_header(old: Rubric, new: Rubric) -> list[Change]:
    rubric = Change("reworded", "rubric")
    return _reworded(rubric, "title", old.title, new.title) + _reworded(rubric, "version", old.version, new.version)


def _diff_scale(old: Rubric, new: Rubric) -> list[Change]:
    changes: list[Change] = []
    new_names = {level.n: level.name for level in new.levels}
    old_numbers = {level.n for level in old.levels}
    for level in old.levels:
        template = Change("removed", "level", level=level.n)
        if level.n not in new_names:
            changes.append(replace(template, old_url=_level_url(level.n)))
        else:
            changes += _reworded(replace(template, url=_level_url(level.n)), "name", level.name, new_names[level.n])
    added = [level.n for level in new.levels if level.n not in old_numbers]
    return changes + [Change("added", "level", level=n, url=_level_url(n)) for n in added]


def _compare_ws(old: W, new: W, full: bool) -> list[Change]:
    if not full:
        return []
    template = Change("reworded", "W", id=new.id, url=_w_url(new.id))
    return _reworded(template, "title", old.title, new.title) + _reworded(template, "summary", old.summary, new.summary)


def _compare_pillars(old: Pillar, new: Pillar, full: bool, w_ids: dict[str, str]) -> list[Change]:
    changes: list[Change] = []
    if full:
        template = Change("reworded", "pillar", id=new.id, url=_pillar_url(new.id))
        changes += _reworded(template, "title", old.title, new.title)
        changes += _reworded(template, "summary", old.summary, new.summary)
        changes += _moved(template, "w", w_ids.get(old.w, old.w), new.w)
    for before in old.levels:
        after = new.level(before.n)
        if after is None:
            removed = Change("removed", "pillar level", pillar=new.id, level=before.n)
            changes.append(replace(removed, old_url=_pillar_level_url(old.id, before.n)))
        else:
            changes += _compare_pillar_levels(old.id, new.id, before, after, full)
    if full:
        added = [lv.n for lv in new.levels if old.level(lv.n) is None]
        changes += [
            Change("added", "pillar level", pillar=new.id, level=n, url=_pillar_level_url(new.id, n)) for n in added
        ]
    return changes


def _compare_pillar_levels(old_id: str, new_id: str, old: PillarLevel, new: PillarLevel, full: bool) -> list[Change]:
    changes: list[Change] = []
    if full:
        template = Change("reworded", "pillar level", pillar=new_id, level=new.n, url=_pillar_level_url(new_id, new.n))
        changes += _reworded(template, "summary", old.summary, new.summary)

    def compare(before: Criterion, after: Criterion, whole: bool) -> list[Change]:
        if not whole:
            return []
        template = Change("reworded", "criterion", id=after.id, pillar=new_id, level=new.n)
        return _reworded(
            replace(template, url=_criterion_url(new_id, new.n, after.id)), "text", before.text, after.text
        )

    return changes + _diff_aliased(
        old.criteria,
        new.criteria,
        Change("added", "criterion", pillar=new_id, level=new.n),
        lambda criterion: _criterion_url(old_id, old.n, criterion),
        lambda criterion: _criterion_url(new_id, new.n, criterion),
        compare,
        full,
    )


def _compare_principles(old: Principle, new: Principle, full: bool, w_ids: dict[str, str]) -> list[Change]:
    if not full:
        return []
    template = Change("reworded", "principle", id=new.id, url=_principle_url(new.id))
    old_w = w_ids.get(old.w, old.w) if old.w else ""
    return [
        *_reworded(template, "title", old.title, new.title),
        *_reworded(template, "text", old.text, new.text),
        *_moved(template, "group", old.group, new.group),
        *_moved(template, "w", old_w, new.w or ""),
    ]


# --- URLs, from the site root -------------------------------------------------------------------------


def _site_url(page: str, anchor: str = "") -> str:
    return f"/{urls.url_path(page)}" + (f"#{anchor}" if anchor else "")


def _level_url(n: int) -> str:
    return _site_url(urls.level_page(n))


def _w_url(w_id: str) -> str:
    return _site_url(urls.w_page(w_id))


def _pillar_url(pillar_id: str) -> str:
    return _site_url(urls.pillar_page(pillar_id))


def _pillar_level_url(pillar_id: str, n: int) -> str:
    return _site_url(urls.pillar_level_page(pillar_id, n))


def _criterion_url(pillar_id: str, n: int, criterion_id: str) -> str:
    return _site_url(urls.pillar_level_page(pillar_id, n), criterion_id)


def _principle_url(principle_id: str) -> str:
    return _site_url(urls.PRINCIPLES, principle_id)


# --- Markdown -------------------------------------------------------------------------------------------

HEADINGS: dict[ChangeKind, str] = {
    "removed": "Removed: their links break",
    "renamed": "Renamed: old links still work",
    "reworded": "Reworded",
    "moved": "Moved",
    "added": "Added",
}
FIELD_NAMES = {"w": "W", "group": "group"}
SHORT = 60  # texts up to this long are shown on one line, ``old`` → ``new``


def render_markdown(diff: RubricDiff, old_label: str, new_label: str) -> str:
    """The differences for people (a terminal, a pull request comment): one section per kind."""
    counts = diff.counts()
    found = ", ".join(f"{counts[kind]} {kind}" for kind in KINDS if counts[kind]) or "no differences"
    lines = [
        "# Rubric changes",
        "",
        f"From {code(old_label)} (version {code(diff.old_version)}) "
        f"to {code(new_label)} (version {code(diff.new_version)}): {found}.",
    ]
    if diff.breaks_links:
        lines += ["", render_breakage(counts["removed"])]
    for kind in KINDS:
        changes = diff.of_kind(kind)
        if changes:
            lines += ["", f"## {HEADINGS[kind]}", ""]
            lines += [line for change in changes for line in render_change(change)]
    return "\n".join(lines) + "\n"


def render_breakage(removed: int) -> str:
    what = "item had a URL or an anchor" if removed == 1 else "items had URLs or anchors"
    return (
        f"**Links break:** {removed} removed {what} that now lead nowhere. Keep each old id under "
        "`aliases:` of the item that replaces it, or restore the item (a level cannot be aliased: keep it)."
    )


def render_change(change: Change) -> list[str]:
    """A change as list items: one line, or before and after for a long rewording."""
    label = render_label(change)
    if change.kind == "removed":
        alias = f" (an alias of {code(change.alias_of)})" if change.alias_of else ""
        return [f"- {label}{alias}: {code(change.old_url)}"]
    if change.kind == "renamed":
        return [f"- {label}: {code(change.old_url)} → {code(change.url)}"]
    if change.kind == "added":
        return [f"- {label}: {code(change.url)}"]
    field = FIELD_NAMES.get(change.field, change.field)
    old, new = code(change.old), code(change.new)
    if len(change.old) <= SHORT and len(change.new) <= SHORT:
        return [f"- {label}, {field}: {old} → {new}"]
    return [f"- {label}, {field}:", f"  - before: {old}", f"  - after: {new}"]


def render_label(change: Change, quote: Callable[[str], str] | None = None) -> str:
    """What changed, by id: ``pillar `data```, ``criterion `x` (pillar `data`, level 3)``. ``quote`` shows an
    id; a Markdown code span unless given."""
    show = quote or code
    name = f"{show(change.old_id)} → {show(change.id)}" if change.kind == "renamed" else show(change.id)
    if change.item == "rubric":
        return "the rubric"
    if change.item == "level":
        return f"level {change.level}"
    if change.item == "pillar level":
        return f"pillar {show(change.pillar)}, level {change.level}"
    if change.item == "criterion":
        return f"criterion {name} (pillar {show(change.pillar)}, level {change.level})"
    return f"{change.item} {name}"


def code(text: str) -> str:
    """Text as a Markdown code span that shows exactly as written, on one line; ``(none)`` for no text."""
    flat = one_line(text)
    if not flat:
        return "(none)"
    longest = max((len(run) for run in re.findall(r"`+", flat)), default=0)
    fence = "`" * (longest + 1)
    pad = " " if flat.startswith("`") or flat.endswith("`") or (flat.startswith(" ") and flat.endswith(" ")) else ""
    return f"{fence}{pad}{flat}{pad}{fence}"


# --- JSON ------------------------------------------------------------------------------------------------


def render_json(diff: RubricDiff, old_label: str, new_label: str) -> str:
    """The differences for tools: every change with the same keys (``null`` where one does not apply)."""
    document = {
        "old": {"source": old_label, "title": diff.old_title, "version": diff.old_version},
        "new": {"source": new_label, "title": diff.new_title, "version": diff.new_version},
        "breaks_links": diff.breaks_links,
        "counts": diff.counts(),
        "changes": [render_json_change(change) for kind in KINDS for change in diff.of_kind(kind)],
    }
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


def render_json_change(change: Change) -> dict[str, object]:
    def text(value: str) -> str | None:
        return value or None

    return {
        "change": change.kind,
        "item": change.item,
        "id": text(change.id),
        "pillar": text(change.pillar),
        "level": change.level,
        "old_id": text(change.old_id),
        "alias_of": text(change.alias_of),
        "field": text(change.field),
        "old": text(change.old),
        "new": text(change.new),
        "old_url": text(change.old_url),
        "url": text(change.url),
        "breaks_links": change.breaks_links,
    }


def render_diff(fmt: str, diff: RubricDiff, old_label: str, new_label: str) -> str:
    """The differences in one of ``FORMATS`` (``ValueError`` for any other name)."""
    if fmt == "markdown":
        return render_markdown(diff, old_label, new_label)
    if fmt == "json":
        return render_json(diff, old_label, new_label)
    raise ValueError(f"unknown diff format {fmt!r} (expected one of {', '.join(FORMATS)})")
