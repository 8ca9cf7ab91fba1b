"""Small text helpers shared by the stages: slugs, anchors and the citation grammar."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

_NON_ALNUM = re.compile(r"[^a-z0-9]+")


def slugify(text: str) -> str:
    """Lower-case ASCII slug: every run of other characters becomes one hyphen.

    >>> slugify("Stafford & Surrounds CCG")
    'stafford-surrounds-ccg'
    """
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return _NON_ALNUM.sub("-", ascii_text.lower()).strip("-")


def id_anchor(prefix: str, item_id: str) -> str:
    """``finding`` + ``5.1.3`` → ``finding-5-1-3``."""
    return f"{prefix}-{item_id.replace('.', '-')}"


# What converters put before a list item: "-", "*", "+", bullets (U+2022, U+2023, U+2043, U+25AA,
# U+25AB, U+25CF, U+25E6, U+00B7, U+2219, U+F0B7 from Word's Symbol font) and dashes.
LIST_MARKER = "[-*+\u2022\u2023\u2043\u25aa\u25ab\u25cf\u25e6\u00b7\u2219\uf0b7\u2013\u2014]"
# A line that starts a block of its own: a list item, or a numbered finding, recommendation,
# group or heading ("1.1 The …", "1.2 iCaSH …", "1. Early help"), but not a quantity ("1.5
# million").
BLOCK_START = re.compile(
    rf"^(?:{LIST_MARKER}(?:\s|$)|(?:{LIST_MARKER}\s*)?[*_]{{0,3}}"
    r"(?:\d{1,2}(?:\.\d{1,2}){1,2}\.?|\d{1,2}\.)[*_]{0,3}\s+"
    r"(?:[^\W\d_a-z]|[(\[\"'\u2018\u201c*_]|[a-z]+[A-Z]))"
)

# A list item that is not a numbered paragraph ("- The focus was …", not "- 1.1 The …").
LIST_ITEM = re.compile(rf"^{LIST_MARKER}\s+(?![*_]{{0,3}}\d{{1,2}}\.)")

# A recommendation id is "group.item" with one or two digits each; it must not be the start
# of a longer dotted number (5.2.1 is a paragraph, not recommendation 5.2).
RECOMMENDATION_ID = r"\d{1,2}\.\d{1,2}(?!\.?\d)"
# Lists are joined by commas, "and", "&", an Oxford comma (", and") or a stray comma; some
# converters end every number with a dot ("Recommendations 4.2. and 5.1.").
ID_LIST_SEPARATOR = r"(?:\.?(?:\s*,\s*(?:and\s+|&\s+)?|\s+(?:and|&)\s+))"
_CITATION = re.compile(
    rf"\bRecommendations?\b[\s,:*_]{{0,6}}"
    rf"(?P<ids>{RECOMMENDATION_ID}(?:{ID_LIST_SEPARATOR}{RECOMMENDATION_ID})*)",
    re.IGNORECASE,
)
_ONE_ID = re.compile(RECOMMENDATION_ID)


@dataclass(frozen=True, slots=True)
class CitationSpan:
    """Where a citation sits in a string."""

    start: int
    """Offset of the word "Recommendation"."""
    end: int
    """Offset just after the last id."""
    ids: tuple[tuple[str, int, int], ...]
    """Each cited id with its own start and end offsets."""


def find_citations(text: str) -> list[CitationSpan]:
    """Find recommendation citations in running text.

    Only ids that follow the word "Recommendation(s)" count, so paragraph references such as
    "(para 1.9)" or "paragraphs 3.8 and 3.9" are not citations, and in
    "(Recommendation 1.4 as at 3.1 above)" only 1.4 is cited: the list stops at "as at".
    """
    spans: list[CitationSpan] = []
    for match in _CITATION.finditer(text):
        base = match.start("ids")
        ids = tuple(
            (one.group(0), base + one.start(), base + one.end())
            for one in _ONE_ID.finditer(match.group("ids"))
        )
        spans.append(CitationSpan(match.start(), match.end(), ids))
    return spans
