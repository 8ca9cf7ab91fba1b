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
from dataclasses import dataclass

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


@dataclass(frozen=True, slots=True)
class RunningLine:
    """A running header, footer or page number that was removed, with the pages it was on.

    Lines that differ only in their numbers ("Page 2 of 40", "Page 3 of 40"), which
    :func:`drop_furniture` counts as one, are one running line.
    """

    kind: str
    """ "page numbers" or "running header or footer"."""
    first: str
    """Its text where it was first removed."""
    last: str
    """Its text where it was last removed (the same but for a page number's digits)."""
    pages: tuple[int, ...]
    """The pages it was removed from, counted from 1, in order."""

    @property
    def shown(self) -> str:
        """Its text, quoted: "'Page 1 of 40' to 'Page 40 of 40'" where the digits change."""
        return repr(self.first) if self.first == self.last else f"{self.first!r} to {self.last!r}"


def running_lines(dropped: Sequence[Line]) -> list[RunningLine]:
    """The running lines :func:`drop_furniture` removed, in the order they first appear."""
    groups: dict[str, list[Line]] = {}
    for line in dropped:
        groups.setdefault(_furniture_key(line)[0], []).append(line)
    return [
        RunningLine(
            "page numbers" if _PAGE_NUMBER.match(key) else "running header or footer",
            members[0].text.strip(),
            members[-1].text.strip(),
            tuple(sorted({line.page + 1 for line in members})),
        )
        for key, members in groups.items()
    ]


def furniture_notes(dropped: Sequence[Line], pages: int) -> list[str]:
    """One sentence for each running header or footer removed, so that it can be checked."""
    notes = []
    for running in running_lines(dropped):
        on = list(running.pages)
        if len(on) == pages:
            counted = f"all {pages} pages"
        elif len(on) == 1:
            counted = f"page {on[0]}"
        else:
            counted = f"{len(on)} of the {pages} pages ({_page_ranges(on)})"
        notes.append(f"removed the {running.kind} {running.shown} from {counted}")
    return notes


def _page_ranges(pages: Sequence[int], most: int | None = 6) -> str:
    """``[2, 3, 4, 7]`` as "pages 2–4, 7"; lists of more than ``most`` ranges are cut short
    (None: never)."""
    ranges: list[str] = []
    for _, run in itertools.groupby(enumerate(pages), key=lambda pair: pair[1] - pair[0]):
        numbers = [page for _, page in run]
        ranges.append(str(numbers[0]) if len(numbers) == 1 else f"{numbers[0]}\u2013{numbers[-1]}")
    if most is None or len(ranges) <= most:
        return f"pages {', '.join(ranges)}"
    return f"pages {', '.join(ranges[:most])} and {len(ranges) - most} more ranges"


def page_ranges(pages: Sequence[int]) -> str:
    """Pages as ranges, in full: "pages 2–4, 7", or "page 3" for one."""
    return _page_ranges(pages, None) if len(pages) != 1 else f"page {pages[0]}"
