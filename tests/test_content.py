"""The handbook's own content meets its editorial rules (the rubric and hand-written pages)."""

from __future__ import annotations

import re
from collections import defaultdict

import pytest

from generator.loading import load_rubric
from generator.model import Rubric
from generator.project import project_from_folders
from generator.site import build_site
from tests.conftest import REPO

MISSPELLINGS = re.compile(r"Vikrant|Bhargava|Deman|VR Deman|Dhimaan|Vikram Dhiman\b", re.IGNORECASE)


@pytest.fixture(scope="module")
def rubric() -> Rubric:
    loaded, problems = load_rubric(REPO / "rubric.yaml")
    assert loaded is not None, [p.format() for p in problems]
    return loaded


def test_every_pillar_has_every_level_with_two_to_four_criteria(rubric: Rubric) -> None:
    assert [lv.n for lv in rubric.levels] == [0, 1, 2, 3, 4, 5]
    for pillar in rubric.pillars:
        assert [lv.n for lv in pillar.levels] == [0, 1, 2, 3, 4, 5], pillar.id
        for level in pillar.levels:
            assert 2 <= len(level.criteria) <= 4, (pillar.id, level.n)


def test_every_pillar_has_three_questions_over_four_levels(rubric: Rubric) -> None:
    questions = defaultdict(list)
    for question in rubric.questions:
        questions[question.pillar].append(question)
    for pillar in rubric.pillars:
        asked = questions[pillar.id]
        assert len(asked) >= 3, pillar.id
        assert len({o.level for q in asked for o in q.options}) >= 4, pillar.id
        for question in asked:
            assert not re.search(r"rate yourself|scale of|0\s*[-–]\s*5", question.prompt, re.IGNORECASE)


def test_the_required_pillars_and_principles_are_there(rubric: Rubric) -> None:
    assert [w.id for w in rubric.ws] == ["produce", "bring", "operate"]
    pillars = {p.id: p.w for p in rubric.pillars}
    for pillar, w in {
        "execution": "produce",
        "data": "bring",
        "design": "bring",
        "technology": "bring",
        "strategy": "bring",
        "communication": "operate",
        "organization": "operate",
        "community": "operate",
    }.items():
        assert pillars.get(pillar) == w, pillar
    groups = {p.group for p in rubric.principles}
    assert {
        "operating-tenets",
        "impediments",
        "choosing-what-to-improve",
        "role-ambiguity",
        "contrarian-views",
    } <= groups


def test_everything_the_source_supports_is_cited(rubric: Rubric) -> None:
    assert all(w.cites for w in rubric.ws)
    assert all(p.cites for p in rubric.pillars)
    assert all(p.cites for p in rubric.principles)
    for pillar_id in ("data", "design", "technology", "strategy"):
        pillar = rubric.pillar(pillar_id)
        assert pillar is not None
        for n in (0, 5):  # the source describes both ends of these four ladders
            level = pillar.level(n)
            assert level is not None and (level.cites or any(c.cites for c in level.criteria)), (pillar_id, n)


def test_the_site_checks_clean_and_reports_coverage() -> None:
    site = build_site(project_from_folders(REPO, REPO / "rubric.yaml", REPO / "content" / "transcripts"))
    assert site.ok, [p.format() for p in site.problems if p.severity.name == "ERROR"]
    assert site.stats is not None
    assert "cited: Ws 3/3, pillars 8/8" in site.stats.summary()


def test_the_speaker_is_named_correctly_in_our_own_words() -> None:
    for path in [REPO / "rubric.yaml", *sorted((REPO / "content").glob("*.md")), REPO / "README.md"]:
        text = path.read_text(encoding="utf-8")
        assert not MISSPELLINGS.search(text), f"{path.name}: {MISSPELLINGS.search(text)}"
    assert "Vikrama Dhiman" in (REPO / "rubric.yaml").read_text(encoding="utf-8")
