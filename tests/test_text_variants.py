"""Text variants of the five seed reports parse as the originals do.

Each transformation in :mod:`build_tools.devtools.variants` rewrites a report the way some
converter would (list markers before numbers, "1.1." numbers, wrapped lines, headings in
capitals, emphasis around citations, typographic quotes, no-break spaces, blank lines). A
variant must give the same findings, recommendations, groups, citations, public-health notes,
sections and case examples. Hypothesis draws combinations with a fixed seed
(``derandomize``), so ``make test`` runs the same cases every time; the counts are printed at
the end of the run. ``make text-variants`` runs many more, on synthetic reports too.
"""

from __future__ import annotations

import random
import re
import textwrap
from collections import Counter
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from build_tools.devtools.variants import (
    TRANSFORMS,
    apply,
    differences,
    list_markers,
    parse_text,
    trailing_dots,
    wrap_lines,
)
from build_tools.model import Report
from build_tools.reading.source import decode
from tests.conftest import SEED_REPORTS

#: Variants run and failed in this session, printed by ``tests/conftest.py``.
COUNTS: Counter[str] = Counter()

_PARSED: dict[Path, tuple[str, Report]] = {}


def original(path: Path) -> tuple[str, Report]:
    if path not in _PARSED:
        text = path.read_text("utf-8")
        report = parse_text(text, path.name)
        assert report is not None
        _PARSED[path] = (text, report)
    return _PARSED[path]


def check(path: Path, names: list[str], seed: int) -> list[str]:
    text, report = original(path)
    variant = parse_text(apply(names, text, report, seed), path.name)
    lost = differences(report, variant)
    COUNTS["ran"] += 1
    COUNTS["failed"] += bool(lost)
    return lost


@pytest.mark.parametrize("name", list(TRANSFORMS))
@pytest.mark.parametrize("path", SEED_REPORTS, ids=lambda path: path.stem[:3])
def test_each_transformation_keeps_the_parse(path: Path, name: str) -> None:
    for seed in range(3):
        assert check(path, [name], seed) == [], f"{name}, seed {seed}"


@settings(
    max_examples=60,
    derandomize=True,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.too_slow],
)
@given(
    path=st.sampled_from(SEED_REPORTS),
    names=st.sets(st.sampled_from(list(TRANSFORMS)), min_size=2),
    seed=st.integers(0, 2**32 - 1),
)
def test_any_combination_keeps_the_parse(path: Path, names: set[str], seed: int) -> None:
    assert check(path, sorted(names), seed) == []


# -- the cases the transformations stand for, each pinned on its own -------------------------


def test_every_list_marker_before_every_number() -> None:
    """Each marker converters write, before every finding, recommendation and group line."""
    text, report = original(SEED_REPORTS[2])
    for marker in ("\u2022 ", "* ", "+ ", "  - ", "-\t", "\t", "\uf0b7\t", "\u2013 "):
        variant = parse_text(list_markers(text, report, _Always(marker)))
        assert differences(report, variant) == [], repr(marker)


class _Always(random.Random):
    """Marks every numbered line, always with ``marker``."""

    def __init__(self, marker: str) -> None:
        super().__init__(0)
        self.marker = marker

    def random(self) -> float:
        return 0.0

    def choice(self, seq: object) -> str:  # type: ignore[override]
        return self.marker


def test_numbers_and_citations_with_a_trailing_dot() -> None:
    """ "1.1." for every number and "(Recommendations 4.2. and 5.1.)" in citations."""
    text, report = original(SEED_REPORTS[1])
    dotted = trailing_dots(text, report, random.Random(0))
    assert re.search(r"Recommendations \d{1,2}\.\d{1,2}\. and \d{1,2}\.\d{1,2}\.", dotted)
    assert differences(report, parse_text(dotted)) == []


@pytest.mark.parametrize("width", [30, 45, 72, 100, 160])
def test_lines_wrapped_at_a_width_are_joined_back(width: int) -> None:
    text, report = original(SEED_REPORTS[0])

    class Width(random.Random):
        def randint(self, a: int, b: int) -> int:
            return width

    wrapped = wrap_lines(text, report, Width(1))
    assert max(len(line) for line in wrapped.split("\n") if "\t" not in line) <= width + 20
    source, found = decode("wrapped.txt", wrapped.encode())
    assert source is not None
    assert [d.code for d in found] == ["wrapped-lines"]
    assert differences(report, parse_text(wrapped)) == []


def test_a_report_that_is_not_wrapped_is_left_alone() -> None:
    """Short lines in a row (a list of hospitals, a citation on a line of its own) are not
    joined in a report whose paragraphs are on one line each."""
    for path in SEED_REPORTS:
        _, found = decode(path.name, path.read_bytes())
        assert "wrapped-lines" not in [d.code for d in found]


def test_a_wrapped_dash_goes_on_but_a_list_item_does_not() -> None:
    lines = [
        "1.1 The partners, the CCGs and the commissioned health",
        "- SSOTP and SSSFT - meet to focus on quality and on the",
        "effectiveness of the services they provide.",
        "",
        "We looked at:",
        "- the role of healthcare providers and commissioners in",
        "the area.",
        "- the contribution of health services.",
    ]
    # Thirty paragraphs wrapped at one width (50) show that the text is wrapped.
    filler = textwrap.wrap("Words of a finding that is long enough to go on. " * 8, 50)
    source, _ = decode("r.txt", "\n".join(lines + ["", *filler] * 30).encode())
    assert source is not None
    texts = [line.text for line in source.lines if line.text][:4]
    assert texts == [
        "1.1 The partners, the CCGs and the commissioned health - SSOTP and SSSFT - meet to "
        "focus on quality and on the effectiveness of the services they provide.",
        "We looked at:",
        "- the role of healthcare providers and commissioners in the area.",
        "- the contribution of health services.",
    ]
