"""What ``check`` prints: the same problems and summary for people, for GitHub annotations, for tools.

Pure functions of (problems, acknowledged warnings, stats); ``cli`` decides only where the text goes.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from .problems import Problem, Severity, count_by_severity, has_errors, sort_problems

if TYPE_CHECKING:
    from .site import Stats

Acknowledged = frozenset[tuple[str, str]]  # (code, path) pairs from the plugin's ``acknowledge``

FORMATS = ("text", "github", "json")
ACKNOWLEDGED = " (acknowledged)"
STATS_FIELDS = ("pages", "notes", "citations", "topics", "coverage")  # null in JSON when the check failed


@dataclass(frozen=True)
class Report:
    """A rendered report: what goes to stdout and to stderr (each empty or ending in a newline)."""

    stdout: str
    stderr: str = ""


def is_acknowledged(problem: Problem, acknowledged: Acknowledged) -> bool:
    """Only warnings can be acknowledged: errors always fail, notices never do."""
    return problem.severity is Severity.WARNING and (problem.code, problem.path) in acknowledged


def render_report(fmt: str, problems: Iterable[Problem], acknowledged: Acknowledged, stats: Stats | None) -> Report:
    """The report in one of ``FORMATS`` (``ValueError`` for any other name); problems sorted, once each.

    The ``render_*_report`` functions below expect problems as ``sort_problems`` returns them.
    """
    renderers: dict[str, Callable[[list[Problem], Acknowledged, Stats | None], Report]] = {
        "text": render_text_report,
        "github": render_github_report,
        "json": render_json_report,
    }
    if fmt not in renderers:
        raise ValueError(f"unknown report format {fmt!r} (expected one of {', '.join(FORMATS)})")
    return renderers[fmt](sort_problems(problems), acknowledged, stats)


# --- text -------------------------------------------------------------------------------------------


def render_text_report(problems: list[Problem], acknowledged: Acknowledged, stats: Stats | None) -> Report:
    """Problems on stderr; the summary on stdout, or on stderr after errors."""
    lines = "".join(f"{render_text_problem(p, acknowledged)}\n" for p in problems)
    summary = f"{render_summary_line(problems, stats)}\n"
    if has_errors(problems):
        return Report("", lines + summary)
    return Report(summary, lines)


def render_text_problem(problem: Problem, acknowledged: Acknowledged) -> str:
    return problem.format() + (ACKNOWLEDGED if is_acknowledged(problem, acknowledged) else "")


def render_summary_line(problems: Iterable[Problem], stats: Stats | None) -> str:
    """``12 pages, ...; cited: .... 0 errors, 1 warning, 0 notices``, or ``check failed: ...``."""
    counts = count_by_severity(problems)
    found = ", ".join(f"{counts[s]} {s.label}{'s' if counts[s] != 1 else ''}" for s in reversed(Severity))
    if stats is None:
        return f"check failed: {found}"
    return f"{stats.summary()}. {found}"


# --- GitHub Actions workflow commands ------------------------------------------------------------------


def render_github_report(problems: list[Problem], acknowledged: Acknowledged, stats: Stats | None) -> Report:
    """One ``::error``/``::warning``/``::notice`` command per problem, then the summary, all on stdout."""
    lines = [render_github_command(p, acknowledged) for p in problems]
    lines.append(render_summary_line(problems, stats))
    return Report("".join(f"{line}\n" for line in lines))


def render_github_command(problem: Problem, acknowledged: Acknowledged) -> str:
    """``::warning file=PATH,line=L,col=C,title=CODE::MESSAGE. hint: HINT``; an acknowledged warning is a notice."""
    quiet = is_acknowledged(problem, acknowledged)
    command = "notice" if quiet or problem.severity is Severity.NOTICE else problem.severity.label
    message = problem.message + (f". hint: {problem.hint}" if problem.hint else "") + (ACKNOWLEDGED if quiet else "")
    properties = {"file": problem.path, "line": str(problem.line), "col": str(problem.col), "title": problem.code}
    listed = ",".join(f"{name}={escape_github_property(value)}" for name, value in properties.items())
    return f"::{command} {listed}::{escape_github_data(message)}"


def escape_github_data(text: str) -> str:
    """A command's message, escaped as the Actions toolkit's ``escapeData`` does."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_github_property(text: str) -> str:
    """A command's property value, escaped as the Actions toolkit's ``escapeProperty`` does."""
    return escape_github_data(text).replace(":", "%3A").replace(",", "%2C")


# --- JSON -----------------------------------------------------------------------------------------------


def render_json_report(problems: list[Problem], acknowledged: Acknowledged, stats: Stats | None) -> Report:
    """One JSON document: every problem, then the counts and the stats (null when the check failed)."""
    document = {
        "problems": [render_json_problem(p, acknowledged) for p in problems],
        "summary": render_json_summary(problems, stats),
    }
    return Report(json.dumps(document, ensure_ascii=False, indent=2) + "\n")


def render_json_problem(problem: Problem, acknowledged: Acknowledged) -> dict[str, Any]:
    return {
        "path": problem.path,
        "line": problem.line,
        "col": problem.col,
        "severity": problem.severity.label,
        "code": problem.code,
        "message": problem.message,
        "hint": problem.hint,
        "acknowledged": is_acknowledged(problem, acknowledged),
    }


def render_json_summary(problems: list[Problem], stats: Stats | None) -> dict[str, Any]:
    counts = count_by_severity(problems)
    found: dict[str, Any] = {f"{s.label}s": counts[s] for s in reversed(Severity)}
    if stats is None:
        return found | dict.fromkeys(STATS_FIELDS)
    coverage = [{"kind": kind, "cited": cited, "total": total} for kind, cited, total in stats.coverage]
    return found | {
        "pages": stats.pages,
        "notes": stats.notes,
        "citations": stats.citations,
        "topics": stats.topics,
        "coverage": coverage,
    }
