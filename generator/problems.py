"""Problems found while loading and linking: located, coded, and ranked by severity."""

from __future__ import annotations

import enum
from collections.abc import Iterable
from dataclasses import dataclass


class Severity(enum.IntEnum):
    """How a problem affects a build.

    NOTICE: an unambiguous repair; listed by ``check``, never fails a build.
    WARNING: a note problem that cannot be repaired; fails a strict build unless acknowledged.
    ERROR: the input cannot be trusted (a broken rubric, a dangling citation); aborts every build.
    """

    NOTICE = 1
    WARNING = 2
    ERROR = 3

    @property
    def label(self) -> str:
        return self.name.lower()


@dataclass(frozen=True, order=True)
class Problem:
    """One located problem: ``path:line:col: message (expected). hint``.

    Lines and columns are 1-based, as editors show them.
    """

    path: str
    line: int
    col: int
    code: str
    severity: Severity
    message: str
    hint: str = ""

    def format(self) -> str:
        text = f"{self.path}:{self.line}:{self.col}: {self.severity.label} [{self.code}] {self.message}"
        if self.hint:
            text += f". hint: {self.hint}"
        return text


def sort_problems(problems: Iterable[Problem]) -> list[Problem]:
    """Problems in reading order: by file, then position, then code."""
    return sorted(set(problems), key=lambda p: (p.path, p.line, p.col, p.code, p.message))


def has_errors(problems: Iterable[Problem]) -> bool:
    return any(p.severity is Severity.ERROR for p in problems)


def count_by_severity(problems: Iterable[Problem]) -> dict[Severity, int]:
    counts = dict.fromkeys(Severity, 0)
    for problem in problems:
        counts[problem.severity] += 1
    return counts


class ProblemLog:
    """Collects problems for one file, so callers only pass positions."""

    def __init__(self, path: str) -> None:
        self.path = path
        self.problems: list[Problem] = []

    def add(
        self,
        line: int,
        col: int,
        code: str,
        severity: Severity,
        message: str,
        hint: str = "",
    ) -> None:
        self.problems.append(Problem(self.path, line, col, code, severity, message, hint))

    def error(self, line: int, col: int, code: str, message: str, hint: str = "") -> None:
        self.add(line, col, code, Severity.ERROR, message, hint)

    def warning(self, line: int, col: int, code: str, message: str, hint: str = "") -> None:
        self.add(line, col, code, Severity.WARNING, message, hint)

    def notice(self, line: int, col: int, code: str, message: str, hint: str = "") -> None:
        self.add(line, col, code, Severity.NOTICE, message, hint)
