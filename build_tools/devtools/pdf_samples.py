"""Print source reports as CQC-like PDFs, to test ``build_tools import`` without CQC's files.

There are no CQC PDFs in the repository, so the importer's tests make them: each source report
is laid out as HTML the way CQC's published reports look (A4; a cover page with the title and
a two-column table of review details; a contents page; bold section headings; numbered
findings and recommendations with the number hanging in the margin; bullets; tables;
superscript ordinals) and printed by a real renderer, Chromium, with a running header naming
the report and a "Page N of M" footer. Chromium breaks pages wherever the text falls, so
paragraphs, findings and lists run across page breaks, and long words are hyphenated at line
ends through soft hyphens.

Needs Playwright and Debian's ``/usr/bin/chromium`` (development dependencies)::

    python -m build_tools.devtools.pdf_samples source_reports/*.txt --out .cache/pdf
"""

from __future__ import annotations

import argparse
import html
import re
import sys
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path

from playwright.sync_api import Browser, sync_playwright

from ..model import Heading, Report
from ..reading.inline import to_markdown
from ..reading.parse import TITLE_RE, parse_report
from ..reading.source import SourceLine, SourceText, read_source

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"]

_NUMBERED = re.compile(
    r"^(?:[-*\u2022]\s*)?(?:\*{1,3})?(?P<number>\d{1,2}(?:\.\d{1,2}){1,2}\.?)(?:\*{1,3})?\s+"
    r"(?P<text>\S.*)$"
)
_BULLET = re.compile(r"^[-*\u2022\u25aa\u25cf\u2013]\s+(?P<text>\S.*)$")
_CONTENTS_ENTRY = re.compile(r"^(?P<title>.{1,120})\t\s*(?P<page>\d{1,3})$")
# "14th", "1st": the ordinal letters are printed raised, as in CQC's Word-made PDFs.
_ORDINAL = re.compile(r"(?<=\b\d)(st|nd|rd|th)\b|(?<=\b\d\d)(st|nd|rd|th)\b")
# Long words get soft hyphens so that Chromium may split them at a line end.
_LONG_WORD = re.compile(r"\b[a-z]{13,}\b")

STYLE = """
@page { size: A4; margin: 24mm 20mm 22mm 20mm; }
body { font-family: 'Liberation Sans', Arial, sans-serif; font-size: 11pt; line-height: 1.35;
       color: #222; }
h1 { font-size: 24pt; color: #3a2a73; margin: 40mm 0 12mm; }
.subtitle { font-size: 15pt; color: #3a2a73; margin: 0 0 6mm; }
table.cover { border-collapse: collapse; width: 100%; margin-top: 14mm; }
table.cover th { text-align: left; width: 38%; vertical-align: top; padding: 3mm;
                 border-bottom: 0.5pt solid #999; }
table.cover td { vertical-align: top; padding: 3mm; border-bottom: 0.5pt solid #999; }
.cover-end { break-after: page; }
h2 { font-size: 16pt; color: #3a2a73; margin: 8mm 0 3mm; break-after: avoid; }
h2.contents { break-before: page; }
h3 { font-size: 13pt; color: #3a2a73; margin: 6mm 0 2mm; break-after: avoid; }
table.contents { width: 100%; border-collapse: collapse; break-after: page; }
table.contents td.page { text-align: right; width: 12mm; }
p { margin: 0 0 3mm; orphans: 1; widows: 1; text-align: left; }
p.numbered { padding-left: 13mm; text-indent: -13mm; }
p.numbered .n { display: inline-block; width: 13mm; text-indent: 0; }
p.group { font-weight: bold; margin-top: 4mm; }
ul { margin: 0 0 3mm; padding-left: 8mm; list-style: none; }
ul ul { margin: 1mm 0; }
li { margin: 0 0 1.5mm; orphans: 1; widows: 1; }
/* Word's bullets are characters in the text layer; browsers draw list markers as shapes. */
li::before { content: "•"; display: inline-block; width: 6mm; margin-left: -6mm; }
/* Nested lists keep Chromium's own markers, drawn as shapes: the importer must see both. */
ul ul { list-style: circle; padding-left: 6mm; }
ul ul > li::before { content: none; }
#clas-spacer { break-before: page; }
div.box { background: #eef0f6; border: 0.5pt solid #9aa3c4; padding: 3mm 5mm; margin: 2mm 8mm 4mm; }
table.data { border-collapse: collapse; margin: 2mm 0 4mm; }
table.data td { border: 0.5pt solid #777; padding: 1.5mm 3mm; vertical-align: top; }
"""


def _inline(markup: str) -> str:
    """Source markup as the site shows it (bold, italics), with raised ordinals."""
    shown = to_markdown(markup)
    shown = _LONG_WORD.sub(lambda m: _soft_hyphens(m[0]), shown)
    return _ORDINAL.sub(lambda m: f"<sup>{m[0]}</sup>", shown)


def _soft_hyphens(word: str) -> str:
    """Allow a break every few letters, never leaving fewer than four on either side."""
    cuts = range(6, len(word) - 4, 5)
    pieces, last = [], 0
    for cut in cuts:
        pieces.append(word[last:cut])
        last = cut
    pieces.append(word[last:])
    return "\u00ad".join(pieces)


def _cover_html(report: Report, lines: list[SourceLine]) -> str:
    out = [f"<h1>{html.escape(report.title)}</h1>"]
    out.extend(f'<p class="subtitle">{html.escape(line)}</p>' for line in report.subtitle)
    out.append('<table class="cover">')
    for row in report.cover:
        value = re.sub(r"\b(\d{1,2}) ?(st|nd|rd|th)\b", r"\1<sup>\2</sup>", html.escape(row.value))
        out.append(f"<tr><th>{html.escape(row.label)}:</th><td>{value}</td></tr>")
    out.append('</table><div class="cover-end"></div>')
    entries = [m for line in lines if (m := _CONTENTS_ENTRY.match(line.text))]
    if entries:
        out.append('<h2 class="contents">Contents</h2><table class="contents">')
        out.extend(
            f"<tr><td>{html.escape(m['title'])}</td><td class='page'>{m['page']}</td></tr>"
            for m in entries
        )
        out.append("</table>")
    return "\n".join(out)


def _body_html(report: Report, lines: list[SourceLine]) -> Iterator[str]:
    headings = {block.line: block.level for block in report.body if isinstance(block, Heading)}
    numbered = {finding.line for finding in report.findings}
    numbered |= {rec.line for group in report.groups for rec in group.recommendations}
    groups = {group.line for group in report.groups}
    table: list[list[str]] = []
    bullets: list[tuple[int, str]] = []
    split_done = [False]  # one list per report is made to break mid-item
    # Case examples are set in a shaded box, narrower than the text, as CQC prints them.
    boxes = {example.line: _last_line(example) for example in report.case_examples}
    box_end = 0

    def flush() -> Iterator[str]:
        if table:
            yield '<table class="data">'
            for row in table:
                cells = "".join(f"<td>{_inline(cell)}</td>" for cell in row)
                yield f"<tr>{cells}</tr>"
            yield "</table>"
            table.clear()
        if bullets:
            split = not split_done[0] and any(len(text) > 200 for _, text in bullets)
            split_done[0] = split_done[0] or split
            yield from _list_html(bullets, split)
            bullets.clear()

    for line in lines:
        text = line.text
        if box_end and line.number > box_end:
            yield from flush()
            yield "</div>"
            box_end = 0
        if line.number in boxes and not box_end:
            yield from flush()
            yield '<div class="box">'
            box_end = boxes[line.number]
        if not text:
            continue
        if "\t" in text and line.number not in numbered:
            if bullets:
                yield from flush()
            table.append(text.split("\t"))
            continue
        bullet = _BULLET.match(text)
        if bullet and line.number not in numbered and line.number not in groups:
            if table:
                yield from flush()
            bullets.append((1 if line.indent else 0, bullet["text"]))
            continue
        yield from flush()
        if line.number in headings:
            level = headings[line.number]
            yield f"<h{level}>{html.escape(re.sub(r'[*_]+', '', text))}</h{level}>"
        elif line.number in numbered and (match := _NUMBERED.match(text)):
            yield (
                f'<p class="numbered"><span class="n">{match["number"]}</span>'
                f"{_inline(match['text'])}</p>"
            )
        elif line.number in groups:
            yield f'<p class="group">{_inline(_BULLET.sub(lambda m: m["text"], text))}</p>'
        else:
            yield f"<p>{_inline(text)}</p>"
    yield from flush()
    if box_end:
        yield "</div>"


def _last_line(block: object) -> int:
    """The last source line of a block and of everything inside it."""
    last = int(getattr(block, "line", 0))
    rows = getattr(block, "rows", ())
    if rows:
        last = max(last, int(getattr(block, "line", 0)) + len(rows) - 1)
    for attribute in ("body", "continuation"):
        for inner in getattr(block, attribute, ()):
            last = max(last, _last_line(inner))
    return last


def _list_html(items: list[tuple[int, str]], split: bool = False) -> Iterator[str]:
    """A list; with ``split``, the page breaks inside its first item of two or more lines."""
    target = next((i for i, (_, text) in enumerate(items) if len(text) > 200), None)
    if split and target is not None:
        yield '<div id="clas-spacer"></div>'
    yield "<ul>"
    depth = 0
    for index, (level, text) in enumerate(items):
        if level > depth:
            yield "<ul>"
        elif level < depth:
            yield "</li></ul></li>"
        elif index:
            yield "</li>"
        depth = level
        mark = ' id="clas-split"' if split and index == target else ""
        yield f"<li{mark}>{_inline(text)}"
    yield "</li>" + "</ul></li>" * depth + "</ul>"


#: A second house style, to keep the importer general: serif type justified to both margins,
#: headings in bold at the size of the text, findings' numbers in the line rather than hanging,
#: and a bare page number for a footer.
PLAIN_STYLE = """
body { font-family: 'DejaVu Serif', serif; font-size: 10.5pt; }
p { text-align: justify; }
h1 { font-size: 20pt; color: #000; }
h2, h3 { font-size: 10.5pt; font-weight: bold; color: #000; }
p.numbered { padding-left: 0; text-indent: 0; }
p.numbered .n { display: inline; width: auto; margin-right: 0.6em; }
"""


def read_report(path: Path) -> SourceText:
    """A source report to print; raises ValueError when it cannot be read."""
    source, _ = read_source(path)
    if source is None:
        raise ValueError(f"{path}: unreadable")
    return source


def report_parts(source: SourceText) -> tuple[Report, list[SourceLine], list[SourceLine], str]:
    """The parsed report, its cover's source lines, its body's, and its running header."""
    report, _ = parse_report(source)
    if report is None:
        raise ValueError(f"{source.path}: not a report the parser can read")
    lines = list(source.lines)
    first_body = min(
        (block.line for block in report.body if hasattr(block, "line")), default=len(lines)
    )
    cover_lines = [line for line in lines if line.number < first_body]
    body_lines = [line for line in lines if line.number >= first_body]
    header = report.title if TITLE_RE.match(report.title) else "Review of health services"
    return report, cover_lines, body_lines, header


def report_html(source: SourceText, plain: bool = False, css: str = "") -> tuple[str, str]:
    """The report laid out as CQC prints it, and its running-header text.

    ``css`` is added after the house style, to vary it (fonts, sizes, margins: see
    :mod:`build_tools.devtools.pdf_variants`).
    """
    report, cover_lines, body_lines, header = report_parts(source)
    document = (
        "<!doctype html><html lang='en-GB'><head><meta charset='utf-8'>"
        f"<title>{html.escape(report.title)}</title><style>{STYLE}"
        f"{PLAIN_STYLE if plain else ''}{css}</style></head><body>"
        f"{_cover_html(report, cover_lines)}\n"
        + "\n".join(_body_html(report, body_lines))
        + "</body></html>"
    )
    return document, header


#: The page margins of :data:`STYLE`, in millimetres: top, right, bottom, left.
MARGINS = (24.0, 20.0, 22.0, 20.0)


def _header_template(text: str, margins: tuple[float, float, float, float] = MARGINS) -> str:
    return (
        "<div style='font-family: Liberation Sans, sans-serif; font-size: 8pt; color: #555; "
        f"width: 100%; margin: 0 {margins[1]}mm 0 {margins[3]}mm; text-align: right'>"
        f"{html.escape(text)}</div>"
    )


def footer_template(
    plain: bool = False, margins: tuple[float, float, float, float] = MARGINS
) -> str:
    """The page footer: "Page N of M" centred, or (``plain``) a bare number at the right."""
    side = f"margin: 0 {margins[1]}mm 0 {margins[3]}mm"
    if plain:
        return (
            "<div style='font-family: DejaVu Serif, serif; font-size: 8pt; width: 100%; "
            f"{side}; text-align: right'><span class='pageNumber'></span></div>"
        )
    return (
        "<div style='font-family: Liberation Sans, sans-serif; font-size: 8pt; color: #555; "
        f"width: 100%; {side}; text-align: center'>Page <span class='pageNumber'></span> "
        "of <span class='totalPages'></span></div>"
    )


FOOTER = footer_template()
PLAIN_FOOTER = footer_template(plain=True)


@contextmanager
def chromium() -> Iterator[Browser]:
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
        )
        try:
            yield browser
        finally:
            browser.close()


# Given the page body's height (A4's 297 mm less the top and bottom margins) in CSS pixels.
_SPLIT_SCRIPT = """(height) => {
  const spacer = document.getElementById('clas-spacer');
  const item = document.getElementById('clas-split');
  if (!spacer || !item) return;
  const range = document.createRange();
  range.selectNodeContents(item);
  const lines = [...range.getClientRects()].filter((r) => r.height > 0);
  const first = lines[0];
  const offset = first.bottom - spacer.getBoundingClientRect().top;
  spacer.style.height = `${Math.max(0, height - offset - first.height / 2)}px`;
}"""


def print_pdf(
    browser: Browser,
    document: str,
    header: str,
    plain: bool = False,
    margins: tuple[float, float, float, float] = MARGINS,
) -> bytes:
    """Print one HTML document to A4 PDF bytes with the running header and page footer.

    ``margins`` (millimetres: top, right, bottom, left) must be the document's ``@page``
    margins; the header and footer are set in them.
    """
    top, right, bottom, left = margins
    # Laid out on screen as on paper (the A4 text width, print styles), so that the spacer
    # can be sized to make the page break fall inside a list item: below its first line.
    width = round((210 - left - right) / 25.4 * 96)
    page = browser.new_page(viewport={"width": width, "height": 1000})
    try:
        page.emulate_media(media="print")
        page.set_content(document, wait_until="load")
        page.evaluate(_SPLIT_SCRIPT, (297 - top - bottom) / 25.4 * 96)
        return page.pdf(
            format="A4",
            print_background=True,
            display_header_footer=True,
            header_template=_header_template(header, margins),
            footer_template=footer_template(plain, margins),
            prefer_css_page_size=True,
        )
    finally:
        page.close()


def make_pdfs(
    sources: Iterable[Path],
    out: Path,
    browser: Browser | None = None,
    plain: bool = False,
    *,
    css: str = "",
    margins: tuple[float, float, float, float] = MARGINS,
) -> list[Path]:
    """Print each source report to ``out/<stem>.pdf``; returns the paths written.

    ``plain`` uses the second house style (:data:`PLAIN_STYLE`); ``css`` is added to the
    house style, and ``margins`` are the page margins it sets (see :func:`print_pdf`).
    """
    if browser is None:
        with chromium() as launched:
            return make_pdfs(sources, out, launched, plain, css=css, margins=margins)
    out.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    for path in sources:
        document, header = report_html(read_report(path), plain, css)
        target = out / f"{path.stem}.pdf"
        target.write_bytes(print_pdf(browser, document, header, plain, margins))
        written.append(target)
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m build_tools.devtools.pdf_samples")
    parser.add_argument("sources", nargs="+", type=Path)
    parser.add_argument("--out", type=Path, default=Path(".cache/pdf"))
    parser.add_argument("--plain", action="store_true", help="the second house style")
    args = parser.parse_args(argv)
    for path in make_pdfs(args.sources, args.out, plain=args.plain):
        sys.stdout.write(f"{path}\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
