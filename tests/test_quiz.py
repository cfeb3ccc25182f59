"""The self-check page's data and Markdown (generator/quiz.py) and the size of its assets."""

from __future__ import annotations

import dataclasses
import gzip
import json
import re
from pathlib import Path

import pytest

from generator import quiz, urls
from generator.model import (
    Criterion,
    Id,
    Level,
    Pillar,
    PillarLevel,
    QuizOption,
    QuizQuestion,
    Rubric,
    W,
)

ROOT = Path(__file__).resolve().parent.parent
ASSETS = ROOT / "generator" / "assets"
HOSTILE = "</script><script>alert(1)</script> <img src=x onerror=alert(1)> & \u2028"


def make_pillar(pillar_id: str, w: str, levels: int = 3, title: str = "") -> Pillar:
    return Pillar(
        id=Id(pillar_id),
        title=title or pillar_id.title(),
        w=Id(w),
        summary="",
        levels=tuple(
            PillarLevel(
                n=n,
                summary=f"{pillar_id} summary {n}",
                criteria=(Criterion(Id(f"{pillar_id}-c{n}"), f"{pillar_id} criterion {n}", ()),),
                cites=(),
            )
            for n in range(levels)
        ),
        cites=(),
    )


def make_question(qid: str, pillar: str, prompt: str = "", levels: int = 3) -> QuizQuestion:
    options = tuple(QuizOption(n, f"{qid} option {n}") for n in range(levels))
    return QuizQuestion(Id(qid), Id(pillar), prompt or f"{qid}?", options)


def make_rubric(questions: tuple[QuizQuestion, ...] = (), **changes: object) -> Rubric:
    rubric = Rubric(
        title="Handbook",
        version="2026.11",
        sources=(),
        levels=tuple(Level(n, f"Level name {n}") for n in range(3)),
        ws=(
            W(Id("produce"), "What you produce", "", ()),
            W(Id("bring"), "What you bring", "", ()),
        ),
        # Rubric order interleaves the Ws on purpose: display groups them.
        pillars=(
            make_pillar("craft", "bring"),
            make_pillar("data", "produce"),
            make_pillar("vision", "bring"),
        ),
        principles=(),
        questions=questions
        or (
            make_question("data-a", "data"),
            make_question("craft-a", "craft"),
            make_question("data-b", "data"),
        ),
    )
    return dataclasses.replace(rubric, **changes)  # type: ignore[arg-type]


def pillars_of(data: dict[str, object]) -> list[dict[str, object]]:
    ws = data["ws"]
    assert isinstance(ws, list)
    return [p for w in ws for p in w["pillars"]]


def embedded_json(page: str) -> str:
    match = re.search(
        r'<script type="application/json" id="handbook-self-check-data">(.*?)</script>',
        page,
        re.DOTALL,
    )
    assert match, page
    return match.group(1)


@pytest.mark.parametrize(
    ("to_page", "anchor", "expected"),
    [
        (urls.pillar_level_page("data", 3), "", "../pillars/data/level-3/"),
        (
            urls.pillar_level_page("data", 3),
            "defines-metrics",
            "../pillars/data/level-3/#defines-metrics",
        ),
        (urls.pillar_page("data"), "", "../pillars/data/"),
        (urls.MATRIX, "", "../matrix/"),
        (urls.HOME, "", "../"),
        (urls.SELF_CHECK, "", "./"),
    ],
)
def test_served_link_is_relative_to_self_check(to_page: str, anchor: str, expected: str) -> None:
    assert quiz.served_link(urls.SELF_CHECK, to_page, anchor) == expected


def test_pillars_are_grouped_by_w_and_keep_rubric_order() -> None:
    data = quiz.build_quiz_data(make_rubric())
    ws = data["ws"]
    assert isinstance(ws, list)
    assert [(w["id"], [p["id"] for p in w["pillars"]]) for w in ws] == [
        ("produce", ["data"]),
        ("bring", ["craft", "vision"]),
    ]
    assert {p["id"]: p["order"] for p in pillars_of(data)} == {
        "craft": 0,
        "data": 1,
        "vision": 2,
    }


def test_questions_keep_rubric_order_within_a_pillar() -> None:
    data = quiz.build_quiz_data(make_rubric())
    data_pillar = pillars_of(data)[0]
    assert [q["id"] for q in data_pillar["questions"]] == ["data-a", "data-b"]
    options = data_pillar["questions"][0]["options"]
    assert options == [
        {"level": o.level, "text": o.text}
        for o in quiz.shown_order("data-a", [QuizOption(n, f"data-a option {n}") for n in range(3)])
    ]


def test_a_pillar_without_questions_gets_one_from_its_level_summaries() -> None:
    vision = pillars_of(quiz.build_quiz_data(make_rubric()))[2]
    assert vision["questions"] == [
        {
            "id": "vision.levels",
            "prompt": "Which describes your work best?",
            "options": [
                {"level": o.level, "text": o.text}
                for o in quiz.shown_order("vision.levels", [QuizOption(n, f"vision summary {n}") for n in range(3)])
            ],
        }
    ]


def test_generated_question_ids_cannot_collide_with_rubric_ids() -> None:
    question = quiz.build_questions(make_rubric(), make_pillar("vision", "bring"))[0]
    assert not urls.ID_PATTERN.match(question.id)


def test_a_pillar_with_neither_questions_nor_levels_is_left_out() -> None:
    rubric = make_rubric(pillars=(make_pillar("data", "produce"), make_pillar("empty", "bring", 0)))
    data = quiz.build_quiz_data(rubric)
    assert [w["id"] for w in data["ws"]] == ["produce"]  # type: ignore[attr-defined]


def test_links_are_relative_to_the_self_check_page() -> None:
    data_pillar = pillars_of(quiz.build_quiz_data(make_rubric()))[0]
    assert data_pillar["url"] == "../pillars/data/"
    level = data_pillar["levels"][2]
    assert level["url"] == "../pillars/data/level-2/"
    assert level["name"] == "Level name 2"
    assert level["criteria"] == [
        {
            "id": "data-c2",
            "text": "data criterion 2",
            "provenance": "handbook",
            "url": "../pillars/data/level-2/#data-c2",
        }
    ]


def test_data_names_the_rubric_and_its_scale() -> None:
    data = quiz.build_quiz_data(make_rubric())
    assert data["version"] == "2026.11"
    assert data["title"] == "Handbook"
    assert data["levels"] == [{"n": n, "name": f"Level name {n}"} for n in range(3)]


def test_data_is_json_serialisable_and_deterministic() -> None:
    first = json.dumps(quiz.build_quiz_data(make_rubric()))
    assert first == json.dumps(quiz.build_quiz_data(make_rubric()))


def test_page_embeds_the_data_where_quiz_js_finds_it() -> None:
    rubric = make_rubric()
    page = quiz.render_self_check_page(rubric).body
    assert page.startswith("# Self\\-check\n")
    assert 'data-handbook-component="self-check"' in page
    assert json.loads(embedded_json(page)) == [quiz.build_quiz_data(rubric)]
    assert "[matrix](matrix.md)" in page


def test_hostile_text_is_data_not_markup() -> None:
    rubric = make_rubric(
        questions=(make_question("data-a", "data", prompt=HOSTILE),),
        title=HOSTILE,
        version='2026"<x>',
    )
    page = quiz.render_self_check_page(rubric).body
    payload = embedded_json(page)
    assert "<" not in payload and ">" not in payload and "&" not in payload
    assert "\u2028" not in payload
    assert page.count("<script") == 1 and page.count("</script>") == 1
    assert "<img" not in page and "<script>alert" not in page
    [decoded] = json.loads(payload)
    assert decoded["title"] == HOSTILE
    assert pillars_of(decoded)[0]["questions"][0]["prompt"] == HOSTILE


@pytest.mark.parametrize(
    ("text", "escaped"),
    [
        ("</script>", '"\\u003c/script\\u003e"'),
        ("<!--", '"\\u003c!--"'),
        ("a & b", '"a \\u0026 b"'),
        ("é \u2029", '"é \\u2029"'),
    ],
)
def test_json_for_html_escapes(text: str, escaped: str) -> None:
    assert quiz.encode_json_for_html(text) == escaped
    assert json.loads(escaped) == text


def test_quiz_assets_fit_in_twelve_kilobytes_gzipped() -> None:
    # 10 KB until shared results, undo, "not yet" answers and provenance markers came in (11 KB then).
    total = sum(len(gzip.compress((ASSETS / name).read_bytes(), compresslevel=9)) for name in ("quiz.js", "quiz.css"))
    assert total <= 12 * 1024, f"quiz.js + quiz.css are {total} bytes gzipped"


def test_options_are_shown_in_an_order_fixed_by_the_question_id_not_by_level() -> None:
    options = [QuizOption(n, f"option {n}") for n in range(6)]
    first = quiz.shown_order("some-question", options)
    assert sorted(o.level for o in first) == list(range(6))  # a permutation
    assert quiz.shown_order("some-question", list(reversed(options))) == first  # not the rubric's order
    assert quiz.shown_order("some-question", options) == first  # the same in every build
    ids = [f"question-{n}" for n in range(40)]
    by_level = sum(1 for i in ids if [o.level for o in quiz.shown_order(i, options)] == list(range(6)))
    assert by_level <= 1
    assert len({tuple(o.level for o in quiz.shown_order(i, options)) for i in ids}) > 30


def test_quiz_js_never_parses_html() -> None:
    source = (ASSETS / "quiz.js").read_text(encoding="utf-8")
    for sink in (
        "innerHTML",
        "outerHTML",
        "insertAdjacentHTML",
        "document.write",
        "eval(",
    ):
        assert sink not in source
