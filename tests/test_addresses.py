"""Published addresses never silently change: dropping one fails the build unless redirected."""

from __future__ import annotations

import re
from pathlib import Path

from build_tools.build import build
from build_tools.diagnostics import Level
from tests.conftest import ROOT, copy_project, mkdocs_build


def test_manifest_is_committed_and_complete() -> None:
    listed = (ROOT / "source_reports" / "addresses.manifest").read_text("utf-8")
    for address in (
        "reports/peterborough-2016/",
        "reports/peterborough-2016/#rec-1-3",
        "reports/dorset-2016/#finding-5-3-19",
        "reports/dorset-2016/#example-1",
        "providers/leicester-city-ccg/",
        "themes/domestic-abuse/",
        "recurring/",
        "good-practice/",
        "downloads/",
    ):
        assert f"\n{address}\n" in listed, address
    result = build(ROOT, dry_run=True)
    assert result.written is not None and not result.written.outside, "run the build"


def _drop_recommendation(root: Path) -> None:
    """Delete Medway recommendation 6.1 from the copied source."""
    path = next((root / "source_reports").glob("003_*.txt"))
    text = path.read_text("utf-8")
    text, count = re.subn(r"\n- 6\.1 Ensure the current safeguarding[^\n]*\n", "\n", text)
    assert count == 1
    path.write_text(text, encoding="utf-8")


def test_dropping_an_address_fails_the_build(tmp_path: Path) -> None:
    root = copy_project(tmp_path)
    _drop_recommendation(root)
    result = build(root)
    dropped = [d.format() for d in result.diagnostics if d.code == "address-dropped"]
    assert dropped == [
        "source_reports/addresses.manifest:0: ERROR: /reports/medway-2016/#rec-6-1 was "
        "published and this build would drop it; restore it, or add "
        "'- {from: reports/medway-2016/#rec-6-1, to: <new address>}' to "
        "source_reports/redirects.yml [address-dropped]"
    ]
    assert result.count(Level.ERROR) == 1


def test_a_redirect_keeps_the_old_address_working(tmp_path: Path) -> None:
    root = copy_project(tmp_path)
    _drop_recommendation(root)
    (root / "source_reports" / "redirects.yml").write_text(
        "redirects:\n"
        "  - {from: reports/medway-2016/#rec-6-1, to: reports/medway-2016/#rec-5-1}\n"
        "  - {from: reports/medway-2015/, to: reports/medway-2016/}\n",
        encoding="utf-8",
    )
    result = build(root)
    assert [d.code for d in result.diagnostics if d.level is Level.ERROR] == []
    completed = mkdocs_build(root)
    assert completed.returncode == 0, completed.stderr
    page = (root / "site" / "reports" / "medway-2016" / "index.html").read_text("utf-8")
    assert '<span class="clas-alias" id="rec-6-1"></span>' in page.replace(
        'id="rec-6-1" class="clas-alias"', 'class="clas-alias" id="rec-6-1"'
    )
    moved = (root / "site" / "reports" / "medway-2015" / "index.html").read_text("utf-8")
    assert "location.replace" in moved and "../../reports/medway-2016/" in moved
    listed = (root / "source_reports" / "addresses.manifest").read_text("utf-8")
    assert "\nreports/medway-2016/#rec-6-1\n" in listed  # still published, via the alias
