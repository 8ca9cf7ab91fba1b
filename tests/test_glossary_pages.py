"""The glossary on the site: expansions appended to pages, the glossary page, search synonyms."""

from __future__ import annotations

import json

from build_tools.classify.glossary import Glossary, Term
from build_tools.publish.glossary_pages import (
    abbreviation_lines,
    add_glossary,
    render_glossary,
    synonyms,
    with_abbreviations,
)
from tests.conftest import BuiltSite

MARAC = Term(
    term="MARAC",
    slug="marac",
    expansion="multi-agency risk assessment conference",
    definition="A meeting where agencies share information about victims of domestic abuse.",
    related=("IDVA",),
    aliases=("MARACs",),
    line=3,
)
IDVA = Term(
    term="IDVA",
    slug="idva",
    expansion="independent domestic violence adviser",
    definition="A specialist who supports victims at high risk.",
    related=(),
    aliases=(),
    line=9,
)
THINK = Term(
    term="Think Family",
    slug="think-family",
    expansion="",
    definition="Seeing the whole family.",
    related=(),
    aliases=(),
    line=14,
)
GLOSSARY = Glossary("glossary.yml", "1", (MARAC, IDVA, THINK), {})


def test_only_the_abbreviations_a_page_uses_are_defined() -> None:
    page = "# Report\n\nThe MARAC meets monthly; MARACs are minuted. IDVAS is not a word.\n"
    assert abbreviation_lines(page, GLOSSARY) == (
        "*[MARAC]: multi-agency risk assessment conference\n"
        "*[MARACs]: multi-agency risk assessment conference"
    )
    assert with_abbreviations(page, GLOSSARY).endswith(
        "minuted. IDVAS is not a word.\n\n*[MARAC]: multi-agency risk assessment conference\n"
        "*[MARACs]: multi-agency risk assessment conference\n"
    )
    assert with_abbreviations("# Nothing here\n", GLOSSARY) == "# Nothing here\n"


def test_expansions_go_on_report_organisation_and_theme_pages_only(
    built_site: BuiltSite,
) -> None:
    catalogue = built_site.result.catalogue
    assert catalogue is not None
    pages = {
        "reports/medway-2016.md": "MARAC\n",
        "reports/index.md": "MARAC\n",
        "providers/medway-ccg.md": "MARAC\n",
        "themes/domestic-abuse.md": "MARAC\n",
        "recurring.md": "MARAC\n",
    }
    result = add_glossary(pages, GLOSSARY, catalogue)
    expanded = {path for path, text in result.items() if "*[MARAC]:" in text}
    assert expanded == {
        "reports/medway-2016.md",
        "providers/medway-ccg.md",
        "themes/domestic-abuse.md",
    }
    assert {"glossary/index.md", "glossary/synonyms.json"} <= set(result)


def test_glossary_page_has_an_anchor_per_term_and_the_reports_using_it(
    built_site: BuiltSite,
) -> None:
    catalogue = built_site.result.catalogue
    assert catalogue is not None
    page = render_glossary(GLOSSARY, catalogue)["glossary/index.md"]
    for term in (MARAC, IDVA, THINK):
        assert f"{{ #term-{term.slug} }}" in page
    assert page.index("### IDVA") < page.index("### MARAC") < page.index("### Think Family")
    assert "Related: [IDVA](#term-idva)" in page
    # Every seed report but Leicester City names MARAC; the counts are shown, most first.
    usage = page.split("### MARAC", 1)[1].split("###", 1)[0]
    assert "Used most in: [" in usage
    assert "(../reports/" in usage


def test_synonyms_name_each_term_with_its_aliases_and_expansion() -> None:
    rows = json.loads(synonyms(GLOSSARY))
    assert rows[0] == {
        "names": ["MARAC", "MARACs"],
        "expansion": "multi-agency risk assessment conference",
    }
    assert len(rows) == 2  # "Think Family" has neither an expansion nor aliases


def test_glossary_page_builds_without_a_glossary(built_site: BuiltSite) -> None:
    """With no glossary file (or no terms) the page still builds: no link to a missing term."""
    catalogue = built_site.result.catalogue
    assert catalogue is not None
    page = render_glossary(Glossary("glossary.yml"), catalogue)["glossary/index.md"]
    assert "#term-" not in page
    assert "0 abbreviations and terms" in page
