"""The benchmark's synthetic reports: deterministic, unique, and parsing like real ones."""

from __future__ import annotations

from pathlib import Path

import pytest

from build_tools.build import parse_one
from build_tools.devtools import synthetic
from build_tools.diagnostics import Level
from build_tools.reading.text import find_citations, slugify

#: Problems a generated report must never have: the generator numbers and cites everything.
GENERATOR_CODES = (
    "dangling-citation",
    "uncited-recommendation",
    "citation-outside-finding",
    "duplicate-id",
    "finding-out-of-section",
    "recommendation-group-mismatch",
    "orphan-recommendation",
    "empty-group",
    "missing-section",
    "missing-cover-field",
    "bad-date",
    "unknown-organisation",
)


@pytest.fixture(scope="module")
def three(tmp_path_factory: pytest.TempPathFactory) -> list[synthetic.Generated]:
    """Three synthetic reports written once for the module."""
    return synthetic.generate(3, tmp_path_factory.mktemp("synthetic"), seed=7)


def test_same_seed_same_bytes(tmp_path: Path, three: list[synthetic.Generated]) -> None:
    again = synthetic.generate(3, tmp_path, seed=7)
    assert [item.path.name for item in again] == [item.path.name for item in three]
    for first, second in zip(three, again, strict=True):
        assert first.path.read_bytes() == second.path.read_bytes()
    other = synthetic.generate(1, tmp_path / "other", seed=8)
    assert other[0].path.read_bytes() != three[0].path.read_bytes()


def test_report_i_does_not_depend_on_n(tmp_path: Path, three: list[synthetic.Generated]) -> None:
    (more,) = synthetic.generate(1, tmp_path, seed=7)
    assert more.path.read_bytes() == three[0].path.read_bytes()


def test_curated_files_are_copied(three: list[synthetic.Generated]) -> None:
    folder = three[0].path.parent
    for name in synthetic.CURATED:
        assert (folder / name).read_bytes() == (synthetic.SEEDS / name).read_bytes()


@pytest.mark.parametrize("count", [1_000, 2_500])
def test_areas_and_slugs_are_unique(count: int) -> None:
    names = synthetic.area_names(count, seed=3)
    assert len(names) == count
    assert len({slugify(name) for name in names}) == count
    assert synthetic.area_names(count, seed=3) == names
    assert synthetic.area_names(10, seed=3) == names[:10]


def test_generated_slugs_are_unique(tmp_path: Path) -> None:
    written = synthetic.generate(40, tmp_path, seed=1)
    assert len({item.slug for item in written}) == 40
    assert len(list(tmp_path.glob("*.txt"))) == 40


def test_reports_parse_cleanly_with_realistic_counts(three: list[synthetic.Generated]) -> None:
    for item in three:
        entry, diagnostics = parse_one(item.path, item.path.parent)
        assert entry is not None
        errors = [d.format() for d in diagnostics if d.level is Level.ERROR]
        assert errors == []
        assert [d.format() for d in diagnostics if d.code in GENERATOR_CODES] == []
        report = entry.resolved.report
        assert report.slug == item.slug
        assert report.area == item.area
        assert len(report.findings) == item.findings
        assert 130 <= len(report.findings) <= 160
        assert len(report.recommendations) == item.recommendations
        assert 20 <= len(report.recommendations) <= 80
        assert 4 <= len(report.groups) <= 11
        assert report.public_health_notes
        assert report.citations
        assert report.providers and report.ccgs
        assert {h.title for h in report.sections} >= {"Early help", "Governance", "Next steps"}
        for group in report.groups:
            assert group.organisations
        # Every recommendation is cited, by a finding of this report.
        cited = {rec for finding in report.findings for rec in finding.cites}
        assert cited == {rec.id for rec in report.recommendations}


def test_areas_replace_the_seed_areas(three: list[synthetic.Generated]) -> None:
    text = three[0].path.read_text("utf-8")
    assert text.startswith(synthetic.TITLE + three[0].area + "\n")
    assert f"The role of health services in {three[0].area}" in text
    assert synthetic.AREA not in text


def test_pool_holds_every_seed_section() -> None:
    pool = synthetic.load_pool()
    for _, title in synthetic.FINDING_SECTIONS:
        assert len(pool.units[title]) >= 20, title
    assert abs(sum(pool.shares.values()) - 1) < 1e-9
    assert len(pool.recommendations) > 200
    assert pool.asks and pool.clauses
    # Seed citations were removed: citations in a synthetic report are the generator's own.
    for units in pool.units.values():
        for unit in units:
            assert not find_citations(" ".join((*unit.sentences, *unit.rest)))


def test_a_smaller_run_removes_reports_of_a_larger_one(tmp_path: Path) -> None:
    synthetic.generate(4, tmp_path, seed=2)
    (tmp_path / "000_seed.txt").write_text("a seed report is left alone\n", "utf-8")
    written = synthetic.generate(2, tmp_path, seed=2)
    assert sorted(p.name for p in tmp_path.glob("*.txt")) == sorted(
        ["000_seed.txt", *(item.path.name for item in written)]
    )
