"""Where a project's inputs are: read from ``mkdocs.yml`` without MkDocs, for the CLI.

The plugin gets the same settings from MkDocs itself; both end in a ``Project``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from .problems import Problem, ProblemLog, Severity

DEFAULT_RUBRIC = "rubric.yaml"
DEFAULT_TRANSCRIPTS = "transcripts"


@dataclass(frozen=True)
class Project:
    root: Path  # the folder holding mkdocs.yml; paths in problems are relative to it
    docs_dir: Path
    rubric: Path
    transcripts_dir: str  # relative to docs_dir
    acknowledged: frozenset[tuple[str, str]] = field(default_factory=frozenset)  # (code, path)

    @property
    def notes_dir(self) -> Path:
        return self.docs_dir / self.transcripts_dir


class _ConfigLoader(yaml.SafeLoader):
    """mkdocs.yml may hold tags for MkDocs (``!ENV``, ``!!python/name:``); they are irrelevant here."""


def _ignore_tag(loader: yaml.SafeLoader, suffix: str, node: yaml.Node) -> Any:
    return None


_ConfigLoader.add_multi_constructor("!", _ignore_tag)
_ConfigLoader.add_multi_constructor("tag:yaml.org,2002:python/", _ignore_tag)


def parse_acknowledgements(entries: list[str]) -> frozenset[tuple[str, str]]:
    """``"<code> <path>"`` entries → (code, path) pairs."""
    pairs = set()
    for entry in entries:
        code, _, path = entry.strip().partition(" ")
        pairs.add((code, path.strip()))
    return frozenset(pairs)


def read_project(config_path: Path) -> tuple[Project | None, list[Problem]]:
    log = ProblemLog(config_path.as_posix())
    try:
        config = yaml.load(config_path.read_text(encoding="utf-8"), Loader=_ConfigLoader) or {}
    except OSError as exc:
        log.error(
            1,
            1,
            "no-config",
            f"cannot read {config_path}: {exc.strerror or exc}",
            "run from the project folder or pass --config path/to/mkdocs.yml",
        )
        return None, log.problems
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        log.error(
            mark.line + 1 if mark else 1,
            mark.column + 1 if mark else 1,
            "bad-config",
            f"mkdocs.yml is not valid YAML: {getattr(exc, 'problem', exc)}",
            "fix the YAML syntax",
        )
        return None, log.problems
    if not isinstance(config, dict):
        log.error(
            1,
            1,
            "bad-config",
            "mkdocs.yml is not a mapping (expected 'site_name: ...' and so on)",
            "start from the project's mkdocs.yml",
        )
        return None, log.problems
    root = config_path.resolve().parent
    options = _handbook_options(config)
    if options is None:
        log.add(
            1,
            1,
            "no-plugin",
            Severity.WARNING,
            "mkdocs.yml does not enable the 'handbook' plugin",
            "add '- handbook' under 'plugins:'",
        )
        options = {}
    docs_dir = root / str(config.get("docs_dir") or "docs")
    acknowledged = parse_acknowledgements([str(e) for e in options.get("acknowledge") or []])
    return Project(
        root,
        docs_dir,
        root / str(options.get("rubric") or DEFAULT_RUBRIC),
        str(options.get("transcripts") or DEFAULT_TRANSCRIPTS).strip("/"),
        acknowledged,
    ), log.problems


def _handbook_options(config: dict[str, Any]) -> dict[str, Any] | None:
    for entry in config.get("plugins") or []:
        if entry == "handbook":
            return {}
        if isinstance(entry, dict) and "handbook" in entry:
            return entry["handbook"] or {}
    plugins = config.get("plugins")
    if isinstance(plugins, dict) and "handbook" in plugins:
        return plugins["handbook"] or {}
    return None
