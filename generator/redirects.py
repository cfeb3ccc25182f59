"""Redirect pages for renamed ids, so a URL someone pasted into a review keeps working.

An alias of a W or a pillar gets a small HTML page at the old URL that forwards to the new one,
keeping the ``#anchor``; aliases of criteria and principles (and pillars, on level pages) become
extra anchors on the page that holds them (see ``alias_anchors``).
"""

from __future__ import annotations

from collections.abc import Iterable

from . import urls
from .model import Id, Rubric
from .text import html_text


def redirect_html(target: str) -> str:
    """A page that forwards to ``target`` (a relative URL made from validated ids), anchor included."""
    href = html_text(target)
    return (
        '<!doctype html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n<title>Moved</title>\n'
        f'<meta name="robots" content="noindex">\n<link rel="canonical" href="{href}">\n'
        f'<script>location.replace("{href}" + location.hash)</script>\n'
        f'<meta http-equiv="refresh" content="0; url={href}">\n</head>\n'
        f'<body><p>This page has moved to <a href="{href}">its new address</a>.</p></body>\n</html>\n'
    )


def _redirect(old_page: str, new_page: str) -> tuple[str, bytes]:
    old_dir = urls.url_path(old_page)
    return f"{old_dir}index.html", redirect_html(urls.relative_url(old_page, new_page)).encode("utf-8")


def build_redirects(rubric: Rubric) -> tuple[tuple[str, bytes], ...]:
    """Every (output path, HTML) of the redirect pages the rubric's aliases call for."""
    pages: list[tuple[str, bytes]] = []
    for w in rubric.ws:
        pages += [_redirect(urls.w_page(old), urls.w_page(w.id)) for old in w.aliases]
    for pillar in rubric.pillars:
        for old in pillar.aliases:
            pages.append(_redirect(urls.pillar_page(old), urls.pillar_page(pillar.id)))
            pages += [
                _redirect(urls.pillar_level_page(old, lv.n), urls.pillar_level_page(pillar.id, lv.n))
                for lv in pillar.levels
            ]
    return tuple(sorted(pages))


def alias_anchors(aliases: Iterable[Id]) -> str:
    """Empty anchors for former ids, so ``#old-id`` still lands on the renamed item."""
    return "".join(f'<span id="{alias}"></span>' for alias in aliases)
