"""Browser tests: the built site served on 127.0.0.1 and driven by Debian's chromium.

Playwright never downloads a browser here: it launches /usr/bin/chromium. Without it (or without
the playwright package) every test in this folder is skipped with the reason. Set
``HANDBOOK_BROWSER_SITE`` to a built site directory to test that instead of building one.
"""

from __future__ import annotations

import contextlib
import http.server
import os
import re
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from tests import foreign_site, local_server

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
LOCAL_HOST = local_server.LOCAL_HOST

try:
    from playwright.sync_api import Browser, BrowserContext, Page, sync_playwright
except ImportError:  # pragma: no cover - depends on the environment
    sync_playwright = None


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "browser: drives the built site in a real browser (Playwright + chromium)")


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    here = Path(__file__).parent
    for item in items:
        if here in Path(str(item.fspath)).parents:
            item.add_marker(pytest.mark.browser)


def build_site(project: Path, out: Path) -> Path:
    """``mkdocs build --strict`` of ``project`` into ``out``; fails the test with mkdocs' output."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(out)],
        cwd=project,
        capture_output=True,
        text=True,
        env=env,
        check=False,
        timeout=600,
    )
    if result.returncode != 0:
        pytest.fail(f"mkdocs build --strict failed in {project}:\n{result.stdout}{result.stderr}")
    return out


class _SiteHandler(http.server.SimpleHTTPRequestHandler):
    """Static files, quietly; ``sitemap.xml`` rewritten to this server's own address.

    Material's instant navigation only intercepts links listed in the sitemap, matched on
    protocol, host *and port*; ``mkdocs serve`` rewrites ``site_url`` to its own address for
    the same reason. Without this every link would be a full page load here.
    """

    def do_GET(self) -> None:
        if self.path.split("?")[0] != "/sitemap.xml":
            super().do_GET()
            return
        sitemap = Path(self.directory, "sitemap.xml")
        if not sitemap.is_file():
            self.send_error(404)
            return
        body = rewrite_sitemap(sitemap.read_text(encoding="utf-8"), self._base_url()).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/xml")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def _base_url(self) -> str:
        return f"http://{LOCAL_HOST}:{self.server.server_address[1]}/"

    def log_message(self, format: str, *args: Any) -> None:
        pass


def rewrite_sitemap(xml: str, base_url: str) -> str:
    """Every ``<loc>`` moved from the deployed site root (the shortest loc) to ``base_url``."""
    locs = re.findall(r"<loc>\s*(.*?)\s*</loc>", xml)
    if not locs:
        return xml
    root = min(locs, key=len)
    return re.sub(
        r"<loc>\s*(.*?)\s*</loc>",
        lambda m: f"<loc>{base_url}{m.group(1)[len(root) :]}</loc>" if m.group(1).startswith(root) else m.group(0),
        xml,
    )


def serve(directory: Path) -> contextlib.AbstractContextManager[str]:
    """Serve ``directory`` over http on 127.0.0.1 at a free port (sitemap rewritten); yields the base URL."""
    return local_server.serve(directory, _SiteHandler)


def _skip_or_fail(reason: str) -> None:
    """Skip where a browser is optional (a developer's machine); fail where CI requires one."""
    if os.environ.get("HANDBOOK_REQUIRE_BROWSER"):
        pytest.fail(f"HANDBOOK_REQUIRE_BROWSER is set but {reason}")
    pytest.skip(reason)


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    if sync_playwright is None:
        _skip_or_fail("the playwright Python package is not installed")
    if not CHROMIUM.exists():
        _skip_or_fail(f"{CHROMIUM} is missing (apt-get install chromium)")
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield launched
        launched.close()


@pytest.fixture(scope="session")
def serve_project(browser: Browser) -> Iterator[Callable[[Path], str]]:
    """Builds a project directory with ``mkdocs build --strict`` and serves it for the session."""
    with contextlib.ExitStack() as stack:

        def build_and_serve(project: Path) -> str:
            return stack.enter_context(serve(build_site(project, project / "site")))

        yield build_and_serve


@pytest.fixture(scope="session")
def site_url(browser: Browser, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The project's own site, built once per session with ``mkdocs build --strict``."""
    prebuilt = os.environ.get("HANDBOOK_BROWSER_SITE")
    directory = Path(prebuilt) if prebuilt else tmp_path_factory.mktemp("site") / "site"
    if not prebuilt:
        build_site(ROOT, directory)
    with serve(directory) as url:
        yield url


class Network:
    """Requests the page made that did not go to the local server (they are blocked)."""

    def __init__(self) -> None:
        self.external: list[str] = []


@pytest.fixture
def network() -> Network:
    return Network()


def open_context(browser: Browser, network: Network, **options: Any) -> BrowserContext:
    """A fresh context (own storage) where any request off 127.0.0.1 is recorded and aborted."""
    context = browser.new_context(**options)

    def route(r: Any) -> None:
        if r.request.url.startswith(f"http://{LOCAL_HOST}:"):
            r.continue_()
        else:
            network.external.append(r.request.url)
            r.abort()

    context.route("**/*", route)
    return context


class ErrorLog:
    """Uncaught script errors and dialogs seen by the test's pages; any not allowed fails it."""

    def __init__(self) -> None:
        self.seen: list[str] = []
        self.allowed: set[str] = set()

    def watch(self, page: Page) -> None:
        page.on("pageerror", lambda exc: self.seen.append(f"page error: {exc}"))
        page.on("dialog", lambda d: (self.seen.append(f"dialog: {d.type} {d.message}"), d.dismiss()))

    def unexpected(self) -> list[str]:
        return [e for e in self.seen if e not in self.allowed]


@pytest.fixture
def error_log() -> ErrorLog:
    return ErrorLog()


@pytest.fixture
def open_page(browser: Browser, network: Network, error_log: ErrorLog) -> Iterator[Callable[..., Page]]:
    """Opens pages, each in a fresh context (own storage); at teardown, fails the test on any
    uncaught script error or dialog (``alert``) seen in any of them and not allowed."""
    contexts: list[BrowserContext] = []

    def make(**context_options: Any) -> Page:
        context = open_context(browser, network, **context_options)
        contexts.append(context)
        new = context.new_page()
        error_log.watch(new)
        return new

    yield make
    for context in contexts:
        context.close()
    assert not error_log.unexpected(), error_log.unexpected()


@pytest.fixture
def page(open_page: Callable[..., Page]) -> Page:
    return open_page()


# --- the foreign site: built by the wheel in a fresh virtual environment (tests/foreign_site.py) -----------


@pytest.fixture(scope="session")
def foreign(tmp_path_factory: pytest.TempPathFactory) -> foreign_site.ForeignBuild:
    try:
        built = foreign_site.build_foreign_site(tmp_path_factory.mktemp("foreign"))
    except foreign_site.Offline as exc:
        if os.environ.get("HANDBOOK_REQUIRE_BROWSER"):
            pytest.fail(f"HANDBOOK_REQUIRE_BROWSER is set but the wheel cannot be installed: {exc}")
        pytest.skip(f"no network to the package index, so the wheel cannot be built and installed: {exc}")
    except foreign_site.StepFailed as exc:
        pytest.fail(str(exc), pytrace=False)
    timings = ", ".join(f"{step} {seconds:.1f} s" for step, seconds in built.timings.items())
    print(f"\nforeign site: {timings}", file=sys.stderr)
    return built


@pytest.fixture(scope="session")
def foreign_url(browser: Browser, foreign: foreign_site.ForeignBuild) -> Iterator[str]:
    with serve(foreign.site) as url:
        yield url
