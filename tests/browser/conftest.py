"""Real-browser fixtures: the built site served over HTTP and Debian's chromium under Playwright.

Every test in this package is marked ``browser``. The browser is Debian's ``/usr/bin/chromium``
driven by Playwright's sync API; ``playwright install`` is never used. When the binary is missing
the tests fail (they do not skip) and say how to get it: ``make test`` installs it.
"""

from __future__ import annotations

import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, Request, sync_playwright

from tests.conftest import BuiltSite

HERE = Path(__file__).resolve().parent
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
# Playwright waits up to 30 s by default; everything here is local and answers in well under a
# second, so a failure should be reported quickly.
TIMEOUT_MS = 10_000
SERVER_START_SECONDS = 10.0
SERVER_ATTEMPTS = 3


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Mark every test collected from this package with ``pytest.mark.browser``."""
    for item in items:
        if item.path.is_relative_to(HERE):
            item.add_marker(pytest.mark.browser)


def _free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing was listening on a moment ago."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def _answers_with(url: str, expected: bytes) -> bool:
    """Whether ``url`` answers with exactly ``expected`` (so it is our server, not another)."""
    try:
        with urllib.request.urlopen(url, timeout=1) as response:
            body: bytes = response.read()
            return body == expected
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return False


def _start_server(site: Path, log: Path) -> tuple[subprocess.Popen[bytes], str]:
    """Start ``python -m http.server`` for ``site``; return it once it serves our home page.

    A port found free can be taken by another process before the server binds it, so a server
    that exits, or a port that answers with someone else's page, means: try another port.
    """
    home = (site / "index.html").read_bytes()
    for _attempt in range(SERVER_ATTEMPTS):
        port = _free_port()
        with log.open("ab") as log_file:
            process = subprocess.Popen(
                [sys.executable, "-m", "http.server", "--bind", "127.0.0.1", str(port)],
                cwd=site,
                stdin=subprocess.DEVNULL,
                stdout=log_file,
                stderr=log_file,
            )
        url = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + SERVER_START_SECONDS
        while time.monotonic() < deadline and process.poll() is None:
            if _answers_with(f"{url}/", home):
                return process, url
            time.sleep(0.05)
        _stop(process)
    log_tail = log.read_text(encoding="utf-8", errors="replace")[-2000:]
    pytest.fail(f"http.server did not start serving {site}:\n{log_tail}", pytrace=False)


def _stop(process: subprocess.Popen[bytes]) -> None:
    """Stop the server we started, by its PID (SIGTERM, then SIGKILL if it lingers)."""
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=5)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=5)


@pytest.fixture(scope="session")
def site_url(built_site: BuiltSite, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """Base URL (``http://127.0.0.1:<port>``, no trailing slash) of the built site, served live."""
    log = tmp_path_factory.mktemp("http-server") / "http-server.log"
    process, url = _start_server(built_site.site, log)
    try:
        yield url
    finally:
        _stop(process)


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    """Debian's headless chromium, launched once per test session (per xdist worker)."""
    if not CHROMIUM.is_file():
        pytest.fail(
            f"{CHROMIUM} is missing, so the real-browser tests cannot run. Run `make test`, which "
            "installs Debian's chromium (apt-get install -y chromium), or install it yourself. "
            "Do not run `playwright install`: these tests use the system chromium.",
            pytrace=False,
        )
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
        )
        try:
            yield launched
        finally:
            launched.close()


@dataclass
class Tab:
    """A page in its own browser context, with what went wrong while it was open."""

    page: Page
    site_url: str
    page_errors: list[str] = field(default_factory=list)
    offsite_requests: list[str] = field(default_factory=list)

    def assert_clean(self) -> None:
        """Fail if a script threw, or the page fetched anything not served by our site."""
        assert not self.page_errors, f"uncaught JavaScript errors: {self.page_errors}"
        assert not self.offsite_requests, (
            f"the site should be self-contained, but it requested: {self.offsite_requests}"
        )


OpenTab = Callable[[int, int], Tab]


@pytest.fixture
def open_tab(browser: Browser, site_url: str) -> Iterator[OpenTab]:
    """Factory: ``open_tab(width, height)`` opens a fresh tab with that viewport on the site.

    Paths given to ``tab.page.goto`` are relative to the site (``"/reports/…/"``).
    """
    contexts: list[BrowserContext] = []
    site_origin = urlsplit(site_url).netloc

    def open_one(width: int, height: int) -> Tab:
        context = browser.new_context(
            viewport={"width": width, "height": height},
            base_url=site_url,
            service_workers="block",
        )
        context.set_default_timeout(TIMEOUT_MS)
        contexts.append(context)
        tab = Tab(page=context.new_page(), site_url=site_url)

        def on_request(request: Request) -> None:
            parts = urlsplit(request.url)
            if parts.scheme in {"http", "https"} and parts.netloc != site_origin:
                tab.offsite_requests.append(request.url)

        tab.page.on("pageerror", lambda error: tab.page_errors.append(str(error)))
        tab.page.on("request", on_request)
        return tab

    yield open_one
    for context in contexts:
        context.close()
