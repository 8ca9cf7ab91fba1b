"""Golden tests: one small report fragment per parser rule or citation form.

Each ``tests/golden/<behaviour>.txt`` is a minimal but complete CLAS report (title, cover rows,
the child's journey, recommendations, next steps) that shows one behaviour, usually taken from
the seed reports. ``<behaviour>.expected.json`` holds the parts of the parse that behaviour is
about: sections, findings, recommendation groups, recommendations, citations, public-health
notes, case examples, how every body line was classified (``blocks``) and the diagnostics as
``path:line: LEVEL: message [code]`` lines.

The expected files were written by reading each fragment as a person would, not copied from
the parser. To accept a deliberate change of output, regenerate them and review the diff::

    REGEN_GOLDEN=1 pytest tests/test_golden.py

Cases in :data:`KNOWN_BUGS` hold the output the parser *should* give and are expected to fail;
regeneration never overwrites them. When a bug is fixed the case passes, ``strict`` xfail turns
that into a failure, and the entry must be removed from :data:`KNOWN_BUGS`.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from pathlib import Path

import pytest

from build_tools.classify.catalogue import CatalogueReport
from build_tools.classify.organisations import classify_organisations, load_registry
from build_tools.diagnostics import Diagnostic
from build_tools.model import (
    BodyBlock,
    CaseExample,
    Finding,
    Heading,
    Label,
    ListItem,
    Note,
    Paragraph,
    Quote,
    RecommendationGroup,
    Table,
)
from build_tools.publish.export import report_json
from build_tools.reading.parse import parse_report
from build_tools.reading.resolve import resolve_report
from build_tools.reading.source import decode

ROOT = Path(__file__).resolve().parent.parent
GOLDEN = Path(__file__).resolve().parent / "golden"
REGEN = os.environ.get("REGEN_GOLDEN") == "1"
#: Fragments resolve organisation names against the project's own registry.
REGISTRY = load_registry(ROOT / "source_reports" / "organisations.yml")[0]

#: Cases whose expected file records the correct parse, which the parser does not give yet.
KNOWN_BUGS: dict[str, str] = {}

#: The fragment whose bytes the line-ending / BOM / NBSP test transforms (it has every kind
#: of line: cover rows, contents, quote, TAB table, findings, bullets, groups).
TRANSFORMED_CASE = "report_full_anatomy"


def fragment_names() -> list[str]:
    """Every golden fragment, by behaviour name, sorted."""
    return sorted(path.stem for path in GOLDEN.glob("*.txt"))


def display_path(name: str) -> str:
    """The path diagnostics print for a fragment (relative to the project root)."""
    return (GOLDEN / f"{name}.txt").relative_to(ROOT).as_posix()


def _block_lines(block: BodyBlock, indent: str = "") -> list[str]:
    """One line per body block saying how the parser classified that source line."""
    if isinstance(block, Heading):
        number = f" {block.number}" if block.number else ""
        return [f"{indent}{block.line}: heading h{block.level}{number} {block.title}"]
    if isinstance(block, Finding):
        lines = [f"{indent}{block.line}: finding {block.id}"]
        lines += [
            f"{indent}{extra.line}: finding {block.id} continued" for extra in block.continuation
        ]
        return lines
    if isinstance(block, Paragraph):
        of = f" of {block.finding}" if block.finding else ""
        return [f"{indent}{block.line}: paragraph{of}"]
    if isinstance(block, Note):
        of = f" of {block.finding}" if block.finding else ""
        return [f"{indent}{block.line}: note {block.kind}{of}"]
    if isinstance(block, Label):
        return [f"{indent}{block.line}: label {block.text}"]
    if isinstance(block, ListItem):
        return [f"{indent}{block.line}: list-item depth {block.depth}"]
    if isinstance(block, Quote):
        return [f"{indent}{block.line}: quote"]
    if isinstance(block, Table):
        return [f"{indent}{block.line}: table of {len(block.rows)} rows"]
    if isinstance(block, CaseExample):
        after = f" after {block.after_finding}" if block.after_finding else ""
        lines = [f"{indent}{block.line}: {block.anchor} {block.label!r}{after}"]
        for inner in block.body:
            lines += _block_lines(inner, indent + "  ")
        return lines
    assert isinstance(block, RecommendationGroup), block
    lines = [f"{indent}{block.line}: group {block.number}"]
    for rec in block.recommendations:
        lines.append(f"{indent}  {rec.line}: rec {rec.id}")
        lines += [f"{indent}  {extra.line}: rec {rec.id} continued" for extra in rec.continuation]
    return lines


def _pick(items: object, keys: tuple[str, ...]) -> list[dict[str, object]]:
    assert isinstance(items, list)
    return [{key: item[key] for key in keys} for item in items]


def summarise(path: str, data: bytes) -> dict[str, object]:
    """The parts of the parse a golden file pins, for the report bytes ``data``."""
    diagnostics: list[Diagnostic] = []
    source, found = decode(path, data)
    diagnostics += found
    report = None
    if source is not None:
        report, found = parse_report(source)
        diagnostics += found
    if report is None:
        return {"report": None, "diagnostics": _diagnostic_lines(diagnostics)}
    resolved, found = resolve_report(report)
    diagnostics += found
    organisations, found = classify_organisations(resolved, REGISTRY)
    diagnostics += found
    full = report_json(CatalogueReport(resolved, organisations), diagnostics)
    summary: dict[str, object] = {
        key: full[key] for key in ("slug", "area", "publication_date", "review_start", "review_end")
    }
    for key in ("inspectors", "providers", "ccgs", "nhs_england_area", "cqc_region"):
        if full[key]:
            summary[key] = full[key]
    summary["sections"] = _pick(full["sections"], ("line", "level", "number", "title", "anchor"))
    summary["findings"] = _pick(
        full["findings"], ("id", "line", "anchor", "section", "cites", "text")
    )
    summary["recommendation_groups"] = _pick(
        full["recommendation_groups"], ("number", "line", "addressees_raw", "organisations")
    )
    summary["recommendations"] = _pick(
        full["recommendations"], ("id", "group", "line", "anchor", "cited_by", "text")
    )
    summary["citations"] = full["citations"]
    summary["public_health_notes"] = full["public_health_notes"]
    summary["case_examples"] = _pick(
        full["case_examples"], ("label", "line", "after_finding", "anchor", "section")
    )
    summary["blocks"] = [line for block in report.body for line in _block_lines(block)]
    summary["diagnostics"] = _diagnostic_lines(diagnostics)
    return summary


def _diagnostic_lines(diagnostics: list[Diagnostic]) -> list[str]:
    ordered = sorted(diagnostics, key=lambda item: (item.line, item.code, item.message))
    return [item.format() for item in ordered]


def dump_golden(summary: dict[str, object]) -> str:
    """Serialise one JSON object with one list item per line, so reviews read as diffs."""
    parts: list[str] = []
    for key, value in summary.items():
        if isinstance(value, list) and value:
            items = ",\n".join(f"    {json.dumps(item, ensure_ascii=False)}" for item in value)
            parts.append(f"  {json.dumps(key)}: [\n{items}\n  ]")
        else:
            parts.append(f"  {json.dumps(key)}: {json.dumps(value, ensure_ascii=False)}")
    return "{\n" + ",\n".join(parts) + "\n}\n"


def _case_params() -> list[object]:
    params: list[object] = []
    for name in fragment_names():
        marks = []
        if name in KNOWN_BUGS:
            marks.append(pytest.mark.xfail(strict=True, reason=KNOWN_BUGS[name]))
        params.append(pytest.param(name, id=name, marks=marks))
    return params


@pytest.mark.parametrize("name", _case_params())
def test_golden(name: str) -> None:
    """The fragment parses to exactly its reviewed expected output."""
    fragment = GOLDEN / f"{name}.txt"
    expected_file = GOLDEN / f"{name}.expected.json"
    actual = dump_golden(summarise(display_path(name), fragment.read_bytes()))
    if REGEN and name not in KNOWN_BUGS:
        expected_file.write_text(actual, encoding="utf-8")
    assert expected_file.exists(), f"no {expected_file.name}; run with REGEN_GOLDEN=1 and review"
    expected = dump_golden(json.loads(expected_file.read_text(encoding="utf-8")))
    assert actual == expected


def test_every_expected_file_has_a_fragment() -> None:
    """No stale expected files are left behind after a fragment is renamed or removed."""
    names = set(fragment_names())
    stale = [
        path.name
        for path in GOLDEN.glob("*.expected.json")
        if path.name.removesuffix(".expected.json") not in names
    ]
    assert stale == []
    assert set(KNOWN_BUGS) <= names


def _with_crlf(data: bytes) -> bytes:
    return data.replace(b"\n", b"\r\n")


def _with_bom(data: bytes) -> bytes:
    return b"\xef\xbb\xbf" + data


def _with_nbsp(data: bytes) -> bytes:
    # PDF conversion leaves no-break spaces between words, around ids and in the indent of
    # nested bullets; every ordinary space becoming one must not change the parse.
    return data.replace(b" ", "\u00a0".encode())


def _with_doubled_spaces(data: bytes) -> bytes:
    return data.replace(b" ", " \u00a0".encode())


@pytest.mark.parametrize(
    "transform",
    [
        pytest.param(_with_crlf, id="crlf"),
        pytest.param(_with_bom, id="bom"),
        pytest.param(_with_nbsp, id="nbsp"),
        pytest.param(_with_doubled_spaces, id="space-nbsp-runs"),
        pytest.param(lambda data: _with_bom(_with_crlf(_with_nbsp(data))), id="bom-crlf-nbsp"),
    ],
)
def test_line_endings_bom_and_nbsp_do_not_change_the_parse(
    transform: Callable[[bytes], bytes],
) -> None:
    """CRLF endings, a UTF-8 BOM and no-break spaces give exactly the clean file's parse."""
    path = display_path(TRANSFORMED_CASE)
    clean = (GOLDEN / f"{TRANSFORMED_CASE}.txt").read_bytes()
    changed = transform(clean)
    assert changed != clean
    assert dump_golden(summarise(path, changed)) == dump_golden(summarise(path, clean))


def test_undecodable_bytes_are_a_diagnostic_not_an_exception() -> None:
    """Bytes that are not UTF-8 anywhere in the file give an ``encoding`` error."""
    clean = (GOLDEN / f"{TRANSFORMED_CASE}.txt").read_bytes()
    for bad in (b"\x92", b"\xff\xfe", b"\xe2\x80"):
        for position in (0, len(clean) // 2, len(clean)):
            data = clean[:position] + bad + clean[position:]
            summary = summarise("bad.txt", data)
            assert summary["report"] is None
            lines = summary["diagnostics"]
            assert isinstance(lines, list)
            assert len(lines) == 1
            assert lines[0].startswith("bad.txt:")
            assert lines[0].endswith("[encoding]")
