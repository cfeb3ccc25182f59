"""The whole pipeline: rubric + notes → pages and problems. Used by the MkDocs plugin and the CLI.

load rubric ─┐
             ├─ link (citations, wikilinks, backlinks) ─ render ─ Site(pages, nav, problems, stats)
parse notes ─┘
"""

from __future__ import annotations

import html
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Union

import jinja2

from . import pages, urls
from .framework_json import render_framework_json
from .frontend import asset_files, render_version_stamp
from .linking import Links, link_site
from .loading import read_rubric
from .model import NoteSlug, Rubric
from .notes import Note, note_slug_for, parse_note
from .overview import expand_overview
from .problems import Problem, ProblemLog, Severity, has_errors, sort_problems
from .project import Project
from .quiz import render_self_check_page
from .redirects import build_redirects
from .templating import PACKAGE_TEMPLATES, SUFFIX, RenderedPage, Templates
from .text import one_line
from .transcripts import render_transcript_page

# MkDocs' nav format: a page uri, {title: uri}, or {title: [items]}.
NavItem = Union[str, dict[str, "str | list[NavItem]"]]  # noqa: UP007 (a recursive alias)


@dataclass(frozen=True)
class Page:
    uri: str
    markdown: str  # front matter and body
    in_nav: bool = True
    title: str = ""  # plain text


@dataclass(frozen=True)
class Stats:
    pages: int
    notes: int
    citations: int
    topics: int
    coverage: tuple[tuple[str, int, int], ...]  # (kind, cited, total)

    def summary(self) -> str:
        covered = ", ".join(f"{kind} {cited}/{total}" for kind, cited, total in self.coverage)
        return (
            f"{self.pages} pages, {self.notes} notes, {self.citations} citations, {self.topics} topics; "
            f"cited: {covered}"
        )


@dataclass(frozen=True)
class Site:
    rubric: Rubric | None
    pages: tuple[Page, ...]
    files: tuple[tuple[str, bytes], ...]  # non-page outputs such as framework.json
    problems: tuple[Problem, ...]
    stats: Stats | None
    note_sources: tuple[str, ...]  # docs-relative paths of the note files the pages replace
    nav_sections: tuple[NavItem, ...] = ()
    site_url: str | None = None

    @property
    def ok(self) -> bool:
        return not has_errors(self.problems)

    def page(self, uri: str) -> Page | None:
        return next((p for p in self.pages if p.uri == uri), None)

    def nav(self, handwritten: list[str]) -> list[NavItem]:
        """The site's navigation: the home page, the generated sections, then other hand-written pages."""
        others: list[NavItem] = [uri for uri in sorted(handwritten) if uri != urls.HOME]
        home: list[NavItem] = [{"Home": urls.HOME}] if urls.HOME in handwritten else []
        return home + list(self.nav_sections) + others

    def expand(self, markdown: str, page: str) -> str:
        """A hand-written page with the generator's markers (the framework overview) filled in and the stamp."""
        if self.rubric is None:
            return markdown
        expanded = expand_overview(markdown, self.rubric, page)
        return f"{expanded.rstrip()}\n\n{render_version_stamp(self.rubric, page, self.site_url)}\n"


def build_site(project: Project) -> Site:
    """Run the whole pipeline. Problems are collected, never raised; no pages when there is an error."""
    rubric, problems = read_rubric(project.rubric, project.display(project.rubric))
    known_videos = {s.video: s.duration for s in rubric.sources} if rubric else {}
    notes, note_problems, sources = load_notes(project, known_videos)
    problems += note_problems
    if rubric is None:
        return Site(None, (), (), tuple(sort_problems(problems)), None, sources)
    # Linking runs even on a rubric with errors, so its problems are reported in the same run.
    links, link_problems = link_site(rubric, notes, project.transcripts_dir)
    problems += link_problems
    if has_errors(problems):
        return Site(None, (), (), tuple(sort_problems(problems)), None, sources)
    try:
        rendered = render_pages(rubric, links, Templates(project.template_dirs))
    except jinja2.TemplateError as exc:
        problems.append(template_problem(exc, project))
        return Site(None, (), (), tuple(sort_problems(problems)), None, sources)
    site_pages = tuple(_stamped(page, rubric, project.site_url) for page in rendered)
    problems += check_collisions(site_pages, project.handwritten_pages())
    files = (
        (urls.FRAMEWORK_JSON, render_framework_json(rubric, links).encode("utf-8")),
        *build_redirects(rubric),
        *asset_files(),
    )
    stats = compute_stats(rubric, links, len(site_pages))
    nav = build_nav_sections(rubric, links)
    return Site(rubric, site_pages, files, tuple(sort_problems(problems)), stats, sources, nav, project.site_url)


def _stamped(page: Page, rubric: Rubric, site_url: str | None) -> Page:
    stamp = render_version_stamp(rubric, page.uri, site_url)
    return Page(page.uri, f"{page.markdown.rstrip()}\n\n{stamp}\n", page.in_nav, page.title)


def load_notes(
    project: Project, known_videos: dict[str, int]
) -> tuple[dict[NoteSlug, Note], list[Problem], tuple[str, ...]]:
    """Parse every note of the project; two notes with one slug are an error naming both."""
    notes: dict[NoteSlug, Note] = {}
    problems: list[Problem] = []
    if not project.notes_dir.is_dir():
        log = ProblemLog(project.display(project.notes_dir))
        log.error(
            1,
            1,
            "no-transcripts",
            "the transcripts folder does not exist (expected a folder of notes)",
            "check the plugin's 'transcripts' option (relative to docs_dir)",
        )
        return notes, log.problems, ()
    files = project.note_files()
    for file in files:
        display = project.display(file.path)
        log = ProblemLog(display)
        slug = note_slug_for(file.path.name, log)
        problems += log.problems
        if slug is None:
            continue
        if slug in notes:
            problems.append(
                Problem(
                    display,
                    1,
                    1,
                    "duplicate-note",
                    Severity.ERROR,
                    f"note publishes at the same page as {notes[slug].path} ('{slug}')",
                    "rename one of the two files",
                )
            )
            continue
        note, note_problems = parse_note(file.path.read_bytes(), slug, display, known_videos=known_videos)
        problems += note_problems
        if note is not None:
            notes[slug] = note
    return notes, problems, tuple(f.uri for f in files)


def template_problem(exc: jinja2.TemplateError, project: Project) -> Problem:
    """A broken page template (a site's override, usually), located at its line."""
    filename, line = _template_location(exc)
    path = project.display(Path(filename)) if filename else "(page template)"
    message = exc.message or type(exc).__name__
    return Problem(
        path,
        line,
        1,
        "template-error",
        Severity.ERROR,
        f"the page template cannot be rendered: {message}",
        "fix the template, or remove the override to use the package's own",
    )


def _template_location(exc: jinja2.TemplateError) -> tuple[str | None, int]:
    if isinstance(exc, jinja2.TemplateSyntaxError):
        return exc.filename, exc.lineno
    traceback = exc.__traceback__
    found: tuple[str | None, int] = (None, 1)
    while traceback is not None:  # Jinja maps template frames to the template's file and line
        code = traceback.tb_frame.f_code
        if code.co_filename.endswith(SUFFIX):
            found = (code.co_filename, traceback.tb_lineno)
        traceback = traceback.tb_next
    return found


def _page(uri: str, rendered: RenderedPage, in_nav: bool = True) -> Page:
    """A page whose title is also given in front matter, HTML-escaped.

    MkDocs themes print page and nav titles without escaping; rubric and note text must reach them
    escaped.
    """
    title = html.escape(one_line(rendered.title), quote=False)
    front_matter = f"---\ntitle: {json.dumps(title, ensure_ascii=False)}\n---\n\n"
    return Page(uri, front_matter + rendered.body, in_nav, rendered.title)


def render_pages(rubric: Rubric, links: Links, templates: Templates = PACKAGE_TEMPLATES) -> tuple[Page, ...]:
    out = [
        _page(urls.WS_INDEX, pages.render_ws_index(rubric, templates)),
        _page(urls.PILLARS_INDEX, pages.render_pillars_index(rubric, templates)),
        _page(urls.LEVELS_INDEX, pages.render_levels_index(rubric, templates)),
        _page(urls.MATRIX, pages.render_matrix_page(rubric, templates)),
        _page(urls.PRINCIPLES, pages.render_principles_page(rubric, links, templates)),
        _page(urls.SELF_CHECK, render_self_check_page(rubric, templates)),
        _page(urls.transcripts_index(links.transcripts_dir), pages.render_transcripts_index(links, templates)),
        _page(urls.TOPICS_INDEX, pages.render_topics_index(links, templates)),
    ]
    out += [_page(urls.w_page(w.id), pages.render_w_page(rubric, w, links, templates)) for w in rubric.ws]
    for pillar in rubric.pillars:
        out.append(_page(urls.pillar_page(pillar.id), pages.render_pillar_page(rubric, pillar, links, templates)))
        out += [
            _page(
                urls.pillar_level_page(pillar.id, level.n),
                pages.render_pillar_level_page(rubric, pillar, level, links, templates),
            )
            for level in pillar.levels
        ]
    out += [
        _page(urls.level_page(level.n), pages.render_level_page(rubric, level.n, links, templates))
        for level in rubric.levels
    ]
    for slug, note in links.notes.items():
        page = urls.transcript_page(slug, links.transcripts_dir)
        source = rubric.source_for_video(note.video) if note.video else None
        out.append(_page(page, render_transcript_page(note, links, page, source, templates)))
    out += [
        _page(urls.topic_page(t.slug), pages.render_topic_page(t, links, templates), in_nav=False)
        for t in links.topics.values()
    ]
    return tuple(sorted(out, key=lambda p: p.uri))


def compute_stats(rubric: Rubric, links: Links, page_count: int) -> Stats:
    levels = [lv for p in rubric.pillars for lv in p.levels]
    criteria = [c for lv in levels for c in lv.criteria]
    coverage = (
        ("Ws", sum(1 for w in rubric.ws if w.cites), len(rubric.ws)),
        ("pillars", sum(1 for p in rubric.pillars if p.cites), len(rubric.pillars)),
        ("pillar levels", sum(1 for lv in levels if lv.cites or any(c.cites for c in lv.criteria)), len(levels)),
        ("criteria", sum(1 for c in criteria if c.cites), len(criteria)),
        ("principles", sum(1 for p in rubric.principles if p.cites), len(rubric.principles)),
    )
    citations = sum(len(items) for items in links.cited_by.values())
    return Stats(page_count, len(links.notes), citations, len(links.topics), coverage)


def check_collisions(pages: tuple[Page, ...], handwritten: dict[str, str]) -> list[Problem]:
    """A generated page must never silently replace a hand-written one (``handwritten``: uri → path)."""
    problems = []
    for page in pages:
        path = handwritten.get(page.uri)
        if path is not None:
            problems.append(
                Problem(
                    path,
                    1,
                    1,
                    "page-collision",
                    Severity.ERROR,
                    f"this hand-written page is at '{page.uri}', where the generator puts a page",
                    "move or rename the hand-written page",
                )
            )
    return problems


def build_nav_sections(rubric: Rubric, links: Links) -> tuple[NavItem, ...]:
    """The generated sections of the nav; titles are HTML-escaped because themes print them raw."""
    pillars: list[NavItem] = [urls.PILLARS_INDEX]
    for pillar in rubric.pillars:
        levels: list[NavItem] = [urls.pillar_page(pillar.id)]
        levels += [
            {html.escape(f"Level {lv.n}: {rubric.level_name(lv.n)}"): urls.pillar_level_page(pillar.id, lv.n)}
            for lv in pillar.levels
        ]
        pillars.append({html.escape(pillar.title): levels})
    ws: list[NavItem] = [urls.WS_INDEX]
    ws += [{html.escape(w.title): urls.w_page(w.id)} for w in rubric.ws]
    levels_section: list[NavItem] = [urls.LEVELS_INDEX]
    levels_section += [{html.escape(f"Level {lv.n}: {lv.name}"): urls.level_page(lv.n)} for lv in rubric.levels]
    notes = sorted(links.notes.items(), key=lambda item: (item[1].title.casefold(), item[0]))
    transcripts: list[NavItem] = [urls.transcripts_index(links.transcripts_dir)]
    transcripts += [
        {html.escape(note.title): urls.transcript_page(slug, links.transcripts_dir)} for slug, note in notes
    ]
    return (
        {"The Ws": ws},
        {"Pillars": pillars},
        {"Levels": levels_section},
        {"Matrix": urls.MATRIX},
        {"Principles": urls.PRINCIPLES},
        {"Self-check": urls.SELF_CHECK},
        {"Transcripts": transcripts},
        {"Topics": urls.TOPICS_INDEX},
    )
