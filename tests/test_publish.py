"""``python -m generator publish``: versions side by side with mike, in a temporary git repository.

A small handbook is published as version 1.0, then changed and published as 1.1. The ``gh-pages`` branch
must hold both versions under their own folders, ``latest`` as a copy of 1.1, ``versions.json`` listing
both with the alias on 1.1, a root that leads to ``latest``, and in every page a stamp whose permanent
link is its own version's. Nothing is pushed; mike only commits to the local branch.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from generator.publish import mike_command
from tests.conftest import MINI_RUBRIC, write_project
from tests.publishing import NEW_WORDS, OLD_WORDS, SITE_URL, VERSIONED, git, publish, publish_two_versions

pytestmark = pytest.mark.skipif(mike_command() is None, reason="mike (the publish extra) is not installed")


def on_branch(root: Path, path: str) -> str:
    return git(root, "show", f"gh-pages:{path}")


@pytest.fixture(scope="module")
def published(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return publish_two_versions(tmp_path_factory.mktemp("published"))


def test_both_versions_keep_their_own_pages(published: Path) -> None:
    old = on_branch(published, "1.0/pillars/craft/level-1/index.html")
    new = on_branch(published, "1.1/pillars/craft/level-1/index.html")
    assert OLD_WORDS in old and NEW_WORDS not in old
    assert NEW_WORDS in new and OLD_WORDS not in new


def test_each_page_links_to_its_own_version_and_to_latest(published: Path) -> None:
    for version in ("1.0", "1.1"):
        page = on_branch(published, f"{version}/pillars/craft/level-1/index.html")
        assert f'data-handbook-permalink="{SITE_URL}{version}/pillars/craft/level-1/"' in page
        assert f'data-handbook-latest="{SITE_URL}latest/pillars/craft/level-1/"' in page


def test_latest_is_the_newest_version(published: Path) -> None:
    assert on_branch(published, "latest/pillars/craft/level-1/index.html") == on_branch(
        published, "1.1/pillars/craft/level-1/index.html"
    )


def test_versions_json_lists_both_with_latest_on_the_newest(published: Path) -> None:
    versions = json.loads(on_branch(published, "versions.json"))
    assert [(v["version"], v["aliases"]) for v in versions] == [("1.1", ["latest"]), ("1.0", [])]


def test_the_root_leads_to_latest(published: Path) -> None:
    assert "latest/" in on_branch(published, "index.html")


def test_the_default_is_set_once(published: Path) -> None:
    """The first publish makes ``latest`` the default; later ones keep whatever default the branch has."""
    messages = git(published, "log", "--format=%s", "gh-pages").splitlines()
    assert sum(m.startswith("Set default version to latest") for m in messages) == 1
    assert sum(m.startswith("Deployed ") for m in messages) == 2


def test_the_working_branch_is_left_alone(published: Path) -> None:
    assert git(published, "rev-parse", "--abbrev-ref", "HEAD").strip() == "main"
    assert git(published, "status", "--porcelain").strip() == ""


def test_a_site_that_does_not_say_it_publishes_versions_is_refused(tmp_path: Path) -> None:
    root = write_project(tmp_path / "p")
    git(root, "init", "-q", "-b", "main")
    result = publish(root)
    assert result.returncode == 1
    assert "error: the site does not say it publishes versions (expected 'extra: version: provider: mike')" in (
        result.stderr
    )
    assert "gh-pages" not in git(root, "branch", "--list")


def test_a_rubric_that_does_not_pass_check_is_not_published(tmp_path: Path) -> None:
    broken = MINI_RUBRIC.replace('cites: ["mini@00:03:00"]', 'cites: ["mini@00:09:59"]')
    root = write_project(tmp_path / "p", rubric=broken, mkdocs=VERSIONED)
    git(root, "init", "-q", "-b", "main")
    result = publish(root)
    assert result.returncode == 1 and "error" in result.stderr
    assert "gh-pages" not in git(root, "branch", "--list")


def test_a_site_that_is_not_built_strictly_is_refused(tmp_path: Path) -> None:
    root = write_project(tmp_path / "p", mkdocs=VERSIONED.replace("strict: true\n", ""))
    git(root, "init", "-q", "-b", "main")
    result = publish(root)
    assert result.returncode == 1
    assert "error: the site is not built strictly (expected 'strict: true')" in result.stderr
    assert "gh-pages" not in git(root, "branch", "--list")
