"""The self-check page: quiz data prepared from the rubric for ``quiz.js`` to render.

The page is Markdown with one HTML island: a root element quiz.js mounts on, holding the quiz data as JSON in
``<script type="application/json">``. Question and option text is data, never markup: it travels as JSON with
``<``, ``>`` and ``&`` escaped, and the browser code builds the DOM with ``textContent``. Every link in the data
is a relative URL computed here from :mod:`urls`.

The JSON is a one-element array. Material's instant navigation re-inserts every ``<script>`` of the content as a
classic script without its attributes; a JSON array is a harmless JavaScript expression there, where a bare
object would be a syntax error.
"""

from __future__ import annotations

import hashlib
import json
import posixpath
from collections.abc import Iterable

from . import urls
from .model import Id, Pillar, QuizOption, QuizQuestion, Rubric, provenance_of
from .templating import PACKAGE_TEMPLATES, RenderedPage, Templates, md

COMPONENT = "self-check"
DATA_ELEMENT_ID = "handbook-self-check-data"
FALLBACK_PROMPT = "Which describes your work best?"
# Rubric ids are [a-z0-9-]+, so a generated id with a dot can never collide with an authored one.
FALLBACK_ID_SUFFIX = ".levels"
DATA_FORMAT = 1

_HTML_ESCAPES = {
    ord("<"): "\\u003c",
    ord(">"): "\\u003e",
    ord("&"): "\\u0026",
    0x2028: "\\u2028",
    0x2029: "\\u2029",
}


def served_link(from_page: str, to_page: str, anchor: str = "") -> str:
    """The relative URL from the page served for ``from_page`` to the one for ``to_page``.

    ``served_link(urls.SELF_CHECK, urls.pillar_level_page("data", 3))`` is
    ``../pillars/data/level-3/``. Unlike :func:`urls.relative_link` (links between Markdown
    sources, rewritten by MkDocs) this is the URL a browser follows from the built page.
    """
    start = urls.url_path(from_page) or "."
    target = urls.url_path(to_page) or "."
    link = posixpath.relpath(target, start)
    link = "./" if link == "." else f"{link}/"
    return f"{link}#{anchor}" if anchor else link


def shown_order(question_id: str, options: Iterable[QuizOption]) -> list[QuizOption]:
    """The options in the order the page shows them: fixed by the question's id, never by level.

    A reader cannot pick the last option to get the top level, and the order is the same in every
    build, on every machine, whatever the order in rubric.yaml.
    """

    def key(option: QuizOption) -> str:
        return hashlib.sha256(f"{question_id}\0{option.level}".encode()).hexdigest()

    return sorted(options, key=key)


def build_questions(rubric: Rubric, pillar: Pillar) -> tuple[QuizQuestion, ...]:
    """The pillar's authored questions, or one generated from its level summaries."""
    authored = tuple(q for q in rubric.questions if q.pillar == pillar.id)
    if authored or not pillar.levels:
        return authored
    options = tuple(QuizOption(level=lv.n, text=lv.summary) for lv in pillar.levels)
    generated_id = Id(f"{pillar.id}{FALLBACK_ID_SUFFIX}")
    return (QuizQuestion(generated_id, pillar.id, FALLBACK_PROMPT, options),)


def _build_pillar(rubric: Rubric, pillar: Pillar) -> dict[str, object]:
    here = urls.SELF_CHECK
    levels = []
    for level in sorted(pillar.levels, key=lambda lv: lv.n):
        page = urls.pillar_level_page(pillar.id, level.n)
        levels.append(
            {
                "n": level.n,
                "name": rubric.level_name(level.n),
                "summary": level.summary,
                "provenance": provenance_of(level.cites),
                "url": served_link(here, page),
                "criteria": [
                    {
                        "id": c.id,
                        "text": c.text,
                        "provenance": provenance_of(c.cites),
                        "url": served_link(here, page, c.id),
                    }
                    for c in level.criteria
                ],
            }
        )
    questions = [
        {
            "id": q.id,
            "prompt": q.prompt,
            "options": [{"level": o.level, "text": o.text} for o in shown_order(q.id, q.options)],
        }
        for q in build_questions(rubric, pillar)
    ]
    return {
        "id": pillar.id,
        "title": pillar.title,
        "order": rubric.pillars.index(pillar),
        "url": served_link(here, urls.pillar_page(pillar.id)),
        "levels": levels,
        "questions": questions,
    }


def _ordered_groups(rubric: Rubric) -> list[tuple[Id, str, tuple[Pillar, ...]]]:
    """(w id, w title, pillars) in rubric order; pillars of an unknown W keep their own group."""
    groups = [(w.id, w.title, rubric.pillars_of(w.id)) for w in rubric.ws]
    known = {w.id for w in rubric.ws}
    for w_id in dict.fromkeys(p.w for p in rubric.pillars if p.w not in known):
        groups.append((w_id, w_id, rubric.pillars_of(w_id)))
    return groups


def build_quiz_data(rubric: Rubric) -> dict[str, object]:
    """Everything quiz.js needs, as plain JSON-serialisable data, deterministic and ordered.

    Pillars come grouped by W for display; each keeps its position in the rubric as ``order``, which breaks ties
    when choosing where to focus. Each question's options carry the level they stand for; links are relative to
    ``/self-check/``.
    """
    groups = [
        {
            "id": w_id,
            "title": title,
            "pillars": [_build_pillar(rubric, p) for p in pillars if build_questions(rubric, p)],
        }
        for w_id, title, pillars in _ordered_groups(rubric)
    ]
    return {
        "format": DATA_FORMAT,
        "title": rubric.title,
        "version": rubric.version,
        "levels": [{"n": lv.n, "name": lv.name} for lv in sorted(rubric.levels, key=lambda lv: lv.n)],
        "ws": [g for g in groups if g["pillars"]],
    }


def encode_json_for_html(data: object) -> str:
    """JSON safe inside a ``<script>`` element: no ``<``, ``>`` or ``&`` survives unescaped."""
    text = json.dumps(data, ensure_ascii=False, sort_keys=False, separators=(",", ":"))
    return text.translate(_HTML_ESCAPES)


def render_self_check_page(rubric: Rubric, templates: Templates = PACKAGE_TEMPLATES) -> RenderedPage:
    """The self-check page: an introduction and the quiz's mount point, holding the quiz data."""
    payload = encode_json_for_html([build_quiz_data(rubric)])
    quiz = (
        f'<div class="handbook-self-check" data-handbook-component="{COMPONENT}">\n'
        "<noscript><p>The self-check runs in your browser and needs JavaScript.</p></noscript>\n"
        f'<script type="application/json" id="{DATA_ELEMENT_ID}">{payload}</script>\n'
        "</div>"
    )
    return templates.render(
        "self-check", "Self-check", matrix_link=md(urls.relative_link(urls.SELF_CHECK, urls.MATRIX)), quiz=md(quiz)
    )
