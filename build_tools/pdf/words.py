"""Runs of glyphs as text: bold and italic kept as ``**``/``*``, lines of a paragraph joined.

Words split at a line end are rejoined: soft hyphens always, a hyphen typed in the text only
when the report spells the word unhyphenated elsewhere ("safe-/guarding"), never in
"multi-/agency".
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from .glyphs import Glyph


def styled(glyphs: Sequence[Glyph], plain: bool = False) -> str:
    """Text with ``**bold**`` and ``*italic*`` where the fonts change.

    Markers are opened and closed like tags, so an italic paragraph with one bold word reads
    ``*… to be **good**. For …*``; they sit against the words, never against a space.
    """
    text = "".join(g.char for g in glyphs)
    if plain or not any(g.bold or g.italic for g in glyphs if not g.char.isspace()):
        return text
    out: list[str] = []
    stack: list[str] = []
    pending = ""  # spaces waiting until the next word shows which markers close before them
    for glyph in glyphs:
        if glyph.char.isspace():
            pending += glyph.char
            continue
        wanted = [m for m, on in (("**", glyph.bold), ("*", glyph.italic)) if on]
        if wanted != [m for m in stack if m in wanted] or any(m not in wanted for m in stack):
            reopen: list[str] = []
            while stack and any(m not in wanted for m in stack):
                closing = stack.pop()
                out.append(closing)
                if closing in wanted:
                    reopen.append(closing)
            out.append(pending)
            pending = ""
            for marker in [
                *reversed(reopen),
                *(m for m in wanted if m not in stack and m not in reopen),
            ]:
                stack.append(marker)
                out.append(marker)
        out.append(pending + glyph.char)
        pending = ""
    out.extend(reversed(stack))
    out.append(pending)
    return "".join(out)


def _space(left: Glyph, right: Glyph) -> Glyph:
    return Glyph(
        " ",
        left.x1,
        right.x0,
        left.bottom,
        left.top,
        left.baseline,
        left.bold and right.bold,
        left.italic and right.italic,
    )


def join(left: list[Glyph], right: list[Glyph], vocabulary: frozenset[str]) -> list[Glyph]:
    """Join two lines of one paragraph, repairing a word split at the line end."""
    if not left or not right:
        return [*left, *right]
    last = left[-1]
    if last.soft:
        return [*left[:-1], *right]
    if last.char == "-" and len(left) > 1 and left[-2].char.isalnum():
        head = "".join(g.char for g in left[:-1])
        tail = "".join(g.char for g in right)
        letters = re.search(r"[A-Za-z]+$", head)
        rest = re.match(r"[a-z]+", tail)
        if letters and rest and split_word(letters[0], rest[0], vocabulary):
            return [*left[:-1], *right]
        return [*left, *right]  # "multi-" / "agency", "pan-" / "Dorset": the hyphen is real
    return [*left, _space(last, right[0]), *right]


def trim(glyphs: list[Glyph]) -> list[Glyph]:
    start, end = 0, len(glyphs)
    while start < end and glyphs[start].char.isspace():
        start += 1
    while end > start and glyphs[end - 1].char.isspace():
        end -= 1
    return glyphs[start:end]


# Prefixes that make hyphenated words ("pro-active", "under-utilised", "peri-natal"): a "-"
# after one of them at a line end is the author's, even where the report also closes it up.
_PREFIXES = frozenset(
    re.findall(
        r"\w+",
        "ante anti co counter cross de e ex extra inter intra mid multi non off on out over peri "
        "post pre pro re self semi sub super trans un under up well",
    )
)


def split_word(head: str, tail: str, vocabulary: frozenset[str]) -> bool:
    """Whether "head-" at a line end and "tail" below are one word the renderer split.

    Only when the report spells the word whole elsewhere and never with the hyphen, the part
    below is not a word of its own ("under-" / "utilised") and the part above is not a prefix
    ("pro-" / "active"): otherwise the hyphen is the author's.
    """
    head, tail = head.lower(), tail.lower()
    return (
        head + tail in vocabulary
        and f"{head}-{tail}" not in vocabulary
        and tail not in vocabulary
        and head not in _PREFIXES
    )
