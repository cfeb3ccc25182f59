"""``export DIR``: the complete docs tree (hand-written and generated pages) written atomically.

The tree is written to a temporary folder beside DIR and renamed into place only when complete,
so an interrupted or failed export leaves the previous tree as it was.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

from .site import Site


class ExportError(Exception):
    """The export could not be completed; the target was left untouched."""


def collect_tree(site: Site, docs_dir: Path) -> dict[str, bytes]:
    """Every file of the docs tree: hand-written files, expanded; note sources replaced by their pages."""
    replaced = set(site.note_sources)
    tree: dict[str, bytes] = {}
    for path in sorted(docs_dir.rglob("*")):
        if not path.is_file():
            continue
        rel = path.relative_to(docs_dir).as_posix()
        if rel in replaced:
            continue
        data = path.read_bytes()
        if rel.endswith(".md"):
            data = site.expand(data.decode("utf-8"), rel).encode("utf-8")
        tree[rel] = data
    for page in site.pages:
        tree[page.uri] = page.markdown.encode("utf-8")
    for name, data in site.files:
        tree[name] = data
    return dict(sorted(tree.items()))


def export_tree(tree: dict[str, bytes], target: Path) -> None:
    target = target.resolve()
    if target.exists() and not target.is_dir():
        raise ExportError(f"{target} is a file, not a folder (expected a folder to replace, or no such path)")
    parent = target.parent
    try:
        parent.mkdir(parents=True, exist_ok=True)
        staging = Path(tempfile.mkdtemp(prefix=f".{target.name}.", dir=parent))
    except OSError as exc:
        raise ExportError(f"cannot create a folder beside {target}: {exc.strerror or exc}") from exc
    try:
        for rel, data in tree.items():
            path = staging / rel
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(data)
        _swap_into_place(staging, target)
    except OSError as exc:
        shutil.rmtree(staging, ignore_errors=True)
        raise ExportError(f"cannot write the export to {target}: {exc.strerror or exc}") from exc


def _swap_into_place(staging: Path, target: Path) -> None:
    if not target.exists():
        os.rename(staging, target)
        return
    backup = target.with_name(f".{target.name}.old-{os.getpid()}")
    os.rename(target, backup)
    try:
        os.rename(staging, target)
    except OSError:
        os.rename(backup, target)
        raise
    shutil.rmtree(backup, ignore_errors=True)
