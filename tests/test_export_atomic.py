"""``python -m generator export DIR`` is atomic: interrupted or failing, it leaves the previous tree intact.

The export is written to a temporary folder beside DIR and renamed into place when complete. These
tests interrupt it every way a user's machine can: a failing write (a full disk), a folder that
cannot be created (a read-only parent; root ignores permission bits, so the failure is simulated),
a failing rename, and SIGKILL in the middle of writing.
"""

from __future__ import annotations

import errno
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from generator import export
from generator.cli import main
from tests.conftest import REPO, write_project


def snapshot(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


@pytest.fixture
def exported(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> tuple[Path, Path, dict[str, bytes]]:
    """A project, and a target already holding a previous export (with a file of the user's)."""
    root = write_project(tmp_path / "p")
    target = tmp_path / "out"
    assert main(["export", str(target), "--config", str(root / "mkdocs.yml")]) == 0
    (target / "previous.txt").write_text("from the previous export\n")
    capsys.readouterr()
    return root, target, snapshot(target)


def leftovers(target: Path) -> list[str]:
    return sorted(p.name for p in target.parent.iterdir() if p.name.startswith(f".{target.name}."))


def run_export(root: Path, target: Path, capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    code = main(["export", str(target), "--config", str(root / "mkdocs.yml")])
    return code, capsys.readouterr().err


def test_full_disk_leaves_the_previous_tree(
    exported: tuple[Path, Path, dict[str, bytes]], monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    root, target, before = exported
    real_write = Path.write_bytes
    calls = {"n": 0}

    def write_bytes(self: Path, data: bytes) -> int:  # type: ignore[override]
        calls["n"] += 1
        if calls["n"] > 3:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(self))
        return real_write(self, data)

    monkeypatch.setattr(Path, "write_bytes", write_bytes)
    code, err = run_export(root, target, capsys)
    assert code == 1
    assert str(target.resolve()) in err and "No space left on device" in err
    assert snapshot(target) == before
    assert leftovers(target) == []


def test_read_only_parent_leaves_the_previous_tree(
    exported: tuple[Path, Path, dict[str, bytes]], monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    root, target, before = exported

    def mkdtemp(*args: object, **kwargs: object) -> str:
        raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), str(target.parent))

    monkeypatch.setattr(export.tempfile, "mkdtemp", mkdtemp)
    code, err = run_export(root, target, capsys)
    assert code == 1
    assert str(target.resolve()) in err and "Permission denied" in err
    assert snapshot(target) == before


def test_read_only_file_system_leaves_the_previous_tree(
    exported: tuple[Path, Path, dict[str, bytes]], monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    root, target, before = exported

    def mkdir(self: Path, *args: object, **kwargs: object) -> None:
        raise OSError(errno.EROFS, os.strerror(errno.EROFS), str(self))

    monkeypatch.setattr(Path, "mkdir", mkdir)
    code, err = run_export(root, target, capsys)
    assert code == 1
    assert str(target.resolve()) in err and "Read-only file system" in err
    assert snapshot(target) == before


def test_failed_rename_restores_the_previous_tree(
    exported: tuple[Path, Path, dict[str, bytes]], monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    root, target, before = exported
    real_rename = os.rename

    def rename(src: str | Path, dst: str | Path) -> None:
        if Path(dst) == target.resolve() and Path(src).name.startswith(f".{target.name}.") and "old" not in str(src):
            raise OSError(errno.EXDEV, os.strerror(errno.EXDEV), str(src))
        real_rename(src, dst)

    monkeypatch.setattr(export.os, "rename", rename)
    code, err = run_export(root, target, capsys)
    assert code == 1
    assert str(target.resolve()) in err
    assert snapshot(target) == before
    assert leftovers(target) == []


def test_a_target_that_is_a_file_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = write_project(tmp_path / "p")
    target = tmp_path / "out"
    target.write_text("a file the user keeps\n")
    code, err = run_export(root, target, capsys)
    assert code == 1
    assert str(target) in err and "Traceback" not in err
    assert target.read_text() == "a file the user keeps\n"


SLOW_EXPORT = """
import sys, time
from pathlib import Path
real = Path.write_bytes
def slow(self, data):
    n = real(self, data)
    print("wrote", self, flush=True)
    time.sleep(0.2)
    return n
Path.write_bytes = slow
from generator.cli import main
sys.exit(main(sys.argv[1:]))
"""


def test_sigkill_while_writing_leaves_the_previous_tree(exported: tuple[Path, Path, dict[str, bytes]]) -> None:
    root, target, before = exported
    process = subprocess.Popen(
        [sys.executable, "-c", SLOW_EXPORT, "export", str(target), "--config", str(root / "mkdocs.yml")],
        stdout=subprocess.PIPE,
        text=True,
        env=dict(os.environ, PYTHONPATH=str(REPO)),
    )
    assert process.stdout is not None
    deadline = time.monotonic() + 60
    seen = 0
    while seen < 3 and time.monotonic() < deadline:
        if process.stdout.readline().startswith("wrote"):
            seen += 1
    assert seen == 3, "the export never started writing"
    process.send_signal(signal.SIGKILL)
    process.wait(timeout=30)
    assert process.returncode == -signal.SIGKILL
    assert snapshot(target) == before
    # What is left is the half-written temporary folder beside the target, never a half-written target.
    [staging] = leftovers(target)
    assert staging.startswith(f".{target.name}.")
