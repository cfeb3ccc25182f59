"""The exported tree is a project of its own: plain MkDocs and Zensical build it into the plugin's site.

``python -m generator export OUT`` writes ``OUT/mkdocs.yml`` (no ``handbook`` plugin) and ``OUT/docs/``.
Each exported tree is built twice, by processes in which ``import generator`` fails, so nothing of the
package can take part: ``mkdocs build --strict`` and ``zensical build --strict`` (Zensical reads
mkdocs.yml and runs no MkDocs plugins). Both must give the pages the plugin build of the same project
gives: the same URLs, the same ids on every page (the contract's anchors among them), nothing left
as Markdown, every page stamped with its permanent address.

Zensical facts these tests rely on (0.0.73): ``zensical build [-f mkdocs.yml] [--strict] [--clean]``,
no ``-d``: the site goes to ``site_dir`` (default ``site``), which must lie inside the folder of the
config file, beside a ``.cache`` folder; plugins it does not know (``handbook``) are silently ignored;
``theme.variant`` is ``modern`` unless set to ``classic`` (Material's look).
"""

from __future__ import annotations

import html
import importlib.util
import os
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from mkdocs.utils.yaml import yaml_load

from tests.conftest import MINI_NOTE, MINI_RUBRIC, REPO, write_project

SITE_URL = "https://handbook.example.org/"

# A pillar title with "&" (nav titles are HTML), a renamed pillar (redirect pages), an Obsidian callout
# (an admonition), a hand-written table, a static file, and instant navigation for the browser tests.
RUBRIC = MINI_RUBRIC.replace(
    'title: "Craft"\n    w: make\n', 'title: "Craft & care"\n    aliases: [old-craft]\n    w: make\n'
)
NOTE = MINI_NOTE + "\n> [!NOTE] Heads up\n> Callouts become admonitions.\n"
PAGES = {
    "index.md": "# Home\n\nStart at the [matrix](matrix.md).\n",
    "guides/picking.md": (
        "# Picking\n\n| Pillar | Level |\n|---|---|\n| Craft | 1 |\n\n"
        "See [shipping big](../pillars/craft/level-1.md#ships-big).\n"
    ),
}
# No Markdown extensions of its own: what the pages need must come from the plugin, and from the export.
MKDOCS = f"""\
site_name: Mini
site_url: {SITE_URL}
docs_dir: docs
theme:
  name: material
  font: false
  features:
    - navigation.instant
plugins:
  - search
  - handbook
validation:
  omitted_files: warn
  absolute_links: warn
  unrecognized_links: warn
  anchors: warn
"""
assert RUBRIC != MINI_RUBRIC

# Contract anchors of the mini rubric (tests/conftest.py): pillar → levels → criterion ids.
LEVEL_CRITERIA = {0: ["ships-small", "asks-for-help"], 1: ["ships-big", "helps-others"]}
NOTE_TIMES = sorted(set(re.findall(r"\d\d:\d\d:\d\d", NOTE)))
# The package's assets, in the order the plugin lists them.
HANDBOOK_CSS = ["assets/handbook/handbook.css", "assets/handbook/quiz.css"]
HANDBOOK_JS = ["assets/handbook/quiz.js", "assets/handbook/cite.js"]
# Text that means Markdown reached the page unrendered, or a title was escaped twice.
UNRENDERED = ["{: #", "{#level-", "!!! ", "{.hb-", "&amp;amp;"]

ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "NO_COLOR": "1"}
ENV.pop("PYTHONPATH", None)
# A builder run in which the generator package cannot be imported: the exported tree must not need it.
WITHOUT_GENERATOR = (
    "import sys; sys.modules['generator'] = None; sys.argv[0] = {name!r}; from {module} import cli; cli()"
)
ZENSICAL = importlib.util.find_spec("zensical") is not None
NO_ZENSICAL = "zensical is not installed (pip install zensical==0.0.73, as the test extra does)"


# Builds run without -q: MkDocs' --strict counts only the warnings it logs, and -q logs none.
def run(args: list[str], cwd: Path, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(args, cwd=cwd, capture_output=True, text=True, timeout=600, env=env or ENV, check=False)


def require(result: subprocess.CompletedProcess[str], what: str) -> None:
    if result.returncode != 0:
        pytest.fail(f"{what} failed (exit {result.returncode}):\n{result.stdout}{result.stderr}")


def export(config: Path, target: Path) -> subprocess.CompletedProcess[str]:
    """``python -m generator export`` as a user runs it, from outside the project."""
    return run(
        [sys.executable, "-m", "generator", "export", str(target), "--config", str(config)],
        cwd=target.parent,
        env={**ENV, "PYTHONPATH": str(REPO)},
    )


def plugin_build(project: Path, site: Path) -> Path:
    """The reference: ``mkdocs build --strict`` of the project itself, through the handbook plugin."""
    result = run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(site)],
        cwd=project,
        env={**ENV, "PYTHONPATH": str(REPO)},
    )
    require(result, f"the plugin build of {project}")
    return site


def mkdocs_build(exported: Path, site: Path) -> Path:
    """``mkdocs build --strict`` of the exported mkdocs.yml, with the generator package unimportable."""
    code = WITHOUT_GENERATOR.format(name="mkdocs", module="mkdocs.__main__")
    args = [sys.executable, "-c", code, "build", "--strict", "-f", str(exported / "mkdocs.yml"), "-d", str(site)]
    require(run(args, cwd=site.parent), f"mkdocs build --strict of the exported {exported}")
    return site


def zensical_build(exported: Path, workdir: Path) -> Path:
    """``zensical build --strict`` of a copy of the export (Zensical writes its site and cache beside it)."""
    shutil.copytree(exported, workdir)
    code = WITHOUT_GENERATOR.format(name="zensical", module="zensical.main")
    result = run([sys.executable, "-c", code, "build", "--strict", "--clean", "-f", "mkdocs.yml"], cwd=workdir)
    require(result, f"zensical build --strict of the exported {exported}")
    return workdir / str(read_config(workdir).get("site_dir") or "site")


def read_config(exported: Path) -> dict[str, Any]:
    with (exported / "mkdocs.yml").open(encoding="utf-8") as file:
        config = yaml_load(file)
    assert isinstance(config, dict), config
    return config


@dataclass(frozen=True)
class Builds:
    project: Path
    exported: Path
    plugin: Path
    mkdocs: Path
    zensical: Path | None  # None when zensical is not installed

    def site(self, builder: str) -> Path:
        site = getattr(self, builder)
        if site is None:
            pytest.skip(NO_ZENSICAL)
        assert isinstance(site, Path)
        return site


def build_mini(tmp: Path) -> Builds:
    """The test project, exported and built by all three ways."""
    project = write_project(tmp / "project", rubric=RUBRIC, notes={"mini.md": NOTE}, pages=PAGES, mkdocs=MKDOCS)
    (project / "docs" / "img").mkdir()
    (project / "docs" / "img" / "logo.svg").write_bytes(b'<svg xmlns="http://www.w3.org/2000/svg"/>')
    exported = tmp / "exported"
    require(export(project / "mkdocs.yml", exported), "python -m generator export")
    plugin = plugin_build(project, tmp / "plugin-site")
    # The export must stand alone: the project it came from is gone before it is built.
    project = project.rename(tmp / "project-moved-away")
    mkdocs = mkdocs_build(exported, tmp / "mkdocs-site")
    zensical = zensical_build(exported, tmp / "zensical-project") if ZENSICAL else None
    return Builds(project, exported, plugin, mkdocs, zensical)


@pytest.fixture(scope="module")
def builds(tmp_path_factory: pytest.TempPathFactory) -> Builds:
    return build_mini(tmp_path_factory.mktemp("export-builds"))


BUILDERS = ["mkdocs", pytest.param("zensical", marks=pytest.mark.skipif(not ZENSICAL, reason=NO_ZENSICAL))]


# --- reading built sites --------------------------------------------------------------------------------


def page_urls(site: Path) -> set[str]:
    """Every page's directory URL ('' for the home page), redirect pages included."""
    return {p.parent.relative_to(site).as_posix().removeprefix(".") for p in site.rglob("index.html")}


def page_html(site: Path, url: str) -> str:
    return (site / url / "index.html").read_text(encoding="utf-8")


def is_redirect(text: str) -> bool:
    return "<title>Moved</title>" in text


def content_ids(text: str) -> set[str]:
    """The ids inside the page's article; themes' own (``__skip``, ``__tabbed``...) start with ``__``."""
    article = re.search(r"<article\b[^>]*>(.*)</article>", text, re.S)
    body = article.group(1) if article else text
    return {i for i in re.findall(r'\bid="([^"]+)"', body) if not i.startswith("__")}


def all_ids(text: str) -> set[str]:
    return set(re.findall(r'\bid="([^"]+)"', text))


# --- the exported project -------------------------------------------------------------------------------


def plugin_names(config: dict[str, Any]) -> list[str]:
    plugins = config.get("plugins") or []
    if isinstance(plugins, dict):
        return list(plugins)
    return [p if isinstance(p, str) else next(iter(p)) for p in plugins]


def extension_options(config: dict[str, Any]) -> dict[str, Any]:
    extensions = config.get("markdown_extensions") or []
    if isinstance(extensions, dict):
        return dict(extensions)
    options: dict[str, Any] = {}
    for entry in extensions:
        name, value = (entry, None) if isinstance(entry, str) else next(iter(entry.items()))
        options[name] = value
    return options


def nav_files(nav: Any) -> list[str]:
    if isinstance(nav, str):
        return [nav]
    if isinstance(nav, list):
        return [f for item in nav for f in nav_files(item)]
    if isinstance(nav, dict):
        return [f for value in nav.values() for f in nav_files(value)]
    return []


def test_the_export_is_a_project_without_the_plugin(builds: Builds) -> None:
    exported = builds.exported
    assert (exported / "mkdocs.yml").is_file(), "the export has no mkdocs.yml beside its docs"
    config = read_config(exported)
    assert config.get("docs_dir") == "docs"
    assert (exported / "docs" / "index.md").is_file() and (exported / "docs" / "self-check.md").is_file()
    assert "handbook" not in plugin_names(config)
    assert "search" in plugin_names(config)
    assert config.get("site_name") == "Mini"
    assert config.get("site_url") == SITE_URL
    theme = config.get("theme")
    assert isinstance(theme, dict) and theme.get("name") == "material" and theme.get("font") is False, theme
    assert "navigation.instant" in (theme.get("features") or [])
    extensions = extension_options(config)
    for name in ("attr_list", "admonition", "md_in_html", "tables", "toc"):
        assert name in extensions, (name, extensions)
    stylesheets = list(config.get("extra_css") or [])
    scripts = [s if isinstance(s, str) else s.get("path") for s in config.get("extra_javascript") or []]
    assert [css for css in stylesheets if css in HANDBOOK_CSS] == HANDBOOK_CSS
    assert [js for js in scripts if js in HANDBOOK_JS] == HANDBOOK_JS
    for asset in [*stylesheets, *scripts]:
        assert (exported / "docs" / asset).is_file(), asset
    listed = nav_files(config.get("nav"))
    assert listed, "the export has no explicit nav"
    for page in listed:
        assert (exported / "docs" / page).is_file(), page
    assert {"index.md", "matrix.md", "self-check.md", "pillars/craft/level-1.md", "guides/picking.md"} <= set(listed)


def test_zensical_gets_materials_classic_look(builds: Builds) -> None:
    """Zensical's default look is its own 'modern' variant; ``theme.variant: classic`` keeps Material's."""
    theme = read_config(builds.exported).get("theme") or {}
    assert theme.get("variant") == "classic", (
        "the exported mkdocs.yml should set theme.variant: classic (Zensical's key; MkDocs ignores it)"
    )
    if builds.zensical is not None:
        assert "assets/stylesheets/classic/main." in page_html(builds.zensical, "")


# --- the same site from every build ---------------------------------------------------------------------


@pytest.mark.parametrize("builder", BUILDERS)
def test_the_same_pages_as_the_plugin_build(builds: Builds, builder: str) -> None:
    site = builds.site(builder)
    expected = page_urls(builds.plugin)
    assert "pillars/old-craft" in expected and "pillars/craft/level-1" in expected  # the project is what we think
    assert page_urls(site) == expected
    for name in ["framework.json", "img/logo.svg", *HANDBOOK_CSS, *HANDBOOK_JS]:
        assert (site / name).read_bytes() == (builds.plugin / name).read_bytes(), name


@pytest.mark.parametrize("builder", BUILDERS)
def test_every_page_has_the_plugin_builds_ids(builds: Builds, builder: str) -> None:
    site = builds.site(builder)
    differing = {}
    for url in sorted(page_urls(builds.plugin)):
        expected, got = content_ids(page_html(builds.plugin, url)), content_ids(page_html(site, url))
        if got != expected:
            differing[url] = {"missing": sorted(expected - got), "extra": sorted(got - expected)}
    assert not differing


@pytest.mark.parametrize("builder", ["plugin", *BUILDERS])
def test_contract_anchors(builds: Builds, builder: str) -> None:
    site = builds.site(builder)
    assert {f"level-{n}" for n in LEVEL_CRITERIA} <= all_ids(page_html(site, "pillars/craft"))
    for n, criteria in LEVEL_CRITERIA.items():
        assert set(criteria) <= all_ids(page_html(site, f"pillars/craft/level-{n}")), n
        assert {"craft", "old-craft"} <= all_ids(page_html(site, f"levels/{n}")), n
    assert {f"t-{t.replace(':', '-')}" for t in NOTE_TIMES} <= all_ids(page_html(site, "transcripts/mini"))
    assert "keep-going" in all_ids(page_html(site, "principles"))
    # The renamed pillar's old URL forwards to the new one.
    assert 'href="../craft/"' in page_html(site, "pillars/old-craft")


@pytest.mark.parametrize("builder", ["plugin", *BUILDERS])
def test_nothing_is_left_as_markdown(builds: Builds, builder: str) -> None:
    site = builds.site(builder)
    found = {
        (p.relative_to(site).as_posix(), text)
        for p in site.rglob("*.html")
        for text in UNRENDERED
        if text in p.read_text(encoding="utf-8")
    }
    assert not found
    assert 'class="admonition note"' in page_html(site, "transcripts/mini")
    assert "<table>" in page_html(site, "guides/picking")
    assert html.escape("Craft & care") in page_html(site, "pillars/craft")


@pytest.mark.parametrize("builder", ["plugin", *BUILDERS])
def test_every_page_is_stamped_with_its_permanent_address(builds: Builds, builder: str) -> None:
    site = builds.site(builder)
    unstamped = []
    for url in sorted(page_urls(site)):
        text = page_html(site, url)
        if is_redirect(text):
            continue
        address = SITE_URL + (f"{url}/" if url else "")
        stamps = re.findall(r'<p class="hb-version"[^>]*>', text)
        if [re.findall(r'data-handbook-permalink="([^"]*)"', s) for s in stamps] != [[address]]:
            unstamped.append((url, stamps))
    assert not unstamped


# --- this repository's own handbook ---------------------------------------------------------------------


def test_the_repositorys_export_builds_into_the_same_site(tmp_path: Path) -> None:
    """The real handbook: its theme folder, its own stylesheet, its excluded files and acknowledged notes."""
    exported = tmp_path / "exported"
    require(export(REPO / "mkdocs.yml", exported), "python -m generator export of this repository")
    config = read_config(exported)
    assert "handbook" not in plugin_names(config)
    # The site's own settings are kept: its heading permalinks, its theme folder.
    assert (extension_options(config).get("toc") or {}).get("permalink") is True
    assert (config.get("theme") or {}).get("custom_dir")
    plugin = plugin_build(REPO, tmp_path / "plugin-site")
    sites = {"mkdocs": mkdocs_build(exported, tmp_path / "mkdocs-site")}
    if ZENSICAL:
        sites["zensical"] = zensical_build(exported, tmp_path / "zensical-project")
    expected = page_urls(plugin)
    own_css = [css for css in read_config(REPO).get("extra_css") or [] if not css.startswith("assets/handbook/")]
    for builder, site in sites.items():
        assert page_urls(site) == expected, builder
        differing = [
            u for u in sorted(expected) if content_ids(page_html(site, u)) != content_ids(page_html(plugin, u))
        ]
        assert not differing, (builder, differing[:10])
        for css in own_css:
            assert (site / css).read_bytes() == (plugin / css).read_bytes(), (builder, css)
    if not ZENSICAL:
        pytest.skip(f"built with MkDocs only: {NO_ZENSICAL}")
