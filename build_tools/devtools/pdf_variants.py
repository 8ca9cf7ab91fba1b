"""Print reports in many layouts and import them back: does every layout round-trip exactly?

The importer must read a report exactly whatever produced its PDF. Each :class:`Variant` lays
the reports out differently (:mod:`.pdf_samples` prints them, with Chromium): fonts that set
"fi", "ff", "fl", "ffi" and "ffl" as ligatures (DejaVu Sans and Serif) and fonts that have none
(Liberation Sans and Serif), or ligatures turned off; body text from 9.5 to 12 pt; narrow and
wide margins; ragged and justified text; and the same layout with the top margin a little
deeper, so that each page holds a little less and the page breaks fall elsewhere: inside
findings and recommendations, between a recommendation group's line and its items, just
before a heading. Each report is printed in each layout, imported, and compared with the
original as the round-trip tests compare them (:func:`.compare.differences`).

::

    python -m build_tools.devtools.pdf_variants --out .cache/pdf-variants [--synthetic 6]
        [--seed 7] [--reports N] [--variant NAME …] [SOURCE.txt …]

prints one line per variant and report (exact, or what differed), where the page breaks fell,
and ``ran N variants, M exact, K failed``, and writes the tables to ``OUT/variants.md``. The
exit status is 1 when a round trip is not exact. Needs Playwright and Debian's chromium.
"""

from __future__ import annotations

import argparse
import itertools
import re
import sys
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

from playwright.sync_api import Browser

from ..pdf.importer import import_pdf
from ..pdf.paragraphs import GROUP_LINE, Block
from .compare import differences
from .pdf_samples import MARGINS, chromium, make_pdfs

ROOT = Path(__file__).resolve().parents[2]
#: Fonts installed here (Debian's fonts-dejavu) that set "fi", "fl", "ff", "ffi" and "ffl" as
#: ligatures when Chromium prints; Liberation Sans and Serif set none
#: (tests/browser/test_pdf_variants.py checks both).
LIGATURE_FONTS = ("DejaVu Sans", "DejaVu Serif", "DejaVu Sans Condensed")


@dataclass(frozen=True, slots=True)
class Variant:
    """One way of laying the reports out: a house style, varied."""

    name: str
    house: str
    """ "cqc" (hanging numbers, coloured headings, "Page N of M") or "plain" (numbers in the
    line, bold headings at the text's size, a bare page number), as :mod:`.pdf_samples`."""
    font: str
    ligatures: bool
    """Whether the font's common ligatures are used (where it has them)."""
    size: float = 11.0
    """The body text's size, in points."""
    line_height: float = 1.35
    justified: bool = False
    margins: tuple[float, float, float, float] = MARGINS
    """Page margins in millimetres: top, right, bottom, left."""

    @property
    def plain(self) -> bool:
        return self.house == "plain"

    def css(self) -> str:
        """What this variant adds to its house style."""
        top, right, bottom, left = self.margins
        ligatures = "common-ligatures" if self.ligatures else "none"
        align = "justify" if self.justified else "left"
        css = (
            f"@page {{ size: A4; margin: {top}mm {right}mm {bottom}mm {left}mm; }}\n"
            f"body {{ font-family: '{self.font}'; font-size: {self.size}pt; "
            f"line-height: {self.line_height}; font-variant-ligatures: {ligatures}; }}\n"
            f"p, li {{ text-align: {align}; }}\n"
        )
        if self.plain:  # headings at the text's size
            css += f"h2, h3 {{ font-size: {self.size}pt; }}\n"
        else:
            # The hanging numbers' 13 mm (at 11 pt) grows with the type, or "5.1.10" set at
            # 12 pt would overrun it and touch its text ("5.1.10The"), as no printed report
            # shows it.
            hang = 13 * self.size / 11
            css += (
                f"p.numbered {{ padding-left: {hang:.2f}mm; text-indent: -{hang:.2f}mm; }}\n"
                f"p.numbered .n {{ width: {hang:.2f}mm; }}\n"
            )
        return css

    @property
    def described(self) -> str:
        margins = "/".join(f"{m:g}" for m in self.margins)
        ligatures = (
            ("ligatures on" if self.ligatures else "ligatures off")
            if self.font in LIGATURE_FONTS
            else "no ligatures in the font"
        )
        return (
            f"{self.house}, {self.font} {self.size:g} pt, line height {self.line_height:g}, "
            f"{'justified' if self.justified else 'ragged'}, {ligatures}, margins {margins} mm"
        )


def _shifted(variant: Variant, top: float) -> Variant:
    """The variant with a deeper top margin: the page breaks fall elsewhere."""
    return replace(variant, name=f"{variant.name}-top{top:g}", margins=(top, *variant.margins[1:]))


_DEJAVU_SANS = Variant("cqc-dejavu-sans-ligatures", "cqc", "DejaVu Sans", ligatures=True)
_DEJAVU_SERIF = Variant(
    "plain-dejavu-serif-ligatures", "plain", "DejaVu Serif", True, size=10.5, justified=True
)

#: Every layout the sweep prints. The CQC layout of :mod:`.pdf_samples` (Liberation Sans) and
#: its plain one (DejaVu Serif, justified) are the first and the eleventh.
VARIANTS: tuple[Variant, ...] = (
    Variant("cqc-liberation-sans", "cqc", "Liberation Sans", ligatures=True),
    _DEJAVU_SANS,
    *(_shifted(_DEJAVU_SANS, top) for top in (27.0, 31.0, 35.0)),
    Variant("cqc-dejavu-sans-no-ligatures", "cqc", "DejaVu Sans", ligatures=False),
    Variant(
        "cqc-dejavu-sans-9.5-justified",
        "cqc",
        "DejaVu Sans",
        ligatures=True,
        size=9.5,
        line_height=1.25,
        justified=True,
        margins=(15.0, 15.0, 15.0, 15.0),
    ),
    Variant(
        "cqc-dejavu-sans-12-wide",
        "cqc",
        "DejaVu Sans",
        ligatures=True,
        size=12.0,
        line_height=1.5,
        margins=(30.0, 25.0, 28.0, 25.0),
    ),
    Variant(
        "cqc-liberation-sans-10-justified",
        "cqc",
        "Liberation Sans",
        ligatures=True,
        size=10.0,
        line_height=1.3,
        justified=True,
        margins=(20.0, 18.0, 20.0, 18.0),
    ),
    Variant("cqc-dejavu-serif-ligatures", "cqc", "DejaVu Serif", ligatures=True),
    _DEJAVU_SERIF,
    *(_shifted(_DEJAVU_SERIF, top) for top in (28.0, 32.0)),
    Variant(
        "plain-dejavu-serif-12-ragged",
        "plain",
        "DejaVu Serif",
        ligatures=True,
        size=12.0,
        line_height=1.4,
    ),
    Variant(
        "plain-dejavu-serif-10-no-ligatures",
        "plain",
        "DejaVu Serif",
        ligatures=False,
        size=10.0,
        line_height=1.3,
        justified=True,
        margins=(18.0, 22.0, 18.0, 22.0),
    ),
    Variant(
        "plain-liberation-serif-11-justified",
        "plain",
        "Liberation Serif",
        ligatures=True,
        size=11.0,
        line_height=1.3,
        justified=True,
    ),
    Variant(
        "plain-dejavu-sans-9.5",
        "plain",
        "DejaVu Sans",
        ligatures=True,
        size=9.5,
        line_height=1.3,
        justified=True,
        margins=(16.0, 16.0, 16.0, 16.0),
    ),
)
BY_NAME = {variant.name: variant for variant in VARIANTS}


@dataclass(frozen=True, slots=True)
class Outcome:
    """One report printed in one variant and imported back."""

    variant: str
    report: str
    pages: int
    differences: tuple[str, ...]
    """What differs from the original (:func:`.compare.differences`); empty when exact."""
    breaks: Counter[str] = field(default_factory=Counter)
    """Where the page breaks fell (:func:`break_places`)."""

    @property
    def exact(self) -> bool:
        return not self.differences


def break_places(blocks: Sequence[Block]) -> Counter[str]:
    """Where each page break of an imported PDF fell, by what it cuts or separates.

    Read from the importer's blocks, so it is only right where the round trip is exact.
    """
    kinds: Counter[str] = Counter()
    in_recommendations = False
    recommending: list[bool] = []  # per block: whether it is in the Recommendations section
    for block in blocks:
        title = _text(block).strip("* ")
        if title == "Recommendations":
            in_recommendations = True
        elif title == "Next steps":
            in_recommendations = False
        recommending.append(in_recommendations)
    rows = [(index, row) for index, block in enumerate(blocks) for row in block.rows]
    for (one, above), (other, below) in itertools.pairwise(rows):
        if above.line.page == below.line.page:
            continue
        first, second = blocks[one], blocks[other]
        if one == other:
            kinds[f"inside {_what(first, recommending[one])}"] += 1
        elif _heading(second):
            kinds["just before a heading"] += 1
        elif _group_line(first):
            kinds["between a group line and its items"] += 1
        elif first.kind == second.kind == "bullet":
            kinds["between list items"] += 1
        elif second.kind == "numbered":
            kinds[f"just before {_what(second, recommending[other])}"] += 1
        else:
            kinds["between paragraphs"] += 1
    return kinds


def _text(block: Block) -> str:
    head = block.rows[0]
    body = "".join(g.char for g in head.body or head.line.glyphs)
    return f"{head.label} {body}" if head.label and head.marker == "number" else body


def _group_line(block: Block) -> bool:
    return GROUP_LINE.match(_text(block)) is not None and _text(block).rstrip("* ").endswith(":")


def _heading(block: Block) -> bool:
    if block.kind == "heading":
        return True
    glyphs = [g for row in block.rows for g in row.line.glyphs if not g.char.isspace()]
    text = _text(block)
    return (
        all(g.bold for g in glyphs)
        and len(text.split()) <= 8
        and not _group_line(block)
        and not re.search(r"[.,;:)]$", text)
    )


def _what(block: Block, in_recommendations: bool) -> str:
    if block.kind == "numbered" and "." in block.rows[0].label.rstrip("."):
        return "a recommendation" if in_recommendations else "a finding"
    if _group_line(block):
        return "a group line"
    return {"bullet": "a list item", "table": "a table", "heading": "a heading"}.get(
        block.kind, "a paragraph"
    )


def run_variant(
    variant: Variant, sources: Sequence[Path], out: Path, browser: Browser
) -> Iterator[Outcome]:
    """Print ``sources`` in ``variant`` into ``out/<variant>/``, import them back and compare."""
    folder = out / variant.name
    names = {source.stem: source for source in sources}
    if len(names) != len(sources):
        raise ValueError("two reports to print have the same name")
    pdfs = make_pdfs(
        sources,
        folder / "pdf",
        browser,
        variant.plain,
        css=variant.css(),
        margins=variant.margins,
    )
    (folder / "txt").mkdir(parents=True, exist_ok=True)
    for source, pdf in zip(sources, pdfs, strict=True):
        report = _shown_name(source)
        result = import_pdf(pdf)
        if result.text is None:
            problems = tuple(d.format() for d in result.diagnostics)
            yield Outcome(variant.name, report, result.pages, problems or ("not imported",))
            continue
        target = folder / "txt" / source.name
        target.write_text(result.text, encoding="utf-8")
        found = [d.format() for d in result.diagnostics if d.code != "pdf-furniture"]
        found += differences(source, target)
        yield Outcome(variant.name, report, result.pages, tuple(found), break_places(result.blocks))


def _shown_name(source: Path) -> str:
    """A seed by its name; another report with its folder's name ("synthetic/0001_…")."""
    if source.parent.name == "source_reports":
        return source.stem
    return f"{source.parent.name}/{source.stem}"


def sweep(
    variants: Sequence[Variant], sources: Sequence[Path], out: Path, browser: Browser
) -> Iterator[Outcome]:
    """Every report in every variant, variant by variant."""
    for variant in variants:
        yield from run_variant(variant, sources, out, browser)


def summary(outcomes: Sequence[Outcome]) -> str:
    """``ran N variants, M exact, K failed``: N counts each report printed in each layout."""
    exact = sum(outcome.exact for outcome in outcomes)
    return f"ran {len(outcomes)} variants, {exact} exact, {len(outcomes) - exact} failed"


def markdown(outcomes: Sequence[Outcome], variants: Sequence[Variant]) -> str:
    """The sweep as Markdown tables: layouts, results by layout, page breaks, and each run."""
    lines = [
        "# PDF layout variants: import(pdf(report)) against the report",
        "",
        summary(outcomes) + " (each report printed in each layout, imported and compared).",
        "",
        "| layout | what it varies | reports | exact | failed |",
        "|---|---|---|---|---|",
    ]
    for variant in variants:
        mine = [o for o in outcomes if o.variant == variant.name]
        if not mine:
            continue
        exact = sum(o.exact for o in mine)
        lines.append(
            f"| {variant.name} | {variant.described} | {len(mine)} | {exact} | "
            f"{len(mine) - exact} |"
        )
    breaks: Counter[str] = Counter()
    for outcome in outcomes:
        breaks.update(outcome.breaks)
    lines += ["", "Where the page breaks fell, over every run:", "", "| page break | count |"]
    lines.append("|---|---|")
    lines += [f"| {kind} | {count} |" for kind, count in sorted(breaks.items())]
    lines += ["", "| layout | report | pages | result |", "|---|---|---|---|"]
    for outcome in outcomes:
        result = (
            "exact" if outcome.exact else "<br>".join(_cell(text) for text in outcome.differences)
        )
        lines.append(f"| {outcome.variant} | {outcome.report} | {outcome.pages} | {result} |")
    return "\n".join(lines) + "\n"


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m build_tools.devtools.pdf_variants",
        description="Print reports in many PDF layouts, import them back and compare.",
    )
    parser.add_argument(
        "sources", nargs="*", type=Path, help="reports (default: source_reports/*.txt)"
    )
    parser.add_argument("--out", type=Path, default=ROOT / ".cache" / "pdf-variants")
    parser.add_argument("--synthetic", type=int, default=0, help="add N synthetic reports")
    parser.add_argument("--seed", type=int, default=7, help="their random seed (default 7)")
    parser.add_argument("--reports", type=int, help="only the first N reports")
    parser.add_argument(
        "--variant",
        action="append",
        choices=sorted(BY_NAME),
        metavar="NAME",
        help="only this layout (repeatable; default: every layout)",
    )
    parser.add_argument("--list", action="store_true", help="list the layouts and stop")
    args = parser.parse_args(argv)
    variants = [BY_NAME[name] for name in args.variant] if args.variant else list(VARIANTS)
    if args.list:
        for variant in variants:
            sys.stdout.write(f"{variant.name}: {variant.described}\n")
        return 0
    sources = list(args.sources) or sorted((ROOT / "source_reports").glob("*.txt"))
    if args.synthetic:
        from .synthetic import generate  # noqa: PLC0415

        made = generate(args.synthetic, args.out / "synthetic", seed=args.seed)
        sources += [item.path for item in made]
    if args.reports is not None:
        sources = sources[: args.reports]
    outcomes: list[Outcome] = []
    with chromium() as browser:
        for outcome in sweep(variants, sources, args.out, browser):
            outcomes.append(outcome)
            verdict = "exact" if outcome.exact else "NOT EXACT"
            sys.stdout.write(f"{outcome.variant:44} {outcome.report:34} {verdict}\n")
            for text in outcome.differences:
                sys.stdout.write(f"    {text}\n")
            sys.stdout.flush()
    sys.stdout.write("\n")
    for variant in variants:
        mine = [o for o in outcomes if o.variant == variant.name]
        exact = sum(o.exact for o in mine)
        sys.stdout.write(f"{variant.name:44} {exact}/{len(mine)} exact\n")
    breaks: Counter[str] = Counter()
    for outcome in outcomes:
        breaks.update(outcome.breaks)
    sys.stdout.write(
        "page breaks fell: "
        + ", ".join(f"{kind} {count}" for kind, count in sorted(breaks.items()))
        + "\n"
    )
    args.out.mkdir(parents=True, exist_ok=True)
    target = args.out / "variants.md"
    target.write_text(markdown(outcomes, variants), encoding="utf-8")
    sys.stdout.write(f"{summary(outcomes)}; the tables are in {target}\n")
    return 0 if all(outcome.exact for outcome in outcomes) else 1


if __name__ == "__main__":
    raise SystemExit(main())
