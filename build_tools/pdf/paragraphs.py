"""Lines to blocks: paragraphs, headings, list items and tables, across line and page breaks.

Each line becomes a :class:`Row` with what opens it (a bullet, a hanging number); the body
text's :class:`Metrics` (line height, right margin, spacing) tell where a paragraph ends: a line
that stops short of the right margin ends its paragraph; a wider gap, a bullet, a hanging number
or a change of size starts one. Rows with cells make a table.
"""

from __future__ import annotations

import itertools
import re
import statistics
from collections import Counter
from dataclasses import dataclass, field

from .glyphs import BULLETS, Glyph
from .lines import Line, Segment, split_segments
from .words import join, styled, trim

_NUMBER = re.compile(r"^\d{1,2}(?:\.\d{1,2}){0,2}\.?$")
LEADER = re.compile(r"^(?P<title>.*?\S)\s*(?:\.\s*){3,}(?P<page>\d{1,3})$")
# Bullets that are also ordinary characters: a line may start with them mid-paragraph.
_WEAK_BULLETS = frozenset("-\u2013\u2014o")
GROUP_LINE = re.compile(r"^\d{1,2}\.\s+\D")


@dataclass(slots=True)
class Row:
    """A visual line split into segments, with what opens it."""

    line: Line
    segments: list[Segment]
    marker: str = ""  # "bullet", "number" or ""
    label: str = ""  # the bullet character or the hanging number
    inline: bool = False  # a number written in the line ("1.1 Text"), not hanging in the margin
    body: list[Glyph] = field(default_factory=list)  # glyphs after the marker
    right: float = 0.0  # where lines around this one stop: the page's margin, or a box's
    boxed: bool = False  # inside a drawn box (a case example)

    @property
    def text_x(self) -> float:
        return self.body[0].x0 if self.body else self.line.x0


@dataclass(slots=True)
class Block:
    """A paragraph, heading, list item or table, as it will be written."""

    kind: str  # "paragraph", "heading", "bullet", "numbered", "table"
    rows: list[Row]
    level: int = 0
    cells: list[list[str]] = field(default_factory=list)


def make_row(line: Line, metrics: Metrics) -> Row:
    segments = split_segments(line)
    if _justified(line, segments, metrics):
        segments = [Segment(list(line.glyphs))]
    row = Row(line, segments)
    glyphs = list(line.glyphs)
    first = segments[0] if segments else None
    if first is None:
        return row
    head = first.text
    if len(segments) >= 2 and _NUMBER.match(head):
        row.marker, row.label = "number", head
        row.body = _after(glyphs, segments[1].glyphs[0])
        row.segments = segments[1:]
        return row
    if head[:1] in BULLETS and (len(head) == 1 or head[1] == " ") and _is_bullet(line, head):
        row.marker, row.label = "bullet", head[0]
        rest = list(glyphs[1:])
        while rest and rest[0].char == " ":
            rest = rest[1:]
        row.body = rest
        if len(head) == 1 and len(segments) >= 2:
            row.segments = segments[1:]
        return row
    if gap := _tab_after_number(line):
        # "1.10<tab>text": a number set apart by a gap like a tab's, too narrow for a cell
        # gap, hangs in the margin whatever the text after it starts with.
        row.marker, row.label = "number", head.split()[0]
        row.body = glyphs[glyphs.index(gap) + 1 :]
        return row
    # "1.2 Text" opens a numbered paragraph; "5.1 as at 2.12 above)" and "5.2. 14, 5.2. 15" are
    # references that a line break put first.
    match = re.match(r"^(\d{1,2}(?:\.\d{1,2}){1,2}\.?)\s+(?=[^a-z\d\s])", head)
    if match and len(segments) == 1:
        row.marker, row.label, row.inline = "number", match[1], True
        row.body = _after(glyphs, glyphs[len(match[0])])
        return row
    row.body = glyphs
    return row


def _tab_after_number(line: Line) -> Glyph | None:
    """The gap after a finding's number that opens the line, when it is much wider than the
    line's other spaces (a tab to a hanging indent), not an ordinary space."""
    words = line.text.split(" ", 1)
    if len(words) < 2 or "." not in words[0] or not _NUMBER.match(words[0]):
        return None
    spaces = [g for g in line.glyphs if g.char == " "]
    if len(spaces) < 3:
        return None
    gap, others = spaces[0], sorted(g.x1 - g.x0 for g in spaces[1:])
    wide = gap.x1 - gap.x0 > max(0.5 * line.height, 1.8 * others[len(others) // 2])
    return gap if wide else None


def _after(glyphs: list[Glyph], start: Glyph) -> list[Glyph]:
    return glyphs[glyphs.index(start) :]


def _is_bullet(line: Line, head: str) -> bool:
    """A dash or "o" opens a list item only when a gap follows it, like a bullet's tab."""
    if head[0] not in "-o\u2013\u2014":
        return True
    glyphs = line.glyphs
    return (
        len(glyphs) > 2
        and glyphs[1].char == " "
        and glyphs[1].x1 - glyphs[1].x0 > 0.3 * line.height
    )


@dataclass(slots=True)
class Metrics:
    body_height: float
    right: float
    pitch: float
    justified: bool = False  # text set flush to both margins
    space: float = 0.25  # a word space, as a share of the line's height


def measure(lines: list[Line]) -> Metrics:
    """The body text's line height, right margin and line spacing."""
    heights: Counter[float] = Counter()
    for line in lines:
        heights[round(line.height, 1)] += len(line.glyphs)
    body = heights.most_common(1)[0][0] if heights else 10.0
    body_lines = [line for line in lines if abs(line.height - body) < 0.5]
    rights = sorted(line.x1 for line in body_lines) or [0.0]
    # The right margin: where the longest lines stop, ignoring the odd line that overhangs.
    right = rights[int(0.98 * (len(rights) - 1))] if len(rights) >= 50 else rights[-1]
    pitches: Counter[float] = Counter()
    for above, below in itertools.pairwise(body_lines):
        gap = above.baseline - below.baseline
        if above.page == below.page and 0.9 * body < gap < 2.5 * body:
            pitches[round(gap, 1)] += 1
    # The usual distance between lines of a paragraph (ties: the closer spacing).
    pitch = min(pitches, key=lambda gap: (-pitches[gap], gap)) if pitches else 1.2 * body
    # Justified text: most lines end exactly at the margin (only a paragraph's last line
    # stops short), so there a line that stops short ends its paragraph.
    flush = sum(1 for line in body_lines if line.x1 >= right - 0.15 * body)
    justified = len(body_lines) >= 20 and flush >= 0.5 * len(body_lines)
    # Word spaces, measured on lines that were not stretched to the margin.
    ragged = [line for line in body_lines if not justified or line.x1 < right - 0.15 * body]
    spaces = [
        (g.x1 - g.x0) / line.height
        for line in ragged[:2000]
        for g in line.glyphs
        if g.char == " " and g.x1 - g.x0 < 1.1 * line.height
    ]
    space = statistics.median(spaces) if spaces else 0.25
    return Metrics(body, right, pitch, justified, space)


def local_margins(rows: list[Row], metrics: Metrics, boxes: list[list[Glyph]]) -> None:
    """Set each row's right margin: the page's, or that of the box it sits in.

    Text in a drawn box (a shaded case example) stops short of the page margin: as far from
    the box's right side as its lines start from the box's left side.
    """
    inside = [
        _box_of(row, boxes[row.line.page] if row.line.page < len(boxes) else []) for row in rows
    ]
    starts: dict[int, float] = {}
    for row, box in zip(rows, inside, strict=True):
        if box is not None:
            starts[id(box)] = min(starts.get(id(box), row.line.x0), row.line.x0)
    for row, box in zip(rows, inside, strict=True):
        row.right = metrics.right
        row.boxed = box is not None
        if box is not None:
            row.right = min(metrics.right, box.x1 - (starts[id(box)] - box.x0))


def _box_of(row: Row, boxes: list[Glyph]) -> Glyph | None:
    """The smallest drawn box around a row, if any."""
    around = [
        box
        for box in boxes
        if box.x0 - 1 <= row.line.x0
        and row.line.x1 <= box.x1 + 1
        and box.bottom - 1 <= row.line.baseline <= box.top + 1
    ]
    return min(around, key=lambda box: (box.x1 - box.x0) * (box.top - box.bottom), default=None)


def _is_full(block: Block, below: Row, metrics: Metrics) -> bool:
    """True when the block's last line ends only because ``below``'s first word would not fit.

    In justified text a line that runs on ends flush with the margin; only a paragraph's last
    line stops short. That rule holds where the document is justified, for paragraphs (lists
    are rarely justified even where text is) whose earlier lines all ended flush.
    """
    above = block.rows[-1]
    height = above.line.height
    right = above.right or metrics.right
    # A line that stopped short and yet ran on shows this block is not justified.
    justified = (
        metrics.justified
        and block.kind in ("paragraph", "numbered")
        and all(row.line.x1 >= (row.right or right) - 0.15 * height for row in block.rows[:-1])
    )
    if justified:
        return above.line.x1 >= right - 0.15 * height
    body = below.body or below.line.glyphs
    width = 0.0
    for glyph in body:
        if glyph.char == " ":
            break
        width = glyph.x1 - body[0].x0
    # The line is full if the next word, after a space, would have ended past the margin
    # (less a little for the renderer's rounding).
    return above.line.x1 + metrics.space * height + width > right - 0.15 * height


def build_blocks(rows: list[Row], metrics: Metrics, vocabulary: frozenset[str]) -> list[Block]:
    blocks: list[Block] = []
    index = 0
    while index < len(rows):
        row = rows[index]
        if _is_table_row(row):
            end, cells = _table(rows, index, metrics, vocabulary)
            if len(cells) > 1 or cells[0][0].rstrip("*").endswith(":"):
                blocks.append(Block("table", rows[index:end], cells=cells))
                index = end
                continue
            # One line with wide gaps is justified text, not a table of one row.
            row.segments = [Segment(list(row.line.glyphs))]
        block = _start_block(row, metrics, blocks)
        index += 1
        while index < len(rows):
            following = rows[index]
            if following.marker == "bullet" and following.label in _WEAK_BULLETS:
                # "2013" / "– 2016 appropriately …": a dash that a line break put first, in
                # a paragraph that runs on, is the text's own dash, not a list item.
                plain = _unmarked(following)
                if _continues(block, plain, metrics):
                    following = plain
            if not _continues(block, following, metrics):
                break
            block.rows.append(following)
            index += 1
        blocks.append(block)
    return blocks


def _unmarked(row: Row) -> Row:
    return Row(row.line, row.segments, body=list(row.line.glyphs))


def _start_block(row: Row, metrics: Metrics, blocks: list[Block]) -> Block:
    if row.line.height > 1.12 * metrics.body_height and row.marker != "bullet":
        # "5.1 Leadership and management" set large is a heading, number and all.
        return Block("heading", [_unmarked(row)])
    if row.marker == "bullet":
        return Block("bullet", [row], level=_bullet_level(row, blocks))
    if row.marker == "number":
        return Block("numbered", [row])
    return Block("paragraph", [row])


def _bullet_level(row: Row, blocks: list[Block]) -> int:
    for block in reversed(blocks):
        if block.kind != "bullet":
            break
        marker_x = block.rows[0].line.x0
        if row.line.x0 > marker_x + 0.8 * row.line.height:
            return min(block.level + 1, 1)
        if abs(row.line.x0 - marker_x) <= 0.8 * row.line.height:
            return block.level
    return 0


def _continues(block: Block, row: Row, metrics: Metrics) -> bool:
    last = block.rows[-1]
    if block.kind == "table" or row.marker or _is_table_row(row):
        return False
    if LEADER.match(last.line.text) or LEADER.match(row.line.text):
        return False  # contents lines: "Early help ........ 8"
    height = last.line.height
    if abs(row.line.height - height) > 0.12 * height:
        return False
    if block.kind == "heading":
        # A heading runs on to a line close below it, or further down (looser spacing) only
        # when its line was full: two short lines with space between are two headings (the
        # cover's subtitle lines).
        gap = last.line.baseline - row.line.baseline
        close = gap < 1.25 * height or (gap < 1.6 * height and _is_full(block, row, metrics))
        return row.line.page == last.line.page and close
    if not _aligned_under(block, row) or row.boxed != last.boxed:
        return False  # a paragraph never runs into or out of a box
    if not _is_full(block, row, metrics):
        return False
    if row.line.page != last.line.page:
        return not _bold_heading(row, last)
    gap = last.line.baseline - row.line.baseline
    return gap <= 1.25 * metrics.pitch * height / metrics.body_height


def _bold_heading(row: Row, above: Row) -> bool:
    """A short line wholly in bold, or a numbered one: a heading set at the text's size, or a
    recommendation group's line.

    Used at page breaks, where no gap shows that a paragraph ended. A bold line that opens
    with a bracket ("(Recommendation 2.1)"), ends a sentence, or fills the line runs on.
    """
    text = row.line.text.strip()
    bold = all(g.bold and not g.italic for g in row.line.glyphs if not g.char.isspace())
    if bold and GROUP_LINE.match(text) and text[text.index(".") + 1 :].strip()[:1].isupper():
        return True  # "4. South Staffordshire District Council … should:"
    return (
        bold
        and len(text.split()) <= 8
        and (text[:1].isupper() or text[:1].isdigit())
        and not re.search(r"[.,;:)\]]$", text)
        and row.line.x1 < (row.right or above.right) - 3 * row.line.height
    )


def _justified(line: Line, segments: list[Segment], metrics: Metrics) -> bool:
    """A line of text justified to both margins, whose stretched spaces look like cell gaps.

    Justifying stretches every space of a line alike and ends it at the right margin; a table
    row has ordinary spaces inside its cells and wide gaps only between them.
    """
    spaces = [g.x1 - g.x0 for g in line.glyphs if g.char == " "]
    return (
        len(segments) >= 2
        and not any(g.cell for g in line.glyphs)
        and len(spaces) >= 2
        and max(spaces) <= 1.35 * min(spaces)
        and line.x1 >= metrics.right - 0.5 * line.height
    )


def _aligned_under(block: Block, row: Row) -> bool:
    """Whether ``row`` starts where the next line of ``block`` would.

    Lines after the first run on under the text (a hanging number or bullet), under the
    number or bullet itself (numbers written in the line), or, in a paragraph, at the margin
    its second line set (a first-line indent).
    """
    first = block.rows[0]
    tolerance = 0.8 * row.line.height
    if len(block.rows) > 1:
        starts = [block.rows[1].line.x0]
    elif block.kind in ("bullet", "numbered"):
        starts = [first.text_x, first.line.x0]
    else:
        starts = [first.line.x0]
    if any(abs(row.line.x0 - x) <= tolerance for x in starts):
        return True
    if len(block.rows) == 1 and first.marker and not first.inline:
        # A hanging indent narrower than the number ("1.10", "5.1.10"): the first line's text
        # was pushed on to the next tab stop, the lines below wrap back to the indent.
        return first.line.x0 + tolerance < row.line.x0 < first.text_x
    # A paragraph's first line may be indented: the second line starts further left.
    return block.kind == "paragraph" and len(block.rows) == 1 and row.line.x0 < first.line.x0


def _is_table_row(row: Row) -> bool:
    return len(row.segments) >= 2 and not row.marker


def _table(
    rows: list[Row], start: int, metrics: Metrics, vocabulary: frozenset[str]
) -> tuple[int, list[list[str]]]:
    """Read a table from ``rows[start]``: returns where it ends and its cells."""
    members = [rows[start]]
    index = start + 1
    while index < len(rows):
        row, last = rows[index], members[-1]
        same_page = row.line.page == last.line.page
        gap = last.line.baseline - row.line.baseline if same_page else 0.0
        in_row = same_page and gap <= 1.25 * metrics.pitch
        if _is_table_row(row) or (
            in_row and not row.marker and row.line.height <= 1.1 * last.line.height
        ):
            if not _is_table_row(row) and not _aligned(row, members):
                break
            members.append(row)
            index += 1
            continue
        break
    columns = _columns(members)
    # Rows set apart by padding are told by the gaps; rows set line under line (a contents
    # list) by each line that fills more than one cell.
    gapped = any(
        above.line.baseline - below.line.baseline > 1.25 * metrics.pitch
        for above, below in itertools.pairwise(members)
        if above.line.page == below.line.page
    )
    grid: list[list[list[list[Glyph]]]] = []
    previous: Row | None = None
    for row in members:
        new_row = previous is None or row.line.page != previous.line.page
        if previous is not None and not new_row:
            if gapped:
                new_row = previous.line.baseline - row.line.baseline > 1.25 * metrics.pitch
            else:
                new_row = _is_table_row(row)
        if new_row:
            grid.append([[] for _ in columns])
        for segment in row.segments or [Segment(row.line.glyphs)]:
            column = min(range(len(columns)), key=lambda c: abs(columns[c] - segment.x0))
            grid[-1][column].append(trim(segment.glyphs))
        previous = row
    cells = [[_join_cell(parts, vocabulary) for parts in line] for line in grid]
    return index, cells


def _aligned(row: Row, members: list[Row]) -> bool:
    starts = [segment.x0 for member in members for segment in member.segments]
    return any(abs(row.line.x0 - x) < 0.8 * row.line.height for x in starts)


def _columns(rows: list[Row]) -> list[float]:
    starts = sorted(segment.x0 for row in rows for segment in row.segments)
    columns: list[float] = []
    for x in starts:
        if not columns or x - columns[-1] > 2 * rows[0].line.height:
            columns.append(x)
    return columns


def _join_cell(parts: list[list[Glyph]], vocabulary: frozenset[str]) -> str:
    glyphs: list[Glyph] = []
    for part in parts:
        glyphs = join(glyphs, part, vocabulary)
    # A cell set wholly in bold is a heading cell ("Date of review:"): the bold is the table's.
    whole = all(g.bold for g in glyphs if not g.char.isspace())
    return styled(glyphs, plain=whole).replace("\t", " ")


@dataclass(frozen=True, slots=True)
class PageJoin:
    """A place where a block was run on across a page break: text on one page and text at
    the top of a later one were joined, as one paragraph, list item, finding or table."""

    page: int
    """The page the block runs on from, counted from 1."""
    next_page: int
    """The page it runs on to (the next page with text)."""
    kind: str
    """The block's kind: "paragraph", "numbered", "bullet", "table" or "heading"."""
    label: str
    """A numbered block's number ("1.12"), else ""."""
    before: str
    """The last words before the break ("…" in front where the line has more)."""
    after: str
    """The first words after it ("…" after them where the line has more)."""


def page_joins(blocks: list[Block], words: int = 6) -> list[PageJoin]:
    """Every place where :func:`build_blocks` ran a block on across a page break, in order,
    with up to ``words`` words each side of the join."""
    joins: list[PageJoin] = []
    for block in blocks:
        label = block.rows[0].label if block.kind == "numbered" else ""
        for above, below in itertools.pairwise(block.rows):
            if above.line.page == below.line.page:
                continue
            last, first = above.line.text.split(), below.line.text.split()
            joins.append(
                PageJoin(
                    above.line.page + 1,
                    below.line.page + 1,
                    block.kind,
                    label,
                    ("\u2026" if len(last) > words else "") + " ".join(last[-words:]),
                    " ".join(first[:words]) + ("\u2026" if len(first) > words else ""),
                )
            )
    return joins
