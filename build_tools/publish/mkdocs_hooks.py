"""MkDocs hook (``hooks:`` in mkdocs.yml): make every finding and recommendation a search result.

The published site is searched with Pagefind (see ``docs/about.md`` for why): after the build,
this hook indexes the site into ``site/pagefind/``. Only what a reader searches for is indexed:
the text of each report (without the per-item lists of addressees, themes, evidence and similar
recommendations), and the title and first paragraph of every other page, so that an
organisation or a theme is found by its name without its pages' copies of the reports'
recommendations outranking the reports. The search page (``docs/javascripts/search.js``)
turns Pagefind's word positions into a link to the finding or recommendation that matched.

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
from pathlib import Path
from typing import Any

from mkdocs.exceptions import PluginError
from mkdocs.utils.meta import get_data

log = logging.getLogger("mkdocs.hooks.clas")

# Where the Pagefind bundle goes in the site, and what of a report page it leaves out.
PAGEFIND_BUNDLE = "pagefind"
PAGEFIND_EXCLUDE = (
    ".headerlink",
    ".clas-rec-to",
    ".clas-rec-themes",
    ".clas-evidence",
    ".clas-rec-similar",
    ".clas-checks",
)
# Front matter ``search_index``: ``full`` indexes the whole article, ``summary`` its title and
# first paragraph; pages without it are not indexed.
SEARCH_INDEX_KEY = "search_index"

_ARTICLE = re.compile(r'<article class="md-content__inner md-typeset"')
_H1 = re.compile(r"<h1\b")
_P = re.compile(r"<p\b")


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


def mark_for_pagefind(output: str, scope: str, title: str, url: str) -> str:
    """Mark what Pagefind indexes on one page: ``full`` or ``summary`` (see SEARCH_INDEX_KEY).

    The result's title is the page's short title (``Peterborough (2016)``), not its heading,
    and its kind (report, organisation, theme) is named from the page's address ``url``.
    """
    article = _ARTICLE.search(output)
    if article is None or scope not in ("full", "summary"):
        return output
    section, _, rest = url.partition("/")
    kind = KINDS.get(section, "") if rest.strip("/") and rest != "index.html" else ""
    meta = f'<meta data-pagefind-meta="title[content]" content="{html.escape(title)}">'
    if kind:
        meta += f'<meta data-pagefind-meta="kind[content]" content="{kind}">'
    output = output.replace("</head>", meta + "</head>", 1)
    article = _ARTICLE.search(output)
    assert article is not None
    start = article.end()
    if scope == "full":
        return output[:start] + " data-pagefind-body" + output[start:]
    heading = _H1.search(output, start)
    if heading is None:
        return output
    output = output[: heading.end()] + " data-pagefind-body" + output[heading.end() :]
    paragraph = _P.search(output, heading.end())
    end = output.find("</article>", heading.end())
    if paragraph is not None and paragraph.start() < end:
        output = output[: paragraph.end()] + " data-pagefind-body" + output[paragraph.end() :]
    return output


def _material_search(config: Any) -> bool:
    """Whether Material's search plugin is on (the offline copy) rather than Pagefind."""
    plugin = config["plugins"].get("material/search")
    return plugin is not None and bool(plugin.config.enabled)


def on_post_page(output: str, page: Any, config: Any, **_: Any) -> str:
    if _material_search(config):
        return output
    scope = str(page.meta.get(SEARCH_INDEX_KEY, ""))
    # The title is HTML-escaped in the front matter (see render._yaml_string).
    return mark_for_pagefind(output, scope, html.unescape(str(page.title or "")), str(page.url))


def index_with_pagefind(site: Path) -> int:
    """Write the Pagefind bundle of the built ``site``; returns the number of pages indexed.

    Pagefind's command line, not its Python API: the API's service can be stopped while it is
    still writing the bundle (a truncated ``pagefind.js`` was seen), the command returns when
    every file is written.
    """
    from pagefind.service import get_executable  # noqa: PLC0415 (only when indexing)

    executable = get_executable()
    if executable is None:
        raise PluginError("search: Pagefind's program is missing; run `make site` to install it")
    command = [str(executable), "--site", str(site), "--output-subdir", PAGEFIND_BUNDLE]
    command += ["--force-language", "en"]
    for selector in PAGEFIND_EXCLUDE:
        command += ["--exclude-selectors", selector]
    completed = subprocess.run(command, capture_output=True, text=True, check=False)
    if completed.returncode != 0:
        output = (completed.stderr or completed.stdout).strip()
        raise PluginError(f"search: Pagefind failed ({completed.returncode}): {output}")
    counted = re.search(r"Indexed (\d+) pages?", completed.stdout)
    return int(counted[1]) if counted else 0


def index_built_site(site: Path, docs: Path) -> int:
    """Mark and index a site built without this hook (by Zensical, which does not run MkDocs
    hooks): each page of ``docs/`` with ``search_index`` is marked in its ``site/`` HTML (built
    with directory URLs), then Pagefind indexes the site. Returns the pages indexed."""
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
        output = page.read_text(encoding="utf-8")
        if "data-pagefind-meta=" in output:
            continue
        title = html.unescape(str(meta.get("title", "")))
        page.write_text(mark_for_pagefind(output, scope, title, url), encoding="utf-8")
    return index_with_pagefind(site)


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
    count = index_with_pagefind(site)
    log.info("search: Pagefind indexed %d pages into %s/", count, PAGEFIND_BUNDLE)
