"""``/framework.json``: the framework, machine-readable, with the URL of every citable part."""

from __future__ import annotations

import json

from . import urls
from .linking import Links
from .model import Citation, Rubric, provenance_of


def _cites(cites: tuple[Citation, ...], links: Links) -> list[dict[str, object]]:
    out: list[dict[str, object]] = []
    for cite in cites:
        note = links.notes.get(cite.note)
        out.append(
            {
                "note": cite.note,
                "time": cite.text.split("@", 1)[1],
                "seconds": cite.seconds,
                "url": urls.url_path(urls.transcript_page(cite.note, links.transcripts_dir))
                + "#"
                + urls.timestamp_anchor(cite.seconds),
                "video": urls.video_url(note.video, cite.seconds) if note and note.video else None,
            }
        )
    return out


def build_framework(rubric: Rubric, links: Links) -> dict[str, object]:
    return {
        "schema": 1,
        "title": rubric.title,
        "version": rubric.version,
        "sources": [
            {
                "id": s.id,
                "video": s.video,
                "title": s.title,
                "speaker": s.speaker,
                "show": s.show,
                "duration": s.duration,
            }
            for s in rubric.sources
        ],
        "levels": [{"n": lv.n, "name": lv.name, "url": urls.url_path(urls.level_page(lv.n))} for lv in rubric.levels],
        "ws": [
            {
                "id": w.id,
                "title": w.title,
                "summary": w.summary,
                "url": urls.url_path(urls.w_page(w.id)),
                "cites": _cites(w.cites, links),
                "provenance": provenance_of(w.cites),
            }
            for w in rubric.ws
        ],
        "pillars": [
            {
                "id": p.id,
                "title": p.title,
                "w": p.w,
                "summary": p.summary,
                "url": urls.url_path(urls.pillar_page(p.id)),
                "cites": _cites(p.cites, links),
                "provenance": provenance_of(p.cites),
                "levels": [
                    {
                        "n": lv.n,
                        "summary": lv.summary,
                        "url": urls.url_path(urls.pillar_level_page(p.id, lv.n)),
                        "cites": _cites(lv.cites, links),
                        "provenance": provenance_of(lv.cites),
                        "criteria": [
                            {
                                "id": c.id,
                                "text": c.text,
                                "url": urls.url_path(urls.pillar_level_page(p.id, lv.n)) + "#" + c.id,
                                "cites": _cites(c.cites, links),
                                "provenance": provenance_of(c.cites),
                            }
                            for c in lv.criteria
                        ],
                    }
                    for lv in p.levels
                ],
            }
            for p in rubric.pillars
        ],
        "principles": [
            {
                "id": p.id,
                "group": p.group,
                "w": p.w,
                "title": p.title,
                "text": p.text,
                "url": urls.url_path(urls.PRINCIPLES) + "#" + p.id,
                "cites": _cites(p.cites, links),
                "provenance": provenance_of(p.cites),
            }
            for p in rubric.principles
        ],
        "changelog": [{"version": e.version, "date": e.date, "summary": e.summary} for e in rubric.changelog],
    }


def render_framework_json(rubric: Rubric, links: Links) -> str:
    return json.dumps(build_framework(rubric, links), ensure_ascii=False, indent=2, sort_keys=True) + "\n"
