"""The glossary: its curated data, the loader's validation, lookups, and the check that every
abbreviation in a report is defined."""

from __future__ import annotations

from pathlib import Path

import pytest

from build_tools.build import parse_file
from build_tools.classify.glossary import (
    Glossary,
    abbreviation_shaped,
    abbreviation_tokens,
    load_glossary,
    report_texts,
    undefined_tokens,
)
from build_tools.classify.organisations import Registry, load_registry
from build_tools.reading.inline import plain_text
from build_tools.reading.text import slugify

ROOT = Path(__file__).resolve().parent.parent
SOURCE_REPORTS = ROOT / "source_reports"
SEED_REPORTS = sorted(SOURCE_REPORTS.glob("*.txt"))


@pytest.fixture(scope="module")
def glossary() -> Glossary:
    loaded, _ = load_glossary(SOURCE_REPORTS / "glossary.yml", "source_reports/glossary.yml")
    return loaded


@pytest.fixture(scope="module")
def registry() -> Registry:
    loaded, problems = load_registry(SOURCE_REPORTS / "organisations.yml")
    assert problems == []
    return loaded


def glossary_from(tmp_path: Path, text: str) -> tuple[Glossary, list[str]]:
    path = tmp_path / "glossary.yml"
    path.write_text(text, encoding="utf-8")
    loaded, found = load_glossary(path, "glossary.yml")
    return loaded, [item.format() for item in found]


# -- the curated glossary --------------------------------------------------------------------


def test_the_glossary_loads_without_diagnostics() -> None:
    loaded, problems = load_glossary(SOURCE_REPORTS / "glossary.yml", "source_reports/glossary.yml")
    assert [item.format() for item in problems] == []
    assert loaded.version == "1"
    assert len(loaded.terms) >= 100
    assert loaded.not_terms


@pytest.mark.parametrize(
    ("name", "term"),
    [
        ("LAC", "LAC"),
        ("CLA", "LAC"),
        ("looked after children", "LAC"),
        ("children looked after", "LAC"),
        ("IHA", "IHA"),
        ("IHAs", "IHA"),
        ("RHA", "RHA"),
        ("SDQ", "SDQ"),
        ("MASH", "MASH"),
        ("MARAC", "MARAC"),
        ("CSE", "CSE"),
        ("CAMHS", "CAMHS"),
        ("CAMHs", "CAMHS"),
        ("ED", "ED"),
        ("MIU", "MIU"),
        ("UCC", "UCC"),
        ("HV", "HV"),
        ("FNP", "FNP"),
        ("CCG", "CCG"),
        ("LSCB", "LSCB"),
        ("was not brought", "was not brought"),
        ("Think Family", "Think Family"),
        ("designated nurse", "designated professionals"),
        ("designated doctor", "designated professionals"),
        ("named nurse", "named professionals"),
        ("named midwife", "named professionals"),
        ("CiN", "CIN"),
        ("C.I.C", "CIC"),
    ],
)
def test_the_practitioner_terms_of_the_issue_are_defined(
    glossary: Glossary, name: str, term: str
) -> None:
    found = glossary.lookup(name)
    assert found is not None, f"{name} is not in the glossary"
    assert found.term == term
    assert found.definition


def test_terms_are_listed_a_to_z_each_with_its_own_anchor(glossary: Glossary) -> None:
    names = [term.term for term in glossary.terms]
    assert names == sorted(names, key=str.lower)
    slugs = [term.slug for term in glossary.terms]
    assert len(set(slugs)) == len(slugs)
    assert all(term.slug == slugify(term.term) for term in glossary.terms)


def test_every_abbreviation_in_capitals_says_what_it_stands_for(glossary: Glossary) -> None:
    missing = [term.term for term in glossary.terms if term.term.isupper() and not term.expansion]
    assert missing == []


def test_organisation_not_terms_are_names_in_the_registry(
    glossary: Glossary, registry: Registry
) -> None:
    organisations = [
        token
        for token, reason in glossary.not_terms.items()
        if reason == "organisation: see the organisations registry"
    ]
    assert organisations
    assert [token for token in organisations if registry.lookup(token) is None] == []


@pytest.mark.parametrize("path", SEED_REPORTS, ids=lambda path: path.name[:3])
def test_every_abbreviation_in_the_seed_reports_is_defined(
    path: Path, glossary: Glossary, registry: Registry
) -> None:
    report, _ = parse_file(path, ROOT)
    assert report is not None
    tokens = {
        token
        for markup, _ in report_texts(report)
        for token in abbreviation_tokens(plain_text(markup))
    }
    assert len(tokens) > 30  # the check really looked at the report's abbreviations
    assert [item.format() for item in undefined_tokens(report, glossary, registry)] == []


def test_a_term_missing_from_the_glossary_is_reported_where_a_seed_first_uses_it(
    glossary: Glossary, registry: Registry
) -> None:
    without = Glossary(
        glossary.path,
        glossary.version,
        tuple(term for term in glossary.terms if term.term != "IHA"),
        glossary.not_terms,
    )
    report, _ = parse_file(SOURCE_REPORTS / "001_ab9da9b13d4aaae7.txt", ROOT)
    assert report is not None
    found = undefined_tokens(report, without, registry)
    # Staffordshire first writes it "IHA’s", in a quotation on line 161, then "IHAs" and "IHA".
    assert [item.format() for item in found] == [
        'source_reports/001_ab9da9b13d4aaae7.txt:161: INFO: "IHA" (written "IHA’s") looks like '
        "an abbreviation but is not in the glossary (source_reports/glossary.yml); define it or "
        "list it under not_terms (or, if it names an organisation, add it to the organisations "
        "registry) [undefined-abbreviation]"
    ]
    assert found[0].to_json()["abbreviation"] == "IHA"


CAPITALS = """\
Review of health services for Children Looked After and Safeguarding in Peterborough

Date of review:\t18 April 2016 to 22 April 2016
Date of publication:\t20 th July 2016

THE CHILD'S JOURNEY

1. EARLY HELP

1.1 Midwives routinely ask about domestic abuse at booking. (**Recommendation 1.1**)

RECOMMENDATIONS

1. Cambridgeshire and Peterborough CCG SHOULD:

- 1.1 Maintain routine enquiry about domestic abuse.

NEXT STEPS

An action plan is required from the CCG within **20 working days** of receipt of this report.
"""


def test_headings_set_in_capitals_are_not_abbreviations(
    tmp_path: Path, glossary: Glossary, registry: Registry
) -> None:
    # "THE CHILD'S JOURNEY", "NEXT STEPS" and a group line's "SHOULD:" are not abbreviations.
    path = tmp_path / "report.txt"
    path.write_text(CAPITALS, encoding="utf-8")
    report, _ = parse_file(path, tmp_path)
    assert report is not None
    assert [heading.title for heading in report.sections][:2] == [
        "THE CHILD'S JOURNEY",
        "EARLY HELP",
    ]
    assert undefined_tokens(report, glossary, registry) == []


SYNTHETIC = """\
Review of health services for Children Looked After and Safeguarding in Testshire

Date of review:\t18 April 2016 to 22 April 2016
Date of publication:\t20 th July 2016
Provider services included:\tTestshire Community NHS Trust (TCT)
CCGs included:\tNHS Testshire CCG

Summary of the review

WHAT YOUNG PEOPLE TOLD US was that the MASH listened; UK guidance and OK.

The child's journey

1. Early help

1.1 Health visitors refer families to the MASH and to the ZQX panel. (**Recommendation 1.1**)

1.2 The ZQX panel reviews QQAs (see part ii), 0-19 services, ChiMat profiles, X-ray results, \
CAMHs-led work, IHAs, the CP-IS alerts and the AB-CD pilot.

Recommendations

1. Testshire CCG and KMPT should:

- 1.1 Ensure every QQA's outcome is shared with the RRB.

Next steps

An action plan is required within **20 working days**.
"""


def test_undefined_abbreviations_in_a_report_are_reported_once_at_their_first_line(
    tmp_path: Path, glossary: Glossary, registry: Registry
) -> None:
    path = tmp_path / "report.txt"
    path.write_text(SYNTHETIC, encoding="utf-8")
    report, _ = parse_file(path, tmp_path)
    assert report is not None
    found = undefined_tokens(report, glossary, registry)
    tail = (
        " looks like an abbreviation but is not in the glossary (source_reports/glossary.yml); "
        "define it or list it under not_terms (or, if it names an organisation, add it to the "
        "organisations registry) [undefined-abbreviation]"
    )
    # Not reported: glossary names (MASH, CCG, CAMHs, IHAs, CP-IS), not_terms (UK, OK), the
    # registry's KMPT, the heading in capitals, "ii", "0-19", "ChiMat", "X-ray".
    assert [item.format() for item in found] == [
        f'report.txt:5: INFO: "TCT"{tail}',
        f'report.txt:16: INFO: "ZQX"{tail}',
        f'report.txt:18: INFO: "AB-CD"{tail}',
        f'report.txt:18: INFO: "QQA" (written "QQAs"){tail}',
        f'report.txt:24: INFO: "RRB"{tail}',
    ]
    assert all(item.level.value == "info" for item in found)


def test_without_a_glossary_nothing_is_checked(tmp_path: Path, registry: Registry) -> None:
    path = tmp_path / "report.txt"
    path.write_text(SYNTHETIC, encoding="utf-8")
    report, _ = parse_file(path, tmp_path)
    assert report is not None
    assert undefined_tokens(report, Glossary("missing.yml"), registry) == []


# -- what looks like an abbreviation ---------------------------------------------------------


@pytest.mark.parametrize(
    ("word", "shaped"),
    [
        ("MARAC", True),
        ("CAMHs", True),
        ("IHAs", True),
        ("IHA's", True),
        ("CiN", True),
        ("DfE", True),
        ("iCaSH", True),
        ("eCAF", True),
        ("A&E", True),
        ("C&YP", True),
        ("G4S", True),
        ("ChiMat", False),
        ("SystmOne", False),
        ("McDonnell", False),
        ("HealthCare", False),
        ("A", False),
        ("A6", False),
        ("II", False),
        ("XIV", False),
        ("0-19", False),
        ("GPs", True),
    ],
)
def test_abbreviation_shape(word: str, shaped: bool) -> None:
    assert abbreviation_shaped(word) is shaped


@pytest.mark.parametrize(
    ("text", "tokens"),
    [
        ("Ofsted/CQC inspection of CAMHS-led work", ["CQC", "CAMHS"]),
        ("the CP-IS alerts and LSCBs’ audits", ["CP-IS", "LSCBs"]),
        ("Medway Community Healthcare C.I.C (MCH)", ["C.I.C", "MCH"]),
        ("N.B. We have since been advised", ["N.B"]),
        ("WHAT PEOPLE TOLD US about the MASH", ["MASH"]),
        ("PSHFT ED and the UCC", ["PSHFT", "ED", "UCC"]),
        ("aged 0-19, an X-ray, part (iii) and Kholia-Mehta", []),
    ],
)
def test_abbreviation_tokens(text: str, tokens: list[str]) -> None:
    assert abbreviation_tokens(text) == tokens


# -- lookups ---------------------------------------------------------------------------------

SMALL = """\
version: 2
terms:
  - term: CAMHS
    expansion: child and adolescent mental health services
    definition: Mental health services for children.
    aliases: [CAMHs]
  - term: CIC
    expansion: community interest company
    definition: A company for the community.
    aliases: [C.I.C]
  - term: CP-IS
    expansion: child protection information sharing
    definition: Alerts about children on plans.
  - term: LAC
    expansion: looked after children
    definition: Children in care.
    aliases: [CLA, looked after children]
    related: [was not brought]
  - term: Prevent
    definition: Counter-radicalisation.
    aliases: [PREVENT]
  - term: was not brought
    definition: A missed appointment of a child.
    aliases: [WNB]
not_terms:
  - token: UHL
    reason: "organisation: see the organisations registry"
  - {token: N.B., reason: report label}
"""


@pytest.fixture
def small(tmp_path: Path) -> Glossary:
    loaded, problems = glossary_from(tmp_path, SMALL)
    assert problems == []
    return loaded


@pytest.mark.parametrize(
    ("word", "term"),
    [
        ("LAC", "LAC"),
        ("CLA", "LAC"),
        ("cla", None),  # a name in capitals matches only in capitals
        ("Lac", None),
        ("Looked After Children", "LAC"),  # other names match in any case
        ("CAMHS", "CAMHS"),
        ("CAMHs", "CAMHS"),
        ("camhs", "CAMHS"),
        ("CAMHS'", "CAMHS"),
        ("CAMH's", None),
        ("LACs", "LAC"),  # a plural "s" after a capital
        ("LAC's", "LAC"),  # a possessive
        ("C.I.C", "CIC"),
        ("C.I.C.", "CIC"),
        ("CIC", "CIC"),
        ("cp-is", None),
        ("CP-IS", "CP-IS"),
        ("prevent", "Prevent"),
        ("PREVENT", "Prevent"),
        ("WAS NOT BROUGHT", "was not brought"),
        ("WNB", "was not brought"),
        ("UHL", None),  # not_terms are not terms
        ("MARAC", None),
    ],
)
def test_lookup(small: Glossary, word: str, term: str | None) -> None:
    found = small.lookup(word)
    assert (found.term if found else None) == term


def test_not_terms_are_kept_with_their_reason(small: Glossary) -> None:
    assert small.not_terms == {
        "UHL": "organisation: see the organisations registry",
        "N.B.": "report label",
    }
    assert small.is_not_term("N.B")
    assert small.is_not_term("UHL's")
    assert not small.is_not_term("uhl")


def test_abbreviations_are_the_one_word_names_in_capitals_with_an_expansion(
    small: Glossary,
) -> None:
    table = small.abbreviations()
    assert {name: term.term for name, term in table.items()} == {
        "CAMHS": "CAMHS",
        "CAMHs": "CAMHS",
        "CIC": "CIC",
        "C.I.C": "CIC",
        "CP-IS": "CP-IS",
        "LAC": "LAC",
        "CLA": "LAC",
    }
    assert table["CLA"].expansion == "looked after children"


def test_terms_keep_their_data_and_line(small: Glossary) -> None:
    lac = small.lookup("LAC")
    assert lac is not None
    assert (lac.term, lac.slug, lac.line) == ("LAC", "lac", 14)
    assert lac.aliases == ("CLA", "looked after children")
    assert lac.related == ("was not brought",)
    assert small.version == "2"
    was_not_brought = small.lookup("was not brought")
    assert was_not_brought is not None
    assert (was_not_brought.slug, was_not_brought.expansion) == ("was-not-brought", "")


# -- validation ------------------------------------------------------------------------------

GOOD = """\
  - term: MARAC
    expansion: multi-agency risk assessment conference
    definition: A meeting about domestic abuse at high risk.
"""


@pytest.mark.parametrize(
    ("entries", "expected"),
    [
        (
            "  - just a word\n",
            [
                "glossary.yml:6: ERROR: a glossary entry must be a mapping such as "
                "'- term: MARAC' with 'expansion:', 'definition:', 'aliases:' and 'related:' "
                "[glossary-invalid]"
            ],
        ),
        (
            "  - expansion: initial health assessment\n    definition: The first one.\n",
            [
                "glossary.yml:6: ERROR: entry has no 'term:' (the word or abbreviation being "
                "defined) [glossary-invalid]"
            ],
        ),
        (
            "  - term: IHA\n    expansion: initial health assessment\n",
            ["glossary.yml:6: ERROR: term 'IHA' has no 'definition:' [glossary-invalid]"],
        ),
        (
            "  - term: '&&'\n    definition: Nothing.\n",
            [
                "glossary.yml:6: ERROR: term '&&' has no letters or digits, so it cannot have "
                "an address (#term-…) on the glossary page [glossary-invalid]"
            ],
        ),
        (
            "  - term: IHA\n    definition: The first one.\n    alias: [IHAs]\n",
            [
                "glossary.yml:6: ERROR: term 'IHA' has unknown key(s) alias; an entry may have "
                "term, expansion, definition, related, aliases, note [glossary-invalid]"
            ],
        ),
        (
            "  - term: IHA\n    definition: The first one.\n    aliases: IHAs\n",
            [
                "glossary.yml:6: ERROR: term 'IHA': 'aliases:' and 'related:' must be lists of "
                "text [glossary-invalid]"
            ],
        ),
        (
            "  - term: marac\n    definition: Again.\n",
            [
                "glossary.yml:6: ERROR: term 'marac' is defined twice; other instance at line 3 "
                "[glossary-invalid]"
            ],
        ),
        (
            "  - term: IDVA\n    definition: An adviser.\n    aliases: [MARAC]\n",
            [
                "glossary.yml:6: ERROR: alias 'MARAC' of 'IDVA' is the term of another entry "
                "(line 3); list it under 'related:' instead [glossary-invalid]"
            ],
        ),
        (
            "  - term: IDVA\n    definition: An adviser.\n    aliases: [RIC]\n"
            "  - term: DASH\n    definition: A checklist.\n    aliases: [RIC]\n",
            [
                "glossary.yml:9: ERROR: alias 'RIC' of 'DASH' is already an alias of 'IDVA' "
                "(line 6); a name may belong to one term only [glossary-invalid]"
            ],
        ),
        (
            "  - term: IDVA\n    definition: An adviser.\n    aliases: [IDVAs, IDVAs]\n",
            ["glossary.yml:6: ERROR: alias 'IDVAs' of 'IDVA' is listed twice [glossary-invalid]"],
        ),
        (
            "  - term: IDVA\n    definition: An adviser.\n    related: [Marac, DASH]\n",
            [
                "glossary.yml:6: ERROR: 'IDVA' is related to 'Marac', which is not a term of "
                "the glossary; did you mean 'MARAC'? [glossary-invalid]",
                "glossary.yml:6: ERROR: 'IDVA' is related to 'DASH', which is not a term of "
                "the glossary [glossary-invalid]",
            ],
        ),
    ],
)
def test_malformed_entries_are_reported_at_their_line(
    tmp_path: Path, entries: str, expected: list[str]
) -> None:
    loaded, problems = glossary_from(tmp_path, f"version: 1\nterms:\n{GOOD}{entries}")
    assert problems == expected
    assert loaded.lookup("MARAC") is not None  # the rest still loads


def test_a_term_whose_address_is_taken_is_left_out(tmp_path: Path) -> None:
    loaded, problems = glossary_from(
        tmp_path,
        "version: 1\nterms:\n"
        "  - term: A&E\n    definition: Accident and emergency.\n"
        "  - term: A E\n    definition: The same address.\n",
    )
    assert problems == [
        "glossary.yml:5: ERROR: term 'A E' would have the same address #term-a-e as 'A&E' "
        "(line 3); merge the two or make them differ in letters [glossary-invalid]"
    ]
    assert [term.term for term in loaded.terms] == ["A&E"]


def test_broken_entries_are_left_out_and_bad_names_dropped(tmp_path: Path) -> None:
    loaded, problems = glossary_from(
        tmp_path,
        f"version: 1\nterms:\n{GOOD}"
        "  - term: IDVA\n    definition: An adviser.\n    aliases: [MARAC, IDVAs]\n"
        "    related: [MARAC, Nowhere]\n"
        "  - term: IHA\n",
    )
    assert len(problems) == 3
    assert [term.term for term in loaded.terms] == ["MARAC", "IDVA"]
    idva = loaded.lookup("IDVAs")
    assert idva is not None
    assert (idva.aliases, idva.related) == (("IDVAs",), ("MARAC",))


@pytest.mark.parametrize(
    ("not_terms", "expected"),
    [
        (
            "not_terms:\n  - token: UK\n",
            [
                "glossary.yml:7: ERROR: a not_terms entry needs 'token:' and a one-line "
                "'reason:', e.g. '- {token: UHL, reason: \"organisation: see the organisations "
                "registry\"}' [glossary-invalid]"
            ],
        ),
        (
            "not_terms:\n  - {token: UK, reason: everyday}\n  - {token: UK, reason: again}\n",
            [
                "glossary.yml:8: ERROR: not_terms lists 'UK' twice; other instance at line 7 "
                "[glossary-invalid]"
            ],
        ),
        (
            "not_terms:\n  - {token: MARAC, reason: not a term}\n",
            [
                "glossary.yml:7: ERROR: 'MARAC' is listed under not_terms but is a name of the "
                "term 'MARAC' (line 3); remove one [glossary-invalid]"
            ],
        ),
        (
            "not_terms: UK\n",
            [
                "glossary.yml:6: ERROR: 'not_terms:' must be a list of '- token: ...' with "
                "'reason: ...' [glossary-invalid]"
            ],
        ),
    ],
)
def test_malformed_not_terms_are_reported_at_their_line(
    tmp_path: Path, not_terms: str, expected: list[str]
) -> None:
    loaded, problems = glossary_from(tmp_path, f"version: 1\nterms:\n{GOOD}{not_terms}")
    assert problems == expected
    assert loaded.lookup("MARAC") is not None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "- term: MARAC\n",
            [
                "glossary.yml:1: ERROR: expected a mapping with 'version:', a 'terms:' list and "
                "a 'not_terms:' list (see the comment at the top of the file) [glossary-invalid]"
            ],
        ),
        (
            f"terms:\n{GOOD}",
            [
                "glossary.yml:1: ERROR: the glossary needs a 'version:' (e.g. 'version: 1') "
                "[glossary-invalid]"
            ],
        ),
    ],
)
def test_a_malformed_file_is_reported(tmp_path: Path, text: str, expected: list[str]) -> None:
    _, problems = glossary_from(tmp_path, text)
    assert problems == expected


def test_invalid_yaml_is_reported_with_its_line(tmp_path: Path) -> None:
    loaded, problems = glossary_from(tmp_path, "version: 1\nterms:\n  - term: [MARAC\n")
    assert len(problems) == 1
    assert problems[0].startswith("glossary.yml:4: ERROR: not valid YAML:")
    assert problems[0].endswith("[glossary-invalid]")
    assert loaded.terms == ()


def test_a_missing_glossary_is_a_warning(tmp_path: Path) -> None:
    loaded, problems = load_glossary(tmp_path / "glossary.yml", "source_reports/glossary.yml")
    assert [item.format() for item in problems] == [
        "source_reports/glossary.yml:0: WARNING: no glossary; abbreviations are not explained "
        "on the site [glossary-missing]"
    ]
    assert loaded == Glossary("source_reports/glossary.yml")
