"""The project's self-check questions measure behaviour: prompts about the recent past, no order or length
giveaway, and every level of every pillar reachable under the real scorer in generator/assets/quiz.js."""

from __future__ import annotations

import itertools
import json
import os
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

from generator.loading import load_rubric
from generator.model import QuizQuestion, Rubric
from generator.quiz import build_quiz_data

ROOT = Path(__file__).resolve().parent.parent
QUIZ_JS = ROOT / "generator" / "assets" / "quiz.js"
# Tests that check another copy of the rubric (e.g. an older revision) point this at it.
RUBRIC_PATH = Path(os.environ.get("HANDBOOK_QUIZ_RUBRIC", ROOT / "rubric.yaml"))
PROMPT_START = "In the last six months"
NOT_YET_WORDS = ("not yet", "does not apply", "doesn't apply", "not applicable")

# Scores every answer set it is given with the exported scorePillar; prints the levels reached.
SCORE_ALL = """
const core = require(process.argv[1]);
const pillars = JSON.parse(require("fs").readFileSync(0, "utf8"));
const out = {};
for (const p of pillars) {
  const reached = new Set();
  for (const answers of p.answerSets) reached.add(core.scorePillar(p.pillar, answers).level);
  out[p.pillar.id] = [...reached].sort((a, b) => a - b);
}
process.stdout.write(JSON.stringify(out));
"""


@pytest.fixture(scope="module")
def rubric() -> Rubric:
    loaded, problems = load_rubric(RUBRIC_PATH)
    assert loaded is not None, problems
    return loaded


def test_every_prompt_asks_about_the_last_six_months(rubric: Rubric) -> None:
    hypothetical = [q.id for q in rubric.questions if not q.prompt.startswith(PROMPT_START)]
    assert not hypothetical, f"prompts not starting with {PROMPT_START!r}: {hypothetical}"


def test_no_authored_option_is_a_not_yet_choice(rubric: Rubric) -> None:
    # The quiz adds "not yet / does not apply" to every question itself.
    offending = [
        (q.id, o.text) for q in rubric.questions for o in q.options if any(w in o.text.lower() for w in NOT_YET_WORDS)
    ]
    assert not offending


def test_the_highest_level_option_is_the_longest_in_at_most_a_third(rubric: Rubric) -> None:
    giveaways = [q.id for q in rubric.questions if len(max(q.options, key=lambda o: o.level).text) == max_length(q)]
    assert 3 * len(giveaways) <= len(rubric.questions), f"{len(giveaways)} of {len(rubric.questions)}: {giveaways}"


def test_the_lowest_level_option_is_not_always_the_shortest(rubric: Rubric) -> None:
    tells = [q.id for q in rubric.questions if len(min(q.options, key=lambda o: o.level).text) == min_length(q)]
    assert 3 * len(tells) <= len(rubric.questions), f"{len(tells)} of {len(rubric.questions)}: {tells}"


def max_length(question: QuizQuestion) -> int:
    return max(len(o.text) for o in question.options)


def min_length(question: QuizQuestion) -> int:
    return min(len(o.text) for o in question.options)


def test_each_question_offers_distinct_levels_the_pillar_defines(rubric: Rubric) -> None:
    defined = {p.id: {lv.n for lv in p.levels} for p in rubric.pillars}
    for q in rubric.questions:
        levels = [o.level for o in q.options]
        assert len(levels) == len(set(levels)), f"{q.id} repeats a level: {levels}"
        assert set(levels) <= defined[q.pillar], f"{q.id} offers levels {levels}, pillar defines {defined[q.pillar]}"


def test_every_pillar_can_reach_every_level_it_defines(rubric: Rubric) -> None:
    node = shutil.which("node")
    if node is None:
        pytest.skip("node is not installed, so the real scorer in quiz.js cannot run")
    pillars = quiz_pillars(rubric)
    assert pillars, "the rubric has no self-check questions"
    reached = score_every_answer_set(node, pillars)
    unreachable = {
        p["id"]: sorted({lv["n"] for lv in p["levels"]} - set(reached[p["id"]]))
        for p in pillars
        if {lv["n"] for lv in p["levels"]} - set(reached[p["id"]])
    }
    assert not unreachable, f"levels no set of answers scores: {unreachable}"


def quiz_pillars(rubric: Rubric) -> list[dict[str, Any]]:
    groups: list[dict[str, Any]] = build_quiz_data(rubric)["ws"]  # type: ignore[assignment]
    return [p for w in groups for p in w["pillars"]]


def answer_sets(pillar: dict[str, Any]) -> list[dict[str, int]]:
    questions = pillar["questions"]
    ids = [q["id"] for q in questions]
    choices = [[o["level"] for o in q["options"]] for q in questions]
    return [dict(zip(ids, combo, strict=True)) for combo in itertools.product(*choices)]


def score_every_answer_set(node: str, pillars: list[dict[str, Any]]) -> dict[str, list[int]]:
    payload = [{"pillar": p, "answerSets": answer_sets(p)} for p in pillars]
    done = subprocess.run(
        [node, "-e", SCORE_ALL, str(QUIZ_JS)],
        input=json.dumps(payload),
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    result: dict[str, list[int]] = json.loads(done.stdout)
    return result
