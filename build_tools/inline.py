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
    out = "".join(f"&#{ord(ch)};" if ch in _ANYWHERE else ch for ch in text)
    if line_start:
        if out[:1] in _LINE_START:
            out = f"&#{ord(out[0])};{out[1:]}"
        out = _ORDERED_START.sub(lambda m: f"{m[1]}&#{ord(m[2])};", out)
    return out


#: Maps a cited recommendation id to the link target, or None when it does not exist.
CiteTarget = Callable[[str], str | None]


@dataclass(frozen=True, slots=True)
class _Piece:
    kind: str  # "text", "open", "close", "cite", "dangling", "link-open", "link-close"
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


def citations_in(markup: str) -> list[str]:
    """Recommendation ids cited in ``markup``, in order, found just as the renderer links them."""
    return [
        rec
        for piece in _walk(markup)
        if piece.kind == "text"
        for span in find_citations(piece.value)
        for rec, _, _ in span.ids
    ]


def plain_text(markup: str) -> str:
    """The words of ``markup`` without any formatting."""
    text = "".join(piece.value for piece in _walk(markup) if piece.kind == "text")
    return re.sub(r"\s+", " ", text).strip()


def _text_with_citations(text: str, target: CiteTarget | None, first: bool) -> str:
    if target is None:
        return escape(text, first)
    out: list[str] = []
    position = 0
    for span in find_citations(text):
        ids = span.ids
        if len(ids) == 1:  # link the whole "Recommendation 1.3", a bigger target
            ids = ((ids[0][0], span.start, span.end),)
        for rec_id, start, end in ids:
            out.append(escape(text[position:start], first and position == 0 and not out))
            href = target(rec_id)
            label = escape(text[start:end], False)
            if href is None:
                out.append(
                    f'<span class="clas-dangling" title="Recommendation {rec_id} does not exist '
                    f'in this report">{label} <span class="clas-flag">(no such recommendation)'
                    "</span></span>"
                )
            else:
                out.append(f"[{label}]({href})")
            position = end
    out.append(escape(text[position:], first and position == 0))
    return "".join(out)


def to_markdown(markup: str, target: CiteTarget | None = None) -> str:
    """Render source markup as safe Markdown; citations become links via ``target``."""
    out: list[str] = []
    open_tags: list[str] = []
    for piece in _walk(markup):
        first = not out
        if piece.kind == "text":
            out.append(_text_with_citations(piece.value, target, first))
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
