"""Themes: a locked, versioned taxonomy and the transparent classification of items by it.

``source_reports/themes.yml`` lists every theme with the phrases that assign it and the
phrases that veto it. A theme applies to a recommendation or finding when one of its phrases
occurs in the item's text and none of its exclusions does; the words that matched are kept
as the evidence a reader is shown. Code never invents a theme: the taxonomy is the only
source, and a reviewed overrides file (``theme_overrides.yml``) may add or remove a theme for
one item, with a reason.

Phrase semantics: whole words, any case, except a phrase written wholly in capitals (an
abbreviation such as "IHA") which must match in capitals; a trailing ``*`` matches any word
ending; spaces, hyphens and "&"/"and" between words match each other loosely.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .. import diagnostics as diag
from ..diagnostics import Diagnostic
from ..reading.text import slugify
from .yamldata import item_lines, read_yaml

_JOIN = r"(?:\s*[-/]\s*|\s+)"


@dataclass(frozen=True, slots=True)
class Facet:
    """A dimension themes are grouped by (service, population, practice, system)."""

    id: str
    """Slug."""
    label: str
    """Heading on the themes index."""


@dataclass(frozen=True, slots=True)
class Theme:
    """One theme of the taxonomy."""

    id: str
    """Stable slug: the page is ``/themes/<id>/``."""
    label: str
    """Name shown to readers."""
    facet: str
    """Id of its facet."""
    description: str
    """One line: what belongs here."""
    phrases: tuple[str, ...]
    """Any of these assigns the theme."""
    exclude: tuple[str, ...]
    """Any of these in the same text blocks it."""
    line: int
    """Line of its entry in themes.yml."""
    pattern: re.Pattern[str] | None = field(default=None, compare=False, repr=False)
    """All phrases, compiled into one pattern."""
    veto: re.Pattern[str] | None = field(default=None, compare=False, repr=False)
    """All exclusions, compiled into one pattern (None when there are none)."""
    triggers: tuple[Trigger, ...] | None = field(default=None, compare=False, repr=False)
    """What a text must hold for each phrase to match (see :func:`phrase_triggers`): a text
    holding none of them cannot match, so the patterns need not run. None: always run them."""


@dataclass(frozen=True, slots=True)
class Taxonomy:
    """The whole taxonomy."""

    path: str
    """Path of the file, for diagnostics."""
    version: str = ""
    """The taxonomy's version, shown on the site."""
    facets: tuple[Facet, ...] = ()
    """Facets in file order."""
    themes: tuple[Theme, ...] = ()
    """Themes in file order."""
    keyed: dict[str, tuple[tuple[int, Trigger], ...]] = field(
        init=False, default_factory=dict, compare=False, repr=False
    )
    """For :func:`classify_text`: a word → the themes (by position) that have a phrase whose
    longest whole word it is, with what else that phrase needs."""
    unkeyed: tuple[tuple[int, Trigger], ...] = field(
        init=False, default=(), compare=False, repr=False
    )
    """Phrases without a whole word (``midwi*``), by theme position: tried by their text."""
    always: tuple[int, ...] = field(init=False, default=(), compare=False, repr=False)
    """Themes with a phrase that needs nothing (see :func:`phrase_triggers`): always tried."""

    def __post_init__(self) -> None:
        keyed: dict[str, list[tuple[int, Trigger]]] = {}
        unkeyed: list[tuple[int, Trigger]] = []
        always: list[int] = []
        for position, theme in enumerate(self.themes):
            if theme.triggers is None:
                always.append(position)
            for words, fragments in theme.triggers or ():
                if words:
                    key = max(words, key=lambda word: (len(word), word))
                    keyed.setdefault(key, []).append((position, (words, fragments)))
                else:
                    unkeyed.append((position, (words, fragments)))
        object.__setattr__(self, "keyed", {k: tuple(v) for k, v in keyed.items()})
        object.__setattr__(self, "unkeyed", tuple(unkeyed))
        object.__setattr__(self, "always", tuple(always))

    def get(self, theme_id: str) -> Theme | None:
        """The theme with ``theme_id``."""
        return next((theme for theme in self.themes if theme.id == theme_id), None)


@dataclass(frozen=True, slots=True)
class Assignment:
    """A theme given to one item, and why."""

    theme: str
    """Theme id."""
    evidence: str
    """The words of the item that matched, or the override's reason."""
    start: int = -1
    """Offset of the evidence in the item's plain text (-1 for an override)."""
    end: int = -1
    """End offset of the evidence."""
    override: bool = False
    """True when a person added the theme in the overrides file."""


def _phrase_source(phrase: str) -> str:
    """A phrase as regex source: ``(?i:…)`` unless it is an abbreviation in capitals."""
    words = [word for word in re.split(r"[\s\-/]+", phrase.strip()) if word]
    parts: list[str] = []
    for word in words:
        if word.lower() in ("and", "&"):
            parts.append("(?:and|&)")
        elif word.endswith("*"):
            parts.append(re.escape(word[:-1]) + r"[\w'\u2019-]*")
        else:
            parts.append(re.escape(word))
    body = _JOIN.join(parts)
    letters = [ch for ch in phrase if ch.isalpha()]
    capitals = bool(letters) and all(ch.isupper() for ch in letters) and len(letters) > 1
    return body if capitals else f"(?i:{body})"


_WORD = re.compile(r"\w+")


Trigger = tuple[frozenset[str], tuple[str, ...]]
"""What a text must hold for one phrase to match: whole words, and text (``*`` endings)."""


def phrase_triggers(phrases: tuple[str, ...]) -> tuple[Trigger, ...] | None:
    """For each of ``phrases``, what a text must contain (lower case) for it to match.

    Every word of a phrase must be in a text it matches ("and" may be "&", so it is left
    out): as a whole word when it is one, else as text (a ``*`` ending, an apostrophe).
    None when some phrase has no word to look for.
    """
    triggers: list[Trigger] = []
    for phrase in phrases:
        words: set[str] = set()
        fragments: set[str] = set()
        for part in re.split(r"[\s\-/]+", phrase.strip()):
            literal = part.removesuffix("*").lower()
            if not literal or literal in ("and", "&"):
                continue
            if _WORD.fullmatch(literal) and not part.endswith("*"):
                words.add(literal)
            else:
                fragments.add(literal)
        if not words and not fragments:
            return None
        triggers.append((frozenset(words), tuple(sorted(fragments))))
    return tuple(triggers)


def _candidates(taxonomy: Taxonomy, words: set[str], lower: str) -> list[Theme]:
    """The themes that could match a text with ``words`` (and text ``lower``), in order."""
    positions = set(taxonomy.always)
    tries = [entry for word in words for entry in taxonomy.keyed.get(word, ())]
    for position, (need, fragments) in tries + list(taxonomy.unkeyed):
        if (
            position not in positions
            and need <= words
            and all(fragment in lower for fragment in fragments)
        ):
            positions.add(position)
    return [taxonomy.themes[position] for position in sorted(positions)]


def compile_phrases(phrases: tuple[str, ...] | list[str]) -> re.Pattern[str]:
    """One pattern matching any of ``phrases``; the longest is tried first at each place."""
    ordered = sorted(phrases, key=lambda phrase: (-len(phrase), phrase))
    body = "|".join(_phrase_source(phrase) for phrase in ordered) or "(?!)"
    return re.compile(rf"(?<![\w])(?:{body})(?![\w])")


def compile_phrase(phrase: str) -> re.Pattern[str]:
    """A phrase as a regular expression, following the module's phrase semantics."""
    return compile_phrases([phrase])


def _phrases(value: Any) -> tuple[str, ...] | None:
    if value is None:
        return ()
    if isinstance(value, list) and all(isinstance(item, str) and item.strip() for item in value):
        return tuple(item.strip() for item in value)
    return None


def load_taxonomy(path: Path, display: str | None = None) -> tuple[Taxonomy, list[Diagnostic]]:
    """Read and validate the taxonomy; a broken theme is reported and left out."""
    shown = display or str(path)
    found: list[Diagnostic] = []

    def problem(line: int, message: str, code: str = "taxonomy-invalid") -> None:
        found.append(diag.make(shown, line, code, message))

    if not path.exists():
        problem(0, "no themes taxonomy; nothing is classified", "taxonomy-missing")
        return Taxonomy(shown), found
    data, text, broken = read_yaml(path, shown, "taxonomy-invalid")
    if data is None:
        return Taxonomy(shown), broken
    if not isinstance(data, dict) or not isinstance(data.get("themes"), list):
        problem(1, "expected a mapping with 'version:', 'facets:' and 'themes:'")
        return Taxonomy(shown), found
    version = str(data.get("version", ""))
    if not version:
        problem(1, "the taxonomy needs a 'version:' so assignments can be traced to it")
    facets: list[Facet] = []
    for entry in data.get("facets") or []:
        if isinstance(entry, dict) and isinstance(entry.get("id"), str):
            facets.append(Facet(str(entry["id"]), str(entry.get("label", entry["id"]))))
    facet_ids = {facet.id for facet in facets}
    themes: list[Theme] = []
    lines = item_lines(text, "themes")
    for index, entry in enumerate(data["themes"]):
        line = lines[index] if index < len(lines) else 0
        if not isinstance(entry, dict):
            problem(line, "a theme must be a mapping with id, label, facet, description, phrases")
            continue
        theme_id = entry.get("id")
        if not isinstance(theme_id, str) or slugify(theme_id) != theme_id:
            problem(line, f"theme id {theme_id!r} must be a slug such as 'domestic-abuse'")
            continue
        if theme_id in {theme.id for theme in themes} or theme_id == "unclassified":
            problem(line, f"theme id {theme_id} is used twice (or is reserved)")
            continue
        if entry.get("facet") not in facet_ids:
            problem(
                line,
                f"theme {theme_id} has unknown facet {entry.get('facet')!r}; "
                f"use one of {', '.join(sorted(facet_ids))}",
            )
            continue
        phrases, exclude = _phrases(entry.get("phrases")), _phrases(entry.get("exclude"))
        if not phrases or exclude is None:
            problem(line, f"theme {theme_id} needs 'phrases:' (and 'exclude:') as lists of text")
            continue
        themes.append(
            Theme(
                id=theme_id,
                label=str(entry.get("label") or theme_id),
                facet=str(entry["facet"]),
                description=str(entry.get("description") or ""),
                phrases=phrases,
                exclude=exclude,
                line=line,
                pattern=compile_phrases(phrases),
                veto=compile_phrases(exclude) if exclude else None,
                triggers=phrase_triggers(phrases),
            )
        )
    return Taxonomy(shown, version, tuple(facets), tuple(themes)), found


def classify_text(text: str, taxonomy: Taxonomy) -> tuple[Assignment, ...]:
    """Every theme whose phrases occur in ``text`` (and whose exclusions do not)."""
    assigned: list[Assignment] = []
    lower = text.lower()
    words = set(_WORD.findall(lower))
    for theme in _candidates(taxonomy, words, lower):
        if theme.pattern is None:
            continue
        best = theme.pattern.search(text)
        if best is None or (theme.veto is not None and theme.veto.search(text)):
            continue
        assigned.append(Assignment(theme.id, best.group(0), best.start(), best.end()))
    return tuple(assigned)


# -- overrides -------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Override:
    """A person's correction for one item."""

    item: str
    """``<report slug>#<anchor>``, e.g. ``medway-2016#rec-1-3``."""
    add: tuple[str, ...]
    """Theme ids to add."""
    remove: tuple[str, ...]
    """Theme ids to remove."""
    reason: str
    """Why, shown to readers beside an added theme."""
    line: int
    """Line in the overrides file."""


def load_overrides(
    path: Path, taxonomy: Taxonomy, display: str | None = None
) -> tuple[tuple[Override, ...], list[Diagnostic]]:
    """Read the overrides file (optional)."""
    shown = display or str(path)
    found: list[Diagnostic] = []
    if not path.exists():
        return (), found
    data, text, broken = read_yaml(path, shown, "taxonomy-invalid")
    if data is None:
        return (), broken
    data = data or {}
    lines = item_lines(text, "overrides")
    overrides: list[Override] = []
    known = {theme.id for theme in taxonomy.themes}
    for index, entry in enumerate(data.get("overrides") or []):
        line = lines[index] if index < len(lines) else 0
        add = _phrases(entry.get("add")) if isinstance(entry, dict) else None
        remove = _phrases(entry.get("remove")) if isinstance(entry, dict) else None
        if (
            not isinstance(entry, dict)
            or add is None
            or remove is None
            or "#" not in str(entry.get("item", ""))
        ):
            found.append(
                diag.make(
                    shown,
                    line,
                    "taxonomy-invalid",
                    "an override needs item: '<report slug>#<anchor>', add: [...], remove: [...], "
                    "reason: '...'",
                )
            )
            continue
        unknown = [theme for theme in (*add, *remove) if theme not in known]
        if unknown:
            found.append(
                diag.make(
                    shown,
                    line,
                    "unknown-theme",
                    f"override names unknown theme(s) {', '.join(unknown)}",
                )
            )
            continue
        overrides.append(
            Override(str(entry["item"]), add, remove, str(entry.get("reason") or ""), line)
        )
    return tuple(overrides), found


def apply_overrides(
    item: str, assigned: tuple[Assignment, ...], overrides: tuple[Override, ...]
) -> tuple[Assignment, ...]:
    """``assigned`` corrected by every override for ``item``."""
    result = list(assigned)
    for override in overrides:
        if override.item != item:
            continue
        result = [a for a in result if a.theme not in override.remove]
        for theme in override.add:
            if all(a.theme != theme for a in result):
                result.append(Assignment(theme, override.reason, override=True))
    return tuple(result)
