"""Bad input: every broken report file gives a clear diagnostic, and never stops the others.

The small text-shaped cases are golden fragments, ``tests/golden/bad_*.txt``, run by
``test_golden.py`` with their expected diagnostics: whole files in Windows-1252 and Latin-1,
empty and whitespace-only files, files cut short in a finding, a recommendation or a group
line, missing Recommendations / child's journey headings, ids used three times, upper-case
headings, older cover dates, PDF page debris and pdftotext form feeds.

This module holds what does not fit a small committed fragment: the real seed reports changed
at test time (line endings, byte order mark, no-break spaces, legacy encodings, truncation,
missing sections), files that are not text at all, inputs at and over the size limits
(generated here rather than committed), the command line's one-line refusals, and a whole
build of the seeds beside a folder of bad files.

Every assertion names the exact ``path:line: LEVEL: message [code]`` line a person would see.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from build_tools.cli import main
from build_tools.reading.dates import parse_dates
from build_tools.reading.source import MAX_BYTES, MAX_LINE_CHARS, MAX_LINES, decode
from tests.conftest import ROOT, SEED_REPORTS, copy_project, mkdocs_build
from tests.test_golden import summarise

PETERBOROUGH = SEED_REPORTS[0]
STAFFORDSHIRE = SEED_REPORTS[1]
DORSET = SEED_REPORTS[4]
SEED_SLUGS = (
    "peterborough-2016",
    "staffordshire-2016",
    "leicester-city-2016",
    "medway-2016",
    "dorset-2016",
)
#: Citation warnings a cut-down seed has by the dozen; tests pin the other diagnostics exactly.
REFERENCE_CODES = ("[dangling-citation]", "[uncited-recommendation]")

SMALL_REPORT = (
    "Review of health services for Children Looked After and Safeguarding in Peterborough\n"
    "\n"
    "Date of publication:\t1 February 2016\n"
    "\n"
    "The child's journey\n"
    "\n"
    "1. Early help\n"
    "\n"
    "{finding}\n"
    "\n"
    "Recommendations\n"
    "\n"
    "1. Cambridgeshire and Peterborough CCG should:\n"
    "\n"
    "1.1 Do something.\n"
    "\n"
    "Next steps\n"
    "\n"
    "An action plan is required.\n"
)
#: The line of ``{finding}`` in :data:`SMALL_REPORT`.
FINDING_LINE = 9


def shown(path: Path) -> str:
    """The path diagnostics print for a seed report."""
    return path.relative_to(ROOT).as_posix()


def lines_of(path: Path) -> list[bytes]:
    """The seed's lines without their LF endings."""
    return path.read_bytes().split(b"\n")


def listed(summary: dict[str, object], key: str) -> list[Any]:
    """The list ``summary[key]`` of a :func:`summarise` result."""
    value = summary[key]
    assert isinstance(value, list)
    return value


def diagnostics(path: str, data: bytes, ignore: tuple[str, ...] = ()) -> list[str]:
    """Every diagnostic of decoding, parsing and resolving ``data``, as printed lines."""
    found = listed(summarise(path, data), "diagnostics")
    return [line for line in found if not line.endswith(ignore)]


def refused(path: str, data: bytes) -> list[str]:
    """The diagnostics of a file that must not be read at all."""
    summary = summarise(path, data)
    assert summary["report"] is None, "the file was read"
    return listed(summary, "diagnostics")


# -- 1. line endings, byte order mark, no-break spaces on the real seeds --------------------


def _crlf(data: bytes) -> bytes:
    return data.replace(b"\n", b"\r\n")


def _cr(data: bytes) -> bytes:
    # Classic Mac line endings, as some converters still write.
    return data.replace(b"\n", b"\r")


def _bom(data: bytes) -> bytes:
    return b"\xef\xbb\xbf" + data


def _nbsp(data: bytes) -> bytes:
    return data.replace(b" ", "\u00a0".encode())


@pytest.mark.parametrize("seed", SEED_REPORTS, ids=[path.stem for path in SEED_REPORTS])
@pytest.mark.parametrize(
    "transform",
    [
        pytest.param(_crlf, id="crlf"),
        pytest.param(_cr, id="cr"),
        pytest.param(_bom, id="bom"),
        pytest.param(_nbsp, id="nbsp"),
        pytest.param(lambda data: _bom(_crlf(_nbsp(data))), id="bom-crlf-nbsp"),
    ],
)
def test_seed_parses_the_same_with_crlf_bom_or_nbsp(
    seed: Path, transform: Callable[[bytes], bytes]
) -> None:
    """The whole parse (items, texts, lines, diagnostics) is that of the clean file."""
    clean = seed.read_bytes()
    changed = transform(clean)
    assert changed != clean
    assert summarise(shown(seed), changed) == summarise(shown(seed), clean)


# -- 2. legacy encodings: refused with the line and byte to fix -----------------------------


def test_seed_saved_as_windows_1252_is_refused_at_its_first_dash() -> None:
    """Dorset in Windows-1252: its first non-ASCII character is the en dash of the cover."""
    data = DORSET.read_text("utf-8").encode("cp1252")
    assert refused(shown(DORSET), data) == [
        f"{shown(DORSET)}:9: ERROR: byte 0x96 at offset 192 is not valid UTF-8; save the report "
        "as UTF-8 (it may be Windows-1252 or Latin-1) [encoding]"
    ]


def test_seed_saved_as_latin_1_is_refused_at_its_first_accent() -> None:
    """Staffordshire in Latin-1 (dashes it cannot hold became '?'): refused at the è."""
    data = STAFFORDSHIRE.read_text("utf-8").encode("latin-1", errors="replace")
    assert refused(shown(STAFFORDSHIRE), data) == [
        f"{shown(STAFFORDSHIRE)}:127: ERROR: byte 0xe8 at offset 13974 is not valid UTF-8; save "
        "the report as UTF-8 (it may be Windows-1252 or Latin-1) [encoding]"
    ]


def test_encoding_error_counts_lines_of_a_cr_only_file() -> None:
    data = SMALL_REPORT.format(finding="1.1 Caf\u00e9 staff.").encode("latin-1")
    assert refused("r.txt", data.replace(b"\n", b"\r")) == [
        f"r.txt:{FINDING_LINE}: ERROR: byte 0xe9 at offset 167 is not valid UTF-8; save the "
        "report as UTF-8 (it may be Windows-1252 or Latin-1) [encoding]"
    ]


def test_seed_saved_as_utf_16_is_refused_as_utf_16_not_as_binary() -> None:
    """Notepad's "Unicode" is UTF-16 with a byte order mark; it is full of NUL bytes."""
    for codec in ("utf-16-le", "utf-16-be"):
        data = PETERBOROUGH.read_text("utf-8").encode(codec)
        bom = "\ufeff".encode(codec)
        assert refused("r.txt", bom + data) == [
            "r.txt:0: ERROR: file is UTF-16 text (it starts with a UTF-16 byte order mark); save "
            "the report as UTF-8 [encoding]"
        ]


# -- 3. nothing to read, or not text at all ------------------------------------------------

PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x10\x00\x00\x00\x10\x08\x06\x00\x00\x00"
NOT_TEXT = {
    "png": (PNG, "file looks binary (it contains NUL bytes), not text [unreadable]"),
    "nul-bytes": (
        b"Review of health services\x00\x00\x00 in Nowhere\n",
        "file looks binary (it contains NUL bytes), not text [unreadable]",
    ),
    "pdf": (
        b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n",
        "file is a PDF, not text; save the report as UTF-8 text [unreadable]",
    ),
    "docx": (
        b"PK\x03\x04\x14\x00\x06\x00\x08\x00\x00\x00!\x00[Content_Types].xml",
        "file is a ZIP archive (perhaps a Word .docx file), not text; save the report as UTF-8 "
        "text [unreadable]",
    ),
    "doc": (
        b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(32),
        "file is an old Word .doc file, not text; save the report as UTF-8 text [unreadable]",
    ),
    "rtf": (
        b"{\\rtf1\\ansi\\deff0 {\\fonttbl {\\f0 Times;}} Review of health services}",
        "file is an RTF file, not text; save the report as UTF-8 text [unreadable]",
    ),
    "empty": (b"", "file holds no text [empty-report]"),
    "whitespace": (b" \r\n\t\n\xc2\xa0\n\n   ", "file holds no text [empty-report]"),
    "invisible-only": ("\ufeff\u200b\n\u200b\n".encode(), "file holds no text [empty-report]"),
}


@pytest.mark.parametrize("name", sorted(NOT_TEXT))
def test_file_that_is_not_a_text_report_is_refused(name: str) -> None:
    data, message = NOT_TEXT[name]
    assert refused("bad.txt", data) == [f"bad.txt:0: ERROR: {message}"]


def test_high_bytes_without_nul_are_an_encoding_error_at_the_first_one() -> None:
    assert refused("bad.txt", bytes(range(128, 256))) == [
        "bad.txt:1: ERROR: byte 0x80 at offset 0 is not valid UTF-8; save the report as UTF-8 "
        "(it may be Windows-1252 or Latin-1) [encoding]"
    ]


def test_nul_bytes_after_the_first_page_are_removed_with_a_warning() -> None:
    """Binary sniffing reads the first 4 KB; stray NULs later only lose themselves."""
    data = PETERBOROUGH.read_bytes().replace(b"5.3.1 ED", b"5.3.1\x00\x00 ED", 1)
    assert diagnostics(shown(PETERBOROUGH), data, (*REFERENCE_CODES, "[page-debris]")) == [
        f"{shown(PETERBOROUGH)}:457: WARNING: control characters U+0000 removed "
        "[control-characters]"
    ]


# -- 4. cut short --------------------------------------------------------------------------


def test_seed_cut_in_the_middle_of_a_finding_says_where_it_ends() -> None:
    lines = lines_of(PETERBOROUGH)
    assert lines[298].startswith(b"3.11 In some records examined")
    data = b"\n".join(lines[:298]) + b"\n" + lines[298][:60]
    found = diagnostics(shown(PETERBOROUGH), data)
    assert [line for line in found if not line.endswith(REFERENCE_CODES)] == [
        f"{shown(PETERBOROUGH)}:299: WARNING: no 'Recommendations' or 'Next steps' heading "
        "found; the file ends at line 299 inside finding 3.11, so it may be truncated "
        "[missing-section]"
    ]
    # Every recommendation cited so far is now missing, and each citation says so.
    assert sum(line.endswith("[dangling-citation]") for line in found) == 17


def test_seed_cut_in_the_middle_of_a_recommendation_says_where_it_ends() -> None:
    lines = lines_of(PETERBOROUGH)
    assert lines[491].startswith(b"- 1.2 Ensure that where practitioners")
    data = b"\n".join(lines[:491]) + b"\n" + lines[491][:40]
    assert diagnostics(shown(PETERBOROUGH), data, REFERENCE_CODES) == [
        f"{shown(PETERBOROUGH)}:492: WARNING: no 'Next steps' heading found; the file ends at "
        "line 492 inside recommendation 1.2, so it may be truncated [missing-section]"
    ]


@pytest.mark.parametrize("seed", SEED_REPORTS, ids=[path.stem for path in SEED_REPORTS])
def test_seed_cut_anywhere_is_diagnosed_never_raises(seed: Path) -> None:
    """Cut after every 7th line and in the middle of it: a diagnostic, never a traceback.

    Each cut either lacks the title (refused), or is read and says that the closing sections
    are missing, or (cut inside 'Next steps') reads cleanly.
    """
    lines = lines_of(seed)
    for end in range(0, len(lines), 7):
        for data in (b"\n".join(lines[:end]), b"\n".join([*lines[:end], lines[end][:33]])):
            summary = summarise(shown(seed), data)
            found = listed(summary, "diagnostics")
            if summary.get("report", True) is None:
                assert len(found) == 1
                assert found[0].endswith(("[empty-report]", "[missing-title]")), found
                continue
            cut = any("so it may be truncated [missing-section]" in line for line in found)
            closed = any(
                section["title"] == "Next steps" for section in listed(summary, "sections")
            )
            assert cut != closed, (end, found)


# -- 5. sections missing -------------------------------------------------------------------


def test_seed_without_a_recommendations_section() -> None:
    """The section is gone but 'Next steps' still closes the report: not a truncation."""
    lines = lines_of(PETERBOROUGH)
    assert (lines[486], lines[541]) == (b"Recommendations", b"Next steps")
    data = b"\n".join(lines[:486] + lines[541:])
    found = diagnostics(shown(PETERBOROUGH), data)
    assert [line for line in found if not line.endswith(REFERENCE_CODES)] == [
        f"{shown(PETERBOROUGH)}:487: WARNING: no 'Recommendations' heading found before "
        "'Next steps' [missing-section]"
    ]
    assert sum(line.endswith("[dangling-citation]") for line in found) == 37


def test_seed_without_the_recommendations_heading_still_finds_its_groups() -> None:
    """Without the heading, '1.1 Ensure …' would otherwise read as a duplicate finding 1.1."""
    lines = lines_of(PETERBOROUGH)
    data = b"\n".join([*lines[:486], b"", *lines[487:]])
    clean = summarise(shown(PETERBOROUGH), PETERBOROUGH.read_bytes())
    changed = summarise(shown(PETERBOROUGH), data)
    for key in ("findings", "recommendation_groups", "recommendations", "citations"):
        assert changed[key] == clean[key], key
    assert diagnostics(shown(PETERBOROUGH), data, REFERENCE_CODES) == [
        f"{shown(PETERBOROUGH)}:489: WARNING: recommendation group comes before any "
        "'Recommendations' heading; read as the start of the Recommendations section — add "
        "the heading above it [missing-section]"
    ]


def test_seed_without_the_childs_journey_heading() -> None:
    lines = lines_of(PETERBOROUGH)
    assert lines[140] == b"The child's journey"
    data = b"\n".join(lines[:140] + lines[141:])
    assert len(listed(summarise(shown(PETERBOROUGH), data), "findings")) == 133
    assert diagnostics(shown(PETERBOROUGH), data, REFERENCE_CODES) == [
        f"{shown(PETERBOROUGH)}:144: WARNING: sub-section 'Early help' comes before any 'The "
        "child's journey' heading; add the heading above it [missing-section]"
    ]


def test_heading_without_apostrophe_counts_as_the_childs_journey() -> None:
    data = PETERBOROUGH.read_bytes().replace(b"\nThe child's journey\n", b"\nThe Childs Journey\n")
    assert diagnostics(shown(PETERBOROUGH), data, REFERENCE_CODES) == []


# -- 8. older cover dates -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        ("20 th July 2016", ["2016-07-20"]),
        ("14 th September 2015", ["2015-09-14"]),
        ("14th September 2015", ["2015-09-14"]),
        ("14th of September 2015", ["2015-09-14"]),
        ("14 Sept. 2015", ["2015-09-14"]),
        ("14/09/2015", ["2015-09-14"]),
        ("14.09.2015", ["2015-09-14"]),
        ("14-09-2015", ["2015-09-14"]),
        ("14/09/15", ["2015-09-14"]),
        ("2015-09-14", ["2015-09-14"]),
        ("16 th November – 20 th November 2015", ["2015-11-16", "2015-11-20"]),
        ("14 th - 18 th September 2015", ["2015-09-14", "2015-09-18"]),
        ("14 to 18 September 2015", ["2015-09-14", "2015-09-18"]),
        ("30 – 2 October 2015", ["2015-09-30", "2015-10-02"]),
        ("30 December - 2 January 2016", ["2015-12-30", "2016-01-02"]),
        ("14/09/2015 to 18/09/2015", ["2015-09-14", "2015-09-18"]),
        ("14 September", [None]),
        ("31 February 2016", [None]),
        ("December 2015", []),
    ],
)
def test_cover_dates_in_older_formats(written: str, expected: list[str | None]) -> None:
    dates = parse_dates(written)
    assert [date.isoformat() if date else None for date in dates] == expected


# -- 10. size limits -----------------------------------------------------------------------


def test_file_over_the_size_limit_is_refused_before_reading_it() -> None:
    """Tens of megabytes: refused at once, with the limit in the message."""
    data = PETERBOROUGH.read_bytes() * 200
    assert len(data) > 20_000_000
    assert refused("big.txt", data) == [
        f"big.txt:0: ERROR: file is {len(data):,} bytes; the limit is {MAX_BYTES:,} bytes (a "
        "CLAS report is about 150 KB) — split or check the file [file-too-large]"
    ]


def test_file_just_under_the_size_limit_is_read() -> None:
    """The seed repeated to just under the limit: read, with every repeat a duplicate id."""
    seed = PETERBOROUGH.read_bytes()
    copies = MAX_BYTES // (len(seed) + 1)
    data = b"\n".join([seed] * copies)
    assert MAX_BYTES - len(seed) < len(data) <= MAX_BYTES
    source, found = decode("big.txt", data)
    assert source is not None
    assert found == []


def test_file_with_too_many_lines_is_refused() -> None:
    """Lines are counted as ``wc -l`` and editors count them."""
    report = SMALL_REPORT.format(finding="1.1 Text.")
    assert report.count("\n") == 19
    data = report.encode() + b"\n" * (MAX_LINES - 19)
    source, _ = decode("r.txt", data)
    assert source is not None
    assert refused("r.txt", data + b"\n") == [
        f"r.txt:0: ERROR: file has {MAX_LINES + 1:,} lines; the limit is {MAX_LINES:,} lines "
        "(a CLAS report has about 700) — check the file [file-too-large]"
    ]


def test_one_megabyte_line_is_read_whole_with_a_warning() -> None:
    """A line far longer than any paragraph is read as it is, and said to be long."""
    finding = "1.1 " + "The finding goes on. " * 50_000
    data = SMALL_REPORT.format(finding=finding).encode()
    summary = summarise("r.txt", data)
    (found,) = listed(summary, "findings")
    assert found["text"] == finding.removeprefix("1.1 ").strip()
    assert diagnostics("r.txt", data, REFERENCE_CODES) == [
        f"r.txt:{FINDING_LINE}: WARNING: line is {len(finding):,} characters long, over "
        f"{MAX_LINE_CHARS:,} (a paragraph of a CLAS report is at most about 2,000); read as it "
        "is — were some line breaks lost? [line-too-long]"
    ]


def test_seed_with_one_section_on_one_line_keeps_every_finding() -> None:
    """Peterborough's "Early help" run into one line of over 20,000 characters: its findings
    are one long paragraph (said so), every other finding and recommendation is read."""
    lines = PETERBOROUGH.read_text("utf-8").split("\n")
    start = lines.index("1. Early help") + 1
    end = lines.index("2. Children in need")
    joined = " ".join(line for line in lines[start:end] if line)
    assert len(joined) > MAX_LINE_CHARS
    data = "\n".join([*lines[:start], joined, *lines[end:]]).encode()
    summary = summarise("r.txt", data)
    whole = summarise("r.txt", PETERBOROUGH.read_bytes())
    every = [finding["id"] for finding in listed(whole, "findings")]
    # Early help's findings 1.2, 1.3, … now run on inside 1.1's line: the same words.
    kept = [item for item in every if item == "1.1" or not item.startswith("1.")]
    assert [finding["id"] for finding in listed(summary, "findings")] == kept
    assert len(every) - len(kept) >= 20
    assert len(listed(summary, "recommendations")) == len(listed(whole, "recommendations"))
    assert [line for line in listed(summary, "diagnostics") if "[line-too-long]" in line] == [
        f"r.txt:{start + 1}: WARNING: line is {len(joined):,} characters long, over "
        f"{MAX_LINE_CHARS:,} (a paragraph of a CLAS report is at most about 2,000); read as it "
        "is — were some line breaks lost? [line-too-long]"
    ]


def test_report_that_lost_its_line_breaks_is_refused() -> None:
    """A whole report on one line (every line break lost in conversion)."""
    data = PETERBOROUGH.read_bytes().replace(b"\n", b" ")
    assert refused("r.txt", data) == [
        f"r.txt:1: ERROR: file has {len(data.decode()):,} characters on 1 line; a report has "
        "hundreds of paragraphs — were the file's line breaks lost? [line-breaks-lost]"
    ]


@pytest.mark.parametrize(
    ("filler", "word"),
    [
        pytest.param("The finding goes on. ", "goes", id="words"),
        # The inline Markdown parser's slowest inputs: unclosed brackets and emphasis.
        pytest.param("[", "[", id="brackets"),
        pytest.param("**a** ", "a", id="bold"),
        pytest.param("_ ", "_", id="underscores"),
        pytest.param("(Recommendation 1.1) ", "Recommendation 1.1", id="citations"),
    ],
)
def test_line_just_under_the_limit_is_parsed_whole(filler: str, word: str) -> None:
    head = "1.1 The finding. "
    finding = head + filler * ((MAX_LINE_CHARS - len(head)) // len(filler))
    assert MAX_LINE_CHARS - len(filler) < len(finding) <= MAX_LINE_CHARS
    summary = summarise("r.txt", SMALL_REPORT.format(finding=finding).encode())
    assert listed(summary, "blocks")[2:4] == [
        f"{FINDING_LINE}: finding 1.1",
        f"{FINDING_LINE + 2}: heading h2 Recommendations",
    ]
    found = listed(summary, "findings")
    # Markup is dropped from the plain text; the words are all there.
    text = found[0]["text"]
    assert text.startswith("The finding. ")
    assert text.count(word) == finding.count(filler)
    found = listed(summary, "diagnostics")
    assert [line for line in found if not line.endswith(REFERENCE_CODES)] == []


def test_thousands_of_repeated_ids_each_get_their_own_anchor() -> None:
    """A file just under the line limit made of one finding id: every instance is kept.

    Numbering the duplicates once took time quadratic in their number (minutes here).
    """
    count = MAX_LINES - 30
    finding = "\n".join(["1.1 The same finding again."] * count)
    summary = summarise("r.txt", SMALL_REPORT.format(finding=finding).encode())
    found = listed(summary, "findings")
    assert len(found) == count
    anchors = [item["anchor"] for item in found]
    assert anchors[:3] == ["finding-1-1", "finding-1-1-dup-2", "finding-1-1-dup-3"]
    assert anchors[-1] == f"finding-1-1-dup-{count}"
    lines = [line for line in listed(summary, "diagnostics") if line.endswith("[duplicate-id]")]
    assert len(lines) == count - 1
    assert lines[-1] == (
        f"r.txt:{FINDING_LINE + count - 1}: ERROR: finding 1.1 appears twice; other instance at "
        f"r.txt:{FINDING_LINE} [duplicate-id]"
    )


def test_long_table_is_read_row_by_row() -> None:
    """Thousands of TAB rows in one table (each row once copied the whole body)."""
    count = MAX_LINES - 30
    rows = "\n".join(f"Row {n}\t{n}" for n in range(count))
    data = SMALL_REPORT.format(finding=f"1.1 The finding.\n\n{rows}").encode()
    blocks = listed(summarise("r.txt", data), "blocks")
    assert f"{FINDING_LINE + 2}: table of {count} rows" in blocks


# -- the command line: one line per refused file, exit status 2 ----------------------------


@pytest.mark.parametrize("name", ["png", "pdf", "empty", "whitespace"])
def test_parse_command_refuses_in_one_line(
    name: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "bad.txt"
    data, message = NOT_TEXT[name]
    path.write_bytes(data)
    assert main(["parse", str(path), "--json"]) == 2
    out, err = capsys.readouterr()
    assert out == ""
    assert err == f"{path}:0: ERROR: {message}\n"


def test_parse_command_prints_json_for_a_truncated_report(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A truncated report is still read: JSON on stdout, the warning on stderr, exit 0."""
    path = tmp_path / "cut.txt"
    lines = lines_of(PETERBOROUGH)
    path.write_bytes(b"\n".join(lines[:491]) + b"\n" + lines[491][:40])
    assert main(["parse", str(path), "--json"]) == 0
    out, err = capsys.readouterr()
    data = json.loads(out)
    assert [rec["id"] for rec in data["recommendations"]] == ["1.1", "1.2"]
    assert (
        f"{path}:492: WARNING: no 'Next steps' heading found; the file ends at line 492 inside "
        "recommendation 1.2, so it may be truncated [missing-section]"
    ) in err.splitlines()
    assert main(["parse", str(path), "--strict"]) == 1


# -- 11. one bad report never stops the others ---------------------------------------------


@pytest.mark.site
def test_build_with_bad_files_builds_every_good_report(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The five seeds beside a folder's worth of bad files: every bad file is reported on its
    own line, the errors give exit status 1, and the site builds with all five seeds."""
    root = copy_project(tmp_path / "project")
    reports = root / "source_reports"
    seed = PETERBOROUGH.read_bytes()
    lines = lines_of(PETERBOROUGH)
    # A later review of the same area (so its own address), cut inside a recommendation.
    cut = b"\n".join(lines[:491]) + b"\n" + lines[491][:40]
    cut = cut.replace(b"Date of publication:\t20 th July 2016", b"Date of publication:\t1 May 2017")
    bad = {
        "bad-cp1252.txt": DORSET.read_text("utf-8").encode("cp1252"),
        "bad-empty.txt": b"",
        "bad-whitespace.txt": b" \n\n\t\n",
        "bad-png.txt": PNG,
        "bad-pdf.txt": NOT_TEXT["pdf"][0],
        "bad-utf16.txt": PETERBOROUGH.read_text("utf-8").encode("utf-16"),
        "bad-huge.txt": seed * 200,
        "bad-lost-breaks.txt": seed.replace(b"\n", b" "),
        "bad-no-title.txt": b"Some notes about a review\n\n1.1 A finding.\n",
        "bad-truncated.txt": cut,
    }
    for name, data in bad.items():
        (reports / name).write_bytes(data)
    lost_chars = len(bad["bad-lost-breaks.txt"].decode())

    status = main(["build", "--root", str(root)])

    out, err = capsys.readouterr()
    assert status == 1
    assert "Traceback" not in err
    printed = err.splitlines()
    expected = [
        "source_reports/bad-cp1252.txt:9: ERROR: byte 0x96 at offset 192 is not valid UTF-8; "
        "save the report as UTF-8 (it may be Windows-1252 or Latin-1) [encoding]",
        "source_reports/bad-empty.txt:0: ERROR: file holds no text [empty-report]",
        f"source_reports/bad-huge.txt:0: ERROR: file is {len(bad['bad-huge.txt']):,} bytes; the "
        f"limit is {MAX_BYTES:,} bytes (a CLAS report is about 150 KB) — split or check the "
        "file [file-too-large]",
        f"source_reports/bad-lost-breaks.txt:1: ERROR: file has {lost_chars:,} characters on 1 "
        "line; a report has hundreds of paragraphs — were the file's line breaks lost? "
        "[line-breaks-lost]",
        "source_reports/bad-no-title.txt:1: ERROR: first line should read 'Review of health "
        "services for Children Looked After and Safeguarding in <area>', found 'Some notes "
        "about a review' [missing-title]",
        "source_reports/bad-pdf.txt:0: ERROR: file is a PDF, not text; save the report as UTF-8 "
        "text [unreadable]",
        "source_reports/bad-png.txt:0: ERROR: file looks binary (it contains NUL bytes), not "
        "text [unreadable]",
        "source_reports/bad-truncated.txt:492: WARNING: no 'Next steps' heading found; the file "
        "ends at line 492 inside recommendation 1.2, so it may be truncated [missing-section]",
        "source_reports/bad-utf16.txt:0: ERROR: file is UTF-16 text (it starts with a UTF-16 "
        "byte order mark); save the report as UTF-8 [encoding]",
        "source_reports/bad-whitespace.txt:0: ERROR: file holds no text [empty-report]",
    ]
    assert [line for line in expected if line not in printed] == []
    # The summary line counts the six reports that could be read: five seeds and the cut one.
    assert "6 reports:" in out
    written = sorted(path.stem for path in (root / "docs" / "reports").glob("*.md"))
    assert written == sorted([*SEED_SLUGS, "peterborough-2017", "index"])
    completed = mkdocs_build(root)
    assert completed.returncode == 0, completed.stderr
    for slug in SEED_SLUGS:
        assert (root / "site" / "reports" / slug / "index.html").is_file(), slug
