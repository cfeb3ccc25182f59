"""rubric.yaml (schema 1) → a ``Rubric``, with every problem located.

Checks types, required and unknown keys, id format and uniqueness, and the references inside
the rubric (``w``, ``pillar``, levels). Citations are only parsed here; whether they resolve to a
note's timestamp is decided by ``linking``, which knows the notes.
"""

from __future__ import annotations

import datetime
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeVar

from . import model as m
from .clock import read_strict_clock
from .problems import Problem, ProblemLog, has_errors
from .schema import Reader, closest
from .urls import ID_PATTERN, NOTE_SLUG_PATTERN, VIDEO_ID_PATTERN
from .yamltree import Mapping, Node, Scalar, Sequence, decode_text, parse_yaml

SCHEMA_VERSION = 1
_DUPLICATE_HINTS = {
    "level": "each level appears once: renumber one",
    "version": "each version has one changelog entry: merge the two",
}
T = TypeVar("T")


@dataclass
class _Context:
    reader: Reader
    ids_seen: dict[str, dict[str, Scalar]] = field(default_factory=dict)

    @property
    def log(self) -> ProblemLog:
        return self.reader.log


def load_rubric(path: Path, display_path: str | None = None) -> tuple[m.Rubric | None, list[Problem]]:
    """Read and check ``rubric.yaml``; the rubric is None when any error was found."""
    rubric, problems = read_rubric(path, display_path)
    if has_errors(problems):
        return None, problems
    return rubric, problems


def read_rubric(path: Path, display_path: str | None = None) -> tuple[m.Rubric | None, list[Problem]]:
    """Like ``load_rubric``, but keeps what could be read despite errors, so later checks
    (citations against the notes) can still report their problems in the same run."""
    log = ProblemLog(display_path or str(path))
    try:
        data = path.read_bytes()
    except OSError as exc:
        log.error(
            1,
            1,
            "unreadable",
            f"cannot read the rubric: {exc.strerror or exc}",
            "check the 'rubric' option of the handbook plugin",
        )
        return None, log.problems
    return parse_rubric(data, log), log.problems


def parse_rubric(data: bytes, log: ProblemLog) -> m.Rubric | None:
    text = decode_text(data, log)
    if text is None:
        return None
    root = parse_yaml(text, log)
    if root is None:
        if not log.problems:
            log.error(
                1,
                1,
                "empty-rubric",
                "the rubric is empty (expected 'schema: 1' and the framework)",
                "start from the example in the README",
            )
        return None
    return _read_rubric(root, _Context(Reader(log)))


def _read_rubric(root: Node, ctx: _Context) -> m.Rubric | None:
    top = ctx.reader.mapping(
        root,
        "the rubric",
        ["schema", "title", "version", "levels", "ws", "pillars"],
        ["sources", "principles", "quiz", "changelog"],
    )
    if top is None:
        return None
    schema = ctx.reader.integer(top.get("schema"), "schema")
    if schema is not None and schema != SCHEMA_VERSION:
        node = top.get("schema") or top
        ctx.log.error(
            node.line,
            node.col,
            "schema-version",
            f"schema {schema} (expected {SCHEMA_VERSION})",
            "this generator reads schema 1",
        )
    sources = _read_list(ctx, top.get("sources"), "sources", _read_source)
    levels = _read_list(ctx, top.get("levels"), "levels", _read_level)
    ws = _read_list(ctx, top.get("ws"), "ws", _read_w)
    pillars = _read_list(ctx, top.get("pillars"), "pillars", _read_pillar)
    principles = _read_list(ctx, top.get("principles"), "principles", _read_principle)
    questions = _read_quiz(ctx, top.get("quiz"))
    changelog = _read_list(ctx, top.get("changelog"), "changelog", _read_changelog_entry)
    rubric = m.Rubric(
        title=ctx.reader.string(top.get("title"), "title") or "",
        version=ctx.reader.string(top.get("version"), "version") or "",
        sources=sources,
        levels=levels,
        ws=ws,
        pillars=pillars,
        principles=principles,
        questions=questions,
        changelog=changelog,
    )
    _check_references(rubric, top, ctx)
    _check_changelog(rubric, ctx)
    return rubric


def _read_list(
    ctx: _Context, node: Node | None, what: str, read_item: Callable[[_Context, Node], T | None]
) -> tuple[T, ...]:
    items = (read_item(ctx, item) for item in ctx.reader.sequence(node, what))
    return tuple(item for item in items if item is not None)


def _read_id(ctx: _Context, node: Node | None, kind: str, scope: str = "") -> m.Id | None:
    value = ctx.reader.string(node, f"{kind} id")
    if value is None or not isinstance(node, Scalar):
        return None
    if not ID_PATTERN.match(value):
        suggestion = "-".join(
            part
            for part in "".join(c if c.isascii() and c.isalnum() else "-" for c in value.lower()).split("-")
            if part
        )
        ctx.log.error(
            node.line,
            node.col,
            "bad-id",
            f"{kind} id '{value}' (expected lowercase letters, digits and single hyphens)",
            f"use '{suggestion}'" if suggestion else "ids look like 'data-metrics'",
        )
        return None
    _check_unique(ctx, node, value, f"{kind}{scope}")
    return m.Id(value)


def _check_unique(ctx: _Context, node: Scalar, value: str, namespace: str) -> None:
    folded = unicodedata.normalize("NFKC", value).casefold()
    seen = ctx.ids_seen.setdefault(namespace, {})
    first = seen.get(folded)
    if first is not None:
        kind = namespace.split("@")[0]
        if kind.endswith("level"):
            what = f"{kind} number {value}"
        elif kind.endswith("version"):
            what = f"{kind} '{value}'"
        else:
            what = f"{kind} id '{value}'"
        ctx.log.error(
            node.line,
            node.col,
            "duplicate-id",
            f"{what} is used twice (first at line {first.line}, column {first.col})",
            _DUPLICATE_HINTS.get(kind.split(" ")[-1], "ids must be unique: rename one"),
        )
    else:
        seen[folded] = node


def _read_aliases(ctx: _Context, node: Node | None, kind: str, scope: str = "") -> tuple[m.Id, ...]:
    """Former ids of a renamed item: they share the namespace of ids, so an alias never shadows an id."""
    aliases = (_read_id(ctx, item, kind, scope) for item in ctx.reader.sequence(node, "aliases"))
    return tuple(alias for alias in aliases if alias is not None)


def _read_citations(ctx: _Context, node: Node | None) -> tuple[m.Citation, ...]:
    cites: list[m.Citation] = []
    for item in ctx.reader.sequence(node, "cites"):
        text = ctx.reader.string(item, "citation")
        if text is None or not isinstance(item, Scalar):
            continue
        citation = parse_citation(text, m.Location(ctx.log.path, item.line, item.col))
        if citation is None:
            ctx.log.error(
                item.line,
                item.col,
                "bad-citation",
                f"citation '{text}' (expected note-slug@HH:MM:SS)",
                "e.g. importance_of_execution_and_output_in_product_management@00:07:35",
            )
        else:
            cites.append(citation)
    return tuple(cites)


def parse_citation(text: str, where: m.Location) -> m.Citation | None:
    """``note-slug@HH:MM:SS`` → a Citation, or None when it is not of that form."""
    slug, at, clock = text.strip().partition("@")
    seconds = read_strict_clock(clock)
    if not at or seconds is None or not NOTE_SLUG_PATTERN.match(slug):
        return None
    return m.Citation(m.NoteSlug(slug), seconds, where)


def _read_source(ctx: _Context, node: Node) -> m.Source | None:
    src = ctx.reader.mapping(node, "a source", ["id", "video", "title", "speaker", "show", "duration"])
    if src is None:
        return None
    source_id = _read_id(ctx, src.get("id"), "source")
    video = ctx.reader.string(src.get("video"), "video")
    video_node = src.get("video")
    if video is not None and video_node is not None and not VIDEO_ID_PATTERN.match(video):
        ctx.log.error(
            video_node.line,
            video_node.col,
            "bad-video-id",
            f"video '{video}' (expected an 11-character YouTube id)",
            'e.g. video: "ImSvm11GR0Y"',
        )
        video = None
    duration = _read_duration(ctx, src.get("duration"))
    if source_id is None or video is None or duration is None:
        return None
    return m.Source(
        source_id,
        video,
        ctx.reader.string(src.get("title"), "title") or "",
        ctx.reader.string(src.get("speaker"), "speaker") or "",
        ctx.reader.string(src.get("show"), "show") or "",
        duration,
    )


def _read_duration(ctx: _Context, node: Node | None) -> int | None:
    text = ctx.reader.string(node, "duration")
    if text is None or node is None:
        return None
    seconds = read_strict_clock(text)
    if seconds is None or seconds == 0:
        ctx.log.error(
            node.line, node.col, "bad-duration", f"duration '{text}' (expected HH:MM:SS)", 'e.g. duration: "01:10:00"'
        )
    return seconds


def _read_level(ctx: _Context, node: Node) -> m.Level | None:
    lv = ctx.reader.mapping(node, "a level", ["n", "name"])
    if lv is None:
        return None
    n = ctx.reader.integer(lv.get("n"), "level n")
    name = ctx.reader.string(lv.get("name"), "level name")
    n_node = lv.get("n")
    if n is not None and isinstance(n_node, Scalar):
        _check_unique(ctx, n_node, str(n), "level")
    return m.Level(n, name) if n is not None and name is not None else None


def _read_w(ctx: _Context, node: Node) -> m.W | None:
    w = ctx.reader.mapping(node, "a W", ["id", "title", "summary"], ["cites", "aliases"])
    if w is None:
        return None
    w_id = _read_id(ctx, w.get("id"), "W")
    title = ctx.reader.string(w.get("title"), "title")
    summary = ctx.reader.string(w.get("summary"), "summary")
    cites = _read_citations(ctx, w.get("cites"))
    if w_id is None or title is None or summary is None:
        return None
    return m.W(w_id, title, summary, cites, _read_aliases(ctx, w.get("aliases"), "W"))


def _read_pillar(ctx: _Context, node: Node) -> m.Pillar | None:
    p = ctx.reader.mapping(node, "a pillar", ["id", "title", "w", "summary", "levels"], ["cites", "aliases"])
    if p is None:
        return None
    pillar_id = _read_id(ctx, p.get("id"), "pillar")
    title = ctx.reader.string(p.get("title"), "title")
    w_ref = ctx.reader.string(p.get("w"), "w")
    summary = ctx.reader.string(p.get("summary"), "summary")
    scope = f"@{pillar_id}"
    levels = tuple(
        lv
        for lv in (_read_pillar_level(ctx, item, scope) for item in ctx.reader.sequence(p.get("levels"), "levels"))
        if lv
    )
    cites = _read_citations(ctx, p.get("cites"))
    if pillar_id is None or title is None or w_ref is None or summary is None:
        return None
    aliases = _read_aliases(ctx, p.get("aliases"), "pillar")
    return m.Pillar(pillar_id, title, m.Id(w_ref), summary, levels, cites, aliases)


def _read_pillar_level(ctx: _Context, node: Node, scope: str) -> m.PillarLevel | None:
    lv = ctx.reader.mapping(node, "a pillar level", ["n", "summary", "criteria"], ["cites"])
    if lv is None:
        return None
    n = ctx.reader.integer(lv.get("n"), "level n")
    n_node = lv.get("n")
    if n is not None and isinstance(n_node, Scalar):
        _check_unique(ctx, n_node, str(n), f"pillar level{scope}")
    summary = ctx.reader.string(lv.get("summary"), "summary")
    criteria = tuple(
        c
        for c in (
            _read_criterion(ctx, item, f"{scope}/{n}") for item in ctx.reader.sequence(lv.get("criteria"), "criteria")
        )
        if c
    )
    cites = _read_citations(ctx, lv.get("cites"))
    if n is None or summary is None:
        return None
    return m.PillarLevel(n, summary, criteria, cites)


def _read_criterion(ctx: _Context, node: Node, scope: str) -> m.Criterion | None:
    c = ctx.reader.mapping(node, "a criterion", ["id", "text"], ["cites", "aliases"])
    if c is None:
        return None
    criterion_id = _read_id(ctx, c.get("id"), "criterion", scope)
    text = ctx.reader.string(c.get("text"), "text")
    cites = _read_citations(ctx, c.get("cites"))
    if criterion_id is None or text is None:
        return None
    return m.Criterion(criterion_id, text, cites, _read_aliases(ctx, c.get("aliases"), "criterion", scope))


def _read_principle(ctx: _Context, node: Node) -> m.Principle | None:
    p = ctx.reader.mapping(node, "a principle", ["id", "group", "title", "text"], ["w", "cites", "aliases"])
    if p is None:
        return None
    principle_id = _read_id(ctx, p.get("id"), "principle")
    group = ctx.reader.string(p.get("group"), "group")
    w_ref = ctx.reader.string(p.get("w"), "w")
    title = ctx.reader.string(p.get("title"), "title")
    text = ctx.reader.string(p.get("text"), "text")
    cites = _read_citations(ctx, p.get("cites"))
    if principle_id is None or group is None or title is None or text is None:
        return None
    aliases = _read_aliases(ctx, p.get("aliases"), "principle")
    return m.Principle(principle_id, m.Id(group), m.Id(w_ref) if w_ref else None, title, text, cites, aliases)


def _read_quiz(ctx: _Context, node: Node | None) -> tuple[m.QuizQuestion, ...]:
    quiz = ctx.reader.mapping(node, "quiz", [], ["questions"])
    if quiz is None:
        return ()
    return _read_list(ctx, quiz.get("questions"), "questions", _read_question)


def _read_question(ctx: _Context, node: Node) -> m.QuizQuestion | None:
    q = ctx.reader.mapping(node, "a question", ["id", "pillar", "prompt", "options"])
    if q is None:
        return None
    question_id = _read_id(ctx, q.get("id"), "question")
    pillar = ctx.reader.string(q.get("pillar"), "pillar")
    prompt = ctx.reader.string(q.get("prompt"), "prompt")
    options = _read_list(ctx, q.get("options"), "options", _read_option)
    if question_id is None or pillar is None or prompt is None:
        return None
    return m.QuizQuestion(question_id, m.Id(pillar), prompt, options)


def _read_option(ctx: _Context, node: Node) -> m.QuizOption | None:
    o = ctx.reader.mapping(node, "an option", ["level", "text"])
    if o is None:
        return None
    level = ctx.reader.integer(o.get("level"), "option level")
    text = ctx.reader.string(o.get("text"), "option text")
    return m.QuizOption(level, text) if level is not None and text is not None else None


def _read_changelog_entry(ctx: _Context, node: Node) -> m.ChangelogEntry | None:
    entry = ctx.reader.mapping(node, "a changelog entry", ["version", "date", "summary"], ["rubric"])
    if entry is None:
        return None
    version_node = entry.get("version")
    version = ctx.reader.string(version_node, "changelog version")
    if version is not None and isinstance(version_node, Scalar):
        _check_unique(ctx, version_node, version, "changelog version")
    date = _read_date(ctx, entry.get("date"))
    summary = ctx.reader.string(entry.get("summary"), "changelog summary")
    rubric_node = entry.get("rubric")
    source = ctx.reader.string(rubric_node, "changelog rubric")
    if version is None or date is None or summary is None:
        return None
    return m.ChangelogEntry(
        version,
        date,
        summary,
        source or None,
        m.Location(ctx.log.path, node.line, node.col),
        m.Location(ctx.log.path, rubric_node.line, rubric_node.col) if rubric_node is not None else None,
    )


def _read_date(ctx: _Context, node: Node | None) -> str | None:
    text = ctx.reader.string(node, "changelog date")
    if text is None or node is None:
        return None
    try:
        datetime.date.fromisoformat(text)
        valid = len(text) == len("2026-11-28")
    except ValueError:
        valid = False
    if not valid:
        ctx.log.error(
            node.line, node.col, "bad-date", f"date '{text}' (expected a date as YYYY-MM-DD)", 'e.g. date: "2026-11-28"'
        )
        return None
    return text


def _check_changelog(rubric: m.Rubric, ctx: _Context) -> None:
    """The newest entry is this version, and no entry is dated after the one above it."""
    if not rubric.changelog:
        return
    newest = rubric.changelog[0]
    if rubric.version and newest.version != rubric.version:
        ctx.log.error(
            newest.where.line,
            newest.where.col,
            "changelog-version",
            f"the newest changelog entry is version '{newest.version}', but the rubric is version "
            f"'{rubric.version}' (expected an entry for '{rubric.version}' first)",
            "add an entry for this version at the top of changelog: (version, date, summary)",
        )
    if newest.rubric is not None and newest.rubric_where is not None:
        ctx.log.error(
            newest.rubric_where.line,
            newest.rubric_where.col,
            "changelog-rubric",
            "the newest changelog entry names a rubric (expected none: it is this file)",
            "remove 'rubric:' from this entry; older entries name where their rubric can be read",
        )
    for newer, older in zip(rubric.changelog, rubric.changelog[1:], strict=False):
        if older.date > newer.date:
            ctx.log.error(
                older.where.line,
                older.where.col,
                "changelog-order",
                f"version '{older.version}' is dated {older.date}, after '{newer.version}' above it "
                "(expected the newest entry first)",
                "order changelog: newest first",
            )


# --- references inside the rubric ---------------------------------------------------------------


def _check_references(rubric: m.Rubric, top: Mapping, ctx: _Context) -> None:
    # Ids and levels as written, so an item dropped for another error does not also look undefined.
    scale = [int(n) for n in _written(top, "levels", "n") if n.isdigit()]
    if scale != sorted(scale):
        node = top.get("levels") or top
        ctx.log.error(
            node.line,
            node.col,
            "levels-order",
            f"levels are in the order {scale} (expected ascending)",
            "list the levels from lowest to highest",
        )
    w_ids = _written(top, "ws", "id")
    pillar_ids = _written(top, "pillars", "id")
    _check_pillar_refs(rubric, top, ctx, w_ids, scale)
    _check_refs(ctx, _nodes_at(top, "principles", "w"), w_ids, "W", optional=True)
    _check_refs(ctx, _nodes_at(top, "quiz", "questions", "pillar"), pillar_ids, "pillar")
    _check_option_levels(ctx, top, scale)


def _written(top: Mapping, *path: str) -> list[str]:
    return [node.value for node in _nodes_at(top, *path) if isinstance(node, Scalar)]


def _nodes_at(top: Mapping, *path: str) -> list[Node]:
    """Every node reached by following ``path`` through mappings, flattening lists on the way."""
    current: list[Node] = [top]
    for key in path:
        found: list[Node] = []
        for node in current:
            value = node.get(key) if isinstance(node, Mapping) else None
            if value is not None:
                found.extend(value.items if isinstance(value, Sequence) else (value,))
        current = found
    return current


def _check_refs(ctx: _Context, nodes: Iterable[Node], known: list[str], kind: str, optional: bool = False) -> None:
    for node in nodes:
        if not isinstance(node, Scalar) or node.value in known:
            continue
        if optional and node.plain and node.value in ("", "~", "null"):
            continue
        ctx.log.error(
            node.line,
            node.col,
            "unknown-reference",
            f"unknown {kind} '{node.value}' (expected one of: {', '.join(known) or 'none defined'})",
            closest(node.value, known) or f"define the {kind} first, or fix the id",
        )


def _check_pillar_refs(rubric: m.Rubric, top: Mapping, ctx: _Context, w_ids: list[str], scale: list[int]) -> None:
    _check_refs(ctx, _nodes_at(top, "pillars", "w"), w_ids, "W")
    for pillar_node in ctx.reader.sequence(top.get("pillars"), "pillars"):
        if not isinstance(pillar_node, Mapping):
            continue
        level_nodes = [n for n in ctx.reader.sequence(pillar_node.get("levels"), "levels") if isinstance(n, Mapping)]
        described = []
        for level_node in level_nodes:
            n_node = level_node.get("n")
            if isinstance(n_node, Scalar) and n_node.value.isdigit():
                described.append(int(n_node.value))
                if scale and int(n_node.value) not in scale:
                    ctx.log.error(
                        n_node.line,
                        n_node.col,
                        "unknown-level",
                        f"level {n_node.value} is not on the scale (expected one of {scale})",
                        "add it under 'levels:' or fix the number",
                    )
        missing = [n for n in scale if n not in described]
        id_node = pillar_node.get("id") or pillar_node
        if missing and pillar_node.get("levels") is not None:  # a missing key is reported already
            ctx.log.error(
                id_node.line,
                id_node.col,
                "missing-levels",
                f"pillar '{getattr(id_node, 'value', '?')}' does not describe level(s) "
                f"{', '.join(map(str, missing))} (expected every level of the scale)",
                "every pillar describes every level, so each level page exists",
            )


def _check_option_levels(ctx: _Context, top: Mapping, scale: list[int]) -> None:
    for node in _nodes_at(top, "quiz", "questions", "options", "level"):
        if scale and isinstance(node, Scalar) and node.value.isdigit() and int(node.value) not in scale:
            ctx.log.error(
                node.line,
                node.col,
                "unknown-level",
                f"option level {node.value} is not on the scale (expected one of {scale})",
                "use a level defined under 'levels:'",
            )
