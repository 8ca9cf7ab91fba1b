"""Measure PDF libraries for ``build_tools import``: speed and fidelity on the test PDFs.

The seeds are printed as CQC-like PDFs (:mod:`build_tools.devtools.pdf_samples`), then read back:

* **pypdfium2** (PDFium) and **pdfplumber** (pdfminer.six) each feed their glyphs — character,
  box, baseline, font — to the same importer (:func:`build_tools.pdf.importer.pdf_to_text`), so
  the fidelity columns compare the libraries, not two importers;
* **pypdf** and **pdfminer.six**'s ``extract_text`` give plain text only (no fonts, no glyph
  positions): they are measured for speed and for the words they keep.

Fidelity is the round trip the tests require: findings, recommendations and citations equal
to the original's (as the site shows them, bold and italics included), and no lost words.
Run with ``make bench`` or ``python -m build_tools.devtools.pdf_bench [--out FILE.md]``; needs the
development dependencies (Playwright for printing, pdfplumber and pypdf).
"""

from __future__ import annotations

import argparse
import os
import re
import statistics
import sys
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pypdfium2 as pdfium

from ..model import Report
from ..pdf.glyphs import SOFT_HYPHENS, Glyph, drawn, read_glyphs
from ..pdf.importer import import_pdf, pdf_to_text
from ..reading.inline import appearance, plain_text
from ..reading.parse import TITLE_RE, parse_report
from ..reading.source import SourceText, decode, read_source

ROOT = Path(__file__).resolve().parents[2]
_FURNITURE = re.compile(r"^(?:page\s+\d+\s+of\s+\d+|\d+)$", re.IGNORECASE)


def read_glyphs_pdfplumber(path: Path) -> list[list[Glyph]]:
    """Every page's glyphs through pdfplumber, in PDF space as :func:`read_glyphs` gives."""
    import pdfplumber  # noqa: PLC0415 (development dependency)

    pages: list[list[Glyph]] = []
    with pdfplumber.open(path) as document:
        for page in document.pages:
            height = float(page.height)
            glyphs: list[Glyph] = []
            for char in page.chars:
                text = str(char["text"])
                if not text or text.isspace():
                    continue
                font = str(char.get("fontname", "")).lower()
                size = float(char["size"])
                baseline = float(char["matrix"][5])
                glyphs.append(
                    Glyph(
                        char=text,
                        x0=float(char["x0"]),
                        x1=float(char["x1"]),
                        # pdfminer's box is the font size tall; PDFium's loose box is the
                        # font's ascent to descent, which is what the importer's scales expect.
                        bottom=baseline - 0.21 * size,
                        top=baseline + 0.905 * size,
                        baseline=baseline,
                        bold="bold" in font or "black" in font,
                        italic="italic" in font or "oblique" in font,
                        soft=text in SOFT_HYPHENS,
                    )
                )
            for shape in [*page.curves, *page.rects]:
                mark = drawn(
                    float(shape["x0"]),
                    height - float(shape["bottom"]),
                    float(shape["x1"]),
                    height - float(shape["top"]),
                )
                if mark is not None:
                    glyphs.append(mark)
            pages.append(glyphs)
    return pages


def text_pypdf(path: Path) -> str:
    from pypdf import PdfReader  # noqa: PLC0415 (development dependency)

    return "\n".join(page.extract_text() or "" for page in PdfReader(path).pages)


def text_pdfminer(path: Path) -> str:
    from pdfminer.high_level import extract_text  # noqa: PLC0415 (development dependency)

    return str(extract_text(str(path)))


def words(text: str) -> Counter[str]:
    """Words as a reader sees them: bullets, markup and page furniture aside."""
    counts: Counter[str] = Counter()
    for raw in text.splitlines():
        line = re.sub(r"\b(\d{1,2}) (st|nd|rd|th)\b", r"\1\2", raw.strip())
        line = re.sub(r"^[-\u2022]\s+", "", line)
        if _FURNITURE.match(line) or (TITLE_RE.match(line) and raw is not text.splitlines()[0]):
            continue
        counts.update(w.strip("*_") for w in plain_text(line).replace("\t", " ").split())
    return counts


def _parse(source: SourceText) -> Report:
    report, diagnostics = parse_report(source)
    if report is None:
        raise ValueError(f"{source.path}: {diagnostics}")
    return report


def _shown(markup: str) -> tuple[tuple[str, bool, bool], ...]:
    return appearance(markup)


@dataclass
class Fidelity:
    findings: bool
    recommendations: bool
    citations: bool
    emphasis: bool
    lost: int
    extra: int


def fidelity(original: Path, text: str) -> Fidelity:
    """How the imported ``text`` of ``original``'s PDF compares with ``original``."""
    mine = read_source(original)[0]
    theirs, _ = decode("imported.txt", text.encode("utf-8"))
    assert mine is not None and theirs is not None
    a, b = _parse(mine), _parse(theirs)
    same_words = [plain_text(f.text) for f in a.findings] == [
        plain_text(f.text) for f in b.findings
    ]
    shown = [_shown(f.text) for f in a.findings] == [_shown(f.text) for f in b.findings]
    recs = [(r.id, _shown(r.text)) for r in a.recommendations] == [
        (r.id, _shown(r.text)) for r in b.recommendations
    ]
    citations = [(c.finding, c.recs) for c in a.citations] == [
        (c.finding, c.recs) for c in b.citations
    ]
    before, after = words(original.read_text(encoding="utf-8")), words(text)
    return Fidelity(
        findings=same_words and [f.id for f in a.findings] == [f.id for f in b.findings],
        recommendations=recs,
        citations=citations,
        emphasis=shown,
        lost=sum((before - after).values()),
        extra=sum((after - before).values()),
    )


def timed(run: Callable[[Path], object], pdf: Path, repeat: int = 3) -> float:
    """Median seconds of ``run(pdf)``."""
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        run(pdf)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def measure(pdfs: dict[Path, Path]) -> list[str]:
    """Markdown table rows, one per library, over the PDFs (source report → its PDF)."""
    pages = 0
    for pdf in pdfs.values():
        document = pdfium.PdfDocument(str(pdf))
        pages += len(document)
        document.close()
    glyph_readers: dict[str, Callable[[Path], list[list[Glyph]]]] = {
        "pypdfium2 5.15.2 (PDFium)": read_glyphs,
        "pdfplumber 0.11.10 (pdfminer.six)": read_glyphs_pdfplumber,
    }
    rows = []
    for name, reader in glyph_readers.items():

        def run(pdf: Path, reader: Callable[[Path], list[list[Glyph]]] = reader) -> str:
            return pdf_to_text(pdf, reader)[0]

        seconds = sum(timed(run, pdf) for pdf in pdfs.values())
        results = [fidelity(source, run(pdf)) for source, pdf in pdfs.items()]

        def count(flag: str, results: list[Fidelity] = results) -> str:
            return f"{sum(getattr(r, flag) for r in results)}/{len(results)}"

        rows.append(
            f"| {name} | {seconds:.1f} s | {1000 * seconds / pages:.0f} ms | glyphs, boxes, "
            f"fonts | {count('findings')} | {count('recommendations')} | {count('citations')} "
            f"| {count('emphasis')} | {sum(r.lost for r in results):,} | "
            f"{sum(r.extra for r in results):,} |"
        )
    plain: dict[str, Callable[[Path], str]] = {
        "pypdf 7.1.0 `extract_text`": text_pypdf,
        "pdfminer.six 20260107 `extract_text`": text_pdfminer,
    }
    for name, extract in plain.items():
        seconds = sum(timed(extract, pdf) for pdf in pdfs.values())
        lost = extra = 0
        for source, pdf in pdfs.items():
            before, after = words(source.read_text(encoding="utf-8")), words(extract(pdf))
            lost += sum((before - after).values())
            extra += sum((after - before).values())
        rows.append(
            f"| {name} | {seconds:.1f} s | {1000 * seconds / pages:.0f} ms | text only | – | – "
            f"| – | – | {lost:,} | {extra:,} |"
        )
    return rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m build_tools.devtools.pdf_bench")
    parser.add_argument("--pdfs", type=Path, default=ROOT / ".cache" / "bench" / "pdf")
    parser.add_argument("--out", type=Path, default=ROOT / ".cache" / "bench" / "pdf.md")
    args = parser.parse_args(argv)
    from .pdf_samples import make_pdfs  # noqa: PLC0415 (needs Playwright)

    seeds = sorted((ROOT / "source_reports").glob("*.txt"))
    started = os.getloadavg()[0]
    made = make_pdfs(seeds, args.pdfs)
    pdfs = dict(zip(seeds, made, strict=True))
    lines = [
        f"Load average at the start: {started:.1f}. Five seeds printed by Chromium "
        f"({sum(len(pdfium.PdfDocument(str(p))) for p in made)} pages); times are the "
        "median of three runs, summed over the five.",
        "",
        "| library | time, 5 reports | per page | what it reads | findings the same | "
        "recommendations | citations | bold/italic | lost words | extra words |",
        "|---|---|---|---|---|---|---|---|---|---|",
        *measure(pdfs),
        "",
        "`build_tools import` (PDFium, refusal checks included), median of three:",
        "",
        *(
            f"- {pdf.name}: {len(pdfium.PdfDocument(str(pdf)))} pages, "
            f"{timed(import_pdf, pdf):.2f} s"
            for pdf in made
        ),
    ]
    report = "\n".join(lines) + "\n"
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(report, encoding="utf-8")
    sys.stdout.write(report)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
