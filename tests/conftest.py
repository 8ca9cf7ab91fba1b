"""Shared fixtures: the project root and a whole site built once into a temporary folder."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest

from build_tools.build import BuildResult, build
from build_tools.devtools import bench
from build_tools.publish.offline import make_offline_copy, zip_site

ROOT = Path(__file__).resolve().parent.parent
SOURCE_REPORTS = ROOT / "source_reports"
SEED_REPORTS = sorted(SOURCE_REPORTS.glob("*.txt"))


def copy_project(target: Path) -> Path:
    """Copy what a build reads (reports, hand-written docs, mkdocs.yml, the theme and hook) into
    ``target``: the benchmark's copy, with the seed reports."""
    bench.copy_project(target)
    shutil.copytree(SOURCE_REPORTS, target / "source_reports", dirs_exist_ok=True)
    return target


#: Where ``mkdocs_build`` has the MkDocs hook write the search records (``CLAS_SEARCH_RECORDS``),
#: as ``make site`` does, for the offline copy.
RECORDS = Path(".cache") / "search-records.json"


def mkdocs_build(root: Path) -> subprocess.CompletedProcess[str]:
    """Run ``mkdocs build --strict`` for the project copied into ``root``, the search records
    written to ``root / RECORDS`` as ``make site`` writes them."""
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", CLAS_SEARCH_RECORDS=str(root / RECORDS))
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(root / "mkdocs.yml")],
        cwd=root,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )


def offline_copy(root: Path) -> Path:
    """The offline copy of the site built in ``root``, made as ``make site`` makes it."""
    offline = root / ".cache" / "site-offline"
    make_offline_copy(root / "site", root / RECORDS, offline)
    return offline


class BuiltSite:
    """A project copy whose docs/ was generated and whose site/ was built by MkDocs."""

    def __init__(self, root: Path, result: BuildResult) -> None:
        self.root = root
        self.result = result
        self.docs = root / "docs"
        self.site = root / "site"

    def page(self, slug: str) -> str:
        """HTML of the report page ``/reports/<slug>/``."""
        return (self.site / "reports" / slug / "index.html").read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> BuiltSite:
    """The seed reports built into a fresh copy of the project (once per test worker)."""
    root = copy_project(tmp_path_factory.mktemp("project"))
    result = build(root)
    completed = mkdocs_build(root)
    assert completed.returncode == 0, completed.stderr
    # As `make site` does: the zip of the offline copy that the downloads page links to.
    zip_site(offline_copy(root), root / "site" / "downloads" / "clas-reports-offline.zip")
    return BuiltSite(root, result)


def _variant_counts() -> Counter[str]:
    """The text-variant counts of this process (see ``tests/test_text_variants.py``)."""
    variants = sys.modules.get("tests.test_text_variants")
    return Counter(getattr(variants, "COUNTS", None) or {})


#: The counts that pytest-xdist's workers sent back (``make test`` runs two).
_FROM_WORKERS: Counter[str] = Counter()


def pytest_sessionfinish(session: pytest.Session) -> None:
    output = getattr(session.config, "workeroutput", None)
    if output is not None:
        output["text_variants"] = dict(_variant_counts())


@pytest.hookimpl(optionalhook=True)
def pytest_testnodedown(node: object, error: object) -> None:
    del error
    _FROM_WORKERS.update(getattr(node, "workeroutput", {}).get("text_variants", {}))


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    """Say how many text variants of the seeds were parsed and how many failed."""
    counts = _variant_counts() + _FROM_WORKERS
    if counts:
        terminalreporter.write_line(
            f"text variants of the seed reports: ran {counts['ran']:,}, failed {counts['failed']:,}"
        )
