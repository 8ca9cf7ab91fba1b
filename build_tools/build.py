"""The sequencer: source → parse → resolve → render → write, in that order, once.

``build()`` first gathers all data (every report read and parsed), then resolves citations,
then renders every page in memory, and only then lets :mod:`build_tools.publish.write` touch
``docs/``. A report that cannot be read or parsed is reported and left out; the others build.
"""

from __future__ import annotations

import logging
import os
from dataclasses import dataclass, field
from pathlib import Path

from .classify.catalogue import Catalogue, CatalogueReport, classify
from .classify.glossary import load_glossary, undefined_tokens
from .classify.organisations import Registry, classify_organisations, load_registry
from .classify.themes import load_overrides, load_taxonomy
from .diagnostics import Diagnostic, Level
from .model import Report
from .publish.addresses import (
    anchor_aliases,
    check_addresses,
    load_redirects,
    manifest_text,
    read_manifest,
    redirect_pages,
    site_addresses,
)
from .publish.glossary_pages import add_glossary
from .publish.render import GENERATED_KEY, render_site
from .publish.write import WriteResult, write_pages, write_text_file
from .reading.parse import parse_report
from .reading.resolve import ResolvedReport, resolve_report, resolve_reports
from .reading.source import read_source

log = logging.getLogger(__name__)


@dataclass
class BuildResult:
    """Everything a build found and did."""

    reports: list[ResolvedReport] = field(default_factory=list)
    diagnostics: list[Diagnostic] = field(default_factory=list)
    written: WriteResult | None = None
    catalogue: Catalogue | None = None

    def count(self, level: Level) -> int:
        """Number of diagnostics at ``level``."""
        return sum(1 for item in self.diagnostics if item.level is level)


def display_path(path: Path, root: Path) -> str:
    """``path`` relative to ``root`` when inside it, for diagnostics and JSON."""
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return str(path)


def parse_file(path: Path, root: Path) -> tuple[Report | None, list[Diagnostic]]:
    """Read and parse one report file."""
    source, found = read_source(path, display_path(path, root))
    if source is None:
        return None, found
    report, more = parse_report(source)
    return report, found + more


REGISTRY = "organisations.yml"


def read_registry(folder: Path, root: Path) -> tuple[Registry, list[Diagnostic]]:
    """The organisations registry kept beside the reports in ``folder``."""
    path = folder / REGISTRY
    return load_registry(path, display_path(path, root))


def parse_one(path: Path, root: Path) -> tuple[CatalogueReport | None, list[Diagnostic]]:
    """Read, parse, resolve and classify a single report on its own (for ``parse --json``)."""
    report, found = parse_file(path, root)
    if report is None:
        return None, found
    resolved, more = resolve_report(report)
    registry, problems = read_registry(path.parent, root)
    organisations, named = classify_organisations(resolved, registry)
    return CatalogueReport(resolved, organisations), _sorted(found + more + problems + named)


def _sorted(items: list[Diagnostic]) -> list[Diagnostic]:
    return sorted(items, key=lambda d: (d.path, d.line, d.code, d.message))


def build(root: Path, dry_run: bool = False) -> BuildResult:
    """Generate ``docs/`` from ``source_reports/*.txt`` under ``root``.

    The environment variable ``SITE_URL`` (also read by mkdocs.yml) is the published address;
    when set, the downloads carry absolute permalinks.
    """
    result = BuildResult()
    reports: list[Report] = []
    sources = sorted((root / "source_reports").glob("*.txt"))
    for path in sources:
        report, found = parse_file(path, root)
        result.diagnostics.extend(found)
        if report is None:
            log.info("skipped %s", path)
            continue
        reports.append(report)
    result.reports, found = resolve_reports(reports)
    result.diagnostics.extend(found)
    registry, found = read_registry(root / "source_reports", root)
    result.diagnostics.extend(found)
    themes_path = root / "source_reports" / "themes.yml"
    taxonomy, found = load_taxonomy(themes_path, display_path(themes_path, root))
    result.diagnostics.extend(found)
    overrides_path = root / "source_reports" / "theme_overrides.yml"
    overrides, found = load_overrides(overrides_path, taxonomy, display_path(overrides_path, root))
    result.diagnostics.extend(found)
    result.catalogue, found = classify(result.reports, registry, taxonomy, overrides)
    result.diagnostics.extend(found)
    redirects_path = root / "source_reports" / "redirects.yml"
    redirects, found = load_redirects(redirects_path, display_path(redirects_path, root))
    result.diagnostics.extend(found)
    glossary_path = root / "source_reports" / "glossary.yml"
    glossary, found = load_glossary(glossary_path, display_path(glossary_path, root))
    result.diagnostics.extend(found)
    for entry in result.catalogue.reports:
        result.diagnostics.extend(undefined_tokens(entry.resolved.report, glossary, registry))
    pages = render_site(result.catalogue, os.environ.get("SITE_URL", ""), anchor_aliases(redirects))
    pages = add_glossary(pages, glossary, result.catalogue)
    pages.update(redirect_pages(redirects, GENERATED_KEY))
    manifest_path = root / "source_reports" / "addresses.manifest"
    published = read_manifest(manifest_path)
    current = site_addresses(result.catalogue, pages)
    result.diagnostics.extend(
        check_addresses(published, current, redirects, display_path(manifest_path, root))
    )
    result.written = write_pages(root / "docs", pages, dry_run=dry_run)
    result.diagnostics.extend(result.written.diagnostics)
    if write_text_file(manifest_path, manifest_text(published | current), dry_run):
        result.written.outside.append(display_path(manifest_path, root))
    result.diagnostics = _sorted(result.diagnostics)
    return result
