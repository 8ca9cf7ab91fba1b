"""Benchmark: ``python -m build_tools.devtools.bench [--sizes 5,50,150,1000] [--out .cache/bench]``.

For each size N it makes a copy of the project whose ``source_reports/`` holds N synthetic
reports (:mod:`build_tools.devtools.synthetic`) and measures, each step a separate process
timed on the wall clock with its peak resident memory taken from ``wait4``:

1. the generator;
2. ``python -m build_tools build`` (parse, resolve, classify, render, write ``docs/``);
3. ``mkdocs build --strict``, the published site: its time includes the Pagefind indexing that
   the MkDocs hook (:mod:`build_tools.publish.mkdocs_hooks`) runs after the build. Pages, site
   size, and the Pagefind bundle (``site/pagefind/``: bytes and files);
4. the published site's first search in headless Chromium, the site served on 127.0.0.1, the
   way a reader makes it: the search page opened with ``/search/?q=<phrase>``, and the phrase
   typed into the header's search box on the home page and Enter pressed. For each: the bytes
   the server sent (everything after the navigation or Enter, so what the home page left in
   the browser's cache is not counted again; and the part under ``/pagefind/``), the
   milliseconds from the navigation (or Enter) to the first result shown, where the
   recommendation's link comes among the results and their item links, and whether following
   it lands on its anchor;
5. Pagefind's share of step 3: the hook's ``index_with_pagefind`` run again, alone, on the
   built site;
6. the offline copy: ``python -m build_tools offline-copy`` of the published site (into
   ``site-offline/``, with the search records step 3 wrote), the size of its search records
   (``search/clas-items.js``) raw and gzipped, and its first search as you type in the
   header's box on the home page, served over HTTP (the copy's form tells the script to
   search the records, as it does from disk; the phrase typed key by key): milliseconds from
   the last keystroke to the first results shown, the bytes fetched for search, and where the
   recommendation's link comes.

The phrase is 4-6 words of one recommendation that occur together nowhere else
(:func:`choose_target`). A Markdown table goes to stdout and to ``<out>/results.md`` (raw
numbers in ``results.json``). Steps 2-6 are skipped for a size whose build is projected
(linearly from the largest size measured) to exceed ``--max-build-seconds``, and step 6 from
N = 1,000 on or when the offline build is so projected; the generator always runs. The numbers
are wall times: run it on an otherwise idle machine (the load average is printed with the
results).
"""

from __future__ import annotations

import argparse
import contextlib
import gzip
import json
import logging
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import quote_plus, unquote, urlsplit

from build_tools.publish.mkdocs_hooks import PAGEFIND_BUNDLE, index_built_site
from build_tools.publish.offline import ZIP

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page

log = logging.getLogger(__name__)

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = "/usr/bin/chromium"
#: Where the offline copy is built, next to ``site/``.
OFFLINE_SITE = "site-offline"
#: Where the published build writes the search records for the offline copy.
RECORDS = ".cache/search-records.json"
#: From this size on, the offline copy is not built: a download of every report's text for
#: reading from disk is meant for the programme's size (about 150 reviews), not for thousands.
OFFLINE_MAX_SIZE = 999
_WORD = re.compile(r"[a-z]{3,}")


@dataclass(frozen=True, slots=True)
class Step:
    """One measured child process."""

    seconds: float
    peak_mb: float
    returncode: int
    timed_out: bool = False


@dataclass(frozen=True, slots=True)
class Target:
    """The recommendation a search looks for."""

    phrase: str
    page: str
    """Report page path, ``reports/<slug>/``."""
    anchor: str
    """``rec-…`` id on that page."""
    others: int = 0
    """Other reports that hold every word of the phrase (somewhere, not together)."""


@dataclass(frozen=True, slots=True)
class SearchProbe:
    """A first search on the published site's search page (Pagefind), in a fresh browser."""

    route: str
    """``url``: the search page opened with ``?q=``; ``header``: the phrase typed into the
    header's search box on the home page, then Enter."""
    ms: float
    """Navigation (``url``) or Enter (``header``) to the first result shown, the status no
    longer "Searching…"."""
    ms_page: float
    """The search page's own navigation to the first result shown (``ms`` without the time
    from Enter to the navigation)."""
    bytes: int
    """Bytes the server sent after the navigation (or Enter), until the network was idle."""
    requests: int
    pagefind_bytes: int
    """The part of ``bytes`` under ``/pagefind/``."""
    pagefind_requests: int
    status: str
    """The status line when done ("12 pages found for “…”.")."""
    first_url: str
    """Address of the first result (a page)."""
    first_item: str
    """Address of the first result's first item link; empty when it has none."""
    result: int
    """Position of the result whose item links hold the recommendation; 0 when none does."""
    item: int
    """Position of the recommendation's link among that result's item links."""
    items: int
    """Item links that result shows."""
    lands: bool
    """Following that link shows the element with the recommendation's id."""
    fetched: tuple[tuple[str, int], ...] = ()
    """(path, body bytes) of each request the server answered; 0 for a 304."""


@dataclass(frozen=True, slots=True)
class OfflineProbe:
    """A first search as you type in the offline copy's header box, on its home page."""

    ms: float
    """Last keystroke to the first results shown."""
    ms_from_load: float
    """Page load to the first results shown, typing included."""
    bytes: int
    """Bytes the server sent for search (the records and the glossary's synonyms)."""
    requests: int
    first_url: str
    """Address of the first result."""
    rank: int
    """Position of the recommendation among the results shown; 0 when it is not there."""
    lands: bool
    """Following that result with the keyboard shows the element with the anchor's id."""
    fetched: tuple[tuple[str, int], ...] = ()
    """(path, bytes) of each search request."""


@dataclass
class Run:
    """Everything measured at one size."""

    size: int
    generate: Step | None = None
    build_tools: Step | None = None
    mkdocs: Step | None = None
    """The published site's build, Pagefind's indexing (the hook) included."""
    pages: int = 0
    site_bytes: int = 0
    """The published site, its Pagefind bundle included."""
    pagefind_pages: int = 0
    """Pages in the Pagefind bundle (``pagefind-entry.json``)."""
    bundle_bytes: int = 0
    bundle_files: int = 0
    pagefind: Step | None = None
    """The hook's Pagefind indexing run again, alone, on the built site."""
    search_url: SearchProbe | None = None
    search_header: SearchProbe | None = None
    offline: Step | None = None
    """The offline copy's build."""
    records_bytes: int = 0
    """The offline copy's ``search/clas-items.js``."""
    records_gzip_bytes: int = 0
    offline_search: OfflineProbe | None = None
    zip: Step | None = None
    """The offline copy zipped (``build_tools offline-zip``), as ``make site`` does."""
    floor: Step | None = None
    """The floor: ``mkdocs build`` of the report pages and the home page alone (:func:`floor`)."""
    floor_bytes: int = 0
    report_bytes: int = 0
    """The published site's report pages (``reports/<slug>/index.html``)."""
    target: Target | None = None
    notes: list[str] = field(default_factory=list)


# -- processes ------------------------------------------------------------------------------


def run_step(
    command: list[str],
    cwd: Path,
    log_path: Path,
    env: dict[str, str] | None = None,
    timeout: float = 3600,
) -> Step:
    """Run ``command``, output to ``log_path``; wall time and peak RSS (MB) from ``wait4``.

    The peak RSS is the child's or that of any of its own children, whichever is larger. A
    command still running after ``timeout`` seconds is killed with its process group.
    """
    log_path.parent.mkdir(parents=True, exist_ok=True)
    environment = dict(os.environ, NO_MKDOCS_2_WARNING="1", **(env or {}))
    timed_out = False
    with log_path.open("wb") as output:
        began = time.perf_counter()
        process = subprocess.Popen(
            command,
            cwd=cwd,
            env=environment,
            stdout=output,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        while True:
            pid, status, usage = os.wait4(process.pid, os.WNOHANG)
            if pid:
                break
            if time.perf_counter() - began > timeout:
                timed_out = True
                os.killpg(process.pid, signal.SIGKILL)
                _, status, usage = os.wait4(process.pid, 0)
                break
            time.sleep(0.01)
        elapsed = time.perf_counter() - began
    process.returncode = os.waitstatus_to_exitcode(status)
    step = Step(round(elapsed, 3), round(usage.ru_maxrss / 1024, 1), process.returncode, timed_out)
    if step.returncode != 0:
        tail = log_path.read_text("utf-8", errors="replace")[-2000:]
        log.error("%s failed (%d):\n%s", " ".join(command), step.returncode, tail)
    return step


_REQUEST = re.compile(r'"(?:GET|HEAD) (\S+) HTTP/[\d.]+" (\d{3})')


@dataclass(frozen=True, slots=True)
class Server:
    """A built site served on 127.0.0.1, and the log of the requests it answered."""

    base: str
    """``http://127.0.0.1:<port>``."""
    site: Path
    log_path: Path

    def served(self, since: int = 0) -> tuple[tuple[str, int], ...]:
        """(path, body bytes) of each request answered, from the ``since``-th on.

        The server's log is the one count of what went over the network: a response the
        browser took from its cache is not in it, and a worker's script, whose size Chromium
        does not report, is. A 200 sends the whole file (``http.server`` compresses nothing);
        anything else (a 304, a 404) is counted as no body.
        """
        found: list[tuple[str, int]] = []
        text = self.log_path.read_text("utf-8", errors="replace")
        for match in _REQUEST.finditer(text):
            path = urlsplit(match.group(1)).path
            size = _file_size(self.site, path) if match.group(2) == "200" else 0
            found.append((path, size))
        return tuple(found[since:])

    def body(self, url: str) -> bytes:
        """What the server answers ``url`` with (empty when it has no such file)."""
        path = _served_path(self.site, url)
        return path.read_bytes() if path.is_file() else b""


@contextlib.contextmanager
def serve(site: Path, log_path: Path) -> Iterator[Server]:
    """Serve ``site`` on 127.0.0.1 with ``http.server``, its requests logged to ``log_path``."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    log_path.parent.mkdir(parents=True, exist_ok=True)
    with log_path.open("wb") as requests:
        server = subprocess.Popen(
            [sys.executable, "-m", "http.server", "--bind", "127.0.0.1", str(port)],
            cwd=site,
            stdout=subprocess.DEVNULL,
            stderr=requests,
        )
    try:
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", port), 0.2):
                break
            time.sleep(0.05)
        yield Server(f"http://127.0.0.1:{port}", site, log_path)
    finally:
        os.kill(server.pid, signal.SIGTERM)
        server.wait(timeout=10)


def _served_path(site: Path, url: str) -> Path:
    """The file ``http.server`` answers ``url`` with (a folder's ``index.html``)."""
    path = site / unquote(urlsplit(url).path).lstrip("/")
    return path / "index.html" if path.is_dir() else path


def _file_size(site: Path, url: str) -> int:
    """Size of the file ``http.server`` answers ``url`` with."""
    path = _served_path(site, url)
    return path.stat().st_size if path.is_file() else 0


# -- project copy and site measurements ------------------------------------------------------


def copy_project(target: Path) -> Path:
    """What a build reads (hand-written docs, mkdocs.yml, the theme and hook), with an empty
    ``source_reports/``; ``tests/conftest.py`` adds the seed reports."""
    (target / "source_reports").mkdir(parents=True)
    shutil.copytree(ROOT / "docs", target / "docs")
    shutil.copy2(ROOT / "mkdocs.yml", target / "mkdocs.yml")
    # The theme overrides and the hook, which mkdocs.yml names by their paths; MkDocs and the
    # generator run as the installed package (a whole copy here would be run instead).
    publish = Path("build_tools") / "publish"
    shutil.copytree(ROOT / publish / "theme", target / publish / "theme")
    shutil.copy2(ROOT / publish / "mkdocs_hooks.py", target / publish / "mkdocs_hooks.py")
    return target


#: The floor's project, beside the measured one's files.
FLOOR = "floor"


def floor(project: Path, logs: Path, timeout: float) -> Step:
    """MkDocs' own floor for this corpus: the same ``mkdocs.yml``, theme and hook (Pagefind
    included) building only the report pages and the home page that ``build_tools build``
    wrote into ``project``, with the scripts and stylesheets but not the downloads (not
    strict: the pages' links to the other pages have nowhere to go)."""
    target = project / FLOOR
    shutil.rmtree(target, ignore_errors=True)
    docs = project / "docs"
    for path in sorted(docs.rglob("*")):
        relative = path.relative_to(docs)
        keep = path.suffix != ".md" and relative.parts[0] != "downloads"
        keep = keep or relative.as_posix() == "index.md"
        keep = keep or (relative.parts[0] == "reports" and relative.name != "index.md")
        if path.is_file() and keep:
            (target / "docs" / relative).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(path, target / "docs" / relative)
    shutil.copy2(project / "mkdocs.yml", target / "mkdocs.yml")
    shutil.copytree(project / "build_tools", target / "build_tools")
    command = [sys.executable, "-m", "mkdocs", "build", "--no-strict", "-f", "mkdocs.yml"]
    return run_step(command, target, logs / "floor.log", timeout=timeout)


def tree_size(folder: Path) -> tuple[int, int]:
    """(bytes, files) under ``folder``."""
    total = files = 0
    for path in folder.rglob("*"):
        if path.is_file():
            total += path.stat().st_size
            files += 1
    return total, files


def count_pages(site: Path) -> int:
    """HTML pages MkDocs wrote (``404.html`` and anything in the Pagefind bundle excluded)."""
    return sum(
        1
        for path in site.rglob("*.html")
        if path.name != "404.html" and path.relative_to(site).parts[0] != PAGEFIND_BUNDLE
    )


def pagefind_pages(bundle: Path) -> int:
    """Pages in a Pagefind bundle, from its ``pagefind-entry.json``; 0 when it is missing."""
    entry = bundle / "pagefind-entry.json"
    if not entry.is_file():
        return 0
    languages: dict[str, dict[str, Any]] = json.loads(entry.read_text("utf-8"))["languages"]
    return sum(int(language["page_count"]) for language in languages.values())


def pagefind_main(site: Path) -> int:
    """Child-process entry point: the hook's Pagefind indexing of ``site``, alone (its search
    records read again from the built pages, then indexed)."""
    count = index_built_site(site, site.parent / "docs")
    log.info("Pagefind indexed %d pages into %s", count, site / PAGEFIND_BUNDLE)
    return 0 if count else 1


def choose_target(project: Path, size: int) -> Target | None:
    """A recommendation and a phrase a reader would search it by.

    The phrase is 4-6 consecutive words of one recommendation, leaving out the area's name,
    that occur together nowhere else in the corpus; of those, the one whose words all occur in
    the fewest other reports, then the rarest words. Reports are tried from the middle of the
    list outwards until one has a phrase whose words no other report holds (at most 15): a
    search for it then has one right answer on any engine.
    """
    rows_path = project / "docs" / "downloads" / "recommendations.json"
    if not rows_path.is_file():
        return None
    rows: list[dict[str, Any]] = json.loads(rows_path.read_text("utf-8"))
    texts = {
        path: re.sub(r"[^a-z0-9]+", " ", path.read_text("utf-8").lower())
        for path in sorted((project / "source_reports").glob("*.txt"))
    }
    if not rows or not texts:
        return None
    vocabularies = {path: frozenset(text.split()) for path, text in texts.items()}
    frequency: dict[str, int] = {}
    for words in vocabularies.values():
        for word in words:
            frequency[word] = frequency.get(word, 0) + 1
    corpus = _Corpus(texts, vocabularies, frequency, " ".join(texts.values()))
    areas = sorted({str(row["area"]) for row in rows})
    middle = len(areas) // 2
    order = sorted(range(len(areas)), key=lambda index: (abs(index - middle), index))
    best: Target | None = None
    for index in order[:15]:
        found = _best_phrase(areas[index], rows, corpus)
        if found is not None and (best is None or found.others < best.others):
            best = found
        if best is not None and best.others == 0:
            break
    if best is None:
        log.warning("no phrase unique to one recommendation at N=%d", size)
    return best


@dataclass(frozen=True, slots=True)
class _Corpus:
    """The generated reports as lower-case words."""

    texts: dict[Path, str]
    vocabularies: dict[Path, frozenset[str]]
    frequency: dict[str, int]
    """Word → number of reports that hold it."""
    joined: str


def _best_phrase(area: str, rows: list[dict[str, Any]], corpus: _Corpus) -> Target | None:
    title = re.sub(r"[^a-z0-9]+", " ", f"safeguarding in {area}".lower()).strip()
    target_path = next((p for p, text in corpus.texts.items() if title in text[:300]), None)
    if target_path is None:
        return None
    others = [words for path, words in corpus.vocabularies.items() if path != target_path]
    banned = set(title.split())
    scored: list[tuple[int, int, str, dict[str, Any]]] = []
    for row in rows:
        if row["area"] != area:
            continue
        tokens = _WORD.findall(str(row["text"]).lower())
        for length in (4, 5, 6):
            for start in range(len(tokens) - length + 1):
                window = tokens[start : start + length]
                if (
                    banned.intersection(window)
                    or sum(len(word) >= 5 for word in window) < 3
                    or min(len(window[0]), len(window[-1])) < 4
                ):
                    continue
                needed = set(window)
                also = sum(1 for vocabulary in others if needed <= vocabulary)
                rarity = sum(corpus.frequency.get(word, 0) for word in window)
                scored.append((also, rarity, " ".join(window), row))
    scored.sort(key=lambda item: item[:3])
    for also, _, phrase, row in scored:
        if corpus.joined.count(f" {phrase} ") == 1:
            page, anchor = str(row["permalink"]).split("#", 1)
            return Target(phrase, page, anchor, also)
    return None


# -- browser probes ------------------------------------------------------------------------


@contextlib.contextmanager
def chromium() -> Iterator[Browser]:
    """Debian's Chromium, headless, through Playwright."""
    from playwright.sync_api import sync_playwright  # noqa: PLC0415 (optional, slow)

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        try:
            yield browser
        finally:
            browser.close()


def _lands(page: Page, anchor: str) -> bool:
    """The page's URL ends in ``#anchor`` and the element with that id is in the viewport."""
    page.wait_for_load_state("load")
    if not page.url.endswith(f"#{anchor}"):
        return False
    element = page.locator(f"[id='{anchor}']")
    if element.count() == 0:
        return False
    box = element.first.bounding_box()
    viewport = page.viewport_size
    return bool(box and viewport and -1 <= box["y"] < viewport["height"])


def _is_target(url: str, target: Target) -> bool:
    """``url`` is the recommendation's address: ``reports/x/#rec-…``, or in the offline copy
    ``reports/x/index.html#rec-…``."""
    parts = urlsplit(url)
    path = parts.path.removesuffix("index.html").rstrip("/")
    return parts.fragment == target.anchor and path.endswith(target.page.rstrip("/"))


# Runs in every document of a search-page probe before its own scripts: notes the moment of
# Enter (kept in sessionStorage across the navigation it starts) and the moment the search
# page shows its first result and has stopped saying "Searching…".
_WATCH_SEARCH_PAGE = """(() => {
  const now = () => performance.timeOrigin + performance.now();
  window.__clasBench = {done: 0, doneAt: 0};
  document.addEventListener("keydown", (event) => {
    if (event.key === "Enter") {
      sessionStorage.setItem("clasBenchEnter", String(now()));
    }
  }, true);
  const finished = () => {
    const status = document.getElementById("clas-search-status");
    if (!status || !document.getElementById("clas-search-results")) {
      return false;
    }
    const text = status.textContent || "";
    if (/^(Nothing found|Search could not start)/.test(text)) {
      return true;
    }
    return document.querySelector("li.clas-search-result") !== null && !/Searching/.test(text);
  };
  new MutationObserver((_, observer) => {
    if (finished()) {
      window.__clasBench.done = performance.now();
      window.__clasBench.doneAt = now();
      observer.disconnect();
    }
  }).observe(document, {childList: true, subtree: true, characterData: true});
})();"""
_SEARCH_PAGE_RESULTS = """() => ({
  status: document.getElementById("clas-search-status").textContent.trim(),
  enter: Number(sessionStorage.getItem("clasBenchEnter") || 0),
  results: [...document.querySelectorAll("li.clas-search-result")].map((entry) => ({
    url: entry.querySelector(".clas-search-result__title a").href,
    items: [...entry.querySelectorAll("a.clas-search-result__item")].map((a) => a.href),
  })),
})"""


def probe_search_page(server: Server, target: Target, browser: Browser, route: str) -> SearchProbe:
    """The published site's first search for ``target.phrase`` by ``route`` (see SearchProbe).

    Each probe has a fresh browser context, so nothing is cached but what the home page
    loaded on the ``header`` route.
    """
    context = browser.new_context()
    context.add_init_script(script=_WATCH_SEARCH_PAGE)
    page = context.new_page()
    if route == "header":
        page.goto(f"{server.base}/", wait_until="networkidle")
        box = page.locator("#clas-header-search")
        box.click()
        box.press_sequentially(target.phrase, delay=20)
        since = len(server.served())
        with page.expect_navigation(wait_until="commit"):
            box.press("Enter")
    else:
        since = len(server.served())
        page.goto(f"{server.base}/search/?q={quote_plus(target.phrase)}", wait_until="commit")
    page.wait_for_function("() => window.__clasBench.done > 0", timeout=120_000)
    done, done_at = page.evaluate("[window.__clasBench.done, window.__clasBench.doneAt]")
    page.wait_for_load_state("networkidle")
    shown: dict[str, Any] = page.evaluate(_SEARCH_PAGE_RESULTS)
    ms = float(done_at) - float(shown["enter"]) if route == "header" else float(done)
    sizes = server.served(since)
    ours = [(path, size) for path, size in sizes if path.startswith(f"/{PAGEFIND_BUNDLE}/")]
    results: list[dict[str, Any]] = shown["results"]
    result = item = items = 0
    for place, entry in enumerate(results, start=1):
        links = [str(href) for href in entry["items"]]
        hits = [position for position, href in enumerate(links, 1) if _is_target(href, target)]
        if hits:
            result, item, items = place, hits[0], len(links)
            break
    lands = False
    if result:
        link = page.locator("li.clas-search-result").nth(result - 1)
        link = link.locator("a.clas-search-result__item").nth(item - 1)
        with page.expect_navigation():
            link.click()
        lands = _lands(page, target.anchor)
    context.close()
    first = results[0] if results else {"url": "", "items": []}
    return SearchProbe(
        route,
        round(ms, 1),
        round(float(done), 1),
        sum(size for _, size in sizes),
        len(sizes),
        sum(size for _, size in ours),
        len(ours),
        str(shown["status"]),
        str(first["url"]),
        str(first["items"][0]) if first["items"] else "",
        result,
        item,
        items,
        lands,
        fetched=sizes,
    )


_WATCH_OPTIONS = """() => {
  window.__keys = [];
  window.__renders = [];
  document.addEventListener("keydown", () => window.__keys.push(performance.now()), true);
  const list = document.getElementById("clas-header-results");
  new MutationObserver(() => {
    window.__renders.push([performance.now(), list.hidden ? 0 : list.children.length]);
  }).observe(list, {childList: true, attributes: true});
}"""
_SHOWN_AFTER_LAST_KEY = """(count) => window.__keys.length >= count &&
  window.__renders.some(([t, n]) => t > window.__keys[window.__keys.length - 1] && n > 0)"""


def probe_offline_header(server: Server, target: Target, browser: Browser) -> OfflineProbe:
    """Type ``target.phrase`` into the offline copy's header box on its home page."""
    context = browser.new_context()
    page = context.new_page()
    since = len(server.served())
    page.goto(f"{server.base}/index.html", wait_until="load")
    load_at = float(page.evaluate("performance.now()"))
    page.evaluate(_WATCH_OPTIONS)
    box = page.locator("#clas-header-search")
    box.click()
    box.press_sequentially(target.phrase, delay=30)
    page.wait_for_function(_SHOWN_AFTER_LAST_KEY, arg=len(target.phrase), timeout=120_000)
    last_key, shown_at = page.evaluate(
        """() => {
          const last = window.__keys[window.__keys.length - 1];
          return [last, window.__renders.find(([t, n]) => t > last && n > 0)[0]];
        }"""
    )
    page.wait_for_timeout(300)  # let a following render (if any) settle before reading
    hrefs: list[str] = page.locator("#clas-header-results [role=option]").evaluate_all(
        "rows => rows.map((row) => new URL(row.dataset.href, location.href).href)"
    )
    rank = next((n for n, href in enumerate(hrefs, 1) if _is_target(href, target)), 0)
    sizes = tuple(
        (path, size)
        for path, size in server.served(since)
        if path.endswith(("/search/clas-items.js", "/glossary/synonyms.json"))
    )
    lands = False
    if rank:
        for _ in range(rank):
            box.press("ArrowDown")
        with page.expect_navigation():
            box.press("Enter")
        lands = _lands(page, target.anchor)
    context.close()
    return OfflineProbe(
        round(float(shown_at) - float(last_key), 1),
        round(float(shown_at) - load_at, 1),
        sum(size for _, size in sizes),
        len(sizes),
        hrefs[0] if hrefs else "",
        rank,
        lands,
        fetched=sizes,
    )


def probe_published(run: Run, site: Path) -> None:
    """The published site's first searches for ``run.target``, both routes."""
    assert run.target is not None
    with serve(site, site.parent / "logs" / "serve-site.log") as server, chromium() as browser:
        run.search_url = probe_search_page(server, run.target, browser, "url")
        run.search_header = probe_search_page(server, run.target, browser, "header")


def probe_offline(run: Run, site: Path) -> None:
    """The offline copy's first search for ``run.target`` as you type, served over HTTP."""
    assert run.target is not None
    log_path = site.parent / "logs" / f"serve-{site.name}.log"
    with serve(site, log_path) as server, chromium() as browser:
        run.offline_search = probe_offline_header(server, run.target, browser)


# -- one size ------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Settings:
    """How to run the benchmark."""

    out: Path
    """Work folder: one project copy per size, and the results."""
    seed: int = 0
    browser: bool = True
    timeout: float = 1800
    """Seconds after which a step is killed."""


def _browse(run: Run, what: str, probe: Callable[[Run, Path], None], site: Path) -> None:
    """Run a browser probe; a browser problem must not lose the other numbers."""
    try:
        probe(run, site)
    except Exception as error:
        log.exception("%s probe failed at N=%d", what, run.size)
        run.notes.append(f"{what} probe failed: {error.__class__.__name__}: {error}")


def measure(
    size: int, settings: Settings, skip_build: str | None = None, skip_offline: str | None = None
) -> Run:
    """Generate, build and search at one size."""
    run = Run(size)
    timeout, seed = settings.timeout, settings.seed
    project = settings.out / f"n{size:04d}"
    shutil.rmtree(project, ignore_errors=True)
    copy_project(project)
    logs = project / "logs"
    python = sys.executable
    pythonpath = {
        "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")]))
    }
    run.generate = run_step(
        [
            python,
            "-m",
            "build_tools.devtools.synthetic",
            str(size),
            "source_reports",
            "--seed",
            str(seed),
        ],
        project,
        logs / "generate.log",
        pythonpath,
        timeout,
    )
    if skip_build:
        run.notes.append(skip_build)
        return run
    run.build_tools = run_step(
        [python, "-m", "build_tools", "build", "--root", "."],
        project,
        logs / "build.log",
        pythonpath,
        timeout,
    )
    if run.build_tools.returncode != 0:
        run.notes.append("build_tools build failed; see logs/build.log")
        return run
    mkdocs = [python, "-m", "mkdocs", "build", "--strict", "-f", "mkdocs.yml"]
    # The published build, writing the search records for the offline copy as `make site` does.
    records = project / RECORDS
    run.mkdocs = run_step(
        mkdocs, project, logs / "mkdocs.log", {"CLAS_SEARCH_RECORDS": str(records)}, timeout
    )
    site = project / "site"
    if run.mkdocs.returncode != 0:
        run.notes.append("mkdocs build failed; see logs/mkdocs.log")
        return run
    run.pages = count_pages(site)
    run.site_bytes = tree_size(site)[0]
    run.report_bytes = sum(page.stat().st_size for page in site.glob("reports/*/index.html"))
    run.pagefind_pages = pagefind_pages(site / PAGEFIND_BUNDLE)
    run.bundle_bytes, run.bundle_files = tree_size(site / PAGEFIND_BUNDLE)
    run.target = choose_target(project, size)
    if settings.browser and run.target is not None:
        _browse(run, "search page", probe_published, site)
    # Pagefind's share of the build, after the probes so that they see the bundle MkDocs wrote.
    run.pagefind = run_step(
        [python, "-m", "build_tools.devtools.bench", "--pagefind-index", str(site)],
        project,
        logs / "pagefind.log",
        pythonpath,
        timeout,
    )
    if run.pagefind.returncode != 0:
        run.notes.append("Pagefind indexing failed; see logs/pagefind.log")
    elif tree_size(site / PAGEFIND_BUNDLE) != (run.bundle_bytes, run.bundle_files):
        run.notes.append("Pagefind's second indexing wrote a different bundle")
    if skip_offline:
        run.notes.append(skip_offline)
        return run
    offline = project / OFFLINE_SITE
    run.offline = run_step(
        [
            python,
            "-m",
            "build_tools",
            "offline-copy",
            "site",
            str(offline),
            "--records",
            str(records),
        ],
        project,
        logs / "offline-copy.log",
        pythonpath,
        timeout,
    )
    if run.offline.returncode != 0:
        run.notes.append("offline copy failed; see logs/offline-copy.log")
        return run
    run.zip = run_step(
        [python, "-m", "build_tools", "offline-zip", str(offline), str(site / ZIP)],
        project,
        logs / "offline-zip.log",
        pythonpath,
        timeout,
    )
    run.floor = floor(project, logs, timeout)
    if run.floor.returncode == 0:
        run.floor_bytes = tree_size(project / FLOOR / "site")[0]
    script = offline / "search" / "clas-items.js"
    if script.is_file():
        data = script.read_bytes()
        run.records_bytes = len(data)
        run.records_gzip_bytes = len(gzip.compress(data, compresslevel=6))
    if settings.browser and run.target is not None:
        _browse(run, "offline search", probe_offline, offline)
    return run


def _projected(runs: list[Run], size: int, steps: Callable[[Run], list[Step | None]]) -> float:
    """Seconds ``steps`` would take at ``size``, linear from the largest run that has them all;
    0 when no run has."""
    measured = [r for r in runs if all(step is not None for step in steps(r))]
    if not measured:
        return 0.0
    largest = max(measured, key=lambda r: r.size)
    return sum(step.seconds for step in steps(largest) if step) / largest.size * size


def projected_build(runs: list[Run], size: int) -> float:
    """Seconds build_tools + mkdocs (the published site) would take at ``size``."""
    return _projected(runs, size, lambda r: [r.build_tools, r.mkdocs])


def projected_offline(runs: list[Run], size: int) -> float:
    """Seconds the offline copy's build would take at ``size``."""
    return _projected(runs, size, lambda r: [r.offline])


# -- report --------------------------------------------------------------------------------


def _mb(value: float) -> str:
    return f"{value / 1e6:.1f} MB" if value >= 1e6 else f"{value / 1e3:.0f} KB"


def _s(step: Step | None) -> str:
    if step is None:
        return "–"
    return f"{step.seconds:.2f} s" + ("" if step.returncode == 0 else " (failed)")


def _rss(step: Step | None) -> str:
    return "–" if step is None else f"{step.peak_mb:.0f} MB"


def _with_rss(step: Step | None) -> str:
    return "–" if step is None else f"{_s(step)} ({_rss(step)})"


def _found(probe: SearchProbe) -> str:
    """Where the recommendation came in the search page's results, in words."""
    if not probe.result:
        return "not among the results shown"
    text = f"result {probe.result}, item link {probe.item} of {probe.items}"
    return text + ("; lands on it" if probe.lands else "; does not land on it")


def _found_offline(probe: OfflineProbe) -> str:
    """Where the recommendation came in the offline copy's header list, in words."""
    if not probe.rank:
        return "not among the results shown"
    return f"result {probe.rank}" + ("; lands on it" if probe.lands else "; does not land on it")


def _downloads(probe: SearchProbe | None) -> str:
    if probe is None:
        return "–"
    return (
        f"{_mb(probe.bytes)} ({probe.requests} req.), of which /{PAGEFIND_BUNDLE}/ "
        f"{_mb(probe.pagefind_bytes)} ({probe.pagefind_requests} req.)"
    )


def _first_result(probe: SearchProbe | None) -> str:
    if probe is None:
        return "–"
    if probe.route == "url":
        return f"{probe.ms:.0f} ms"
    return f"{probe.ms:.0f} ms ({probe.ms_page:.0f} ms of it on the search page)"


#: What a downloaded file is, for the breakdown of a first search's bytes; first match wins.
_KINDS = (
    (re.compile(r"/pagefind/pagefind\.js$"), "pagefind.js"),
    (re.compile(r"/pagefind/pagefind-worker\.js$"), "Pagefind's worker"),
    (re.compile(r"/pagefind/.*\.pagefind$"), "Pagefind's WebAssembly"),
    (re.compile(r"/pagefind/pagefind-entry\.json$"), "Pagefind's entry"),
    (re.compile(r"/pagefind/.*\.pf_meta$"), "Pagefind's metadata"),
    (re.compile(r"/pagefind/index/"), "Pagefind's index chunks"),
    (re.compile(r"/pagefind/fragment/"), "Pagefind's page fragments"),
    (re.compile(r"/pagefind/filter/"), "Pagefind's filters"),
    (re.compile(r"/pagefind/"), "Pagefind, other"),
    (re.compile(r"(/|\.html)$"), "the HTML page"),
    (re.compile(r"\.css$"), "stylesheets"),
    (re.compile(r"\.js$"), "scripts"),
    (re.compile(r"\.(png|svg|ico|webp)$"), "images"),
)


def breakdown(fetched: tuple[tuple[str, int], ...]) -> str:
    """The bytes of a search, by kind of file, largest first: "pagefind.js 40 KB (1), …"."""
    totals: dict[str, list[int]] = {}
    for path, size in fetched:
        kind = next((name for pattern, name in _KINDS if pattern.search(path)), "other")
        total = totals.setdefault(kind, [0, 0])
        total[0] += size
        total[1] += 1
    ordered = sorted(totals.items(), key=lambda item: (-item[1][0], item[0]))
    return ", ".join(f"{kind} {_mb(size)} ({count})" for kind, (size, count) in ordered)


def _address(url: str) -> str:
    where = urlsplit(url)
    return f"`{where.path}" + (f"#{where.fragment}" if where.fragment else "") + "`"


def _searched(run: Run) -> list[str]:
    target = run.target
    assert target is not None
    lines = [
        f"- N = {run.size:,}: searched “{target.phrase}” (all its words also occur in "
        f"{target.others} other reports) for `{target.page}#{target.anchor}`"
    ]
    probe = run.search_url or run.search_header
    if probe is not None:
        lines[0] += f"; search page: “{probe.status}”, first result {_address(probe.first_url)}"
        if probe.first_item:
            lines[0] += f", its first item link {_address(probe.first_item)}"
    if run.offline_search is not None:
        lines[0] += f"; offline copy: first result {_address(run.offline_search.first_url)}"
    for probe in (run.search_url, run.search_header):
        if probe is not None:
            route = "opened with ?q=" if probe.route == "url" else "from the header, after Enter"
            lines.append(f"  - search page {route}: {breakdown(probe.fetched)}")
    return lines


def table(runs: list[Run]) -> str:
    """The results as a Markdown table: one column per size."""
    rows: list[tuple[str, list[str]]] = []

    def row(label: str, values: list[str]) -> None:
        rows.append((label, values))

    def seconds(*steps: Step | None) -> str:
        return f"{sum(s.seconds for s in steps if s):.1f} s" if all(steps) else "–"

    row("Generator", [_s(r.generate) for r in runs])
    row(
        "Generator per report",
        [f"{r.generate.seconds / r.size * 1000:.1f} ms" if r.generate else "–" for r in runs],
    )
    row("Generator peak RSS", [_rss(r.generate) for r in runs])
    row("`build_tools build`", [_s(r.build_tools) for r in runs])
    row("`build_tools build` peak RSS", [_rss(r.build_tools) for r in runs])
    row("`mkdocs build --strict` (Pagefind included)", [_s(r.mkdocs) for r in runs])
    row("`mkdocs build` peak RSS", [_rss(r.mkdocs) for r in runs])
    row("Pagefind indexing alone (peak RSS)", [_with_rss(r.pagefind) for r in runs])
    row(
        "Pagefind's share of `mkdocs build`",
        [
            f"{r.pagefind.seconds / r.mkdocs.seconds:.0%}"
            if r.pagefind and r.mkdocs and r.pagefind.returncode == 0
            else "–"
            for r in runs
        ],
    )
    row(
        "Generator / MkDocs time",
        [
            f"{r.generate.seconds / r.mkdocs.seconds:.1%}" if r.generate and r.mkdocs else "–"
            for r in runs
        ],
    )
    row(
        "End to end, published site (generate + build + mkdocs)",
        [seconds(r.generate, r.build_tools, r.mkdocs) for r in runs],
    )
    row(
        "Pages (of them in Pagefind's index)",
        [f"{r.pages} ({r.pagefind_pages})" if r.pages else "–" for r in runs],
    )
    row(
        "Site size (Pagefind bundle included)",
        [_mb(r.site_bytes) if r.site_bytes else "–" for r in runs],
    )
    row(
        "Pagefind bundle",
        [
            f"{_mb(r.bundle_bytes)}, {r.bundle_files:,} files" if r.bundle_bytes else "–"
            for r in runs
        ],
    )
    for route, label in (("url", "Search page opened with ?q="), ("header", "Header search")):
        probes = [r.search_url if route == "url" else r.search_header for r in runs]
        start = "navigation" if route == "url" else "Enter"
        row(f"{label}: first search downloads", [_downloads(p) for p in probes])
        row(f"{label}: {start} → first result", [_first_result(p) for p in probes])
        row(
            f"{label}: where the recommendation comes",
            ["–" if p is None else _found(p) for p in probes],
        )
    row("MkDocs' floor: report pages and home page alone", [_s(r.floor) for r in runs])
    row("MkDocs' floor: site size", [_mb(r.floor_bytes) if r.floor_bytes else "–" for r in runs])
    row("Offline copy: `build_tools offline-copy`", [_s(r.offline) for r in runs])
    row("Offline copy: `build_tools offline-copy` peak RSS", [_rss(r.offline) for r in runs])
    row(
        "End to end, both copies (generate + build + mkdocs + offline copy)",
        [seconds(r.generate, r.build_tools, r.mkdocs, r.offline) for r in runs],
    )
    row(
        "Offline copy: `search/clas-items.js` (gzip)",
        [
            f"{_mb(r.records_bytes)} ({_mb(r.records_gzip_bytes)})" if r.records_bytes else "–"
            for r in runs
        ],
    )
    searches = [r.offline_search for r in runs]
    row(
        "Offline header search: bytes",
        ["–" if p is None else f"{_mb(p.bytes)} ({p.requests} req.)" for p in searches],
    )
    row(
        "Offline header search: last key → first results",
        ["–" if p is None else f"{p.ms:.0f} ms" for p in searches],
    )
    row(
        "Offline header search: page load → first results",
        ["–" if p is None else f"{p.ms_from_load:.0f} ms" for p in searches],
    )
    row(
        "Offline header search: where the recommendation comes",
        ["–" if p is None else _found_offline(p) for p in searches],
    )
    header = "| | " + " | ".join(f"N = {r.size:,}" for r in runs) + " |"
    lines = [header, "|---" * (len(runs) + 1) + "|"]
    lines += [f"| {label} | " + " | ".join(values) + " |" for label, values in rows]
    notes = [f"- N = {r.size:,}: {note}" for r in runs for note in r.notes]
    targets = [line for r in runs if r.target for line in _searched(r)]
    if notes:
        lines += ["", *notes]
    if targets:
        lines += ["", *targets]
    return "\n".join(lines)


#: Issue 18's targets, each against the floor of the same run.
MAKE_SITE_FLOOR_RATIO = 1.5
BUILD_TOOLS_FLOOR_SHARE = 0.10
SITE_REPORT_RATIO = 1.5
PEAK_RSS_MB = 1536


def floor_checks(run: Run) -> list[tuple[bool, str]]:
    """``make site`` (build_tools, MkDocs with Pagefind, the offline copy and its zip) against
    MkDocs' floor, ``build_tools build`` against it, the site's size against its report
    pages', and every step's peak memory."""
    found: list[tuple[bool, str]] = []
    n = f"N={run.size:,}"
    steps = (run.build_tools, run.mkdocs, run.offline, run.zip)
    if run.floor and run.floor.returncode == 0 and all(steps):
        make_site = sum(step.seconds for step in steps if step)
        ratio = make_site / run.floor.seconds
        found.append(
            (
                ratio <= MAKE_SITE_FLOOR_RATIO,
                f"`make site` ≤ {MAKE_SITE_FLOOR_RATIO}× MkDocs' floor at {n}: {make_site:.1f} s "
                f"against {run.floor.seconds:.1f} s ({ratio:.1f}×)",
            )
        )
    if run.floor and run.floor.returncode == 0 and run.build_tools:
        share = run.build_tools.seconds / run.floor.seconds
        found.append(
            (
                share <= BUILD_TOOLS_FLOOR_SHARE,
                f"`build_tools build` ≤ {BUILD_TOOLS_FLOOR_SHARE:.0%} of the floor at {n}: "
                f"{run.build_tools.seconds:.1f} s ({share:.0%})",
            )
        )
    if run.floor_bytes and run.site_bytes:
        # The report pages alone as the floor publishes them: with their search index (Pagefind's
        # and the phrase index), scripts and styles.
        ratio = run.site_bytes / run.floor_bytes
        found.append(
            (
                ratio <= SITE_REPORT_RATIO,
                f"site ≤ {SITE_REPORT_RATIO}× the floor's (its report pages alone) at {n}: "
                f"{_mb(run.site_bytes)} against {_mb(run.floor_bytes)} ({ratio:.1f}×; the "
                f"report pages' HTML {_mb(run.report_bytes)})",
            )
        )
    measured = [s for s in (run.generate, run.build_tools, run.mkdocs, run.offline, run.zip) if s]
    if measured and run.size >= 150:
        peak = max(step.peak_mb for step in measured)
        found.append(
            (peak < PEAK_RSS_MB, f"peak memory of every step < 1.5 GB at {n}: {peak:.0f} MB")
        )
    return found


def checks(runs: list[Run]) -> list[str]:
    """The issue's targets, each with its verdict."""
    found: list[str] = []
    by_size = {r.size: r for r in runs}

    def check(ok: bool, text: str) -> None:
        found.append(f"{'PASS' if ok else 'FAIL'} {text}")

    for r in runs:
        if r.size >= 50 and r.generate and r.mkdocs:
            share = r.generate.seconds / r.mkdocs.seconds
            check(share <= 0.05, f"generator ≤ 5 % of MkDocs at N={r.size}: {share:.1%}")
    at150 = by_size.get(150)
    if at150 and at150.generate and at150.build_tools:
        both = at150.generate.seconds + at150.build_tools.seconds
        steps = ((at150.mkdocs,), (at150.mkdocs, at150.offline))
        for parts, name in zip(steps, ("published site", "with the offline copy"), strict=True):
            if all(parts):
                total = both + sum(step.seconds for step in parts if step)
                check(total < 40, f"150 reports end to end < 40 s ({name}): {total:.1f} s")
    for r in runs:
        found.extend(f"{'PASS' if ok else 'FAIL'} {text}" for ok, text in floor_checks(r))
    at1000 = by_size.get(1000)
    if at1000 and at1000.generate:
        seconds = at1000.generate.seconds
        check(seconds < 30, f"1,000 reports generated < 30 s: {seconds:.1f} s")
        small = min((r for r in runs if r.generate and r.size >= 50), key=lambda r: r.size)
        if small.generate and small is not at1000:
            ratio = (seconds / 1000) / (small.generate.seconds / small.size)
            check(
                ratio <= 1.5,
                f"generator grows linearly: time per report at 1,000 is {ratio:.2f}× "
                f"that at {small.size}",
            )
    if at150:
        for probe in (at150.search_url, at150.search_header):
            if probe is None:
                continue
            name = "search page opened with ?q=" if probe.route == "url" else "header search"
            start = "navigation" if probe.route == "url" else "Enter"
            check(
                probe.bytes < 500_000,
                f"{name}: first search downloads < 500 KB: {_mb(probe.bytes)} "
                f"({_mb(probe.pagefind_bytes)} of it Pagefind's)",
            )
            check(probe.ms < 1000, f"{name}: {start} → first result < 1 s: {probe.ms:.0f} ms")
            check(
                probe.result == 1 and probe.item == 1 and probe.lands,
                f"{name}: the first result's first item link is the recommendation and lands "
                f"on it ({_found(probe)})",
            )
    return found


def environment(start_load: tuple[float, float, float]) -> str:
    """Machine facts that colour the numbers."""

    def load(values: tuple[float, float, float]) -> str:
        return ", ".join(f"{value:.2f}" for value in values)

    return (
        f"{os.cpu_count()} CPUs, Python {sys.version.split()[0]}; load average "
        f"{load(start_load)} at the start, {load(os.getloadavg())} at the end"
    )


def main(argv: list[str] | None = None) -> int:
    """Entry point; prints the table and writes ``<out>/results.md``."""
    parser = argparse.ArgumentParser(
        prog="python -m build_tools.devtools.bench", description=__doc__.split("\n")[0]
    )
    parser.add_argument("--sizes", default="5,50,150,1000", help="comma-separated report counts")
    parser.add_argument("--out", type=Path, default=ROOT / ".cache" / "bench", help="work folder")
    parser.add_argument("--seed", type=int, default=0, help="generator seed")
    parser.add_argument(
        "--max-build-seconds",
        type=float,
        default=600,
        help="skip build and browser steps at a size projected to take longer (default 600)",
    )
    parser.add_argument(
        "--step-timeout", type=float, default=1800, help="kill a step after this many seconds"
    )
    parser.add_argument("--no-browser", action="store_true", help="skip the Chromium probes")
    # A child process of the benchmark: the hook's Pagefind indexing of a built site, timed.
    parser.add_argument("--pagefind-index", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(message)s", datefmt="%H:%M:%S")
    if args.pagefind_index is not None:
        return pagefind_main(args.pagefind_index.resolve())
    args.out = args.out.resolve()
    sizes = sorted({int(part) for part in args.sizes.split(",") if part.strip()})
    args.out.mkdir(parents=True, exist_ok=True)
    settings = Settings(args.out, args.seed, not args.no_browser, args.step_timeout)
    limit = args.max_build_seconds
    start_load = os.getloadavg()
    runs: list[Run] = []
    results = ""
    for size in sizes:
        skip = skip_offline = None
        projected = projected_build(runs, size)
        if projected > limit:
            skip = (
                f"build, MkDocs, Pagefind and browser steps skipped: projected "
                f"{projected:.0f} s > {limit:.0f} s (linear from smaller N)"
            )
        offline = projected_offline(runs, size)
        if size > OFFLINE_MAX_SIZE:
            skip_offline = f"offline copy not measured from N = {size:,}"
        elif offline > limit:
            skip_offline = (
                f"offline copy skipped: its build is projected "
                f"{offline:.0f} s > {limit:.0f} s (linear from smaller N)"
            )
        log.info("N=%d: measuring%s", size, " (generator only)" if skip else "")
        runs.append(measure(size, settings, skip, skip_offline))
        results = "\n".join(
            [
                "# Benchmark results",
                "",
                environment(start_load),
                "",
                table(runs),
                "",
                "## Targets",
                "",
                *(f"- {line}" for line in checks(runs)),
                "",
            ]
        )
        (args.out / "results.md").write_text(results, "utf-8")
        (args.out / "results.json").write_text(
            json.dumps([asdict(r) for r in runs], indent=2), "utf-8"
        )
    sys.stdout.write(results)
    failed = [
        step
        for r in runs
        for step in (r.generate, r.build_tools, r.mkdocs, r.pagefind, r.offline)
        if step is not None and step.returncode != 0
    ]
    return 1 if failed or any("failed" in note for r in runs for note in r.notes) else 0


if __name__ == "__main__":
    sys.exit(main())
