"""A rubric read from a file or from git (``REV:PATH``): what ``diff`` compares and what a changelog entry names."""

from __future__ import annotations

import subprocess
from pathlib import Path

from .loading import parse_rubric
from .model import Rubric
from .problems import Problem, ProblemLog, has_errors

REVISION_EXAMPLE = "HEAD~1:rubric.yaml"


def load_rubric_spec(spec: str, base: Path | None = None) -> tuple[Rubric | None, list[Problem]]:
    """A rubric from a file, or from git as ``REV:PATH`` (when no such file exists); problems located.

    A relative file, and git, are looked up from ``base`` (the working directory when ``None``).
    """
    log = ProblemLog(spec)
    data, why = read_rubric_bytes(spec, base)
    if data is None:
        log.error(
            1, 1, "unreadable", f"cannot read the rubric: {why}", f"name a file, or REV:PATH such as {REVISION_EXAMPLE}"
        )
        return None, log.problems
    rubric = parse_rubric(data, log)
    return (None if has_errors(log.problems) else rubric), log.problems


def read_rubric_bytes(spec: str, base: Path | None = None) -> tuple[bytes | None, str]:
    """The file's bytes, or git's blob at ``REV:PATH`` (``git show REV:PATH``'s object); else why not."""
    path = (base or Path()) / spec
    if path.is_file() or ":" not in spec:
        try:
            return path.read_bytes(), ""
        except OSError as exc:
            return None, f"{exc.strerror or exc} (expected a file, or REV:PATH from git)"
    try:
        # cat-file reads the same object as `git show REV:PATH`, but never a tree listing or a textconv filter.
        shown = subprocess.run(
            ["git", "cat-file", "--end-of-options", "blob", spec],
            cwd=base,
            capture_output=True,
            timeout=60,
            check=False,
        )
    except (OSError, subprocess.TimeoutExpired) as exc:
        return None, f"no such file, and git could not be run: {exc}"
    if shown.returncode != 0:
        said = shown.stderr.decode("utf-8", "replace").strip().splitlines()
        reason = said[0].rstrip(".") if said else f"git exited with {shown.returncode}"
        return None, f"no such file, and git cannot read it: {reason} (expected a file, or REV:PATH of a file in git)"
    return shown.stdout, ""
