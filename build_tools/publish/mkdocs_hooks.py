"""MkDocs hook (``hooks:`` in mkdocs.yml): make every finding and recommendation a search result.

The published site is searched with Pagefind (see ``docs/about.md`` for why). While MkDocs
builds, this hook reads each built page into search records (:mod:`.search_records`): one per
finding, recommendation, example and section of a report, with the item's own address, and one
per other page (its name and first paragraph, so that an organisation's or a theme's copies of
the reports' recommendations never outrank the reports). After the build it indexes those
records into ``site/pagefind/``; the search page (``docs/javascripts/search.js``) ranks them.

The offline copy cannot use Pagefind (a browser will not fetch its index from ``file://``), so
it is built with Material's search (``CLAS_OFFLINE=true``). Material's search makes one entry per
heading, so a finding (a paragraph) is only reachable through its section's entry, and every
report has a "recommendation 1.3". After that build, this hook adds one entry per finding that
links straight to ``#finding-…`` and gives every recommendation's entry a title that names its
report ("Peterborough 2016, recommendation 1.3: …"). It reads the generated downloads
(``docs/downloads/*.json``) and leaves the index alone when they are missing.
"""

from __future__ import annotations

import html
import json
import logging
import re
import subprocess
import tempfile
from pathlib import Path
from typing import Any

from mkdocs.exceptions import PluginError
from mkdocs.utils.meta import get_data

# Absolute: MkDocs loads this file by its path, outside the package.
from build_tools.publish.search_records import SearchRecord, page_records

log = logging.getLogger("mkdocs.hooks.clas")

# Where the Pagefind bundle goes in the site.
PAGEFIND_BUNDLE = "pagefind"
# Front matter ``search_index``: ``full`` indexes the whole article, ``summary`` its title and
# first paragraph; pages without it are not indexed.
SEARCH_INDEX_KEY = "search_index"


def _label(row: dict[str, Any]) -> str:
    year = str(row.get("publication_date") or "")[:4]
    return f"{row['area']} {year}".strip()


def enrich(
    index: dict[str, Any],
    recommendations: list[dict[str, Any]],
    findings: list[dict[str, Any]],
    directory_urls: bool = True,
) -> int:
    """Add finding entries and name recommendation entries; returns the entries added.

    ``directory_urls`` is MkDocs' ``use_directory_urls``: the offline copy of the site is built
    without them, so its pages are ``reports/<slug>.html``.
    """
    docs: list[dict[str, Any]] = index.get("docs", [])
    by_location = {doc["location"]: doc for doc in docs}

    def location_of(row: dict[str, Any]) -> str:
        page, anchor = _relative(row["permalink"]).split("#", 1)
        if not directory_urls:
            page = page.rstrip("/") + ".html"
        return f"{page}#{anchor}"

    # Material shows an entry's title and text as HTML: the reports' words are escaped.
    for row in recommendations:
        location = location_of(row)
        entry = by_location.get(location)
        if entry is not None:
            title = f"{_label(row)}, recommendation {row['id']}: {row['text']}"
            entry["title"] = html.escape(title, quote=False)
    added = 0
    for row in findings:
        location = location_of(row)
        if location in by_location:
            continue
        docs.append(
            {
                "location": location,
                "title": html.escape(f"{_label(row)}, finding {row['id']} ({row['section']})"),
                "text": html.escape(row["text"], quote=False),
            }
        )
        added += 1
    index["docs"] = docs
    return added


def _relative(permalink: str) -> str:
    """``https://host/base/reports/x/#a`` or ``reports/x/#a`` → ``reports/x/#a``."""
    marker = permalink.find("reports/")
    return permalink[marker:] if marker >= 0 else permalink


# What a search result is, by the first part of its page's address.
KINDS = {"reports": "Report", "providers": "Organisation", "themes": "Theme"}


def kind_of(url: str) -> str:
    """``providers/x/`` → ``Organisation``; an index page or any other page → empty."""
    section, _, rest = url.partition("/")
    return KINDS.get(section, "") if rest.strip("/") and rest != "index.html" else ""


def write_records(records: list[SearchRecord], folder: Path) -> None:
    """One small HTML file per record, for Pagefind to index: the record's words as the page's
    body, its address, title, kind and number as metadata (``data-pagefind-meta``). The number
    is not a Pagefind filter: Pagefind writes its filter index in a different order each run,
    and builds must be byte-identical."""
    folder.mkdir(parents=True, exist_ok=True)
    for position, record in enumerate(records):
        head = "".join(
            f'<meta data-pagefind-meta="{key}[content]" content="{html.escape(value)}">'
            for key, value in (
                ("url", record.url or "./"),  # the home page's address is empty
                ("title", record.title),
                ("kind", record.kind),
                ("number", record.number),
            )
            if value
        )
        page = (
            f'<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">{head}</head>'
            f"<body><main data-pagefind-body><p>{html.escape(record.text)}</p></main></body>"
            "</html>\n"
        )
        (folder / f"{position:06d}.html").write_text(page, encoding="utf-8")


def _material_search(config: Any) -> bool:
    """Whether Material's search plugin is on (the offline copy) rather than Pagefind."""
    plugin = config["plugins"].get("material/search")
    return plugin is not None and bool(plugin.config.enabled)


#: The search records of the build in progress, page by page (MkDocs builds one site at a time).
_RECORDS: list[SearchRecord] = []


def on_pre_build(config: Any, **_: Any) -> None:
    _RECORDS.clear()


def on_post_page(output: str, page: Any, config: Any, **_: Any) -> str:
    if not _material_search(config):
        scope = str(page.meta.get(SEARCH_INDEX_KEY, ""))
        # The title is HTML-escaped in the front matter (see render._yaml_string).
        title = html.unescape(str(page.title or ""))
        url = str(page.url)
        _RECORDS.extend(page_records(output, scope, title, url, kind_of(url)))
    return output


def index_with_pagefind(site: Path, records: list[SearchRecord]) -> int:
    """Write the Pagefind bundle of ``records`` into ``site``; returns the records indexed.

    Pagefind's command line, not its Python API: the API's service can be stopped while it is
    still writing the bundle (a truncated ``pagefind.js`` was seen), the command returns when
    every file is written. It indexes a folder of one small page per record (see
    :func:`write_records`), written outside the site and removed afterwards.
    """
    from pagefind.service import get_executable  # noqa: PLC0415 (only when indexing)

    executable = get_executable()
    if executable is None:
        raise PluginError("search: Pagefind's program is missing; run `make site` to install it")
    with tempfile.TemporaryDirectory(prefix="clas-search-") as folder:
        write_records(records, Path(folder))
        command = [str(executable), "--site", folder, "--force-language", "en"]
        command += ["--output-path", str(site / PAGEFIND_BUNDLE)]
        completed = subprocess.run(command, capture_output=True, text=True, check=False)
    if completed.returncode != 0:
        output = (completed.stderr or completed.stdout).strip()
        raise PluginError(f"search: Pagefind failed ({completed.returncode}): {output}")
    counted = re.search(r"Indexed (\d+) pages?", completed.stdout)
    return int(counted[1]) if counted else 0


def index_built_site(site: Path, docs: Path) -> int:
    """Index a site built without this hook (by Zensical, which does not run MkDocs hooks): the
    records of each page of ``docs/`` with ``search_index``, read from its ``site/`` HTML (built
    with directory URLs). Returns the records indexed."""
    records: list[SearchRecord] = []
    for source in sorted(docs.rglob("*.md")):
        _, meta = get_data(source.read_text(encoding="utf-8"))
        scope = str(meta.get(SEARCH_INDEX_KEY, ""))
        if not scope:
            continue
        relative = source.relative_to(docs).with_suffix("")
        parts = relative.parts[:-1] if relative.name == "index" else relative.parts
        url = "/".join(parts) + "/" if parts else ""
        page = site.joinpath(*parts, "index.html")
        if not page.is_file():
            continue
        title = html.unescape(str(meta.get("title", "")))
        output = page.read_text(encoding="utf-8")
        records.extend(page_records(output, scope, title, url, kind_of(url)))
    return index_with_pagefind(site, records)


def _enrich_material_index(site: Path, docs: Path, directory_urls: bool) -> None:
    index_path = site / "search" / "search_index.json"
    recs_path = docs / "downloads" / "recommendations.json"
    findings_path = docs / "downloads" / "findings.json"
    if not (index_path.exists() and recs_path.exists() and findings_path.exists()):
        log.info("search index left as MkDocs wrote it")
        return
    index = json.loads(index_path.read_text("utf-8"))
    added = enrich(
        index,
        json.loads(recs_path.read_text("utf-8")),
        json.loads(findings_path.read_text("utf-8")),
        directory_urls,
    )
    index_path.write_text(json.dumps(index, ensure_ascii=False, separators=(",", ":")), "utf-8")
    log.info("search index: %d findings added", added)


def on_post_build(config: Any, **_: Any) -> None:
    """Index the built site with Pagefind, or enrich Material's index in the offline copy."""
    site = Path(config["site_dir"])
    if _material_search(config):
        _enrich_material_index(site, Path(config["docs_dir"]), bool(config["use_directory_urls"]))
        return
    count = index_with_pagefind(site, list(_RECORDS))
    log.info("search: Pagefind indexed %d items and pages into %s/", count, PAGEFIND_BUNDLE)
