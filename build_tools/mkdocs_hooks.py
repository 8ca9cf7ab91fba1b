"""MkDocs hook (``hooks:`` in mkdocs.yml): make every finding and recommendation a search result.

Material's search makes one entry per heading, so a finding (a paragraph) is only reachable
through its section's entry, and every report has a "recommendation 1.3". After the build,
this hook adds one entry per finding that links straight to ``#finding-…`` and gives every
recommendation's entry a title that names its report ("Peterborough 2016, recommendation
1.3: …"), so typing a phrase of a finding, or "Peterborough 1.3", lands on the item.

It reads the generated downloads (``docs/downloads/*.json``), so it needs nothing but the
built site; it leaves the index alone when they are missing.
"""

from __future__ import annotations

import json
import logging
from pathlib import Path
from typing import Any

log = logging.getLogger("mkdocs.hooks.clas")


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

    for row in recommendations:
        location = location_of(row)
        entry = by_location.get(location)
        if entry is not None:
            entry["title"] = f"{_label(row)}, recommendation {row['id']}: {row['text']}"
    added = 0
    for row in findings:
        location = location_of(row)
        if location in by_location:
            continue
        docs.append(
            {
                "location": location,
                "title": f"{_label(row)}, finding {row['id']} ({row['section']})",
                "text": row["text"],
            }
        )
        added += 1
    index["docs"] = docs
    return added


def _relative(permalink: str) -> str:
    """``https://host/base/reports/x/#a`` or ``reports/x/#a`` → ``reports/x/#a``."""
    marker = permalink.find("reports/")
    return permalink[marker:] if marker >= 0 else permalink


def on_post_build(config: Any, **_: Any) -> None:
    """Rewrite ``search/search_index.json`` in the built site."""
    site = Path(config["site_dir"])
    docs = Path(config["docs_dir"])
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
        bool(config["use_directory_urls"]),
    )
    index_path.write_text(json.dumps(index, ensure_ascii=False, separators=(",", ":")), "utf-8")
    log.info("search index: %d findings added", added)
