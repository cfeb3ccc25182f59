"""A note → its transcript page: every timestamp an anchor and a deep link, wikilinks resolved,
callouts as admonitions, and all note HTML passed through an allowlist sanitiser.

The note body is untrusted. Its passages are rendered to HTML here (Python-Markdown), our own
links are put in place of the spans ``notes`` found, and the result goes through ``nh3`` as the
last step, so nothing in a note can add a script, an event handler or a foreign URL other than
a plain outbound link. Headings stay Markdown so the page keeps its table of contents.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field

import markdown
import nh3

from . import urls
from .clock import format_clock
from .linking import Links, Mention
from .model import Source
from .notes import Note, TimeGroup, WikiLink
from .templating import PACKAGE_TEMPLATES, RenderedPage, Templates, md
from .text import html_text, md_link_title, md_text

_TOKEN = re.compile("\ue000(\\d+)\ue001")
_PRIVATE = re.compile("[\ue000-\ue01f]")
# Markup characters Markdown must read as text are swapped for private-use stand-ins (one for one,
# so offsets hold) and turned back into character references after rendering.
_LITERAL = {c: chr(0xE010 + i) for i, c in enumerate("[]()<*_`&\\")}
_UNLITERAL = {ord(v): k for k, v in _LITERAL.items()}
_UNLITERAL_HTML = {ord(v): f"&#{ord(k)};" for k, v in _LITERAL.items()}
_ALL_LITERAL = str.maketrans({c: v for c, v in _LITERAL.items()})
_HEADING = re.compile(r"^(#{1,6})[ \t]+(.*?)[ \t#]*$")
_CALLOUT = re.compile(r"^>\s*\[!([A-Za-z]+)\][+-]?[ \t]*(.*)$")
_QUOTED = re.compile(r"^>[ \t]?(.*)$")
_ADMONITION_TYPES = {
    "note",
    "abstract",
    "info",
    "tip",
    "success",
    "question",
    "warning",
    "failure",
    "danger",
    "bug",
    "example",
    "quote",
}
_CALLOUT_ALIASES = {
    "summary": "abstract",
    "tldr": "abstract",
    "todo": "info",
    "hint": "tip",
    "important": "tip",
    "check": "success",
    "done": "success",
    "help": "question",
    "faq": "question",
    "caution": "warning",
    "attention": "warning",
    "fail": "failure",
    "missing": "failure",
    "error": "danger",
    "cite": "quote",
}

_ALLOWED_TAGS = {
    "a",
    "abbr",
    "b",
    "blockquote",
    "br",
    "code",
    "dd",
    "del",
    "details",
    "div",
    "dl",
    "dt",
    "em",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "hr",
    "i",
    "ins",
    "kbd",
    "li",
    "mark",
    "ol",
    "p",
    "pre",
    "q",
    "s",
    "small",
    "span",
    "strong",
    "sub",
    "summary",
    "sup",
    "table",
    "tbody",
    "td",
    "tfoot",
    "th",
    "thead",
    "tr",
    "u",
    "ul",
}
_ALLOWED_ATTRIBUTES = {
    "a": {"href", "title", "id", "class"},
    "div": {"class"},
    "p": {"class"},
    "span": {"class"},
    "td": {"align"},
    "th": {"align"},
    "ol": {"start"},
}
_OUR_CLASSES = {
    "admonition",
    "admonition-title",
    "hb-ts",
    "hb-time-range",
    "hb-wikilink",
    "hb-bad-time",
    *_ADMONITION_TYPES,
}
_OUR_ID = re.compile(r"t-\d{2}-\d{2}-\d{2}\Z")


def _keep_attribute(tag: str, name: str, value: str) -> str | None:
    if name == "id":
        return value if _OUR_ID.match(value) else None
    if name == "class":
        kept = [c for c in value.split() if c in _OUR_CLASSES]
        return " ".join(kept) or None
    return value


def sanitize_html(fragment: str) -> str:
    """The allowlist every HTML fragment derived from a note passes through."""
    return nh3.clean(
        fragment,
        tags=_ALLOWED_TAGS,
        attributes=_ALLOWED_ATTRIBUTES,
        attribute_filter=_keep_attribute,
        url_schemes={"http", "https", "mailto"},
        link_rel="noopener noreferrer nofollow",
        strip_comments=True,
    )


@dataclass
class _Renderer:
    note: Note
    links: Links
    page: urls.PageUri
    anchored: dict[int, str] = field(default_factory=dict)  # seconds → its link without the anchor
    pieces: list[str] = field(default_factory=list)
    # One converter per note, reset between passages: building one loads every extension again.
    converter: markdown.Markdown = field(
        default_factory=lambda: markdown.Markdown(
            extensions=["tables", "admonition", "sane_lists"], output_format="html"
        )
    )

    def render(self) -> str:
        if self.note.plain_blocks == ((0, len(self.note.body)),):
            return self._plain_text(self._tokenise())
        tokenised = defuse_markup(self._tokenise())
        out: list[str] = []
        chunk: list[str] = []
        for line in _callouts_to_admonitions(tokenised.split("\n")):
            heading = _HEADING.match(line)
            if heading:
                out.append(self._passage("\n".join(chunk)))
                chunk = []
                out.append(self._heading(len(heading.group(1)), heading.group(2)))
            else:
                chunk.append(line)
        out.append(self._passage("\n".join(chunk)))
        return "\n\n".join(part for part in out if part.strip())

    def _tokenise(self) -> str:
        """The body with every timestamp form and wikilink replaced by a numbered private-use token."""
        spans: list[tuple[int, int, str]] = []
        for group in self.note.groups:
            spans.append((group.start, group.end, self._time_group_html(group)))
        for link in self.note.wikilinks:
            spans.append((link.start, link.end, self._wikilink_html(link)))
        spans.sort()
        body = self.note.body
        result: list[str] = []
        position = 0
        for start, end, piece in spans:
            if start < position:  # a wikilink inside a timestamp form, or the reverse: keep the first
                continue
            result.append(self._text(position, start))
            result.append(f"\ue000{len(self.pieces)}\ue001")
            self.pieces.append(piece)
            position = end
        result.append(self._text(position, len(body)))
        return "".join(result)

    def _text(self, start: int, end: int) -> str:
        """Note text between spans; in paragraphs too dense for Markdown, every markup character is literal."""
        parts = []
        for block_start, block_end in self.note.plain_blocks:
            if block_end <= start or block_start >= end:
                continue
            cut_start, cut_end = max(start, block_start), min(end, block_end)
            parts.append(_PRIVATE.sub("", self.note.body[start:cut_start]))
            parts.append(_PRIVATE.sub("", self.note.body[cut_start:cut_end]).translate(_ALL_LITERAL))
            start = cut_end
        parts.append(_PRIVATE.sub("", self.note.body[start:end]))
        return "".join(parts)

    def _time_group_html(self, group: TimeGroup) -> str:
        parts = [self._time_html(t.seconds, t.raw) for t in group.times]
        joiner = " – " if group.is_range else ", "
        inner = joiner.join(parts)
        return f'<span class="hb-time-range">[{inner}]</span>' if len(parts) > 1 else inner

    def _time_html(self, seconds: int | None, raw: str) -> str:
        if seconds is None or self.note.video is None:
            return f'<span class="hb-bad-time">{html_text(raw.strip().strip("[]"))}</span>'
        if seconds in self.anchored:  # the first occurrence carries the anchor; the rest only link
            return self.anchored[seconds]
        href = html_text(urls.video_url(self.note.video, seconds))
        clock = format_clock(seconds)
        link = f'<a class="hb-ts" href="{href}" title="Watch from {clock}">{clock}</a>'
        self.anchored[seconds] = link
        return link.replace('<a class="hb-ts"', f'<a class="hb-ts" id="{urls.timestamp_anchor(seconds)}"', 1)

    def _wikilink_html(self, link: WikiLink) -> str:
        target = self.links.wikilink_page(link)
        text = link.text or self.links.wikilink_title(link)
        if target is None:  # a link to nothing is shown as written, as its warning says
            return html_text(text or self.note.body[link.start : link.end])
        href = urls.relative_url(self.page, target)
        return f'<a class="hb-wikilink" href="{html_text(href)}">{html_text(text)}</a>'

    def _plain_text(self, tokenised: str) -> str:
        """A note too long for Markdown: paragraphs of escaped text, its times and links still in place."""
        paragraphs = (p.strip() for p in re.split(r"\n[ \t]*\n", tokenised))
        escaped = "\n".join(f"<p>{html.escape(p, quote=False)}</p>" for p in paragraphs if p)
        # Safe by construction, with no sanitiser pass (the costliest step on a long note): all note
        # text is escaped, and the pieces are our own markup around escaped text and validated URLs.
        filled = _TOKEN.sub(lambda m: self.pieces[int(m.group(1))], escaped)
        return f'<div class="hb-passage">\n{filled}\n</div>'

    def _passage(self, text: str) -> str:
        if not text.strip():
            return ""
        rendered = self.converter.reset().convert(text)
        filled = _TOKEN.sub(lambda m: self.pieces[int(m.group(1))], rendered).translate(_UNLITERAL_HTML)
        return f'<div class="hb-passage">\n{sanitize_html(filled)}\n</div>'

    def _heading(self, depth: int, text: str) -> str:
        """A Markdown heading (for the table of contents); its times move to a line below it."""
        times = [self.pieces[int(i)] for i in _TOKEN.findall(text) if 'class="hb-ts' in self.pieces[int(i)]]
        words = _TOKEN.sub(lambda m: _link_text(self.pieces[int(m.group(1))]), text.translate(_UNLITERAL))
        plain = html.unescape(re.sub(r"<[^<>]*>", "", words))
        heading = f"{'#' * max(depth, 2)} {md_text(plain) or 'Section'}"
        if not times:
            return heading
        return f'{heading}\n\n<p class="hb-heading-times">{sanitize_html(" ".join(times))}</p>'


def defuse_markup(text: str) -> str:
    """Make literal the brackets, parentheses and ``<`` that cannot close, and brackets nested past two.

    Python-Markdown scans to the end of the paragraph for the closing half of each of these, so a
    few thousand of them take minutes; as literal characters they render the same and cost nothing.
    """
    return "".join(_defuse_paragraph(part) for part in _PARAGRAPH_BREAK.split(text))


_PARAGRAPH_BREAK = re.compile(r"(\n[ \t]*\n)")


def _defuse_paragraph(text: str) -> str:
    chars = list(text)
    brackets: list[int] = []
    parens: list[int] = []
    angle = -1  # the last '<' not yet closed by '>'
    for i, c in enumerate(chars):
        if c == "[":
            brackets.append(i)
        elif c == "]":
            if not brackets:
                chars[i] = _LITERAL["]"]
            elif len(brackets) > 2:
                chars[brackets.pop()] = _LITERAL["["]
                chars[i] = _LITERAL["]"]
            else:
                brackets.pop()
        elif c == "(":
            parens.append(i)
        elif c == ")" and parens:
            parens.pop()
        elif c == "<":
            if angle >= 0:
                chars[angle] = _LITERAL["<"]
            angle = i
        elif c == ">":
            angle = -1
    for i in (*brackets, *parens, *([angle] if angle >= 0 else [])):
        chars[i] = _LITERAL[chars[i]]
    return "".join(chars)


def _link_text(piece: str) -> str:
    if 'class="hb-wikilink"' in piece or not piece.startswith("<"):
        return re.sub(r"<[^<>]*>", "", piece)
    return ""


def _callouts_to_admonitions(lines: list[str]) -> list[str]:
    """Obsidian callouts (``> [!NOTE] title`` and the quoted lines after it) → ``!!! note "title"``."""
    out: list[str] = []
    inside = False
    for line in lines:
        callout = _CALLOUT.match(line)
        if callout:
            kind = callout.group(1).lower()
            kind = _CALLOUT_ALIASES.get(kind, kind if kind in _ADMONITION_TYPES else "note")
            title = callout.group(2).replace('"', "'").strip() or kind.capitalize()
            out.extend(["", f'!!! {kind} "{title}"'])
            inside = True
            continue
        quoted = _QUOTED.match(line) if inside else None
        if quoted:
            out.append("    " + quoted.group(1))
            continue
        if inside:
            out.append("")
        inside = False
        out.append(line)
    return out


def render_transcript_page(
    note: Note, links: Links, page: urls.PageUri, source: Source | None = None, templates: Templates = PACKAGE_TEMPLATES
) -> RenderedPage:
    cited_by = [
        {
            "clock": format_clock(item.seconds),
            "at": md(urls.relative_link(page, page, urls.timestamp_anchor(item.seconds))),
            "label": item.citer.label,
            "link": md(urls.relative_link(page, item.citer.page, item.citer.anchor)),
        }
        for item in links.cited_by.get(note.slug, ())
    ]
    mentions = [md(render_mention(m, links, page)) for m in links.note_mentions.get(note.slug, ())]
    return templates.render(
        "transcript",
        note.title,
        slug=md(note.slug),
        source_line=md(_source_line(note, source)),
        body=md(_Renderer(note, links, page).render()),
        cited_by=cited_by,
        mentions=mentions,
    )


def _source_line(note: Note, source: Source | None) -> str:
    if note.video is None:
        return "*This note names no video, so its times are not linked.*"
    url = urls.video_url(note.video, 0)
    about = "the video"
    if source is not None:
        about = f"{md_text(source.title)}, {md_text(source.speaker)} on {md_text(source.show)}"
    return (
        f'!!! info "Machine-made notes"\n\n    Notes on [{about}]({url}). They are summaries and may misspell '
        "names; the handbook's own pages use the source's names. Every time below is an anchor on this page "
        "and a link to that moment of the video."
    )


def render_mention(mention: Mention, links: Links, page: urls.PageUri) -> str:
    note = links.notes[mention.note]
    target_page = urls.transcript_page(mention.note, links.transcripts_dir)
    anchor = urls.timestamp_anchor(mention.seconds) if mention.seconds is not None else ""
    target = urls.relative_link(page, target_page, anchor)
    at = f" ({format_clock(mention.seconds)})" if mention.seconds is not None else ""
    title = md_link_title(note.title)
    return f'- [{md_text(note.title)}{at}]({target} "{title}"): “{md_text(mention.sentence)}”'
