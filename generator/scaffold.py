"""``new DIR``: a working handbook, written from the template folder shipped in the package.

The template lives in ``generator/scaffold/``. Names git or setuptools would treat as something
else are stored without their dot (``github/``, ``gitignore``) and get it back when written.
The project is staged beside DIR and moved in only when complete, so a failure writes nothing.
"""

from __future__ import annotations

import contextlib
import os
import shutil
from collections.abc import Iterator
from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path

from .export import ExportError, export_tree

TEMPLATE = "scaffold"
DOTTED = ("github", "gitignore")  # template names written with a leading dot
EXPECTED = "expected an empty or new folder"


class ScaffoldError(Exception):
    """The project could not be written; nothing was. Printed as ``DIR: error: ... . hint: ...``."""

    def __init__(self, target: Path, message: str, hint: str) -> None:
        super().__init__(f"{target}: error: {message}. hint: {hint}")


def scaffold_project(target: Path) -> list[Path]:
    """Write a new handbook into ``target`` (new or empty); returns the files written, sorted."""
    refuse_unusable_target(target)
    files = read_template()
    write_into_folder(files, target)
    return [target / rel for rel in files]


def read_template() -> dict[str, bytes]:
    """The template's files at their paths in a project (``github/...`` → ``.github/...``), sorted."""
    root = resources.files(__package__ or "generator").joinpath(TEMPLATE)
    return dict(sorted((project_path(rel), data) for rel, data in _walk(root, "")))


def _walk(folder: Traversable, prefix: str) -> Iterator[tuple[str, bytes]]:
    for entry in folder.iterdir():
        if entry.name.startswith((".", "__")):  # editor and cache droppings are not part of it
            continue
        rel = f"{prefix}{entry.name}"
        if entry.is_dir():
            yield from _walk(entry, f"{rel}/")
        else:
            yield rel, entry.read_bytes()


def project_path(template_path: str) -> str:
    """Where a template file goes in the project: ``gitignore`` → ``.gitignore``."""
    first, sep, rest = template_path.partition("/")
    return f".{first}{sep}{rest}" if first in DOTTED else template_path


def refuse_unusable_target(target: Path) -> None:
    """Only a new path or an empty folder will do: a project is never mixed into other files."""
    if target.exists() and not target.is_dir():
        raise ScaffoldError(target, f"this is a file ({EXPECTED})", "choose a new folder name")
    try:
        occupied = target.is_dir() and any(target.iterdir())
    except OSError as exc:
        raise ScaffoldError(target, f"cannot read this folder: {exc.strerror or exc}", "choose another folder") from exc
    if occupied:
        raise ScaffoldError(
            target,
            f"this folder is not empty ({EXPECTED})",
            "choose a new folder name, e.g. 'python -m generator new my-handbook'",
        )


def write_into_folder(files: dict[str, bytes], target: Path) -> None:
    """Stage the files beside ``target``, then move them in; on failure ``target`` is as it was.

    Moving the entries into the folder (rather than renaming a new folder over it) keeps an existing
    empty folder, so ``new .`` works from inside it.
    """
    folder = target.resolve()
    staging = folder.parent / f".{folder.name}.new-{os.getpid()}"
    created = not folder.exists()
    try:
        export_tree(files, staging)
        folder.mkdir(parents=True, exist_ok=True)
        move_entries(staging, folder)
    except (ExportError, OSError) as exc:
        if created:
            with contextlib.suppress(OSError):
                folder.rmdir()
        raise ScaffoldError(
            target, f"cannot write the project, nothing was written: {exc}", f"check that {folder.parent} is writable"
        ) from exc
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def move_entries(source: Path, target: Path) -> None:
    """Move every top-level entry of ``source`` into ``target``; all of them, or none on failure."""
    moved: list[Path] = []
    try:
        for entry in sorted(source.iterdir()):
            destination = target / entry.name
            if destination.exists() or destination.is_symlink():
                raise FileExistsError(f"{destination} appeared while the project was being written")
            os.rename(entry, destination)
            moved.append(destination)
    except OSError:
        for destination in reversed(moved):
            os.rename(destination, source / destination.name)
        raise
