"""``export DIR``: the handbook as a project any MkDocs-style builder can build, written atomically.

DIR gets ``mkdocs.yml`` (the site's own, without the plugin), ``docs/`` (hand-written and generated
pages, the assets) and ``overrides/`` (the theme's custom_dir, when the site has one). The tree is
written to a temporary folder beside DIR and renamed into place only when complete, so an
interrupted or failed export leaves the previous tree as it was.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

from .export_config import DOCS_DIR, OVERRIDES_DIR, render_export_config
from .project import Project
from .site import Site
from .templating import OVERRIDE_FOLDER, SUFFIX


class ExportError(Exception):
    """The export could not be completed; the target was left untouched."""


def collect_tree(site: Site, project: Project) -> dict[str, bytes]:
    """The exported project: ``mkdocs.yml`` without the plugin, ``docs/`` and the theme's overrides.

    ``docs/`` holds the hand-written files (pages expanded and stamped), the generated pages in
    place of the note sources, and the package's assets.
    """
    docs = collect_docs(site, project)
    overrides = collect_overrides(project)
    tree = {f"{DOCS_DIR}/{rel}": data for rel, data in docs.items()}
    tree.update({f"{OVERRIDES_DIR}/{rel}": data for rel, data in overrides.items()})
    handwritten = sorted(uri for uri in project.handwritten_pages())
    not_in_nav = [f"/{page.uri}" for page in site.pages if not page.in_nav]
    config_text = project.config_file.read_text(encoding="utf-8") if project.config_file else "site_name: Handbook\n"
    config = render_export_config(
        config_text, site.nav(handwritten), not_in_nav, site_url=project.site_url, has_overrides=bool(overrides)
    )
    tree["mkdocs.yml"] = config.encode("utf-8")
    return dict(sorted(tree.items()))


def collect_docs(site: Site, project: Project) -> dict[str, bytes]:
    """Every file of the docs tree: hand-written files, expanded; note sources replaced by their pages."""
    replaced = set(site.note_sources)
    tree: dict[str, bytes] = {}
    for file in project.files:
        if file.uri in replaced:
            continue
        data = file.path.read_bytes()
        if file.uri.endswith(".md"):
            data = site.expand(data.decode("utf-8"), file.uri).encode("utf-8")
        tree[file.uri] = data
    for page in site.pages:
        tree[page.uri] = page.markdown.encode("utf-8")
    for name, data in site.files:
        tree[name] = data
    return dict(sorted(tree.items()))


def collect_overrides(project: Project) -> dict[str, bytes]:
    """The theme's custom_dir, less the page templates (the exported pages are already rendered)."""
    folder = project.custom_dir
    if folder is None or not folder.is_dir():
        return {}
    files = {}
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        rel = path.relative_to(folder).as_posix()
        if not (rel.startswith(f"{OVERRIDE_FOLDER}/") and rel.endswith(SUFFIX)):
            files[rel] = path.read_bytes()
    return files


def export_tree(tree: dict[str, bytes], target: Path) -> None:
    target = target.resolve()
    if target.exists() and not target.is_dir():
        raise ExportError(f"{target} is a file, not a folder (expected a folder to replace, or no such path)")
    parent = target.parent
    try:
        parent.mkdir(parents=True, exist_ok=True)
        staging = Path(tempfile.mkdtemp(prefix=f".{target.name}.", dir=parent))
        staging.chmod(0o777 & ~_current_umask())  # mkdtemp makes it private; the tree is not
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


def _current_umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask
