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


def publish_commands(mike: list[str], config: Path, version: str, git: GitOptions) -> list[list[str]]:
    """Deploy ``version`` with ``latest`` moved to it (aliases are copies: any static host serves them), then
    make ``latest`` what the site's root leads to."""
    common = ["--config-file", str(config), *git.arguments()]
    return [
        [*mike, "deploy", *common, "--update-aliases", "--alias-type", "copy", version, LATEST_ALIAS],
        [*mike, "set-default", *common, LATEST_ALIAS],
    ]


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
    for command in publish_commands(mike, config, version, git):
        if subprocess.run(command, env=env, check=False).returncode != 0:
            print(
                f"{config}: error: `{' '.join(command)}` failed; the branch keeps its previous versions",
                file=sys.stderr,
            )
            return 1
    print(f"published version {version} as {LATEST_ALIAS} on branch {git.branch}{' and pushed' if git.push else ''}")
    return 0
