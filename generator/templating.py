"""Page templates: Jinja2 templates that turn prepared view data into a page's Markdown.

The package's templates live in ``generator/templates``; a site replaces one by putting a file of
the same name under ``handbook/`` in its theme ``custom_dir``. Templates are dumb: Python prepares
every value. Text is safe by default: any plain string printed with ``{{ }}`` is escaped to render
exactly as written (never as Markdown or HTML), so an override cannot let rubric or note text
become markup. Values Python has already made into Markdown (links, citations, anchors from
validated ids) arrive as ``Markup`` and are printed as they are.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import jinja2
from markupsafe import Markup

from .cache import files_signature
from .text import md_text

OVERRIDE_FOLDER = "handbook"
SUFFIX = ".md.j2"


@dataclass(frozen=True)
class RenderedPage:
    """A generated page: its title as plain text and its body as Markdown (starting with the ``#`` heading)."""

    title: str
    body: str
    # HTML blocks the body holds verbatim (a transcript's passages): a builder may set them aside
    # while it converts the Markdown around them, since there is nothing in them to convert.
    fragments: tuple[str, ...] = ()


def md(fragment: str) -> Markup:
    """Mark Markdown the generator built (from escaped text and validated parts) as ready to print."""
    return Markup(fragment)


def _finalize(value: object) -> object:
    if isinstance(value, Markup):
        return value
    if value is None:
        return ""
    if isinstance(value, int):
        return str(value)
    return md_text(str(value))


class Templates:
    """The page templates of one site: its overrides first, then the package's own."""

    def __init__(self, override_dirs: Iterable[Path] = ()) -> None:
        folders = [str(Path(d) / OVERRIDE_FOLDER) for d in override_dirs]
        # Changes when an override is added, edited or removed (what a rendered page's cache key needs).
        self.signature = tuple(files_signature(Path(folder)) for folder in folders)
        self.env = jinja2.Environment(
            loader=jinja2.ChoiceLoader(
                [jinja2.FileSystemLoader(folders), jinja2.PackageLoader("generator", "templates")]
            ),
            autoescape=False,
            # Markdown's attribute lists start with "{#" ({#level-1}), Jinja's comments too: comments are {## ##}.
            comment_start_string="{##",
            comment_end_string="##}",
            finalize=_finalize,
            undefined=jinja2.StrictUndefined,
            keep_trailing_newline=True,
            trim_blocks=True,
            lstrip_blocks=True,
        )

    def compile_all(self) -> None:
        """Compile every page template (a site's overrides included); raises on the first broken one."""
        for name in self.env.list_templates(filter_func=lambda name: name.endswith(SUFFIX)):
            self.env.get_template(name)

    def render(self, kind: str, title: str, **context: object) -> RenderedPage:
        """Render ``<kind>.md.j2`` with ``title`` (plain text) and the view data."""
        body = self.env.get_template(kind + SUFFIX).render(title=title, **context)
        return RenderedPage(title, body.rstrip() + "\n")


PACKAGE_TEMPLATES = Templates()
