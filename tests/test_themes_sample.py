"""Theme assignments measured against a sample of recommendations reviewed by reading.

``tests/themes_expected.yml`` records, for over a hundred recommendations from all five
reports, the themes a safeguarding professional gives each one, judged before the phrases
were run. The classifier must stay precise (a wrong theme is worse than a missing one) and
find most of them; the failure message lists every disagreement.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

import yaml

from build_tools.build import build
from tests.conftest import ROOT, BuiltSite

SAMPLE: list[dict[str, Any]] = yaml.safe_load(
    (ROOT / "tests" / "themes_expected.yml").read_text("utf-8")
)["sample"]


def test_sample_is_large_and_spread() -> None:
    reports = Counter(item["item"].split("#")[0] for item in SAMPLE)
    assert len(SAMPLE) >= 40
    assert len(reports) == 5 and min(reports.values()) >= 8


def test_precision_and_recall_on_the_reviewed_sample(built_site: BuiltSite) -> None:
    catalogue = built_site.result.catalogue
    assert catalogue is not None
    assigned = {
        f"{entry.resolved.report.slug}#{anchor}": {a.theme for a in items}
        for entry in catalogue.reports
        for anchor, items in entry.themes.items()
    }
    known = {theme.id for theme in catalogue.taxonomy.themes}
    right = wrong = missed = 0
    problems: list[str] = []
    for item in SAMPLE:
        expected = set(item["themes"])
        assert expected <= known, item["item"]
        got = assigned[item["item"]]
        right += len(got & expected)
        wrong += len(got - expected)
        missed += len(expected - got)
        if got != expected:
            problems.append(
                f"{item['item']}: extra {sorted(got - expected)}, missing {sorted(expected - got)}"
            )
    precision = right / (right + wrong)
    recall = right / (right + missed)
    report = "\n".join(problems)
    assert precision >= 0.95, f"precision {precision:.3f}\n{report}"
    assert recall >= 0.9, f"recall {recall:.3f}\n{report}"


def test_every_recommendation_is_themed_or_listed_unclassified(built_site: BuiltSite) -> None:
    page = (built_site.site / "themes" / "unclassified" / "index.html").read_text("utf-8")
    catalogue = built_site.result.catalogue
    assert catalogue is not None
    for entry in catalogue.reports:
        report = entry.resolved.report
        for rec in report.recommendations:
            listed = f'href="../../reports/{report.slug}/#{rec.anchor}"' in page
            assert bool(entry.themes.get(rec.anchor)) != listed, f"{report.slug} {rec.id}"


def test_theme_pages_show_evidence_and_the_matrix_links_resolve(built_site: BuiltSite) -> None:
    catalogue = built_site.result.catalogue
    assert catalogue is not None
    index = (built_site.site / "themes" / "index.html").read_text("utf-8")
    for theme in catalogue.taxonomy.themes:
        page = built_site.site / "themes" / theme.id / "index.html"
        assert page.exists(), theme.id
        html = page.read_text("utf-8")
        assert f'href="{theme.id}/"' in index
        counted = sum(
            1
            for entry in catalogue.reports
            for rec in entry.resolved.report.recommendations
            if any(a.theme == theme.id for a in entry.themes.get(rec.anchor, ()))
        )
        assert (
            html.count('class="clas-provider-rec"')
            + html.count('class="clas-provider-rec" data-search-exclude')
            >= counted
        )
        if counted:
            assert "<mark>" in html, theme.id


def test_build_is_unchanged_by_classification_order(built_site: BuiltSite) -> None:
    """Theme assignment is deterministic: a second build of the same input agrees."""
    again = build(built_site.root, dry_run=True)
    assert again.written is not None and not again.written.changed
