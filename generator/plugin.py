"""The MkDocs glue: the only module that imports ``mkdocs``. It adapts ``build_site`` to the build.

The plugin's options are declared once, in ``HandbookConfig``; the command line reads a project
through MkDocs too (``load_project``), so it sees the same options, defaults and ``exclude_docs``.
"""

from __future__ import annotations

import logging
import os
import re
from pathlib import Path
from typing import Any

from mkdocs import exceptions
from mkdocs.config import base, load_config
from mkdocs.config import config_options as c
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.livereload import LiveReloadServer
from mkdocs.plugins import BasePlugin, get_plugin_logger
from mkdocs.structure.files import File, Files, InclusionLevel, get_files
from mkdocs.structure.pages import Page

from . import frontend
from .cache import BuildCache, files_signature
from .problems import Problem, Severity
from .project import DocFile, Project, parse_acknowledgements
from .site import Site, build_site
from .templating import OVERRIDE_FOLDER, SUFFIX

log = get_plugin_logger("handbook")


class HandbookConfig(base.Config):  # type: ignore[no-untyped-call]
    # The framework, relative to the folder holding mkdocs.yml.
    rubric = c.Type(str, default="rubric.yaml")
    # The folder of transcript notes, relative to docs_dir; it is also their URL prefix.
    transcripts = c.Type(str, default="transcripts")
    # Known warnings, as "<code> <path>" (a baseline): they are logged as info, new ones still fail --strict.
    acknowledge = c.ListOfItems(c.Type(str), default=[])


# What mike sets while it builds a version (its mkdocs_utils.docs_version_var).
MIKE_VERSION_VARIABLE = "MIKE_DOCS_VERSION"


def project_from_config(config: MkDocsConfig, options: HandbookConfig, files: Files) -> Project:
    """The project a build configures: its options, its site_url, and the files MkDocs includes."""
    root = Path(config.config_file_path or "mkdocs.yml").resolve().parent
    included = [
        DocFile(f.src_uri, Path(f.abs_src_path))
        for f in files
        if f.abs_src_path and not f.generated_by and not f.inclusion.is_excluded()  # type: ignore[no-untyped-call]
    ]
    custom_dir = config.theme.custom_dir
    return Project(
        root=root,
        docs_dir=Path(config.docs_dir),
        rubric=root / options.rubric,
        transcripts_dir=options.transcripts.strip("/"),
        files=tuple(sorted(included, key=lambda d: d.uri)),
        acknowledged=parse_acknowledgements(options.acknowledge),
        site_url=published_root(config),
        custom_dir=Path(custom_dir) if custom_dir else None,
        config_file=Path(config.config_file_path) if config.config_file_path else None,
        versioned=publishes_versions(config),
        strict=bool(config.strict),
    )


def published_root(config: MkDocsConfig) -> str | None:
    """The address of the whole published site. While mike builds a version (it sets MIKE_DOCS_VERSION),
    its plugin has moved ``site_url`` into the version's folder; the root is one folder up."""
    site_url = config.site_url or None
    if site_url and os.environ.get(MIKE_VERSION_VARIABLE) and publishes_versions(config):
        return site_url.rstrip("/").rsplit("/", 1)[0] + "/"
    return site_url


def publishes_versions(config: MkDocsConfig) -> bool:
    """Whether the site is published as versions side by side: Material's version selector reads mike's."""
    extra: dict[str, object] = dict(config.extra or {})
    version = extra.get("version")
    return isinstance(version, dict) and version.get("provider") == "mike"


def load_project(config_file: Path) -> tuple[Project | None, list[Problem]]:
    """The project of an ``mkdocs.yml``, read by MkDocs itself, for the command line.

    MkDocs logs configuration errors before it aborts; they become located problems here.
    """
    display = config_file.as_posix()
    collected = _MessageCollector()
    logger = logging.getLogger("mkdocs")
    logger.addHandler(collected)
    try:
        config = load_config(str(config_file))
    except (exceptions.MkDocsException, OSError) as exc:
        return None, _config_problems(display, [*collected.messages, str(exc)])
    finally:
        logger.removeHandler(collected)
    problems: list[Problem] = []
    plugin = config.plugins.get("handbook")
    if isinstance(plugin, HandbookPlugin):
        options = plugin.config
    else:
        problems.append(
            Problem(
                display,
                1,
                1,
                "no-plugin",
                Severity.WARNING,
                "mkdocs.yml does not enable the 'handbook' plugin",
                "add '- handbook' under 'plugins:'",
            )
        )
        options = HandbookConfig()
        options.load_dict({})
        options.validate()
    return project_from_config(config, options, get_files(config)), problems


class _MessageCollector(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


_YAML_MARK = re.compile(r"line (\d+), column (\d+)")


def _config_problems(display: str, messages: list[str]) -> list[Problem]:
    """MkDocs' words about a configuration it could not load, each as a problem located where it says."""
    problems = []
    for message in dict.fromkeys(m.strip() for m in messages if m.strip()):
        if message.startswith("Aborted with"):
            continue
        mark = _YAML_MARK.search(message)
        line, col = (int(mark.group(1)), int(mark.group(2))) if mark else (1, 1)
        missing = "does not exist" in message
        problems.append(
            Problem(
                display,
                line,
                col,
                "no-config" if missing else "bad-config",
                Severity.ERROR,
                f"cannot read the configuration: {' '.join(message.split())}",
                "run from the project folder or pass --config path/to/mkdocs.yml"
                if missing
                else "fix mkdocs.yml as the message says",
            )
        )
    return problems


class HandbookPlugin(BasePlugin[HandbookConfig]):  # type: ignore[no-untyped-call]
    supports_multiple_instances = False

    def __init__(self) -> None:
        self.site: Site | None = None
        self.root = Path.cwd()
        self.fragments: dict[str, tuple[str, ...]] = {}  # page uri → HTML blocks set aside
        # Kept from one build to the next under `mkdocs serve` (see on_startup).
        self.dirty = False
        self.cache = BuildCache()
        self.inputs: tuple[bytes, object] = (b"", ())
        self.last_everything: object = None
        self.last_written: dict[str, str] = {}

    def on_startup(self, *, command: str, dirty: bool) -> None:
        """Having this hook makes MkDocs keep this plugin object across the rebuilds of ``mkdocs serve``.

        So parsed notes and rendered pages are reused from one save to the next, and with
        ``--dirty`` only the pages a save changed are rebuilt.
        """
        self.dirty = dirty

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        """Resolve paths once and make the site able to show the handbook, whatever it configured.

        Pages link by directory URL, so other URL styles are refused early. The package's CSS goes
        first, so a site's own stylesheets still win; its scripts come after the theme's, which
        they subscribe to. The assets themselves are emitted in ``on_files``.
        """
        self.root = Path(config.config_file_path or "mkdocs.yml").resolve().parent
        if not config.use_directory_urls:
            raise PluginError("handbook: 'use_directory_urls: false' is not supported (the URLs are a contract)")
        _add_markdown_extensions(config)
        _add_assets(config)
        _add_theme_templates(config)
        _prune_navigation(config)
        if not config.site_url:
            log.info(
                "site_url is not set in mkdocs.yml: pages get no canonical link or sitemap entry, instant "
                "navigation is off, and copy buttons cannot make permanent links. Set site_url to the "
                "address the handbook is published at"
            )
        return config

    def on_pre_build(self, *, config: MkDocsConfig) -> None:
        """Runs the pipeline before MkDocs cleans site_dir, so a failed build leaves the last site intact.

        The files are gathered as MkDocs gathers them (``get_files``), so ``exclude_docs`` holds.
        """
        project = project_from_config(config, self.config, get_files(config))
        self.site = build_site(project, self.cache)
        self.cache.finish_build()
        self.inputs = (
            project.rubric.read_bytes() if project.rubric.is_file() else b"",
            files_signature(project.custom_dir),
        )
        self._report(list(self.site.problems), project.acknowledged)

    def on_files(self, files: Files, /, *, config: MkDocsConfig) -> Files:
        """Runs before the nav is built: notes become pages, generated pages join the hand-written ones."""
        site = self.site
        if site is None:  # pragma: no cover - on_pre_build always runs first
            raise PluginError("handbook: on_files ran before on_pre_build")
        replaced = set(site.note_sources)
        for file in [f for f in files if f.src_uri in replaced or _is_page_template(f)]:
            files.remove(file)
        self.fragments = {}
        for page in site.pages:
            inclusion = InclusionLevel.UNDEFINED if page.in_nav else InclusionLevel.NOT_IN_NAV
            content = _set_fragments_aside(page.markdown, page.fragments)
            if page.fragments:
                self.fragments[page.uri] = page.fragments
            files.append(File.generated(config, page.uri, content=content, inclusion=inclusion))
        for name, data in site.files:
            files.append(File.generated(config, name, content=data))
        if config.nav is None:
            config.nav = site.nav(sorted(f.src_uri for f in files.documentation_pages() if not f.generated_by))
        if self.dirty:
            self._rebuild_only_what_changed(files, config)
        return files

    def _rebuild_only_what_changed(self, files: Files, config: MkDocsConfig) -> None:
        """Under ``mkdocs serve --dirty``: MkDocs rebuilds a page only if we say it changed.

        A generated page changed when its Markdown did. Everything is rebuilt when something every
        page shows may have changed: the navigation (a title, a new note), the rubric (the stamp,
        the overview in hand-written pages) or the theme's custom_dir.
        """
        pages = files.documentation_pages()
        everything = (repr(config.nav), [f.src_uri for f in pages], self.inputs)
        rebuild_all = everything != self.last_everything
        written = {page.uri: page.markdown for page in self.site.pages} if self.site else {}
        for file in pages:
            if rebuild_all:
                _set_modified(file, True)
            elif file.generated_by and self.last_written.get(file.src_uri) == written.get(file.src_uri):
                _set_modified(file, not Path(file.abs_dest_path).exists())
        self.last_everything, self.last_written = everything, written

    def _report(self, problems: list[Problem], acknowledged: frozenset[tuple[str, str]]) -> None:
        for problem in problems:
            text = problem.format()
            if problem.severity is Severity.ERROR:
                log.error(text)
            elif problem.severity is Severity.WARNING and (problem.code, problem.path) not in acknowledged:
                log.warning(text)
            elif problem.severity is Severity.WARNING:
                log.info(f"{text} (acknowledged)")
            else:
                log.debug(text)
        errors = sum(1 for p in problems if p.severity is Severity.ERROR)
        if errors:
            raise PluginError(
                f"handbook: {errors} error(s) in the rubric or notes; see the lines above "
                "(or run 'python -m generator check')"
            )

    def on_page_content(self, html: str, /, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        """Puts back the HTML blocks set aside in ``on_files``, before search and the theme see the page."""
        fragments = self.fragments.get(page.file.src_uri, ())
        for index, fragment in enumerate(fragments):
            html = html.replace(_placeholder(index), fragment, 1)
            if page.present_anchor_ids is not None:  # so MkDocs' anchor validation sees them
                page.present_anchor_ids.update(_FRAGMENT_ID.findall(fragment))
        return html

    def on_page_markdown(self, markdown: str, /, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        """Fills the generator's markers (the framework overview) in hand-written pages."""
        if self.site is None or page.file.generated_by:
            return markdown
        return self.site.expand(markdown, page.file.src_uri)

    def on_serve(self, server: LiveReloadServer, /, *, config: MkDocsConfig, builder: Any) -> LiveReloadServer:
        """Serve watches docs_dir (the notes) itself; the rubric and the theme overrides are outside it.

        ``watch`` counts repeated paths once, so ``--watch-theme`` does not double the rebuilds.
        """
        server.watch(str(self.root / self.config.rubric))
        custom_dir = config.theme.custom_dir
        if custom_dir:
            server.watch(str(custom_dir))
        return server


def _set_modified(file: File, modified: bool) -> None:
    """Tell a dirty build whether to rebuild ``file`` (MkDocs asks ``File.is_modified``)."""
    setattr(file, "is_modified", lambda: modified)  # noqa: B010 - mypy refuses assigning to a method


def _set_fragments_aside(markdown: str, fragments: tuple[str, ...]) -> str:
    """The page's Markdown with each of its HTML blocks replaced by a small placeholder.

    A transcript is mostly sanitised HTML, which Markdown would only parse again to pass it through;
    that parse was most of a large build's time. A block a template did not print verbatim stays.
    """
    for index, fragment in enumerate(fragments):
        markdown = markdown.replace(fragment, _placeholder(index), 1)
    return markdown


# The only ids a transcript's HTML may hold (the sanitiser keeps no other): its timestamps.
_FRAGMENT_ID = re.compile(r'\bid="(t-\d{2}-\d{2}-\d{2})"')


def _placeholder(index: int) -> str:
    return f'<div data-handbook-fragment="{index}"></div>'


def _is_page_template(file: File) -> bool:
    """A site's override of a page template (``custom_dir/handbook/*.md.j2``): input, not a file to publish."""
    return file.src_uri.startswith(f"{OVERRIDE_FOLDER}/") and file.src_uri.endswith(SUFFIX)


# Extensions the generated pages are written for: anchors and classes ({: #id }), admonitions, and
# Markdown inside HTML blocks. A site without them would print that syntax as text.
REQUIRED_EXTENSIONS = ("attr_list", "admonition", "md_in_html")
# Extensions that include others (Python-Markdown's and pymdown's "extra").
_BUNDLES = {"extra": {"attr_list", "md_in_html", "tables"}, "pymdownx.extra": {"attr_list", "md_in_html", "tables"}}


def _add_markdown_extensions(config: MkDocsConfig) -> None:
    present: set[str] = set()
    for name in config.markdown_extensions:
        short = name.removeprefix("markdown.extensions.")
        present |= {short, *_BUNDLES.get(short, ())}
    missing = [name for name in REQUIRED_EXTENSIONS if name not in present]
    if missing:
        config.markdown_extensions.extend(missing)
        log.info(f"added the Markdown extensions the handbook's pages need: {', '.join(missing)}")


def _prune_navigation(config: MkDocsConfig) -> None:
    """Material renders only the open branch of the navigation into each page (``navigation.prune``).

    With a thousand transcripts, a whole navigation in every page is most of the page and most of
    the build. It cannot go with ``navigation.expand``, so a site that expands keeps its choice.
    """
    if config.theme.name != "material":
        return
    features = config.theme.get("features") or []
    if "navigation.prune" not in features and "navigation.expand" not in features:
        config.theme["features"] = [*features, "navigation.prune"]


# The package's theme templates (the 404 page): after the site's custom_dir, before the theme's own.
THEME_TEMPLATES = Path(__file__).parent / "theme"


def _add_theme_templates(config: MkDocsConfig) -> None:
    dirs = config.theme.dirs
    if str(THEME_TEMPLATES) not in dirs:
        dirs.insert(1 if config.theme.custom_dir else 0, str(THEME_TEMPLATES))


def _add_assets(config: MkDocsConfig) -> None:
    stylesheets = [uri for uri in frontend.asset_uris(frontend.STYLESHEETS) if uri not in config.extra_css]
    config.extra_css[:0] = stylesheets
    listed = {str(script) for script in config.extra_javascript}
    config.extra_javascript.extend(uri for uri in frontend.asset_uris(frontend.SCRIPTS) if uri not in listed)
