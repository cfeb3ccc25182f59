"""A handbook that is not this repository, built by the wheel installed in a fresh virtual environment.

The site has its own folder, ``mkdocs.yml``, rubric and notes, and borrows nothing from this checkout:
no theme directory, no Markdown extensions, no stylesheets or scripts. Whatever its pages need has to
come from the installed package. ``expected()`` reads what the pages must contain from the rubric and
notes below with plain PyYAML, not with the generator under test.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from tests.conftest import REPO

SITE_URL = "https://handbook.example.org/growth/"
LOCK = REPO / "requirements" / "build.txt"

MKDOCS = f"""\
site_name: Growth team handbook
site_url: {SITE_URL}
docs_dir: docs
theme:
  name: material
  font: false
plugins:
  - search
  - handbook
"""

RUBRIC = """\
schema: 1
title: "Growth Team Handbook"
version: "3.1-rc.2"
sources:
  - {id: loops-talk, video: "GrowthLoop1", title: "Growth loops", speaker: "Ann", show: "Talks", duration: "01:15:00"}
  - {id: curves-talk, video: "RetainCurve", title: "Curves", speaker: "Bo", show: "Talks", duration: "00:20:00"}
levels:
  - {n: 1, name: "Apprentice"}
  - {n: 2, name: "Practitioner"}
  - {n: 3, name: "Lead"}
  - {n: 4, name: "Principal"}
ws:
  - {id: ship, title: "How you ship", summary: "Getting changes to users.", cites: ["growth_loops@00:02:15"]}
  - {id: learn, title: "How you learn", summary: "Finding out what changed and why."}
pillars:
  - id: activation
    title: "Activation"
    w: ship
    summary: "Getting new users to their first success."
    cites: ["growth_loops@00:05:40"]
    levels:
      - n: 1
        summary: "Maps the signup funnel."
        criteria:
          - id: act-maps-funnel
            aliases: [act-draws-funnel]
            text: "Draws the signup funnel and its drop-offs."
            cites: ["growth_loops@00:02:15"]
          - {id: act-names-first-success, text: "Names the first success a new user should reach."}
      - n: 2
        summary: "Removes a step from the funnel."
        criteria:
          - {id: act-removes-step, text: "Ships a change that removes a signup step and measures it."}
      - n: 3
        summary: "Owns activation for a product."
        criteria:
          - {id: act-owns-rate, text: "Owns the activation rate and its target.", cites: ["growth_loops@01:02:03"]}
          - {id: act-plans-quarter, text: "Plans a quarter of activation work from the funnel."}
      - n: 4
        summary: "Designs activation across products."
        criteria:
          - {id: act-shared-onboarding, text: "Designs onboarding that several products share."}
  - id: retention
    title: "Retention"
    w: learn
    summary: "Keeping users coming back."
    levels:
      - n: 1
        summary: "Reads a retention curve."
        criteria:
          - {id: ret-reads-curve, text: "Reads where a cohort's curve flattens.", cites: ["retention-curves@00:00:45"]}
      - n: 2
        summary: "Compares cohorts."
        criteria:
          - {id: ret-compares-cohorts, text: "Compares the curves of two cohorts and names the difference."}
      - n: 3
        summary: "Moves the curve."
        criteria:
          - {id: ret-moves-plateau, text: "Raises the plateau of the curve.", cites: ["retention-curves@00:12:30"]}
      - n: 4
        summary: "Sets retention goals."
        criteria:
          - {id: ret-sets-goals, text: "Sets retention goals for several teams."}
  - id: experiments
    title: "Experiments"
    w: learn
    summary: "Testing changes before trusting them."
    levels:
      - n: 1
        summary: "Runs a test someone else designed."
        criteria:
          - {id: exp-runs-test, text: "Runs an experiment to its planned end."}
      - n: 2
        summary: "Designs a test."
        criteria:
          - {id: exp-writes-hypothesis, text: "Writes the hypothesis and the metric before the test starts."}
          - {id: exp-picks-duration, text: "Picks the duration from the expected effect size."}
      - n: 3
        summary: "Runs a testing programme."
        criteria:
          - {id: exp-keeps-log, text: "Keeps a log of every test and what was decided."}
      - n: 4
        summary: "Teaches testing."
        criteria:
          - {id: exp-reviews-designs, text: "Reviews other teams' test designs before they start."}
principles:
  - id: small-bets
    group: habits
    w: learn
    title: "Make small bets"
    text: "Many small tests teach more than one big launch."
    cites: ["growth_loops@00:05:40"]
quiz:
  questions:
    - id: act-new-signup
      pillar: activation
      prompt: "Half of new users never finish signing up. What do you do?"
      options:
        - {level: 1, text: "Draw the funnel and find the step where they leave."}
        - {level: 2, text: "Remove that step and measure the change."}
        - {level: 3, text: "Set an activation target and plan the quarter against it."}
        - {level: 4, text: "Redesign onboarding for every product at once."}
    - id: act-first-success
      pillar: activation
      prompt: "What is a new user's first success?"
      options:
        - {level: 1, text: "I ask the team."}
        - {level: 3, text: "The one our activation target is defined by."}
    - id: ret-curve
      pillar: retention
      prompt: "A cohort's curve drops and never flattens. What does it tell you?"
      options:
        - {level: 1, text: "The product has not found its habit yet."}
        - {level: 2, text: "Compare it with an older cohort first."}
        - {level: 4, text: "Our retention goals are wrong for this segment."}
    - id: exp-too-early
      pillar: experiments
      prompt: "A test looks like a win after two days. What do you do?"
      options:
        - {level: 1, text: "Keep it running to its planned end."}
        - {level: 2, text: "Check the planned duration against the effect size."}
        - {level: 3, text: "Log it and decide with the other tests of the quarter."}
changelog:
  - {version: "3.1-rc.2", date: "2026-10-02", summary: "Funnel criterion renamed; a principle added."}
  - {version: "3.0", date: "2026-06-30", summary: "Four levels.", rubric: "history/3.0.yaml"}
"""

# The rubric as version 3.0 said it: the funnel criterion had another id (kept as an alias since) and
# there was no principle yet. /changes/ lists both differences.
PREVIOUS_RUBRIC = (
    RUBRIC.replace('version: "3.1-rc.2"', 'version: "3.0"')
    .replace(
        "          - id: act-maps-funnel\n            aliases: [act-draws-funnel]\n",
        "          - id: act-draws-funnel\n",
    )
    .split("principles:\n")[0]
    + "quiz:\n"
    + RUBRIC.split("quiz:\n")[1].split("changelog:\n")[0]
)

NOTES = {
    "growth_loops.md": """\
---
title: Growth loops
videoId: GrowthLoop1
---

A loop starts with a new user <a class="yt-timestamp" data-t="00:02:15">[00:02:15]</a>.

## Small bets

Many small bets [00:05:40] beat one big launch; see [[retention-curves | the curves note]].

Late in the talk [1:02:03] the speaker owns a number.
""",
    "retention-curves.md": """\
---
title: Retention curves
videoId: RetainCurve
---

A curve that flattens [00:00:45] means a habit formed.

- Raise the plateau [00:12:30]
- Compare cohorts [00:14:00 - 00:14:20]
""",
}

PAGES = {
    "index.md": """\
# Growth team handbook

How the growth team grows. Start with the [self-check](self-check.md) or the [matrix](matrix.md).
""",
    "team/using-it.md": """\
# Using the handbook in reviews

Cite a [pillar level](../pillars/activation/level-2.md) by its address.
""",
}

_TIME = re.compile(r"\b(\d{1,2}):(\d\d):(\d\d)\b")
_OFFLINE = (
    "NewConnectionError",
    "Failed to establish a new connection",
    "Temporary failure in name resolution",
    "Name or service not known",
    "Network is unreachable",
    "ConnectTimeoutError",
    "ProxyError",
)


def anchor(time_text: str) -> str:
    """``1:02:03`` -> ``t-01-02-03`` (written out here, not taken from the generator)."""
    match = _TIME.fullmatch(time_text.strip())
    assert match, time_text
    return f"t-{int(match.group(1)):02d}-{match.group(2)}-{match.group(3)}"


@dataclass(frozen=True)
class Expected:
    """What the built site must contain, read from RUBRIC and NOTES."""

    title: str
    version: str
    levels: tuple[int, ...]
    pillars: dict[str, str]  # id -> title, in rubric order
    criteria: dict[tuple[str, int], tuple[str, ...]]  # (pillar, level) -> criterion ids
    principles: tuple[str, ...]
    questions: tuple[str, ...]  # quiz question ids, grouped by pillar in rubric order
    cited: dict[str, set[str]]  # note slug -> anchors of the times the rubric cites
    note_times: dict[str, set[str]]  # note slug -> anchors of every time written in the note


def expected() -> Expected:
    data = yaml.safe_load(RUBRIC)
    cited: dict[str, set[str]] = {}
    for cite in _cites(data):
        slug, _, time_text = cite.partition("@")
        cited.setdefault(slug, set()).add(anchor(time_text))
    return Expected(
        title=data["title"],
        version=data["version"],
        levels=tuple(level["n"] for level in data["levels"]),
        pillars={p["id"]: p["title"] for p in data["pillars"]},
        criteria={
            (p["id"], lv["n"]): tuple(c["id"] for c in lv["criteria"]) for p in data["pillars"] for lv in p["levels"]
        },
        principles=tuple(p["id"] for p in data["principles"]),
        questions=tuple(q["id"] for p in data["pillars"] for q in data["quiz"]["questions"] if q["pillar"] == p["id"]),
        cited=cited,
        note_times={
            name.removesuffix(".md"): {anchor(":".join(m.groups())) for m in _TIME.finditer(text)}
            for name, text in NOTES.items()
        },
    )


def _cites(node: Any) -> list[str]:
    if isinstance(node, dict):
        return [*node.get("cites", []), *(c for v in node.values() for c in _cites(v))]
    if isinstance(node, list):
        return [c for item in node for c in _cites(item)]
    return []


def write_site(root: Path) -> Path:
    """The foreign project on disk: mkdocs.yml, rubric.yaml, its notes and two hand-written pages."""
    files = {"mkdocs.yml": MKDOCS, "rubric.yaml": RUBRIC, "history/3.0.yaml": PREVIOUS_RUBRIC}
    files |= {f"docs/transcripts/{name}": text for name, text in NOTES.items()}
    files |= {f"docs/{name}": text for name, text in PAGES.items()}
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return root


class Offline(Exception):
    """pip could not reach the package index: the wheel or its dependencies cannot be installed here."""


class StepFailed(Exception):
    """A step of the build failed for a reason other than the network; the message has its output."""


@dataclass
class ForeignBuild:
    root: Path  # the foreign project
    site: Path  # its built HTML
    venv: Path
    wheel: Path
    timings: dict[str, float] = field(default_factory=dict)


def clean_env(venv: Path) -> dict[str, str]:
    """The environment of a shell that activated ``venv`` and nothing of this checkout."""
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "PYTHONHOME", "PYTHONSTARTUP")}
    env["VIRTUAL_ENV"] = str(venv)
    env["PATH"] = os.pathsep.join([str(venv / "bin"), env.get("PATH", "")])
    env["NO_MKDOCS_2_WARNING"] = "1"
    env.pop("HANDBOOK_SITE_URL", None)
    return env


def _run(what: str, command: list[str], *, cwd: Path, env: dict[str, str] | None = None) -> str:
    result = subprocess.run(command, cwd=cwd, env=env, capture_output=True, text=True, check=False, timeout=900)
    output = f"$ {' '.join(command)}\n{result.stdout}{result.stderr}"
    if result.returncode == 0:
        return output
    if any(marker in output for marker in _OFFLINE):
        raise Offline(f"{what}: pip cannot reach the package index\n{output}")
    raise StepFailed(f"{what} failed (exit {result.returncode})\n{output}")


def copy_sources(dest: Path) -> Path:
    """The files a wheel is built from (top-level files and the package), without build leftovers.

    Building from a copy keeps setuptools' ``build/`` and ``*.egg-info`` out of the shared checkout,
    and keeps stale files from an earlier ``build/lib`` out of the wheel.
    """
    dest.mkdir(parents=True)
    for path in REPO.iterdir():
        if path.is_file():
            shutil.copy2(path, dest / path.name)
    shutil.copytree(REPO / "generator", dest / "generator", ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
    return dest


def build_wheel(work: Path) -> Path:
    sources = copy_sources(work / "sources")
    out = work / "wheels"
    # An absolute path: a bare name would be looked up on the index as a project.
    _run(
        "building the wheel",
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-w", str(out), str(sources)],
        cwd=work,
    )
    wheels = list(out.glob("*.whl"))
    if len(wheels) != 1:
        raise StepFailed(f"expected one wheel in {out}, found {wheels}")
    return wheels[0]


def create_venv(path: Path, wheel: Path) -> Path:
    """A fresh venv with the wheel and its dependencies (pinned by the repository's lock when there is one)."""
    _run("creating the venv", [sys.executable, "-m", "venv", str(path)], cwd=path.parent)
    env = clean_env(path)
    pip = [str(path / "bin" / "python"), "-m", "pip", "install", "--disable-pip-version-check", "-q"]
    if LOCK.is_file() and "--hash" in LOCK.read_text(encoding="utf-8"):
        # Constraints files cannot carry hashes: install the lock as requirements, then the wheel alone.
        _run("installing the lock", [*pip, "--require-hashes", "-r", str(LOCK)], cwd=path.parent, env=env)
        _run("installing the wheel", [*pip, "--no-deps", str(wheel)], cwd=path.parent, env=env)
    elif LOCK.is_file():
        _run("installing the wheel", [*pip, "-c", str(LOCK), str(wheel)], cwd=path.parent, env=env)
    else:
        _run("installing the wheel", [*pip, str(wheel)], cwd=path.parent, env=env)
    _run(
        "checking the venv's dependencies",
        [str(path / "bin" / "python"), "-m", "pip", "check"],
        cwd=path.parent,
        env=env,
    )
    return path


_WHERE = """\
import json, sys, sysconfig
from importlib.metadata import entry_points
(plugin,) = [e for e in entry_points(group="mkdocs.plugins") if e.name == "handbook"]
cls = plugin.load()
print(json.dumps({"module": sys.modules[cls.__module__].__file__, "purelib": sysconfig.get_paths()["purelib"]}))
"""


def plugin_location(venv: Path, root: Path) -> tuple[Path, Path]:
    """Where the venv's Python, started like mkdocs in ``root``, loads the ``handbook`` plugin from.

    Returns (the plugin module's file, the venv's site-packages).
    """
    out = subprocess.run(
        [str(venv / "bin" / "python"), "-c", _WHERE],
        cwd=root,
        env=clean_env(venv),
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
    ).stdout
    where = json.loads(out)
    return Path(where["module"]).resolve(), Path(where["purelib"]).resolve()


def mkdocs_build(venv: Path, root: Path) -> Path:
    """``mkdocs build --strict`` with the venv's own mkdocs, in the foreign folder."""
    site = root / "site"
    _run("mkdocs build --strict", [str(venv / "bin" / "mkdocs"), "build", "--strict"], cwd=root, env=clean_env(venv))
    return site


def build_foreign_site(work: Path) -> ForeignBuild:
    """Wheel, venv, foreign project, strict build; each step timed."""
    timings: dict[str, float] = {}
    start = time.monotonic()
    wheel = build_wheel(work / "wheel")
    timings["wheel"] = time.monotonic() - start
    start = time.monotonic()
    venv = create_venv(work / "venv", wheel)
    timings["venv"] = time.monotonic() - start
    root = write_site(work / "growth-handbook")
    start = time.monotonic()
    site = mkdocs_build(venv, root)
    timings["mkdocs build"] = time.monotonic() - start
    return ForeignBuild(root, site, venv, wheel, timings)
