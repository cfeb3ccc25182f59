"""The block structure of a note: what our transcript page shows, and what plain CommonMark makes of it."""

from __future__ import annotations

import re
from collections import Counter
from html.parser import HTMLParser

import markdown
from markdown_it import MarkdownIt

from generator import urls
from generator.linking import Links
from generator.notes import Note
from generator.transcripts import render_note_body

HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}
COUNTED = {"ul", "ol", "li", "table", "tr", "blockquote", *HEADINGS}
# A line inside a paragraph that starts like a list item: a list that was not recognised.
LITERAL_LIST_MARKER = re.compile(r"\n[ \t]*(?:[*+-]|1[.)])[ \t]+\S")
_PLAIN = MarkdownIt("commonmark", {"html": True}).enable(["table", "strikethrough"])
_FRONT_MATTER = re.compile(r"\A\ufeff?---\r?\n.*?\r?\n---[ \t]*\r?\n", re.DOTALL)
# What the reader sees of a timestamp or a wikilink is text; plain CommonMark would read the
# timestamp's <a> starting a line as an HTML block and a wikilink's '|' as a table cell's end.
_TIMESTAMP = re.compile(r"<a\s+class=\"yt-timestamp\"[^>]*>(.*?)</a>", re.DOTALL)
_WIKILINK = re.compile(r"\[\[[^\[\]\n]*\]\]")


class _Structure(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.counts: Counter[str] = Counter()
        self.paragraphs: list[str] = []
        self._paragraph: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        classes = (dict(attrs).get("class") or "").split()
        if tag in COUNTED:
            self.counts["heading" if tag in HEADINGS else tag] += 1
        if tag == "details" or (tag == "div" and "admonition" in classes):
            self.counts["blockquote"] += 1  # a callout: a blockquote to plain CommonMark
        if tag == "p":
            self._paragraph = []

    def handle_endtag(self, tag: str) -> None:
        if tag == "p" and self._paragraph is not None:
            self.paragraphs.append("".join(self._paragraph))
            self._paragraph = None

    def handle_data(self, data: str) -> None:
        if self._paragraph is not None:
            self._paragraph.append(data)


def _parse(html: str) -> _Structure:
    parser = _Structure()
    parser.feed(html)
    parser.close()
    return parser


def page_structure(note: Note, links: Links) -> tuple[Counter[str], list[str]]:
    """Counts of lists, items, tables, rows, headings and blockquotes on our page, and its paragraphs.

    The note's part of the page is Markdown (headings) around HTML passages; it is turned into HTML
    as MkDocs turns it, with the extensions the plugin gives every site.
    """
    body = render_note_body(note, links, urls.transcript_page(note.slug))
    html = markdown.markdown(body, extensions=["toc", "tables", "attr_list", "admonition", "md_in_html"])
    parsed = _parse(html)
    return parsed.counts, parsed.paragraphs


# Obsidian writes a callout right under an HTML line (`<div class="callout">`); plain CommonMark reads
# the callout as part of that HTML block, the notes' publisher and this handbook as a callout.
CALLOUT_AFTER_HTML = re.compile(r"^<[^\n]*\n>[ \t]*\[!", re.MULTILINE)


def commonmark_structure(source: str) -> Counter[str]:
    """The same counts for a plain CommonMark render of the note's text, as a reader sees the text."""
    text = _FRONT_MATTER.sub("", source, count=1)
    text = _WIKILINK.sub("link", _TIMESTAMP.sub(lambda m: m.group(1), text))
    return _parse(_PLAIN.render(text)).counts


def literal_list_markers(paragraphs: list[str]) -> list[str]:
    return [p for p in paragraphs if LITERAL_LIST_MARKER.search(p)]
