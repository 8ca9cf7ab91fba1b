"""Text variants of a report that must not change its parse (``python -m …devtools.variants``).

Reports reach the site from many converters, which write the same report differently: list
markers or tabs before numbered paragraphs, a dot after every number ("1.1."), lines wrapped
at a fixed width, headings in capitals, emphasis around a citation instead of inside it,
typographic quotes and dashes, no-break spaces, and more or fewer blank lines. Each
:data:`TRANSFORMS` entry rewrites a report's text the way one such converter would;
:func:`differences` says what a variant's parse lost or changed against the original's (the
findings, recommendations, groups, citations, public-health notes, sections and case examples,
with typography, emphasis and paragraph breaks inside an item folded away).

``tests/test_text_variants.py`` runs them on the five seed reports with Hypothesis (a fixed
seed, in ``make test``); this command runs many more, on the seeds and on synthetic reports
(``make text-variants``), and prints how many variants ran and how many failed::

    python -m build_tools.devtools.variants --runs 40 --synthetic 20 --out .cache/variants.md
"""

from __future__ import annotations

import argparse
import random
import re
import sys
import tempfile
import textwrap
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from ..model import Finding, Recommendation, RecommendationGroup, Report
from ..reading.inline import plain_text
from ..reading.parse import parse_report, public_health_split
from ..reading.source import decode
from ..reading.text import find_citations
from .compare import first_difference

#: A transformation: the report's text, its parse, and a source of randomness → new text.
Transform = Callable[[str, Report, random.Random], str]

_LEADING_MARKER = re.compile(r"^[ \t]*(?:[-*\u2022](?=\s)[ \t]*)?")
#: What converters put before a numbered paragraph.
MARKERS = (
    "- ",
    "\u2022 ",
    "* ",
    "+ ",
    "  - ",
    "-\t",
    "\u2022\t",
    "\t",
    "   ",
    "\u2013 ",
    "\uf0b7\t",
)


def _item_lines(report: Report) -> set[int]:
    """Source lines of the findings, recommendations and recommendation groups."""
    items: list[Finding | Recommendation | RecommendationGroup] = [
        *report.findings,
        *report.recommendations,
        *report.groups,
    ]
    return {item.line for item in items}


def _map_lines(text: str, lines: set[int], change: Callable[[str], str]) -> str:
    out = text.split("\n")
    for number in lines:
        out[number - 1] = change(out[number - 1])
    return "\n".join(out)


def list_markers(text: str, report: Report, rng: random.Random) -> str:
    """A list marker, a tab or an indent before some numbered paragraphs (or none)."""
    chosen = {line for line in _item_lines(report) if rng.random() < 0.6}
    return _map_lines(
        text, chosen, lambda line: rng.choice(MARKERS) + _LEADING_MARKER.sub("", line, count=1)
    )


_NUMBER = re.compile(r"^(\W*?)(\d{1,2}(?:\.\d{1,2}){1,2})(?!\.)(?=[*_]*\s)")


def trailing_dots(text: str, report: Report, rng: random.Random) -> str:
    """A dot after every paragraph number ("1.1.") and every cited id ("Recommendation 1.1.")."""
    del rng
    text = _map_lines(text, _item_lines(report), lambda line: _NUMBER.sub(r"\1\2.", line, 1))
    out: list[str] = []
    for written in text.split("\n"):
        line = written
        ends = sorted({end for span in find_citations(line) for _, _, end in span.ids})
        for end in reversed(ends):
            if line[end : end + 1] != ".":
                line = line[:end] + "." + line[end:]
        out.append(line)
    return "\n".join(out)


def wrap_lines(text: str, report: Report, rng: random.Random) -> str:
    """Every line without a tab wrapped at one width (30-200 characters), as pdftotext or an
    e-mail would; continuation lines sometimes indented."""
    del report
    width = rng.randint(30, 200)
    hyphens = rng.random() < 0.5
    indent_rest = rng.random() < 0.5
    out: list[str] = []
    for line in text.split("\n"):
        if "\t" in line or len(line) <= width:
            out.append(line)
            continue
        lead = line[: len(line) - len(line.lstrip(" "))]
        rest = "  " if indent_rest else ""
        out += textwrap.wrap(
            line.strip(" "),
            width,
            initial_indent=lead,
            subsequent_indent=lead + rest,
            break_long_words=False,
            break_on_hyphens=hyphens,
        )
    return "\n".join(out)


def heading_case(text: str, report: Report, rng: random.Random) -> str:
    """Section headings in capitals or in Title Case."""
    upper = rng.random() < 0.5

    def title_case(line: str) -> str:
        return re.sub(r"[A-Za-z][\w']*", lambda m: m[0][:1].upper() + m[0][1:], line)

    lines = {heading.line for heading in report.sections}
    return _map_lines(text, lines, str.upper if upper else title_case)


_CITED = re.compile(r"\(([*_]{0,3})(Recommendations?\b[^()*_]*?)([*_]{0,3})\)")
_EMPHASIS_STYLES = (
    "({inner})",
    "(**{inner}**)",
    "**({inner})**",
    "(*{inner}*)",
    "*({inner})*",
    "(***{inner}***)",
    "({word} **{ids}**)",
)


def emphasis(text: str, report: Report, rng: random.Random) -> str:
    """Citations in brackets with their emphasis moved: around the brackets, on the ids only,
    in italics, or none."""
    del report

    def restyle(match: re.Match[str]) -> str:
        inner = match[2].strip()
        word, _, ids = inner.partition(" ")
        style = rng.choice(_EMPHASIS_STYLES)
        if "{ids}" in style and not ids:
            style = "({inner})"
        return style.format(inner=inner, word=word, ids=ids)

    return _CITED.sub(restyle, text)


def typography(text: str, report: Report, rng: random.Random) -> str:
    """Curly quotes and apostrophes, and en or em dashes for spaced hyphens."""
    del report
    dash = rng.choice(("\u2013", "\u2014"))
    text = re.sub(r"(?<=\w)'(?=\w)", "\u2019", text)
    text = re.sub(r"(?<![\w'])'(?=\w)", "\u2018", text)
    text = re.sub(r"(?<=[\w.,!?])'(?!\w)", "\u2019", text)
    text = re.sub(r'(?<![\w"])"(?=\w)', "\u201c", text)
    text = re.sub(r'(?<=[\w.,!?)])"(?!\w)', "\u201d", text)
    return text.replace(" - ", f" {dash} ")


def no_break_spaces(text: str, report: Report, rng: random.Random) -> str:
    """Some spaces are no-break spaces (U+00A0, or U+202F)."""
    del report
    return re.sub(
        " ", lambda m: rng.choice(("\u00a0", "\u202f")) if rng.random() < 0.1 else " ", text
    )


def blank_lines(text: str, report: Report, rng: random.Random) -> str:
    """No blank line between some consecutive findings; extra blank lines between others."""
    starts = {finding.line for finding in report.findings}
    out: list[str] = []
    lines = text.split("\n")
    for number, line in enumerate(lines, start=1):
        between = not line.strip() and number + 1 in starts and number - 1 in starts
        if between and rng.random() < 0.5:
            continue  # the blank line between two one-line findings goes
        out.append(line)
        if not line.strip() and rng.random() < 0.2:
            out += [""] * rng.randint(1, 2)
    return "\n".join(out)


TRANSFORMS: dict[str, Transform] = {
    "list markers": list_markers,
    "trailing dots": trailing_dots,
    "wrapped lines": wrap_lines,
    "heading case": heading_case,
    "emphasis": emphasis,
    "typography": typography,
    "no-break spaces": no_break_spaces,
    "blank lines": blank_lines,
}


def apply(names: Iterable[str], text: str, report: Report, seed: int) -> str:
    """``text`` after each named transformation in :data:`TRANSFORMS` order (wrapping last,
    as a converter wraps what it writes)."""
    rng = random.Random(seed)
    chosen = set(names)
    order = [name for name in TRANSFORMS if name in chosen and name != "wrapped lines"]
    for name in [*order, *(["wrapped lines"] if "wrapped lines" in chosen else [])]:
        text = TRANSFORMS[name](text, report, rng)
    return text


# -- comparing parses ----------------------------------------------------------------------

_FOLDS = str.maketrans(
    {
        "\u2018": "'",
        "\u2019": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u2013": "-",
        "\u2014": "-",
        "\u00a0": " ",
        "\u202f": " ",
    }
)
_HYPHEN_SPACE = re.compile(r"(?<=[^\W\d_])- (?=[^\W\d_])")
_ID_DOT = re.compile(r"\b(\d{1,2}(?:\.\d{1,2}){1,2})\.(?=[\s)*_,;:]|$)")


def fold(markup: str) -> str:
    """What a reader sees of ``markup``, with typography, emphasis, a dot after a number and a
    space after a hyphen folded away."""
    text = unicodedata.normalize("NFC", plain_text(markup)).translate(_FOLDS)
    # "hub- based" and "hub-based" wrap alike ("hub-" / "based"), and read back alike.
    text = _HYPHEN_SPACE.sub("-", _ID_DOT.sub(r"\1", text))
    return " ".join(text.split())


def _whole(text: str, continuation: Iterable[object]) -> str:
    return fold(" ".join([text, *(str(getattr(p, "text", "")) for p in continuation)]))


def _note(markup: str) -> str:
    """A public-health note's own sentences (a note's paragraph may hold other words)."""
    split = public_health_split(markup)
    return fold(split[1] if split else markup)


def summary(report: Report) -> dict[str, list[object]]:
    """The parts of a parse a variant must keep."""
    return {
        "findings": [(f.id, _whole(f.text, f.continuation)) for f in report.findings],
        "recommendations": [
            (r.id, r.group, _whole(r.text, r.continuation)) for r in report.recommendations
        ],
        "groups": [(g.number, tuple(fold(o) for o in g.organisations)) for g in report.groups],
        "citations": [(c.finding, c.recs) for c in report.citations],
        "public-health notes": [(n.finding, _note(n.text)) for n in report.public_health_notes],
        "sections": [(fold(h.title).casefold(), h.level) for h in report.sections],
        "case examples": [(e.label.casefold(), e.after_finding) for e in report.case_examples],
        "cover": [report.slug, report.publication_date, tuple(fold(p) for p in report.providers)],
    }


def differences(original: Report, variant: Report | None) -> list[str]:
    """What ``variant`` lost or changed against ``original``: one line per part, empty when
    the parses agree."""
    if variant is None:
        return ["the variant was refused"]
    want, got = summary(original), summary(variant)
    found: list[str] = []
    for part, expected in want.items():
        line = first_difference(part, expected, got[part], _item, "in the variant")
        if line is not None:
            found.append(line)
    return found


def _item(index: int) -> str:
    return f"item {index + 1}"


def parse_text(text: str, name: str = "variant.txt") -> Report | None:
    """Parse report text as ``build_tools`` reads a file."""
    source, _ = decode(name, text.encode("utf-8"))
    if source is None:
        return None
    report, _ = parse_report(source)
    return report


# -- the command ---------------------------------------------------------------------------


@dataclass
class Tally:
    """Variants run and failed, by transformation (single ones and combinations)."""

    ran: Counter[str]
    failed: Counter[str]
    examples: list[str]


def run(reports: list[Path], runs: int, seed: int) -> Tally:
    """Each transformation alone ``runs`` times per report, and ``runs`` random combinations."""
    rng = random.Random(seed)
    tally = Tally(Counter(), Counter(), [])
    for path in reports:
        text = path.read_text("utf-8")
        original = parse_text(text, path.name)
        if original is None:
            continue
        plans = [[name] for name in TRANSFORMS for _ in range(runs)]
        plans += [
            rng.sample(list(TRANSFORMS), rng.randint(2, len(TRANSFORMS))) for _ in range(runs)
        ]
        for names in plans:
            label = names[0] if len(names) == 1 else "combinations"
            variant_seed = rng.randrange(2**32)
            variant = parse_text(apply(names, text, original, variant_seed), path.name)
            tally.ran[label] += 1
            lost = differences(original, variant)
            if lost:
                tally.failed[label] += 1
                if len(tally.examples) < 30:
                    tally.examples.append(
                        f"- {path.name}, {' + '.join(names)} (seed {variant_seed}): {lost[0]}"
                    )
    return tally


def table(tally: Tally) -> str:
    rows = ["| transformation | variants | failed |", "|---|--:|--:|"]
    for label in [*TRANSFORMS, "combinations"]:
        rows.append(f"| {label} | {tally.ran[label]:,} | {tally.failed[label]:,} |")
    total, failed = sum(tally.ran.values()), sum(tally.failed.values())
    rows.append(f"| **all** | **{total:,}** | **{failed:,}** |")
    return "\n".join([*rows, "", *tally.examples])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n", 1)[0])
    parser.add_argument("reports", nargs="*", type=Path, help="reports (default: source_reports)")
    parser.add_argument("--runs", type=int, default=20, help="variants per transformation")
    parser.add_argument("--synthetic", type=int, default=0, help="also N synthetic reports")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--out", type=Path, help="write the table here too")
    args = parser.parse_args(argv)
    reports = list(args.reports) or sorted(Path("source_reports").glob("*.txt"))
    with tempfile.TemporaryDirectory(prefix="clas-variants-") as folder:
        if args.synthetic:
            from .synthetic import generate  # noqa: PLC0415

            reports += [item.path for item in generate(args.synthetic, Path(folder), args.seed)]
        tally = run(reports, args.runs, args.seed)
    result = (
        f"Text variants of {len(reports)} reports: ran {sum(tally.ran.values()):,}, "
        f"failed {sum(tally.failed.values()):,}\n\n{table(tally)}\n"
    )
    sys.stdout.write(result)
    if args.out:
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_text(result, encoding="utf-8")
    return 1 if sum(tally.failed.values()) else 0


if __name__ == "__main__":
    raise SystemExit(main())
