"""Renamed ids keep their old URLs: redirect pages for Ws and pillars, extra anchors for the rest."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import MINI_RUBRIC, write_project
from tests.test_site_build import mkdocs_build, parse_html

RENAMED = (
    MINI_RUBRIC.replace("{id: make, title:", "{id: make, aliases: [produce], title:")
    .replace("  - id: craft\n", "  - id: craft\n    aliases: [skill, old-craft]\n")
    .replace("{id: ships-small, text:", "{id: ships-small, aliases: [ships-tiny], text:")
    .replace("{id: keep-going, group:", "{id: keep-going, aliases: [persist], group:")
)


def test_old_urls_redirect_to_the_renamed_pages(tmp_path: Path) -> None:
    root = write_project(tmp_path / "project", rubric=RENAMED)
    out = tmp_path / "site"
    result = mkdocs_build(root, out)
    assert result.returncode == 0, result.stderr
    redirects = {
        "ws/produce/index.html": "../make/",
        "pillars/skill/index.html": "../craft/",
        "pillars/old-craft/level-1/index.html": "../../craft/level-1/",
    }
    for path, target in redirects.items():
        html = (out / path).read_text(encoding="utf-8")
        assert f'location.replace("{target}" + location.hash)' in html
        assert f'content="0; url={target}"' in html
        assert (out / path).parent.joinpath(target, "index.html").resolve().is_file()


def test_old_anchors_still_land_on_the_renamed_item(tmp_path: Path) -> None:
    root = write_project(tmp_path / "project", rubric=RENAMED)
    out = tmp_path / "site"
    assert mkdocs_build(root, out).returncode == 0
    assert "ships-tiny" in parse_html(out / "pillars" / "craft" / "level-0" / "index.html").ids
    assert "persist" in parse_html(out / "principles" / "index.html").ids
    assert {"skill", "old-craft"} <= parse_html(out / "levels" / "0" / "index.html").ids


def test_an_alias_cannot_shadow_a_live_id(tmp_path: Path) -> None:
    from generator.loading import load_rubric

    path = tmp_path / "rubric.yaml"
    path.write_text(MINI_RUBRIC.replace("  - id: craft\n", "  - id: craft\n    aliases: [craft]\n"))
    rubric, problems = load_rubric(path, "rubric.yaml")
    assert rubric is None
    assert [p.format() for p in problems if p.code == "duplicate-id"] == [
        "rubric.yaml:13:15: error [duplicate-id] pillar id 'craft' is used twice (first at line 12, column 9). "
        "hint: ids must be unique: rename one"
    ]
