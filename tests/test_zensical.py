"""The same site built with Zensical: every address and anchor MkDocs makes must be there too.

Material for MkDocs reaches end of life on 5 May 2027; Zensical, its successor, reads our
``mkdocs.yml``. These tests keep ``mkdocs.yml``, ``docs/`` and the theme overrides buildable by
it without changing a permanent link: what the ``built_site`` fixture built with MkDocs (the
committed docs/ as the generator rewrites them, mkdocs.yml, the theme overrides) is built again
with Zensical, and both sites must have the same pages and files, and in every page's article
the same ids (``finding-…``, ``rec-…``, headings, case examples) and the same links. Zensical
honours ``strict: true`` and always checks links and anchors, so a clean build is itself a link
check.

What Zensical does not do yet is left out of the comparison: it ignores ``hooks:``, so its
site has no Pagefind bundle (``pagefind/``) and no ``data-pagefind-*`` marks; its theme files
(``assets/``) and the page chrome around the article differ; it writes ``search.json`` and no
``sitemap.xml.gz``.
"""

from __future__ import annotations

import importlib.util
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass, field
from html.parser import HTMLParser
from importlib.metadata import version
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest

from tests.conftest import BuiltSite
from tests.test_search_and_offline import pagefind_fragments

pytestmark = pytest.mark.site

#: Where a clean environment gets Zensical: it is a pinned dev dependency.
INSTALL_HINT = (
    "Zensical is not installed in this environment ({python}). It is a pinned dev dependency: "
    "run `make test`, or `.venv/bin/pip install -c constraints.txt -e '.[dev]'`."
)
#: Files of the site that the comparison skips: each theme's own files, and the Pagefind
#: bundle and phrase index that only the MkDocs hook (build_tools/publish/mkdocs_hooks.py)
#: writes (a Zensical build gets them from ``build_tools index``).
SKIPPED_FOLDERS = ("assets/", "pagefind/", "search/phrases/")
#: Files that only one of the two builds writes (see the module docstring), and the offline
#: zip that the ``built_site`` fixture adds after the MkDocs build, as ``make site`` does.
MKDOCS_ONLY_FILES = frozenset({"sitemap.xml.gz", "downloads/clas-reports-offline.zip"})
ZENSICAL_ONLY_FILES = frozenset({"search.json"})
HEADING_TAGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
#: Any address; used to resolve links so that ``../x/`` and ``../../providers/x/`` compare equal.
BASE = "https://site.invalid/"
#: The permanent links of findings and recommendations.
PERMANENT = re.compile(r"(finding|rec)-")
ANSI = re.compile(r"\x1b\[[0-9;]*m")


@dataclass(frozen=True, slots=True)
class ZensicalSite:
    """The project's docs built by Zensical."""

    site: Path
    """The built site."""
    log: str
    """What Zensical printed (both streams, colours removed: it ignores ``NO_COLOR``)."""


@dataclass(slots=True)
class Article:
    """What a page's article (``<article class="md-content__inner …">``) holds that must match."""

    ids: list[str] = field(default_factory=list)
    """Every id in document order, the theme's own (``__skip``) left out."""
    headings: list[str] = field(default_factory=list)
    """``h2#what-this-is``: every heading that has an id, in order."""
    links: list[str] = field(default_factory=list)
    """Every link's target, resolved against the page's address."""


class _ArticleReader(HTMLParser):
    def __init__(self, url: str) -> None:
        super().__init__(convert_charrefs=True)
        self.url = url
        self.article = Article()
        self.inside = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        if tag == "article" and "md-content__inner" in (attributes.get("class") or ""):
            self.inside = True
        if not self.inside:
            return
        anchor = attributes.get("id")
        # Zensical's template puts its skip-link target (``__skip``) inside the article.
        if anchor and not anchor.startswith("__"):
            self.article.ids.append(anchor)
            if tag in HEADING_TAGS:
                self.article.headings.append(f"{tag}#{anchor}")
        href = attributes.get("href")
        if tag == "a" and href is not None:
            self.article.links.append(resolve(self.url, href))

    def handle_endtag(self, tag: str) -> None:
        if tag == "article":
            self.inside = False


def resolve(url: str, href: str) -> str:
    """``href`` on the page at ``url`` as an absolute address; ``…/index.html`` as ``…/``."""
    target = urljoin(BASE + url, href)
    parts = urlsplit(target)
    if parts.path.endswith("/index.html"):
        target = parts._replace(path=parts.path.removesuffix("index.html")).geturl()
    return target


def read_article(html: str, url: str) -> Article:
    """The ids, headings and links of the article of the page at ``url`` (e.g. ``about/``)."""
    reader = _ArticleReader(url)
    reader.feed(html)
    reader.close()
    return reader.article


def page_url(page: str) -> str:
    """``about/index.html`` → ``about/``; ``index.html`` → ``""``."""
    return page.removesuffix("index.html")


def differences(page: str, mkdocs: Article, zensical: Article) -> list[str]:
    """Each way in which the two builds' articles of ``page`` differ, one line each."""
    found = []
    for name in ("ids", "headings", "links"):
        ours, theirs = getattr(mkdocs, name), getattr(zensical, name)
        if ours == theirs:
            continue
        missing = sorted(set(ours) - set(theirs))
        extra = sorted(set(theirs) - set(ours))
        detail = f"only MkDocs: {missing[:5]}, only Zensical: {extra[:5]}"
        if not missing and not extra:
            detail = "same values, different order or count"
        found.append(f"{page}: {name} differ ({detail})")
    return found


def site_files(site: Path) -> set[str]:
    """Every file of ``site`` as a path relative to it, the SKIPPED_FOLDERS left out."""
    files = {path.relative_to(site).as_posix() for path in site.rglob("*") if path.is_file()}
    return {name for name in files if not name.startswith(SKIPPED_FOLDERS)}


def pages(site: Path) -> set[str]:
    """The site's page addresses: every ``index.html``, relative to the site."""
    return {name for name in site_files(site) if name.endswith("index.html")}


def _listing(message: str, lines: list[str], limit: int = 20) -> str:
    shown = "\n  ".join(lines[:limit])
    more = f"\n  … and {len(lines) - limit} more" if len(lines) > limit else ""
    return f"{message}:\n  {shown}{more}"


@pytest.fixture(scope="session")
def zensical_site(built_site: BuiltSite, tmp_path_factory: pytest.TempPathFactory) -> ZensicalSite:
    """What ``built_site`` built with MkDocs (docs/, mkdocs.yml, theme), built by Zensical.

    Zensical has no ``--site-dir``: it writes ``site/`` (and its ``.cache/``) beside
    ``mkdocs.yml``, so the input is copied to a folder of its own.
    """
    if importlib.util.find_spec("zensical") is None:
        pytest.fail(INSTALL_HINT.format(python=sys.executable), pytrace=False)
    root = tmp_path_factory.mktemp("zensical")
    shutil.copytree(built_site.docs, root / "docs")
    shutil.copy2(built_site.root / "mkdocs.yml", root / "mkdocs.yml")
    theme = Path("build_tools") / "publish" / "theme"
    shutil.copytree(built_site.root / theme, root / theme)
    hooks = Path("build_tools") / "publish" / "mkdocs_hooks.py"
    shutil.copy2(built_site.root / hooks, root / hooks)
    completed = subprocess.run(
        [sys.executable, "-m", "zensical", "build", "-f", str(root / "mkdocs.yml")],
        cwd=root,
        capture_output=True,
        text=True,
        check=False,
        timeout=600,
    )
    log = ANSI.sub("", completed.stdout + completed.stderr)
    assert completed.returncode == 0, (
        f"Zensical {version('zensical')} could not build the site "
        f"(exit {completed.returncode}):\n{log}"
    )
    return ZensicalSite(root / "site", log)


def test_zensical_reports_no_broken_link_or_anchor(zensical_site: ZensicalSite) -> None:
    """``strict: true`` makes Zensical fail on a warning; this names the warnings if not."""
    warnings = [line for line in zensical_site.log.splitlines() if "Warning" in line]
    assert not warnings, zensical_site.log


def test_same_pages_and_files(built_site: BuiltSite, zensical_site: ZensicalSite) -> None:
    ours = site_files(built_site.site)
    theirs = site_files(zensical_site.site)
    assert len(pages(built_site.site)) > len(built_site.result.reports)
    assert pages(zensical_site.site) == pages(built_site.site)
    assert ours - theirs == MKDOCS_ONLY_FILES
    assert theirs - ours == ZENSICAL_ONLY_FILES


def test_every_finding_and_recommendation_keeps_its_anchor(
    built_site: BuiltSite, zensical_site: ZensicalSite
) -> None:
    """On every report page: the same ``finding-…`` and ``rec-…`` ids, and all the model's."""
    assert built_site.result.reports
    problems = []
    for resolved in built_site.result.reports:
        report = resolved.report
        page = f"reports/{report.slug}/index.html"
        url = page_url(page)
        ours = read_article((built_site.site / page).read_text("utf-8"), url)
        theirs = read_article((zensical_site.site / page).read_text("utf-8"), url)
        expected = {finding.anchor for finding in report.findings}
        expected |= {rec.anchor for rec in report.recommendations}
        assert expected, f"{report.slug}: the model has no finding or recommendation"
        kept = [anchor for anchor in ours.ids if PERMANENT.match(anchor)]
        given = [anchor for anchor in theirs.ids if PERMANENT.match(anchor)]
        if missing := sorted(expected - set(given)):
            problems.append(f"{page}: Zensical has no {missing[:5]}")
        problems += differences(page, Article(ids=kept), Article(ids=given))
    assert not problems, _listing("Anchors MkDocs makes that Zensical does not", problems)


def test_every_page_has_the_same_ids_headings_and_links(
    built_site: BuiltSite, zensical_site: ZensicalSite
) -> None:
    problems = []
    compared = 0
    for page in sorted(pages(built_site.site) & pages(zensical_site.site)):
        url = page_url(page)
        ours = read_article((built_site.site / page).read_text("utf-8"), url)
        theirs = read_article((zensical_site.site / page).read_text("utf-8"), url)
        assert ours.headings, f"{page}: no heading with an id in MkDocs' article"
        compared += len(ours.ids) + len(ours.links)
        problems += differences(page, ours, theirs)
    assert compared > 0
    assert not problems, _listing(
        "Pages whose article differs between MkDocs and Zensical", problems
    )


# --------------------------------------------------------------------------- the comparison


URL = "reports/medway-2016/"
PAGE = """<html><body><nav><a href="../">Up</a></nav>
<article class="md-content__inner md-typeset"><a id="__skip"></a>
<h1 id="medway-2016">Medway<a class="headerlink" href="#medway-2016">¶</a></h1>
<p id="finding-1-2" class="clas-finding">1.2 Text <a href="../dorset-2016/#rec-1-3">1.3</a></p>
<h4 id="rec-1-3">Recommendation 1.3</h4></article></body></html>"""


def test_reading_an_article() -> None:
    article = read_article(PAGE, URL)
    assert article.ids == ["medway-2016", "finding-1-2", "rec-1-3"]
    assert article.headings == ["h1#medway-2016", "h4#rec-1-3"]
    assert article.links == [
        f"{BASE}reports/medway-2016/#medway-2016",
        f"{BASE}reports/dorset-2016/#rec-1-3",
    ]
    # The same target written another way, as Zensical writes links between sibling pages.
    other = read_article(
        PAGE.replace("../dorset-2016/", "../../reports/dorset-2016/index.html"), URL
    )
    assert differences("p", article, other) == []


def test_a_lost_or_moved_anchor_is_a_difference() -> None:
    article = read_article(PAGE, URL)
    lost = read_article(PAGE.replace(' id="finding-1-2"', ""), URL)
    assert differences("p", article, lost) == [
        "p: ids differ (only MkDocs: ['finding-1-2'], only Zensical: [])"
    ]
    renamed = read_article(PAGE.replace('<h4 id="rec-1-3">', '<h4 id="rec-1-4">'), URL)
    assert [line.split(" (")[0] for line in differences("p", article, renamed)] == [
        "p: ids differ",
        "p: headings differ",
    ]
    moved = read_article(PAGE.replace("../dorset-2016/", "../dorset-2017/"), URL)
    assert [line.split(" (")[0] for line in differences("p", article, moved)] == ["p: links differ"]


def search_index(site: Path, docs: Path) -> subprocess.CompletedProcess[str]:
    """Run ``python -m build_tools search-index <site> --docs <docs>``."""
    return subprocess.run(
        [sys.executable, "-m", "build_tools", "search-index", str(site), "--docs", str(docs)],
        capture_output=True,
        text=True,
        check=False,
    )


def test_search_index_for_a_zensical_site(
    built_site: BuiltSite, zensical_site: ZensicalSite, tmp_path: Path
) -> None:
    """Zensical runs no MkDocs hook; ``python -m build_tools search-index`` gives its site the
    same search: every finding and recommendation a Pagefind record of its own."""
    site = tmp_path / "site"
    shutil.copytree(zensical_site.site, site)
    completed = search_index(site, built_site.docs)
    assert completed.returncode == 0, completed.stderr
    records = pagefind_fragments(site)
    ours = pagefind_fragments(built_site.site)
    assert set(records) == set(ours)
    assert built_site.result.catalogue is not None
    for entry in built_site.result.catalogue.reports:
        report = entry.resolved.report
        anchors = [item.anchor for item in report.findings] + [
            rec.anchor for rec in report.recommendations
        ]
        for anchor in anchors:
            url = f"reports/{report.slug}/#{anchor}"
            assert records[url]["meta"] == ours[url]["meta"]
            assert records[url]["content"] == ours[url]["content"]
    # A second run gives the same index.
    again = search_index(site, built_site.docs)
    assert again.returncode == 0, again.stderr
    assert pagefind_fragments(site) == records
