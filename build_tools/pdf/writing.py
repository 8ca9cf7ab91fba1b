"""Blocks to the source text in the format of ``source_reports/``.

Headings (larger type) are plain lines, bullets ``- `` (nested: `` - ``); tables and the cover's
review details are tab-separated rows (``Label:<TAB>value``), the contents' dotted leaders
``title<TAB>page``. The report's vocabulary decides whether a "-" at a line end split a word.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable, Sequence

from .glyphs import Glyph
from .paragraphs import GROUP_LINE, LEADER, Block, Row
from .words import join, split_word, styled, trim

_WORD = re.compile(r"[A-Za-z]+(?:-[A-Za-z]+)*")


def block_text(block: Block, vocabulary: frozenset[str]) -> str:
    glyphs: list[Glyph] = []
    for row in block.rows:
        glyphs = join(glyphs, trim(row.body or row.line.glyphs), vocabulary)
    # Headings, and numbered lines wholly in bold ("1. Dorset CCG should:", "2. Children in
    # need"), which the site shows as headings, are written without the bold their type gives.
    whole = "".join(g.char for g in glyphs)
    if block.kind == "numbered":
        whole = f"{block.rows[0].label} {whole}"  # the number may hang in the margin
    plain = block.kind == "heading" or (
        all(g.bold for g in glyphs if not g.char.isspace()) and GROUP_LINE.match(whole) is not None
    )
    text = styled(glyphs, plain=plain)
    if block.kind == "bullet":
        return (" " * block.level) + "- " + text
    if block.kind == "numbered":
        return f"{block.rows[0].label} {text}"
    return text


def hyphenating(rows: Sequence[Row], vocabulary: frozenset[str]) -> bool:
    """Whether the renderer split words at line ends with a plain "-" (as TeX and
    LibreOffice can): at least three line ends look like split words. Word does not split
    words unless told to, so in most PDFs a "-" ending a line is the author's own."""
    splits = 0
    for above, below in itertools.pairwise(rows):
        head = re.search(r"[A-Za-z]{2,}-$", above.line.text.rstrip())
        tail = re.match(r"[a-z]+", below.line.text.lstrip())
        if head and tail and split_word(head[0][:-1], tail[0], vocabulary):
            splits += 1
            if splits >= 3:
                return True
    return False


def collect_vocabulary(rows: Iterable[Row]) -> frozenset[str]:
    """Every word the report spells whole, hyphenated words included ("multi-agency").

    Both halves of a word cut by a hyphen at a line end are left out, so that "child-" +
    "minder" can only become "childminder" if the report writes "childminder" somewhere else,
    and "minder" counts as a word only where it stands alone.
    """
    words: set[str] = set()
    cut = False  # the line above ended in "-"
    for row in rows:
        text = row.line.text.strip()
        for index, match in enumerate(_WORD.finditer(text)):
            if (match.end() == len(text) - 1 and text.endswith("-")) or (
                cut and index == 0 and match.start() == 0
            ):
                continue
            words.add(match[0].lower())
        cut = text.endswith("-")
    return frozenset(words)


def render(blocks: list[Block], vocabulary: frozenset[str]) -> str:
    out: list[str] = []
    previous = ""
    for block in blocks:
        if block.kind == "table":
            lines = [_table_line(cells) for cells in block.cells]
            if out:
                out.append("")
            out.extend(line for line in lines if line)
            previous = "table"
            continue
        text = block_text(block, vocabulary)
        if not text.strip():
            continue
        if not (block.kind == "bullet" and previous == "bullet") and out:
            out.append("")
        out.append(text)
        previous = block.kind
    return "\n".join(out) + "\n"


def _table_line(cells: list[str]) -> str:
    cells = [cell.strip() for cell in cells]
    while cells and not cells[-1]:
        cells.pop()
    if len(cells) == 2 and (leader := LEADER.match(f"{cells[0]} ... {cells[1]}")):
        return f"{leader['title']}\t{leader['page']}"
    return "\t".join(cells)


def leaders(blocks: list[Block], vocabulary: frozenset[str]) -> list[Block]:
    """Contents lines written with dotted leaders become ``title<TAB>page`` table rows."""
    out: list[Block] = []
    for block in blocks:
        if block.kind == "paragraph" and len(block.rows) == 1:
            match = LEADER.match(block_text(block, vocabulary))
            if match:
                cells = [match["title"], match["page"]]
                if out and out[-1].kind == "table" and LEADER.match(out[-1].rows[-1].line.text):
                    out[-1].rows.append(block.rows[0])
                    out[-1].cells.append(cells)
                else:
                    out.append(Block("table", list(block.rows), cells=[cells]))
                continue
        out.append(block)
    return out
