"""Every addressee line and cover list of the seeds splits and resolves as a person reads it.

The expectations in ``tests/organisations_expected.yml`` were written by reading the reports;
each entry is one test, named after the report and group (or cover field).
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
import yaml

from build_tools.build import parse_one
from build_tools.classify.catalogue import CatalogueReport
from build_tools.classify.organisations import Addressee
from tests.conftest import ROOT, SEED_REPORTS, BuiltSite

EXPECTED = yaml.safe_load((ROOT / "tests" / "organisations_expected.yml").read_text("utf-8"))


def _entries() -> dict[str, CatalogueReport]:
    found: dict[str, CatalogueReport] = {}
    for path in SEED_REPORTS:
        entry, diagnostics = parse_one(path, ROOT)
        assert entry is not None
        unknown = [d.format() for d in diagnostics if d.code == "unknown-organisation"]
        assert unknown == []
        found[entry.resolved.report.slug] = entry
    return found


ENTRIES = _entries()


def _as_expected(item: Addressee) -> dict[str, Any]:
    if item.collective is not None:
        return {
            "written": item.written,
            "collective": item.collective.name,
            "members": [org.id for org in item.members],
        }
    return {"written": item.written, "id": item.id}


@pytest.mark.parametrize(
    "case",
    EXPECTED["addressee_lines"],
    ids=lambda case: f"{case['report']}-group-{case['group']}",
)
def test_addressee_line(case: dict[str, Any]) -> None:
    entry = ENTRIES[case["report"]]
    groups = entry.resolved.report.groups
    index = next(i for i, group in enumerate(groups) if group.number == case["group"])
    assert groups[index].addressees_raw == case["written"]
    got = [_as_expected(item) for item in entry.organisations.groups[index]]
    assert got == case["expected"]


@pytest.mark.parametrize(
    "case", EXPECTED["cover_lists"], ids=lambda case: f"{case['report']}-{case['field']}"
)
def test_cover_list(case: dict[str, Any]) -> None:
    entry = ENTRIES[case["report"]]
    items = getattr(entry.organisations, case["field"])
    assert [_as_expected(item) for item in items] == case["expected"]
    for item in items:
        assert item.written in case["written"]


def test_every_group_line_is_covered() -> None:
    recorded = {(case["report"], case["group"]) for case in EXPECTED["addressee_lines"]}
    actual = {
        (slug, group.number)
        for slug, entry in ENTRIES.items()
        for group in entry.resolved.report.groups
    }
    assert recorded == actual


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.hrefs: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        href = dict(attrs).get("href")
        if tag == "a" and href:
            self.hrefs.append(href)


def _hrefs(path: Path) -> list[str]:
    parser = _Links()
    parser.feed(path.read_text("utf-8"))
    return parser.hrefs


def test_every_recommendation_is_on_each_addressee_page(built_site: BuiltSite) -> None:
    """A joint recommendation, or one to a collective, is listed for every organisation."""
    assert built_site.result.catalogue is not None
    checked = 0
    for entry in built_site.result.catalogue.reports:
        report = entry.resolved.report
        for group, addressees in zip(report.groups, entry.organisations.groups, strict=True):
            orgs = {a.organisation for a in addressees if a.organisation}
            orgs |= {member for a in addressees for member in a.members}
            for org in orgs:
                page = built_site.site / "providers" / org.id / "index.html"
                hrefs = _hrefs(page)
                for rec in group.recommendations:
                    target = f"../../reports/{report.slug}/#{rec.anchor}"
                    assert target in hrefs, f"{org.id} lacks {report.slug} {rec.id}"
                    checked += 1
    assert checked > 400


def test_provider_index_lists_every_organisation_with_counts(built_site: BuiltSite) -> None:
    assert built_site.result.catalogue is not None
    index = (built_site.site / "providers" / "index.html").read_text("utf-8")
    for org in built_site.result.catalogue.registry.organisations:
        assert f'href="{org.id}/"' in index, org.id
    row = re.search(
        r'href="leicester-city-ccg/">[^<]+</a></td>\s*<td>[^<]*</td>\s*<td[^>]*>(\d+)', index
    )
    assert row is not None and row.group(1) == "54"


def test_report_pages_link_addressees_and_cover_names(built_site: BuiltSite) -> None:
    page = built_site.page("staffordshire-2016")
    # The collective is named as written and its members, from the cover, are linked. (The
    # glossary marks "CCGs" as an abbreviation: compare the text without that markup.)
    assert "Staffordshire CCGs (in this report: " in re.sub(r"</?abbr[^>]*>", "", page)
    assert 'href="../../providers/north-staffordshire-ccg/"' in page
    cover = page.split("Source and licence")[0]
    assert 'href="../../providers/university-hospitals-of-north-midlands-nhs-trust/">' in cover
