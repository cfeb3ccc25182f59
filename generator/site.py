"""The whole pipeline: rubric + notes → pages and problems. Used by the MkDocs plugin and the CLI.

load rubric ─┐
             ├─ link (citations, wikilinks, backlinks) ─ render ─ Site(pages, nav, problems, stats)
parse notes ─┘
"""

from __future__ import annotations

import html
import json
from collections.abc import Callable, Hashable
from dataclasses import dataclass, replace
from functools import partial
from importlib import resources
from pathlib import Path
from typing import Union

import jinja2

from . import pages, urls
from .cache import BuildCache
from .changes import VersionChanges, load_history, render_changes_page
from .episodes import Episode, group_episodes, shows_of
from .framework_json import render_framework_json
from .frontend import asset_files, render_version_stamp, version_list
from .linking import Links, link_site
from .loading import read_rubric
from .model import NoteSlug, Rubric, Source
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
    fragments: tuple[str, ...] = ()  # HTML blocks held verbatim in the Markdown (see RenderedPage)


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
    versioned: bool = False  # published side by side under /<version>/ (see frontend.render_version_stamp)

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
        return f"{expanded.rstrip()}\n\n{render_version_stamp(self.rubric, page, self.site_url, self.versioned)}\n"


def build_site(project: Project, cache: BuildCache | None = None) -> Site:
    """Run the whole pipeline. Problems are collected, never raised; no pages when there is an error.

    With a ``cache`` (kept by the caller from one build to the next) unchanged notes are not parsed
    again and unchanged transcript pages not rendered again.
    """
    rubric, links, problems, sources = link_project(project, cache)
    if rubric is None or links is None:
        return Site(None, (), (), tuple(sort_problems(problems)), None, sources)
    history, history_problems = load_history(rubric, project.rubric, project.display(project.rubric))
    problems += history_problems
    planned = plan_pages(rubric, links, Templates(project.template_dirs), history)
    try:
        rendered = [_page(p.uri, _render(p, cache), p.in_nav, p.framework) for p in planned]
    except jinja2.TemplateError as exc:
        problems.append(template_problem(exc, project))
        return Site(None, (), (), tuple(sort_problems(problems)), None, sources)
    site_pages = tuple(_stamped(page, rubric, project) for page in rendered)
    problems += check_collisions([p.uri for p in planned], project.handwritten_pages())
    files = (
        (urls.FRAMEWORK_JSON, render_framework_json(rubric, links).encode("utf-8")),
        (urls.RUBRIC_SCHEMA, resources.files(__package__).joinpath(urls.RUBRIC_SCHEMA).read_bytes()),
        *build_redirects(rubric),
        *asset_files(),
        *(version_list(rubric) if project.versioned else ()),
    )
    stats = compute_stats(rubric, links, len(site_pages))
    nav = build_nav_sections(rubric, links)
    problems_found = tuple(sort_problems(problems))
    return Site(rubric, site_pages, files, problems_found, stats, sources, nav, project.site_url, project.versioned)


def check_site(project: Project) -> Site:
    """Load, validate and link, as ``build_site`` does, without rendering a page.

    The pages are planned (for their number and for collisions with hand-written pages) and the
    templates compiled, so a broken template is still found; a Site with no pages is returned.
    """
    rubric, links, problems, sources = link_project(project)
    if rubric is None or links is None:
        return Site(None, (), (), tuple(sort_problems(problems)), None, sources)
    history, history_problems = load_history(rubric, project.rubric, project.display(project.rubric))
    problems += history_problems
    templates = Templates(project.template_dirs)
    planned = plan_pages(rubric, links, templates, history)
    try:
        templates.compile_all()
    except jinja2.TemplateError as exc:
        problems.append(template_problem(exc, project))
    problems += check_collisions([p.uri for p in planned], project.handwritten_pages())
    stats = compute_stats(rubric, links, len(planned))
    return Site(rubric, (), (), tuple(sort_problems(problems)), stats, sources, (), project.site_url)


def _render(planned: PlannedPage, cache: BuildCache | None) -> RenderedPage:
    if cache is None or planned.key is None:
        return planned.render()
    return cache.render(planned.key, planned.render)


def link_project(
    project: Project, cache: BuildCache | None = None
) -> tuple[Rubric | None, Links | None, list[Problem], tuple[str, ...]]:
    """The rubric and the notes read, validated and linked; no links when there is an error."""
    rubric, problems = read_rubric(project.rubric, project.display(project.rubric))
    known_videos = {s.video: s.duration for s in rubric.sources} if rubric else {}
    notes, note_problems, sources = load_notes(project, known_videos, cache)
    problems += note_problems
    if rubric is None:
        return None, None, problems, sources
    # Linking runs even on a rubric with errors, so its problems are reported in the same run.
    links, link_problems = link_site(rubric, notes, project.transcripts_dir)
    problems += link_problems
    if has_errors(problems):
        return None, None, problems, sources
    return rubric, links, problems, sources


def _stamped(page: Page, rubric: Rubric, project: Project) -> Page:
    stamp = render_version_stamp(rubric, page.uri, project.site_url, project.versioned)
    return replace(page, markdown=f"{page.markdown.rstrip()}\n\n{stamp}\n")


def load_notes(
    project: Project, known_videos: dict[str, int], cache: BuildCache | None = None
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
        data = file.path.read_bytes()
        parse = partial(parse_note, data, slug, display, known_videos=known_videos)
        context = (slug, display, tuple(sorted(known_videos.items())))
        note, note_problems = cache.parse(data, context, parse) if cache else parse()
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


# Material's search multiplies a page's score by its boost, and weighs a match in a heading 1,000
# times one in the text: the framework's pages must outweigh a note whose heading has the word.
FRAMEWORK_SEARCH_BOOST = 10
NOTES_SEARCH_BOOST = 0.01


def _page(uri: str, rendered: RenderedPage, in_nav: bool = True, framework: bool = False) -> Page:
    """A page whose title is also given in front matter, HTML-escaped.

    MkDocs themes print page and nav titles without escaping; rubric and note text must reach them
    escaped.
    """
    title = html.escape(one_line(rendered.title), quote=False)
    boost = f"search:\n  boost: {FRAMEWORK_SEARCH_BOOST if framework else NOTES_SEARCH_BOOST}\n"
    front_matter = f"---\ntitle: {json.dumps(title, ensure_ascii=False)}\n{boost}---\n\n"
    return Page(uri, front_matter + rendered.body, in_nav, rendered.title, rendered.fragments)


@dataclass(frozen=True)
class PlannedPage:
    """A page the site will have: its uri now, its content when rendered."""

    uri: str
    render: Callable[[], RenderedPage]
    in_nav: bool = True
    framework: bool = False  # a page of the framework itself, ranked above notes in search
    key: Hashable | None = None  # everything the page shows depends on, for a BuildCache; None: not cached


def plan_pages(
    rubric: Rubric,
    links: Links,
    templates: Templates = PACKAGE_TEMPLATES,
    history: tuple[VersionChanges, ...] = (),
) -> tuple[PlannedPage, ...]:
    """Every generated page, sorted by uri, each with the function that renders it."""
    out = [replace(page, framework=True) for page in _plan_framework_pages(rubric, links, templates)]
    if history:
        out.append(PlannedPage(urls.CHANGES, partial(render_changes_page, rubric, history, templates)))
    episodes = group_episodes(rubric, links)
    out += [
        PlannedPage(
            urls.transcripts_index(links.transcripts_dir),
            partial(pages.render_transcripts_index, episodes, links, templates),
        ),
        PlannedPage(urls.TOPICS_INDEX, partial(pages.render_topics_index, links, templates)),
    ]
    if len(episodes) > 1:
        out += [
            PlannedPage(
                urls.episode_page(e.key, links.transcripts_dir), partial(pages.render_episode_page, e, links, templates)
            )
            for e in episodes
        ]
    episode_of = {
        slug: (e.title, urls.episode_page(e.key, links.transcripts_dir))
        for e in (episodes if len(episodes) > 1 else ())
        for slug in e.notes
    }
    for slug, note in links.notes.items():
        page = urls.transcript_page(slug, links.transcripts_dir)
        source = rubric.source_for_video(note.video) if note.video else None
        episode = episode_of.get(slug)
        render = partial(render_transcript_page, note, links, page, source, templates, episode)
        out.append(PlannedPage(page, render, key=transcript_key(note, links, page, source, episode, templates)))
    out += [
        PlannedPage(urls.topic_page(t.slug), partial(pages.render_topic_page, t, links, templates), in_nav=False)
        for t in links.topics.values()
    ]
    return tuple(sorted(out, key=lambda p: p.uri))


def transcript_key(
    note: Note,
    links: Links,
    page: str,
    source: Source | None,
    episode: tuple[str, str] | None,
    templates: Templates,
) -> Hashable:
    """Everything a transcript page shows: its note, where and to what titles its wikilinks lead,
    who cites it, who mentions it (with their titles), its source and episode, and the templates."""
    wikilinks = tuple((links.wikilink_page(w), links.wikilink_title(w)) for w in note.wikilinks)
    mentions = tuple((m, links.notes[m.note].title) for m in links.note_mentions.get(note.slug, ()))
    cited_by = links.cited_by.get(note.slug, ())
    return (page, note, source, episode, wikilinks, cited_by, mentions, templates.signature)


def _plan_framework_pages(rubric: Rubric, links: Links, templates: Templates) -> list[PlannedPage]:
    """The pages of the framework itself: Ws, pillars, levels, matrix, principles, self-check."""
    out = [
        PlannedPage(urls.WS_INDEX, partial(pages.render_ws_index, rubric, links, templates)),
        PlannedPage(urls.PILLARS_INDEX, partial(pages.render_pillars_index, rubric, links, templates)),
        PlannedPage(urls.LEVELS_INDEX, partial(pages.render_levels_index, rubric, templates)),
        PlannedPage(urls.MATRIX, partial(pages.render_matrix_page, rubric, templates)),
        PlannedPage(urls.PRINCIPLES, partial(pages.render_principles_page, rubric, links, templates)),
        PlannedPage(urls.SELF_CHECK, partial(render_self_check_page, rubric, templates)),
    ]
    out += [
        PlannedPage(urls.w_page(w.id), partial(pages.render_w_page, rubric, w, links, templates)) for w in rubric.ws
    ]
    for pillar in rubric.pillars:
        out.append(
            PlannedPage(
                urls.pillar_page(pillar.id), partial(pages.render_pillar_page, rubric, pillar, links, templates)
            )
        )
        out += [
            PlannedPage(
                urls.pillar_level_page(pillar.id, level.n),
                partial(pages.render_pillar_level_page, rubric, pillar, level, links, templates),
            )
            for level in pillar.levels
        ]
    out += [
        PlannedPage(urls.level_page(level.n), partial(pages.render_level_page, rubric, level.n, links, templates))
        for level in rubric.levels
    ]
    return out


def render_pages(rubric: Rubric, links: Links, templates: Templates = PACKAGE_TEMPLATES) -> tuple[Page, ...]:
    return tuple(_page(p.uri, p.render(), p.in_nav, p.framework) for p in plan_pages(rubric, links, templates))


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


def check_collisions(uris: list[str], handwritten: dict[str, str]) -> list[Problem]:
    """A generated page must never silently replace a hand-written one (``handwritten``: uri → path)."""
    problems = []
    for uri in uris:
        path = handwritten.get(uri)
        if path is not None:
            problems.append(
                Problem(
                    path,
                    1,
                    1,
                    "page-collision",
                    Severity.ERROR,
                    f"this hand-written page is at '{uri}', where the generator puts a page",
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
    changes: list[NavItem] = [{"Changes": urls.CHANGES}] if rubric.changelog else []
    return (
        {"The Ws": ws},
        {"Pillars": pillars},
        {"Levels": levels_section},
        {"Matrix": urls.MATRIX},
        {"Principles": urls.PRINCIPLES},
        {"Self-check": urls.SELF_CHECK},
        *changes,
        {"Transcripts": _transcripts_nav(group_episodes(rubric, links), links)},
        {"Topics": urls.TOPICS_INDEX},
    )


def _transcripts_nav(episodes: tuple[Episode, ...], links: Links) -> list[NavItem]:
    """The transcripts: a flat list for one episode; else a branch per episode (and per show, if several)."""
    section: list[NavItem] = [urls.transcripts_index(links.transcripts_dir)]
    if len(episodes) == 1:
        return section + _notes_nav(episodes[0].notes, links)
    branches = {e.key: _episode_nav(e, links) for e in episodes}
    shows = shows_of(episodes)
    if len(shows) == 1:
        return section + list(branches.values())
    for show in shows:
        title = html.escape(show or "Other videos")
        section.append({title: [branches[e.key] for e in episodes if e.show == show]})
    return section


def _episode_nav(episode: Episode, links: Links) -> NavItem:
    items: list[NavItem] = [urls.episode_page(episode.key, links.transcripts_dir)]
    return {html.escape(episode.title): items + _notes_nav(episode.notes, links)}


def _notes_nav(slugs: tuple[NoteSlug, ...], links: Links) -> list[NavItem]:
    return [{html.escape(links.notes[slug].title): urls.transcript_page(slug, links.transcripts_dir)} for slug in slugs]
