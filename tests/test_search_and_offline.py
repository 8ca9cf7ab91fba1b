"""The search hooks (Pagefind for the site, Material's index for the offline copy) and the
reproducible offline zip."""

from __future__ import annotations

import gzip
import json
import zipfile
from pathlib import Path
from typing import Any

import pytest

from build_tools.publish.mkdocs_hooks import PAGEFIND_BUNDLE, enrich, page_records
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

REPORT = """<html><body><nav>Menu words</nav><article class="md-content__inner md-typeset">
<h1 id="top">Peterborough (2016)</h1><p>Cover text.</p>
<h2 id="early-help">Early help<a class="headerlink" href="#early-help">&para;</a></h2>
<p class="clas-finding" id="finding-1-1"><a class="clas-permalink" href="#finding-1-1">1.1</a>
Staff &amp; <abbr title="emergency department">ED</abbr> nurses “ask”.</p>
<p>A second paragraph of 1.1.</p>
<div class="admonition example clas-example" id="example-1">
<p class="admonition-title">Good Practice Example</p><p><em>Joint groups.</em></p></div>
<h4 class="clas-rec" id="rec-1-3"><span class="clas-rec-number">1.3</span> Ask young people.<a
 class="headerlink" href="#rec-1-3">&para;</a></h4>
<p class="clas-rec-to">Addressed to: <a href="#">A Trust</a></p>
<p class="clas-evidence">Evidence: <a href="#finding-1-1">finding 1.1</a></p>
</article></body></html>"""


def test_a_report_page_gives_a_record_per_item_with_its_words_only() -> None:
    records = page_records(REPORT, "full", "Peterborough (2016)", "reports/p-2016/", "Report")
    by_url = {record.url: record for record in records}
    finding = by_url["reports/p-2016/#finding-1-1"]
    assert finding.title == "Peterborough 2016 · Finding 1.1"
    assert (finding.kind, finding.number) == ("Finding", "1.1")
    assert finding.text == "Staff & ED nurses “ask”. A second paragraph of 1.1."
    example = by_url["reports/p-2016/#example-1"]
    assert (example.kind, example.text) == ("Good Practice Example", "Joint groups.")
    rec = by_url["reports/p-2016/#rec-1-3"]
    assert (rec.title, rec.text) == ("Peterborough 2016 · Recommendation 1.3", "Ask young people.")
    assert by_url["reports/p-2016/#early-help"].text == "Early help"
    assert "Menu" not in " ".join(record.text for record in records)


def test_other_pages_give_their_title_and_first_paragraph_or_nothing() -> None:
    (summary,) = page_records(PAGE, "summary", "A & B <Trust>", "providers/a-b/", "Organisation")
    assert (summary.url, summary.title, summary.kind) == (
        "providers/a-b/",
        "A & B <Trust>",
        "Organisation",
    )
    assert summary.text == "Heading First"
    (full,) = page_records(PAGE, "full", "About", "about/", "")
    assert full.text == "Heading First Second"
    assert page_records(PAGE, "", "Search", "search/", "") == []


def pagefind_fragments(site: Path) -> dict[str, dict[str, Any]]:
    """Pagefind's stored record of every indexed item and page, by its address."""
    records = {}
    for path in (site / PAGEFIND_BUNDLE / "fragment").glob("*.pf_fragment"):
        data = gzip.decompress(path.read_bytes())
        record: dict[str, Any] = json.loads(data[data.index(b"{") :])
        records[record["meta"]["url"].removeprefix("./")] = record
    return records


@pytest.fixture(scope="module")
def fragments(built_site: BuiltSite) -> dict[str, dict[str, Any]]:
    return pagefind_fragments(built_site.site)


def test_pagefind_indexes_every_finding_and_recommendation(
    built_site: BuiltSite, fragments: dict[str, dict[str, Any]]
) -> None:
    """Each finding and recommendation is a record of its own, at its own address, named by its
    report and number, without the per-item lists (addressees, themes, evidence, similar)."""
    assert built_site.result.catalogue is not None
    for entry in built_site.result.catalogue.reports:
        report = entry.resolved.report
        label = f"{report.area} {report.year}"
        for item, kind in [(f, "Finding") for f in report.findings] + [
            (r, "Recommendation") for r in report.recommendations
        ]:
            record = fragments[f"reports/{report.slug}/#{item.anchor}"]
            assert record["meta"]["title"] == f"{label} · {kind} {item.id}"
            assert record["meta"]["number"] == item.id
            for words in ("Addressed to:", "Evidence:", "Themes:", "Similar recommendations"):
                assert words not in record["content"], (report.slug, item.anchor, words)


def test_pagefind_indexes_only_names_of_other_pages(
    built_site: BuiltSite, fragments: dict[str, dict[str, Any]]
) -> None:
    """An organisation's or a theme's record is its name and first paragraph, so its copies of
    the reports' recommendations never outrank the reports; the search page is not indexed."""
    provider = fragments["providers/medway-community-healthcare-cic/"]
    assert provider["meta"]["title"] == "Medway Community Healthcare CIC"
    assert provider["meta"]["kind"] == "Organisation"
    assert provider["content"].startswith("Medway Community Healthcare CIC")
    assert provider["word_count"] < 40
    theme = next(
        record
        for url, record in fragments.items()
        if url.startswith("themes/") and url != "themes/"
    )
    assert theme["meta"]["kind"] == "Theme"
    assert theme["word_count"] < 80
    assert "search/" not in fragments
    assert "about/" in fragments


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
