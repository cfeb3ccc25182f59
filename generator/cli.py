"""``python -m generator check|export|new|diff``: the pipeline without MkDocs, a new handbook, two rubrics compared."""

from __future__ import annotations

import argparse
import shlex
import sys
from dataclasses import dataclass
from pathlib import Path

from .export import ExportError, collect_tree, export_tree
from .passages import render_passages, statement_lines
from .plugin import load_project
from .problems import Problem, Severity, has_errors, sort_problems
from .project import Project
from .publish import GitOptions, publish
from .reporting import FORMATS, Report, render_report
from .rubric_diff import FORMATS as DIFF_FORMATS
from .rubric_diff import diff_rubrics, render_diff
from .rubric_source import REVISION_EXAMPLE, load_rubric_spec
from .scaffold import ScaffoldError, scaffold_project
from .site import Site, build_site, check_site, link_project


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    if args.command == "new":
        return run_new(args.dir)
    if args.command == "check":
        return run_check(check_project(Path(args.config)), args.format)
    if args.command == "diff":
        return run_diff(args.old, args.new, args.format)
    if args.command == "version":
        return run_version(check_project(Path(args.config)))
    if args.command == "passages":
        return run_passages(Path(args.config), args.output)
    if args.command == "publish":
        git = GitOptions(branch=args.branch, remote=args.remote, push=args.push)
        return run_publish(check_project(Path(args.config)), Path(args.config), git)
    return run_export(check_project(Path(args.config), render=True), args.dir)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m generator", description=__doc__)
    parser.add_argument("--config", default="mkdocs.yml", help="the project's mkdocs.yml (default: %(default)s)")
    commands = parser.add_subparsers(dest="command", required=True)
    check = commands.add_parser("check", help="validate the rubric and notes; print every problem and a summary")
    check.add_argument(
        "--format", choices=FORMATS, default="text", help="text for people, github for annotations, json for tools"
    )
    export = commands.add_parser("export", help="write the complete docs tree to DIR, atomically")
    export.add_argument("dir", type=Path)
    new = commands.add_parser("new", help="write a working handbook into DIR (a new or empty folder)")
    new.add_argument("dir", type=Path)
    add_diff_parser(commands)
    version = commands.add_parser(
        "version", help="print the rubric's version (what ./handbook publish deploys), after a full check"
    )
    publish = commands.add_parser(
        "publish", help="publish this rubric version under /<version>/ with mike, and move 'latest' to it"
    )
    publish.add_argument("--push", action="store_true", help="push the branch after committing")
    publish.add_argument("--branch", default="gh-pages", help="the branch mike commits to (default: %(default)s)")
    publish.add_argument("--remote", default="origin", help="the remote to push to (default: %(default)s)")
    passages = commands.add_parser(
        "passages", help="print every rubric statement beside the note text its citations point to (Markdown)"
    )
    passages.add_argument("--output", type=Path, help="write the table to this file instead of standard output")
    for sub in (check, export, version, publish, passages):
        sub.add_argument("--config", default=argparse.SUPPRESS, help="the project's mkdocs.yml")
    return parser


@dataclass(frozen=True)
class CheckedProject:
    """A project read and run through the pipeline; ``project`` and ``site`` are None if unreadable."""

    project: Project | None
    site: Site | None
    problems: list[Problem]

    @property
    def acknowledged(self) -> frozenset[tuple[str, str]]:
        return self.project.acknowledged if self.project else frozenset()

    def report(self, fmt: str) -> Report:
        return render_report(fmt, self.problems, self.acknowledged, self.site.stats if self.site else None)


def check_project(config: Path, *, render: bool = False) -> CheckedProject:
    """The project read and validated; its pages rendered too when ``render`` (for export)."""
    project, problems = load_project(config)
    if project is None:
        return CheckedProject(None, None, problems)
    site = build_site(project) if render else check_site(project)
    return CheckedProject(project, site, problems + list(site.problems))


def run_check(checked: CheckedProject, fmt: str) -> int:
    print_report(checked.report(fmt))
    return 1 if has_errors(checked.problems) else 0


def run_passages(config: Path, output: Path | None = None) -> int:
    """The review table of citations, or every problem when the project does not load and link."""
    project, problems = load_project(config)
    if project is not None:
        rubric, links, link_problems, _ = link_project(project)
        problems += link_problems
        if rubric is not None and links is not None:
            table = render_passages(rubric, links, statement_lines(project.rubric.read_text(encoding="utf-8")))
            if output is None:
                sys.stdout.write(table)
            else:
                output.write_text(table, encoding="utf-8")
            return 0
    sys.stderr.write("".join(f"{p.format()}\n" for p in sort_problems(problems) if p.severity is Severity.ERROR))
    return 1


def run_version(checked: CheckedProject) -> int:
    """The version to publish; nothing (and the problems) when the project does not pass ``check``."""
    version = publishable_version(checked)
    if version is None:
        return 1
    print(version)
    return 0


def run_publish(checked: CheckedProject, config: Path, git: GitOptions) -> int:
    """Publish when the project passes ``check`` and says it publishes versions (so pages link to theirs)."""
    if publishable_version(checked) is None:
        return 1
    assert checked.project is not None and checked.site is not None and checked.site.rubric is not None
    if not checked.project.versioned:
        print(
            f"{config}: error: the site does not say it publishes versions (expected 'extra: version: provider: "
            "mike'). hint: add it, so pages carry their version's permanent links and Material shows the "
            "version selector",
            file=sys.stderr,
        )
        return 1
    # mike builds each version with mkdocs.yml's own settings and has no --strict of its own.
    if not checked.project.strict:
        print(
            f"{config}: error: the site is not built strictly (expected 'strict: true'), so a published version "
            "could carry warnings. hint: add 'strict: true' to mkdocs.yml",
            file=sys.stderr,
        )
        return 1
    return publish(config, checked.site.rubric.version, git)


def publishable_version(checked: CheckedProject) -> str | None:
    """The rubric's version when the project passes ``check``; else None, with the problems on stderr."""
    if checked.site is None or checked.site.rubric is None or has_errors(checked.problems):
        sys.stderr.write(checked.report("text").stderr)
        return None
    return checked.site.rubric.version


def run_export(checked: CheckedProject, target: Path) -> int:
    report = checked.report("text")
    sys.stderr.write(report.stderr)  # the problems; the summary line too when there are errors
    if checked.project is None or checked.site is None or has_errors(checked.problems):
        return 1
    try:
        export_tree(collect_tree(checked.site, checked.project), target)
    except (ExportError, OSError, UnicodeDecodeError) as exc:
        print(f"{target}: error: export failed, the previous tree is unchanged: {exc}", file=sys.stderr)
        return 1
    print(f"exported {len(checked.site.pages)} generated pages and the hand-written ones to {target}")
    return 0


def run_new(target: Path) -> int:
    try:
        created = scaffold_project(target)
    except ScaffoldError as exc:
        print(exc, file=sys.stderr)
        return 1
    print(describe_new_project(target, created))
    return 0


def describe_new_project(target: Path, created: list[Path]) -> str:
    """What ``new`` wrote and the commands to run next."""
    lines = [f"created a handbook in {target}:"]
    lines += [f"  {path.relative_to(target).as_posix()}" for path in created]
    lines.append("next:")
    if target.resolve() != Path.cwd().resolve():
        lines.append(f"  cd {shlex.quote(str(target))}")
    lines.append("  python -m pip install -r requirements.txt   # once, if the generator is not installed yet")
    lines.append("  mkdocs serve                                  # preview at http://127.0.0.1:8000")
    lines.append("then edit rubric.yaml and content/; 'python -m generator check' lists every problem")
    return "\n".join(lines)


def print_report(report: Report) -> None:
    """Problems (stderr) before the summary (stdout), as a terminal shows them."""
    sys.stderr.write(report.stderr)
    sys.stderr.flush()
    sys.stdout.write(report.stdout)


# --- diff -------------------------------------------------------------------------------------------------


def add_diff_parser(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    diff = commands.add_parser(
        "diff",
        help="compare two rubrics, files or REV:PATH from git; exit 1 when an id vanished without an alias",
        description="Print what changed between two rubrics: added, removed, renamed (through 'aliases:'), "
        "reworded and moved items. Exit 1 when an item with a URL or an anchor disappeared without an alias, "
        "or when a rubric does not load; 0 otherwise.",
    )
    for name, when in (("old", "before"), ("new", "after")):
        diff.add_argument(
            name,
            type=rubric_spec,
            help=f"the rubric {when}: a file, or REV:PATH read from the current git repository "
            f"(e.g. {REVISION_EXAMPLE})",
        )
    diff.add_argument("--format", choices=DIFF_FORMATS, default="markdown", help="markdown for people, json for tools")


def rubric_spec(text: str) -> str:
    if not text.strip():
        raise argparse.ArgumentTypeError(f"an empty rubric name (expected a file or REV:PATH, e.g. {REVISION_EXAMPLE})")
    return text


def run_diff(old_spec: str, new_spec: str, fmt: str) -> int:
    """Print the differences; 1 when links break or a rubric does not load (its problems, located)."""
    old, old_problems = load_rubric_spec(old_spec)
    new, new_problems = load_rubric_spec(new_spec)
    if old is None or new is None:
        problems = [*sort_problems(old_problems), *sort_problems(new_problems)]
        sys.stderr.write("".join(f"{p.format()}\n" for p in problems if p.severity is Severity.ERROR))
        return 1
    diff = diff_rubrics(old, new)
    sys.stdout.write(render_diff(fmt, diff, old_spec, new_spec))
    if not diff.breaks_links:
        return 0
    removed = len(diff.of_kind("removed"))
    sys.stdout.flush()
    print(
        f"{new_spec}: error: {removed} URL{'s' if removed != 1 else ''} or anchor{'s' if removed != 1 else ''} "
        f"of {old_spec} disappeared (expected each removed id kept under 'aliases:' of the item that replaces it). "
        "hint: the differences list them under 'Removed'",
        file=sys.stderr,
    )
    return 1
