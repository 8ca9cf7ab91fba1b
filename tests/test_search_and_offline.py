"""The search hook's records (indexed with Pagefind for the site, written as a script for the
offline copy) and the reproducible offline zip."""

from __future__ import annotations

import gzip
import json
import zipfile
from pathlib import Path
from typing import Any

import pytest

from build_tools.publish.mkdocs_hooks import (
    PAGEFIND_BUNDLE,
    PHRASES,
    SearchRecord,
    _Article,
    _tidy,
    _whole_page,
    index_with_pagefind,
    page_records,
)
from build_tools.publish.offline import (
    OFFLINE_RECORDS,
    local_link,
    make_offline_copy,
    offline_page,
    write_offline_records,
    zip_site,
)
from tests.conftest import BuiltSite


def offline_script(path: Path) -> dict[str, Any]:
    """The values ``search/clas-items.js`` sets, by name (``CLAS_SEARCH_ITEMS`` → ``ITEMS``)."""
    values: dict[str, Any] = {}
    for line in path.read_text("utf-8").splitlines():
        name, _, value = line.partition(" = ")
        assert name.startswith("window.CLAS_SEARCH_") and value.endswith(";"), line
        values[name.removeprefix("window.CLAS_SEARCH_")] = json.loads(value[:-1])
    return values


def test_offline_records_are_data_that_no_markup_in_them_can_escape(tmp_path: Path) -> None:
    """Report text in the offline copy's script is JSON with ``<``, ``>`` and ``&`` escaped:
    ``</script>`` in a recommendation cannot end the script it is loaded in."""
    text = "Close </script><script>alert(1)</script> & “quote” ‘x’ \u2028 end"
    row = ["reports/a/#rec-1-1", "A 2016 · Recommendation 1.1", "R", "1.1", text]
    synonyms = [{"names": ["A&E"], "expansion": "accident and emergency"}]
    write_offline_records([row], synonyms, tmp_path / OFFLINE_RECORDS)
    script = (tmp_path / OFFLINE_RECORDS).read_bytes()
    assert not set(script) & set(b"<>&"), script
    assert script.isascii()
    values = offline_script(tmp_path / OFFLINE_RECORDS)
    assert values["ITEMS"] == [["reports/a/index.html#rec-1-1", row[1], "R", "1.1", text]]
    assert values["SYNONYMS"] == synonyms


@pytest.mark.parametrize(
    ("link", "local"),
    [
        ("../../providers/x/", "../../providers/x/index.html"),
        ("../x/#rec-1-2", "../x/index.html#rec-1-2"),
        ("search/?q=a", "search/index.html?q=a"),
        ("./", "./index.html"),
        ("..", "../index.html"),
        ("../..", "../../index.html"),
        ("", ""),
        ("#finding-1-1", "#finding-1-1"),
        ("../assets/stylesheets/main.css", "../assets/stylesheets/main.css"),
        ("downloads/a.csv", "downloads/a.csv"),
        ("https://www.cqc.org.uk/", "https://www.cqc.org.uk/"),
        ("mailto:someone@example.org", "mailto:someone@example.org"),
        ("/absolute/", "/absolute/"),
        ("//cdn.example.org/x/", "//cdn.example.org/x/"),
    ],
)
def test_a_link_to_a_folder_opens_its_index_page_from_disk(link: str, local: str) -> None:
    assert local_link(link) == local


def test_offline_pages_link_to_files_and_search_the_local_records() -> None:
    page = (
        '<form class="clas-header-search" action="../../search/" data-clas-engine="pagefind">'
        '<a href="../../providers/x/">X</a> <a title="../y/" href="../y/#rec-1">Y</a>'
        '<script src="../../javascripts/search.js"></script>'
        "<p>Text that says href=&quot;../z/&quot; stays as it was.</p></form>"
    )
    assert offline_page(page) == (
        '<form class="clas-header-search" action="../../search/index.html" '
        'data-clas-engine="local"><a href="../../providers/x/index.html">X</a> '
        '<a title="../y/" href="../y/index.html#rec-1">Y</a>'
        '<script src="../../javascripts/search.js"></script>'
        "<p>Text that says href=&quot;../z/&quot; stays as it was.</p></form>"
    )


def test_the_offline_copy_leaves_out_what_only_the_published_site_needs(tmp_path: Path) -> None:
    site = tmp_path / "site"
    for name in (
        "index.html",
        "pagefind/pagefind.js",
        "search/phrases/0.bin",
        "search/index.html",
        "downloads/clas-reports-offline.zip",
        "downloads/a.csv",
        "glossary/synonyms.json",
    ):
        (site / name).parent.mkdir(parents=True, exist_ok=True)
        (site / name).write_text("[]" if name.endswith(".json") else "x", "utf-8")
    records = tmp_path / "records.json"
    records.write_text(json.dumps([["", "Home", "Page", "", "CLAS reports"]]), "utf-8")
    copy = tmp_path / "copy"
    (copy / "stale").mkdir(parents=True)
    assert make_offline_copy(site, records, copy) == 5
    files = sorted(p.relative_to(copy).as_posix() for p in copy.rglob("*") if p.is_file())
    assert files == [
        "downloads/a.csv",
        "glossary/synonyms.json",
        "index.html",
        "search/clas-items.js",
        "search/index.html",
    ]
    values = offline_script(copy / OFFLINE_RECORDS)
    assert values == {
        "ITEMS": [["./index.html", "Home", "Page", "", "CLAS reports"]],
        "SYNONYMS": [],
    }


def test_offline_copy_has_a_record_per_finding_and_recommendation(built_site: BuiltSite) -> None:
    """The offline copy's records: every finding and recommendation, at its page's
    ``index.html``, and the glossary's synonyms; no Material search index, no Pagefind bundle,
    no phrase index."""
    offline = built_site.root / ".cache" / "site-offline"
    values = offline_script(offline / OFFLINE_RECORDS)
    urls = {row[0] for row in values["ITEMS"]}
    assert built_site.result.catalogue is not None
    for entry in built_site.result.catalogue.reports:
        report = entry.resolved.report
        for finding in report.findings:
            assert f"reports/{report.slug}/index.html#{finding.anchor}" in urls
        for rec in report.recommendations:
            assert f"reports/{report.slug}/index.html#{rec.anchor}" in urls
    assert any("MARAC" in row["names"] for row in values["SYNONYMS"])
    assert not (offline / "search" / "search_index.json").exists()
    assert not (offline / PAGEFIND_BUNDLE).exists()
    assert not (offline / PHRASES).exists()
    home = (offline / "index.html").read_text("utf-8")
    assert 'action="search/index.html"' in home and 'data-clas-engine="local"' in home
    assert 'data-md-component="search"' not in home


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


def test_indexing_again_replaces_the_bundle(tmp_path: Path) -> None:
    """A site indexed a second time holds only the second bundle: Pagefind adds its files to
    a folder, and a bundle mixed from two runs missed records."""
    first = [
        SearchRecord(f"reports/a/#finding-1-{n}", f"A · Finding 1.{n}", "Finding", f"1.{n}", text)
        for n, text in enumerate(("Early help is offered.", "Ward staff ask."), start=1)
    ]
    index_with_pagefind(tmp_path, first)
    assert set(pagefind_fragments(tmp_path)) == {"reports/a/#finding-1-1", "reports/a/#finding-1-2"}
    second = [SearchRecord("reports/b/#rec-1-1", "B · Recommendation 1.1", "R", "1.1", "Ask.")]
    index_with_pagefind(tmp_path, second)
    assert set(pagefind_fragments(tmp_path)) == {"reports/b/#rec-1-1"}


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


def whole_summary(output: str, title: str, url: str) -> SearchRecord:
    """A page's summary record from all of its HTML (what ``page_records`` gave before it
    stopped reading after the summary)."""
    parser = _Article()
    parser.feed(output)
    parser.close()
    runs = [(run.anchor, run.label, _tidy(run.parts)) for run in parser.runs]
    return _whole_page(runs, "summary", title, url, "Theme")


def test_a_summary_read_from_the_start_of_a_page_is_the_same_as_from_all_of_it(
    built_site: BuiltSite,
) -> None:
    """Organisation and theme pages are read only as far as their summary: the record is the
    one the whole page gives, also when the title and paragraph cross the chunks it is read
    in, or a heading with an id opens a new run before the paragraph."""
    long_words = " ".join(["safeguarding"] * 4000)  # 52 KB: several chunks
    pages = [
        f"<article><h1>Title</h1><p>{long_words}</p><p>Second</p></article>",
        f"<article><h1 id='t'>A {long_words}</h1><h2 id='x'>B</h2><p>C</p></article>",
        "<article>Loose text<h1 id='t'>Heading</h1><div><p>Inside</p></div><p>More</p></article>",
        "<article><h1>Only a title</h1></article>",
        "<p>No article</p>",
    ]
    for folder in ("providers", "themes"):
        pages += [
            p.read_text("utf-8") for p in sorted((built_site.site / folder).glob("*/index.html"))
        ]
    for output in pages:
        (record,) = page_records(output, "summary", "T", "themes/t/", "Theme")
        assert record == whole_summary(output, "T", "themes/t/")
