"""Escaping rubric and note text for Markdown and HTML: text is data, never markup."""

from __future__ import annotations

import html
import re

# Characters Python-Markdown (with the tables extension) accepts backslash escapes for.
_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+!|-])")
_ORDERED_LIST_START = re.compile(r"^(\d+)([.)])")


def one_line(text: str) -> str:
    return " ".join(text.split())


def md_text(text: str) -> str:
    """Plain text as inline Markdown that renders exactly as written (no links, no HTML, no emphasis)."""
    escaped = _MD_SPECIAL.sub(r"\\\1", html.escape(one_line(text), quote=False))
    return _ORDERED_LIST_START.sub(r"\1\\\2", escaped)


def md_link_title(text: str) -> str:
    """Text for the title part of a Markdown link: ``"..."`` with quotes neutralised."""
    return html.escape(one_line(text), quote=True)


def html_text(text: str) -> str:
    return html.escape(one_line(text), quote=True)
