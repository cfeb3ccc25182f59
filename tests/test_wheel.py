"""The wheel is the product: it holds every asset, page template and scaffold file the plugin uses."""

from __future__ import annotations

import zipfile
from pathlib import Path

from generator import frontend
from tests.conftest import REPO
from tests.foreign_site import build_wheel

PACKAGE = REPO / "generator"


def _package_data() -> set[str]:
    """Every non-Python file of the package in the checkout, as the wheel names it."""
    return {
        p.relative_to(REPO).as_posix()
        for p in PACKAGE.rglob("*")
        if p.is_file() and p.suffix not in (".py", ".pyc") and "__pycache__" not in p.parts
    }


def test_the_wheel_holds_the_assets_templates_and_scaffold(tmp_path: Path) -> None:
    with zipfile.ZipFile(build_wheel(tmp_path)) as wheel:
        names = set(wheel.namelist())
    served = {f"generator/assets/{name}" for name in (*frontend.STYLESHEETS, *frontend.SCRIPTS)}
    assert served <= names, sorted(served - names)
    assert any(n.endswith(".js") for n in served) and any(n.endswith(".css") for n in served)
    assert _package_data() <= names, sorted(_package_data() - names)
