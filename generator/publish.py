"""Publishing versions side by side with mike: this rubric version under ``/<version>/``, ``latest`` moved to it.

mike (the MkDocs ecosystem's versioning tool, the ``publish`` extra) builds the site and commits it into a
folder of the ``gh-pages`` branch, and keeps ``versions.json``, which Material's version selector reads. The
version is always the rubric's, so a page's stamp, its copied citations and its folder agree.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from .frontend import LATEST_ALIAS

INSTALL_HINT = "install it with: pip install 'pm-handbook-generator[publish]'"


@dataclass(frozen=True)
class GitOptions:
    branch: str = "gh-pages"
    remote: str = "origin"
    push: bool = False

    def arguments(self) -> list[str]:
        return ["--branch", self.branch, "--remote", self.remote, *(["--push"] if self.push else [])]


def mike_command() -> list[str] | None:
    """mike's command: the script beside this interpreter (a virtual environment), else one on PATH."""
    beside = Path(sys.executable).parent / "mike"
    if beside.is_file():
        return [str(beside)]
    found = shutil.which("mike")
    return [found] if found else None


def deploy_command(mike: list[str], config: Path, version: str, git: GitOptions) -> list[str]:
    """Deploy ``version`` with ``latest`` moved to it (aliases are copies: any static host serves them)."""
    common = ["--config-file", str(config), *git.arguments()]
    return [*mike, "deploy", *common, "--update-aliases", "--alias-type", "copy", version, LATEST_ALIAS]


def set_default_command(mike: list[str], config: Path, git: GitOptions) -> list[str]:
    """Make ``latest`` what the site's root leads to."""
    return [*mike, "set-default", "--config-file", str(config), *git.arguments(), LATEST_ALIAS]


def has_default(branch: str) -> bool:
    """Whether the branch's root already leads somewhere (mike's set-default writes its ``index.html``); a
    default someone chose is kept."""
    found = subprocess.run(["git", "cat-file", "-e", f"{branch}:index.html"], capture_output=True, check=False)
    return found.returncode == 0


def run_mike(command: list[str], config: Path, env: dict[str, str]) -> bool:
    if subprocess.run(command, env=env, check=False).returncode == 0:
        return True
    print(f"{config}: error: `{' '.join(command)}` failed; the branch keeps its previous versions", file=sys.stderr)
    return False


def publish(config: Path, version: str, git: GitOptions) -> int:
    mike = mike_command()
    if mike is None:
        print(
            f"{config}: error: mike is not installed (expected it to publish versions). hint: {INSTALL_HINT}",
            file=sys.stderr,
        )
        return 1
    # mike runs `mkdocs build`: the one installed with this interpreter, not whichever is first on PATH.
    bin_dir = str(Path(sys.executable).parent)
    env = {**os.environ, "PATH": os.pathsep.join([bin_dir, os.environ.get("PATH", "")])}
    if not run_mike(deploy_command(mike, config, version, git), config, env):
        return 1
    if not has_default(git.branch) and not run_mike(set_default_command(mike, config, git), config, env):
        return 1
    print(f"published version {version} as {LATEST_ALIAS} on branch {git.branch}{' and pushed' if git.push else ''}")
    return 0
