"""The themes taxonomy, its phrase semantics, overrides and the similarity of recommendations."""

from __future__ import annotations

from pathlib import Path

import pytest

from build_tools.classify.similarity import Item, clusters, similar_pairs
from build_tools.classify.themes import (
    Assignment,
    Taxonomy,
    apply_overrides,
    classify_text,
    compile_phrase,
    load_overrides,
    load_taxonomy,
)

TAXONOMY = """\
version: 3
facets:
  - {id: practice, label: Practice issue}
themes:
  - id: health-assessments
    label: Health assessments for looked after children
    facet: practice
    description: Initial and review health assessments.
    phrases: [review health assessment*, IHA, looked after children's health]
    exclude: [adult health assessment]
  - id: domestic-abuse
    label: Domestic abuse and MARAC
    facet: practice
    description: Domestic abuse.
    phrases: [domestic abuse, MARAC]
"""


@pytest.fixture
def taxonomy(tmp_path: Path) -> Taxonomy:
    path = tmp_path / "themes.yml"
    path.write_text(TAXONOMY, encoding="utf-8")
    loaded, problems = load_taxonomy(path, "themes.yml")
    assert problems == []
    return loaded


@pytest.mark.parametrize(
    ("phrase", "text", "matched"),
    [
        ("domestic abuse", "risk of Domestic Abuse at booking", "Domestic Abuse"),
        ("looked after", "looked-after children", "looked-after"),
        ("safeguard*", "safeguarding supervision", "safeguarding"),
        ("health visitors and school nurses", "health visitors & school nurses", None),
        ("IHA", "the IHA was late", "IHA"),
        ("IHA", "an iha", ""),
        ("ED", "attended the ED twice", "ED"),
        ("ED", "he was discharged", ""),
        ("MARAC", "MARACs", ""),
    ],
)
def test_phrase_semantics(phrase: str, text: str, matched: str | None) -> None:
    match = compile_phrase(phrase).search(text)
    if matched == "":
        assert match is None
    else:
        assert match is not None
        if matched is not None:
            assert match.group(0) == matched


def test_classification_keeps_the_evidence_and_honours_exclusions(taxonomy: Taxonomy) -> None:
    text = "Ensure review health assessments consider domestic abuse and MARAC outcomes."
    assigned = classify_text(text, taxonomy)
    assert [(a.theme, a.evidence) for a in assigned] == [
        ("health-assessments", "review health assessments"),
        ("domestic-abuse", "domestic abuse"),
    ]
    assert text[assigned[0].start : assigned[0].end] == "review health assessments"
    vetoed = classify_text("An adult health assessment and the IHA.", taxonomy)
    assert [a.theme for a in vetoed] == []
    assert classify_text("Improve signage in waiting areas.", taxonomy) == ()


def test_overrides_add_and_remove(tmp_path: Path, taxonomy: Taxonomy) -> None:
    path = tmp_path / "theme_overrides.yml"
    path.write_text(
        "overrides:\n"
        "  - item: medway-2016#rec-1-2\n"
        "    add: [health-assessments]\n"
        "    remove: [domestic-abuse]\n"
        "    reason: The enquiry is part of the looked after child's assessment.\n"
        "  - item: medway-2016#rec-1-3\n"
        "    add: [no-such-theme]\n"
        "    remove: []\n",
        encoding="utf-8",
    )
    overrides, problems = load_overrides(path, taxonomy, "theme_overrides.yml")
    assert [p.format() for p in problems] == [
        "theme_overrides.yml:6: ERROR: override names unknown theme(s) no-such-theme "
        "[unknown-theme]"
    ]
    before = (Assignment("domestic-abuse", "domestic abuse", 0, 14),)
    after = apply_overrides("medway-2016#rec-1-2", before, overrides)
    assert [(a.theme, a.override) for a in after] == [("health-assessments", True)]
    assert after[0].evidence.startswith("The enquiry")
    assert apply_overrides("medway-2016#rec-9-9", before, overrides) == before


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (
            (
                "facet: practice\n    description: Domestic",
                "facet: nope\n    description: Domestic",
            ),
            "themes.yml:11: ERROR: theme domestic-abuse has unknown facet 'nope'; use one of "
            "practice [taxonomy-invalid]",
        ),
        (
            ("id: domestic-abuse", "id: health-assessments"),
            "themes.yml:11: ERROR: theme id health-assessments is used twice (or is reserved) "
            "[taxonomy-invalid]",
        ),
        (
            ("phrases: [domestic abuse, MARAC]", "phrases: []"),
            "themes.yml:11: ERROR: theme domestic-abuse needs 'phrases:' (and 'exclude:') as "
            "lists of text [taxonomy-invalid]",
        ),
        (
            ("id: domestic-abuse", "id: Domestic Abuse"),
            "themes.yml:11: ERROR: theme id 'Domestic Abuse' must be a slug such as "
            "'domestic-abuse' [taxonomy-invalid]",
        ),
    ],
)
def test_taxonomy_validation(tmp_path: Path, change: tuple[str, str], message: str) -> None:
    old, new = change
    assert old in TAXONOMY
    path = tmp_path / "themes.yml"
    path.write_text(TAXONOMY.replace(old, new), encoding="utf-8")
    taxonomy, problems = load_taxonomy(path, "themes.yml")
    assert [p.format() for p in problems] == [message]
    assert [t.id for t in taxonomy.themes] == ["health-assessments"] or "used twice" in message


def test_similarity_never_pairs_items_of_one_report() -> None:
    same = "Ensure the trust's safeguarding team has sufficient capacity to fully discharge."
    items = [
        Item("staffordshire-2016", "rec-1-10", same),
        Item("staffordshire-2016", "rec-2-3", same),
        Item("dorset-2016", "rec-2-13", same.replace("trust's", "lead midwife's")),
        Item("medway-2016", "rec-1-1", "Improve signage in the waiting room of the clinic."),
    ]
    pairs = similar_pairs(items)
    assert {(p.first, p.second) for p in pairs} == {(0, 2), (1, 2)}
    assert all(0.48 <= p.score <= 1 for p in pairs)
    # Two reports only: no recurring group yet; the repeated texts stay two items.
    assert clusters(items, pairs) == []
    items.append(Item("leicester-city-2016", "rec-3-6", same))
    groups = clusters(items, similar_pairs(items))
    assert groups == [[0, 1, 2, 4]]


def test_similarity_handles_empty_input() -> None:
    assert similar_pairs([]) == []
    assert similar_pairs([Item("a", "rec-1-1", ""), Item("b", "rec-1-1", "")]) == []


def test_prefilter_never_changes_what_is_assigned() -> None:
    """Themes are only tried on texts holding a telling word of a phrase; on every finding
    and recommendation of the seeds this assigns exactly what trying every theme does."""
    from build_tools.build import parse_file
    from build_tools.classify.catalogue import item_text
    from build_tools.classify.themes import phrase_triggers
    from tests.conftest import ROOT, SEED_REPORTS

    taxonomy, _ = load_taxonomy(ROOT / "source_reports" / "themes.yml")
    assert all(theme.triggers for theme in taxonomy.themes)
    assert not taxonomy.always
    texts: list[str] = []
    for path in SEED_REPORTS:
        report, _ = parse_file(path, ROOT)
        assert report is not None
        texts += [item_text(finding) for finding in report.findings]
        texts += [item_text(rec) for rec in report.recommendations]
    assigned = 0
    for text in texts:
        brute = tuple(
            Assignment(theme.id, best.group(0), best.start(), best.end())
            for theme in taxonomy.themes
            if theme.pattern is not None
            and (best := theme.pattern.search(text)) is not None
            and not (theme.veto is not None and theme.veto.search(text))
        )
        assert classify_text(text, taxonomy) == brute, text
        assigned += len(brute)
    assert assigned > 500
    assert phrase_triggers(("midwi*", "children's health", "Looked after and")) == (
        (frozenset(), ("midwi",)),
        (frozenset({"health"}), ("children's",)),
        (frozenset({"looked", "after"}), ()),
    )
    assert phrase_triggers(("and &",)) is None
