"""A project as the pipeline sees it: where its inputs are and how it is configured.

The MkDocs glue makes a ``Project`` from the build's own configuration and file list, for the
plugin and for the command line alike (``plugin.load_project``), so both honour the same options,
defaults and ``exclude_docs``, and both report the same problems.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

# Files in the transcripts folder that document the folder rather than being notes.
FOLDER_DOCUMENTS = ("SOURCE.md", "README.md")


@dataclass(frozen=True)
class DocFile:
    """A file of the docs tree: its path inside docs_dir and on disk."""

    uri: str
    path: Path


@dataclass(frozen=True)
class Project:
    root: Path  # the folder holding mkdocs.yml; paths in problems are relative to it
    docs_dir: Path
    rubric: Path
    transcripts_dir: str  # relative to docs_dir, no slashes around it
    files: tuple[DocFile, ...]  # every file of the docs tree the site includes, sorted
    acknowledged: frozenset[tuple[str, str]] = frozenset()  # (code, path) of known warnings
    site_url: str | None = None
    custom_dir: Path | None = None  # the theme's custom_dir: its handbook/ folder overrides page templates
    config_file: Path | None = None  # mkdocs.yml, when the project has one
    versioned: bool = False  # versions published side by side with mike (extra.version.provider: mike)
    strict: bool = False  # mkdocs.yml's strict: a warning fails the build (mike builds with it too)

    @property
    def template_dirs(self) -> tuple[Path, ...]:
        return (self.custom_dir,) if self.custom_dir else ()

    @property
    def notes_dir(self) -> Path:
        return self.docs_dir / self.transcripts_dir

    def note_files(self) -> tuple[DocFile, ...]:
        """The notes: Markdown files directly in the transcripts folder, except the folder's own documents."""
        prefix = f"{self.transcripts_dir}/"
        return tuple(
            f
            for f in self.files
            if f.uri.startswith(prefix)
            and "/" not in f.uri[len(prefix) :]
            and f.uri.endswith(".md")
            and f.uri[len(prefix) :] not in FOLDER_DOCUMENTS
        )

    def handwritten_pages(self) -> dict[str, str]:
        """Hand-written Markdown pages: page uri → path shown in problems."""
        notes = {f.uri for f in self.note_files()}
        return {f.uri: self.display(f.path) for f in self.files if f.uri.endswith(".md") and f.uri not in notes}

    def display(self, path: Path) -> str:
        """A path as problems show it: relative to the project folder when inside it."""
        try:
            return path.resolve().relative_to(self.root.resolve()).as_posix()
        except ValueError:
            return path.as_posix()


def files_in_tree(docs_dir: Path) -> tuple[DocFile, ...]:
    """Every file below docs_dir, for a project made without MkDocs (tests, benchmarks)."""
    if not docs_dir.is_dir():
        return ()
    paths = sorted(p for p in docs_dir.rglob("*") if p.is_file())
    return tuple(DocFile(p.relative_to(docs_dir).as_posix(), p) for p in paths)


def parse_acknowledgements(entries: Iterable[str]) -> frozenset[tuple[str, str]]:
    """``"<code> <path>"`` entries → (code, path) pairs."""
    pairs = set()
    for entry in entries:
        code, _, path = entry.strip().partition(" ")
        pairs.add((code, path.strip()))
    return frozenset(pairs)


def project_from_folders(
    root: Path,
    rubric: Path,
    notes_dir: Path,
    *,
    site_url: str | None = None,
    custom_dir: Path | None = None,
    versioned: bool = False,
) -> Project:
    """A project read from folders without MkDocs (tests, benchmarks): docs_dir is the notes' parent."""
    docs_dir = notes_dir.parent
    return Project(
        root=root,
        docs_dir=docs_dir,
        rubric=rubric,
        transcripts_dir=notes_dir.name,
        files=files_in_tree(docs_dir),
        site_url=site_url,
        custom_dir=custom_dir,
        versioned=versioned,
    )
