"""``rubric.schema.json`` and ``framework.schema.json``: JSON Schemas (draft 2020-12) of what the generator reads
and writes.

The rubric schema is for editors (``# yaml-language-server: $schema=./rubric.schema.json``): it must accept
every rubric the loader accepts, reject what the loader rejects wherever a schema can tell, and know exactly
the loader's keys. The loader's located problems stay the authority for what a schema cannot express
(references between items, unique ids, every level described, citations that resolve, quoting).

One source, three places: ``generator/rubric.schema.json`` (package data, for the site root) is the file to
edit; the copy at the repository root (named by this repository's ``rubric.yaml``) and the one in
``generator/scaffold/`` (written by ``new`` beside the new project's ``rubric.yaml``) must be identical to it.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from jsonschema import Draft202012Validator

from generator.loading import parse_rubric
from generator.problems import ProblemLog, has_errors
from generator.project import project_from_folders
from generator.scaffold import read_template
from generator.schema import Reader
from generator.site import build_site
from tests import foreign_site
from tests.conftest import MINI_RUBRIC, REPO

SOURCE = REPO / "generator" / "rubric.schema.json"
COPIES = [REPO / "rubric.schema.json", REPO / "generator" / "scaffold" / "rubric.schema.json"]
FRAMEWORK_SCHEMA = REPO / "framework.schema.json"
MODELINE = "# yaml-language-server: $schema=./rubric.schema.json"


def load_json(path: Path) -> Any:
    return json.loads(path.read_text(encoding="utf-8"))


RUBRIC_SCHEMA = load_json(SOURCE)
VALIDATOR = Draft202012Validator(RUBRIC_SCHEMA)


def schema_errors(text: str) -> list[str]:
    """What the schema says about a rubric, read as the loader reads YAML (1.1, so ``12:34`` is a number)."""
    return [f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in VALIDATOR.iter_errors(yaml.safe_load(text))]


def loader_problems(text: str) -> list[str]:
    log = ProblemLog("rubric.yaml")
    parse_rubric(text.encode(), log)
    assert has_errors(log.problems) or not log.problems, [p.format() for p in log.problems]
    return [p.format() for p in log.problems]


# --- the schemas are schemas, and there is one of each ---------------------------------------------------------


@pytest.mark.parametrize("path", [SOURCE, FRAMEWORK_SCHEMA], ids=lambda p: p.name)
def test_a_valid_draft_2020_12_schema(path: Path) -> None:
    schema = load_json(path)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    Draft202012Validator.check_schema(schema)


@pytest.mark.parametrize("copy", COPIES, ids=lambda p: p.relative_to(REPO).as_posix())
def test_every_copy_of_the_rubric_schema_is_the_package_one(copy: Path) -> None:
    assert copy.read_bytes() == SOURCE.read_bytes(), (
        f"{copy.relative_to(REPO)} differs from generator/rubric.schema.json, the one to edit: "
        f"cp generator/rubric.schema.json {copy.relative_to(REPO)}"
    )


def object_schemas(schema: Any, where: str = "#") -> Iterator[tuple[str, dict[str, Any]]]:
    if isinstance(schema, dict):
        if schema.get("type") == "object":
            yield where, schema
        for key, value in schema.items():
            yield from object_schemas(value, f"{where}/{key}")
    elif isinstance(schema, list):
        for index, value in enumerate(schema):
            yield from object_schemas(value, f"{where}/{index}")


@pytest.mark.parametrize("path", [SOURCE, FRAMEWORK_SCHEMA], ids=lambda p: p.name)
def test_every_object_is_closed_and_every_key_explained(path: Path) -> None:
    schema = load_json(path)
    objects = list(object_schemas(schema))
    assert len(objects) >= 9
    for where, found in objects:
        assert found.get("additionalProperties") is False, where
        assert found.get("title") and found.get("description"), where
        for key, value in found["properties"].items():
            target = value
            if "$ref" in value:
                target = schema["$defs"][value["$ref"].rsplit("/", 1)[1]]
            assert value.get("description") or target.get("description"), f"{where}/properties/{key}"


# --- the same keys as the loader ------------------------------------------------------------------------------

# The loader's name for each mapping it reads → where the schema describes it.
LOADER_MAPPINGS = {
    "the rubric": "#",
    "a source": "#/$defs/source",
    "a level": "#/$defs/level",
    "a W": "#/$defs/w",
    "a pillar": "#/$defs/pillar",
    "a pillar level": "#/$defs/pillar-level",
    "a criterion": "#/$defs/criterion",
    "a principle": "#/$defs/principle",
    "quiz": "#/properties/quiz",
    "a question": "#/$defs/question",
    "an option": "#/$defs/option",
}


def resolve(pointer: str) -> dict[str, Any]:
    found: Any = RUBRIC_SCHEMA
    for part in pointer.lstrip("#/").split("/") if pointer != "#" else []:
        found = found[part]
    assert isinstance(found, dict)
    return found


def test_the_schema_knows_exactly_the_keys_the_loader_reads(monkeypatch: pytest.MonkeyPatch) -> None:
    seen: dict[str, tuple[set[str], set[str]]] = {}
    read_mapping = Reader.mapping

    def recording(self: Reader, node: Any, what: str, required: Any, optional: Any = ()) -> Any:
        required, optional = list(required), list(optional)
        seen[what] = (set(required), set(optional))
        return read_mapping(self, node, what, required, optional)

    monkeypatch.setattr(Reader, "mapping", recording)
    assert loader_problems(MINI_RUBRIC) == []
    assert sorted(seen) == sorted(LOADER_MAPPINGS)
    for what, (required, optional) in seen.items():
        described = resolve(LOADER_MAPPINGS[what])
        assert set(described["required"]) == required, what
        assert set(described["properties"]) == required | optional, what


# --- what the schema accepts --------------------------------------------------------------------------------


def rubrics_in_use() -> dict[str, str]:
    return {
        "rubric.yaml": (REPO / "rubric.yaml").read_text(encoding="utf-8"),
        "scaffold": read_template()["rubric.yaml"].decode("utf-8"),
        "golden-small": (REPO / "tests" / "golden" / "small" / "rubric.yaml").read_text(encoding="utf-8"),
        "golden-diff-old": (REPO / "tests" / "golden" / "diff" / "old.yaml").read_text(encoding="utf-8"),
        "golden-diff-new": (REPO / "tests" / "golden" / "diff" / "new.yaml").read_text(encoding="utf-8"),
        "mini": MINI_RUBRIC,
        "foreign-site": foreign_site.RUBRIC,
    }


@pytest.mark.parametrize(("name", "text"), list(rubrics_in_use().items()), ids=list(rubrics_in_use()))
def test_the_schema_accepts_every_rubric_in_use(name: str, text: str) -> None:
    assert loader_problems(text) == [], name
    assert schema_errors(text) == [], name


# Loader leniencies a schema must follow: an empty list, no quiz at all, an empty quiz.
LENIENT = [
    pytest.param(MINI_RUBRIC.replace('cites: ["mini@00:02:10"]', "cites:"), id="empty-cites"),
    pytest.param(MINI_RUBRIC.split("quiz:")[0], id="no-quiz"),
    pytest.param(MINI_RUBRIC.split("quiz:")[0] + "quiz: {}\n", id="empty-quiz"),
    pytest.param(MINI_RUBRIC.split("principles:")[0] + "quiz: {}\n", id="no-principles"),
    pytest.param(MINI_RUBRIC.replace("{id: ships-big,", "{id: ships-large, aliases: [ships-big],"), id="aliases"),
    pytest.param(MINI_RUBRIC.replace('title: "Mini handbook"', "title: Mini handbook"), id="plain-string"),
]


@pytest.mark.parametrize("text", LENIENT)
def test_the_schema_accepts_what_the_loader_tolerates(text: str) -> None:
    assert loader_problems(text) == []
    assert schema_errors(text) == []


# --- what both reject ------------------------------------------------------------------------------------------

REJECTED = [
    # unknown keys
    pytest.param(MINI_RUBRIC + "colour: red\n", "colour", id="unknown-top-key"),
    pytest.param(
        MINI_RUBRIC.replace("    w: make\n", "    w: make\n    colour: red\n"), "colour", id="unknown-pillar-key"
    ),
    pytest.param(
        MINI_RUBRIC.replace('text: "Ships a big thing."', 'txt: "Ships a big thing."'),
        "txt",
        id="unknown-criterion-key",
    ),
    pytest.param(
        MINI_RUBRIC.replace('{level: 0, text: "Ask."}', '{level: 0, text: "Ask.", score: 1}'),
        "score",
        id="unknown-option-key",
    ),
    pytest.param(MINI_RUBRIC.replace("quiz:\n", "quiz:\n  shuffle: true\n"), "shuffle", id="unknown-quiz-key"),
    pytest.param(
        MINI_RUBRIC.replace('  - {n: 0, name: "Start"}', '  - {n: 0, name: "Start", aliases: [zero]}'),
        "aliases",
        id="aliases-on-a-level",
    ),
    # missing required fields
    pytest.param(MINI_RUBRIC.replace('version: "1.0"\n', ""), "version", id="no-version"),
    pytest.param(MINI_RUBRIC.replace(', duration: "00:10:00"', ""), "duration", id="source-without-duration"),
    pytest.param(MINI_RUBRIC.replace(', summary: "Things."', ""), "summary", id="w-without-summary"),
    pytest.param(MINI_RUBRIC.replace(', text: "Asks for help early."', ""), "text", id="criterion-without-text"),
    pytest.param(MINI_RUBRIC.replace("group: tenets, ", ""), "group", id="principle-without-group"),
    # wrong types
    pytest.param(MINI_RUBRIC.replace("schema: 1", "schema: 2"), "schema", id="schema-2"),
    pytest.param(MINI_RUBRIC.replace('title: "Mini handbook"', "title: 12"), "title", id="number-for-text"),
    pytest.param(MINI_RUBRIC.replace('title: "Mini handbook"', "title: yes"), "title", id="boolean-for-text"),
    pytest.param(MINI_RUBRIC.replace('version: "1.0"', "version: 1.0"), "version", id="unquoted-version"),
    pytest.param(MINI_RUBRIC.replace('"00:10:00"', "10:10:00"), "duration", id="unquoted-duration"),
    pytest.param(MINI_RUBRIC.replace("{n: 1, name", '{n: "1", name'), "levels", id="quoted-number"),
    pytest.param(MINI_RUBRIC.replace("{n: 1, name", "{n: -1, name"), "levels", id="negative-level"),
    pytest.param(
        MINI_RUBRIC.replace('cites: ["mini@00:02:10"]', 'cites: "mini@00:02:10"'), "cites", id="citation-not-in-a-list"
    ),
    pytest.param(MINI_RUBRIC.replace("quiz:\n  questions:", "quiz:\n  - questions:"), "quiz", id="quiz-as-a-list"),
    pytest.param(
        MINI_RUBRIC.replace("pillars:\n  - id: craft", "pillars:\n  craft:\n    id: craft"),
        "pillars",
        id="mapping-for-list",
    ),
    # forms of ids, times and citations
    pytest.param(MINI_RUBRIC.replace("id: ships-big", "id: Ships_Big"), "id", id="bad-id"),
    pytest.param(MINI_RUBRIC.replace("id: ships-big", "id: ships--big"), "id", id="double-hyphen"),
    pytest.param(
        MINI_RUBRIC.replace("{id: ships-big,", "{id: ships-big, aliases: [Old Name],"), "aliases", id="bad-alias"
    ),
    pytest.param(MINI_RUBRIC.replace("w: make, title", "w: Make, title"), "w", id="bad-w-reference"),
    pytest.param(MINI_RUBRIC.replace('"mini@00:02:10"', '"mini@2:10"'), "cites", id="short-citation-time"),
    pytest.param(MINI_RUBRIC.replace('"mini@00:02:10"', '"mini 00:02:10"'), "cites", id="citation-without-at"),
    pytest.param(MINI_RUBRIC.replace('"mini@00:02:10"', '"mini@00:02:60"'), "cites", id="citation-second-60"),
    pytest.param(MINI_RUBRIC.replace('"abcdefghijk"', '"abc"'), "video", id="short-video-id"),
    pytest.param(MINI_RUBRIC.replace('"00:10:00"', '"10:00"'), "duration", id="duration-without-hours"),
    pytest.param(MINI_RUBRIC.replace('"00:10:00"', '"00:00:00"'), "duration", id="zero-duration"),
]


@pytest.mark.parametrize(("text", "key"), REJECTED)
def test_the_schema_and_the_loader_both_reject(text: str, key: str) -> None:
    found = schema_errors(text)
    assert found, "the schema accepts it"
    assert any(key in error for error in found), found
    problems = loader_problems(text)
    assert problems, "the loader accepts it"
    assert all(p.startswith("rubric.yaml:") for p in problems)


# --- what only the loader can tell: it stays the authority ---------------------------------------------------

LOADER_ONLY = [
    pytest.param(
        MINI_RUBRIC.replace("    w: make", "    w: mkae"),
        "rubric.yaml:14:8: error [unknown-reference] unknown W 'mkae'",
        id="unknown-reference",
    ),
    pytest.param(
        MINI_RUBRIC.replace("{id: helps-others,", "{id: ships-big,"),
        "rubric.yaml:27:18: error [duplicate-id] criterion id 'ships-big' is used twice",
        id="duplicate-id",
    ),
    pytest.param(
        MINI_RUBRIC.replace("{id: asks-for-help, text", "{id: asks-for-help, aliases: [ships-small], text"),
        "rubric.yaml:22:43: error [duplicate-id] criterion id 'ships-small' is used twice",
        id="alias-shadows-an-id",
    ),
    pytest.param(
        MINI_RUBRIC.replace('  - {n: 1, name: "Grown"}', '  - {n: 1, name: "Grown"}\n  - {n: 2, name: "Wise"}'),
        "rubric.yaml:13:9: error [missing-levels] pillar 'craft' does not describe level(s) 2",
        id="level-not-described",
    ),
    pytest.param(
        MINI_RUBRIC.replace('{level: 1, text: "Ship."}', '{level: 7, text: "Ship."}'),
        "rubric.yaml:37:19: error [unknown-level] option level 7 is not on the scale",
        id="level-not-on-the-scale",
    ),
    pytest.param(MINI_RUBRIC.replace('title: "Mini handbook"', "title: 00:10:00"), None, id="yaml-1.1-reads-a-string"),
]


@pytest.mark.parametrize(("text", "problem"), LOADER_ONLY)
def test_what_the_schema_cannot_express_the_loader_reports_located(text: str, problem: str | None) -> None:
    assert schema_errors(text) == []
    problems = loader_problems(text)
    if problem is None:
        # PyYAML reads an unquoted 00:10:00 as text, so both accept it; editors (YAML 1.2) agree.
        assert problems == []
    else:
        assert any(p.startswith(problem) for p in problems), problems


# --- where the schema is named --------------------------------------------------------------------------------


def test_the_repository_rubric_names_the_schema_beside_it() -> None:
    assert (REPO / "rubric.yaml").read_text(encoding="utf-8").splitlines()[0] == MODELINE
    assert (REPO / "rubric.schema.json").is_file()


def test_a_new_project_gets_the_schema_its_rubric_names() -> None:
    template = read_template()
    assert template["rubric.yaml"].decode("utf-8").splitlines()[0] == MODELINE
    assert template["rubric.schema.json"] == SOURCE.read_bytes()


# --- framework.json -------------------------------------------------------------------------------------------


def framework_of(root: Path, rubric: Path, transcripts: Path) -> Any:
    site = build_site(project_from_folders(root, rubric, transcripts))
    assert site.ok, [p.format() for p in site.problems]
    return json.loads(dict(site.files)["framework.json"])


@pytest.mark.parametrize(
    "root",
    [pytest.param(REPO, id="repository"), pytest.param(REPO / "tests" / "golden" / "small", id="golden-small")],
)
def test_framework_json_has_the_documented_shape(root: Path) -> None:
    transcripts = root / "content" / "transcripts" if root == REPO else root / "docs" / "transcripts"
    framework = framework_of(root, root / "rubric.yaml", transcripts)
    validator = Draft202012Validator(load_json(FRAMEWORK_SCHEMA))
    errors = [f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in validator.iter_errors(framework)]
    assert errors == []
