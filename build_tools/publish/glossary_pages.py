"""The glossary on the site: its page, expansions of abbreviations on pages, search synonyms.

- ``/glossary/`` lists every term A–Z with its anchor ``#term-<slug>``, its expansion and
  definition, the other ways reports write it, related terms, and the reports that use it most.
- On report, organisation and theme pages every abbreviation the glossary expands is shown as
  ``<abbr title="expansion">`` (Python-Markdown's ``abbr`` extension): this module appends a
  definition line (``*[MARAC]: multi-agency risk assessment conference``) for each one the page
  uses. The reports' words are not changed.
- ``glossary/synonyms.json`` gives the search page each term with its aliases and expansion, so
  searching "MARAC" also finds "multi-agency risk assessment conference" and the other way round.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from dataclasses import dataclass

from ..classify.catalogue import Catalogue, item_text
from ..classify.glossary import Glossary, Term
from .render import render_template

#: Reports listed under each term, most uses first.
TOP_REPORTS = 5
_WORD = re.compile(r"[\w&'’-]+")


@dataclass(frozen=True, slots=True)
class Usage:
    """How often one report uses one term."""

    slug: str
    label: str
    count: int


def _names(term: Term) -> list[str]:
    return [term.term, *term.aliases]


def _count(name: str, words: Counter[str], lower_words: Counter[str], lower: str) -> int:
    """Uses of ``name`` in a text: abbreviations as written, other words in any case, phrases
    of several words as text in any case."""
    if " " in name.strip():
        phrase = name.lower()
        first = _WORD.match(phrase)
        if first is None or not lower_words[first.group(0)]:
            return 0
        # Counted as text (a regular expression per name and report is too slow at scale),
        # so "care leaver" also counts in "care leavers": the counts only rank the reports.
        return lower.count(phrase)
    if any(ch.isupper() for ch in name[1:]) or name.isupper():
        return words[name]
    return lower_words[name.lower()]


def usage(glossary: Glossary, catalogue: Catalogue) -> dict[str, list[Usage]]:
    """For each term (by slug), the reports that use it, most uses first."""
    found: dict[str, list[Usage]] = {term.slug: [] for term in glossary.terms}
    for entry in catalogue.reports:
        report = entry.resolved.report
        text = "\n".join(
            [item_text(finding) for finding in report.findings]
            + [item_text(rec) for rec in report.recommendations]
        )
        words = Counter(_WORD.findall(text))
        lower = text.lower()
        lower_words = Counter(_WORD.findall(lower))
        label = f"{report.area} ({report.year or 'undated'})"
        for term in glossary.terms:
            count = sum(_count(name, words, lower_words, lower) for name in _names(term))
            if count:
                found[term.slug].append(Usage(report.slug, label, count))
    for usages in found.values():
        usages.sort(key=lambda u: (-u.count, u.slug))
    return found


def abbreviation_lines(markdown: str, glossary: Glossary) -> str:
    """The ``*[ABBR]: expansion`` lines for the abbreviations ``markdown`` uses (sorted)."""
    table = glossary.abbreviations()
    if not table:
        return ""
    used = sorted({word for word in _WORD.findall(markdown) if word in table})
    lines = []
    for word in used:
        expansion = " ".join(table[word].expansion.split()).replace("]", ")")
        lines.append(f"*[{word}]: {expansion}")
    return "\n".join(lines)


def with_abbreviations(markdown: str, glossary: Glossary) -> str:
    """``markdown`` with the definitions of the abbreviations it uses appended."""
    lines = abbreviation_lines(markdown, glossary)
    return f"{markdown.rstrip()}\n\n{lines}\n" if lines else markdown


def synonyms(glossary: Glossary) -> str:
    """JSON for the search page: each term's names (term and aliases) and expansion."""
    rows = [
        {"names": _names(term), "expansion": term.expansion}
        for term in glossary.terms
        if term.expansion or term.aliases
    ]
    return json.dumps(rows, ensure_ascii=False, indent=1) + "\n"


def _letter(term: Term) -> str:
    first = term.term.lstrip("'\"“").upper()[:1]
    return first if first.isalpha() else "#"


def render_glossary(glossary: Glossary, catalogue: Catalogue) -> dict[str, str]:
    """The glossary page and the search synonyms, keyed by their paths inside ``docs/``."""
    terms = sorted(glossary.terms, key=lambda term: (term.term.lower(), term.term))
    by_letter: dict[str, list[Term]] = {}
    for term in terms:
        by_letter.setdefault(_letter(term), []).append(term)
    by_term = {term.term: term for term in glossary.terms}
    related = {
        term.slug: [(by_term[name].slug, name) for name in term.related if name in by_term]
        for term in glossary.terms
    }
    page = render_template(
        "glossary.md.j2",
        terms=terms,
        by_letter=sorted(by_letter.items()),
        related=related,
        usage=usage(glossary, catalogue),
        top=TOP_REPORTS,
    )
    return {"glossary/index.md": page, "glossary/synonyms.json": synonyms(glossary)}


#: The pages whose text shows each abbreviation's expansion: reports, organisations, themes.
_EXPANDED = re.compile(r"^(?:reports|providers|themes)/(?!index\.md$)[^/]+\.md$")


def add_glossary(pages: dict[str, str], glossary: Glossary, catalogue: Catalogue) -> dict[str, str]:
    """``pages`` with abbreviations expanded on report, organisation and theme pages, and the
    glossary's own files added."""
    result = {
        path: with_abbreviations(text, glossary) if _EXPANDED.match(path) else text
        for path, text in pages.items()
    }
    result.update(render_glossary(glossary, catalogue))
    return result
