"""``python -m generator check|export``: the pipeline without MkDocs."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .export import ExportError, collect_tree, export_tree
from .problems import Problem, Severity, count_by_severity, has_errors, sort_problems
from .project import Project, read_project
from .site import Site, build_site, check_collisions, find_handwritten_pages


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m generator", description=__doc__)
    parser.add_argument("--config", default="mkdocs.yml", help="the project's mkdocs.yml (default: %(default)s)")
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser("check", help="validate the rubric and notes; print every problem and a summary")
    export = commands.add_parser("export", help="write the complete docs tree to DIR, atomically")
    export.add_argument("dir", type=Path)
    for sub in commands.choices.values():
        sub.add_argument("--config", default=argparse.SUPPRESS, help="the project's mkdocs.yml")
    args = parser.parse_args(argv)
    project, problems = read_project(Path(args.config))
    if project is None:
        print_problems(problems)
        return 1
    site = build_site(
        project.rubric, project.notes_dir, transcripts_dir=project.transcripts_dir, project_root=project.root
    )
    problems += list(site.problems) + check_collisions(
        site, find_handwritten_pages(project.docs_dir, project.root, site.note_sources)
    )
    print_problems(problems, project)
    if has_errors(problems):
        print(summary_line(site, problems), file=sys.stderr)
        return 1
    if args.command == "export":
        return run_export(site, project, args.dir)
    print(summary_line(site, problems))
    return 0


def run_export(site: Site, project: Project, target: Path) -> int:
    try:
        export_tree(collect_tree(site, project.docs_dir), target)
    except (ExportError, OSError, UnicodeDecodeError) as exc:
        print(f"{target}: error: export failed, the previous tree is unchanged: {exc}", file=sys.stderr)
        return 1
    print(f"exported {len(site.pages)} generated pages and the hand-written ones to {target}")
    return 0


def print_problems(problems: list[Problem], project: Project | None = None) -> None:
    acknowledged = project.acknowledged if project else frozenset()
    for problem in sort_problems(problems):
        suffix = " (acknowledged)" if (problem.code, problem.path) in acknowledged else ""
        print(problem.format() + suffix, file=sys.stderr)


def summary_line(site: Site, problems: list[Problem]) -> str:
    counts = count_by_severity(problems)
    found = ", ".join(f"{counts[s]} {s.label}{'s' if counts[s] != 1 else ''}" for s in reversed(Severity))
    if site.stats is None:
        return f"check failed: {found}"
    return f"{site.stats.summary()}. {found}"
