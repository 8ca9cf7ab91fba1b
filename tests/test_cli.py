"""The command line and the ``parse --json`` contract of DESIGN.md."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import ROOT, SEED_REPORTS

TOP_KEYS = {
    "source": str,
    "slug": str,
    "title": str,
    "area": str,
    "publication_date": str,
    "review_start": str,
    "review_end": str,
    "inspectors": list,
    "providers": list,
    "ccgs": list,
    "nhs_england_area": str,
    "cqc_region": str,
    "sections": list,
    "findings": list,
    "recommendation_groups": list,
    "recommendations": list,
    "citations": list,
    "public_health_notes": list,
    "case_examples": list,
    "diagnostics": list,
}


def run_cli(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    """Run ``python -m build_tools ARGS`` and capture its output."""
    return subprocess.run(
        [sys.executable, "-m", "build_tools", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        check=False,
    )


@pytest.fixture(scope="module")
def parsed() -> dict[str, dict[str, Any]]:
    """``parse --json`` output of every seed, keyed by file name."""
    out: dict[str, dict[str, Any]] = {}
    for path in SEED_REPORTS:
        completed = run_cli("parse", f"source_reports/{path.name}", "--json")
        assert completed.returncode == 0, completed.stderr
        out[path.name] = json.loads(completed.stdout)
    return out


def test_schema_keys_and_types(parsed: dict[str, dict[str, Any]]) -> None:
    for name, data in parsed.items():
        for key, kind in TOP_KEYS.items():
            assert isinstance(data[key], kind), f"{name}: {key} is {type(data[key]).__name__}"
        assert data["source"] == f"source_reports/{name}"
        for finding in data["findings"]:
            assert set(finding) >= {"id", "line", "anchor", "section", "text", "cites"}
            assert finding["anchor"] == "finding-" + finding["id"].replace(".", "-")
        for group in data["recommendation_groups"]:
            assert isinstance(group["number"], int)
            assert isinstance(group["line"], int)
            assert isinstance(group["organisations"], list) and group["organisations"]
        for rec in data["recommendations"]:
            assert isinstance(rec["group"], int)
            assert rec["anchor"] == "rec-" + rec["id"].replace(".", "-")
            assert rec["id"].split(".")[0] == str(rec["group"])
        for example in data["case_examples"]:
            assert example["anchor"].startswith("example-")
        for item in data["diagnostics"]:
            assert set(item) >= {"path", "line", "level", "code", "message"}


def test_lines_point_at_the_items(parsed: dict[str, dict[str, Any]]) -> None:
    """Every finding and recommendation line is the 1-based source line that starts with its id."""
    for name, data in parsed.items():
        lines = (ROOT / "source_reports" / name).read_text(encoding="utf-8-sig").splitlines()
        for item in data["findings"] + data["recommendations"]:
            text = lines[item["line"] - 1].lstrip(" -*")
            assert text.startswith(item["id"]), f"{name}:{item['line']}: {text[:40]!r}"
        for section in data["sections"]:
            assert section["title"] in lines[section["line"] - 1]


def test_cites_and_cited_by_agree_with_citations(parsed: dict[str, dict[str, Any]]) -> None:
    for name, data in parsed.items():
        recs = {rec["id"] for rec in data["recommendations"]}
        from_citations: dict[str, set[str]] = {}
        for citation in data["citations"]:
            if citation["finding"] is not None:
                from_citations.setdefault(citation["finding"], set()).update(citation["recs"])
        for finding in data["findings"]:
            assert set(finding["cites"]) == from_citations.get(finding["id"], set()), name
        for rec in data["recommendations"]:
            citing = {f for f, cited in from_citations.items() if rec["id"] in cited}
            assert set(rec["cited_by"]) == citing, f"{name}: {rec['id']}"
        dangling = {r for cited in from_citations.values() for r in cited} - recs
        codes = {d["rec"] for d in data["diagnostics"] if d["code"] == "dangling-citation"}
        assert dangling == codes, name


def test_uncited_recommendations_are_diagnosed(parsed: dict[str, dict[str, Any]]) -> None:
    for name, data in parsed.items():
        uncited = {rec["id"] for rec in data["recommendations"] if not rec["cited_by"]}
        flagged = {d["rec"] for d in data["diagnostics"] if d["code"] == "uncited-recommendation"}
        assert uncited == flagged, name


def test_output_is_stable(parsed: dict[str, dict[str, Any]]) -> None:
    name = SEED_REPORTS[0].name
    again = run_cli("parse", f"source_reports/{name}", "--json")
    assert json.loads(again.stdout) == parsed[name]


def test_exit_statuses(tmp_path: Path) -> None:
    leicester = next(p for p in SEED_REPORTS if "Leicester City" in p.read_text("utf-8")[:200])
    assert run_cli("parse", str(leicester)).returncode == 0
    strict = run_cli("parse", str(leicester), "--strict")
    assert strict.returncode == 1
    assert "[dangling-citation]" in strict.stderr
    assert run_cli("parse", str(tmp_path / "missing.txt")).returncode == 2
    assert run_cli("frobnicate").returncode == 2
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"Review of health services \xff\xfe in Nowhere\n")
    completed = run_cli("parse", str(bad), "--json")
    assert completed.returncode == 2
    assert completed.stdout == ""
    assert f"{bad}:1: ERROR:" in completed.stderr
    assert "[encoding]" in completed.stderr
    assert "Traceback" not in completed.stderr


def test_diagnostic_format(tmp_path: Path) -> None:
    report = tmp_path / "r.txt"
    report.write_text(
        "Review of health services for Children Looked After and Safeguarding in Testshire\n"
        "Date of publication:\t1 st February 2016\n\nThe child's journey\n\n1. Early help\n\n"
        "1.1 Something was found. (**Recommendation 9.9**)\n\nRecommendations\n\n"
        "1. Testshire CCG should:\n\n1.1 Do something.\n",
        encoding="utf-8",
    )
    completed = run_cli("parse", str(report), "--json")
    assert completed.returncode == 0
    data = json.loads(completed.stdout)
    assert data["slug"] == "testshire-2016"
    assert data["publication_date"] == "2016-02-01"
    assert (
        f"{report}:8: WARNING: finding 1.1 cites recommendation 9.9, which does not exist in "
        "this report [dangling-citation]"
    ) in completed.stderr.splitlines()
    assert f"{report}:14: WARNING: recommendation 1.1 is not cited by any finding" in (
        completed.stderr
    )
