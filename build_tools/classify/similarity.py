"""Recommendations in different reports that say substantially the same thing.

Texts are compared as TF-IDF vectors of character 3- to 5-grams within words (scikit-learn's
``TfidfVectorizer(analyzer="char_wb")``, sub-linear term frequency) by cosine similarity: a
standard, well-tested measure of how much two texts share their distinctive wording, which
also sees "midwife" in "midwifery" and "supervision" in "supervised". Only
pairs from *different* reports are linked: a text repeated inside one report is several
distinct recommendations and is never merged. The similarity matrix is computed in blocks so
memory stays bounded for the whole programme (~7,000 recommendations).
"""

from __future__ import annotations

from dataclasses import dataclass

from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.metrics.pairwise import cosine_similarity

#: Pairs at or above this cosine similarity are "similar". Chosen by reading the seed pairs on
#: either side: 0.48-0.53 are the same ask in other words (adult ED / MIU documentation for
#: hidden harm; midwifery preceptorship; capacity of safeguarding teams), while 0.44-0.47 mix
#: in different asks that share vocabulary (parental mental health vs. MIU mental health
#: training; level three training vs. supervision). Precision first.
THRESHOLD = 0.48
_BLOCK = 1000


@dataclass(frozen=True, slots=True)
class Item:
    """One recommendation to compare."""

    report: str
    """Report slug."""
    anchor: str
    """Anchor on the report page."""
    text: str
    """Plain text."""


@dataclass(frozen=True, slots=True)
class Pair:
    """Two similar recommendations from different reports (``first`` < ``second``)."""

    first: int
    """Index of one item."""
    second: int
    """Index of the other."""
    score: float
    """Cosine similarity, rounded to three decimals so output is stable."""


def similar_pairs(items: list[Item], threshold: float = THRESHOLD) -> list[Pair]:
    """Every cross-report pair whose similarity is at least ``threshold``, sorted."""
    if len(items) < 2:
        return []
    vectorizer = TfidfVectorizer(
        analyzer="char_wb", ngram_range=(3, 5), sublinear_tf=True, lowercase=True
    )
    try:
        matrix = vectorizer.fit_transform([item.text for item in items])
    except ValueError:  # every text was empty or stop words only
        return []
    reports = [item.report for item in items]
    pairs: list[Pair] = []
    for start in range(0, len(items), _BLOCK):
        # Each block against itself and the items after it: the upper triangle only.
        block = cosine_similarity(matrix[start : start + _BLOCK], matrix[start:])
        rows, columns = (block >= threshold).nonzero()
        for row, column in zip(rows.tolist(), columns.tolist(), strict=True):
            first, second = start + row, start + column
            if second > first and reports[first] != reports[second]:
                pairs.append(Pair(first, second, round(float(block[row, column]), 3)))
    pairs.sort(key=lambda pair: (pair.first, pair.second))
    return pairs


def clusters(items: list[Item], pairs: list[Pair], min_reports: int = 3) -> list[list[int]]:
    """Groups of items joined by similar pairs that span at least ``min_reports`` reports."""
    parent = list(range(len(items)))

    def root(index: int) -> int:
        while parent[index] != index:
            parent[index] = parent[parent[index]]
            index = parent[index]
        return index

    for pair in pairs:
        a, b = root(pair.first), root(pair.second)
        if a != b:
            parent[max(a, b)] = min(a, b)
    groups: dict[int, list[int]] = {}
    for index in range(len(items)):
        groups.setdefault(root(index), []).append(index)
    found = [
        members
        for members in groups.values()
        if len({items[i].report for i in members}) >= min_reports
    ]
    found.sort(
        key=lambda members: (-len({items[i].report for i in members}), -len(members), members[0])
    )
    return found
