"""An offline link checker for a built static site: every internal link and ``#anchor`` resolves.

Every HTML page under the site folder is parsed once (stdlib ``html.parser``). Each ``href``,
``src`` and ``xlink:href`` (on any element: ``a``, ``link``, ``script``, ``img``, ``area``, SVG ``a``...),
a meta refresh's ``url=`` and an inline ``location.replace("...")`` is resolved against the page's
own URL (``site_url`` plus the page's path) the way a browser does. A link that stays under
``site_url`` must name a file of the site (a directory URL is its ``index.html``; the query is
ignored; the path is percent-decoded), and its ``#fragment`` an ``id`` (or an ``<a name>``) of the
target page, after following the target's redirect if it is a redirect page. Nothing is fetched:
a link that leaves the site only has its syntax checked, and must be a YouTube deep link
(:data:`VIDEO_LINK`), an ``<a>`` inside a note passage (``.hb-passage``, which note authors write),
or one of ``allowed``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

VIDEO_LINK = re.compile(r"https://www\.youtube\.com/watch\?v=[A-Za-z0-9_-]{11}&t=\d+s")
PASSAGE_CLASS = "hb-passage"
_URL_ATTRIBUTES = frozenset({"href", "src", "xlink:href"})
_REFRESH = re.compile(r"\s*\d[\d.]*\s*[;,]?\s*(?:url\s*=\s*)?[\"']?([^\"']*)", re.IGNORECASE)
_REPLACE = re.compile(r"location\.replace\(\s*([\"'])(.*?)\1")
_HOST = re.compile(r"[^\s%/?#@:\[\]\\]+")
_MAILTO = re.compile(r"mailto:[^@\s]+@[^@\s]+", re.IGNORECASE)
_UNENCODED = re.compile(r"[\s\x00-\x1f\x7f]")
_MAX_REDIRECTS = 10


@dataclass(frozen=True)
class Link:
    tag: str
    url: str
    in_passage: bool


@dataclass
class Page:
    links: list[Link] = field(default_factory=list)
    anchors: set[str] = field(default_factory=set)
    redirect: str | None = None


@dataclass(frozen=True)
class Report:
    pages: int  # HTML pages parsed
    links: int  # links found on them, repeats included
    broken: list[str]  # "page.html: link -> what is wrong", by page, then in the page's order


class _PageParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.page = Page()
        self._passage: str | None = None  # the tag of the note passage the parser is in, if any
        self._depth = 0  # how many elements of that tag are open, the passage's own included
        self._script: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self._passage == tag:
            self._depth += 1
        urls = []
        for name, value in attrs:
            if value is None:
                continue
            if name in _URL_ATTRIBUTES:
                urls.append(value)
            elif name == "id" or (name == "name" and tag == "a"):
                self.page.anchors.add(value)
            elif name == "class" and self._passage is None and PASSAGE_CLASS in value.split():
                self._passage, self._depth = tag, 1
        in_passage = self._passage is not None
        self.page.links += [Link(tag, url, in_passage) for url in urls]
        if tag == "meta":
            values = {name: value or "" for name, value in attrs}
            match = _REFRESH.match(values.get("content", ""))
            if values.get("http-equiv", "").lower() == "refresh" and match and match.group(1).strip():
                self._redirect(tag, match.group(1).strip(), in_passage)
        self._script = [] if tag == "script" else None

    def handle_data(self, data: str) -> None:
        if self._script is not None:
            self._script.append(data)

    def handle_endtag(self, tag: str) -> None:
        if tag == "script" and self._script is not None:
            for match in _REPLACE.finditer("".join(self._script)):
                self._redirect(tag, match.group(2), self._passage is not None)
        self._script = None
        if tag == self._passage:
            self._depth -= 1
            if not self._depth:
                self._passage = None

    def _redirect(self, tag: str, url: str, in_passage: bool) -> None:
        self.page.links.append(Link(tag, url, in_passage))
        self.page.redirect = self.page.redirect or url


def parse_page(html: str) -> Page:
    parser = _PageParser()
    parser.feed(html)
    parser.close()
    return parser.page


def _off_site_problem(link: Link, url: str, allowed: frozenset[str]) -> str | None:
    """What is wrong with a link that leaves the site, checked offline, or None."""
    parts = urlsplit(url)
    if parts.scheme in ("http", "https"):
        if not _HOST.fullmatch(parts.hostname or ""):
            return "not a valid URL (bad host name)"
        _ = parts.port  # raises ValueError on a bad port
    elif parts.scheme == "mailto":
        if not _MAILTO.fullmatch(url):
            return "not a valid mailto: address"
    else:
        return f"a {parts.scheme}: link, which no page may make"
    if url in allowed or (link.tag == "a" and (VIDEO_LINK.fullmatch(url) or link.in_passage)):
        return None
    return "off-site: only video links (https://www.youtube.com/watch?v=<id>&t=<n>s) and note passages leave the site"


@dataclass
class _Site:
    base: str
    files: set[str]
    pages: dict[str, Page]

    def local(self, url: str) -> tuple[str, str] | None:
        """The decoded site-relative path and fragment of a URL under the site, or None for one that leaves it."""
        if not url.startswith(self.base):
            return None
        rest, _, fragment = url[len(self.base) :].partition("#")
        return unquote(rest.partition("?")[0]), unquote(fragment)

    def file(self, path: str) -> str | None:
        """The file a decoded site path serves: itself, or a directory's ``index.html``."""
        if path in self.files:
            return path
        index = path + "index.html" if path.endswith("/") or not path else path + "/index.html"
        return index if index in self.files else None

    def url_of(self, path: str) -> str:
        """The URL a file is served at: a folder's ``index.html`` at the folder's URL."""
        folder = path == "index.html" or path.endswith("/index.html")
        return self.base + (path.removesuffix("index.html") if folder else path)

    def problem(self, page_url: str, link: Link, allowed: frozenset[str]) -> str | None:
        """What is wrong with one link of a page, or None."""
        written = link.url.strip(" \t\n\r\f")
        if _UNENCODED.search(written):
            return "not a valid URL (unencoded white space or control character)"
        try:
            url = urljoin(page_url, written)
            local = self.local(url)
            if local is None:
                if urlsplit(url)[:2] == urlsplit(self.base)[:2]:
                    return f"leaves the site: {url} is not under {self.base}"
                return _off_site_problem(link, url, allowed)
        except ValueError as error:
            return f"not a valid URL ({error})"
        path, fragment = local
        for _ in range(_MAX_REDIRECTS):
            target = self.file(path)
            if target is None:
                return f"no such file: {path or '/'}"
            page = self.pages.get(target)
            if page is None or page.redirect is None:
                break
            redirected = self.local(urljoin(self.url_of(target), page.redirect.strip()))
            if redirected is None:
                return None  # the redirect page's own link is checked (and reported) on that page
            path, fragment = redirected[0], redirected[1] or fragment
        else:
            return f"more than {_MAX_REDIRECTS} redirects"
        if fragment and page is not None and fragment not in page.anchors:
            return f"no #{fragment} in {target}"
        return None


def check_site(site: Path, site_url: str = "https://site.invalid/", allowed: frozenset[str] = frozenset()) -> Report:
    """Every broken link of the site folder ``site`` served at ``site_url``, as ``page.html: link -> problem``.

    ``allowed`` lists exact off-site URLs that any page may link to, besides the video links.
    """
    base = site_url if site_url.endswith("/") else site_url + "/"
    files = {path.relative_to(site).as_posix() for path in site.rglob("*") if path.is_file()}
    html = sorted(path for path in files if path.endswith(".html"))
    pages = {path: parse_page((site / path).read_text(encoding="utf-8")) for path in html}
    checker = _Site(base, files, pages)
    broken: list[str] = []
    for path, page in pages.items():
        for link in dict.fromkeys(page.links):  # each distinct link once, in the page's order
            problem = checker.problem(checker.url_of(path), link, allowed)
            if problem:
                broken.append(f"{path}: {link.url} -> {problem}")
    return Report(len(pages), sum(len(page.links) for page in pages.values()), list(dict.fromkeys(broken)))
