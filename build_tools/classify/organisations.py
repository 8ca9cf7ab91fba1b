"""Organisations: the curated registry and the resolution of names written in reports.

Reports name the same body in many ways ("University Hospitals Leicester", "University of
Leicester Hospitals", "UHL"), join several bodies on one addressee line with commas, "and" and
"&" while single names contain "and" themselves, and run cover-page lists together with no
separator at all. :func:`split_names` therefore reads a line against the registry, longest
known name first, and only falls back to punctuation for what the registry does not know.
Generic addressees ("Staffordshire CCGs") stay one addressee whose members are the bodies the
report's own cover names.

``source_reports/organisations.yml`` becomes typed objects here, at the edge, with diagnostics
that point at the offending YAML line.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .. import diagnostics as diag
from ..diagnostics import Diagnostic
from ..model import Report
from ..reading.inline import plain_text
from ..reading.parse import split_organisations
from ..reading.resolve import ResolvedReport
from ..reading.text import slugify
from .yamldata import item_lines, read_yaml

#: Organisation kinds and how the site names them.
KINDS: dict[str, str] = {
    "nhs-trust": "NHS trust",
    "foundation-trust": "NHS foundation trust",
    "ccg": "Clinical commissioning group",
    "local-authority": "Local authority",
    "nhs-england": "NHS England",
    "community-interest-company": "Community interest company",
    "other": "Other organisation",
}
#: Where a collective addressee takes its members from.
MEMBER_SOURCES = ("cover-ccgs", "cover-providers", "cover-all")

_MAX_WORDS = 16
_WORD = re.compile(r"[^\s,;]+")
_SEPARATOR = re.compile(r"^(?:\s|,|;|\band\b|&)*$", re.IGNORECASE)
_ABBREVIATION = re.compile(r"^\s*\(([^()]{1,12})\)")


@dataclass(frozen=True, slots=True)
class Organisation:
    """One organisation of the registry."""

    id: str
    """Stable slug: the organisation's page is ``/providers/<id>/``."""
    name: str
    """Canonical name."""
    kind: str
    """One of :data:`KINDS`."""
    areas: tuple[str, ...]
    """Report areas it serves."""
    aliases: tuple[str, ...]
    """Every other way the reports write its name."""
    line: int
    """Line of its entry in the registry file."""

    @property
    def kind_label(self) -> str:
        """The kind as the site shows it."""
        return KINDS.get(self.kind, self.kind)

    @property
    def names(self) -> tuple[str, ...]:
        """Canonical name and aliases."""
        return (self.name, *self.aliases)


@dataclass(frozen=True, slots=True)
class Collective:
    """A generic addressee such as "Staffordshire CCGs" or "all providers"."""

    name: str
    """Example of how it is written."""
    pattern: re.Pattern[str]
    """Matches an addressee that is this collective."""
    members: str
    """One of :data:`MEMBER_SOURCES`."""
    description: str
    """What the members are, in words."""


@dataclass(frozen=True, slots=True)
class Registry:
    """All organisations and collectives, with a lookup by normalised name."""

    path: str
    """Path of the registry file, for diagnostics."""
    organisations: tuple[Organisation, ...] = ()
    """Every organisation, sorted by id."""
    collectives: tuple[Collective, ...] = ()
    """Generic addressees."""
    by_key: dict[str, Organisation] = field(default_factory=dict)
    """Normalised name or alias → organisation."""

    def lookup(self, name: str) -> Organisation | None:
        """The organisation called ``name`` (any alias, any case, '&' or 'and')."""
        return self.by_key.get(name_key(name))

    def collective(self, name: str) -> Collective | None:
        """The collective ``name`` is, if any."""
        return next((c for c in self.collectives if c.pattern.search(name.strip())), None)

    def suggest(self, name: str) -> list[str]:
        """Canonical names close to ``name``, best first."""
        close = difflib.get_close_matches(name_key(name), list(self.by_key), n=3, cutoff=0.72)
        names: list[str] = []
        for key in close:
            canonical = self.by_key[key].name
            if canonical not in names:
                names.append(canonical)
        return names


def name_key(name: str) -> str:
    """Normalised form used to compare names: case, '&', hyphens and punctuation ignored."""
    text = name.lower().replace("&", " and ").replace("\u2019", "'")
    text = re.sub(r"[^a-z0-9']+", " ", text).replace("'", "")
    return re.sub(r"\s+", " ", text).strip()


# -- loading ---------------------------------------------------------------------------------


def _strings(value: Any) -> tuple[str, ...] | None:
    if value is None:
        return ()
    if isinstance(value, list) and all(isinstance(item, str) for item in value):
        return tuple(item.strip() for item in value)
    return None


def load_registry(path: Path, display: str | None = None) -> tuple[Registry, list[Diagnostic]]:
    """Read and validate the registry; a broken entry is reported and left out."""
    shown = display or str(path)
    found: list[Diagnostic] = []

    def problem(line: int, message: str, code: str = "registry-invalid") -> None:
        found.append(diag.make(shown, line, code, message))

    if not path.exists():
        problem(0, "no organisations registry; addressees cannot be resolved", "registry-missing")
        return Registry(shown), found
    data, text, broken = read_yaml(path, shown, "registry-invalid")
    if data is None:
        return Registry(shown), broken
    if not isinstance(data, dict) or not isinstance(data.get("organisations"), list):
        problem(1, "expected a mapping with an 'organisations:' list (see the comment at its top)")
        return Registry(shown), found

    organisations: list[Organisation] = []
    owners: dict[str, tuple[str, int]] = {}
    lines = item_lines(text, "organisations")
    for index, entry in enumerate(data["organisations"]):
        line = lines[index] if index < len(lines) else 0
        if not isinstance(entry, dict):
            problem(line, "an organisation must be a mapping with id, name, kind, areas, aliases")
            continue
        org_id, name, kind = entry.get("id"), entry.get("name"), entry.get("kind")
        areas, aliases = _strings(entry.get("areas")), _strings(entry.get("aliases"))
        if not isinstance(org_id, str) or slugify(org_id) != org_id:
            problem(line, f"id {org_id!r} must be a slug such as 'medway-ccg'")
            continue
        if not isinstance(name, str) or not name.strip():
            problem(line, f"organisation {org_id} has no name")
            continue
        if kind not in KINDS:
            problem(
                line,
                f"organisation {org_id} has unknown kind {kind!r}; use one of {', '.join(KINDS)}",
                "unknown-kind",
            )
            continue
        if areas is None or aliases is None:
            problem(line, f"organisation {org_id}: areas and aliases must be lists of names")
            continue
        if org_id in {org.id for org in organisations}:
            problem(line, f"id {org_id} is used twice", "duplicate-alias")
            continue
        accepted: list[str] = []
        for alias in (name, *aliases):
            key = name_key(alias)
            if key in owners:
                other, other_line = owners[key]
                problem(
                    line,
                    f"{alias!r} of {org_id} is already a name of {other} (line {other_line}); "
                    "a name may belong to one organisation only",
                    "duplicate-alias",
                )
                continue
            owners[key] = (org_id, line)
            if alias != name:
                accepted.append(alias)
        organisations.append(Organisation(org_id, name.strip(), kind, areas, tuple(accepted), line))

    collectives: list[Collective] = []
    collective_lines = item_lines(text, "collectives")
    for index, entry in enumerate(data.get("collectives") or []):
        line = collective_lines[index] if index < len(collective_lines) else 0
        if not isinstance(entry, dict) or entry.get("members") not in MEMBER_SOURCES:
            problem(
                line, f"a collective needs name, pattern and members ({', '.join(MEMBER_SOURCES)})"
            )
            continue
        try:
            pattern = re.compile(str(entry.get("pattern", "")), re.IGNORECASE)
        except re.error as error:
            problem(line, f"collective pattern is not a valid regular expression: {error}")
            continue
        collectives.append(
            Collective(
                str(entry.get("name", "")),
                pattern,
                str(entry["members"]),
                str(entry.get("description", "")),
            )
        )
    organisations.sort(key=lambda org: org.id)
    by_key = {name_key(alias): org for org in organisations for alias in org.names}
    return Registry(shown, tuple(organisations), tuple(collectives), by_key), found


# -- resolving names -------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Addressee:
    """One name as written in a report, and what it resolved to."""

    written: str
    """The name exactly as the report writes it."""
    organisation: Organisation | None = None
    """The registry entry, when the name is known."""
    collective: Collective | None = None
    """The collective, when the name is generic ("Staffordshire CCGs")."""
    members: tuple[Organisation, ...] = ()
    """For a collective: the organisations the report names that it stands for."""
    start: int = 0
    """Offset of ``written`` in the line it came from."""

    @property
    def name(self) -> str:
        """Canonical name, or the name as written when it is not a single known body."""
        return self.organisation.name if self.organisation else self.written

    @property
    def id(self) -> str | None:
        """Registry id, when known."""
        return self.organisation.id if self.organisation else None


def split_names(text: str, registry: Registry) -> list[tuple[str, int, Organisation | None]]:
    """Split ``text`` into names as written: (written, offset, organisation or None).

    Known names are found longest first; an abbreviation in brackets right after a known name
    ("Medway NHS Foundation Trust (MFT)") belongs to it. What lies between known names and is
    not a separator is split by punctuation and returned unresolved.
    """
    words = [(m.start(), m.end(), m.group(0)) for m in _WORD.finditer(text)]
    pieces: list[tuple[str, int, Organisation | None]] = []
    gap_start: int | None = None
    index = 0

    def flush_gap(end: int) -> None:
        nonlocal gap_start
        if gap_start is None:
            return
        stretch = text[gap_start:end]
        if not _SEPARATOR.match(stretch):
            for name in split_organisations(stretch):
                offset = text.find(name, gap_start)
                pieces.append((name, offset, registry.lookup(name)))
        gap_start = None

    while index < len(words):
        match_end = 0
        organisation: Organisation | None = None
        for stop in range(min(len(words), index + _MAX_WORDS), index, -1):
            candidate = text[words[index][0] : words[stop - 1][1]]
            found = registry.lookup(candidate)
            if found is not None:
                match_end, organisation = stop, found
                break
        if organisation is None:
            if gap_start is None:
                gap_start = words[index][0]
            index += 1
            continue
        start = words[index][0]
        flush_gap(start)
        end = words[match_end - 1][1]
        bracket = _ABBREVIATION.match(text[end:])
        if bracket and registry.lookup(bracket.group(1)) in (organisation, None):
            end += bracket.end()
            while match_end < len(words) and words[match_end][1] <= end:
                match_end += 1
        pieces.append((text[start:end], start, organisation))
        index = match_end
    flush_gap(len(text))
    return pieces


def _members(
    collective: Collective, cover: dict[str, tuple[Addressee, ...]]
) -> tuple[Organisation, ...]:
    if collective.members == "cover-ccgs":
        sources = cover["ccgs"]
    elif collective.members == "cover-providers":
        sources = cover["providers"]
    else:
        sources = cover["providers"] + cover["ccgs"]
    seen: list[Organisation] = []
    for item in sources:
        if item.organisation is not None and item.organisation not in seen:
            seen.append(item.organisation)
    return tuple(seen)


def resolve_names(
    text: str,
    registry: Registry,
    cover: dict[str, tuple[Addressee, ...]] | None = None,
) -> list[Addressee]:
    """Every name in ``text`` as an :class:`Addressee`; collectives get the cover's members."""
    resolved: list[Addressee] = []
    for written, start, organisation in split_names(text, registry):
        collective = None if organisation else registry.collective(written)
        members = _members(collective, cover) if collective and cover is not None else ()
        resolved.append(Addressee(written, organisation, collective, members, start))
    return resolved


# -- the classify stage ----------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class ReportOrganisations:
    """Every organisation a report names, resolved."""

    groups: tuple[tuple[Addressee, ...], ...]
    """Addressees of each recommendation group, in the order of ``report.groups``."""
    providers: tuple[Addressee, ...]
    """The cover's provider services."""
    ccgs: tuple[Addressee, ...]
    """The cover's CCGs."""
    mentions: dict[str, tuple[str, ...]]
    """Organisation id → anchors of the findings whose text names it."""


def _name_pattern(key: str) -> str:
    """Regex for a normalised name as text writes it: any case, '&' or 'and', hyphens."""
    words = ["(?:and|&)" if word == "and" else re.escape(word) for word in key.split()]
    return r"(?:\s+|\s*[-&/]\s*)".join(words)


_WORDS = re.compile(r"\w+")


def _name_words(registry: Registry) -> list[frozenset[str]]:
    """For each name the mention patterns find, the words (lower case) a text must hold."""
    required: set[frozenset[str]] = set()
    for name in (name for org in registry.organisations for name in org.names):
        key = name_key(name)
        # As _mention_patterns reads them: a phrase by its normalised words ('and' may be
        # '&'), a one-word abbreviation as written.
        words = key.split() if len(key.split()) > 1 else _WORDS.findall(name.lower())
        required.add(frozenset(words) - {"and"})
    return sorted(required, key=sorted)


def _mention_patterns(registry: Registry) -> list[re.Pattern[str]]:
    """Patterns that find an organisation's names in running text, longest names first.

    Names of several words match in any case and with '&' for 'and'; a one-word name is an
    abbreviation ("MFT", "ADS") and must match exactly, or ordinary words would count.
    """
    names = {name for org in registry.organisations for name in org.names}
    phrases = sorted({name_key(n) for n in names if len(name_key(n).split()) > 1}, key=len)
    words = sorted({n for n in names if len(name_key(n).split()) == 1}, key=len)
    patterns: list[re.Pattern[str]] = []
    if phrases:
        body = "|".join(_name_pattern(key) for key in reversed(phrases))
        patterns.append(re.compile(rf"(?<![\w&])(?:{body})(?![\w&])", re.IGNORECASE))
    if words:
        body = "|".join(re.escape(word) for word in reversed(words))
        patterns.append(re.compile(rf"(?<![\w&])(?:{body})(?![\w&])"))
    return patterns


def _cover_value(report: Report, prefix: str) -> tuple[str, int]:
    for row in report.cover:
        if row.label.lower().startswith(prefix):
            return plain_text(row.value), row.line
    return "", 0


def classify_organisations(
    resolved: ResolvedReport, registry: Registry
) -> tuple[ReportOrganisations, list[Diagnostic]]:
    """Resolve the cover lists, every addressee line and the names findings mention."""
    report = resolved.report
    found: list[Diagnostic] = []

    def check(items: list[Addressee], line: int, where: str) -> tuple[Addressee, ...]:
        for item in items:
            if item.organisation is None and item.collective is None and registry.organisations:
                suggestions = registry.suggest(item.written)
                hint = (
                    f" Did you mean {' or '.join(repr(s) for s in suggestions)}?"
                    if suggestions
                    else ""
                )
                found.append(
                    diag.make(
                        report.source,
                        line,
                        "unknown-organisation",
                        f"{where} names {item.written!r}, which is not in the organisations "
                        f"registry ({registry.path}).{hint}",
                    )
                )
            if item.collective is not None and not item.members:
                found.append(
                    diag.make(
                        report.source,
                        line,
                        "collective-without-members",
                        f"{where} names {item.written!r}, but the cover names no organisations "
                        f"it could stand for ({item.collective.description})",
                    )
                )
        return tuple(items)

    providers_text, providers_line = _cover_value(report, "provider")
    ccgs_text, ccgs_line = _cover_value(report, "ccg")
    cover = {
        "providers": check(resolve_names(providers_text, registry), providers_line, "the cover"),
        "ccgs": check(resolve_names(ccgs_text, registry), ccgs_line, "the cover"),
    }
    groups = tuple(
        check(
            resolve_names(group.addressees_raw, registry, cover),
            group.line,
            f"recommendation group {group.number}",
        )
        for group in report.groups
    )
    mentions: dict[str, list[str]] = {}
    order = {finding.anchor: index for index, finding in enumerate(report.findings)}
    patterns, required = _mention_patterns(registry), _name_words(registry)
    for finding in report.findings:
        text = " ".join(
            [plain_text(finding.text)] + [plain_text(p.text) for p in finding.continuation]
        )
        # The patterns try every name at every word; most findings hold no name's words.
        words = set(_WORDS.findall(text.lower()))
        if not any(name <= words for name in required):
            continue
        for match in (m for pattern in patterns for m in pattern.finditer(text)):
            org = registry.lookup(match.group(0))
            if org is not None:
                anchors = mentions.setdefault(org.id, [])
                if finding.anchor not in anchors:
                    anchors.append(finding.anchor)
    result = ReportOrganisations(
        groups=groups,
        providers=cover["providers"],
        ccgs=cover["ccgs"],
        mentions={
            key: tuple(sorted(value, key=order.__getitem__)) for key, value in mentions.items()
        },
    )
    return result, found
