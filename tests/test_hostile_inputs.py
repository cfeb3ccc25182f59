"""Bad and hostile inputs through ``python -m generator check``: each rejected or repaired, located, in bounded time.

Every case is a small project on disk. The check must exit 1 for errors (0 when only warnings or
notices), print each problem as ``path:line:col: severity [code] message. hint: ...``, never a
traceback, and finish well inside a generous time guard (the 2 s budget itself is measured by
``benchmarks/run_benchmarks.py``; a shared CI machine must not make these tests flake).
"""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from html.parser import HTMLParser
from pathlib import Path

import pytest

from generator.cli import main
from generator.notes import note_slug_for
from generator.problems import ProblemLog
from generator.project import project_from_folders
from generator.site import build_site
from generator.urls import slugify_title
from tests.conftest import MINI_NOTE, MINI_RUBRIC, REPO, write_project
from tests.hostile_site import mkdocs_build, scan_site, write_benign_project, write_hostile_project

GUARD_SECONDS = 10
PROBLEM = re.compile(
    r"^(?P<path>[^\s:][^:]*):(?P<line>[1-9]\d*):(?P<col>[1-9]\d*): (?P<severity>error|warning|notice) "
    r"\[(?P<code>[a-z0-9-]+)\] (?P<message>.+?)\. hint: (?P<hint>.+)$"
)
SUMMARY = re.compile(r"^(check failed: |\d+ pages, )")
FRONT = "---\ntitle: Hostile\nvideoId: abcdefghijk\n---\n"  # the body starts on line 5


@contextmanager
def time_guard(seconds: int = GUARD_SECONDS) -> Iterator[None]:
    """Fail (not hang) when the block runs longer than ``seconds``."""

    def expire(signum: int, frame: object) -> None:
        raise TimeoutError(f"took longer than {seconds} s")

    previous = signal.signal(signal.SIGALRM, expire)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


def check(root: Path, capsys: pytest.CaptureFixture[str]) -> tuple[int, list[re.Match[str]]]:
    """Run ``check`` in process under the time guard; every output line must be a located problem or the summary."""
    with time_guard():
        code = main(["check", "--config", str(root / "mkdocs.yml")])
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    problems = []
    for line in err.splitlines():
        if SUMMARY.match(line):
            continue
        match = PROBLEM.match(line)
        assert match, f"not a located problem with a hint: {line!r}"
        problems.append(match)
    return code, problems


def find(problems: list[re.Match[str]], code: str) -> list[re.Match[str]]:
    return [p for p in problems if p["code"] == code]


def at(match: re.Match[str]) -> tuple[str, int, int]:
    return match["path"], int(match["line"]), int(match["col"])


def rubric_project(tmp_path: Path, rubric: str | bytes) -> Path:
    root = write_project(tmp_path / "p")
    target = root / "rubric.yaml"
    target.write_bytes(rubric if isinstance(rubric, bytes) else rubric.encode())
    return root


def replace_line(text: str, old: str, new: str) -> str:
    assert old in text, old
    return text.replace(old, new, 1)


# --- YAML -----------------------------------------------------------------------------------------------

LAUGHS = 'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n' + "".join(
    f"{c}: &{c} [{','.join([f'*{p}'] * 9)}]\n" for p, c in zip("abcdefgh", "bcdefghi", strict=True)
)


def locate(text: str, needle: str, after: str = "") -> tuple[int, int]:
    """Line and column (1-based, in characters) of ``needle``, searched from the first ``after``."""
    index = text.index(needle, text.index(after) if after else 0)
    return text.count("\n", 0, index) + 1, index - (text.rfind("\n", 0, index) + 1) + 1


def edited(old: str, new: str, text: str = MINI_RUBRIC) -> str:
    assert old in text, old
    return text.replace(old, new, 1)


# name: (rubric text, problem code, where: the text the problem points at, or None for "anywhere")
YAML_CASES: dict[str, tuple[str, str, str | None]] = {
    "duplicate key": (
        edited('version: "1.0"\n', 'version: "1.0"\ntitle: "Again"\n'),
        "duplicate-key",
        'title: "Again"',
    ),
    "unknown key": (MINI_RUBRIC + "colour: red\n", "unknown-key", "colour"),
    "python tag": (MINI_RUBRIC + 'extra: !!python/object/apply:os.system ["touch PWNED"]\n', "yaml-tag", "!!python"),
    "local tag": (edited('title: "Mini handbook"', "title: !str Mini"), "yaml-tag", "!str"),
    "anchor": (edited('title: "Mini handbook"', 'title: &t "Mini handbook"\nalias: *t'), "yaml-anchor", "&t"),
    "alias": (edited('title: "Mini handbook"', 'title: &t "Mini handbook"\nalias: *t'), "yaml-alias", "*t"),
    "billion laughs": (LAUGHS, "yaml-anchor", "&a"),
    "unquoted 12:34 (base 60)": (edited('version: "1.0"', "version: 12:34"), "unquoted-value", "12:34"),
    "unquoted 1:02:03 duration": (edited('duration: "00:10:00"', "duration: 1:02:03"), "unquoted-value", "1:02:03"),
    "unquoted NO (a boolean)": (edited('title: "Mini handbook"', "title: NO"), "unquoted-value", "NO"),
    "unquoted 010 (octal)": (edited('version: "1.0"', "version: 010"), "unquoted-value", "010"),
    "unquoted 2026-11-26 (a date)": (edited('version: "1.0"', "version: 2026-11-26"), "unquoted-value", "2026-"),
    "[ x 5000": ("[" * 5000, "yaml-syntax", None),
    "{a: x 5000": ("{a: " * 5000, "yaml-too-deep", None),
    "indented mappings x 1000": ("".join(" " * i + "a:\n" for i in range(1000)), "yaml-too-deep", None),
    "non-UTF-8 byte": (edited("Someone", "Andr\udce9"), "not-utf8", "\udce9"),
    "NUL character": (edited("Someone", "Some\0one"), "nul-byte", "\0"),
}


def rubric_bytes(text: str) -> bytes:
    return text.encode("utf-8", "surrogateescape")


@pytest.mark.parametrize("name", list(YAML_CASES))
def test_yaml_hazard_is_a_located_error(tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str) -> None:
    text, code, where = YAML_CASES[name]
    root = rubric_project(tmp_path, rubric_bytes(text))
    exit_code, problems = check(root, capsys)
    assert exit_code == 1
    found = find(problems, code)
    assert found, [p.group(0) for p in problems]
    assert found[0]["path"] == "rubric.yaml" and found[0]["severity"] == "error"
    if where is not None:
        assert at(found[0]) == ("rubric.yaml", *locate(text, where)), found[0].group(0)
    assert not (root / "PWNED").exists() and not (tmp_path / "PWNED").exists()


def test_fifty_megabyte_rubric_is_refused_unread(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = rubric_project(tmp_path, b"title: " + b"a" * (50 * 1024 * 1024))
    exit_code, problems = check(root, capsys)
    assert exit_code == 1
    [big] = find(problems, "file-too-large")
    assert at(big) == ("rubric.yaml", 1, 1)


def test_duplicate_key_names_both_places(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = rubric_project(tmp_path, YAML_CASES["duplicate key"][0])
    _, problems = check(root, capsys)
    [dup] = find(problems, "duplicate-key")
    assert at(dup) == ("rubric.yaml", 4, 1)
    assert "line 2, column 1" in dup["message"]


def test_alias_bomb_is_never_expanded(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = rubric_project(tmp_path, LAUGHS)
    _, problems = check(root, capsys)
    assert find(problems, "yaml-alias")
    assert len(problems) < 200  # reported per anchor and alias written, not per expanded node


@pytest.mark.parametrize("variant", ["bom", "crlf", "cr", "bom+crlf"])
def test_bom_and_line_endings_build_the_lf_site(tmp_path: Path, variant: str) -> None:
    def encode(text: str) -> bytes:
        if "crlf" in variant:
            text = text.replace("\n", "\r\n")
        elif variant == "cr":
            text = text.replace("\n", "\r")
        return (b"\xef\xbb\xbf" if "bom" in variant else b"") + text.encode()

    lf = write_project(tmp_path / "lf")
    other = write_project(tmp_path / variant)
    (other / "rubric.yaml").write_bytes(encode(MINI_RUBRIC))
    (other / "docs" / "transcripts" / "mini.md").write_bytes(encode(MINI_NOTE))
    with time_guard():
        a = build_site(project_from_folders(lf, lf / "rubric.yaml", lf / "docs" / "transcripts"))
        b = build_site(project_from_folders(other, other / "rubric.yaml", other / "docs" / "transcripts"))
    assert a.ok and b.ok
    assert a.pages == b.pages
    assert a.files == b.files
    assert a.problems == b.problems


# --- references -----------------------------------------------------------------------------------------

QUESTION_AGAIN = (
    "    - id: craft-first\n      pillar: craft\n      prompt: Again?\n      options:\n"
    '        - {level: 0, text: "Ask."}\n'
)
# name: (rubric text, problem code, (text the problem points at, searched after this text))
REFERENCE_CASES: dict[str, tuple[str, str, tuple[str, str]]] = {
    "unknown W": (edited("    w: make\n", "    w: makes\n"), "unknown-reference", ("makes", "")),
    "unknown principle W": (edited("w: make, title", "w: nope, title"), "unknown-reference", ("nope", "")),
    "unknown quiz pillar": (edited("pillar: craft", "pillar: crafts"), "unknown-reference", ("crafts", "")),
    "unknown pillar level": (edited("      - n: 1\n", "      - n: 7\n"), "unknown-level", ("7", "- n: 7")),
    "unknown option level": (edited("{level: 1, text", "{level: 9, text"), "unknown-level", ("9", "{level: 9")),
    "duplicate pillar level": (edited("      - n: 1\n", "      - n: 0\n"), "duplicate-id", ("0", "asks-for-help")),
    "duplicate criterion id": (
        edited("id: asks-for-help", "id: ships-small"),
        "duplicate-id",
        ("ships-small", "Ships a small"),
    ),
    "duplicate question id": (MINI_RUBRIC + QUESTION_AGAIN, "duplicate-id", ("craft-first", "Ship.")),
    "duplicate W id": (
        edited("pillars:", '  - {id: make, title: "Again", summary: "Again."}\npillars:'),
        "duplicate-id",
        ("make", "Things."),
    ),
    "upper-case twin of an id": (edited("id: ships-big", "id: Ships-Small"), "bad-id", ("Ships-Small", "")),
    "NFKC twin of an id (fullwidth letter)": (
        edited("id: ships-big", "id: \uff53hips-small"),
        "bad-id",
        ("\uff53hips-small", ""),
    ),
    "citation of a missing note": (edited("mini@00:01:05", "nothere@00:01:05"), "unknown-note", ('"nothere@', "")),
    "citation of a time not in the note": (
        edited("mini@00:01:05", "mini@00:01:06"),
        "unknown-timestamp",
        ('"mini@00:01:06', ""),
    ),
    "citation past the source's end": (
        edited("mini@00:01:05", "mini@00:11:00"),
        "citation-past-end",
        ('"mini@00:11', ""),
    ),
}


@pytest.mark.parametrize("name", list(REFERENCE_CASES))
def test_bad_reference_is_a_located_error(tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str) -> None:
    text, code, (needle, after) = REFERENCE_CASES[name]
    root = rubric_project(tmp_path, text)
    exit_code, problems = check(root, capsys)
    assert exit_code == 1
    found = find(problems, code)
    assert found, [p.group(0) for p in problems]
    assert at(found[0]) == ("rubric.yaml", *locate(text, needle, after)), found[0].group(0)
    assert found[0]["severity"] == "error"


def test_unknown_timestamp_suggests_the_nearest(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = rubric_project(tmp_path, REFERENCE_CASES["citation of a time not in the note"][0])
    _, problems = check(root, capsys)
    [found] = find(problems, "unknown-timestamp")
    assert "00:01:05" in found["hint"]


@pytest.mark.parametrize(
    ("names", "published"),
    [
        (["mini.md", "Mini.md"], "mini"),
        (["mini.md", "MINI.md"], "mini"),
        (["some_note.md", "Some Note.md"], "some_note"),
        (["some_note.md", "Some  Note!.md"], "some_note"),
        (["cafe.md", "Café.md"], "cafe"),
        (["cafe.md", "Cafe\u0301.md"], "cafe"),  # a decomposed accent
    ],
)
def test_two_notes_on_one_page_is_an_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], names: list[str], published: str
) -> None:
    notes = {name: MINI_NOTE for name in names}
    notes.setdefault("mini.md", MINI_NOTE)
    root = write_project(tmp_path / "p", notes=notes)
    exit_code, problems = check(root, capsys)
    assert exit_code == 1
    [dup] = find(problems, "duplicate-note")
    assert dup["line"] == "1" and dup["col"] == "1"
    assert f"'{published}'" in dup["message"]


@pytest.mark.parametrize("name", ["a..b.md", "back\\slash.md", "CON.md", "nul.md", "Com1.md", "lpt9.md", "aux.txt.md"])
def test_unsafe_note_file_name_is_a_located_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str
) -> None:
    root = write_project(tmp_path / "p", notes={"mini.md": MINI_NOTE, name: MINI_NOTE})
    exit_code, problems = check(root, capsys)
    assert exit_code == 1
    [bad] = find(problems, "bad-note-name")
    assert at(bad) == (f"docs/transcripts/{name}", 1, 1)


def test_a_hidden_note_is_left_out_as_mkdocs_leaves_it_out(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # MkDocs excludes dot-files from every site, so such a file is not a note of the site either.
    root = write_project(tmp_path / "p", notes={"mini.md": MINI_NOTE, "..md": "not even front matter"})
    exit_code, problems = check(root, capsys)
    assert exit_code == 0
    assert not [p for p in problems if "..md" in p["path"]]


@pytest.mark.parametrize(
    "filename",
    [
        "a" * 253 + ".md",  # 256 bytes: longer than any Linux file name, so tested here directly
        "é" * 127 + ".md",  # 257 bytes in UTF-8
        "dir/note.md",  # '/' cannot be in a Linux file name
        "../note.md",
        "..\\note.md",
        "CON.md",
        ".hidden.md",
        "!!!.md",
    ],
)
def test_unpublishable_note_name(filename: str) -> None:
    log = ProblemLog("x")
    assert note_slug_for(filename, log) is None
    assert [p.code for p in log.problems] == ["bad-note-name"]


@pytest.mark.parametrize("title", ["a/b", "../../etc/passwd", "a\\b", "/abs", "C:\\x", "a\0b", "<script>"])
def test_slugify_never_keeps_a_path_separator(title: str) -> None:
    slug = slugify_title(title)
    assert re.fullmatch(r"[a-z0-9_-]*", slug), slug
    assert ".." not in slug


# --- notes ----------------------------------------------------------------------------------------------

# name: (note body, problem code, the text the problem points at); the body follows FRONT
NOTE_CASES: dict[str, tuple[str, str, str]] = {
    "four-part time": ('<a class="yt-timestamp" data-t="01:00:54:00">[x]</a>\n', "repaired-timestamp", "01:00:54:00"),
    "stray bracket in data-t": ('<a class="yt-timestamp" data-t="00:42:07]">[x]</a>\n', "repaired-timestamp", "00:42"),
    "one-digit minutes in data-t": ('<a class="yt-timestamp" data-t="05:4:00">[x]</a>\n', "bad-timestamp", "05:4:00"),
    "minutes past 59": ("text [00:75:00] more\n", "bad-timestamp", "00:75"),
    "garbage data-t": ('<a class="yt-timestamp" data-t="soon">[later]</a>\n', "bad-timestamp", "soon"),
    "past the video's end": ("a [00:59:00] b\n", "timestamp-past-end", "00:59"),
    "past the end in a list": ("a [0:03:00, 0:18:31] b\n", "timestamp-past-end", "0:18:31"),
    "past the end in a range": ("a [00:03:00 - 00:23:51] b\n", "timestamp-past-end", "00:23:51"),
    "empty wikilink": ("see [[ | text]] here\n", "empty-wikilink", "[[ |"),
    "wikilink of punctuation": ("see [[!!!]] here\n", "empty-wikilink", "[[!!!"),
    "unclosed wikilink": ("see [[not closed here\n", "unclosed-wikilink", "[[not"),
    "unclosed [[ x 5000 on one line": ("x " + "[[a " * 5000 + "\n", "unclosed-wikilink", "[[a"),
    "unclosed [[ x 5000 lines": ("\n" + "[[a\n" * 5000, "unclosed-wikilink", "[[a"),
    "1 MB line ending in an unclosed [[": ("word " * 200_000 + "[[end\n", "unclosed-wikilink", "[[end"),
    "1 MB line of link soup": ("[a](b) " * 150_000 + "\n", "dense-markup", "[a](b)"),
    "[ x 4000 then ] x 4000 then [[": ("[" * 4000 + "x" + "]" * 4000 + " [[\n", "unclosed-wikilink", "["),
    "1 MB of table rows": ("|a|b|\n|-|-|\n" + "|x|y|\n" * 170_000, "note-too-long", "|a|b|"),
}


def note_location(body: str, needle: str) -> tuple[int, int]:
    line, col = locate(body, needle)
    return line + FRONT.count("\n"), col


@pytest.mark.parametrize("name", list(NOTE_CASES))
def test_malformed_note_form_is_a_located_warning(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str
) -> None:
    body, code, needle = NOTE_CASES[name]
    root = write_project(tmp_path / "p", notes={"mini.md": MINI_NOTE, "hostile.md": FRONT + body})
    exit_code, problems = check(root, capsys)
    found = [p for p in find(problems, code) if p["path"] == "docs/transcripts/hostile.md"]
    assert found, [p.group(0) for p in problems]
    assert at(found[0]) == ("docs/transcripts/hostile.md", *note_location(body, needle)), found[0].group(0)
    assert exit_code == 0  # note problems are warnings or notices: the build can go on
    assert found[0]["severity"] in ("warning", "notice")


def test_many_problems_of_one_kind_are_summarised(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = write_project(tmp_path / "p", notes={"mini.md": MINI_NOTE, "hostile.md": FRONT + "[[a\n" * 5000})
    _, problems = check(root, capsys)
    unclosed = find(problems, "unclosed-wikilink")
    assert len(unclosed) == 21
    assert "4980 more" in unclosed[-1]["message"]


HOSTILE_BODIES = {
    "[ x 4000": "[" * 4000,
    "![ x 4000": "![" * 4000,
    "[a]( x 4000": "[a](" * 4000,
    "[^ x 4000": "[^" * 4000,
    "[a][ x 4000": "[a][" * 4000,
    "<a  x 4000": "<a " * 4000,
    "<http:// x 4000": "<http://" * 4000,
    "nested brackets 2000 deep": "[" * 2000 + "x" + "]" * 2000,
    "unclosed [[ x 20000": "[[a " * 20000,
    "1 MB single line of words": "word " * 200_000,
    "1 MB of well-formed links": "[a](b) " * 150_000,
    "1 MB of emphasis": "**a** " * 170_000,
    "1 MB of inline HTML": "<b>x</b> " * 110_000,
    "1 MB of '*_`'": "*_`" * 330_000,
    "1 MB of anchors": '<a class="yt-timestamp" data-t="00:01:05">[00:01:05]</a> ' * 17_000,
    "1 MB of unclosed anchors": '<a class="yt-timestamp" ' * 40_000,
    "1 MB of table rows": "|a|b|\n|-|-|\n" + "|x|y|\n" * 170_000,
    "1 MB of nested lists": "".join("  " * (i % 40) + "- x\n" for i in range(45_000)),
    "1 MB of headings with times": "# h [00:01:02]\n" * 70_000,
}


@pytest.mark.parametrize("name", list(HOSTILE_BODIES))
def test_pathological_note_builds_in_bounded_time(tmp_path: Path, name: str) -> None:
    root = write_project(tmp_path / "p", notes={"mini.md": MINI_NOTE, "hostile.md": FRONT + HOSTILE_BODIES[name]})
    with time_guard():
        site = build_site(project_from_folders(root, root / "rubric.yaml", root / "docs" / "transcripts"))
    assert site.ok
    assert site.page("transcripts/hostile.md") is not None


# --- the real command -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "rubric", "code"),
    [
        ("python tag", rubric_bytes(YAML_CASES["python tag"][0]), "yaml-tag"),
        ("billion laughs", LAUGHS.encode(), "yaml-alias"),
        ("50 MB", b"title: " + b"a" * (50 * 1024 * 1024), "file-too-large"),
        ("deep nesting", b"[" * 5000, "yaml-syntax"),
        ("Latin-1", "title: café\n".encode("latin-1"), "not-utf8"),
    ],
)
def test_cli_subprocess_exits_1_without_a_traceback(tmp_path: Path, name: str, rubric: bytes, code: str) -> None:
    root = rubric_project(tmp_path, rubric)
    result = subprocess.run(
        [sys.executable, "-m", "generator", "check", "--config", str(root / "mkdocs.yml")],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=GUARD_SECONDS * 3,
        env=dict(os.environ, PYTHONPATH=str(REPO)),
    )
    assert result.returncode == 1
    assert "Traceback" not in result.stdout + result.stderr
    assert "] " in result.stderr
    assert any(line.startswith("rubric.yaml:") and f"[{code}]" in line for line in result.stderr.splitlines())
    assert not (tmp_path / "PWNED").exists()


def test_many_wikilinks_between_times_build_in_bounded_time(tmp_path: Path) -> None:
    body = "w [00:01:02] [[x]] " * 20_000
    root = write_project(tmp_path / "p", notes={"mini.md": MINI_NOTE, "hostile.md": FRONT + body})
    with time_guard():
        site = build_site(project_from_folders(root, root / "rubric.yaml", root / "docs" / "transcripts"))
    assert site.ok


# --- the built site from hostile inputs -------------------------------------------------------------------


@pytest.fixture(scope="module")
def hostile_sites(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, str]:
    """(hostile site, benign site, hostile build log). Built without --strict: the hostile notes warn."""
    base = tmp_path_factory.mktemp("hostile")
    hostile = write_hostile_project(base / "hostile")
    benign = write_benign_project(base / "benign")
    built = mkdocs_build(hostile, base / "hostile-site")
    assert built.returncode == 0, built.stderr
    plain = mkdocs_build(benign, base / "benign-site", strict=True)
    assert plain.returncode == 0, plain.stderr
    return base / "hostile-site", base / "benign-site", built.stderr


def test_hostile_build_warns_and_strict_refuses(hostile_sites: tuple[Path, Path, str], tmp_path: Path) -> None:
    _, _, log = hostile_sites
    assert "bad-video-id" in log
    strict = mkdocs_build(write_hostile_project(tmp_path / "p"), tmp_path / "site", strict=True)
    assert strict.returncode == 1
    assert "Traceback" not in strict.stderr


def test_no_script_handler_or_dangerous_url_reaches_the_site(hostile_sites: tuple[Path, Path, str]) -> None:
    hostile, benign, _ = hostile_sites
    findings, scripts = scan_site(hostile)
    assert not findings, findings
    benign_findings, benign_scripts = scan_site(benign)
    assert not benign_findings, benign_findings
    assert scripts <= benign_scripts, scripts - benign_scripts  # only Material's own inline scripts
    assert (hostile / "transcripts" / "hostile" / "index.html").is_file()


def test_hostile_text_is_shown_as_text(hostile_sites: tuple[Path, Path, str]) -> None:
    hostile, _, _ = hostile_sites
    page = (hostile / "transcripts" / "hostile" / "index.html").read_text(encoding="utf-8")
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page  # the title, escaped
    w_page = (hostile / "ws" / "make" / "index.html").read_text(encoding="utf-8")
    assert "&lt;img src=x onerror=alert(1)&gt;" in w_page
    assert "<img src=x" not in w_page


YOUTUBE_LINK = re.compile(r"https://www\.youtube\.com/watch\?v=([A-Za-z0-9_-]{11})&t=(\d+)s\Z")


def test_time_links_are_rebuilt_from_video_id_and_seconds(hostile_sites: tuple[Path, Path, str]) -> None:
    """A note's own hrefs and data-t text never become a time link; only the rebuilt YouTube URL does."""
    hostile, _, _ = hostile_sites
    time_links = []
    for path in hostile.rglob("*.html"):
        parser = _LinkCollector()
        parser.feed(path.read_text(encoding="utf-8"))
        time_links += [(path, href) for cls, href in parser.links if {"hb-ts", "hb-video"} & set(cls.split())]
        for _cls, href in parser.links:
            if "youtube" in href or "youtu.be" in href:
                assert YOUTUBE_LINK.match(href), (path, href)
    assert time_links
    for path, href in time_links:
        match = YOUTUBE_LINK.match(href)
        assert match, (path, href)
        assert match[1] == "abcdefghijk"
    hostile_page = (hostile / "transcripts" / "hostile" / "index.html").read_text(encoding="utf-8")
    assert "evil.example/watch" not in hostile_page
    bad_video = (hostile / "transcripts" / "bad_video" / "index.html").read_text(encoding="utf-8")
    assert "youtube.com" not in bad_video  # an invalid videoId links no time at all


class _LinkCollector(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.links: list[tuple[str, str]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag == "a" and values.get("href"):
            self.links.append((values.get("class") or "", values["href"] or ""))


@pytest.mark.parametrize(
    "snippet",
    [
        "<script>alert(1)</script>",
        "<img src=x onerror=alert(1)>",
        '<a href=" jav&#x61;script:alert(1)">x</a>',
        '<a href="data:text/html,x">x</a>',
        "<iframe src=x></iframe>",
        '<form action="x"></form>',
        '<script src="https://cdn.example/x.js"></script>',
        '<script type="application/json">["</script><script>"]</script>',
        "<svg onload=alert(1)></svg>",
    ],
)
def test_the_scanner_finds_what_it_looks_for(tmp_path: Path, snippet: str) -> None:
    (tmp_path / "index.html").write_text(f"<html><body>{snippet}</body></html>")
    findings, scripts = scan_site(tmp_path)
    assert findings or scripts
