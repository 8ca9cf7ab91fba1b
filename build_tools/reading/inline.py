"""The reports' inline markup, read with markdown-it-py and written back out safely.

Source text carries light Markdown: ``**bold**``, ``*italic*`` and ``[Recommendation 1.1](#)``.
markdown-it-py reads it with raw HTML, entities, escapes and code spans switched off, so
whatever else the text holds (``<script>``, ``{{ … }}``, ``{: #id }``, ``&amp;``) stays
literal text. :func:`to_markdown` then writes Python-Markdown that can only show that text:
every character Python-Markdown or its extensions could read as syntax becomes a numeric
character reference. Unbalanced ``*`` left over from PDF conversion is dropped rather than
shown as stray asterisks.
"""

from __future__ import annotations

import bisect
import functools
import html
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from markdown_it import MarkdownIt
from markdown_it.token import Token

from .text import find_citations

_MD = MarkdownIt("commonmark", {"html": False}).disable(
    ["entity", "escape", "backticks", "autolink", "image"]
)

# Characters that Python-Markdown (with the extensions in mkdocs.yml) could read as syntax
# anywhere in a line, and those that only matter at the start of a line.
_ANYWHERE = set("\\`*_{}[]<>&|~^")
_LINE_START = set("#>+-=!%")
_ESCAPES = {ord(ch): f"&#{ord(ch)};" for ch in _ANYWHERE}
# A run of "*" that markdown-it left as text is debris from PDF conversion ("should:**")
# unless it stands alone between spaces, as in "7 * 7".
_STRAY_MARKERS = re.compile(r"(?<!\s)\*+|\*+(?!\s)")


def _drop_stray_markers(text: str) -> str:
    if not text.replace("*", "").strip():
        return text if not text.strip() else ""
    return _STRAY_MARKERS.sub(lambda m: m[0] if _lone(text, m) else "", text)


def _lone(text: str, match: re.Match[str]) -> bool:
    before = text[match.start() - 1] if match.start() else " "
    after = text[match.end()] if match.end() < len(text) else " "
    return before.isspace() and after.isspace()


_ORDERED_START = re.compile(r"^(\d+)([.)])")


def escape(text: str, line_start: bool = True) -> str:
    """Make ``text`` literal in Python-Markdown output."""
    out = text.translate(_ESCAPES)
    if line_start:
        if out[:1] in _LINE_START:
            out = f"&#{ord(out[0])};{out[1:]}"
        out = _ORDERED_START.sub(lambda m: f"{m[1]}&#{ord(m[2])};", out)
    return out


#: Maps a cited recommendation id to the link target, or None when it does not exist.
CiteTarget = Callable[[str], str | None]


@dataclass(frozen=True, slots=True)
class _Piece:
    kind: str  # "text", "open", "close", "link-open" or "link-close"
    value: str = ""


def _children(markup: str) -> list[Token]:
    tokens = _MD.parseInline(markup)
    return list(tokens[0].children or []) if tokens else []


def _walk(markup: str) -> Iterator[_Piece]:
    """Flatten the inline tokens into text, emphasis and link pieces."""
    link_stack: list[bool] = []
    for token in _children(markup):
        if token.type == "text":
            yield _Piece("text", _drop_stray_markers(token.content))
        elif token.type in ("softbreak", "hardbreak"):
            yield _Piece("text", " ")
        elif token.type in ("strong_open", "em_open"):
            yield _Piece("open", "strong" if token.type == "strong_open" else "em")
        elif token.type in ("strong_close", "em_close"):
            yield _Piece("close", "strong" if token.type == "strong_close" else "em")
        elif token.type == "link_open":
            href = str(token.attrs.get("href", ""))
            real = bool(re.match(r"^(?:https?:|mailto:)", href, re.IGNORECASE))
            link_stack.append(real)
            if real:
                yield _Piece("link-open", href)
        elif token.type == "link_close":
            if link_stack.pop() if link_stack else False:
                yield _Piece("link-close")
        elif token.content:
            yield _Piece("text", _drop_stray_markers(token.content))


@dataclass(frozen=True, slots=True)
class _Link:
    """A stretch of one text piece that links to one recommendation."""

    rec: str
    start: int
    end: int


def _citations(pieces: list[_Piece]) -> tuple[list[tuple[str, ...]], dict[int, list[_Link]]]:
    """Every citation's ids, and per text piece the stretches to link.

    Citations are found in the text with formatting removed, so "(**Recommendation** 1.3)"
    and "(Recommendation **1.4**)" count; each id is then located in the piece that holds it.
    Text inside a real web link never counts (a link cannot hold another).
    """
    parts: list[str] = []
    starts: list[int] = []
    indexes: list[int] = []
    length = 0
    in_link = False
    for index, piece in enumerate(pieces):
        in_link = (in_link or piece.kind == "link-open") and piece.kind != "link-close"
        if piece.kind == "text":
            value = "\x00" * len(piece.value) if in_link else piece.value
            starts.append(length)
            indexes.append(index)
            parts.append(value)
            length += len(value)

    def locate(begin: int, finish: int) -> tuple[int, int, int] | None:
        slot = bisect.bisect_right(starts, begin) - 1
        if slot < 0 or finish > starts[slot] + len(parts[slot]):
            return None  # the stretch crosses formatting: cite it, but do not link it
        return indexes[slot], begin - starts[slot], finish - starts[slot]

    cited: list[tuple[str, ...]] = []
    links: dict[int, list[_Link]] = {}
    for span in find_citations("".join(parts)):
        cited.append(tuple(rec for rec, _, _ in span.ids))
        whole = locate(span.start, span.end) if len(span.ids) == 1 else None
        stretches = (
            [(span.ids[0][0], whole)]
            if whole
            else [(rec, locate(begin, finish)) for rec, begin, finish in span.ids]
        )
        for rec, where in stretches:
            if where is not None:
                index, begin, finish = where
                links.setdefault(index, []).append(_Link(rec, begin, finish))
    return cited, links


def citation_groups(markup: str) -> list[tuple[str, ...]]:
    """The ids of each citation in ``markup``, found just as the renderer links them."""
    return _citations(list(_walk(markup)))[0]


def citations_in(markup: str) -> list[str]:
    """Recommendation ids cited in ``markup``, in order (repeats kept)."""
    return [rec for group in citation_groups(markup) for rec in group]


@functools.lru_cache(maxsize=1 << 16)
def plain_text(markup: str) -> str:
    """The words of ``markup`` without any formatting.

    Cached: classification, similarity, downloads and rendering all ask for the same texts.
    """
    text = "".join(piece.value for piece in _walk(markup) if piece.kind == "text")
    return re.sub(r"\s+", " ", text).strip()


def appearance(markup: str) -> tuple[tuple[str, bool, bool], ...]:
    """How ``markup`` looks: each word with whether it is bold and italic.

    Markup that looks the same compares equal: ``*a.* *b*`` and ``*a. b*``, or
    ``***x***`` however its markers nest. Used to check that an import reproduces a report.
    """
    words: list[tuple[str, bool, bool]] = []
    bold = italic = 0
    current: list[tuple[str, bool, bool]] = []

    def close_word() -> None:
        if current:
            words.extend(current)
            words.append((" ", False, False))
            current.clear()

    for piece in _walk(markup):
        if piece.kind in ("open", "close"):
            step = 1 if piece.kind == "open" else -1
            if piece.value == "strong":
                bold = max(0, bold + step)
            else:
                italic = max(0, italic + step)
        elif piece.kind == "text":
            for char in piece.value:
                if char.isspace():
                    close_word()
                else:
                    current.append((char, bold > 0, italic > 0))
    close_word()
    return tuple(words[:-1])


def _linked_text(text: str, links: list[_Link], target: CiteTarget, first: bool) -> str:
    out: list[str] = []
    position = 0
    for link in links:
        out.append(escape(text[position : link.start], first and position == 0))
        href = target(link.rec)
        label = escape(text[link.start : link.end], False)
        if href is None:
            out.append(
                f'<span class="clas-dangling" title="Recommendation {link.rec} does not exist '
                f'in this report">{label} <span class="clas-flag">(no such recommendation)'
                "</span></span>"
            )
        else:
            out.append(f"[{label}]({href})")
        position = link.end
    out.append(escape(text[position:], first and position == 0))
    return "".join(out)


def to_markdown(markup: str, target: CiteTarget | None = None) -> str:
    """Render source markup as safe Markdown; citations become links via ``target``."""
    pieces = list(_walk(markup))
    links = _citations(pieces)[1] if target is not None else {}
    out: list[str] = []
    open_tags: list[str] = []
    for index, piece in enumerate(pieces):
        first = not out
        if piece.kind == "text":
            if target is not None and index in links:
                out.append(_linked_text(piece.value, links[index], target, first))
            else:
                out.append(escape(piece.value, first))
        elif piece.kind == "open":
            open_tags.append(piece.value)
            out.append(f"<{piece.value}>")
        elif piece.kind == "close" and open_tags:
            out.append(f"</{open_tags.pop()}>")
        elif piece.kind == "link-open":
            out.append(f'<a href="{html.escape(piece.value, quote=True)}">')
        elif piece.kind == "link-close":
            out.append("</a>")
    out.extend(f"</{tag}>" for tag in reversed(open_tags))
    rendered = "".join(out)
    # Drop empty emphasis left by markup debris such as "****".
    return re.sub(r"<(strong|em)>\s*</\1>", "", rendered).strip()
