"""The rubric's history: its changelog, each version compared with the one before, and ``/changes/``.

A changelog entry may name where its version's rubric can be read (``rubric:``, a file next to
rubric.yaml or ``REV:PATH`` from git). Each version whose predecessor's rubric is readable gets
the computed differences of :mod:`rubric_diff`; the newest is the rubric itself. When the previous
version is readable, an id of it that vanished without an alias is an error: its URLs, cited in
reviews, would lead nowhere.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from . import urls
from .model import ChangelogEntry, Location, Rubric
from .problems import Problem, ProblemLog, Severity
from .rubric_diff import FIELD_NAMES, Change, RubricDiff, diff_rubrics, render_label
from .rubric_source import load_rubric_spec
from .templating import PACKAGE_TEMPLATES, RenderedPage, Templates, md


@dataclass(frozen=True)
class VersionChanges:
    entry: ChangelogEntry
    previous: ChangelogEntry | None
    diff: RubricDiff | None  # None when there is no previous version or its rubric is not named


def load_history(
    rubric: Rubric, rubric_path: Path, display_path: str
) -> tuple[tuple[VersionChanges, ...], list[Problem]]:
    """Every changelog entry with its differences from the version before it, where both rubrics are at hand."""
    log = ProblemLog(display_path)
    rubrics: dict[int, Rubric] = {0: rubric} if rubric.changelog else {}
    for index, entry in enumerate(rubric.changelog[1:], start=1):
        if entry.rubric is not None:
            older = _load_version(entry, rubric_path.parent, log)
            if older is not None:
                rubrics[index] = older
    history = []
    for index, entry in enumerate(rubric.changelog):
        previous = rubric.changelog[index + 1] if index + 1 < len(rubric.changelog) else None
        newer, older = rubrics.get(index), rubrics.get(index + 1)
        diff = diff_rubrics(older, newer) if newer is not None and older is not None else None
        history.append(VersionChanges(entry, previous, diff))
    if history:
        _check_previous(history[0], log)
    return tuple(history), log.problems


def _load_version(entry: ChangelogEntry, base: Path, log: ProblemLog) -> Rubric | None:
    where = entry.rubric_where or entry.where
    assert entry.rubric is not None
    older, problems = load_rubric_spec(entry.rubric, base)
    if older is None:
        first = next((p for p in problems if p.severity is Severity.ERROR), None)
        why = first.message if first else "it does not load"
        log.error(
            where.line,
            where.col,
            "changelog-rubric",
            f"version '{entry.version}': cannot use its rubric '{entry.rubric}': {why}",
            "name a file relative to rubric.yaml, or REV:PATH from git (the full history must be fetched)",
        )
        return None
    if older.version != entry.version:
        log.error(
            where.line,
            where.col,
            "changelog-rubric",
            f"'{entry.rubric}' is version '{older.version}' (expected version '{entry.version}')",
            "name the rubric as it was when this version was published",
        )
        return None
    return older


def _check_previous(current: VersionChanges, log: ProblemLog) -> None:
    """An id of the previous version that vanished without an alias breaks links: an error each."""
    if current.diff is None or current.previous is None:
        return
    where: Location = current.previous.rubric_where or current.previous.where
    for change in current.diff.of_kind("removed"):
        alias = f" (an alias of '{change.alias_of}')" if change.alias_of else ""
        log.error(
            where.line,
            where.col,
            "vanished-id",
            f"{render_label(change, quoted)}{alias} of version '{current.previous.version}' is gone, so "
            f"{change.old_url} leads nowhere (expected its id kept under 'aliases:' of the item that replaces it)",
            "add the old id to 'aliases:' of its successor, or restore the item; "
            "`python -m generator diff` lists every difference",
        )


def quoted(text: str) -> str:
    return f"'{text}'"


# --- /changes/ ---------------------------------------------------------------------------------------------

GROUP_TITLES = {"rubric": "The whole framework", "level": "The scale", "W": "The Ws", "principle": "Principles"}
KIND_LABELS = {
    "added": "Added",
    "removed": "Removed",
    "renamed": "Renamed (old links still work)",
    "reworded": "Reworded",
    "moved": "Moved",
}


def render_changes_page(
    rubric: Rubric, history: Iterable[VersionChanges], templates: Templates = PACKAGE_TEMPLATES
) -> RenderedPage:
    """Every published version, newest first, with what it says changed and what did change."""
    versions = [_version_view(rubric, item, anchor) for item, anchor in zip(history, _anchors(history), strict=True)]
    return templates.render("changes", "Changes", versions=versions)


def _anchors(history: Iterable[VersionChanges]) -> list[str]:
    """``v2026-11-1`` for version 2026.11.1; unique even when two versions slugify alike."""
    seen: set[str] = set()
    out = []
    for item in history:
        base = "v-" + ("-".join(re.findall(r"[a-z0-9]+", item.entry.version.lower())) or "version")
        anchor, n = base, 2
        while anchor in seen:
            anchor, n = f"{base}-{n}", n + 1
        seen.add(anchor)
        out.append(anchor)
    return out


def _version_view(rubric: Rubric, item: VersionChanges, anchor: str) -> dict[str, object]:
    groups: dict[str, dict[str, object]] = {}
    for change in item.diff.changes if item.diff else ():
        if change.item == "rubric" and change.field == "version":
            continue  # the heading says it
        key, title, link = _group_of(rubric, change)
        group = groups.setdefault(key, {"title": title, "link": link, "anchor": md(f"{anchor}-{key}"), "changes": []})
        changes = group["changes"]
        assert isinstance(changes, list)
        changes.append(_change_view(change))
    return {
        "version": item.entry.version,
        "anchor": md(anchor),
        "date": item.entry.date,
        "summary": item.entry.summary,
        "previous": item.previous.version if item.previous else None,
        "compared": item.diff is not None,
        "groups": list(groups.values()),
    }


def _group_of(rubric: Rubric, change: Change) -> tuple[str, str, object]:
    """The heading a change is listed under (its key, title and link): its pillar and level, or a part of the
    framework. Keys are made of ids, so each heading has a stable anchor."""
    if change.item in GROUP_TITLES:
        return change.item.lower().replace(" ", "-"), GROUP_TITLES[change.item], None
    pillar_id = change.id if change.item == "pillar" else change.pillar
    pillar = rubric.pillar(pillar_id)
    name = pillar.title if pillar else pillar_id
    if change.item == "pillar" or change.level is None:
        return f"pillar-{pillar_id}", name, _link(urls.pillar_page(pillar_id)) if pillar else None
    exists = pillar is not None and pillar.level(change.level) is not None
    link = _link(urls.pillar_level_page(pillar_id, change.level)) if exists else None
    return f"pillar-{pillar_id}-level-{change.level}", f"{name}, level {change.level}", link


def _change_view(change: Change) -> dict[str, object]:
    target = _current_target(change)
    return {
        "kind": KIND_LABELS[change.kind],
        "what": _site_label(change),
        "link": _link(*target) if target else None,
        "detail": _detail(change),
        "field": FIELD_NAMES.get(change.field, change.field),
        "old": change.old,
        "new": change.new,
    }


def _site_label(change: Change) -> object:
    """The item by its kind and id (ids are ``[a-z0-9-]``, safe in a code span); a level by its number."""
    if change.item == "rubric":
        return "the title"
    if change.item in ("level", "pillar level"):
        return f"level {change.level}"
    if change.kind == "renamed":
        return md(f"{change.item} `{change.old_id}` → `{change.id}`")
    return md(f"{change.item} `{change.id}`")


def _detail(change: Change) -> object:
    if change.kind == "removed":
        alias = f" (a former id of `{change.alias_of}`)" if change.alias_of else ""
        return md(f"{alias}: `{change.old_url}` now leads nowhere")
    if change.kind == "renamed":
        return md(f": `{change.old_url}` leads to `{change.url}`")
    return md(f", {FIELD_NAMES.get(change.field, change.field)}") if change.field else ""


def _current_target(change: Change) -> tuple[str, str] | None:
    """The page uri and anchor where the changed item is now; ``None`` when it is gone or is the rubric."""
    if change.kind == "removed" or change.item == "rubric":
        return None
    if change.item == "level" and change.level is not None:
        return urls.level_page(change.level), ""
    if change.item == "W":
        return urls.w_page(change.id), ""
    if change.item == "pillar":
        return urls.pillar_page(change.id), ""
    if change.item in ("pillar level", "criterion") and change.level is not None:
        anchor = change.id if change.item == "criterion" else ""
        return urls.pillar_level_page(change.pillar, change.level), anchor
    return urls.PRINCIPLES, change.id


def _link(page: str, anchor: str = "") -> object:
    return md(urls.relative_link(urls.CHANGES, page, anchor))
