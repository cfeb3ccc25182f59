"""rubric.yaml hazards: each is rejected with its exact ``path:line:col``, message and hint.

Every test starts from ``BASE`` (a valid rubric; its line numbers are in the comment beside it),
changes whole lines with ``edit({line: text})`` so the line a problem is on is the key of that
edit, writes the bytes to ``tmp_path/rubric.yaml`` and loads it with ``load_rubric``.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.loading import load_rubric
from generator.problems import Problem, Severity, sort_problems

BASE = """\
schema: 1
title: "Mini handbook"
version: "1.0"
sources:
  - {id: talk, video: "abcdefghijk", title: "A talk", speaker: "Someone", show: "A show", duration: "00:10:00"}
levels:
  - {n: 0, name: "Start"}
  - {n: 1, name: "Grown"}
ws:
  - {id: make, title: "What you make", summary: "Things."}
pillars:
  - id: craft
    title: "Craft"
    w: make
    summary: "Making things well."
    levels:
      - n: 0
        summary: "Makes small things."
        criteria:
          - {id: ships-small, text: "Ships a small thing."}
      - n: 1
        summary: "Makes big things."
        criteria:
          - {id: ships-big, text: "Ships a big thing."}
principles:
  - {id: keep-going, group: tenets, w: make, title: "Keep going", text: "Do not stop."}
quiz:
  questions:
    - id: craft-first
      pillar: craft
      prompt: "What do you do first?"
      options:
        - {level: 0, text: "Ask."}
        - {level: 1, text: "Ship."}
"""
#  1 schema          10 ws[0]            19 criteria:          28 questions:
#  2 title           11 pillars:         20 ships-small        29 - id: craft-first
#  3 version         12 - id: craft      21 - n: 1             30 pillar: craft
#  4 sources:        13 title            22 summary            31 prompt
#  5 sources[0]      14 w: make          23 criteria:          32 options:
#  6 levels:         15 summary          24 ships-big          33 level 0 option
#  7 level 0         16 levels:          25 principles:        34 level 1 option
#  8 level 1         17 - n: 0           26 keep-going
#  9 ws:             18 summary          27 quiz:


def edit(changes: dict[int, str]) -> str:
    lines = BASE.split("\n")
    for number, text in changes.items():
        lines[number - 1] = text
    return "\n".join(lines)


def load(tmp_path: Path, text: str | bytes) -> list[Problem]:
    path = tmp_path / "rubric.yaml"
    path.write_bytes(text if isinstance(text, bytes) else text.encode("utf-8"))
    rubric, problems = load_rubric(path, "rubric.yaml")
    if any(p.severity is Severity.ERROR for p in problems):
        assert rubric is None
    return sort_problems(problems)


def formatted(tmp_path: Path, text: str | bytes) -> list[str]:
    return [p.format() for p in load(tmp_path, text)]


def test_base_rubric_is_valid(tmp_path: Path) -> None:
    assert load(tmp_path, BASE) == []


def test_base_comment_matches_its_lines() -> None:
    lines = BASE.split("\n")
    assert lines[11] == "  - id: craft" and lines[29] == "      pillar: craft" and lines[33].endswith('"Ship."}')


# --- duplicate keys -------------------------------------------------------------------------------


def test_duplicate_top_level_key_names_the_first(tmp_path: Path) -> None:
    assert formatted(tmp_path, edit({3: 'version: "1.0"\ntitle: "Again"'})) == [
        "rubric.yaml:4:1: error [duplicate-key] duplicate key 'title' (first defined at line 2, column 1). "
        "hint: remove one of the two, or merge them"
    ]


def test_duplicate_key_in_a_flow_mapping(tmp_path: Path) -> None:
    assert formatted(tmp_path, edit({10: '  - {id: make, title: "What you make", summary: "Things.", id: mk}'})) == [
        "rubric.yaml:10:60: error [duplicate-key] duplicate key 'id' (first defined at line 10, column 6). "
        "hint: remove one of the two, or merge them"
    ]


def test_duplicate_key_in_a_nested_block_mapping(tmp_path: Path) -> None:
    assert formatted(tmp_path, edit({13: '    title: "Craft"\n    title: "Craft again"'})) == [
        "rubric.yaml:14:5: error [duplicate-key] duplicate key 'title' (first defined at line 13, column 5). "
        "hint: remove one of the two, or merge them"
    ]


# --- unknown keys ---------------------------------------------------------------------------------


def test_unknown_top_level_key_suggests_the_closest(tmp_path: Path) -> None:
    assert formatted(tmp_path, edit({3: 'versoin: "1.0"'})) == [
        "rubric.yaml:1:1: error [missing-key] the rubric has no 'version' (expected it). "
        "hint: add 'version: ...' to the rubric",
        "rubric.yaml:3:1: error [unknown-key] unknown key 'versoin' in the rubric "
        "(expected one of: schema, title, version, levels, ws, pillars, sources, principles, quiz, changelog). "
        "hint: did you mean 'version'?",
    ]


def test_unknown_key_in_a_criterion(tmp_path: Path) -> None:
    assert formatted(tmp_path, edit({20: '          - {id: ships-small, txt: "Ships a small thing."}'})) == [
        "rubric.yaml:20:13: error [missing-key] a criterion has no 'text' (expected it). "
        "hint: add 'text: ...' to a criterion",
        "rubric.yaml:20:31: error [unknown-key] unknown key 'txt' in a criterion "
        "(expected one of: id, text, cites, aliases). "
        "hint: did you mean 'text'?",
    ]


def test_unknown_key_with_nothing_close_lists_the_known_keys(tmp_path: Path) -> None:
    assert formatted(tmp_path, edit({13: '    title: "Craft"\n    colour: blue'})) == [
        "rubric.yaml:14:5: error [unknown-key] unknown key 'colour' in a pillar "
        "(expected one of: id, title, w, summary, levels, cites, aliases). "
        "hint: known keys: id, title, w, summary, levels, cites, aliases"
    ]


# --- tags, anchors, aliases -----------------------------------------------------------------------


def test_python_tag_is_rejected_and_never_run(tmp_path: Path) -> None:
    marker = tmp_path / "ran"
    problems = formatted(tmp_path, edit({2: f'title: !!python/object/apply:os.system ["touch {marker}"]'}))
    assert problems == [
        "rubric.yaml:2:8: error [yaml-tag] tag 'tag:yaml.org,2002:python/object/apply:os.system' "
        "(expected no tags). hint: remove the tag; quote the value if it must be a string"
    ]
    assert not marker.exists()


@pytest.mark.parametrize(
    ("value", "tag"),
    [("!!str 12:34", "tag:yaml.org,2002:str"), ("!custom x", "!custom"), ("!!binary aGk=", "tag:yaml.org,2002:binary")],
)
def test_any_tag_is_rejected(tmp_path: Path, value: str, tag: str) -> None:
    assert formatted(tmp_path, edit({3: f"version: {value}"})) == [
        f"rubric.yaml:3:10: error [yaml-tag] tag '{tag}' (expected no tags). "
        "hint: remove the tag; quote the value if it must be a string"
    ]


def test_anchor_and_alias_are_rejected(tmp_path: Path) -> None:
    text = edit({2: 'title: &name "Mini handbook"', 13: "    title: *name"})
    assert formatted(tmp_path, text) == [
        "rubric.yaml:2:8: error [yaml-anchor] anchor '&name' (expected plain values). "
        "hint: anchors and aliases are not supported; write the value out",
        "rubric.yaml:13:12: error [yaml-alias] alias '*name' (expected plain values). "
        "hint: anchors and aliases are not supported; write the value out",
    ]


def test_merge_key_alias_is_rejected(tmp_path: Path) -> None:
    text = edit({10: '  - &w {id: make, title: "What you make", summary: "Things."}\n  - {<<: *w, id: other}'})
    assert [(p.line, p.col, p.code) for p in load(tmp_path, text)] == [
        (10, 5, "yaml-anchor"),
        (11, 10, "yaml-alias"),
    ]


def test_alias_as_a_key_is_rejected(tmp_path: Path) -> None:
    text = edit({2: 'title: &t "Mini handbook"', 3: 'version: "1.0"\n*t : x'})
    assert [(p.line, p.col, p.code) for p in load(tmp_path, text)] == [(2, 8, "yaml-anchor"), (4, 1, "yaml-alias")]


# --- YAML 1.1 surprises ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("line", "text", "col", "what", "value", "reading"),
    [
        (3, "version: 12:34", 10, "version", "12:34", "an integer"),
        (3, "version: 1:02:03", 10, "version", "1:02:03", "an integer"),
        (3, "version: 2026.11", 10, "version", "2026.11", "a number"),
        (3, "version: 2026-11-01", 10, "version", "2026-11-01", "a date"),
        (7, "  - {n: 0, name: NO}", 18, "level name", "NO", "a boolean"),
        (13, "    title: yes", 12, "title", "yes", "a boolean"),
        (13, "    title: off", 12, "title", "off", "a boolean"),
        (13, "    title: ~", 12, "title", "~", "null"),
        (
            5,
            '  - {id: talk, video: "abcdefghijk", title: "A talk", speaker: "Someone", show: "A show", '
            "duration: 1:10:00}",
            101,
            "duration",
            "1:10:00",
            "an integer",
        ),
    ],
)
def test_unquoted_value_that_yaml_11_does_not_read_as_text(
    tmp_path: Path, line: int, text: str, col: int, what: str, value: str, reading: str
) -> None:
    assert formatted(tmp_path, edit({line: text})) == [
        f"rubric.yaml:{line}:{col}: error [unquoted-value] {what} '{value}' is unquoted, so YAML 1.1 reads it "
        f'as {reading} (expected a quoted string). hint: quote it: "{value}"'
    ]


def test_quoted_values_are_text(tmp_path: Path) -> None:
    assert load(tmp_path, edit({3: 'version: "12:34"', 13: "    title: 'yes'", 7: '  - {n: 0, name: "NO"}'})) == []


@pytest.mark.parametrize(
    ("written", "shown"),
    [("010", "'010'"), ('"1"', "'1'"), ("1.0", "'1.0'"), ("one", "'one'"), ("-1", "'-1'"), ("[1]", "a list")],
)
def test_level_number_must_be_a_plain_whole_number(tmp_path: Path, written: str, shown: str) -> None:
    assert (
        f"rubric.yaml:17:12: error [expected-integer] level n is {shown} (expected a whole number such as 3). "
        "hint: write the number unquoted, without leading zeros"
    ) in formatted(tmp_path, edit({17: f"      - n: {written}"}))


# --- types, required keys, ids --------------------------------------------------------------------


def test_a_list_where_text_is_expected(tmp_path: Path) -> None:
    assert formatted(tmp_path, edit({13: "    title: [Craft, Skills]"})) == [
        "rubric.yaml:13:12: error [expected-string] title is a list (expected text). "
        "hint: write it on one line, in double quotes"
    ]


def test_text_where_a_list_is_expected(tmp_path: Path) -> None:
    problems = formatted(tmp_path, edit({19: "        criteria: ships-small", 20: ""}))
    assert problems == [
        "rubric.yaml:19:19: error [expected-list] criteria is 'ships-small' (expected a list). "
        "hint: write each item of criteria on a line starting with '- '"
    ]


def test_text_where_a_mapping_is_expected(tmp_path: Path) -> None:
    assert formatted(tmp_path, edit({10: "  - make"})) == [
        "rubric.yaml:10:5: error [expected-mapping] a W is 'make' (expected a mapping of keys). "
        "hint: write a W as 'key: value' lines",
        "rubric.yaml:14:8: error [unknown-reference] unknown W 'make' (expected one of: none defined). "
        "hint: define the W first, or fix the id",
        "rubric.yaml:26:40: error [unknown-reference] unknown W 'make' (expected one of: none defined). "
        "hint: define the W first, or fix the id",
    ]


def test_a_rubric_that_is_a_list(tmp_path: Path) -> None:
    assert formatted(tmp_path, "- schema: 1\n") == [
        "rubric.yaml:1:1: error [expected-mapping] the rubric is a list (expected a mapping of keys). "
        "hint: write the rubric as 'key: value' lines"
    ]


def test_missing_required_key_points_at_the_mapping(tmp_path: Path) -> None:
    assert formatted(tmp_path, edit({15: "    cites: []"})) == [
        "rubric.yaml:12:5: error [missing-key] a pillar has no 'summary' (expected it). "
        "hint: add 'summary: ...' to a pillar"
    ]


def test_missing_required_key_in_a_flow_mapping(tmp_path: Path) -> None:
    assert formatted(tmp_path, edit({7: "  - {n: 0}"})) == [
        "rubric.yaml:7:5: error [missing-key] a level has no 'name' (expected it). hint: add 'name: ...' to a level"
    ]


@pytest.mark.parametrize(
    ("written", "hint"),
    [
        ("Craft_Skills", "use 'craft-skills'"),
        ('"data--metrics"', "use 'data-metrics'"),
        ('"-craft"', "use 'craft'"),
        ('"craft-"', "use 'craft'"),
        ('"crâft"', "use 'cr-ft'"),
        ('"!!"', "ids look like 'data-metrics'"),
    ],
)
def test_bad_id(tmp_path: Path, written: str, hint: str) -> None:
    value = written.strip('"')
    problems = formatted(tmp_path, edit({12: f"  - id: {written}"}))
    assert problems[0] == (
        f"rubric.yaml:12:9: error [bad-id] pillar id '{value}' (expected lowercase letters, digits and single "
        f"hyphens). hint: {hint}"
    )


def test_schema_must_be_1(tmp_path: Path) -> None:
    assert formatted(tmp_path, edit({1: "schema: 2"})) == [
        "rubric.yaml:1:9: error [schema-version] schema 2 (expected 1). hint: this generator reads schema 1"
    ]


@pytest.mark.parametrize(
    ("duration", "col"),
    [('"00:00:00"', 101), ('"1:10:00"', 101), ('"70 minutes"', 101)],
)
def test_bad_duration(tmp_path: Path, duration: str, col: int) -> None:
    line = (
        '  - {id: talk, video: "abcdefghijk", title: "A talk", speaker: "Someone", show: "A show", '
        f"duration: {duration}}}"
    )
    assert formatted(tmp_path, edit({5: line})) == [
        f"rubric.yaml:5:{col}: error [bad-duration] duration '{duration.strip(chr(34))}' (expected HH:MM:SS). "
        'hint: e.g. duration: "01:10:00"'
    ]


def test_bad_video_id(tmp_path: Path) -> None:
    line = '  - {id: talk, video: "abc", title: "A talk", speaker: "Someone", show: "A show", duration: "00:10:00"}'
    assert formatted(tmp_path, edit({5: line})) == [
        "rubric.yaml:5:23: error [bad-video-id] video 'abc' (expected an 11-character YouTube id). "
        'hint: e.g. video: "ImSvm11GR0Y"'
    ]


@pytest.mark.parametrize(
    "cite",
    ["mini", "mini@", "mini@0:01:05", "mini@00:01:5", "Mini@00:01:05", "mini@00:61:00", "@00:01:05", "../x@00:01:05"],
)
def test_bad_citation_form(tmp_path: Path, cite: str) -> None:
    assert formatted(tmp_path, edit({20: f'          - {{id: ships-small, text: "Ships.", cites: ["{cite}"]}}'})) == [
        f"rubric.yaml:20:55: error [bad-citation] citation '{cite}' (expected note-slug@HH:MM:SS). "
        "hint: e.g. importance_of_execution_and_output_in_product_management@00:07:35"
    ]


# --- syntax and bytes -----------------------------------------------------------------------------


def test_yaml_syntax_error_is_located(tmp_path: Path) -> None:
    assert formatted(tmp_path, edit({10: '  - {id: make, title: "What you make", summary: "Things."'})) == [
        "rubric.yaml:11:1: error [yaml-syntax] YAML syntax: did not find expected ',' or '}'. "
        "hint: check indentation, quotes and brackets around this point"
    ]


def test_bad_indentation_is_located(tmp_path: Path) -> None:
    problems = load(tmp_path, edit({13: '      title: "Craft"'}))
    assert [(p.line, p.col, p.code) for p in problems] == [(13, 12, "yaml-syntax")]


def test_second_document_is_rejected(tmp_path: Path) -> None:
    assert formatted(tmp_path, BASE + "---\nschema: 1\n") == [
        "rubric.yaml:35:1: error [multiple-documents] a second YAML document (expected one). "
        "hint: remove the '---' line or split the file"
    ]


def test_empty_rubric(tmp_path: Path) -> None:
    assert formatted(tmp_path, "# nothing\n") == [
        "rubric.yaml:1:1: error [empty-rubric] the rubric is empty (expected 'schema: 1' and the framework). "
        "hint: start from the example in the README"
    ]


def test_nesting_past_the_limit(tmp_path: Path) -> None:
    problems = load(tmp_path, "quiz: " + "[" * 100 + "]" * 100 + "\n")
    assert [(p.line, p.col, p.code) for p in problems] == [(1, 70, "yaml-too-deep")]


ERROR_AT_3_10 = edit({3: "version: 12:34"})


@pytest.mark.parametrize(
    "encode",
    [
        pytest.param(lambda t: b"\xef\xbb\xbf" + t.encode(), id="bom"),
        pytest.param(lambda t: t.replace("\n", "\r\n").encode(), id="crlf"),
        pytest.param(lambda t: t.replace("\n", "\r").encode(), id="cr"),
        pytest.param(lambda t: b"\xef\xbb\xbf" + t.replace("\n", "\r\n").encode(), id="bom-crlf"),
    ],
)
def test_bom_and_line_endings_give_the_lf_result(tmp_path: Path, encode: object) -> None:
    assert callable(encode)
    assert load(tmp_path, encode(BASE)) == []
    assert load(tmp_path, encode(ERROR_AT_3_10)) == load(tmp_path, ERROR_AT_3_10)
    assert [(p.line, p.col) for p in load(tmp_path, encode(ERROR_AT_3_10))] == [(3, 10)]


def test_non_utf8_byte_is_located(tmp_path: Path) -> None:
    data = edit({13: '    title: "Cr\udce9ft"'}).encode("utf-8", "surrogateescape")
    assert formatted(tmp_path, data) == [
        "rubric.yaml:13:15: error [not-utf8] byte 0xe9 is not UTF-8 (expected UTF-8 text). hint: save the file as UTF-8"
    ]


def test_non_utf8_column_counts_characters_before_it(tmp_path: Path) -> None:
    data = edit({13: '    title: "Ünï\udcffft"'}).encode("utf-8", "surrogateescape")
    assert [(p.line, p.col, p.code) for p in load(tmp_path, data)] == [(13, 16, "not-utf8")]


@pytest.mark.parametrize("newline", ["\n", "\r\n", "\r"], ids=["lf", "crlf", "cr"])
def test_byte_problems_are_located_alike_whatever_the_line_endings(tmp_path: Path, newline: str) -> None:
    bad_byte = edit({13: '    title: "Cr\udce9ft"'}).replace("\n", newline).encode("utf-8", "surrogateescape")
    nul = edit({13: '    title: "Cr\0aft"'}).replace("\n", newline).encode("utf-8")
    assert [(p.line, p.col, p.code) for p in load(tmp_path, bad_byte)] == [(13, 15, "not-utf8")]
    assert [(p.line, p.col, p.code) for p in load(tmp_path, nul)] == [(13, 15, "nul-byte")]


def test_nul_is_located(tmp_path: Path) -> None:
    assert formatted(tmp_path, edit({13: '    title: "Cr\0aft"'})) == [
        "rubric.yaml:13:15: error [nul-byte] NUL character in text (expected none). hint: remove the NUL byte"
    ]


def test_missing_file(tmp_path: Path) -> None:
    rubric, problems = load_rubric(tmp_path / "nope.yaml", "nope.yaml")
    assert rubric is None
    assert [p.format() for p in problems] == [
        "nope.yaml:1:1: error [unreadable] cannot read the rubric: No such file or directory. "
        "hint: check the 'rubric' option of the handbook plugin"
    ]


def test_an_empty_document_without_a_final_newline_is_located_on_its_last_line(tmp_path: Path) -> None:
    path = tmp_path / "rubric.yaml"
    path.write_bytes(b"---\n#")
    rubric, problems = load_rubric(path)
    assert rubric is None and problems
    assert all(p.line <= 2 for p in problems), [p.format() for p in problems]
