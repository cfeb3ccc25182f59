"""The framework at a glance: Ws → their pillars → levels, as inline SVG with a text equivalent.

Drawn from whatever shape the rubric has (any number of Ws, pillars and levels); every part is a
link. No diagram library: the SVG is plain markup built here, with every text escaped. Its links use
``xlink:href``: Material's instant navigation rewrites ``a[href]`` and fails on SVG links.
"""

from __future__ import annotations

import textwrap

from . import urls
from .model import Rubric
from .text import html_text

MARKER = "<!-- handbook:framework-overview -->"
COLUMN_WIDTH = 260
GAP = 16
W_BOX_HEIGHT = 58
PILLAR_HEIGHT = 66
LINE_CHARS = 30


def expand_overview(markdown: str, rubric: Rubric, page: str = urls.HOME) -> str:
    if MARKER not in markdown:
        return markdown
    return markdown.replace(MARKER, render_overview(rubric, page))


def render_overview(rubric: Rubric, page: str = urls.HOME) -> str:
    """The SVG and its text equivalent, as one HTML block (no blank lines, so Markdown leaves it whole)."""
    return "\n".join([render_overview_svg(rubric, page), render_overview_text(rubric, page)])


def _lines(text: str, limit: int = 2) -> list[str]:
    wrapped = textwrap.wrap(" ".join(text.split()), LINE_CHARS) or [""]
    if len(wrapped) > limit:
        wrapped = wrapped[:limit]
        wrapped[-1] = wrapped[-1][: LINE_CHARS - 1].rstrip() + "…"
    return wrapped


def _text(x: float, y: float, lines: list[str], css_class: str, anchor: str = "middle") -> str:
    spans = "".join(
        f'<tspan x="{x:g}" dy="{0 if i == 0 else 15}">{html_text(line)}</tspan>' for i, line in enumerate(lines)
    )
    return f'<text class="{css_class}" x="{x:g}" y="{y:g}" text-anchor="{anchor}">{spans}</text>'


def render_overview_svg(rubric: Rubric, page: str) -> str:
    columns = max(len(rubric.ws), 1)
    rows = max((len(rubric.pillars_of(w.id)) for w in rubric.ws), default=0)
    width = columns * COLUMN_WIDTH + (columns + 1) * GAP
    height = GAP * 3 + W_BOX_HEIGHT + rows * (PILLAR_HEIGHT + GAP)
    parts = [
        f'<svg class="hb-overview" viewBox="0 0 {width} {height}" width="100%" role="group" '
        f'aria-label="The framework at a glance: Ws, their pillars and levels" xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink">',
    ]
    for column, w in enumerate(rubric.ws):
        x = GAP + column * (COLUMN_WIDTH + GAP)
        parts.append(_w_box(w.title, urls.relative_url(page, urls.w_page(w.id)), x))
        for row, pillar in enumerate(rubric.pillars_of(w.id)):
            y = GAP * 2 + W_BOX_HEIGHT + row * (PILLAR_HEIGHT + GAP)
            parts.append(_pillar_box(rubric, pillar.id, pillar.title, [lv.n for lv in pillar.levels], x, y, page))
    parts.append("</svg>")
    return "".join(parts)


def _w_box(title: str, href: str, x: float) -> str:
    lines = _lines(title)
    text_y = GAP + W_BOX_HEIGHT / 2 + 5 - (len(lines) - 1) * 7.5
    return (
        f'<a xlink:href="{html_text(href)}"><title>{html_text(title)}</title>'
        f'<rect class="hb-ov-w" x="{x:g}" y="{GAP}" width="{COLUMN_WIDTH}" height="{W_BOX_HEIGHT}" rx="8"/>'
        f"{_text(x + COLUMN_WIDTH / 2, text_y, lines, 'hb-ov-w-text')}</a>"
    )


def _pillar_box(rubric: Rubric, pillar_id: str, title: str, levels: list[int], x: float, y: float, page: str) -> str:
    href = urls.relative_url(page, urls.pillar_page(pillar_id))
    out = [
        f'<a xlink:href="{html_text(href)}"><title>{html_text(title)}</title>'
        f'<rect class="hb-ov-pillar" x="{x:g}" y="{y:g}" width="{COLUMN_WIDTH}" height="{PILLAR_HEIGHT}" rx="6"/>'
        f"{_text(x + 12, y + 22, _lines(title, 1), 'hb-ov-pillar-text', 'start')}</a>"
    ]
    step = (COLUMN_WIDTH - 24) / max(len(levels), 1)
    for i, n in enumerate(levels):
        cx = x + 12 + step * i + step / 2
        cy = y + 46
        level_href = urls.relative_url(page, urls.pillar_level_page(pillar_id, n))
        label = f"{title}, level {n}: {rubric.level_name(n)}"
        out.append(
            f'<a xlink:href="{html_text(level_href)}"><title>{html_text(label)}</title>'
            f'<circle class="hb-ov-level" cx="{cx:g}" cy="{cy:g}" r="11"/>'
            f"{_text(cx, cy + 4.5, [str(n)], 'hb-ov-level-text')}</a>"
        )
    return "".join(out)


def render_overview_text(rubric: Rubric, page: str) -> str:
    """The same structure as nested lists of links, for screen readers and text browsers."""
    items = []
    for w in rubric.ws:
        pillar_items = []
        for pillar in rubric.pillars_of(w.id):
            level_links = "".join(
                f'<li><a href="{html_text(urls.relative_url(page, urls.pillar_level_page(pillar.id, lv.n)))}">'
                f"Level {lv.n}: {html_text(rubric.level_name(lv.n))}</a></li>"
                for lv in pillar.levels
            )
            pillar_href = html_text(urls.relative_url(page, urls.pillar_page(pillar.id)))
            pillar_items.append(f'<li><a href="{pillar_href}">{html_text(pillar.title)}</a><ul>{level_links}</ul></li>')
        w_href = html_text(urls.relative_url(page, urls.w_page(w.id)))
        items.append(f'<li><a href="{w_href}">{html_text(w.title)}</a><ul>{"".join(pillar_items)}</ul></li>')
    return (
        f'<details class="hb-overview-text"><summary>The framework as a list</summary>'
        f"<ul>{''.join(items)}</ul></details>"
    )
