"""Time the pipeline on adversarial inputs and on the real notes; write ``benchmarks/RESULTS.md``.

    .venv/bin/python benchmarks/run_benchmarks.py [--no-corpus] [--out benchmarks/RESULTS.md]

Each adversarial case is a small project (the mini rubric plus one hostile note, or one hostile
rubric) run through ``build_site``, the function the plugin and the CLI share, so the time covers
decoding, parsing, linking and rendering. The budget is 2 s per input; the tests use a looser
guard so they do not flake on a busy machine. For the corpus, every note is parsed and rendered
on its own as well, to find the slowest single note.
"""

from __future__ import annotations

import argparse
import platform
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from generator import urls  # noqa: E402
from generator.linking import link_site  # noqa: E402
from generator.loading import load_rubric  # noqa: E402
from generator.model import NoteSlug  # noqa: E402
from generator.notes import parse_note  # noqa: E402
from generator.project import project_from_folders  # noqa: E402
from generator.site import build_site  # noqa: E402
from generator.transcripts import render_transcript_page  # noqa: E402
from tests.conftest import CORPUS, MINI_NOTE, MINI_RUBRIC, write_project  # noqa: E402

BUDGET_SECONDS = 2.0
FRONT = "---\ntitle: Hostile\nvideoId: abcdefghijk\n---\n"


def hostile_notes() -> dict[str, bytes]:
    """Notes built to hit the parser's worst cases (regex backtracking, quadratic scans, huge lines)."""
    anchor = '<a class="yt-timestamp" data-t="00:01:05">[00:01:05]</a> '
    return {
        "unclosed [[ x 20,000 on one line": (FRONT + "[[a " * 20_000).encode(),
        "unclosed [[ x 20,000 lines": (FRONT + "[[a\n" * 20_000).encode(),
        "[ x 4,000": (FRONT + "[" * 4_000).encode(),
        "[ x 1,000,000": (FRONT + "[" * 1_000_000).encode(),
        "1 MB single line of words": (FRONT + "word " * 200_000).encode(),
        "2,000 x (time, wikilink) on one line": (FRONT + "w [00:01:02] [[x]] " * 2_000).encode(),
        "5,000 x (time, wikilink) on one line": (FRONT + "w [00:01:02] [[x]] " * 5_000).encode(),
        "1 MB of yt-timestamp anchors": (FRONT + anchor * 17_000).encode(),
        "1 MB of unclosed anchors '<a class=\"yt-timestamp\" '": (FRONT + '<a class="yt-timestamp" ' * 40_000).encode(),
        "1 MB of '[0:00, ' (an unclosed list)": (FRONT + "[0:00, " * 150_000).encode(),
        "1 MB of '[00:01:02 - ' (an unclosed range)": (FRONT + "[00:01:02 - " * 85_000).encode(),
        "1 MB of '[[x|' (unclosed piped links)": (FRONT + "[[x|" * 250_000).encode(),
        "1 MB of '<' (tag soup)": (FRONT + "<" * 1_000_000).encode(),
        "1 MB of '*_`' (emphasis soup)": (FRONT + "*_`" * 330_000).encode(),
        "1 MB of '> [!NOTE]' callouts": (FRONT + "> [!NOTE] t\n> x\n" * 60_000).encode(),
        "1 MB of '# [00:01:02]' headings": (FRONT + "# h [00:01:02]\n" * 70_000).encode(),
        "1 MB of nested lists": (FRONT + "".join("  " * (i % 40) + "- x\n" for i in range(45_000))).encode(),
        "1 MB of table rows": (FRONT + "|a|b|\n|-|-|\n" + "|x|y|\n" * 170_000).encode(),
        "4 MB note (the size limit)": (FRONT + ("x " * 50 + "\n") * 41_000).encode(),
        "5 MB note (over the limit)": (FRONT + "x" * 5_000_000).encode(),
    }


def hostile_rubrics() -> dict[str, bytes]:
    bomb = 'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n' + "".join(
        f"{c}: &{c} [{','.join([f'*{p}'] * 9)}]\n" for p, c in zip("abcdefgh", "bcdefghi", strict=True)
    )
    return {
        "[ x 5,000": b"[" * 5_000,
        "{a: x 5,000": b"{a: " * 5_000,
        "indented mappings x 5,000": "".join(" " * i + "a:\n" for i in range(5_000)).encode(),
        "billion laughs (aliases)": bomb.encode(),
        "50 MB file": b"title: " + b"a" * (50 * 1024 * 1024),
        "2 MB of one long line (just under the limit)": b"title: " + b"a" * (2 * 1024 * 1024 - 10),
        "2 MB of 20,000 unknown keys": "".join(f"k{i}: {'v' * 90}\n" for i in range(20_000)).encode(),
        "20,000 duplicate keys": b"title: x\n" * 20_000,
        "20,000 pillars with no fields": b"pillars:\n" + b"  - {}\n" * 20_000,
    }


def time_call(fn: Callable[[], object], repeat: int = 3) -> float:
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - start)
    return best


def bench_note(tmp: Path, name: str, data: bytes) -> float:
    root = write_project(tmp / f"note-{abs(hash(name))}", notes={"mini.md": MINI_NOTE})
    (root / "docs" / "transcripts" / "hostile.md").write_bytes(data)
    return time_call(
        lambda: build_site(project_from_folders(root, root / "rubric.yaml", root / "docs" / "transcripts"))
    )


def bench_rubric(tmp: Path, name: str, data: bytes) -> float:
    root = write_project(tmp / f"rubric-{abs(hash(name))}", rubric=MINI_RUBRIC)
    (root / "rubric.yaml").write_bytes(data)
    return time_call(
        lambda: build_site(project_from_folders(root, root / "rubric.yaml", root / "docs" / "transcripts"))
    )


def bench_corpus() -> list[str]:
    if not CORPUS.is_dir():
        return [f"The corpus is not at {CORPUS}; skipped."]
    start = time.perf_counter()
    site = build_site(project_from_folders(ROOT, ROOT / "rubric.yaml", CORPUS))
    whole = time.perf_counter() - start
    rubric, _ = load_rubric(ROOT / "rubric.yaml")
    assert rubric is not None
    known = {s.video: s.duration for s in rubric.sources}
    notes = {}
    per_note: list[tuple[float, str]] = []
    for path in sorted(CORPUS.glob("*.md")):
        slug = NoteSlug(path.stem)
        start = time.perf_counter()
        note, _ = parse_note(path.read_bytes(), slug, path.name, known_videos=known)
        per_note.append((time.perf_counter() - start, path.name))
        if note is not None:
            notes[slug] = note
    links, _ = link_site(rubric, notes, "transcripts")
    rendered: list[tuple[float, str]] = []
    parse_times = dict((name, t) for t, name in per_note)
    for slug, note in notes.items():
        start = time.perf_counter()
        render_transcript_page(note, links, urls.transcript_page(slug))
        name = f"{slug}.md"
        rendered.append((time.perf_counter() - start + parse_times[name], name))
    rendered.sort(reverse=True)
    times = [t for t, _ in rendered]
    lines = [
        f"- whole pipeline (`build_site`, {len(notes)} notes, {len(site.pages)} pages, "
        f"{len(site.problems)} problems): **{whole:.2f} s**",
        f"- per note, parse + render: median {statistics.median(times) * 1000:.1f} ms, max {times[0] * 1000:.0f} ms",
        "- slowest notes (parse + render):",
    ]
    lines += [f"  - `{name}` ({(CORPUS / name).stat().st_size:,} bytes): {t * 1000:.0f} ms" for t, name in rendered[:5]]
    return lines


def replace_section(path: Path, name: str, text: str) -> None:
    """Write ``text`` between ``<!-- name:start -->`` and ``<!-- name:end -->`` in ``path``; the rest stays.

    Each benchmark script owns one section of RESULTS.md; a missing section is appended.
    """
    start, end = f"<!-- {name}:start -->", f"<!-- {name}:end -->"
    block = f"{start}\n{text.strip()}\n{end}"
    old = path.read_text(encoding="utf-8") if path.exists() else ""
    head, found, rest = old.partition(start)
    if found and end in rest:
        new = head + block + rest.partition(end)[2]
    else:
        new = (old.rstrip() + "\n\n" if old.strip() else "") + block + "\n"
    path.write_text(new, encoding="utf-8")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--no-corpus", action="store_true")
    parser.add_argument("--out", type=Path, default=ROOT / "benchmarks" / "RESULTS.md")
    args = parser.parse_args()
    rows: list[tuple[str, str, float]] = []
    with tempfile.TemporaryDirectory() as tmp_dir:
        tmp = Path(tmp_dir)
        for name, data in hostile_notes().items():
            rows.append(("note", name, bench_note(tmp, name, data)))
            print(f"note    {rows[-1][2]:7.3f} s  {name}", flush=True)
        for name, data in hostile_rubrics().items():
            rows.append(("rubric", name, bench_rubric(tmp, name, data)))
            print(f"rubric  {rows[-1][2]:7.3f} s  {name}", flush=True)
    corpus = [] if args.no_corpus else bench_corpus()
    print("\n".join(corpus))
    over = [r for r in rows if r[2] > BUDGET_SECONDS]
    out = [
        "# Pipeline timings",
        "",
        "Written by `.venv/bin/python benchmarks/run_benchmarks.py` (best of 3 runs of `build_site` per input,",
        f"a project holding the mini rubric and one hostile input). Budget: {BUDGET_SECONDS:.0f} s per input.",
        "",
        f"Machine: {platform.machine()}, Python {platform.python_version()}, {platform.system()}.",
        "",
        "| input | case | seconds |",
        "|---|---|---:|",
        *(f"| {kind} | {name.replace('|', '&#124;')} | {seconds:.3f} |" for kind, name, seconds in rows),
        "",
        "## Real notes",
        "",
        *(corpus or ["Not run (`--no-corpus`)."]),
        "",
        f"Inputs over budget: {', '.join(name for _, name, _ in over) if over else 'none'}.",
        "",
    ]
    replace_section(args.out, "run_benchmarks", "\n".join(out))
    return 1 if over else 0


if __name__ == "__main__":
    raise SystemExit(main())
