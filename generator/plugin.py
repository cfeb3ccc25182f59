"""The MkDocs glue: the only module that imports ``mkdocs``. It adapts ``build_site`` to the build."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.livereload import LiveReloadServer
from mkdocs.plugins import BasePlugin, get_plugin_logger
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import Page

from . import frontend
from .problems import Problem, Severity
from .project import parse_acknowledgements
from .site import Site, build_site, check_collisions, find_handwritten_pages

log = get_plugin_logger("handbook")


class HandbookConfig(base.Config):  # type: ignore[no-untyped-call]
    rubric = c.Type(str, default="rubric.yaml")
    transcripts = c.Type(str, default="transcripts")
    # Known warnings, as "<code> <path>" (a baseline): they are logged as info, new ones still fail --strict.
    acknowledge = c.ListOfItems(c.Type(str), default=[])


class HandbookPlugin(BasePlugin[HandbookConfig]):  # type: ignore[no-untyped-call]
    supports_multiple_instances = False

    def __init__(self) -> None:
        self.site: Site | None = None
        self.root = Path.cwd()

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
        if not config.site_url:
            log.info(
                "site_url is not set in mkdocs.yml: pages get no canonical link or sitemap entry, instant "
                "navigation is off, and copy buttons cannot make permanent links. Set site_url to the "
                "address the handbook is published at"
            )
        return config

    def on_pre_build(self, *, config: MkDocsConfig) -> None:
        """Runs the pipeline before MkDocs cleans site_dir, so a failed build leaves the last site intact."""
        transcripts_dir = self.config.transcripts.strip("/")
        docs_dir = Path(config.docs_dir)
        site = build_site(
            self.root / self.config.rubric,
            docs_dir / transcripts_dir,
            transcripts_dir=transcripts_dir,
            project_root=self.root,
            site_url=config.site_url,
        )
        handwritten = find_handwritten_pages(docs_dir, self.root, site.note_sources)
        self._report(list(site.problems) + check_collisions(site, handwritten))
        self.site = site

    def on_files(self, files: Files, /, *, config: MkDocsConfig) -> Files:
        """Runs before the nav is built: notes become pages, generated pages join the hand-written ones."""
        site = self.site
        if site is None:  # pragma: no cover - on_pre_build always runs first
            raise PluginError("handbook: on_files ran before on_pre_build")
        replaced = set(site.note_sources)
        for file in [f for f in files if f.src_uri in replaced]:
            files.remove(file)
        for page in site.pages:
            inclusion = InclusionLevel.UNDEFINED if page.in_nav else InclusionLevel.NOT_IN_NAV
            files.append(File.generated(config, page.uri, content=page.markdown, inclusion=inclusion))
        for name, data in site.files:
            files.append(File.generated(config, name, content=data))
        if config.nav is None:
            config.nav = site.nav(sorted(f.src_uri for f in files.documentation_pages() if not f.generated_by))
        return files

    def _report(self, problems: list[Problem]) -> None:
        acknowledged = parse_acknowledgements(self.config.acknowledge)
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


def _add_assets(config: MkDocsConfig) -> None:
    stylesheets = [uri for uri in frontend.asset_uris(frontend.STYLESHEETS) if uri not in config.extra_css]
    config.extra_css[:0] = stylesheets
    listed = {str(script) for script in config.extra_javascript}
    config.extra_javascript.extend(uri for uri in frontend.asset_uris(frontend.SCRIPTS) if uri not in listed)
