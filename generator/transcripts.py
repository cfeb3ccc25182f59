"""A note → its transcript page: every timestamp an anchor and a deep link, wikilinks resolved,
callouts as admonitions, and all note HTML passed through an allowlist sanitiser.

The note body is untrusted. It is CommonMark with GitHub's tables and strikethrough, as the notes'
own publisher reads it (a list may follow a paragraph line directly): markdown-it-py parses it once,
in linear time. Its passages are rendered to HTML here, our own links are put in place of the spans
``notes`` found, and the result goes through ``nh3`` as the last step, so nothing in a note can add
a script, an event handler or a foreign URL other than a plain outbound link. Top-level headings
stay Markdown so the page keeps its table of contents.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field, replace

import nh3
from markdown_it import MarkdownIt
from markdown_it.renderer import RendererHTML
from markdown_it.token import Token
from markdown_it.utils import EnvType, OptionsDict
from mdit_py_plugins.admon import admon_plugin

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
_CALLOUT = re.compile(r"^>\s*\[!([A-Za-z]+)\]([+-]?)[ \t]*(.*)$")
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
    "details": {"class", "open"},
    "div": {"class"},
    "p": {"class"},
    "span": {"class", "title"},
    "td": {"style"},
    "th": {"style"},
    "ol": {"start"},
}
_OUR_CLASSES = {
    "admonition",
    "admonition-title",
    "hb-ts",
    "hb-time-range",
    "hb-wikilink",
    "hb-bad-time",
    "hb-sr",
    *_ADMONITION_TYPES,
}
_TAG = re.compile(r"<[^<>]*>")
# The longest opening block of a section that search indexes (in characters of text).
SEARCHABLE_LEAD_CHARS = 400
_OUR_ID = re.compile(r"t-\d{2}-\d{2}-\d{2}\Z")
_CELL_ALIGN = re.compile(r"text-align:(left|right|center)\Z")


def _keep_attribute(tag: str, name: str, value: str) -> str | None:
    if name == "id":
        return value if _OUR_ID.match(value) else None
    if name == "style":  # only a table column's alignment
        return value if _CELL_ALIGN.match(value) else None
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


def _render_admonition_open(
    self: RendererHTML, tokens: list[Token], idx: int, options: OptionsDict, env: EnvType
) -> str:
    """A callout: a titled box, or a ``<details>`` when the note folds it (``[!NOTE]-`` / ``[!NOTE]+``)."""
    token = tokens[idx]
    kind = token.info.split(maxsplit=1)[0] if token.info else "note"
    folded = token.markup.startswith("???")
    env.setdefault("admonitions", []).append(folded)
    if folded:
        opened = " open" if token.markup.endswith("+") else ""
        return f'<details class="{html_text(kind)}"{opened}>\n'
    return f'<div class="admonition {html_text(kind)}">\n'


def _render_admonition_close(
    self: RendererHTML, tokens: list[Token], idx: int, options: OptionsDict, env: EnvType
) -> str:
    return "</details>\n" if env["admonitions"].pop() else "</div>\n"


def _render_admonition_title_open(
    self: RendererHTML, tokens: list[Token], idx: int, options: OptionsDict, env: EnvType
) -> str:
    return "<summary>" if env["admonitions"][-1] else '<p class="admonition-title">'


def _render_admonition_title_close(
    self: RendererHTML, tokens: list[Token], idx: int, options: OptionsDict, env: EnvType
) -> str:
    return "</summary>\n" if env["admonitions"][-1] else "</p>\n"


def _commonmark() -> MarkdownIt:
    """CommonMark with GitHub's tables and strikethrough and Material-style admonitions."""
    md = MarkdownIt("commonmark", {"html": True}).enable(["table", "strikethrough"]).use(admon_plugin)
    md.add_render_rule("admonition_open", _render_admonition_open)
    md.add_render_rule("admonition_close", _render_admonition_close)
    md.add_render_rule("admonition_title_open", _render_admonition_title_open)
    md.add_render_rule("admonition_title_close", _render_admonition_title_close)
    return md


_MARKDOWN = _commonmark()


def _first_block_end(tokens: list[Token]) -> int:
    """The index just past the first top-level block (a paragraph, a list, a table…) of ``tokens``."""
    for index, token in enumerate(tokens):
        if token.level == 0 and token.nesting <= 0:
            return index + 1
    return len(tokens)


@dataclass
class _Renderer:
    note: Note
    links: Links
    page: urls.PageUri
    anchored: dict[int, str] = field(default_factory=dict)  # seconds → its link without the anchor
    pieces: list[str] = field(default_factory=list)
    fragments: list[str] = field(default_factory=list)  # the HTML blocks of the result

    def render(self) -> str:
        if self.note.plain_blocks == ((0, len(self.note.body)),):
            return self._fragment(self._plain_text(self._tokenise()))
        source = "\n".join(_callouts_to_admonitions(self._tokenise().split("\n")))
        tokens = _MARKDOWN.parse(source)
        out: list[str] = []
        chunk: list[Token] = []
        index = 0
        while index < len(tokens):
            token = tokens[index]
            if token.type == "heading_open" and token.level == 0:
                out.append(self._passage(chunk))
                chunk = []
                out.append(self._heading(int(token.tag[1:]), tokens[index + 1].content))
                index += 3  # heading_open, its inline content, heading_close
                continue
            chunk.append(token)
            index += 1
        out.append(self._passage(chunk))
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
        parts = [self._time_html(t.seconds, t.raw, t.why) for t in group.times]
        joiner = " – " if group.is_range else ", "
        inner = joiner.join(parts)
        return f'<span class="hb-time-range">[{inner}]</span>' if len(parts) > 1 else inner

    def _time_html(self, seconds: int | None, raw: str, why: str = "") -> str:
        if seconds is None or self.note.video is None:
            why = why or "Not linked: this note names no video"
            shown, reason = html_text(raw.strip().strip("[]")), html_text(why)
            return f'<span class="hb-bad-time" title="{reason}">{shown}<span class="hb-sr"> ({reason})</span></span>'
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

    def _passage(self, tokens: list[Token]) -> str:
        """A section's text as HTML: its first block searchable, the rest left out of the search index.

        A section is found by its heading and its opening block (when that block is short), and that
        block is what a search result shows; indexing every sentence of a thousand notes would make
        the index too big for a reader's browser to load.
        """
        lead = _first_block_end(tokens)
        parts = [self._html(tokens[:lead]), self._html(tokens[lead:])]
        if len(_TAG.sub("", parts[0])) > SEARCHABLE_LEAD_CHARS:
            parts = ["", "\n".join(part for part in parts if part)]
        # The excluded part is a <section>, a tag the sanitiser never lets into a note: Material's
        # search ends an exclusion at the first end tag of its own name (a callout's </div>).
        wrappers = (("div", ""), ("section", " data-search-exclude"))
        blocks = [
            f'<{tag} class="hb-passage"{attribute}>\n{html}\n</{tag}>'
            for (tag, attribute), html in zip(wrappers, parts, strict=True)
            if html
        ]
        return self._fragment("\n".join(blocks)) if blocks else ""

    def _fragment(self, block: str) -> str:
        self.fragments.append(block)
        return block

    def _html(self, tokens: list[Token]) -> str:
        if not tokens:
            return ""
        rendered = _MARKDOWN.renderer.render(tokens, _MARKDOWN.options, {})
        filled = _TOKEN.sub(lambda m: self.pieces[int(m.group(1))], rendered).translate(_UNLITERAL_HTML)
        return sanitize_html(filled).strip()

    def _heading(self, depth: int, text: str) -> str:
        """A Markdown heading (for the table of contents); its times move to a line below it."""
        times = [self.pieces[int(i)] for i in _TOKEN.findall(text) if 'class="hb-ts' in self.pieces[int(i)]]
        words = _TOKEN.sub(lambda m: _link_text(self.pieces[int(m.group(1))]), text.translate(_UNLITERAL))
        plain = html.unescape(re.sub(r"<[^<>]*>", "", words))
        heading = f"{'#' * max(depth, 2)} {md_text(plain) or 'Section'}"
        if not times:
            return heading
        return f'{heading}\n\n<p class="hb-heading-times">{sanitize_html(" ".join(times))}</p>'


def _link_text(piece: str) -> str:
    if 'class="hb-wikilink"' in piece or not piece.startswith("<"):
        return re.sub(r"<[^<>]*>", "", piece)
    return ""


def _callouts_to_admonitions(lines: list[str]) -> list[str]:
    """Obsidian callouts (``> [!NOTE] title`` and the quoted lines after it) → ``!!! note "title"``;
    a foldable one (``[!NOTE]-``, open with ``+``) → ``??? note "title"`` (``???+``)."""
    out: list[str] = []
    inside = False
    for line in lines:
        callout = _CALLOUT.match(line)
        if callout:
            kind = callout.group(1).lower()
            kind = _CALLOUT_ALIASES.get(kind, kind if kind in _ADMONITION_TYPES else "note")
            title = callout.group(3).replace('"', "'").strip() or kind.capitalize()
            marker = {"-": "???", "+": "???+"}.get(callout.group(2), "!!!")
            out.extend(["", f'{marker} {kind} "{title}"'])
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


def render_note_body(note: Note, links: Links, page: urls.PageUri) -> str:
    """The note itself, as the page shows it: top-level headings in Markdown, passages as sanitised HTML."""
    return render_note(note, links, page)[0]


def render_note(note: Note, links: Links, page: urls.PageUri) -> tuple[str, tuple[str, ...]]:
    """The note's part of the page, and the HTML blocks in it (which need no Markdown processing)."""
    renderer = _Renderer(note, links, page)
    body = renderer.render()
    return body, tuple(renderer.fragments)


def render_transcript_page(
    note: Note,
    links: Links,
    page: urls.PageUri,
    source: Source | None = None,
    templates: Templates = PACKAGE_TEMPLATES,
    episode: tuple[str, str] | None = None,
) -> RenderedPage:
    """A note's page; ``episode`` is the (title, page uri) of the episode index it is listed on, if any."""
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
    body, fragments = render_note(note, links, page)
    rendered = templates.render(
        "transcript",
        note.title,
        slug=md(note.slug),
        source_line=md(_source_line(note, source)),
        body=md(body),
        episode={"title": episode[0], "link": md(urls.relative_link(page, episode[1]))} if episode else None,
        cited_by=cited_by,
        mentions=mentions,
    )
    source_block = _source_line(note, source)
    return replace(rendered, fragments=(source_block, *fragments) if source_block.startswith("<") else fragments)


def _source_line(note: Note, source: Source | None) -> str:
    """What the note is (HTML, left out of search: every transcript says it)."""
    if note.video is None:
        return "*This note names no video, so its times are not linked.*"
    url = html_text(urls.video_url(note.video, 0))
    about = "the video"
    if source is not None:
        about = f"{html_text(source.title)}, {html_text(source.speaker)} on {html_text(source.show)}"
    return (
        '<div class="admonition info" data-search-exclude>\n<p class="admonition-title">Machine-made notes</p>\n'
        f'<p>Notes on <a href="{url}">{about}</a>. They are summaries and may misspell names; the handbook\'s '
        "own pages use the source's names. Every time below is an anchor on this page and a link to that "
        "moment of the video.</p>\n</div>"
    )


def render_mention(mention: Mention, links: Links, page: urls.PageUri) -> str:
    note = links.notes[mention.note]
    target_page = urls.transcript_page(mention.note, links.transcripts_dir)
    anchor = urls.timestamp_anchor(mention.seconds) if mention.seconds is not None else ""
    target = urls.relative_link(page, target_page, anchor)
    at = f" ({format_clock(mention.seconds)})" if mention.seconds is not None else ""
    title = md_link_title(note.title)
    return f'- [{md_text(note.title)}{at}]({target} "{title}"): “{md_text(mention.sentence)}”'
