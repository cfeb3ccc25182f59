"""``python -m generator new DIR``: a working handbook, written whole or not at all."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

from generator.scaffold import ScaffoldError, project_path, read_template, scaffold_project
from tests.conftest import REPO

EXPECTED_FILES = [
    ".github/workflows/ci.yml",
    ".github/workflows/pages.yml",
    ".gitignore",
    "content/index.md",
    "content/transcripts/example_talk.md",
    "mkdocs.yml",
    "requirements.txt",
    "rubric.schema.json",
    "rubric.yaml",
]
REFUSED = "(expected an empty or new folder). hint: "


def run(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=300,
        env=dict(os.environ, PYTHONPATH=str(REPO), NO_MKDOCS_2_WARNING="1"),
    )


def tree(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


class _MkDocsLoader(yaml.SafeLoader):
    """Reads mkdocs.yml's ``!ENV [NAME, default]`` as ``{"!ENV": [NAME, default]}``."""


_MkDocsLoader.add_constructor("!ENV", lambda loader, node: {"!ENV": loader.construct_sequence(node)})  # type: ignore[arg-type]


@pytest.fixture(scope="module")
def scaffolded(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("new") / "handbook"
    scaffold_project(root)
    return root


# --- the template ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("stored", "written"),
    [
        ("github/workflows/ci.yml", ".github/workflows/ci.yml"),
        ("gitignore", ".gitignore"),
        ("content/index.md", "content/index.md"),
        ("content/github/x.md", "content/github/x.md"),  # only a top-level name gets its dot back
    ],
)
def test_template_names_map_to_project_paths(stored: str, written: str) -> None:
    assert project_path(stored) == written


def test_the_template_holds_exactly_the_project_files() -> None:
    assert list(read_template()) == EXPECTED_FILES


def test_scaffold_writes_every_file_and_returns_them(tmp_path: Path) -> None:
    root = tmp_path / "handbook"
    written = scaffold_project(root)
    assert written == [root / rel for rel in EXPECTED_FILES]
    assert tree(root) == read_template()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["handbook"]  # no staging folder left beside it


def test_mkdocs_yml_lists_the_plugin_and_leaves_the_rest_to_it(scaffolded: Path) -> None:
    config: dict[str, Any] = yaml.load((scaffolded / "mkdocs.yml").read_text(), Loader=_MkDocsLoader)
    assert config["site_url"] == {"!ENV": ["HANDBOOK_SITE_URL", "http://127.0.0.1:8000/"]}
    assert config["docs_dir"] == "content"
    assert config["strict"] is True
    assert config["theme"]["name"] == "material"
    assert config["theme"]["font"] is False
    assert "custom_dir" not in config["theme"]
    assert config["plugins"][0] == "search"
    assert "handbook" in config["plugins"][1]
    for key in ("markdown_extensions", "extra_css", "extra_javascript"):
        assert key not in config


def test_workflows_check_build_and_deploy(scaffolded: Path) -> None:
    ci = (scaffolded / ".github" / "workflows" / "ci.yml").read_text()
    pages = (scaffolded / ".github" / "workflows" / "pages.yml").read_text()
    steps = [step.get("run") for step in yaml.safe_load(ci)["jobs"]["check"]["steps"]]
    assert "python -m generator check --format github" in steps
    assert "mkdocs build --strict" in steps
    build = yaml.safe_load(pages)["jobs"]["build"]["steps"]
    assert any(step.get("uses", "").startswith("actions/configure-pages@") for step in build)
    [strict] = [step for step in build if step.get("run") == "mkdocs build --strict"]
    assert strict["env"]["HANDBOOK_SITE_URL"] == "${{ steps.pages.outputs.base_url }}/"
    assert (scaffolded / "requirements.txt").read_text().splitlines()[-1] == "pm-handbook-generator"
    assert (scaffolded / ".gitignore").read_text().splitlines()[-1] == "site/"


# --- refusing a folder in use, and failing cleanly ---------------------------------------------------


def test_an_existing_empty_folder_is_filled_in_place(tmp_path: Path) -> None:
    root = tmp_path / "handbook"
    root.mkdir()
    inode = root.stat().st_ino
    scaffold_project(root)
    assert root.stat().st_ino == inode  # the same folder, so 'new .' works from inside it
    assert list(tree(root)) == EXPECTED_FILES


def test_a_folder_with_files_is_refused_and_left_as_it_was(tmp_path: Path) -> None:
    root = tmp_path / "mine"
    (root / "notes").mkdir(parents=True)
    (root / "notes" / "keep.md").write_text("# Mine\n")
    with pytest.raises(ScaffoldError) as raised:
        scaffold_project(root)
    assert str(raised.value).startswith(f"{root}: error: this folder is not empty {REFUSED}")
    assert tree(root) == {"notes/keep.md": b"# Mine\n"}
    assert sorted(p.name for p in tmp_path.iterdir()) == ["mine"]


def test_a_file_is_refused(tmp_path: Path) -> None:
    target = tmp_path / "handbook"
    target.write_text("x")
    with pytest.raises(ScaffoldError, match=r"this is a file \(expected an empty or new folder\)\. hint: "):
        scaffold_project(target)
    assert target.read_text() == "x"


def test_a_failure_while_moving_in_leaves_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "handbook"
    real_rename = os.rename
    moves_in: list[str] = []

    def flaky_rename(source: Any, destination: Any) -> None:
        if Path(destination).parent == target:
            moves_in.append(Path(destination).name)
            if len(moves_in) == 3:
                raise OSError(28, "No space left on device")
        real_rename(source, destination)

    monkeypatch.setattr(os, "rename", flaky_rename)
    with pytest.raises(ScaffoldError, match="cannot write the project, nothing was written"):
        scaffold_project(target)
    assert len(moves_in) == 3
    assert list(tmp_path.iterdir()) == []


# --- the command ------------------------------------------------------------------------------------------


def test_new_prints_the_files_and_the_next_commands(tmp_path: Path) -> None:
    # A broken mkdocs.yml in the current folder is not read: 'new' needs no project.
    (tmp_path / "mkdocs.yml").write_text("site_name: [broken\n")
    result = run("generator", "new", "handbook", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    lines = result.stdout.splitlines()
    assert lines[0] == "created a handbook in handbook:"
    assert [line.strip() for line in lines[1 : 1 + len(EXPECTED_FILES)]] == EXPECTED_FILES
    assert "  cd handbook" in lines
    assert any(line.strip().startswith("mkdocs serve") for line in lines)
    assert list(tree(tmp_path / "handbook")) == EXPECTED_FILES


def test_new_refuses_a_folder_in_use_with_a_located_error(tmp_path: Path) -> None:
    (tmp_path / "handbook").mkdir()
    (tmp_path / "handbook" / "notes.txt").write_text("mine")
    result = run("generator", "new", "handbook", cwd=tmp_path)
    assert result.returncode == 1
    assert result.stdout == ""
    assert result.stderr.startswith(f"handbook: error: this folder is not empty {REFUSED}")
    assert "Traceback" not in result.stderr
    assert tree(tmp_path / "handbook") == {"notes.txt": b"mine"}


def test_the_new_handbook_passes_check_with_no_problems(scaffolded: Path) -> None:
    result = run("generator", "check", cwd=scaffolded)
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    assert result.stdout.rstrip().endswith(". 0 errors, 0 warnings, 0 notices")


def test_the_new_handbook_builds_strict_with_the_plugins_own_assets(tmp_path: Path) -> None:
    root = tmp_path / "handbook"
    scaffold_project(root)
    result = run("mkdocs", "build", "--strict", cwd=root)
    assert result.returncode == 0, result.stdout + result.stderr
    site = root / "site"
    for page in ("index.html", "self-check/index.html", "transcripts/example_talk/index.html", "matrix/index.html"):
        assert (site / page).is_file(), page
    assert (site / "assets" / "handbook" / "quiz.js").is_file()
    assert 'id="t-00-01-05"' in (site / "transcripts" / "example_talk" / "index.html").read_text()
