"""The search-index hook and the reproducible offline zip."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

from build_tools.mkdocs_hooks import enrich
from build_tools.offline import zip_site
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


def test_built_index_has_an_entry_per_finding(built_site: BuiltSite) -> None:
    index = json.loads((built_site.site / "search" / "search_index.json").read_text("utf-8"))
    locations = {doc["location"] for doc in index["docs"]}
    assert built_site.result.catalogue is not None
    for entry in built_site.result.catalogue.reports:
        report = entry.resolved.report
        for finding in report.findings:
            assert f"reports/{report.slug}/#{finding.anchor}" in locations
        for rec in report.recommendations:
            assert f"reports/{report.slug}/#{rec.anchor}" in locations


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
