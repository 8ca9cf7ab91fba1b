"""Glyphs to lines: glyphs sharing a baseline, left to right, with spaces where gaps show them.

Raised, smaller glyphs (superscript ordinals such as "14th") are folded into the line they
belong to; a line splits into segments (table cells, a hanging number, the text) at wide gaps
and where a table's drawn column border crosses it.
"""

from __future__ import annotations

import statistics
from collections.abc import Sequence
from dataclasses import dataclass, field

from .glyphs import Glyph


@dataclass(slots=True)
class Line:
    """Glyphs sharing a baseline, left to right."""

    page: int
    glyphs: list[Glyph]
    baseline: float = field(init=False)
    height: float = field(init=False)
    top: float = field(init=False)
    bottom: float = field(init=False)

    def __post_init__(self) -> None:
        main = [g for g in self.glyphs if not g.raised] or self.glyphs
        self.baseline = statistics.median(g.baseline for g in main)
        self.height = max(g.height for g in main)
        self.top = max(g.top for g in self.glyphs)
        self.bottom = min(g.bottom for g in self.glyphs)

    @property
    def x0(self) -> float:
        return self.glyphs[0].x0

    @property
    def x1(self) -> float:
        return self.glyphs[-1].x1

    @property
    def text(self) -> str:
        return "".join(g.char for g in self.glyphs)


@dataclass(slots=True)
class Segment:
    """A stretch of a line between wide gaps: a table cell, a hanging number or the text."""

    glyphs: list[Glyph]

    @property
    def x0(self) -> float:
        return self.glyphs[0].x0

    @property
    def text(self) -> str:
        return "".join(g.char for g in self.glyphs).strip()


def build_lines(page: int, glyphs: Sequence[Glyph]) -> list[Line]:
    """Group glyphs into lines, top to bottom; raised small glyphs join the line below them."""
    visible = [
        g for g in glyphs if g.char and not g.char.isspace() and g.height > 0 and not g.shape
    ]
    if not visible:
        return []
    shapes = [g for g in glyphs if g.shape and not g.box]
    ordered = sorted(visible, key=lambda g: (-round(g.baseline, 1), g.x0))
    # Glyphs of one size within a third of a line of each other share a line (cells of one
    # table row may sit a little apart); smaller glyphs start their own cluster, to be
    # recognised below as superscript or merged back.
    clusters: list[list[Glyph]] = []
    for glyph in ordered:
        for cluster in reversed(clusters[-4:]):
            reference = cluster[0]
            if abs(glyph.baseline - reference.baseline) <= 0.3 * reference.height and (
                abs(glyph.height - reference.height) <= 0.1 * reference.height
            ):
                cluster.append(glyph)
                break
        else:
            clusters.append([glyph])
    # A cluster of smaller glyphs sitting on the upper part of a bigger line is superscript:
    # it joins that line (it comes before it in the top-down order, being raised).
    stats = {id(cluster): _Cluster.of(cluster) for cluster in clusters}
    tallest = max(item.height for item in stats.values())
    kept = list(clusters)
    for cluster in clusters:
        if stats[id(cluster)].height >= 0.9 * tallest:
            continue  # nothing on the page is big enough to carry it as superscript
        host = _superscript_host(stats[id(cluster)], [stats[id(c)] for c in kept])
        if host is not None:
            for glyph in cluster:
                glyph.raised = True
            host.glyphs.extend(cluster)
            kept = [c for c in kept if c is not cluster]
    # Text of another size on the same baseline (a smaller word in a line) is the same line.
    lines_by_base: list[list[Glyph]] = []
    for cluster in kept:
        for other in lines_by_base:
            if abs(other[0].baseline - cluster[0].baseline) <= 0.15 * other[0].height:
                other.extend(cluster)
                break
        else:
            lines_by_base.append(cluster)
    lines_by_base.sort(key=lambda c: -max(g.baseline for g in c if not g.raised))
    for shape in shapes:
        _attach_marker(shape, lines_by_base)
    lines = [Line(page, sorted(cluster, key=lambda g: g.x0)) for cluster in lines_by_base]
    return [_with_spaces(line) for line in lines]


def _attach_marker(shape: Glyph, lines: list[list[Glyph]]) -> None:
    """Put a drawn bullet at the start of the line it stands in front of, as a "•"."""
    for line in lines:
        first = min(line, key=lambda g: g.x0)
        height = first.height
        if (
            first.bottom <= shape.baseline <= first.top
            and 0 < first.x0 - shape.x1 <= 3 * height
            and not any(g.x0 < shape.x0 for g in line)
        ):
            line.append(
                Glyph(
                    "\u2022",
                    shape.x0,
                    shape.x1,
                    first.bottom,
                    first.top,
                    first.baseline,
                    False,
                    False,
                )
            )
            return


@dataclass(slots=True)
class _Cluster:
    glyphs: list[Glyph]
    height: float
    baseline: float
    left: float
    right: float

    @classmethod
    def of(cls, glyphs: list[Glyph]) -> _Cluster:
        return cls(
            glyphs,
            max(g.height for g in glyphs),
            glyphs[0].baseline,
            min(g.x0 for g in glyphs),
            max(g.x1 for g in glyphs),
        )


def _superscript_host(cluster: _Cluster, clusters: list[_Cluster]) -> _Cluster | None:
    """The line a small raised cluster belongs to, when it is superscript."""
    for candidate in clusters:
        if candidate.glyphs is cluster.glyphs:
            continue
        big = candidate.height
        if (
            cluster.height < 0.9 * big
            and candidate.baseline < cluster.baseline < candidate.baseline + 0.6 * big
            and candidate.left - big <= cluster.right
            and cluster.left <= candidate.right + big
            and any(
                g.x0 - big <= cluster.right and cluster.left <= g.x1 + big for g in candidate.glyphs
            )
        ):
            return candidate
    return None


def _with_spaces(line: Line) -> Line:
    """Insert spaces where the gap between glyphs is wider than a letter's spacing."""
    out: list[Glyph] = []
    reach = 0.0  # where the last glyph, or an invisible soft hyphen after it, ends
    for index, glyph in enumerate(line.glyphs):
        if glyph.char == "\u00ad" and index < len(line.glyphs) - 1:
            # Only a soft hyphen that ends a line is printed; inside a line it is nothing.
            reach = max(reach, glyph.x1)
            continue
        if out:
            previous = out[-1]
            gap = glyph.x0 - max(previous.x1, reach)
            size = min(glyph.height, previous.height) if glyph.raised == previous.raised else 0
            size = size or max(glyph.height, previous.height)
            threshold = 0.08 * size if not (glyph.raised or previous.raised) else 0.12 * size
            if gap > threshold:
                both = previous.bold and glyph.bold, previous.italic and glyph.italic
                out.append(
                    Glyph(
                        " ",
                        previous.x1,
                        glyph.x0,
                        previous.bottom,
                        previous.top,
                        previous.baseline,
                        both[0],
                        both[1],
                    )
                )
        out.append(glyph)
        reach = glyph.x1
    return Line(line.page, out)


def mark_cell_gaps(lines: list[Line], rules: list[Glyph]) -> None:
    """Mark the spaces that a table's drawn column border crosses: cells may sit closer than
    the gap that otherwise tells cells apart (Word's cell margins are under an em)."""
    if not rules:
        return
    for line in lines:
        crossing = [r for r in rules if r.bottom <= line.baseline <= r.top]
        for glyph in line.glyphs:
            if glyph.char == " " and any(
                glyph.x0 - 0.5 <= r.x0 and r.x1 <= glyph.x1 + 0.5 for r in crossing
            ):
                glyph.cell = True


def split_segments(line: Line) -> list[Segment]:
    """Split a line where a gap is wider than about one and a quarter em (cells, margins), or
    where a column border crosses it."""
    segments: list[list[Glyph]] = [[]]
    for glyph in line.glyphs:
        current = segments[-1]
        if glyph.char == " " and (glyph.cell or glyph.x1 - glyph.x0 > 1.1 * line.height):
            segments.append([])
            continue
        current.append(glyph)
    return [Segment(glyphs) for glyphs in segments if "".join(g.char for g in glyphs).strip()]
