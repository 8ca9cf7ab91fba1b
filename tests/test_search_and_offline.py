"""The search hooks (Pagefind for the site, Material's index for the offline copy) and the
reproducible offline zip."""

from __future__ import annotations

import gzip
import json
import zipfile
from pathlib import Path
from typing import Any

import pytest

from build_tools.publish.mkdocs_hooks import PAGEFIND_BUNDLE, enrich, mark_for_pagefind
from build_tools.publish.offline import zip_site
from tests.conftest import BuiltSite

REC = {
    "area": "Medway",
    "publication_date": "2016-06-20",
    "id": "1.3",
    "text": "Take steps to ensure young people aged 16 and 17 are assessed.",
    "permalink": "https://example.org/clas/reports/medway-2016/#rec-1-3",
}
FINDING = {
    "area": "Medway",
    "publication_date": "2016-06-20",
    "id": "3.35",
    "section": "Child protection",
    "text": "Referrals to CADS are reviewed.",
    "permalink": "reports/medway-2016/#finding-3-35",
}


def test_enrich_names_recommendations_and_adds_findings() -> None:
    index = {
        "docs": [{"location": "reports/medway-2016/#rec-1-3", "title": "1.3 Take", "text": ""}]
    }
    added = enrich(index, [REC], [FINDING])
    assert added == 1
    assert index["docs"][0]["title"].startswith("Medway 2016, recommendation 1.3: Take steps")
    assert index["docs"][1] == {
        "location": "reports/medway-2016/#finding-3-35",
        "title": "Medway 2016, finding 3.35 (Child protection)",
        "text": "Referrals to CADS are reviewed.",
    }


def test_enrich_follows_the_offline_copy_addresses() -> None:
    index = {"docs": [{"location": "reports/medway-2016.html#rec-1-3", "title": "t", "text": ""}]}
    enrich(index, [REC], [FINDING], directory_urls=False)
    assert index["docs"][0]["title"].startswith("Medway 2016, recommendation 1.3")
    assert index["docs"][1]["location"] == "reports/medway-2016.html#finding-3-35"


def test_offline_index_has_an_entry_per_finding(built_site: BuiltSite) -> None:
    """The offline copy's Material index: an entry per finding and recommendation."""
    offline = built_site.root / ".cache" / "site-offline"
    index = json.loads((offline / "search" / "search_index.json").read_text("utf-8"))
    locations = {doc["location"] for doc in index["docs"]}
    assert built_site.result.catalogue is not None
    for entry in built_site.result.catalogue.reports:
        report = entry.resolved.report
        for finding in report.findings:
            assert f"reports/{report.slug}.html#{finding.anchor}" in locations
        for rec in report.recommendations:
            assert f"reports/{report.slug}.html#{rec.anchor}" in locations


PAGE = """<html><head><title>t</title></head><body><article class="md-content__inner md-typeset">
<h1 id="x">Heading</h1><p>First</p><p>Second</p></article></body></html>"""


def test_mark_for_pagefind_full_summary_and_none() -> None:
    full = mark_for_pagefind(PAGE, "full", "Medway (2016)", "reports/medway-2016/")
    assert '<article class="md-content__inner md-typeset" data-pagefind-body>' in full
    assert '<meta data-pagefind-meta="title[content]" content="Medway (2016)">' in full
    assert '<meta data-pagefind-meta="kind[content]" content="Report">' in full

    summary = mark_for_pagefind(PAGE, "summary", "A & B <Trust>", "providers/a-b/")
    assert summary.count("data-pagefind-body") == 2
    assert '<h1 data-pagefind-body id="x">' in summary
    assert "<p data-pagefind-body>First</p><p>Second</p>" in summary
    assert 'content="A &amp; B &lt;Trust&gt;"' in summary
    assert 'content="Organisation"' in summary

    index_page = mark_for_pagefind(PAGE, "summary", "Organisations", "providers/")
    assert "kind[content]" not in index_page
    assert mark_for_pagefind(PAGE, "", "Search", "search/") == PAGE


def pagefind_fragments(site: Path) -> dict[str, dict[str, Any]]:
    """Pagefind's stored record of every indexed page, by the page's address."""
    records = {}
    for path in (site / PAGEFIND_BUNDLE / "fragment").glob("*.pf_fragment"):
        data = gzip.decompress(path.read_bytes())
        record: dict[str, Any] = json.loads(data[data.index(b"{") :])
        records[record["url"]] = record
    return records


@pytest.fixture(scope="module")
def fragments(built_site: BuiltSite) -> dict[str, dict[str, Any]]:
    return pagefind_fragments(built_site.site)


def test_pagefind_indexes_every_finding_and_recommendation(
    built_site: BuiltSite, fragments: dict[str, dict[str, Any]]
) -> None:
    """Each report is a record whose anchors include every finding and recommendation, and
    whose text leaves out the per-item lists (addressees, themes, evidence, similar)."""
    assert built_site.result.catalogue is not None
    for entry in built_site.result.catalogue.reports:
        report = entry.resolved.report
        record = fragments[f"/reports/{report.slug}/"]
        assert record["meta"]["title"] == f"{report.area} ({report.year})"
        assert record["meta"]["kind"] == "Report"
        anchors = {anchor["id"] for anchor in record["anchors"]}
        assert {finding.anchor for finding in report.findings} <= anchors
        assert {rec.anchor for rec in report.recommendations} <= anchors
        for label in ("Addressed to:", "Evidence:", "Themes:", "Similar recommendations"):
            assert label not in record["content"], (report.slug, label)


def test_pagefind_indexes_only_names_of_other_pages(
    built_site: BuiltSite, fragments: dict[str, dict[str, Any]]
) -> None:
    """An organisation's or a theme's record is its name and first paragraph, so its copies of
    the reports' recommendations never outrank the reports; the search page is not indexed."""
    provider = fragments["/providers/medway-community-healthcare-cic/"]
    assert provider["meta"] == {
        "title": "Medway Community Healthcare CIC",
        "kind": "Organisation",
    }
    assert provider["content"].startswith("Medway Community Healthcare CIC.")
    assert provider["word_count"] < 40
    theme = next(
        record
        for url, record in fragments.items()
        if url.startswith("/themes/") and url != "/themes/"
    )
    assert theme["meta"]["kind"] == "Theme"
    assert theme["word_count"] < 80
    assert "/search/" not in fragments
    assert "/about/" in fragments


def test_zip_is_reproducible(tmp_path: Path) -> None:
    site = tmp_path / "site"
    (site / "reports").mkdir(parents=True)
    (site / "index.html").write_text("<h1>home</h1>", encoding="utf-8")
    (site / "reports" / "a.html").write_text("<h1>a</h1>", encoding="utf-8")
    first, second = tmp_path / "one.zip", tmp_path / "two.zip"
    assert zip_site(site, first) == 2
    (site / "index.html").touch()  # a newer file time must not change the bytes
    zip_site(site, second)
    assert first.read_bytes() == second.read_bytes()
    with zipfile.ZipFile(first) as archive:
        assert archive.namelist() == ["clas-reports/index.html", "clas-reports/reports/a.html"]
