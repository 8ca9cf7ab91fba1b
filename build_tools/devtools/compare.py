"""What a PDF round trip compares: a source report against its text imported back from a PDF.

``import(pdf(report))`` must parse to the same findings (with the paragraphs that continue
them), recommendations, recommendation groups, citations and public-health notes, each shown
with the same words in the same bold and italics, and no word of the report may be lost or
added. :func:`differences` says what differs, one line per kind of item, naming the first
item that differs and where; the round-trip tests (``tests/roundtrip.py``) and the variants
sweep (:mod:`.pdf_variants`) both judge by it.
"""

from __future__ import annotations

import itertools
import re
from collections import Counter
from collections.abc import Callable, Sequence
from pathlib import Path

from ..model import Report
from ..reading.inline import appearance, plain_text
from ..reading.parse import parse_report
from ..reading.source import read_source

Shown = tuple[tuple[str, bool, bool], ...]


def parsed(path: Path) -> Report | None:
    """The report a source file parses to, or None when it cannot be read or parsed."""
    source, _ = read_source(path)
    if source is None:
        return None
    report, _ = parse_report(source)
    return report


def shown(markup: str) -> Shown:
    """What the site shows for ``markup``: its words with their bold and italics."""
    return appearance(markup)


def words(path: Path) -> Counter[str]:
    """Every word of a source report, as the site shows it, with its count."""
    counts: Counter[str] = Counter()
    for raw in path.read_text(encoding="utf-8").splitlines():
        line = re.sub(r"\b(\d{1,2}) (st|nd|rd|th)\b", r"\1\2", raw)  # "20 th" on old covers
        line = re.sub(r"^\s*[-\u2022]\s+", "", line)  # bullet markers are not words
        shown_words = plain_text(line).replace("\t", " ").split()
        counts.update(word.strip("*_") for word in shown_words)
    return counts


def _is_shown(item: object) -> bool:
    return isinstance(item, tuple) and all(
        isinstance(part, tuple)
        and len(part) == 3
        and isinstance(part[0], str)
        and isinstance(part[1], bool)
        for part in item
    )


def _text(item: object) -> str:
    """An item as a person reads it, for a message: its words, bold and italics marked."""
    if isinstance(item, tuple) and item and _is_shown(item):
        out: list[str] = []
        for (bold, italic), run in itertools.groupby(item, key=lambda c: (c[1], c[2])):
            mark = ("**" if bold else "") + ("*" if italic else "")
            out.append(mark + "".join(char for char, _, _ in run) + mark[::-1])
        return "".join(out)
    if isinstance(item, tuple | list):
        return " | ".join(_text(part) for part in item)
    return str(item)


def _where(original: str, imported: str, room: int = 40) -> str:
    """The two texts around the first place they differ."""
    start = 0
    while start < min(len(original), len(imported)) and original[start] == imported[start]:
        start += 1
    cut = max(0, start - room)
    lead = "…" if cut else ""

    def around(text: str) -> str:
        end = start + room
        return repr(lead + text[cut:end] + ("…" if end < len(text) else ""))

    return f"{around(original)} became {around(imported)}"


def first_difference(
    what: str,
    original: Sequence[object],
    imported: Sequence[object],
    name: Callable[[int], str],
    other: str = "imported",
) -> str | None:
    """A line saying where two lists of items first differ, or None when they are equal;
    ``other`` says where the second list came from."""
    if list(original) == list(imported):
        return None
    counts = f"{what}: {len(original)} in the report, {len(imported)} {other}"
    for index, (one, theirs) in enumerate(zip(original, imported, strict=False)):
        if one != theirs:
            return (
                f"{counts}; the first to differ is {name(index)}: "
                f"{_where(_text(one), _text(theirs))}"
            )
    return counts


def differences(original_path: Path, imported_path: Path, public_health: bool = True) -> list[str]:
    """What differs between a source report and the text imported from its PDF; empty when
    the round trip is exact. ``public_health`` also compares the notes that a matter was
    drawn to the attention of Public Health."""
    original, back = parsed(original_path), parsed(imported_path)
    if original is None:
        return [f"{original_path} does not parse"]
    if back is None:
        return [f"{imported_path} does not parse"]
    findings = [f.id for f in original.findings]
    recommendations = [r.id for r in original.recommendations]

    def finding(index: int) -> str:
        return f"finding {findings[index]}" if index < len(findings) else f"item {index + 1}"

    def recommendation(index: int) -> str:
        ids = recommendations
        return f"recommendation {ids[index]}" if index < len(ids) else f"item {index + 1}"

    compared: list[tuple[str, list[object], list[object], Callable[[int], str]]] = [
        (
            "findings",
            [(f.id, shown(f.text)) for f in original.findings],
            [(f.id, shown(f.text)) for f in back.findings],
            finding,
        ),
        (
            "paragraphs continuing findings",
            [tuple(shown(p.text) for p in f.continuation) for f in original.findings],
            [tuple(shown(p.text) for p in f.continuation) for f in back.findings],
            finding,
        ),
        (
            "recommendations",
            [(r.id, r.group, shown(r.text)) for r in original.recommendations],
            [(r.id, r.group, shown(r.text)) for r in back.recommendations],
            recommendation,
        ),
        (
            "recommendation groups",
            [(g.number, tuple(g.organisations)) for g in original.groups],
            [(g.number, tuple(g.organisations)) for g in back.groups],
            lambda index: f"group {index + 1}",
        ),
        (
            "citations",
            [(c.finding, tuple(c.recs)) for c in original.citations],
            [(c.finding, tuple(c.recs)) for c in back.citations],
            lambda index: f"citation {index + 1}",
        ),
    ]
    if public_health:
        compared.append(
            (
                "public-health notes",
                [(n.finding, shown(n.text)) for n in original.public_health_notes],
                [(n.finding, shown(n.text)) for n in back.public_health_notes],
                lambda index: f"note {index + 1}",
            )
        )
    found = [
        line
        for what, one, other, name in compared
        if (line := first_difference(what, one, other, name)) is not None
    ]
    before, after = words(original_path), words(imported_path)
    lost, added = before - after, after - before
    if lost or added:
        found.append(
            f"words: {lost.total()} lost ({_some(lost)}), {added.total()} added ({_some(added)})"
        )
    return found


def _some(counts: Counter[str], shown_at_most: int = 6) -> str:
    """A few of the words counted, most frequent first (ties in alphabetical order)."""
    ordered = sorted(counts.items(), key=lambda pair: (-pair[1], pair[0]))
    listed = ", ".join(
        repr(word) if n == 1 else f"{word!r} ×{n}" for word, n in ordered[:shown_at_most]
    )
    more = len(ordered) - shown_at_most
    return listed + (f" and {more} more" if more > 0 else "") if listed else "none"
