"""Page furniture: running headers, footers and page numbers, found and removed.

A page's first or last line that repeats (digits aside) across pages, a bare page number
("Page N of M"), or the report's own title in the margin is dropped; :func:`furniture_notes`
says what was removed, so that it can be checked.
"""

from __future__ import annotations

import itertools
import re
from collections import Counter
from collections.abc import Iterable, Sequence

from ..reading.parse import TITLE_RE
from .lines import Line

_PAGE_NUMBER = re.compile(
    r"^[-\u2013\u2014|\s]*(?:page\s*)?#+(?:\s*(?:of|/)\s*#+)?[-\u2013\u2014|\s]*$", re.IGNORECASE
)


def drop_furniture(pages: list[list[Line]]) -> tuple[list[list[Line]], list[Line]]:
    """Remove running headers and footers; returns the pages and the lines removed.

    A header or footer is a page's first or last lines that repeat, digits aside, at the same
    height on many pages; a bare page number ("3", "Page 3 of 40") at a page's edge; or the
    report's title set smaller than the text at a page's edge.
    """
    counts: Counter[tuple[str, int]] = Counter()
    for lines in pages:
        for line in _edge_lines(lines):
            counts[_furniture_key(line)] += 1
    repeated = max(2, (len(pages) + 1) // 3)
    dropped: list[Line] = []
    cleaned: list[list[Line]] = []
    for lines in pages:
        edges = {id(line) for line in _edge_lines(lines)}
        typical = _typical_height(lines)
        kept = []
        for line in lines:
            key = _furniture_key(line)
            if id(line) in edges and (
                counts[key] >= repeated
                or _PAGE_NUMBER.match(key[0])
                or (TITLE_RE.match(line.text) and line.height < 0.95 * typical)
            ):
                dropped.append(line)
                continue
            kept.append(line)
        cleaned.append(kept)
    return cleaned, dropped


def _furniture_key(line: Line) -> tuple[str, int]:
    text = re.sub(r"\d+", "#", re.sub(r"\s+", " ", line.text.strip().lower()))
    return text, round(line.baseline / 6)


def _edge_lines(lines: list[Line]) -> list[Line]:
    """The first two and last two lines of a page: where headers and footers sit."""
    if len(lines) <= 4:
        return list(lines)
    return [*lines[:2], *lines[-2:]]


def _typical_height(lines: Iterable[Line]) -> float:
    heights = Counter(round(line.height, 1) for line in lines)
    return heights.most_common(1)[0][0] if heights else 0.0


def furniture_notes(dropped: Sequence[Line], pages: int) -> list[str]:
    """One sentence for each running header or footer removed, so that it can be checked.

    Lines that differ only in their numbers ("Page 2 of 40", "Page 3 of 40"), which
    :func:`drop_furniture` counted as one, are one entry, with the pages they were on; entries
    come in the order they first appear.
    """
    if not dropped:
        return []
    groups: dict[str, list[Line]] = {}
    for line in dropped:
        groups.setdefault(_furniture_key(line)[0], []).append(line)
    notes = []
    for key, members in groups.items():
        first, last = members[0].text.strip(), members[-1].text.strip()
        shown = repr(first) if first == last else f"{first!r} to {last!r}"
        what = "page numbers" if _PAGE_NUMBER.match(key) else "running header or footer"
        on = sorted({line.page + 1 for line in members})
        if len(on) == pages:
            counted = f"all {pages} pages"
        elif len(on) == 1:
            counted = f"page {on[0]}"
        else:
            counted = f"{len(on)} of the {pages} pages ({_page_ranges(on)})"
        notes.append(f"removed the {what} {shown} from {counted}")
    return notes


def _page_ranges(pages: list[int]) -> str:
    """``[2, 3, 4, 7]`` as "pages 2–4, 7"; long lists are cut short after six ranges."""
    ranges: list[str] = []
    for _, run in itertools.groupby(enumerate(pages), key=lambda pair: pair[1] - pair[0]):
        numbers = [page for _, page in run]
        ranges.append(str(numbers[0]) if len(numbers) == 1 else f"{numbers[0]}\u2013{numbers[-1]}")
    shown = ", ".join(ranges[:6]) + (
        f" and {len(ranges) - 6} more ranges" if len(ranges) > 6 else ""
    )
    return f"pages {shown}"
