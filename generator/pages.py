"""The framework's pages: Ws, pillars, pillar-levels, levels, matrix, principles, topics, indexes.

Every function prepares one page's view data from the model and renders its template (see
``templating``). Links are relative links between page uris (MkDocs validates them); every heading
someone may cite carries an id-derived anchor; rubric text stays plain text, which the templates
print escaped, so it renders as written and never as markup.
"""

from __future__ import annotations

from collections.abc import Iterable

from markupsafe import Markup

from . import urls
from .clock import format_clock
from .episodes import Episode, shows_of
from .linking import Links, Topic
from .model import (
    PROVENANCE,
    Citation,
    Criterion,
    NoteSlug,
    Pillar,
    PillarLevel,
    Principle,
    Provenance,
    Rubric,
    W,
    provenance_of,
)
from .redirects import alias_anchors
from .templating import PACKAGE_TEMPLATES, RenderedPage, Templates, md
from .text import md_link_title
from .transcripts import render_mention

PROVENANCE_LABELS: dict[Provenance, str] = {"source": "From the talk", "handbook": "Handbook's own"}
MATRIX_LABELS: dict[Provenance, str] = {"source": "talk", "handbook": "own"}


def render_citations(page: urls.PageUri, cites: Iterable[Citation], links: Links) -> str:
    """Each citation as a link to the note's passage and a deep link to that second of the video."""
    rendered = []
    for cite in cites:
        note = links.notes.get(cite.note)
        if note is None or note.video is None:
            continue
        clock = format_clock(cite.seconds)
        passage = urls.relative_link(
            page, urls.transcript_page(cite.note, links.transcripts_dir), urls.timestamp_anchor(cite.seconds)
        )
        video = urls.video_url(note.video, cite.seconds)
        title = md_link_title(f"{note.title}, {clock}")
        video_link = f'[▶]({video} "Watch from {clock}"){{.hb-video aria-label="Watch the video from {clock}"}}'
        rendered.append(f'[{clock}]({passage} "{title}"){{.hb-cite}} {video_link}')
    return " · ".join(rendered)


def render_provenance(page: urls.PageUri, cites: tuple[Citation, ...], links: Links) -> str:
    """Where a statement comes from, printed right after it: "From the talk" and its citations, or "Handbook's own".

    Search leaves the run out: a result shows the statement, not "From the talk: 00:15:49 ▶". (Material's search
    ends an exclusion at the first end tag of its own name: no <span> inside.)
    """
    provenance = provenance_of(cites)
    label = PROVENANCE_LABELS[provenance]
    cited = render_citations(page, cites, links)
    marker = f'<small class="hb-cites hb-prov hb-prov--{provenance}">{label}{":" if cited else ""}</small>'
    return f'<span class="hb-cite-run" data-search-exclude>{marker}{" " + cited if cited else ""}</span>'


def _cites(page: urls.PageUri, cites: tuple[Citation, ...], links: Links) -> Markup:
    """The provenance run of a statement, to print right after it (with the space before it)."""
    return md(f" {render_provenance(page, cites, links)}")


def _provenance(cites: tuple[Citation, ...]) -> Markup:
    """The value of the ``data-provenance`` attribute of the element holding a statement."""
    return md(provenance_of(cites))


def provenance_legend(compact: bool = False) -> Markup:
    """What the markers mean, shown on every page that marks where its statements come from."""
    labels = MATRIX_LABELS if compact else PROVENANCE_LABELS
    source, handbook = (f'<small class="hb-prov hb-prov--{kind}">{labels[kind]}</small>' for kind in PROVENANCE)
    if compact:
        text = (
            f"{source}: from the talk (each level's page lists its citations). {handbook}: the handbook's own reading."
        )
    else:
        text = (
            f"{source}: says what the talk says; its times link to the passage and the video. "
            f"{handbook}: the handbook's own reading, written to fit what the talk describes."
        )
    return md(f'<p class="hb-prov-legend" data-search-exclude>{text}</p>')


def _link(page: urls.PageUri, target: str, anchor: str = "") -> Markup:
    return md(urls.relative_link(page, target, anchor))


def _level_title(rubric: Rubric, n: int) -> str:
    return f"Level {n}: {rubric.level_name(n)}"


def _criteria_view(page: urls.PageUri, criteria: Iterable[Criterion], links: Links) -> list[dict[str, object]]:
    return [
        {
            "id": md(c.id),
            "text": c.text,
            "cites": _cites(page, c.cites, links),
            "provenance": _provenance(c.cites),
            "alias_anchors": md(alias_anchors(c.aliases)),
            "link": _link(page, page, c.id),
        }
        for c in criteria
    ]


# --- W pages ------------------------------------------------------------------------------------


def render_w_page(rubric: Rubric, w: W, links: Links, templates: Templates = PACKAGE_TEMPLATES) -> RenderedPage:
    page = urls.w_page(w.id)
    first, last = rubric.levels[0].n, rubric.levels[-1].n
    pillars = [
        {
            "id": md(pillar.id),
            "title": pillar.title,
            "summary": pillar.summary,
            "cites": _cites(page, pillar.cites, links),
            "provenance": _provenance(pillar.cites),
            "link": _link(page, urls.pillar_page(pillar.id)),
            "ends": [
                {
                    "when": when,
                    "n": n,
                    "summary": level.summary,
                    "cites": _cites(page, level.cites, links),
                    "provenance": _provenance(level.cites),
                    "link": _link(page, urls.pillar_level_page(pillar.id, n)),
                }
                for n, when in ((first, "Early"), (last, "Senior"))
                if (level := pillar.level(n)) is not None
            ],
        }
        for pillar in rubric.pillars_of(w.id)
    ]
    principles = [
        {
            "title": p.title,
            "text": p.text,
            "cites": _cites(page, p.cites, links),
            "provenance": _provenance(p.cites),
            "link": _link(page, urls.PRINCIPLES, p.id),
        }
        for p in rubric.principles
        if p.w == w.id
    ]
    others = [{"title": o.title, "link": _link(page, urls.w_page(o.id))} for o in rubric.ws if o.id != w.id]
    return templates.render(
        "w",
        w.title,
        id=md(w.id),
        summary=w.summary,
        cites=_cites(page, w.cites, links),
        provenance=_provenance(w.cites),
        legend=provenance_legend(),
        pillars=pillars,
        principles=principles,
        others=others,
    )


def render_ws_index(rubric: Rubric, links: Links, templates: Templates = PACKAGE_TEMPLATES) -> RenderedPage:
    page = urls.WS_INDEX
    ws = [
        {
            "title": w.title,
            "summary": w.summary,
            "cites": _cites(page, w.cites, links),
            "provenance": _provenance(w.cites),
            "link": _link(page, urls.w_page(w.id)),
        }
        for w in rubric.ws
    ]
    title = "The three Ws" if len(rubric.ws) == 3 else "The Ws"
    return templates.render("ws-index", title, ws=ws, legend=provenance_legend())


# --- pillar pages -------------------------------------------------------------------------------


def render_pillar_page(
    rubric: Rubric, pillar: Pillar, links: Links, templates: Templates = PACKAGE_TEMPLATES
) -> RenderedPage:
    page = urls.pillar_page(pillar.id)
    w = rubric.w(pillar.w)
    levels = [
        {
            "n": level.n,
            "title": _level_title(rubric, level.n),
            "anchor": md(urls.level_anchor(level.n)),
            "summary": level.summary,
            "cites": _cites(page, level.cites, links),
            "provenance": _provenance(level.cites),
            "criteria": _criteria_view(page, level.criteria, links),
            "link": _link(page, urls.pillar_level_page(pillar.id, level.n)),
        }
        for level in pillar.levels
    ]
    return templates.render(
        "pillar",
        pillar.title,
        id=md(pillar.id),
        pillar_title=pillar.title,
        w={"title": w.title, "link": _link(page, urls.w_page(w.id))} if w else None,
        summary=pillar.summary,
        cites=_cites(page, pillar.cites, links),
        provenance=_provenance(pillar.cites),
        legend=provenance_legend(),
        levels=levels,
    )


def render_pillar_level_page(
    rubric: Rubric, pillar: Pillar, level: PillarLevel, links: Links, templates: Templates = PACKAGE_TEMPLATES
) -> RenderedPage:
    page = urls.pillar_level_page(pillar.id, level.n)
    return templates.render(
        "pillar-level",
        f"{pillar.title}, level {level.n}: {rubric.level_name(level.n)}",
        pillar={"id": md(pillar.id), "title": pillar.title},
        n=level.n,
        summary=level.summary,
        cites=_cites(page, level.cites, links),
        provenance=_provenance(level.cites),
        legend=provenance_legend(),
        criteria=_criteria_view(page, level.criteria, links),
        around=_neighbours(rubric, pillar, level.n, page),
    )


def _neighbours(rubric: Rubric, pillar: Pillar, n: int, page: urls.PageUri) -> list[dict[str, object]]:
    ns = [lv.n for lv in pillar.levels]
    index = ns.index(n)
    items: list[dict[str, object]] = []
    if index > 0:
        prev = ns[index - 1]
        items.append(
            _item("Previous: ", _level_title(rubric, prev), _link(page, urls.pillar_level_page(pillar.id, prev)))
        )
    if index + 1 < len(ns):
        nxt = ns[index + 1]
        items.append(_item("Next: ", _level_title(rubric, nxt), _link(page, urls.pillar_level_page(pillar.id, nxt))))
    items.append(_item("Every level of ", pillar.title, _link(page, urls.pillar_page(pillar.id), urls.level_anchor(n))))
    items.append(_item("Every pillar at ", f"level {n}", _link(page, urls.level_page(n), pillar.id)))
    w = rubric.w(pillar.w)
    if w is not None:
        items.append(_item("Part of ", w.title, _link(page, urls.w_page(w.id))))
    return items


def _item(label: str, title: str, link: Markup) -> dict[str, object]:
    return {"label": md(label), "title": title, "link": link}


def render_pillars_index(rubric: Rubric, links: Links, templates: Templates = PACKAGE_TEMPLATES) -> RenderedPage:
    page = urls.PILLARS_INDEX
    ws = [
        {
            "id": md(w.id),
            "title": w.title,
            "link": _link(page, urls.w_page(w.id)),
            "pillars": [
                {
                    "title": p.title,
                    "summary": p.summary,
                    "cites": _cites(page, p.cites, links),
                    "provenance": _provenance(p.cites),
                    "link": _link(page, urls.pillar_page(p.id)),
                }
                for p in rubric.pillars_of(w.id)
            ],
        }
        for w in rubric.ws
        if rubric.pillars_of(w.id)
    ]
    return templates.render("pillars-index", "Pillars", ws=ws, legend=provenance_legend())


# --- level pages --------------------------------------------------------------------------------


def render_level_page(rubric: Rubric, n: int, links: Links, templates: Templates = PACKAGE_TEMPLATES) -> RenderedPage:
    page = urls.level_page(n)
    pillars = [
        {
            "id": md(pillar.id),
            "title": pillar.title,
            "alias_anchors": md(alias_anchors(pillar.aliases)),
            "summary": level.summary,
            "cites": _cites(page, level.cites, links),
            "provenance": _provenance(level.cites),
            "criteria": _criteria_view(page, level.criteria, links),
            "link": _link(page, urls.pillar_level_page(pillar.id, n)),
        }
        for pillar in rubric.pillars
        if (level := pillar.level(n)) is not None
    ]
    ns = [lv.n for lv in rubric.levels]
    index = ns.index(n)
    steps = []
    if index > 0:
        steps.append(_step("Previous", rubric, ns[index - 1], page))
    if index + 1 < len(ns):
        steps.append(_step("Next", rubric, ns[index + 1], page))
    return templates.render(
        "level", _level_title(rubric, n), n=n, pillars=pillars, steps=steps, legend=provenance_legend()
    )


def _step(label: str, rubric: Rubric, n: int, page: urls.PageUri) -> dict[str, object]:
    return {"label": md(label), "n": n, "title": _level_title(rubric, n), "link": _link(page, urls.level_page(n))}


def render_levels_index(rubric: Rubric, templates: Templates = PACKAGE_TEMPLATES) -> RenderedPage:
    page = urls.LEVELS_INDEX
    levels = [
        {"n": lv.n, "title": _level_title(rubric, lv.n), "link": _link(page, urls.level_page(lv.n))}
        for lv in rubric.levels
    ]
    return templates.render("levels-index", "Levels", levels=levels)


def render_matrix_page(rubric: Rubric, templates: Templates = PACKAGE_TEMPLATES) -> RenderedPage:
    """Every pillar at every level: one table per W, a row per level, a column per pillar."""
    page = urls.MATRIX
    ws = []
    for w in rubric.ws:
        pillars = rubric.pillars_of(w.id)
        if not pillars:
            continue
        rows = [
            {
                "n": lv.n,
                "title": _level_title(rubric, lv.n),
                "link": _link(page, urls.level_page(lv.n)),
                "cells": [_matrix_cell(page, pillar, lv.n) for pillar in pillars],
            }
            for lv in rubric.levels
        ]
        ws.append(
            {
                "id": md(w.id),
                "title": w.title,
                "link": _link(page, urls.w_page(w.id)),
                "pillars": [{"title": p.title, "link": _link(page, urls.pillar_page(p.id))} for p in pillars],
                "rows": rows,
            }
        )
    return templates.render("matrix", "The matrix", ws=ws, legend=provenance_legend(compact=True))


def _matrix_cell(page: urls.PageUri, pillar: Pillar, n: int) -> dict[str, object] | None:
    level = pillar.level(n)
    if level is None:
        return None
    provenance = provenance_of(level.cites)
    marker = (
        f'<small class="hb-prov hb-prov--{provenance}" data-search-exclude>'
        f'<span aria-hidden="true">{MATRIX_LABELS[provenance]}</span>'
        f'<span class="hb-sr">{PROVENANCE_LABELS[provenance]}</span></small>'
    )
    return {
        "summary": level.summary,
        "link": _link(page, urls.pillar_level_page(pillar.id, n)),
        "provenance": md(provenance),
        "marker": md(marker),
    }


# --- principles ---------------------------------------------------------------------------------


def render_principles_page(rubric: Rubric, links: Links, templates: Templates = PACKAGE_TEMPLATES) -> RenderedPage:
    page = urls.PRINCIPLES
    groups: dict[str, list[Principle]] = {}
    for principle in rubric.principles:
        groups.setdefault(principle.group, []).append(principle)
    view = [
        {
            "id": md(group),
            "title": group.replace("-", " ").capitalize(),
            "principles": [_principle_view(rubric, p, page, links) for p in principles],
        }
        for group, principles in groups.items()
    ]
    return templates.render("principles", "Principles and guidance", groups=view, legend=provenance_legend())


def _principle_view(rubric: Rubric, principle: Principle, page: urls.PageUri, links: Links) -> dict[str, object]:
    w = rubric.w(principle.w) if principle.w else None
    return {
        "id": md(principle.id),
        "title": principle.title,
        "text": principle.text,
        "cites": _cites(page, principle.cites, links),
        "provenance": _provenance(principle.cites),
        "alias_anchors": md(alias_anchors(principle.aliases)),
        "w": {"title": w.title, "link": _link(page, urls.w_page(w.id))} if w else None,
    }


# --- topics -------------------------------------------------------------------------------------


def render_topic_page(topic: Topic, links: Links, templates: Templates = PACKAGE_TEMPLATES) -> RenderedPage:
    page = urls.topic_page(topic.slug)
    mentions = [md(render_mention(mention, links, page)) for mention in topic.mentions]
    count = len({m.note for m in topic.mentions})
    return templates.render("topic", topic.title, slug=md(topic.slug), note_count=count, mentions=mentions)


def render_topics_index(links: Links, templates: Templates = PACKAGE_TEMPLATES) -> RenderedPage:
    page = urls.TOPICS_INDEX
    topics = [
        {"title": t.title, "link": _link(page, urls.topic_page(t.slug)), "mentions": len(t.mentions)}
        for t in sorted(links.topics.values(), key=lambda t: (t.title.casefold(), t.slug))
    ]
    return templates.render("topics-index", "Topics", topics=topics)


def render_transcripts_index(
    episodes: tuple[Episode, ...], links: Links, templates: Templates = PACKAGE_TEMPLATES
) -> RenderedPage:
    """Every episode with its number of notes, by show; the notes themselves when there is one episode."""
    page = urls.transcripts_index(links.transcripts_dir)
    shows = [
        {
            "title": show,
            "episodes": [_episode_view(page, e, links) for e in episodes if e.show == show],
        }
        for show in shows_of(episodes)
    ]
    notes = _notes_view(page, episodes[0].notes, links) if len(episodes) == 1 else []
    return templates.render("transcripts-index", "Transcripts", shows=shows, notes=notes)


def render_episode_page(episode: Episode, links: Links, templates: Templates = PACKAGE_TEMPLATES) -> RenderedPage:
    page = urls.episode_page(episode.key, links.transcripts_dir)
    source = episode.source
    return templates.render(
        "episode",
        episode.title,
        key=md(episode.key),
        show=episode.show,
        speaker=source.speaker if source else None,
        video=md(urls.video_url(episode.video, 0)) if episode.video else None,
        notes=_notes_view(page, episode.notes, links),
        index=_link(page, urls.transcripts_index(links.transcripts_dir)),
    )


def _episode_view(page: urls.PageUri, episode: Episode, links: Links) -> dict[str, object]:
    return {
        "title": episode.title,
        "link": _link(page, urls.episode_page(episode.key, links.transcripts_dir)),
        "notes": len(episode.notes),
        "cited": sum(len(links.cited_by.get(slug, ())) for slug in episode.notes),
    }


def _notes_view(page: urls.PageUri, slugs: Iterable[NoteSlug], links: Links) -> list[dict[str, object]]:
    return [
        {
            "title": links.notes[slug].title,
            "link": _link(page, urls.transcript_page(slug, links.transcripts_dir)),
            "cited": len(links.cited_by.get(slug, ())),
        }
        for slug in slugs
    ]
