"""A site overrides a generated page's template under ``custom_dir/handbook/``; text stays text."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from generator.project import project_from_folders
from generator.site import Site, build_site
from generator.templating import PACKAGE_TEMPLATES
from tests.conftest import MINI_MKDOCS, MINI_RUBRIC, REPO, write_project

PACKAGE_TEMPLATE_DIR = REPO / "generator" / "templates"
KINDS = [
    "episode",
    "w",
    "ws-index",
    "pillar",
    "pillars-index",
    "pillar-level",
    "level",
    "levels-index",
    "matrix",
    "principles",
    "topic",
    "topics-index",
    "transcript",
    "transcripts-index",
    "self-check",
    "changes",
]
OVERRIDE = """\
# {{ title }}

Our own words about {{ pillar.title }} at level {{ n }}.

{% for criterion in criteria %}
{{ criterion.text }}
{: #{{ criterion.id }} }

{% endfor %}
"""


def _project(tmp_path: Path, template: str, rubric: str = MINI_RUBRIC) -> Path:
    mkdocs = MINI_MKDOCS.replace("  font: false\n", "  font: false\n  custom_dir: theme\n")
    root = write_project(tmp_path / "p", rubric=rubric, mkdocs=mkdocs)
    (root / "theme" / "handbook").mkdir(parents=True)
    (root / "theme" / "handbook" / "pillar-level.md.j2").write_text(template)
    return root


def _build(root: Path) -> Site:
    project = project_from_folders(root, root / "rubric.yaml", root / "docs" / "transcripts", custom_dir=root / "theme")
    return build_site(project)


def test_every_kind_of_page_has_a_template_in_the_package() -> None:
    shipped = sorted(p.name.removesuffix(".md.j2") for p in PACKAGE_TEMPLATE_DIR.glob("*.md.j2"))
    assert shipped == sorted(KINDS)
    for kind in KINDS:
        PACKAGE_TEMPLATES.env.get_template(f"{kind}.md.j2")  # parses


def test_an_override_replaces_one_page_and_leaves_the_others(tmp_path: Path) -> None:
    site = _build(_project(tmp_path, OVERRIDE))
    assert site.ok, [p.format() for p in site.problems]
    page = site.page("pillars/craft/level-0.md")
    assert page is not None
    assert "Our own words about Craft at level 0." in page.markdown
    assert "Ships a small thing.\n{: #ships-small }" in page.markdown
    assert 'class="hb-version"' in page.markdown  # the stamp is added after any template
    other = site.page("pillars/craft/index.md")
    assert other is not None and "Our own words" not in other.markdown


def test_text_printed_by_an_override_is_still_escaped(tmp_path: Path) -> None:
    rubric = MINI_RUBRIC.replace('title: "Craft"', 'title: "<img src=x onerror=alert(1)> [link](javascript:x) *b*"')
    site = _build(_project(tmp_path, OVERRIDE, rubric))
    page = site.page("pillars/craft/level-0.md")
    assert page is not None
    body = page.markdown.split("\n---\n", 1)[1]  # the front matter's title is checked in test_titles.py
    assert "<img" not in body and "](javascript" not in body
    assert "&lt;img src=x onerror=alert\\(1\\)&gt; \\[link\\]\\(javascript:x\\) \\*b\\*" in page.markdown


def test_a_broken_override_is_a_located_error(tmp_path: Path) -> None:
    site = _build(_project(tmp_path, "# {{ title }}\n\n{% if %}\n"))
    assert not site.ok
    [problem] = [p for p in site.problems if p.code == "template-error"]
    assert (problem.path, problem.line) == ("theme/handbook/pillar-level.md.j2", 3)


def test_an_unknown_name_in_an_override_is_located_at_its_line(tmp_path: Path) -> None:
    site = _build(_project(tmp_path, "# {{ title }}\n\n{{ no_such_value }}\n"))
    [problem] = [p for p in site.problems if p.code == "template-error"]
    assert (problem.path, problem.line) == ("theme/handbook/pillar-level.md.j2", 3)
    assert "no_such_value" in problem.message


def test_mkdocs_uses_the_override_and_does_not_publish_it(tmp_path: Path) -> None:
    root = _project(tmp_path, OVERRIDE)
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict"],
        cwd=root,
        capture_output=True,
        text=True,
        env=dict(os.environ, NO_MKDOCS_2_WARNING="1"),
        timeout=300,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    html = (root / "site" / "pillars" / "craft" / "level-0" / "index.html").read_text()
    assert "Our own words about Craft at level 0." in html
    assert 'id="ships-small"' in html
    assert not (root / "site" / "handbook").exists()


def test_check_reports_a_broken_override_from_the_sites_custom_dir(tmp_path: Path) -> None:
    root = _project(tmp_path, "# {{ title }}\n{% endfor %}\n")
    result = subprocess.run(
        [sys.executable, "-m", "generator", "check"],
        cwd=root,
        capture_output=True,
        text=True,
        env=dict(os.environ, PYTHONPATH=str(REPO)),
        timeout=120,
        check=False,
    )
    assert result.returncode == 1
    assert "theme/handbook/pillar-level.md.j2:2:1: error [template-error]" in result.stderr
