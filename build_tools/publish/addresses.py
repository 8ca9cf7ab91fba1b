"""Published addresses never silently change.

``source_reports/addresses.manifest`` lists every page and every finding, recommendation and
example anchor the site has published. A build compares the addresses it would publish with
that list: new ones are appended, and one that would disappear is an ``address-dropped``
error unless ``source_reports/redirects.yml`` sends it somewhere. A redirected page gets a
small page at its old address that forwards readers (keeping the ``#anchor``); a redirected
anchor becomes an alias on its new page.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .. import diagnostics as diag
from ..classify.catalogue import Catalogue
from ..classify.yamldata import item_lines, read_yaml
from ..diagnostics import Diagnostic

MANIFEST_HEADER = (
    "# Every address this site has published (pages and #anchors), one per line.\n"
    "# Maintained by `python -m build_tools build`: new addresses are added; an address that\n"
    "# would disappear fails the build unless source_reports/redirects.yml redirects it.\n"
)


@dataclass(frozen=True, slots=True)
class Redirect:
    """An old address and where it now lives."""

    source: str
    """Old address, e.g. ``reports/medway-2016/`` or ``reports/medway-2016/#rec-1-3``."""
    target: str
    """New address."""
    line: int
    """Line in redirects.yml."""


def page_address(path: str) -> str:
    """``reports/medway-2016.md`` → ``reports/medway-2016/``; ``index.md`` → ``""``."""
    stem = path[: -len(".md")]
    if stem == "index":
        return ""
    if stem.endswith("/index"):
        return stem[: -len("index")]
    return stem + "/"


def site_addresses(catalogue: Catalogue, pages: dict[str, str]) -> set[str]:
    """Every address the rendered site publishes."""
    found = {page_address(path) for path in pages if path.endswith(".md")}
    for entry in catalogue.reports:
        report = entry.resolved.report
        base = f"reports/{report.slug}/"
        found.update(f"{base}#{f.anchor}" for f in report.findings)
        found.update(f"{base}#{r.anchor}" for r in report.recommendations)
        found.update(f"{base}#{e.anchor}" for e in report.case_examples)
    found.discard("")
    return found


def read_manifest(path: Path) -> set[str]:
    """Addresses listed in the manifest (empty when it does not exist yet)."""
    if not path.exists():
        return set()
    lines = path.read_text("utf-8").splitlines()
    return {line.strip() for line in lines if line.strip() and not line.startswith("#")}


def manifest_text(addresses: set[str]) -> str:
    """The manifest file for ``addresses``."""
    return MANIFEST_HEADER + "".join(f"{address}\n" for address in sorted(addresses))


def load_redirects(path: Path, display: str) -> tuple[list[Redirect], list[Diagnostic]]:
    """Read redirects.yml (optional)."""
    if not path.exists():
        return [], []
    found: list[Diagnostic] = []
    data, text, broken = read_yaml(path, display, "redirect-invalid")
    if data is None:
        return [], broken
    data = data or {}
    lines = item_lines(text, "redirects")
    redirects: list[Redirect] = []
    for index, entry in enumerate(data.get("redirects") or []):
        line = lines[index] if index < len(lines) else 0
        if not (
            isinstance(entry, dict)
            and isinstance(entry.get("from"), str)
            and isinstance(entry.get("to"), str)
        ):
            found.append(
                diag.make(
                    display,
                    line,
                    "redirect-invalid",
                    "a redirect needs 'from:' and 'to:' addresses",
                )
            )
            continue
        redirects.append(Redirect(entry["from"].lstrip("/"), entry["to"].lstrip("/"), line))
    return redirects, found


def check_addresses(
    published: set[str], current: set[str], redirects: list[Redirect], manifest: str
) -> list[Diagnostic]:
    """An error for every published address the build would drop without a redirect."""
    redirected = {redirect.source for redirect in redirects}
    found: list[Diagnostic] = []
    for address in sorted(published - current - redirected):
        page = address.split("#", 1)[0]
        if "#" in address and page in redirected:
            continue  # the whole page moved; its anchors travel with the redirect
        found.append(
            diag.make(
                manifest,
                0,
                "address-dropped",
                f"/{address} was published and this build would drop it; restore it, or add "
                f"'- {{from: {address}, to: <new address>}}' to source_reports/redirects.yml",
            )
        )
    for redirect in redirects:
        if redirect.target.split("#", 1)[0] not in {a.split("#", 1)[0] for a in current}:
            found.append(
                diag.make(
                    manifest.replace("addresses.manifest", "redirects.yml"),
                    redirect.line,
                    "redirect-invalid",
                    f"redirect target /{redirect.target} is not an address of this site",
                )
            )
    return found


def redirect_pages(redirects: list[Redirect], key: str) -> dict[str, str]:
    """A forwarding page for every redirected page address."""
    pages: dict[str, str] = {}
    for redirect in redirects:
        if "#" in redirect.source:
            continue
        path = redirect.source.rstrip("/") + ".md"
        depth = redirect.source.rstrip("/").count("/") + 1
        target = "../" * depth + redirect.target
        pages[path] = (
            "---\n"
            f"title: Moved\n{key}: build_tools\nsearch:\n  exclude: true\n"
            "---\n\n"
            "# This page has moved\n\n"
            f'It is now at <a href="{target}">/{redirect.target}</a>.\n\n'
            "<script>location.replace("
            f'new URL("{target}", location.href).href.split("#")[0] + location.hash)'
            "</script>\n"
        )
    return pages


def anchor_aliases(redirects: list[Redirect]) -> dict[str, list[str]]:
    """New address → old anchors that should still land on it (same page only)."""
    aliases: dict[str, list[str]] = {}
    for redirect in redirects:
        if "#" in redirect.source and "#" in redirect.target:
            old_page, old_anchor = redirect.source.split("#", 1)
            if old_page == redirect.target.split("#", 1)[0]:
                aliases.setdefault(redirect.target, []).append(old_anchor)
    return aliases
