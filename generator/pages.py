"""The framework's pages, as Markdown: Ws, pillars, pillar-levels, levels, matrix, principles, topics.

Every function takes the model and returns a page's Markdown. Links are relative links between
page uris (MkDocs validates them); every heading someone may cite carries an id-derived anchor;
every rubric text goes through ``md_text`` so it renders as written and never as markup.
"""

from __future__ import annotations

from collections.abc import Iterable

from . import urls
from .clock import format_clock
from .linking import Links, Topic
from .model import Citation, Criterion, Pillar, PillarLevel, Principle, Rubric, W
from .redirects import alias_anchors
from .text import md_link_title, md_text
from .transcripts import render_mention


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
    return f'<span class="hb-cites">Source:</span> {" · ".join(rendered)}' if rendered else ""


def _with_cites(text: str, page: urls.PageUri, cites: Iterable[Citation], links: Links) -> str:
    cited = render_citations(page, cites, links)
    return f"{text} {cited}" if cited else text


def _level_title(rubric: Rubric, n: int) -> str:
    return f"Level {n}: {rubric.level_name(n)}"


def _criteria_list(page: urls.PageUri, criteria: Iterable[Criterion], links: Links) -> str:
    return "\n".join(f"- {_with_cites(md_text(c.text), page, c.cites, links)}" for c in criteria)


# --- W pages ------------------------------------------------------------------------------------


def render_w_page(rubric: Rubric, w: W, links: Links) -> str:
    page = urls.w_page(w.id)
    lines = [f"# {md_text(w.title)}", "", _with_cites(md_text(w.summary), page, w.cites, links), ""]
    pillars = rubric.pillars_of(w.id)
    if pillars:
        lines += ["## Pillars {#pillars}", ""]
        first, last = rubric.levels[0].n, rubric.levels[-1].n
        for pillar in pillars:
            link = urls.relative_link(page, urls.pillar_page(pillar.id))
            lines += [f"### [{md_text(pillar.title)}]({link}) {{#{pillar.id}}}", "", md_text(pillar.summary), ""]
            for n, when in ((first, "Early"), (last, "Senior")):
                level = pillar.level(n)
                if level is not None:
                    target = urls.relative_link(page, urls.pillar_level_page(pillar.id, n))
                    lines.append(f"- {when} ([level {n}]({target})): {md_text(level.summary)}")
            lines.append("")
    principles = [p for p in rubric.principles if p.w == w.id]
    if principles:
        lines += ["## Principles {#principles}", ""]
        for principle in principles:
            target = urls.relative_link(page, urls.PRINCIPLES, principle.id)
            lines.append(f"- [{md_text(principle.title)}]({target}): {md_text(principle.text)}")
        lines.append("")
    others = [o for o in rubric.ws if o.id != w.id]
    if others:
        lines.append(
            "Other Ws: "
            + " · ".join(f"[{md_text(o.title)}]({urls.relative_link(page, urls.w_page(o.id))})" for o in others)
        )
    return "\n".join(lines).rstrip() + "\n"


def render_ws_index(rubric: Rubric) -> str:
    page = urls.WS_INDEX
    lines = ["# The three Ws" if len(rubric.ws) == 3 else "# The Ws", ""]
    for w in rubric.ws:
        lines.append(f"- [{md_text(w.title)}]({urls.relative_link(page, urls.w_page(w.id))}): {md_text(w.summary)}")
    return "\n".join(lines) + "\n"


# --- pillar pages -------------------------------------------------------------------------------


def render_pillar_page(rubric: Rubric, pillar: Pillar, links: Links) -> str:
    page = urls.pillar_page(pillar.id)
    w = rubric.w(pillar.w)
    lines = [f"# {md_text(pillar.title)}", ""]
    if w is not None:
        lines += [f"Part of [{md_text(w.title)}]({urls.relative_link(page, urls.w_page(w.id))}).", ""]
    lines += [_with_cites(md_text(pillar.summary), page, pillar.cites, links), ""]
    for level in pillar.levels:
        target = urls.relative_link(page, urls.pillar_level_page(pillar.id, level.n))
        lines += [
            f"## {md_text(_level_title(rubric, level.n))} {{#{urls.level_anchor(level.n)}}}",
            "",
            _with_cites(md_text(level.summary), page, level.cites, links),
            "",
            _criteria_list(page, level.criteria, links),
            "",
            f"[Level {level.n} of {md_text(pillar.title)} on its own page]({target})",
            "",
        ]
    return "\n".join(lines).rstrip() + "\n"


def render_pillar_level_page(rubric: Rubric, pillar: Pillar, level: PillarLevel, links: Links) -> str:
    page = urls.pillar_level_page(pillar.id, level.n)
    lines = [
        f"# {md_text(pillar.title)}, level {level.n}: {md_text(rubric.level_name(level.n))}",
        "",
        _with_cites(md_text(level.summary), page, level.cites, links),
        "",
        '<div class="hb-cite-level" data-handbook-component="cite-level"></div>',
        "",
        "## What someone at this level shows {#criteria}",
        "",
    ]
    for criterion in level.criteria:
        self_link = urls.relative_link(page, page, criterion.id)
        text = _with_cites(md_text(criterion.text), page, criterion.cites, links)
        lines += [
            f'{alias_anchors(criterion.aliases)}{text} [¶]({self_link} "Link to this criterion"){{.hb-permalink}}',
            f"{{: #{criterion.id} .hb-criterion }}",
            "",
        ]
    lines += ["## Around this level {#around}", "", _neighbours(rubric, pillar, level.n, page)]
    return "\n".join(lines).rstrip() + "\n"


def _neighbours(rubric: Rubric, pillar: Pillar, n: int, page: urls.PageUri) -> str:
    ns = [lv.n for lv in pillar.levels]
    index = ns.index(n)
    items = []
    if index > 0:
        prev = ns[index - 1]
        items.append(
            f"- Previous: [{md_text(_level_title(rubric, prev))}]"
            f"({urls.relative_link(page, urls.pillar_level_page(pillar.id, prev))})"
        )
    if index + 1 < len(ns):
        nxt = ns[index + 1]
        items.append(
            f"- Next: [{md_text(_level_title(rubric, nxt))}]"
            f"({urls.relative_link(page, urls.pillar_level_page(pillar.id, nxt))})"
        )
    items.append(
        f"- Every level of [{md_text(pillar.title)}]"
        f"({urls.relative_link(page, urls.pillar_page(pillar.id), urls.level_anchor(n))})"
    )
    items.append(f"- Every pillar at [level {n}]({urls.relative_link(page, urls.level_page(n), pillar.id)})")
    w = rubric.w(pillar.w)
    if w is not None:
        items.append(f"- Part of [{md_text(w.title)}]({urls.relative_link(page, urls.w_page(w.id))})")
    return "\n".join(items)


def render_pillars_index(rubric: Rubric) -> str:
    page = urls.PILLARS_INDEX
    lines = ["# Pillars", ""]
    for w in rubric.ws:
        pillars = rubric.pillars_of(w.id)
        if not pillars:
            continue
        lines += [f"## [{md_text(w.title)}]({urls.relative_link(page, urls.w_page(w.id))}) {{#{w.id}}}", ""]
        for pillar in pillars:
            link = urls.relative_link(page, urls.pillar_page(pillar.id))
            lines.append(f"- [{md_text(pillar.title)}]({link}): {md_text(pillar.summary)}")
        lines.append("")
    return "\n".join(lines).rstrip() + "\n"


# --- level pages --------------------------------------------------------------------------------


def render_level_page(rubric: Rubric, n: int, links: Links) -> str:
    page = urls.level_page(n)
    lines = [f"# {md_text(_level_title(rubric, n))}", ""]
    for pillar in rubric.pillars:
        level = pillar.level(n)
        if level is None:
            continue
        target = urls.relative_link(page, urls.pillar_level_page(pillar.id, n))
        lines += [
            f"## {md_text(pillar.title)} {{#{pillar.id}}}",
            "",
            alias_anchors(pillar.aliases) + _with_cites(md_text(level.summary), page, level.cites, links),
            "",
            _criteria_list(page, level.criteria, links),
            "",
            f"[{md_text(pillar.title)} at level {n}]({target})",
            "",
        ]
    ns = [lv.n for lv in rubric.levels]
    index = ns.index(n)
    steps = []
    if index > 0:
        steps.append(
            f"Previous: [{md_text(_level_title(rubric, ns[index - 1]))}]"
            f"({urls.relative_link(page, urls.level_page(ns[index - 1]))})"
        )
    if index + 1 < len(ns):
        steps.append(
            f"Next: [{md_text(_level_title(rubric, ns[index + 1]))}]"
            f"({urls.relative_link(page, urls.level_page(ns[index + 1]))})"
        )
    if steps:
        lines.append(" · ".join(steps))
    return "\n".join(lines).rstrip() + "\n"


def render_levels_index(rubric: Rubric) -> str:
    page = urls.LEVELS_INDEX
    lines = ["# Levels", ""]
    for level in rubric.levels:
        target = urls.relative_link(page, urls.level_page(level.n))
        lines.append(f"- [{md_text(_level_title(rubric, level.n))}]({target})")
    return "\n".join(lines) + "\n"


def render_matrix_page(rubric: Rubric) -> str:
    """Every pillar at every level: one table per W, a row per level, a column per pillar."""
    page = urls.MATRIX
    lines = ["# The matrix", "", "Every pillar at every level. Each cell links to the page you can cite.", ""]
    for w in rubric.ws:
        pillars = rubric.pillars_of(w.id)
        if not pillars:
            continue
        w_link = urls.relative_link(page, urls.w_page(w.id))
        header = " | ".join(
            f"[{md_text(p.title)}]({urls.relative_link(page, urls.pillar_page(p.id))})" for p in pillars
        )
        lines += [
            f"## [{md_text(w.title)}]({w_link}) {{#{w.id}}}",
            "",
            f"| Level | {header} |",
            "|---" * (len(pillars) + 1) + "|",
        ]
        for lv in rubric.levels:
            level_link = urls.relative_link(page, urls.level_page(lv.n))
            cells = [_matrix_cell(page, pillar, lv.n) for pillar in pillars]
            lines.append(f"| [{md_text(_level_title(rubric, lv.n))}]({level_link}) | " + " | ".join(cells) + " |")
        lines.append("")
    return "\n".join(lines).rstrip() + "\n"


def _matrix_cell(page: urls.PageUri, pillar: Pillar, n: int) -> str:
    level = pillar.level(n)
    if level is None:
        return ""
    return f"[{md_text(level.summary)}]({urls.relative_link(page, urls.pillar_level_page(pillar.id, n))})"


# --- principles ---------------------------------------------------------------------------------


def render_principles_page(rubric: Rubric, links: Links) -> str:
    page = urls.PRINCIPLES
    lines = ["# Principles and guidance", ""]
    groups: dict[str, list[Principle]] = {}
    for principle in rubric.principles:
        groups.setdefault(principle.group, []).append(principle)
    for group, principles in groups.items():
        lines += [f"## {md_text(group.replace('-', ' ').capitalize())} {{#group-{group}}}", ""]
        for principle in principles:
            lines += [
                f"### {md_text(principle.title)} {{#{principle.id}}}",
                "",
                alias_anchors(principle.aliases) + _with_cites(md_text(principle.text), page, principle.cites, links),
                "",
            ]
            w = rubric.w(principle.w) if principle.w else None
            if w is not None:
                lines += [f"Part of [{md_text(w.title)}]({urls.relative_link(page, urls.w_page(w.id))}).", ""]
    return "\n".join(lines).rstrip() + "\n"


# --- topics -------------------------------------------------------------------------------------


def render_topic_page(topic: Topic, links: Links) -> str:
    page = urls.topic_page(topic.slug)
    count = len({m.note for m in topic.mentions})
    lines = [
        f"# {md_text(topic.title)}",
        "",
        f"A topic the transcripts link to; mentioned in {count} note{'s' if count != 1 else ''}.",
        "",
        "## Mentions {#mentions}",
        "",
    ]
    lines += [render_mention(mention, links, page) for mention in topic.mentions]
    return "\n".join(lines) + "\n"


def render_topics_index(links: Links) -> str:
    page = urls.TOPICS_INDEX
    lines = ["# Topics", "", "Subjects the transcripts link to that have no note of their own.", ""]
    for topic in sorted(links.topics.values(), key=lambda t: (t.title.casefold(), t.slug)):
        target = urls.relative_link(page, urls.topic_page(topic.slug))
        lines.append(f"- [{md_text(topic.title)}]({target}) ({len(topic.mentions)})")
    return "\n".join(lines) + "\n"


def render_transcripts_index(links: Links) -> str:
    page = urls.transcripts_index(links.transcripts_dir)
    lines = ["# Transcripts", "", "Notes on the talk, with every time linked to the video.", ""]
    for slug, note in sorted(links.notes.items(), key=lambda item: (item[1].title.casefold(), item[0])):
        target = urls.relative_link(page, urls.transcript_page(slug, links.transcripts_dir))
        cited = len(links.cited_by.get(slug, ()))
        suffix = f" (cited {cited} time{'s' if cited != 1 else ''})" if cited else ""
        lines.append(f"- [{md_text(note.title)}]({target}){suffix}")
    return "\n".join(lines) + "\n"
