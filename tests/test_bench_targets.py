"""The benchmark's build targets (issue 18): MkDocs' floor and the verdicts against it."""

from __future__ import annotations

import shutil
from pathlib import Path

from build_tools.devtools.bench import FLOOR, Run, Step, floor, floor_checks
from tests.conftest import BuiltSite


def step(seconds: float, peak_mb: float = 100) -> Step:
    return Step(seconds=seconds, peak_mb=peak_mb, returncode=0)


def verdicts(run: Run) -> list[str]:
    return [f"{'PASS' if ok else 'FAIL'} {text}" for ok, text in floor_checks(run)]


def test_make_site_and_build_tools_are_measured_against_the_floor() -> None:
    run = Run(150, generate=step(1), build_tools=step(5), mkdocs=step(80), offline=step(4))
    run.zip = step(1)
    run.floor = step(60)
    run.site_bytes, run.floor_bytes, run.report_bytes = 90_000_000, 60_000_000, 40_000_000
    lines = verdicts(run)
    assert lines[0].startswith("PASS `make site` ≤ 1.5× MkDocs' floor at N=150: 90.0 s")
    assert lines[1].startswith("PASS `build_tools build` ≤ 10% of the floor at N=150: 5.0 s (8%)")
    assert lines[2].startswith("PASS site ≤ 1.5× the floor's (its report pages alone) at N=150")
    assert lines[3] == "PASS peak memory of every step < 1.5 GB at N=150: 100 MB"
    run.build_tools = step(7, peak_mb=1600)
    run.site_bytes = 91_000_000
    lines = verdicts(run)
    assert lines[0].startswith("FAIL `make site`") and "(1.5×)" in lines[0]
    assert lines[1].startswith("FAIL `build_tools build`")
    assert lines[2].startswith("FAIL site")
    assert lines[3].startswith("FAIL peak memory")


def test_no_verdict_without_the_floor_or_a_step() -> None:
    run = Run(150, build_tools=step(5), mkdocs=step(80))
    assert verdicts(run) == ["PASS peak memory of every step < 1.5 GB at N=150: 100 MB"]
    run.floor = Step(seconds=3, peak_mb=50, returncode=1)
    assert not any("floor" in line for line in verdicts(run))


def test_the_floor_builds_the_report_pages_and_the_home_page_alone(
    built_site: BuiltSite, tmp_path: Path
) -> None:
    project = tmp_path / "project"
    shutil.copytree(built_site.docs, project / "docs")
    shutil.copy2(built_site.root / "mkdocs.yml", project / "mkdocs.yml")
    shutil.copytree(built_site.root / "build_tools", project / "build_tools")
    measured = floor(project, tmp_path / "logs", timeout=600)
    assert measured.returncode == 0, (tmp_path / "logs" / "floor.log").read_text("utf-8")
    site = project / FLOOR / "site"
    pages = sorted(p.relative_to(site).as_posix() for p in site.rglob("index.html"))
    reports = [f"reports/{r.report.slug}/index.html" for r in built_site.result.reports]
    assert pages == sorted(["index.html", *reports])
    assert not (site / "downloads").exists()
    assert (site / "pagefind" / "pagefind.js").is_file()
