"""What a PDF round trip is judged by (``build_tools.devtools.compare``), and the layout
sweep's bookkeeping (``build_tools.devtools.pdf_variants``), without a browser."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

from build_tools.devtools.compare import differences
from build_tools.devtools.pdf_variants import (
    BY_NAME,
    VARIANTS,
    Outcome,
    break_places,
    markdown,
    summary,
)
from build_tools.pdf.importer import layout
from tests.conftest import SEED_REPORTS
from tests.roundtrip import parsed
from tests.test_import_check import SPLIT, report_pages

SEED = SEED_REPORTS[0]


def _edited(tmp_path: Path, line: int, old: str, new: str) -> Path:
    """The seed with ``old`` replaced by ``new`` in its line ``line`` (counted from 1)."""
    lines = SEED.read_text(encoding="utf-8").split("\n")
    assert old in lines[line - 1]
    lines[line - 1] = lines[line - 1].replace(old, new, 1)
    target = tmp_path / SEED.name
    target.write_text("\n".join(lines), encoding="utf-8")
    return target


def test_a_report_is_the_same_as_itself() -> None:
    assert differences(SEED, SEED) == []


def test_a_word_split_by_a_ligature_is_named_with_its_finding(tmp_path: Path) -> None:
    """ "identifi ed" for "identified": what the sans-serif layouts gave before ligatures were
    read whole."""
    pattern = re.compile(r"\b[a-z]*fi[a-z]+\b")
    finding = next(f for f in parsed(SEED).findings if pattern.search(f.text))
    line = SEED.read_text(encoding="utf-8").split("\n")[finding.line - 1]
    word = pattern.search(line)
    assert word is not None
    split = word[0].replace("fi", "fi ", 1)
    imported = _edited(tmp_path, finding.line, word[0], split)
    found = differences(SEED, imported)
    assert [item.split(":")[0] for item in found] == ["findings", "words"], found
    assert f"the first to differ is finding {finding.id}: " in found[0]
    assert split in found[0]
    assert found[1].startswith(f"words: 1 lost ({word[0]!r}), 2 added (")


def test_public_health_notes_are_compared_unless_told_not_to(tmp_path: Path) -> None:
    """A note that a matter was drawn to the attention of Public Health that no longer says so
    (public "wealth")."""
    note = parsed(SEED).public_health_notes[0]
    line = SEED.read_text(encoding="utf-8").split("\n")[note.line - 1]
    said = re.search(r"public health", line, re.IGNORECASE)
    assert said is not None
    imported = _edited(tmp_path, note.line, said[0], said[0][:-6] + "wealth")
    with_notes = differences(SEED, imported)
    assert any(item.startswith("public-health notes:") for item in with_notes), with_notes
    without = differences(SEED, imported, public_health=False)
    assert not any(item.startswith("public-health notes:") for item in without)
    assert any(item.startswith("words:") for item in without)


def test_where_the_page_breaks_fell() -> None:
    """Read from the importer's blocks: the finding that runs on to the next page, and the
    breaks between blocks."""
    blocks, _, _ = layout(report_pages())
    places = break_places(blocks)
    assert places["inside a finding"] == 1, places
    assert sum(places.values()) == 2  # three pages
    assert f"1.{SPLIT}" in {block.rows[0].label for block in blocks if len(block.rows) > 1}


def test_the_sweep_counts_every_report_in_every_layout() -> None:
    outcomes = [
        Outcome("a", "r1", 3, ()),
        Outcome("a", "r2", 3, ("words: 1 lost ('x'), 0 added (none)",)),
        Outcome("b", "r1", 4, (), Counter({"inside a finding": 2})),
    ]
    assert summary(outcomes) == "ran 3 variants, 2 exact, 1 failed"
    table = markdown(outcomes, [])
    assert table.splitlines()[2].startswith("ran 3 variants, 2 exact, 1 failed")
    assert "| a | r2 | 3 | words: 1 lost ('x'), 0 added (none) |" in table
    assert "| inside a finding | 2 |" in table


def test_the_layouts_vary_what_they_say() -> None:
    names = [variant.name for variant in VARIANTS]
    assert len(set(names)) == len(names) == len(BY_NAME)
    fonts = {(v.font, v.ligatures) for v in VARIANTS}
    assert {("DejaVu Sans", True), ("DejaVu Sans", False), ("DejaVu Serif", True)} <= fonts
    assert {v.justified for v in VARIANTS} == {True, False}
    assert min(v.size for v in VARIANTS) == 9.5 and max(v.size for v in VARIANTS) == 12.0
    tops = sorted(v.margins[0] for v in VARIANTS if v.font == "DejaVu Sans" and v.size == 11)
    assert len(set(tops)) >= 4  # the page breaks moved
    css = BY_NAME["cqc-dejavu-sans-12-wide"].css()
    assert "font-variant-ligatures: common-ligatures" in css
    assert "margin: 30.0mm 25.0mm 28.0mm 25.0mm" in css
    assert "p.numbered .n { width: 14.18mm; }" in css  # the hanging number grows with the type
    assert "font-variant-ligatures: none" in BY_NAME["cqc-dejavu-sans-no-ligatures"].css()
    assert "text-align: justify" in BY_NAME["plain-dejavu-serif-ligatures"].css()
