"""Glossary: the curated abbreviations and terms of art, and the check that reports define theirs.

``source_reports/glossary.yml`` lists every abbreviation and term of art the reports use, with
what it stands for and a plain-English definition, and separately (``not_terms``) the
abbreviation-shaped words that deliberately are not glossary terms, each with its reason. It
becomes typed objects here, at the edge, with diagnostics that point at the offending line.

Names (a term and its aliases) written wholly in capitals ("MARAC", "A&E") match only in
capitals, so "ED" never matches "ed"; any other name ("CAMHs", "iCaSH", "looked after
children") matches in any case.

:func:`undefined_tokens` reports, for one report, every *abbreviation-shaped* word that is
neither a glossary name, nor listed under ``not_terms``, nor a name in the organisations
registry. A word is abbreviation-shaped when, after dropping a possessive ("CQC's", "IHA’s")
and a plural "s" after a capital ("IHAs", "CAMHs", "SENCOs"):

- it has at least two capital letters and more capitals than lower-case letters, so
  "CAMHS", "CiN", "DfE", "iCaSH", "eCAF", "A&E", "SES&S" and "G4S" are, while "ChiMat",
  "SystmOne", "HealthCare" and "McDonnell" are not;
- letters and digits joined by "&" are one word ("C&YP"); so are initials joined by full stops
  ("C.I.C", "N.B."); words joined by hyphens are one word only when every part is
  abbreviation-shaped ("CP-IS"), otherwise each part counts alone ("CAMHS-led");
- Roman numerals of I, V and X ("II", "XIV") are not; words with one capital ("A6",
  "X-ray", "Ofsted") and numbers or age ranges ("0-19", "111") never are;
- words inside a run of three or more words in capitals ("WHAT PEOPLE TOLD US"), and headings
  with no lower-case letter at all, are headings set in capitals, not abbreviations.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import yaml

from .. import diagnostics as diag
from ..diagnostics import Diagnostic
from ..model import (
    Block,
    BodyBlock,
    CaseExample,
    Finding,
    Heading,
    Label,
    ListItem,
    Note,
    Paragraph,
    Quote,
    RecommendationGroup,
    Report,
    Table,
)
from ..reading.inline import plain_text
from ..reading.text import slugify
from .organisations import Registry
from .yamldata import item_lines, read_yaml

#: The keys a glossary entry may have; ``note`` is for reviewers and is not published.
ENTRY_KEYS = ("term", "expansion", "definition", "related", "aliases", "note")


@dataclass(frozen=True, slots=True)
class Term:
    """One entry of the glossary."""

    term: str
    """The term as the glossary page heads it, e.g. ``MARAC`` or ``was not brought``."""
    slug: str
    """:func:`~build_tools.reading.text.slugify` of the term: its anchor is ``#term-<slug>``."""
    expansion: str
    """What an abbreviation stands for ("multi-agency risk assessment conference"); empty for
    a term that is not an abbreviation."""
    definition: str
    """One or two plain-English sentences."""
    related: tuple[str, ...]
    """The ``term`` of each related entry, in the order written."""
    aliases: tuple[str, ...]
    """Other ways the reports write it: variants, plurals, the words in full."""
    line: int
    """Line of its entry in glossary.yml."""

    @property
    def names(self) -> tuple[str, ...]:
        """The term and its aliases."""
        return (self.term, *self.aliases)


@dataclass(frozen=True, slots=True)
class Glossary:
    """The whole glossary, with lookups by any name."""

    path: str
    """Path of the file, for diagnostics and messages."""
    version: str = ""
    """The glossary's version."""
    terms: tuple[Term, ...] = ()
    """Entries in file order."""
    not_terms: dict[str, str] = field(default_factory=dict)
    """Abbreviation-shaped words that are deliberately not terms → why not."""
    exact: dict[str, Term] = field(init=False, default_factory=dict, compare=False, repr=False)
    """Names written wholly in capitals → their term (matched case-sensitively)."""
    folded: dict[str, Term] = field(init=False, default_factory=dict, compare=False, repr=False)
    """Every other name, case-folded → its term (matched in any case)."""
    not_forms: frozenset[str] = field(init=False, default=frozenset(), compare=False, repr=False)
    """Every written form (see :func:`word_forms`) of every ``not_terms`` entry."""

    def __post_init__(self) -> None:
        exact: dict[str, Term] = {}
        folded: dict[str, Term] = {}
        for term in self.terms:
            for name in term.names:
                if all_capitals(name):
                    exact.setdefault(name, term)
                else:
                    folded.setdefault(_fold(name), term)
        forms = {form for word in self.not_terms for form in word_forms(word)}
        object.__setattr__(self, "exact", exact)
        object.__setattr__(self, "folded", folded)
        object.__setattr__(self, "not_forms", frozenset(forms))

    def lookup(self, word: str) -> Term | None:
        """The term ``word`` names (its term or an alias), or None.

        Names in capitals match only in capitals; others in any case. A possessive, a plural
        "s" after a capital and the full stops of initials are ignored when the word as written
        is not a name: "CQC's", "IHAs" and "C.I.C" find "CQC", "IHA" and "CIC".
        """
        for form in word_forms(word):
            term = self.exact.get(form) or self.folded.get(_fold(form))
            if term is not None:
                return term
        return None

    def is_not_term(self, word: str) -> bool:
        """True when ``word`` (in any of its :func:`word_forms`) is listed under not_terms."""
        return any(form in self.not_forms for form in word_forms(word))

    def abbreviations(self) -> dict[str, Term]:
        """Every abbreviation among the names → its term, for ``<abbr>`` on pages.

        An abbreviation here is a name of one word (no spaces) with at least two capital
        letters ("MARAC", "IHAs", "A&E", "ChiMat", "C.I.C"); only terms with an expansion
        are included, since the expansion is what a reader is shown.
        """
        return {
            name: term
            for term in self.terms
            if term.expansion
            for name in term.names
            if not re.search(r"\s", name) and sum(ch.isupper() for ch in name) >= 2
        }


# -- names and words -------------------------------------------------------------------------


def all_capitals(name: str) -> bool:
    """True when every letter of ``name`` is a capital (and it has one): such a name is
    matched case-sensitively."""
    letters = [ch for ch in name if ch.isalpha()]
    return bool(letters) and all(ch.isupper() for ch in letters)


def _fold(name: str) -> str:
    return " ".join(name.casefold().split())


_POSSESSIVE = re.compile(r"['\u2019]s?$")
_DOTTED = re.compile(r"[A-Z](?:\.[A-Z])+")


def _singular(word: str) -> str:
    """``word`` without a possessive ("CQC's", "LSCBs’") and a plural "s" after a capital."""
    word = _POSSESSIVE.sub("", word)
    if len(word) > 2 and word.endswith("s") and (word[-2].isupper() or word[-2].isdigit()):
        word = word[:-1]
    return word


def word_forms(word: str) -> list[str]:
    """The ways ``word`` may be listed: as written, without a possessive, without a plural
    "s" after a capital, and initials without their full stops ("N.B." → "N.B", "NB")."""
    written = word.strip().rstrip(".")
    forms = [written, _POSSESSIVE.sub("", written), _singular(written)]
    forms += [form.replace(".", "") for form in list(forms) if _DOTTED.fullmatch(form)]
    return list(dict.fromkeys(form for form in forms if form))


# Roman numerals made of I, V and X (list numbering such as "ii" or "XIV").
_ROMAN = re.compile(r"(?=[IVX]{2,}$)X{0,3}(?:IX|IV|V?I{0,3})")


def abbreviation_shaped(word: str) -> bool:
    """True for a word that looks like an abbreviation (see the module docstring)."""
    core = _singular(word)
    letters = [ch for ch in core if ch.isalpha()]
    upper = sum(ch.isupper() for ch in letters)
    return upper >= 2 and upper > len(letters) - upper and not _ROMAN.fullmatch(core)


# A run of letters and digits joined by "&", "-", "." or an apostrophe ("C&YP", "CP-IS",
# "C.I.C", "IHA's"); an apostrophe after it ("LSCBs’", a closing quote) is left out.
_RUN = re.compile(r"[A-Za-z0-9]+(?:[&.'\u2019-][A-Za-z0-9]+)*")
_TWO_CAPITALS = re.compile(r"[A-Z][^A-Z]*[A-Z]")
# Three or more words in capitals in a row: a heading or phrase set in capitals.
_SHOUTED = re.compile(r"\b[A-Z][A-Z&'\u2019-]*[A-Z]\b(?:[ \t]+[A-Z][A-Z&'\u2019-]*[A-Z]\b){2,}")


def abbreviation_tokens(text: str) -> list[str]:
    """The abbreviation-shaped words of plain ``text``, in order, as written.

    A hyphenated word is returned whole when all its parts are abbreviation-shaped ("CP-IS"),
    else its abbreviation-shaped parts are returned one by one ("CAMHS-led" → "CAMHS").
    """
    shouted = [match.span() for match in _SHOUTED.finditer(text)]
    tokens: list[str] = []
    for match in _RUN.finditer(text):
        run = match.group(0)
        # Most words have fewer than two capitals and cannot be abbreviations.
        if not _TWO_CAPITALS.search(run):
            continue
        if any(start <= match.start() < end for start, end in shouted):
            continue
        pieces = [run] if _DOTTED.fullmatch(run) else run.split(".")
        for piece in pieces:
            parts = [part for part in piece.split("-") if part]
            if len(parts) > 1 and all(abbreviation_shaped(part) for part in parts):
                tokens.append(piece)
                continue
            tokens.extend(part for part in parts if abbreviation_shaped(part))
    return tokens


# -- loading ---------------------------------------------------------------------------------


def _strings(value: Any) -> tuple[str, ...] | None:
    """A list of non-empty strings as a tuple (None or missing: empty); None if malformed."""
    if value is None:
        return ()
    if isinstance(value, list) and all(isinstance(item, str) and item.strip() for item in value):
        return tuple(" ".join(item.split()) for item in value)
    return None


def _top_level_line(text: str, key: str) -> int:
    """1-based line of the top-level ``key:`` in the YAML ``text`` (1 when not found)."""
    try:
        root = yaml.compose(text)
    except yaml.YAMLError:
        return 1
    if isinstance(root, yaml.MappingNode):
        for key_node, _value in root.value:
            if getattr(key_node, "value", None) == key:
                return int(key_node.start_mark.line) + 1
    return 1


@dataclass(frozen=True, slots=True)
class _Entry:
    """A glossary entry that passed the first checks, while its names are checked."""

    term: str
    slug: str
    expansion: str
    definition: str
    related: tuple[str, ...]
    aliases: tuple[str, ...]
    line: int


def load_glossary(path: Path, display: str | None = None) -> tuple[Glossary, list[Diagnostic]]:
    """Read and validate the glossary.

    A broken entry (not a mapping, an unknown key, no term or definition, a term with no
    letters or digits, a term given twice) is reported and left out; a bad alias or related
    name is reported and dropped from its entry. Everything else still loads.
    """
    shown = display or str(path)
    found: list[Diagnostic] = []

    def problem(line: int, message: str, code: str = "glossary-invalid") -> None:
        found.append(diag.make(shown, line, code, message))

    if not path.exists():
        problem(0, "no glossary; abbreviations are not explained on the site", "glossary-missing")
        return Glossary(shown), found
    data, text, broken = read_yaml(path, shown, "glossary-invalid")
    if data is None:
        return Glossary(shown), broken
    if not isinstance(data, dict) or not isinstance(data.get("terms"), list):
        problem(
            1,
            "expected a mapping with 'version:', a 'terms:' list and a 'not_terms:' list "
            "(see the comment at the top of the file)",
        )
        return Glossary(shown), found
    version = data.get("version")
    if version is None or not str(version).strip():
        problem(1, "the glossary needs a 'version:' (e.g. 'version: 1')")
        version = ""

    entries = _read_entries(data["terms"], item_lines(text, "terms"), problem)
    _check_aliases(entries, problem)
    _check_related(entries, problem)
    terms = tuple(
        Term(e.term, e.slug, e.expansion, e.definition, e.related, e.aliases, e.line)
        for e in entries
    )
    probe = Glossary(shown, str(version), terms)
    not_terms = _read_not_terms(
        data.get("not_terms"),
        item_lines(text, "not_terms"),
        _top_level_line(text, "not_terms"),
        probe,
        problem,
    )
    return Glossary(shown, str(version).strip(), terms, not_terms), found


_Problem = Callable[[int, str], None]
"""Reports a malformed entry at a line of the glossary file."""


def _read_entries(items: list[Any], lines: list[int], problem: _Problem) -> list[_Entry]:
    """First pass: each entry's shape, and terms or addresses given twice."""
    entries: list[_Entry] = []
    by_term: dict[str, _Entry] = {}
    by_slug: dict[str, _Entry] = {}
    for index, item in enumerate(items):
        line = lines[index] if index < len(lines) else 0
        if not isinstance(item, dict):
            problem(
                line,
                "a glossary entry must be a mapping such as '- term: MARAC' with "
                "'expansion:', 'definition:', 'aliases:' and 'related:'",
            )
            continue
        term = item.get("term")
        if not isinstance(term, str) or not term.strip():
            problem(line, "entry has no 'term:' (the word or abbreviation being defined)")
            continue
        term = " ".join(term.split())
        unknown = sorted(str(key) for key in item if key not in ENTRY_KEYS)
        if unknown:
            problem(
                line,
                f"term {term!r} has unknown key(s) {', '.join(unknown)}; "
                f"an entry may have {', '.join(ENTRY_KEYS)}",
            )
            continue
        slug = slugify(term)
        if not slug:
            problem(
                line,
                f"term {term!r} has no letters or digits, so it cannot have an address "
                "(#term-…) on the glossary page",
            )
            continue
        definition = item.get("definition")
        if not isinstance(definition, str) or not definition.strip():
            problem(line, f"term {term!r} has no 'definition:'")
            continue
        expansion = item.get("expansion")
        if expansion is not None and not isinstance(expansion, str):
            problem(line, f"term {term!r}: 'expansion:' must be text, e.g. 'expansion: ...'")
            continue
        aliases, related = _strings(item.get("aliases")), _strings(item.get("related"))
        if aliases is None or related is None:
            problem(line, f"term {term!r}: 'aliases:' and 'related:' must be lists of text")
            continue
        note = item.get("note")
        if note is not None and not isinstance(note, str):
            problem(line, f"term {term!r}: 'note:' must be text")
            continue
        other = by_term.get(_fold(term))
        if other is not None:
            problem(line, f"term {term!r} is defined twice; other instance at line {other.line}")
            continue
        other = by_slug.get(slug)
        if other is not None:
            problem(
                line,
                f"term {term!r} would have the same address #term-{slug} as {other.term!r} "
                f"(line {other.line}); merge the two or make them differ in letters",
            )
            continue
        entry = _Entry(
            term,
            slug,
            " ".join((expansion or "").split()),
            " ".join(definition.split()),
            related,
            aliases,
            line,
        )
        entries.append(entry)
        by_term[_fold(term)] = entry
        by_slug[slug] = entry
    return entries


def _check_aliases(entries: list[_Entry], problem: _Problem) -> None:
    """Second pass: every name belongs to one term only; a bad alias is dropped."""
    terms = {_fold(entry.term): entry for entry in entries}
    owners: dict[str, _Entry] = {}
    for index, entry in enumerate(entries):
        kept: list[str] = []
        for alias in entry.aliases:
            key = _fold(alias)
            if alias == entry.term or alias in kept:
                problem(entry.line, f"alias {alias!r} of {entry.term!r} is listed twice")
                continue
            other = terms.get(key)
            if other is not None and other is not entry:
                problem(
                    entry.line,
                    f"alias {alias!r} of {entry.term!r} is the term of another entry "
                    f"(line {other.line}); list it under 'related:' instead",
                )
                continue
            other = owners.get(key)
            if other is not None and other is not entry:
                problem(
                    entry.line,
                    f"alias {alias!r} of {entry.term!r} is already an alias of {other.term!r} "
                    f"(line {other.line}); a name may belong to one term only",
                )
                continue
            owners[key] = entry
            kept.append(alias)
        entries[index] = replace(entry, aliases=tuple(kept))


def _check_related(entries: list[_Entry], problem: _Problem) -> None:
    """Third pass: ``related`` names other terms by their ``term``; others are dropped."""
    by_term = {entry.term: entry for entry in entries}
    by_name = {_fold(name): e for e in entries for name in (e.term, *e.aliases)}
    for index, entry in enumerate(entries):
        kept: list[str] = []
        for name in entry.related:
            if name == entry.term:
                problem(entry.line, f"{entry.term!r} lists itself under 'related:'")
                continue
            if name in kept:
                problem(entry.line, f"{entry.term!r} lists {name!r} under 'related:' twice")
                continue
            if name not in by_term:
                near = by_name.get(_fold(name))
                if near is not None:
                    hint = f"; did you mean {near.term!r}?"
                else:
                    close = difflib.get_close_matches(name, list(by_term), n=1, cutoff=0.6)
                    hint = f"; did you mean {close[0]!r}?" if close else ""
                problem(
                    entry.line,
                    f"{entry.term!r} is related to {name!r}, which is not a term of the "
                    f"glossary{hint}",
                )
                continue
            kept.append(name)
        entries[index] = replace(entry, related=tuple(kept))


def _read_not_terms(
    value: Any, lines: list[int], key_line: int, glossary: Glossary, problem: _Problem
) -> dict[str, str]:
    """The ``not_terms`` list: ``- token: UK`` with ``reason: ...``, each word once."""
    if value is None:
        return {}
    if not isinstance(value, list):
        problem(key_line, "'not_terms:' must be a list of '- token: ...' with 'reason: ...'")
        return {}
    not_terms: dict[str, str] = {}
    seen: dict[str, int] = {}
    for index, item in enumerate(value):
        line = lines[index] if index < len(lines) else 0
        token = item.get("token") if isinstance(item, dict) else None
        reason = item.get("reason") if isinstance(item, dict) else None
        if (
            not isinstance(token, str)
            or not token.strip()
            or not isinstance(reason, str)
            or not reason.strip()
        ):
            problem(
                line,
                "a not_terms entry needs 'token:' and a one-line 'reason:', e.g. "
                "'- {token: UHL, reason: \"organisation: see the organisations registry\"}'",
            )
            continue
        token = token.strip()
        if token in seen:
            problem(line, f"not_terms lists {token!r} twice; other instance at line {seen[token]}")
            continue
        term = glossary.lookup(token)
        if term is not None:
            problem(
                line,
                f"{token!r} is listed under not_terms but is a name of the term {term.term!r} "
                f"(line {term.line}); remove one",
            )
            continue
        seen[token] = line
        not_terms[token] = " ".join(reason.split())
    return not_terms


# -- checking reports ------------------------------------------------------------------------


def _block_texts(block: Block | BodyBlock) -> Iterator[tuple[str, int]]:
    """(markup, line) of every text in ``block``, nested blocks included."""
    if isinstance(block, Heading):
        # A heading with no lower-case letter is set in capitals ("NEXT STEPS").
        if any(ch.islower() for ch in block.title):
            yield block.title, block.line
    elif isinstance(block, (Paragraph, Quote, ListItem, Label, Note)):
        yield block.text, block.line
    elif isinstance(block, Finding):
        yield block.text, block.line
        for extra in block.continuation:
            yield extra.text, extra.line
    elif isinstance(block, Table):
        # Rows are consecutive source lines (the parser merges only adjacent rows).
        for offset, row in enumerate(block.rows):
            for cell in row:
                yield cell, block.line + offset
    elif isinstance(block, CaseExample):
        yield block.label, block.line
        for inner in block.body:
            yield from _block_texts(inner)
    elif isinstance(block, RecommendationGroup):
        # The addressees only: the rest of the line is "N." and "should:" ("SHOULD:" in a
        # report set in capitals).
        yield block.addressees_raw, block.line
        for rec in block.recommendations:
            yield rec.text, rec.line
            for extra in rec.continuation:
                yield extra.text, extra.line


def report_texts(report: Report) -> Iterator[tuple[str, int]]:
    """(markup, line) of every text of ``report`` in source order.

    The title and subtitle come last, at line 0: the model does not keep their lines.
    """
    for row in report.cover:
        yield f"{row.label}: {row.value}", row.line
    for block in report.body:
        yield from _block_texts(block)
    for text in (report.title, *report.subtitle):
        yield text, 0


def undefined_tokens(report: Report, glossary: Glossary, registry: Registry) -> list[Diagnostic]:
    """An info diagnostic for each abbreviation-shaped word of ``report`` that nothing defines.

    Defined means: a name of a glossary term, a ``not_terms`` entry, or a name or alias of an
    organisation in ``registry``. One diagnostic per word (its singular, without possessive)
    per report, at its first occurrence. Without a glossary (none loaded) nothing is checked:
    ``glossary-missing`` already says so.
    """
    if not glossary.terms and not glossary.not_terms:
        return []
    known: dict[str, bool] = {}

    def defined(word: str) -> bool:
        if word not in known:
            known[word] = (
                glossary.lookup(word) is not None
                or glossary.is_not_term(word)
                or any(registry.lookup(form) is not None for form in word_forms(word))
            )
        return known[word]

    first: dict[str, tuple[int, str]] = {}
    for markup, line in report_texts(report):
        for token in abbreviation_tokens(plain_text(markup)):
            if defined(token):
                continue
            parts = token.split("-")
            if len(parts) > 1 and all(defined(part) for part in parts):
                continue
            key = _singular(token)
            if key not in first or (first[key][0] == 0 and line > 0):
                first[key] = (line, token)
    found: list[Diagnostic] = []
    for key, (line, written) in first.items():
        shown = f'"{key}"' if written == key else f'"{key}" (written "{written}")'
        found.append(
            diag.make(
                report.source,
                line,
                "undefined-abbreviation",
                f"{shown} looks like an abbreviation but is not in the glossary "
                f"({glossary.path}); define it or list it under not_terms (or, if it names "
                "an organisation, add it to the organisations registry)",
                abbreviation=key,
            )
        )
    return sorted(found, key=lambda d: (d.line == 0, d.line, d.message))
