"""Build the same real notes with plain MkDocs + Material and with the handbook plugin, side by side.

    .venv/bin/python benchmarks/compare_builds.py [--quick] [--repeat 2] [--out benchmarks/RESULTS.md]

For N = 100, 400 and 1,026 real notes (the first N corpus notes in sorted order) and 1,600 (the
1,026 plus 574 copies of real notes under new slugs, their wikilinks kept), two projects are
written to a temporary folder:

- plain: MkDocs + Material, no handbook plugin, the notes as pages under ``docs/transcripts/`` in
  MkDocs' default (flat) navigation, a one-line ``index.md``; plugins: search.
- handbook: the same notes and theme with the ``handbook`` plugin and a small rubric (the tests'
  mini rubric, citing a note every size has); the notes' known warnings are acknowledged, found by
  the generator run, so ``mkdocs build --strict`` can pass.

Measured, each a separate process: ``build_site`` of a ``project_from_folders`` project and
``python -m generator check`` (handbook only), ``mkdocs build`` wall time (best of ``--repeat``)
and its peak resident memory (``/usr/bin/time -v``), the pages' HTML sizes, the site's size and the
search index's size raw and gzipped; and, at 400 notes, the time from saving a note under
``mkdocs serve`` until the page serves the new text, with the number of rebuilds the save caused.
The growth exponent k of every metric (metric ∝ N^k) is fitted by least squares on log-log.

The results replace this script's own section of ``benchmarks/RESULTS.md`` (between its marker
comments); ``run_benchmarks.py`` owns another section of the same file.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime
import gzip
import json
import math
import os
import platform
import re
import shlex
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from run_benchmarks import replace_section  # noqa: E402

from tests.conftest import CORPUS, MINI_RUBRIC  # noqa: E402

SIZES = (100, 400, 1026, 1600)
QUICK_SIZES = (100, 400)
SERVE_SIZE = 400
SECTION = "compare_builds"
SITE_URL = "http://127.0.0.1:8000/"
SERVE_TIMEOUT = 60.0  # seconds from a save until the page must show it
POLL = 0.05
KB = 1024
LOADS: list[float] = []  # the 1-minute load average after each build

# The note every size has (the first in sorted order), and four of its timestamps for the rubric.
CITED_NOTE = "adapting_presentations_for_remote_audiences"
CITED_TIMES = {"00:01:05": "00:52:19", "00:02:10": "00:52:27", "00:03:00": "00:54:03", "00:03:30": "00:55:24"}

THEME_AND_VALIDATION = """\
theme:
  name: material
  font: false
validation:
  omitted_files: warn
  absolute_links: warn
  unrecognized_links: warn
  anchors: warn
"""

PLAIN_MKDOCS = f"""\
site_name: Plain notes
site_url: {SITE_URL}
docs_dir: docs
{THEME_AND_VALIDATION}plugins:
  - search
"""

HANDBOOK_MKDOCS = f"""\
site_name: Handbook notes
site_url: {SITE_URL}
docs_dir: docs
{THEME_AND_VALIDATION}plugins:
  - search
  - handbook:
      acknowledge: {{acknowledge}}
"""


def bench_rubric() -> str:
    """The tests' mini rubric, its citations moved to a real note that every size includes."""
    text = MINI_RUBRIC
    for mini, real in CITED_TIMES.items():
        text = text.replace(f'"mini@{mini}"', f'"{CITED_NOTE}@{real}"')
    if "mini@" in text:
        raise SystemExit("the mini rubric changed: update CITED_TIMES in benchmarks/compare_builds.py")
    return text


# --- projects -----------------------------------------------------------------------------------------


def corpus_notes(n: int) -> list[tuple[str, Path]]:
    """(file name, source) of the first n notes in sorted order; past the corpus, copies under new slugs."""
    real = sorted(CORPUS.glob("*.md"))
    chosen = [(p.name, p) for p in real[:n]]
    for i in range(max(0, n - len(real))):
        source = real[i % len(real)]
        chosen.append((f"{source.stem}_copy{i // len(real) + 1}.md", source))
    return chosen


def write_notes(docs: Path, notes: list[tuple[str, Path]]) -> None:
    folder = docs / "transcripts"
    folder.mkdir(parents=True)
    for name, source in notes:
        shutil.copyfile(source, folder / name)
    (docs / "index.md").write_text("# Notes\n\nThe transcript notes.\n", encoding="utf-8")


def write_plain(root: Path, notes: list[tuple[str, Path]]) -> Path:
    write_notes(root / "docs", notes)
    (root / "mkdocs.yml").write_text(PLAIN_MKDOCS, encoding="utf-8")
    return root


def write_handbook(root: Path, notes: list[tuple[str, Path]]) -> Path:
    write_notes(root / "docs", notes)
    (root / "rubric.yaml").write_text(bench_rubric(), encoding="utf-8")
    write_handbook_config(root, [])
    return root


def write_handbook_config(root: Path, acknowledge: Sequence[tuple[str, str]]) -> None:
    entries = json.dumps([f"{code} {path}" for code, path in sorted(set(acknowledge))])
    (root / "mkdocs.yml").write_text(HANDBOOK_MKDOCS.format(acknowledge=entries), encoding="utf-8")


# --- processes ----------------------------------------------------------------------------------------


@dataclass
class Run:
    seconds: float
    returncode: int
    output: str
    peak_kb: int = 0
    cpu: float = 0.0  # user + system seconds, under /usr/bin/time -v


def run(cmd: Sequence[str], cwd: Path, env: dict[str, str] | None = None, timed_memory: bool = False) -> Run:
    """Run a command to completion; wall time, exit code, output, and peak RSS under /usr/bin/time -v."""
    full = ["/usr/bin/time", "-v", *cmd] if timed_memory else list(cmd)
    start = time.perf_counter()
    done = subprocess.run(full, cwd=cwd, env=env, capture_output=True, text=True, errors="replace", check=False)
    seconds = time.perf_counter() - start
    peak, cpu = 0, 0.0
    if timed_memory:
        found = re.search(r"Maximum resident set size \(kbytes\): (\d+)", done.stderr)
        peak = int(found.group(1)) if found else 0
        cpu = sum(float(t) for t in re.findall(r"(?:User|System) time \(seconds\): ([\d.]+)", done.stderr))
    return Run(seconds, done.returncode, done.stdout + done.stderr, peak, cpu)


def child_env(tmp: Path, source: Path) -> dict[str, str]:
    """The children's environment: the generator package from ``source``; temp files (serve's site) in ``tmp``."""
    env = dict(os.environ)
    env["TMPDIR"] = str(tmp)
    env["PYTHONPATH"] = os.pathsep.join([str(source), *filter(None, [env.get("PYTHONPATH")])])
    env.pop("HANDBOOK_SITE_URL", None)
    return env


GENERATOR_SNIPPET = """
import json, sys, time
from pathlib import Path
from generator.project import project_from_folders
from generator.problems import Severity
from generator.site import build_site
root = Path(sys.argv[1])
times, cpus, site = [], [], None
for _ in range(int(sys.argv[2])):
    start, cpu = time.perf_counter(), time.process_time()
    site = build_site(project_from_folders(root, root / "rubric.yaml", root / "docs" / "transcripts",
                                           site_url=sys.argv[3]))
    times.append(time.perf_counter() - start)
    cpus.append(time.process_time() - cpu)
warnings = sorted({(p.code, p.path) for p in site.problems if p.severity is Severity.WARNING})
print(json.dumps({"times": times, "cpus": cpus, "pages": len(site.pages), "ok": site.ok,
                  "problems": len(site.problems), "warnings": warnings}))
"""


def time_generator(root: Path, repeat: int, env: dict[str, str]) -> tuple[float, float, dict[str, Any]]:
    """Best ``build_site`` wall and CPU time in a fresh process, and what it found (the warnings to acknowledge)."""
    cmd = [sys.executable, "-c", GENERATOR_SNIPPET, str(root), str(repeat), SITE_URL]
    done = run(cmd, root, env)
    if done.returncode != 0:
        raise RuntimeError(f"build_site failed in {root}:\n{done.output[-3000:]}")
    result: dict[str, Any] = json.loads(done.output.strip().splitlines()[-1])
    if not result["ok"]:
        raise RuntimeError(f"the benchmark handbook has errors in {root}; run python -m generator check there")
    return min(result["times"]), min(result["cpus"]), result


# --- measurements -------------------------------------------------------------------------------------


@dataclass
class ServeResult:
    seconds: float | None  # save → the page serves the new word; None on timeout
    rebuilds: int  # "Building documentation" lines the save caused
    first_build: float  # start → "Serving on"


@dataclass
class Measurement:
    builder: str
    n: int
    pages: int = 0
    builds: list[float] = field(default_factory=list)
    cpus: list[float] = field(default_factory=list)
    strict: bool = True
    strict_warning: str = ""  # the first warning that failed --strict
    peak_kb: int = 0
    html_mean: float = 0.0
    html_median: float = 0.0
    html_max: int = 0
    html_pages: int = 0
    site_bytes: int = 0
    search_raw: int = 0
    search_gz: int = 0
    generator: float | None = None
    generator_cpu: float | None = None
    check: float | None = None
    check_cpu: float | None = None
    acknowledged: int = 0
    serve: ServeResult | None = None

    @property
    def build(self) -> float:
        return min(self.builds)

    @property
    def cpu(self) -> float:
        return min(self.cpus)


def measure_site(m: Measurement, site: Path) -> None:
    html = sorted(p.stat().st_size for p in site.rglob("*.html"))
    m.html_pages = len(html)
    m.html_mean = sum(html) / len(html)
    m.html_median = html[len(html) // 2]
    m.html_max = html[-1]
    m.site_bytes = sum(p.stat().st_size for p in site.rglob("*") if p.is_file())
    index = (site / "search" / "search_index.json").read_bytes()
    m.search_raw = len(index)
    m.search_gz = len(gzip.compress(index, compresslevel=9))


def mkdocs_build(m: Measurement, root: Path, env: dict[str, str]) -> None:
    """One full build into a fresh site folder: --strict if it passes, otherwise without and recorded."""
    site = root / "site"
    shutil.rmtree(site, ignore_errors=True)
    base = [sys.executable, "-m", "mkdocs", "build", "-f", str(root / "mkdocs.yml"), "-d", str(site)]
    done = run([*base, "--strict"] if m.strict else base, root, env, timed_memory=True)
    if done.returncode != 0 and m.strict:
        warnings = [line for line in done.output.splitlines() if line.startswith("WARNING")]
        print(f"    --strict failed ({len(warnings)} warnings, first: {warnings[:1]}); building without it")
        m.strict = False
        m.strict_warning = f"{len(warnings)} warnings, the first: {warnings[0] if warnings else '?'}"
        shutil.rmtree(site, ignore_errors=True)
        done = run(base, root, env, timed_memory=True)
    if done.returncode != 0:
        raise RuntimeError(f"mkdocs build failed in {root}:\n{done.output[-3000:]}")
    m.builds.append(done.seconds)
    m.cpus.append(done.cpu)
    LOADS.append(os.getloadavg()[0])
    m.peak_kb = max(m.peak_kb, done.peak_kb)
    measure_site(m, site)


def time_check(root: Path, repeat: int, env: dict[str, str]) -> tuple[float, float]:
    """Best wall and CPU time of ``python -m generator check``."""
    cmd = [sys.executable, "-m", "generator", "check", "--config", str(root / "mkdocs.yml")]
    best, best_cpu = math.inf, math.inf
    for _ in range(repeat):
        done = run(cmd, root, env, timed_memory=True)
        if done.returncode != 0:
            raise RuntimeError(f"check failed in {root}:\n{done.output[-3000:]}")
        best, best_cpu = min(best, done.seconds), min(best_cpu, done.cpu)
    return best, best_cpu


# What ./handbook serve passes: rebuild only the pages a save changed (MkDocs warns on every such build).
HANDBOOK_SERVE = ("--dirty", "--no-strict")


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


@contextlib.contextmanager
def serving(
    root: Path, port: int, log_path: Path, env: dict[str, str], options: tuple[str, ...] = ()
) -> Iterator[subprocess.Popen[bytes]]:
    """``mkdocs serve`` in its own process group, stopped (SIGINT, then SIGKILL) however the block ends."""
    cmd = [sys.executable, "-m", "mkdocs", "serve", "-f", str(root / "mkdocs.yml"), "-a", f"127.0.0.1:{port}"]
    cmd += options
    with log_path.open("wb") as log:
        proc = subprocess.Popen(cmd, cwd=root, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
        try:
            yield proc
        finally:
            stop_process_group(proc)


def stop_process_group(proc: subprocess.Popen[bytes]) -> None:
    if proc.poll() is not None:
        return
    with contextlib.suppress(ProcessLookupError):
        os.killpg(proc.pid, signal.SIGINT)  # serve removes its temporary site on Ctrl-C
    try:
        proc.wait(timeout=15)
    except subprocess.TimeoutExpired:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(proc.pid, signal.SIGKILL)
        proc.wait()


def wait_for(condition: Callable[[], bool], timeout: float, what: str, proc: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if proc.poll() is not None:
            raise RuntimeError(f"mkdocs serve exited ({proc.returncode}) while waiting for {what}")
        if time.monotonic() > deadline:
            raise RuntimeError(f"timed out after {timeout:.0f} s waiting for {what}")
        time.sleep(POLL)


def fetch(url: str, timeout: float) -> str:
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:
            body: bytes = response.read()
            return body.decode("utf-8", "replace")
    except (urllib.error.URLError, OSError):
        return ""


def measure_serve(root: Path, env: dict[str, str], options: tuple[str, ...] = ()) -> ServeResult:
    """Save a note under ``mkdocs serve``; time until its page shows the change, and count the rebuilds."""
    port = free_port()
    log_path = root / "serve.log"
    note = root / "docs" / "transcripts" / f"{CITED_NOTE}.md"
    url = f"http://127.0.0.1:{port}/transcripts/{CITED_NOTE}/"
    word = f"Benchmarkword{os.getpid()}x{port}"

    def log_text() -> str:
        return log_path.read_text(encoding="utf-8", errors="replace")

    with serving(root, port, log_path, env, options) as proc:
        start = time.monotonic()
        wait_for(lambda: "Serving on" in log_text(), 600, "the first build", proc)
        first_build = time.monotonic() - start
        wait_for(lambda: "Adapting" in fetch(url, 30), 60, "the note's page", proc)
        time.sleep(1.0)  # let the watcher take its first snapshot of the tree
        before = len(log_text())
        with note.open("a", encoding="utf-8") as f:
            f.write(f"\n\n{word}\n")
        saved = time.monotonic()
        seen: float | None = None
        while time.monotonic() - saved < SERVE_TIMEOUT:
            if word in fetch(url, max(0.1, SERVE_TIMEOUT - (time.monotonic() - saved))):
                seen = time.monotonic() - saved
                break
            time.sleep(POLL)
        # A second rebuild would start as soon as the first ends: wait, let any build in progress end, count.
        time.sleep(3.0)
        settle = time.monotonic() + 120
        while time.monotonic() < settle and proc.poll() is None:
            after = log_text()[before:]
            if after.count("Building documentation...") <= after.count("Documentation built in"):
                break
            time.sleep(POLL)
        rebuilds = log_text()[before:].count("Building documentation...")
    return ServeResult(seen, rebuilds, first_build)


# --- analysis -----------------------------------------------------------------------------------------


def growth(points: Sequence[tuple[int, float]]) -> float | None:
    """k in value ∝ N^k: least squares on log-log; None with fewer than two usable points."""
    usable = [(math.log(n), math.log(v)) for n, v in points if v and v > 0]
    if len(usable) < 2:
        return None
    mx = sum(x for x, _ in usable) / len(usable)
    my = sum(y for _, y in usable) / len(usable)
    sxx = sum((x - mx) ** 2 for x, _ in usable)
    return sum((x - mx) * (y - my) for x, y in usable) / sxx


@dataclass(frozen=True)
class Metric:
    name: str
    unit: str
    get: Callable[[Measurement], float | None]
    fmt: Callable[[float], str]
    builders: tuple[str, ...] = ("plain", "handbook")


def _s(v: float) -> str:
    return f"{v:.2f} s"


def _kb(v: float) -> str:
    return f"{v / KB:,.1f} KB"


def _mb(v: float) -> str:
    return f"{v / KB / KB:,.1f} MB"


METRICS = (
    Metric("full `mkdocs build` (best of runs)", "s", lambda m: m.build, _s),
    Metric("CPU time of the build (user + system, best of runs)", "s", lambda m: m.cpu, _s),
    Metric("generator (`build_site`)", "s", lambda m: m.generator, _s, ("handbook",)),
    Metric("generator CPU time", "s", lambda m: m.generator_cpu, _s, ("handbook",)),
    Metric("`python -m generator check`", "s", lambda m: m.check, _s, ("handbook",)),
    Metric("`python -m generator check` CPU time", "s", lambda m: m.check_cpu, _s, ("handbook",)),
    Metric("peak memory of the build", "MB", lambda m: m.peak_kb * KB, _mb),
    Metric("HTML per page, mean", "KB", lambda m: m.html_mean, _kb),
    Metric("HTML per page, median", "KB", lambda m: m.html_median, _kb),
    Metric("HTML per page, max", "KB", lambda m: m.html_max, _kb),
    Metric("HTML pages", "", lambda m: m.html_pages, lambda v: f"{v:,.0f}"),
    Metric("total site size", "MB", lambda m: m.site_bytes, _mb),
    Metric("search index, raw", "KB", lambda m: m.search_raw, _kb),
    Metric("search index, gzip -9", "KB", lambda m: m.search_gz, _kb),
)


def table(results: dict[tuple[str, int], Measurement], sizes: Sequence[int], metric: Metric) -> list[str]:
    head = "| builder | " + " | ".join(f"N={n:,}" for n in sizes) + " | k (∝ N^k) |"
    lines = [f"### {metric.name}", "", head, "|---|" + "---:|" * (len(sizes) + 1)]
    for builder in metric.builders:
        values = [metric.get(results[builder, n]) for n in sizes]
        k = growth([(n, v) for n, v in zip(sizes, values, strict=True) if v is not None])
        cells = [metric.fmt(v) if v is not None else "–" for v in values]
        lines.append(f"| {builder} | " + " | ".join(cells) + f" | {'–' if k is None else f'{k:.2f}'} |")
    return [*lines, ""]


def ratio_table(results: dict[tuple[str, int], Measurement], sizes: Sequence[int]) -> list[str]:
    rows: list[tuple[str, Callable[[int], float]]] = [
        ("handbook build ÷ plain build", lambda n: results["handbook", n].build / results["plain", n].build),
        ("handbook build CPU ÷ plain build CPU", lambda n: results["handbook", n].cpu / results["plain", n].cpu),
        (
            "generator ÷ handbook build",
            lambda n: (results["handbook", n].generator or 0) / results["handbook", n].build,
        ),
        (
            "generator CPU ÷ handbook build CPU",
            lambda n: (results["handbook", n].generator_cpu or 0) / results["handbook", n].cpu,
        ),
        ("check ÷ plain build", lambda n: (results["handbook", n].check or 0) / results["plain", n].build),
        ("check CPU ÷ plain build CPU", lambda n: (results["handbook", n].check_cpu or 0) / results["plain", n].cpu),
        (
            "handbook HTML per page (mean) ÷ plain",
            lambda n: results["handbook", n].html_mean / results["plain", n].html_mean,
        ),
        (
            "handbook HTML per page (mean) ÷ its own at N=100",
            lambda n: results["handbook", n].html_mean / results["handbook", sizes[0]].html_mean,
        ),
    ]
    lines = ["### Ratios", "", "| ratio | " + " | ".join(f"N={n:,}" for n in sizes) + " |"]
    lines.append("|---|" + "---:|" * len(sizes))
    lines += [f"| {name} | " + " | ".join(f"{get(n):.2f}" for n in sizes) + " |" for name, get in rows]
    return [*lines, ""]


def verdict(ok: bool, detail: str) -> str:
    return f"**met** ({detail})" if ok else f"**missed** ({detail})"


def targets(results: dict[tuple[str, int], Measurement], sizes: Sequence[int]) -> list[str]:
    """The targets of issue 9, each met or missed by how much; judged at 1,026 notes (or the largest size run)."""
    big = 1026 if 1026 in sizes else max(sizes)
    hb, plain, small = results["handbook", big], results["plain", big], results["handbook", sizes[0]]
    at = f"at N={big:,}"
    lines = [f"Judged {at} (handbook builder; 'mean' is the mean over every HTML file of the site).", ""]

    limit = 300 * KB
    growth_ratio = hb.html_mean / small.html_mean
    lines.append(
        f"- HTML per page {at} ≤ 300 KB: "
        + verdict(hb.html_mean <= limit, f"mean {_kb(hb.html_mean)}; {_over(hb.html_mean, limit)}")
    )
    lines.append(
        f"- HTML per page {at} ≤ 1.5× its size at N={sizes[0]}: "
        + verdict(growth_ratio <= 1.5, f"{growth_ratio:.2f}×; {_over(growth_ratio, 1.5)}")
    )
    build_ratio = hb.build / plain.build
    lines.append(
        f"- full handbook build {at} ≤ 0.4× plain MkDocs + Material: "
        + verdict(
            build_ratio <= 0.4,
            f"{_s(hb.build)} vs {_s(plain.build)} = {build_ratio:.2f}×; {_over(build_ratio, 0.4)}; "
            f"CPU time {_s(hb.cpu)} vs {_s(plain.cpu)} = {hb.cpu / plain.cpu:.2f}×",
        )
    )
    share = (hb.generator or 0) / hb.build
    lines.append(
        "- generator share ≤ 10 % of the handbook build: "
        + verdict(
            share <= 0.10,
            f"{_s(hb.generator or 0)} of {_s(hb.build)} = {share:.0%}; {_over(share, 0.10)}; "
            f"CPU time {(hb.generator_cpu or 0) / hb.cpu:.0%}",
        )
    )
    check = hb.check or 0
    lines.append(
        f"- `check` {at} ≤ 1 s: "
        + verdict(check <= 1.0, f"{_s(check)}; {_over(check, 1.0)}; CPU time {_s(hb.check_cpu or 0)}")
    )
    check_ratio = check / plain.build
    lines.append(
        "- `check` ≤ 0.03× the plain build: "
        + verdict(
            check_ratio <= 0.03,
            f"{check_ratio:.3f}×; {_over(check_ratio, 0.03)}; CPU time {(hb.check_cpu or 0) / plain.cpu:.3f}×",
        )
    )
    lines.append(
        f"- search index {at} ≤ 1 MB gzipped: "
        + verdict(hb.search_gz <= KB * KB, f"{_kb(hb.search_gz)}; {_over(hb.search_gz, KB * KB)}")
    )
    serve = results["handbook", SERVE_SIZE].serve if ("handbook", SERVE_SIZE) in results else None
    if serve is None:
        lines.append(f"- save-to-visible under serve at N={SERVE_SIZE}: not measured")
    else:
        seconds = serve.seconds if serve.seconds is not None else math.inf
        shown = _s(seconds) if serve.seconds is not None else f"not visible within {SERVE_TIMEOUT:.0f} s"
        lines.append(
            f"- save-to-visible under serve at N={SERVE_SIZE} ≤ 3 s: "
            + verdict(seconds <= 3.0, f"{shown}; {_over(seconds, 3.0)}")
        )
        lines.append(
            "- one rebuild per save: " + verdict(serve.rebuilds == 1, f"{serve.rebuilds} rebuild(s) after one save")
        )
    return [*lines, ""]


def _over(value: float, limit: float) -> str:
    if value <= limit:
        return f"{value / limit:.0%} of the limit"
    return f"{value / limit:.1f}× the limit"


# --- report -------------------------------------------------------------------------------------------


def machine() -> str:
    cpu = platform.processor() or platform.machine()
    with contextlib.suppress(OSError):
        found = re.search(r"^model name\s*:\s*(.+)$", Path("/proc/cpuinfo").read_text(), re.M)
        cpu = found.group(1).strip() if found else cpu
    ram = ""
    with contextlib.suppress(OSError):
        found = re.search(r"^MemTotal:\s*(\d+) kB", Path("/proc/meminfo").read_text(), re.M)
        ram = f", {int(found.group(1)) / KB / KB:.0f} GB RAM" if found else ""
    return f"{cpu}, {os.cpu_count()} cores{ram}, {platform.system()} {platform.release()}"


def versions() -> str:
    def version(name: str) -> str:
        try:
            return metadata.version(name)
        except metadata.PackageNotFoundError:
            return "not installed"

    return (
        f"Python {platform.python_version()}, MkDocs {version('mkdocs')}, mkdocs-material "
        f"{version('mkdocs-material')}, Markdown {version('Markdown')}, Jinja2 {version('Jinja2')}"
    )


def report(
    results: dict[tuple[str, int], Measurement],
    sizes: Sequence[int],
    command: str,
    code: str,
    repeat: int,
    elapsed: float,
    loads: tuple[str, str],
) -> str:
    now = datetime.datetime.now(datetime.UTC).strftime("%Y-%m-%d %H:%M UTC")
    strict = {
        b: [n for n in sizes if not results[b, n].strict] for b in ("plain", "handbook") if (b, sizes[0]) in results
    }
    strict_lines = [
        f"- {b}: `mkdocs build --strict` "
        + (
            "passed at every size."
            if not ns
            else f"failed at N={', '.join(f'{n:,}' for n in ns)}, so those builds ran without `--strict` "
            f"(at N={ns[0]:,}: {results[b, ns[0]].strict_warning})."
        )
        for b, ns in strict.items()
    ]
    hb = [results["handbook", n] for n in sizes]
    load_range = f"{min(LOADS, default=0):.1f}–{max(LOADS, default=0):.1f}"
    lines = [
        "# Full builds: the handbook beside plain MkDocs + Material",
        "",
        f"Written by `{command}` on {now}; the whole run took {elapsed / 60:.1f} min.",
        "",
        f"- Generator code benchmarked: {code}.",
        f"- Machine: {machine()}.",
        "- The machine was shared with other test runs: the 1-minute load average was "
        f"{loads[0]} at the start, {loads[1]} at the end and {load_range} after the builds, so wall times are "
        f"noisy. Every time is the best of {repeat} runs; CPU time (user + system) is given too, as it moves less "
        "with the load.",
        f"- {versions()}.",
        f"- Sizes: the first N of the {len(list(CORPUS.glob('*.md'))):,} corpus notes in sorted order; N=1,600 adds "
        "574 copies of real notes under new slugs (`<slug>_copy1`), their wikilinks kept. A copy sits next to its "
        "original in the search index, so gzip compresses it almost for free: the gzipped index at N=1,600 "
        "understates real notes.",
        "- plain: Material (`font: false`), plugins `search`, MkDocs' default navigation (every note listed), "
        "a one-line `index.md`, `site_url` set. handbook: the same plus the plugin, the tests' mini rubric citing "
        f"`{CITED_NOTE}`, and the notes' warnings acknowledged so `--strict` can pass ("
        + " / ".join(f"{m.acknowledged:,}" for m in hb)
        + " entries at N="
        + " / ".join(f"{n:,}" for n in sizes)
        + ").",
        *strict_lines,
        "- generator: `build_site(project_from_folders(...))` in a fresh process; check: `python -m generator "
        "check` wall time; build: `mkdocs build` wall time, peak memory from `/usr/bin/time -v`; sizes from `site/`.",
        f"- serve: `mkdocs serve` at N={SERVE_SIZE}; one word appended to `{CITED_NOTE}.md`; time until a GET of "
        "its page (polled every 50 ms) returns the word; rebuilds counted from serve's `Building documentation` "
        "lines. MkDocs 1.6 polls the watched folders every 0.5 s, so up to 0.5 s of it is detection.",
        "",
        "## Targets (issue 9)",
        "",
        *targets(results, sizes),
        "## Measurements",
        "",
        *(line for metric in METRICS for line in table(results, sizes, metric)),
        *ratio_table(results, sizes),
        f"### Save to visible under `mkdocs serve`, N={SERVE_SIZE}",
        "",
        "| builder | first build (start → serving) | save → page shows it | rebuilds after one save |",
        "|---|---:|---:|---:|",
    ]
    for builder in ("plain", "handbook"):
        serve = results[builder, SERVE_SIZE].serve if (builder, SERVE_SIZE) in results else None
        if serve is not None:
            seen = _s(serve.seconds) if serve.seconds is not None else f"> {SERVE_TIMEOUT:.0f} s"
            lines.append(f"| {builder} | {_s(serve.first_build)} | {seen} | {serve.rebuilds} |")
    lines += ["", "### Every build run (seconds)", "", "| builder | N | runs |", "|---|---:|---|"]
    lines += [
        f"| {m.builder} | {m.n:,} | {', '.join(f'{s:.2f}' for s in m.builds)} |"
        for m in sorted(results.values(), key=lambda m: (m.builder, m.n))
    ]
    return "\n".join([*lines, ""])


# --- main ---------------------------------------------------------------------------------------------


def bench_size(tmp: Path, n: int, repeat: int, env: dict[str, str]) -> dict[tuple[str, int], Measurement]:
    notes = corpus_notes(n)
    plain_root = write_plain(tmp / f"plain-{n}", notes)
    hb_root = write_handbook(tmp / f"handbook-{n}", notes)
    plain, hb = Measurement("plain", n), Measurement("handbook", n)

    hb.generator, hb.generator_cpu, found = time_generator(hb_root, repeat, env)
    hb.pages = found["pages"]
    hb.acknowledged = len(found["warnings"])
    write_handbook_config(hb_root, [tuple(w) for w in found["warnings"]])
    print(
        f"N={n:>5,}  generator {hb.generator:6.2f} s (CPU {hb.generator_cpu:.2f} s; "
        f"{found['pages']} pages, {found['problems']} problems)"
    )
    hb.check, hb.check_cpu = time_check(hb_root, repeat, env)
    print(f"N={n:>5,}  check     {hb.check:6.2f} s (CPU {hb.check_cpu:.2f} s)")
    for i in range(repeat):  # interleaved, so a burst of load on the machine hits both builders alike
        for m, root in ((plain, plain_root), (hb, hb_root)):
            mkdocs_build(m, root, env)
            print(
                f"N={n:>5,}  {m.builder:<8} build {i + 1}: {m.builds[-1]:6.2f} s "
                f"(CPU {m.cpus[-1]:.2f} s), peak {m.peak_kb / KB:,.0f} MB"
            )
    if n == SERVE_SIZE:
        for m, root in ((plain, plain_root), (hb, hb_root)):
            shutil.rmtree(root / "site", ignore_errors=True)
            # The handbook is served as ./handbook serve serves it; plain MkDocs as it comes.
            m.serve = measure_serve(root, env, HANDBOOK_SERVE if m is hb else ())
            print(
                f"N={n:>5,}  {m.builder:<8} serve: first build {m.serve.first_build:.2f} s, save → visible "
                f"{m.serve.seconds if m.serve.seconds is None else round(m.serve.seconds, 2)} s, "
                f"{m.serve.rebuilds} rebuild(s)"
            )
    for root in (plain_root, hb_root):
        shutil.rmtree(root, ignore_errors=True)
    return {("plain", n): plain, ("handbook", n): hb}


def print_growth(results: dict[tuple[str, int], Measurement], sizes: Sequence[int]) -> None:
    print("\ngrowth exponents k (metric ∝ N^k):")
    for metric in METRICS:
        for builder in metric.builders:
            points = [(n, metric.get(results[builder, n])) for n in sizes]
            k = growth([(n, v) for n, v in points if v is not None])
            print(f"  {builder:<8} {metric.name:<40} k = {'–' if k is None else f'{k:.2f}'}")


def git(*args: str) -> str:
    return subprocess.run(["git", *args], cwd=ROOT, capture_output=True, text=True, check=True).stdout.strip()


def generator_source(tmp: Path, revision: str | None) -> tuple[Path, str]:
    """The folder to import the generator from, and how the report names it."""
    if revision is None:
        head = git("rev-parse", "--short", "HEAD")
        changed = [line for line in git("status", "--porcelain", "--", "generator").splitlines() if line]
        dirty = f", with uncommitted changes to {len(changed)} files under generator/" if changed else ""
        return ROOT, f"the working tree at {head}{dirty}"
    commit = git("rev-parse", "--verify", f"{revision}^{{commit}}")
    source = tmp / "source"
    source.mkdir()
    archive = subprocess.run(["git", "archive", commit, "generator"], cwd=ROOT, capture_output=True, check=True)
    subprocess.run(["tar", "-x", "-C", str(source)], input=archive.stdout, check=True)
    short, date, subject = git("log", "-1", "--format=%h%n%cs%n%s", commit).split("\n", 2)
    subject = subject if len(subject) <= 80 else subject[:79].rstrip() + "…"
    return source, f"commit {short} of {date} (“{subject}”)"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help=f"only N = {', '.join(map(str, QUICK_SIZES))}")
    parser.add_argument("--repeat", type=int, default=2, help="runs per build, check and generator (best is kept)")
    parser.add_argument("--out", type=Path, default=ROOT / "benchmarks" / "RESULTS.md")
    parser.add_argument(
        "--revision", help="benchmark the generator of this git revision (git archive) instead of the working tree"
    )
    args = parser.parse_args()
    if not CORPUS.is_dir():
        print(f"the corpus is not at {CORPUS}", file=sys.stderr)
        return 2
    if not Path("/usr/bin/time").exists():
        print("/usr/bin/time is needed for peak memory (apt-get install time)", file=sys.stderr)
        return 2
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))  # so the cleanup below runs on kill too
    sizes = QUICK_SIZES if args.quick else SIZES
    command = shlex.join([".venv/bin/python", "benchmarks/compare_builds.py", *sys.argv[1:]])
    load_start = f"{os.getloadavg()[0]:.1f}"
    started = time.perf_counter()
    results: dict[tuple[str, int], Measurement] = {}
    with tempfile.TemporaryDirectory(prefix="compare-builds-") as tmp_dir:
        tmp = Path(tmp_dir)
        source, code = generator_source(tmp, args.revision)
        env = child_env(tmp, source)
        for n in sizes:
            results.update(bench_size(tmp, n, args.repeat, env))
    elapsed = time.perf_counter() - started
    load_end = f"{os.getloadavg()[0]:.1f}"
    print_growth(results, sizes)
    text = report(results, sizes, command, code, args.repeat, elapsed, (load_start, load_end))
    print("\n" + "\n".join(targets(results, sizes)))
    replace_section(args.out, SECTION, text)
    print(f"wrote the {SECTION} section of {args.out} ({elapsed / 60:.1f} min)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
