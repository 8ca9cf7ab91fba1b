"""Benchmark: ``python -m build_tools.bench [--sizes 5,50,150,1000] [--out .cache/bench]``.

For each size N it makes a copy of the project whose ``source_reports/`` holds N synthetic
reports (:mod:`build_tools.synthetic`) and measures, each step a separate process timed on the
wall clock with its peak resident memory taken from ``wait4``:

1. the generator;
2. ``python -m build_tools build`` (parse, resolve, classify, render, write ``docs/``);
3. ``mkdocs build --strict``: pages, site size, ``search/search_index.json`` raw and gzipped;
4. Material's first search in headless Chromium: the site served on 127.0.0.1, the home page
   opened, a phrase of one recommendation typed key by key; milliseconds from the last
   keystroke to the first result shown, bytes the page fetched for search (index + worker),
   where the recommendation's ``#rec-…`` link comes and whether following it lands there;
5. Pagefind side by side, with its Python API, in two variants: the built pages as they are,
   and the pages plus one record per finding and recommendation (what the MkDocs hook adds to
   Material's index). For each: indexing time, bundle size, and a first search through
   Pagefind's JavaScript API in the same browser (``pagefind.search`` and the data of the
   first 5 results, as its default UI loads them), with the bytes of every bundle request.

A Markdown table goes to stdout and to ``<out>/results.md`` (raw numbers in ``results.json``).
Steps 2-5 are skipped for a size whose build is projected (linearly from the largest size
measured) to exceed ``--max-build-seconds``; the generator always runs. The numbers are wall
times: run it on an otherwise idle machine (the load average is printed with the results).
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import gzip
import html
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
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import unquote, urlsplit

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page, Response

log = logging.getLogger(__name__)

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = "/usr/bin/chromium"
#: Material's chrome, repeated on every page: not content for Pagefind.
PAGEFIND_EXCLUDE = (
    ".md-header",
    ".md-tabs",
    ".md-sidebar",
    ".md-footer",
    ".md-search",
    ".md-skip",
    ".md-top",
    ".md-source-file",
    ".headerlink",
)
PROBE_PAGE = "bench-pagefind-probe.html"
#: Like Pagefind's default UI: search, then load the first page of results (5) at once.
_PROBE_HTML = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Pagefind probe</title></head>
<body><script>
window.runProbe = async (bundle, phrase) => {
  const t0 = performance.now();
  const pagefind = await import(`/${bundle}/pagefind.js`);
  const search = await pagefind.search(phrase);
  const first = search.results.length ? await search.results[0].data() : null;
  const t1 = performance.now();
  const page = await Promise.all(search.results.slice(0, 5).map((r) => r.data()));
  return {
    ms: t1 - t0,
    ms_page: performance.now() - t0,
    count: search.results.length,
    results: page.map((d) => ({
      url: d.meta.url || d.url,
      subs: d.sub_results.map((s) => [s.url, s.locations.length]),
    })),
  };
};
</script></body></html>
"""
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
class Probe:
    """A first search in the browser."""

    engine: str
    ms: float
    """Last keystroke (Material) or search call (Pagefind) to the first result shown."""
    bytes: int
    """Bytes the page fetched for search."""
    requests: int
    first_url: str
    """URL of the first result (Material: its first link)."""
    found: bool
    """Material: the first result's first link is the recommendation's anchor. Pagefind: the
    first result's sub-results include it."""
    result: int
    """Position of the result (a page) whose links hold the anchor; 0 when none does."""
    rank: int
    """Position of the anchor among that result's links (Material) or sub-results (Pagefind)."""
    shown: bool
    """The anchor's link is visible without a further click: not folded under Material's "N
    more on this page"; among the 3 sub-results Pagefind's default UI shows."""
    lands: bool
    """Following that link shows the element with the anchor's id."""
    ms_from_load: float = 0.0
    """Material: page load to the first result (typing included). Pagefind: search call to
    the data of the first 5 results (what its default UI loads)."""
    fetched: tuple[tuple[str, int], ...] = ()
    """(path, bytes) of each search request."""


@dataclass
class PagefindRun:
    """One way of indexing the site with Pagefind, and its first search."""

    bundle: str
    """Folder of the bundle inside the site."""
    label: str
    step: Step | None = None
    bytes: int = 0
    files: int = 0
    probe: Probe | None = None
    quoted: Probe | None = None
    """The same search with the phrase in double quotes (Pagefind's exact-phrase search)."""


#: Pagefind variants: the HTML pages as they are; and the pages plus one record per finding and
#: recommendation (``docs/downloads/*.json``), the way the MkDocs hook adds them to Material's.
PAGEFIND_VARIANTS = (("pagefind", "Pagefind, pages"), ("pagefind-items", "Pagefind, pages + items"))
ENGINES = {"material": "Material", **dict(PAGEFIND_VARIANTS)}


@dataclass
class Run:
    """Everything measured at one size."""

    size: int
    generate: Step | None = None
    build_tools: Step | None = None
    mkdocs: Step | None = None
    pages: int = 0
    site_bytes: int = 0
    index_bytes: int = 0
    index_gzip_bytes: int = 0
    material: Probe | None = None
    pagefind: list[PagefindRun] = field(default_factory=list)
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


@contextlib.contextmanager
def serve(site: Path) -> Iterator[str]:
    """Serve ``site`` on 127.0.0.1 with ``http.server``; yields the base URL."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = subprocess.Popen(
        [sys.executable, "-m", "http.server", "--bind", "127.0.0.1", str(port)],
        cwd=site,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", port), 0.2):
                break
            time.sleep(0.05)
        yield f"http://127.0.0.1:{port}"
    finally:
        os.kill(server.pid, signal.SIGTERM)
        server.wait(timeout=10)


# -- project copy and site measurements ------------------------------------------------------


def copy_project(target: Path) -> Path:
    """What a build reads, as ``tests/conftest.py`` copies it, minus the seed reports."""
    (target / "source_reports").mkdir(parents=True)
    shutil.copytree(ROOT / "docs", target / "docs")
    shutil.copy2(ROOT / "mkdocs.yml", target / "mkdocs.yml")
    shutil.copytree(ROOT / "build_tools" / "theme", target / "build_tools" / "theme")
    shutil.copy2(
        ROOT / "build_tools" / "mkdocs_hooks.py", target / "build_tools" / "mkdocs_hooks.py"
    )
    return target


def tree_size(folder: Path) -> tuple[int, int]:
    """(bytes, files) under ``folder``."""
    total = files = 0
    for path in folder.rglob("*"):
        if path.is_file():
            total += path.stat().st_size
            files += 1
    return total, files


def count_pages(site: Path) -> int:
    """HTML pages MkDocs wrote (``404.html`` and the probe page excluded)."""
    return sum(
        1
        for path in site.rglob("*.html")
        if path.name not in ("404.html", PROBE_PAGE)
        and not path.relative_to(site).parts[0].startswith("pagefind")
    )


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


# -- Pagefind ------------------------------------------------------------------------------


def write_items(docs: Path, target: Path) -> int:
    """One small HTML page per recommendation and finding, for Pagefind to index as records.

    Each names its real address (``/reports/<slug>/#rec-1-2``) in ``data-pagefind-meta="url:…"``,
    which Pagefind's UI and this probe use instead of the page's own. (Pagefind's Python
    ``add_custom_record`` would be the direct way, but its service wrapper waits 0.1 s per
    record: 30,000 items would take most of an hour.)
    """
    shutil.rmtree(target, ignore_errors=True)
    target.mkdir(parents=True)
    count = 0
    for name, kind in (("recommendations.json", "recommendation"), ("findings.json", "finding")):
        for row in json.loads((docs / "downloads" / name).read_text("utf-8")):
            year = str(row.get("publication_date") or "")[:4]
            title = f"{row['area']} {year}, {kind} {row['id']}"
            if kind == "finding":
                title += f" ({row['section']})"
            url = "/" + str(row["permalink"]).lstrip("/")
            count += 1
            (target / f"{count:06d}.html").write_text(
                '<!doctype html><html lang="en"><head><meta charset="utf-8">'
                f"<title>{html.escape(title)}</title></head><body>"
                f'<h1 data-pagefind-meta="url:{html.escape(url)}">{html.escape(title)}</h1>'
                f"<p>{html.escape(str(row['text']))}</p></body></html>",
                "utf-8",
            )
    return count


async def _pagefind_index(site: Path, bundle: str, items: Path | None) -> int:
    from pagefind.index import IndexConfig, PagefindIndex  # noqa: PLC0415 (optional, slow)

    # Leaving the context writes the bundle to ``output_path`` (an explicit write_files()
    # before that would write it twice, the second time to ./pagefind).
    config = IndexConfig(
        exclude_selectors=list(PAGEFIND_EXCLUDE),
        force_language="en",
        output_path=str(site / bundle),
    )
    async with PagefindIndex(config=config) as index:
        result = await index.add_directory(str(site), glob="**/*.html")
        count = int(result["page_count"])
        if items is not None:
            result = await index.add_directory(str(items))
            count += int(result["page_count"])
    return count


def pagefind_main(site: Path, bundle: str, docs: Path | None) -> int:
    """Child-process entry point: index ``site`` (and items from ``docs``) into the bundle."""
    shutil.rmtree(site / bundle, ignore_errors=True)
    items = None
    if docs is not None:
        items = site.parent / f"{bundle}-src"
        log.info("wrote %d item pages into %s", write_items(docs, items), items)
    count = asyncio.run(_pagefind_index(site, bundle, items))
    log.info("pagefind indexed %d pages into %s", count, bundle)
    return 0 if count else 1


# -- browser probes ------------------------------------------------------------------------

_WATCH_RESULTS = """() => {
  window.__keys = [];
  window.__renders = [];
  document.addEventListener("keydown", () => window.__keys.push(performance.now()), true);
  const list = document.querySelector(".md-search-result__list");
  new MutationObserver(() => {
    window.__renders.push([performance.now(), list.children.length]);
  }).observe(list, {childList: true});
}"""
_RENDERED_AFTER_LAST_KEY = """(count) => window.__keys.length >= count &&
  window.__renders.some(([t, n]) => t > window.__keys[window.__keys.length - 1] && n > 0)"""


def _file_size(site: Path, url: str) -> int:
    path = site / unquote(urlsplit(url).path).lstrip("/")
    if path.is_dir():
        path /= "index.html"
    return path.stat().st_size if path.is_file() else 0


def _sizes(site: Path, responses: list[Response]) -> tuple[tuple[str, int], ...]:
    """(path, body bytes) of each response; a worker script's size is read from disk."""
    found: list[tuple[str, int]] = []
    for response in responses:
        body = int(response.request.sizes().get("responseBodySize", 0))
        found.append((urlsplit(response.url).path, body or _file_size(site, response.url)))
    return tuple(found)


def _recorder(responses: list[Response]) -> Callable[[Response], None]:
    """An event handler that keeps every response (Playwright needs a Python function)."""

    def record(response: Response) -> None:
        responses.append(response)

    return record


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
    return target.page in url and url.endswith(f"#{target.anchor}")


def probe_material(base: str, site: Path, target: Target, browser: Browser) -> Probe:
    """Type ``target.phrase`` into Material's search on the home page."""
    context = browser.new_context()
    responses: list[Response] = []
    context.on("response", _recorder(responses))
    page = context.new_page()
    page.goto(f"{base}/", wait_until="load")
    load_at = float(page.evaluate("performance.now()"))
    page.evaluate(_WATCH_RESULTS)
    search = page.locator("input.md-search__input")
    search.click()
    search.press_sequentially(target.phrase, delay=30)
    page.wait_for_function(_RENDERED_AFTER_LAST_KEY, arg=len(target.phrase), timeout=120_000)
    last_key, shown_at = page.evaluate(
        """() => {
          const last = window.__keys[window.__keys.length - 1];
          return [last, window.__renders.find(([t, n]) => t > last && n > 0)[0]];
        }"""
    )
    page.wait_for_timeout(300)  # let a following render (if any) settle before reading
    items: list[list[list[Any]]] = page.evaluate(
        """() => [...document.querySelectorAll(".md-search-result__item")].map((item) =>
          [...item.querySelectorAll("a.md-search-result__link")].map((a) =>
            [a.href, a.closest("details") === null]))"""
    )
    first_url = str(items[0][0][0]) if items and items[0] else ""
    result = rank = 0
    shown = False
    for place, links in enumerate(items, start=1):
        for position, (href, visible) in enumerate(links, start=1):
            if _is_target(str(href), target):
                result, rank, shown = place, position, bool(visible)
                break
        if result:
            break
    found = result == 1 and rank == 1
    searched = [r for r in responses if "search_index.json" in r.url or "/workers/search" in r.url]
    sizes = _sizes(site, searched)
    lands = False
    if result:
        link = page.locator(".md-search-result__item").nth(result - 1)
        link = link.locator("a.md-search-result__link").nth(rank - 1)
        if not shown:
            page.locator(".md-search-result__item").nth(result - 1).locator(
                "details summary"
            ).first.click()
        link.click()
        lands = _lands(page, target.anchor)
    context.close()
    return Probe(
        "material",
        round(float(shown_at) - float(last_key), 1),
        sum(size for _, size in sizes),
        len(searched),
        first_url,
        found,
        result,
        rank,
        shown,
        lands,
        ms_from_load=round(float(shown_at) - load_at, 1),
        fetched=sizes,
    )


def probe_pagefind(
    base: str, site: Path, target: Target, browser: Browser, bundle: str = "pagefind"
) -> Probe:
    """Search ``target.phrase`` through Pagefind's JavaScript API from a blank page.

    A ``target.phrase`` in double quotes asks Pagefind for the words in that order.
    """
    (site / PROBE_PAGE).write_text(_PROBE_HTML, "utf-8")
    context = browser.new_context()
    responses: list[Response] = []
    context.on("response", _recorder(responses))
    page = context.new_page()
    page.goto(f"{base}/{PROBE_PAGE}", wait_until="load")
    data = page.evaluate("([b, p]) => window.runProbe(b, p)", [bundle, target.phrase])
    results: list[dict[str, Any]] = data["results"]
    result = rank = 0
    shown = False
    hit = ""
    for place, entry in enumerate(results, start=1):
        if _is_target(str(entry["url"]), target):  # a record of the item itself
            hit, result, rank, shown = str(entry["url"]), place, 0, True
            break
        subs = [(str(url), int(count)) for url, count in entry["subs"]]
        if subs and subs[0][0] == entry["url"]:
            subs = subs[1:]  # the page itself, which the default UI does not repeat
        urls = [url for url, _ in subs]
        hits = [url for url in urls if _is_target(url, target)]
        if hits:
            hit = hits[0]
            result, rank = place, urls.index(hit) + 1
            # The default UI shows the 3 sub-results with the most matched words.
            shown = hit in [url for url, _ in sorted(subs, key=lambda sub: -sub[1])[:3]]
            break
    fetched = [r for r in responses if f"/{bundle}/" in r.url]
    sizes = _sizes(site, fetched)
    lands = False
    if hit:
        page.goto(f"{base}{hit}", wait_until="load")
        lands = _lands(page, target.anchor)
    context.close()
    return Probe(
        bundle,
        round(float(data["ms"]), 1),
        sum(size for _, size in sizes),
        len(fetched),
        str(results[0]["url"]) if results else "",
        result == 1,
        result,
        rank,
        shown,
        lands,
        ms_from_load=round(float(data["ms_page"]), 1),
        fetched=sizes,
    )


def probe_browser(run: Run, site: Path) -> None:
    """Material's and Pagefind's first searches for ``run.target``."""
    from playwright.sync_api import sync_playwright  # noqa: PLC0415 (optional, slow)

    assert run.target is not None
    with serve(site) as base, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM)
        try:
            run.material = probe_material(base, site, run.target, browser)
            for variant in run.pagefind:
                if (site / variant.bundle / "pagefind.js").is_file():
                    variant.probe = probe_pagefind(base, site, run.target, browser, variant.bundle)
                    quoted = replace(run.target, phrase=f'"{run.target.phrase}"')
                    variant.quoted = probe_pagefind(base, site, quoted, browser, variant.bundle)
        finally:
            browser.close()


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


def measure(size: int, settings: Settings, skip_build: str | None = None) -> Run:
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
        [python, "-m", "build_tools.synthetic", str(size), "source_reports", "--seed", str(seed)],
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
    run.mkdocs = run_step(
        [python, "-m", "mkdocs", "build", "--strict", "-f", "mkdocs.yml"],
        project,
        logs / "mkdocs.log",
        timeout=timeout,
    )
    site = project / "site"
    if run.mkdocs.returncode != 0:
        run.notes.append("mkdocs build failed; see logs/mkdocs.log")
        return run
    run.pages = count_pages(site)
    run.site_bytes = tree_size(site)[0]
    index = site / "search" / "search_index.json"
    if index.is_file():
        data = index.read_bytes()
        run.index_bytes = len(data)
        run.index_gzip_bytes = len(gzip.compress(data, compresslevel=6))
    for bundle, label in PAGEFIND_VARIANTS:
        variant = PagefindRun(bundle, label)
        run.pagefind.append(variant)
        command = [python, "-m", "build_tools.bench", "--pagefind-index", str(site)]
        command += ["--pagefind-bundle", bundle]
        if bundle != "pagefind":
            command += ["--pagefind-items", str(project / "docs")]
        variant.step = run_step(command, project, logs / f"{bundle}.log", pythonpath, timeout)
        if variant.step.returncode == 0:
            variant.bytes, variant.files = tree_size(site / bundle)
        else:
            run.notes.append(f"{label} failed; see logs/{bundle}.log")
    run.target = choose_target(project, size)
    if settings.browser and run.target is not None:
        try:
            probe_browser(run, site)
        except Exception as error:  # a browser problem must not lose the other numbers
            log.exception("browser probe failed at N=%d", size)
            run.notes.append(f"browser probe failed: {error.__class__.__name__}: {error}")
    return run


def projected_build(runs: list[Run], size: int) -> float | None:
    """Seconds build_tools + mkdocs would take at ``size``, linear from the largest run."""
    measured = [r for r in runs if r.mkdocs is not None and r.build_tools is not None]
    if not measured:
        return None
    largest = max(measured, key=lambda r: r.size)
    assert largest.mkdocs is not None and largest.build_tools is not None
    per_report = (largest.mkdocs.seconds + largest.build_tools.seconds) / largest.size
    return per_report * size


# -- report --------------------------------------------------------------------------------


def _mb(value: float) -> str:
    return f"{value / 1e6:.1f} MB" if value >= 1e6 else f"{value / 1e3:.0f} KB"


def _s(step: Step | None) -> str:
    if step is None:
        return "–"
    return f"{step.seconds:.2f} s" + ("" if step.returncode == 0 else " (failed)")


def _rss(step: Step | None) -> str:
    return "–" if step is None else f"{step.peak_mb:.0f} MB"


def _placement(probe: Probe) -> str:
    """Where the recommendation came in the results, in words."""
    if not probe.result:
        return "not in the first results"
    text = f"result {probe.result}"
    if probe.engine == "material":
        text += f", link {probe.rank}"
        text += ", visible" if probe.shown else ", folded under “N more on this page”"
    elif probe.rank == 0:
        text += " (its own record)"
    else:
        text += f", sub-result {probe.rank}"
        text += ", among the 3 the UI shows" if probe.shown else ", not among the 3 the UI shows"
    return text + ("; lands on it" if probe.lands else "; does not land on it")


def _probe(probe: Probe | None, what: str) -> str:
    if probe is None:
        return "–"
    if what == "ms":
        return f"{probe.ms:.0f} ms"
    if what == "bytes":
        return f"{_mb(probe.bytes)} ({probe.requests} req.)"
    if what == "found":
        return _placement(probe)
    return f"{probe.ms_from_load:.0f} ms"


def _searched(run: Run) -> str:
    target = run.target
    assert target is not None
    text = (
        f"- N = {run.size:,}: searched “{target.phrase}” (all its words also occur in "
        f"{target.others} other reports) for `{target.page}#{target.anchor}`"
    )
    for probe in (run.material, *(variant.probe for variant in run.pagefind)):
        if probe is not None:
            where = urlsplit(probe.first_url)
            shown = where.path + (f"#{where.fragment}" if where.fragment else "")
            text += f"; {ENGINES.get(probe.engine, probe.engine)}: first result `{shown}`"
    return text


def table(runs: list[Run]) -> str:
    """The results as a Markdown table: one column per size."""
    rows: list[tuple[str, list[str]]] = []

    def row(label: str, values: list[str]) -> None:
        rows.append((label, values))

    row("Generator", [_s(r.generate) for r in runs])
    row(
        "Generator per report",
        [f"{r.generate.seconds / r.size * 1000:.1f} ms" if r.generate else "–" for r in runs],
    )
    row("Generator peak RSS", [_rss(r.generate) for r in runs])
    row("`build_tools build`", [_s(r.build_tools) for r in runs])
    row("`build_tools build` peak RSS", [_rss(r.build_tools) for r in runs])
    row("`mkdocs build --strict`", [_s(r.mkdocs) for r in runs])
    row("`mkdocs build` peak RSS", [_rss(r.mkdocs) for r in runs])
    row(
        "Generator / MkDocs time",
        [
            f"{r.generate.seconds / r.mkdocs.seconds:.1%}" if r.generate and r.mkdocs else "–"
            for r in runs
        ],
    )
    row(
        "End to end, Material (generate + build + mkdocs)",
        [
            f"{sum(s.seconds for s in (r.generate, r.build_tools, r.mkdocs) if s):.1f} s"
            if r.mkdocs
            else "–"
            for r in runs
        ],
    )
    row("Pages", [str(r.pages) if r.pages else "–" for r in runs])
    row("Site size (without Pagefind)", [_mb(r.site_bytes) if r.site_bytes else "–" for r in runs])
    row(
        "Material `search_index.json` (gzip)",
        [
            f"{_mb(r.index_bytes)} ({_mb(r.index_gzip_bytes)})" if r.index_bytes else "–"
            for r in runs
        ],
    )
    row("Material first search: bytes", [_probe(r.material, "bytes") for r in runs])
    row("Material: last key → first result", [_probe(r.material, "ms") for r in runs])
    row("Material: page load → first result", [_probe(r.material, "load") for r in runs])
    row("Material: where the recommendation comes", [_probe(r.material, "found") for r in runs])
    for position, (_, label) in enumerate(PAGEFIND_VARIANTS):
        variants = [r.pagefind[position] if len(r.pagefind) > position else None for r in runs]
        probes = [v.probe if v else None for v in variants]
        row(
            f"{label}: indexing (peak RSS)",
            [f"{_s(v.step)} ({_rss(v.step)})" if v and v.step else "–" for v in variants],
        )
        row(
            f"{label}: bundle",
            [f"{_mb(v.bytes)}, {v.files:,} files" if v and v.bytes else "–" for v in variants],
        )
        row(f"{label}: first search (5 results' data)", [_probe(p, "bytes") for p in probes])
        row(f"{label}: search call → first result data", [_probe(p, "ms") for p in probes])
        row(f"{label}: search call → 5 results' data", [_probe(p, "load") for p in probes])
        row(f"{label}: where the recommendation comes", [_probe(p, "found") for p in probes])
        row(
            f"{label}: the same, phrase in quotes",
            [_probe(v.quoted if v else None, "found") for v in variants],
        )
    header = "| | " + " | ".join(f"N = {r.size:,}" for r in runs) + " |"
    lines = [header, "|---" * (len(runs) + 1) + "|"]
    lines += [f"| {label} | " + " | ".join(values) + " |" for label, values in rows]
    notes = [f"- N = {r.size:,}: {note}" for r in runs for note in r.notes]
    targets = [_searched(r) for r in runs if r.target]
    if notes:
        lines += ["", *notes]
    if targets:
        lines += ["", *targets]
    return "\n".join(lines)


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
    if at150 and at150.generate and at150.build_tools and at150.mkdocs:
        total = at150.generate.seconds + at150.build_tools.seconds + at150.mkdocs.seconds
        check(total < 40, f"150 reports end to end < 40 s (Material's index): {total:.1f} s")
        for variant in at150.pagefind:
            if variant.step:
                both = total + variant.step.seconds
                check(both < 40, f"150 reports end to end < 40 s ({variant.label}): {both:.1f} s")
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
        for probe in (at150.material, *(variant.probe for variant in at150.pagefind)):
            if probe is not None:
                name = ENGINES.get(probe.engine, probe.engine)
                check(probe.bytes < 500_000, f"{name}: first search < 500 KB: {_mb(probe.bytes)}")
                check(probe.ms < 1000, f"{name}: first result < 1 s: {probe.ms:.0f} ms")
                check(
                    probe.result == 1 and probe.shown and probe.lands,
                    f"{name}: the first result shows a link to the recommendation that lands "
                    f"on its anchor ({_placement(probe)})",
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
        prog="python -m build_tools.bench", description=__doc__.split("\n")[0]
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
    parser.add_argument("--pagefind-index", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--pagefind-bundle", default="pagefind", help=argparse.SUPPRESS)
    parser.add_argument("--pagefind-items", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(message)s", datefmt="%H:%M:%S")
    if args.pagefind_index is not None:
        items = args.pagefind_items.resolve() if args.pagefind_items else None
        return pagefind_main(args.pagefind_index.resolve(), args.pagefind_bundle, items)
    args.out = args.out.resolve()
    sizes = sorted({int(part) for part in args.sizes.split(",") if part.strip()})
    args.out.mkdir(parents=True, exist_ok=True)
    settings = Settings(args.out, args.seed, not args.no_browser, args.step_timeout)
    start_load = os.getloadavg()
    runs: list[Run] = []
    for size in sizes:
        projected = projected_build(runs, size)
        skip = None
        if projected is not None and projected > args.max_build_seconds:
            skip = (
                f"build, MkDocs, Pagefind and browser steps skipped: projected "
                f"{projected:.0f} s > {args.max_build_seconds:.0f} s (linear from smaller N)"
            )
        log.info("N=%d: measuring%s", size, " (generator only)" if skip else "")
        runs.append(measure(size, settings, skip))
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
        for step in (r.generate, r.build_tools, r.mkdocs, *(v.step for v in r.pagefind))
        if step is not None and step.returncode != 0
    ]
    return 1 if failed or any("failed" in note for r in runs for note in r.notes) else 0


if __name__ == "__main__":
    sys.exit(main())
