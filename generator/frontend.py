"""What the browser gets from the package: the handbook's CSS and JavaScript, and the page stamp.

The files live in ``generator/assets`` (package data), so any site that lists the plugin, or builds
an exported tree, gets the quiz, the copy buttons and the styles without copying anything.
"""

from __future__ import annotations

import json
from importlib import resources
from urllib.parse import quote

from . import urls
from .model import Rubric
from .text import html_text

# Where the assets are served, relative to the site root.
ASSET_DIR = "assets/handbook"
STYLESHEETS = ("handbook.css", "provenance.css", "quiz.css", "print.css")
SCRIPTS = ("quiz.js", "cite.js", "landing.js")


def asset_uris(names: tuple[str, ...]) -> list[str]:
    return [f"{ASSET_DIR}/{name}" for name in names]


def asset_files() -> tuple[tuple[str, bytes], ...]:
    """Every asset as (site path, content)."""
    folder = resources.files(__package__).joinpath("assets")
    return tuple((f"{ASSET_DIR}/{name}", folder.joinpath(name).read_bytes()) for name in (*STYLESHEETS, *SCRIPTS))


def _folder(site_url: str | None) -> str | None:
    """``site_url`` as a folder address (ending in ``/``), or None without one."""
    if not site_url:
        return None
    return site_url if site_url.endswith("/") else f"{site_url}/"


def permalink(site_url: str | None, page: str, anchor: str = "") -> str | None:
    """The permanent address of a page (and anchor) on the published site, or None without a site_url."""
    base = _folder(site_url)
    if base is None:
        return None
    link = base + urls.url_path(page)
    return f"{link}#{anchor}" if anchor else link


# The alias that follows the newest published version when versions are published side by side (mike).
LATEST_ALIAS = "latest"


def _versioned(site_url: str | None, folder: str) -> str | None:
    """The address the site is published at under ``/<folder>/`` (a version or an alias)."""
    base = _folder(site_url)
    return f"{base}{quote(folder, safe='')}/" if base else None


def render_version_stamp(rubric: Rubric, page: str, site_url: str | None, versioned: bool = False) -> str:
    """The line that ends every page: which handbook and rubric version it quotes, and its permalink.

    It is part of the page content (not a theme template), so every builder and theme shows it;
    ``cite.js`` reads the version and the permalink from it. Search skips it. When versions are
    published side by side under ``/<version>/`` (``versioned``), the permalink is this version's,
    and the stamp also carries the address of the same page under the ``latest`` alias.
    """
    link = permalink(_versioned(site_url, rubric.version) if versioned else site_url, page)
    attribute = f' data-handbook-permalink="{html_text(link)}"' if link else ""
    latest = permalink(_versioned(site_url, LATEST_ALIAS), page) if versioned else None
    attribute += f' data-handbook-latest="{html_text(latest)}"' if latest else ""
    return (
        f'<p class="hb-version" data-search-exclude{attribute}>'
        f'<span class="hb-version-title">{html_text(rubric.title)}</span>, rubric version '
        f'<span class="hb-version-number">{html_text(rubric.version)}</span></p>'
    )


def version_list(rubric: Rubric) -> tuple[tuple[str, bytes], ...]:
    """A ``versions.json`` naming this version, at the built site's root.

    Material's version selector reads ``versions.json`` one folder above the site. mike keeps the real one
    at the root of the published branch; this one serves a preview built at the root (``mkdocs serve``,
    ``./handbook build``), where the selector would otherwise ask for a file that is not there.
    """
    versions = [{"version": rubric.version, "title": rubric.version, "aliases": []}]
    return (("versions.json", json.dumps(versions, ensure_ascii=False).encode("utf-8")),)
