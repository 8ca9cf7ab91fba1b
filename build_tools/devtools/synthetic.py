"""Synthetic CLAS reports for the benchmark: ``python -m build_tools.devtools.synthetic N OUT_DIR``.

The seed reports in ``source_reports/`` are cut once into reusable pieces: the narrative
sections, each numbered finding with the lines that follow it (continuations, case examples,
quotes, public-health notes) and the recommendations. Each synthetic report recombines them:
findings are drawn from the same section of any seed, shuffled, sometimes spliced sentence by
sentence with another finding, and renumbered; every recommendation is cited by at least one
finding in one of the seeds' citation markups; recommendation groups are addressed to
organisations named in ``organisations.yml``. Area names are swapped for an invented one
("Ashbridge") while organisation names are left whole, so addressees still resolve.

Report ``i`` depends only on ``i`` and the seed, so the first 50 reports of a run of 150 are the
50 reports of a run of 50, and every area (hence every page address) is unique. The module
reads the seeds with a few regular expressions of its own rather than the site's parser, to
stay fast: 1,000 reports take a few seconds.
"""

from __future__ import annotations

import argparse
import datetime as dt
import logging
import random
import re
import shutil
import sys
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from ..reading.parse import (
    _CONTENTS_ENTRY,
    _COVER_ROW,
    _FINDING,
    _GROUP,
    _ITEM,
    _NUMBERED_TITLE,
    _ORG_END,
    _PAGE_DEBRIS,
    TITLE_RE,
)
from ..reading.text import ID_LIST_SEPARATOR as _SEP
from ..reading.text import RECOMMENDATION_ID as _ID
from ..reading.text import slugify

log = logging.getLogger(__name__)

ROOT = Path(__file__).resolve().parents[2]
SEEDS = ROOT / "source_reports"
#: Curated files a build reads beside the reports; copied into the output folder.
CURATED = ("organisations.yml", "themes.yml", "glossary.yml")
TITLE = "Review of health services for Children Looked After and Safeguarding in "
#: Stands for the area in the seed pieces until a report fills it in.
AREA = "\x00"

# The generator reads the seeds with the parser's own line patterns, so the two never drift.
_TITLE_RE = TITLE_RE
_NUMBERED = _NUMBERED_TITLE
# Citations as the seeds write them, with the brackets and emphasis around them:
# "(**Recommendation 1.3**)", "***(Recommendation 10.2)***", "[Recommendation 3.1](#)".
_CITATION = re.compile(
    rf"\s*[(\[*_]{{0,4}}\s*\bRecommendations?\b[\s,:*_]{{0,6}}{_ID}(?:{_SEP}{_ID})*"
    r"\s*[*_)\]]{0,4}(?:\(#\))?[*_)]{0,4}",
    re.IGNORECASE,
)
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z])")
# Where a recommendation's ask ends and a purpose clause ("to …", "so that …") begins.
_JOINT = re.compile(r"\s(?=(?:to|so that|including|by|when|where|with|in order to|through)\s)")
#: Share of recommendations copied whole from a seed (lightly reworded); the rest join a seed
#: recommendation's ask to a clause of a seed finding. With 0.3, about 0.13 % of pairs of
#: recommendations from different synthetic reports are "similar" (build_tools.classify.similarity),
#: against 0.07 % among the seeds: recurring asks exist, without every copy linking to all others.
COPY_SHARE = 0.3

#: Top-level sections of every report, in order, with the kind of their content.
NARRATIVE = (
    "Summary of the review",
    "About the review",
    "How we carried out the review",
    "Context of the review",
    "The report",
    "What people told us",
)
#: Sections that hold numbered findings: (number, title).
FINDING_SECTIONS = (
    ("1", "Early help"),
    ("2", "Children in need"),
    ("3", "Child protection"),
    ("4", "Looked after children"),
    ("5.1", "Leadership and management"),
    ("5.2", "Governance"),
    ("5.3", "Training and supervision"),
)
_JOURNEY, _MANAGEMENT, _RECOMMENDATIONS, _NEXT = (
    "The child's journey",
    "Management",
    "Recommendations",
    "Next steps",
)
_HEADINGS: dict[str, str] = {
    **{title.lower(): title for title in NARRATIVE},
    **{title.lower(): title for _, title in FINDING_SECTIONS},
    "leadership & management": "Leadership and management",
    "looked-after children": "Looked after children",
    "the child's journey": _JOURNEY,
    "the childs journey": _JOURNEY,
    "management": _MANAGEMENT,
    "recommendations": _RECOMMENDATIONS,
    "next steps": _NEXT,
}
_CONTENTS = (
    ("Summary of the review", 3),
    ("About the review", 3),
    ("How we carried out the review", 4),
    ("Context of the review", 4),
    ("The report", 6),
    ("What people told us", 6),
    ("The child's journey", 8),
    ("Early help", 8),
    ("Children in need", 15),
    ("Child protection", 20),
    ("Looked after children", 27),
    ("Management", 29),
    ("Leadership & management", 29),
    ("Governance", 33),
    ("Training and supervision", 36),
    ("Recommendations", 40),
    ("Next steps", 43),
)
# Invented place names: prefix + suffix, then with a compass point when those run out.
_PREFIXES = (
    "Ash", "Bar", "Beck", "Black", "Bram", "Brook", "Calder", "Chester", "Clay", "Cold",
    "Corn", "Dal", "Den", "Dun", "Elm", "Fair", "Fern", "Glen", "Gold", "Hall", "Hart",
    "Hazel", "Holm", "Kings", "Lang", "Lark", "Lin", "Maple", "Mill", "Moor", "Nor", "Oak",
    "Pen", "Queens", "Red", "Rother", "Sand", "Shel", "Stan", "Thorn", "Wal", "Wen", "Whit",
    "Wolver", "Wood", "Yar",
)  # fmt: skip
_SUFFIXES = (
    "borough", "bridge", "bury", "by", "caster", "combe", "dale", "den", "field", "ford",
    "gate", "ham", "hampton", "holme", "hurst", "ington", "leigh", "ley", "mere", "minster",
    "mouth", "stead", "stow", "thorpe", "ton", "wich", "wick", "worth",
)  # fmt: skip
_QUALIFIERS = ("North", "South", "East", "West", "Greater", "Upper", "Lower", "Central")
#: Words a recommendation may say otherwise; swapping them varies the wording between copies.
_SYNONYMS = (
    ("Ensure", "Make sure"),
    ("ensure", "make sure"),
    ("Improve", "Strengthen"),
    ("improve", "strengthen"),
    ("robust", "effective"),
    ("practitioners", "staff"),
    ("children and young people", "young people and children"),
    ("appropriate", "suitable"),
    ("routinely", "consistently"),
    ("develop", "establish"),
    ("arrangements", "processes"),
    ("in place", "established"),
    ("information sharing", "sharing of information"),
    ("record", "document"),
    ("oversight", "scrutiny"),
    ("assure themselves", "be assured"),
)
_CITE_FORMS = (
    "(**{word} {ids}**)",
    "**({word} {ids})**",
    "***({word} {ids})***",
    "({word} {ids})",
    "(**{word} {ids}**)",
)
_MONTHS = (
    "January", "February", "March", "April", "May", "June", "July", "August", "September",
    "October", "November", "December",
)  # fmt: skip
_PUBLIC_HEALTH = (
    "*This has been drawn to the attention of Public Health, {area} Council as the "
    "commissioner of the service.*",
    "*These issues have been brought to the attention of the public health team in {area}.*",
    "***A letter will be sent to Public Health {area} to highlight this issue.***",
)
_PROVIDER_KINDS = ("nhs-trust", "foundation-trust", "community-interest-company", "other")


@dataclass(frozen=True, slots=True)
class Unit:
    """A numbered finding of a seed and the lines that belong to it."""

    sentences: tuple[str, ...]
    """The finding's own line cut into sentences (number and citations removed)."""
    rest: tuple[str, ...]
    """Following lines up to the next finding or heading: continuations, examples, quotes."""


@dataclass(frozen=True, slots=True)
class Organisation:
    """A registry organisation that may be an addressee."""

    name: str
    kind: str


@dataclass(frozen=True, slots=True)
class Pool:
    """Everything the seeds offer to recombine, area names replaced by :data:`AREA`."""

    narratives: dict[str, tuple[tuple[str, ...], ...]]
    """Top-level section title (and section preambles) → each seed's lines."""
    units: dict[str, tuple[Unit, ...]]
    """Finding section title → the findings of every seed."""
    shares: dict[str, float]
    """Finding section title → its mean share of a report's findings."""
    recommendations: tuple[str, ...]
    asks: tuple[str, ...]
    """Opening clauses of the seed recommendations ("Implement formal supervision pathways")."""
    clauses: tuple[str, ...]
    """Purpose clauses cut from finding sentences ("to inform the decision making process")."""
    inspectors: tuple[str, ...]
    nhs_areas: tuple[str, ...]
    regions: tuple[tuple[str, str], ...]
    """(CQC region, deputy chief inspector) pairs."""
    organisations: tuple[Organisation, ...]


@dataclass(frozen=True, slots=True)
class Generated:
    """One written report."""

    path: Path
    area: str
    slug: str
    findings: int
    recommendations: int


def _heading_key(text: str) -> tuple[str, str] | None:
    """(number, canonical title) when ``text`` is a section heading of the seeds."""
    if len(text) > 90 or "\t" in text:
        return None
    number, title = "", text
    numbered = _NUMBERED.match(text)
    if numbered and not text.startswith(("-", "*")):
        number, title = numbered["number"], numbered["title"]
    key = re.sub(r"[*_#]", "", title).replace("\u2019", "'").replace("\u2018", "'")
    key = re.sub(r"\s+", " ", key).strip().rstrip(":").strip().lower()
    if key in _HEADINGS:
        return number, _HEADINGS[key]
    return None


def _subheading_like(text: str) -> bool:
    """An unknown numbered heading ("4. Looked after children and care leavers")."""
    numbered = _NUMBERED.match(text)
    if numbered is None or text.startswith(("-", "*")):
        return False
    title = numbered["title"]
    return (
        len(title.split()) <= 8
        and not re.search(r"[.:;!?)\]*]$", title)
        and title[:1].isupper()
        and not re.search(r"\d", title)
    )


def _reads_as_quantity(text: str) -> bool:
    """ "1.5 million children …" opens a sentence; it is not a finding."""
    first = re.sub(r"^[*_(\[\"'\u201c\u2018]+", "", text).split(" ", 1)[0]
    return first[:1].islower() and not any(ch.isupper() for ch in first)


class _Marker:
    """Replaces a seed's area name by :data:`AREA`, leaving organisation names whole."""

    def __init__(self, organisations: Iterable[str], areas: Sequence[str]) -> None:
        self._areas = [re.compile(rf"(?<!\w){re.escape(area)}(?!\w)") for area in areas]
        self._words = tuple(areas)
        # Only names that contain an area word need protecting ("Medway CCG").
        names = sorted(
            {name for name in organisations if any(area in name for area in areas)},
            key=len,
            reverse=True,
        )
        self._protect = (
            re.compile("|".join(rf"(?<!\w){re.escape(name)}(?!\w)" for name in names))
            if names
            else None
        )

    def mark(self, text: str) -> str:
        if not any(word in text for word in self._words):
            return text
        kept: list[str] = []

        def hide(match: re.Match[str]) -> str:
            kept.append(match[0])
            return f"\x01{len(kept) - 1}\x02"

        hidden = self._protect.sub(hide, text) if self._protect is not None else text
        for area in self._areas:
            hidden = area.sub(AREA, hidden)
        return re.sub(r"\x01(\d+)\x02", lambda m: kept[int(m[1])], hidden)


def _strip_citations(text: str) -> str:
    if "ecommendation" not in text and "ECOMMENDATION" not in text:
        return text
    return re.sub(r"\s{2,}", " ", _CITATION.sub("", text)).strip()


def _load_organisations(path: Path) -> tuple[tuple[Organisation, ...], list[str]]:
    # libyaml's loader is 25 times faster than the pure-Python one.
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    data = yaml.load(path.read_text("utf-8"), Loader=loader) or {}
    found: list[Organisation] = []
    names: list[str] = []
    for entry in data.get("organisations") or []:
        found.append(Organisation(str(entry["name"]), str(entry.get("kind", "other"))))
        names.append(str(entry["name"]))
        names.extend(str(alias) for alias in entry.get("aliases") or [])
    return tuple(found), names


@dataclass
class _Seed:
    """The pieces of one seed report (working state of :func:`_read_seed`)."""

    cover: dict[str, str] = field(default_factory=dict)
    narratives: dict[str, list[str]] = field(default_factory=dict)
    units: dict[str, list[Unit]] = field(default_factory=dict)
    recommendations: list[str] = field(default_factory=list)


def _unit(lines: list[str]) -> Unit:
    head = _FINDING.match(lines[0])
    assert head is not None
    text = _strip_citations(head["text"])
    return Unit(tuple(_SENTENCE_END.split(text)), tuple(lines[1:]))


def _read_seed(path: Path, names: Sequence[str]) -> _Seed | None:
    """Cut one seed report into cover values, section texts, findings and recommendations."""
    lines = [
        line.replace("\u00a0", " ").strip() for line in path.read_text("utf-8-sig").splitlines()
    ]
    lines = [line for line in lines if line]
    title = _TITLE_RE.match(lines[0]) if lines else None
    if title is None:
        log.warning("%s: not a CLAS report, skipped", path)
        return None
    area = title["area"].strip()
    marker = _Marker(names, [area, area.split()[0]] if " " in area else [area])
    seed = _Seed()
    index = 1
    while index < len(lines) and lines[index].lower() != "contents":
        row = _COVER_ROW.match(lines[index])
        if row:
            seed.cover[row["label"].strip().lower()] = row["value"].strip()
        index += 1
    index += 1
    while index < len(lines) and _CONTENTS_ENTRY.match(lines[index]):
        index += 1
    section = ""
    unit: list[str] = []
    finding_sections = {title for _, title in FINDING_SECTIONS}
    for raw in lines[index:]:
        if _PAGE_DEBRIS.match(raw) or _TITLE_RE.match(raw):
            continue
        text = marker.mark(_strip_citations(raw))
        heading = _heading_key(raw)
        if heading is not None and not (section == _RECOMMENDATIONS and _GROUP.match(raw)):
            if unit:
                seed.units[section].append(_unit(unit))
            section, unit = heading[1], []
            seed.narratives.setdefault(section, [])
            if section in finding_sections:
                seed.units.setdefault(section, [])
            continue
        if section == _RECOMMENDATIONS:
            item = _ITEM.match(text)
            if item:
                seed.recommendations.append(item["text"].strip().strip("*").strip())
            continue
        if section in finding_sections:
            finding = _FINDING.match(text)
            if finding and not _reads_as_quantity(finding["text"]):
                if unit:
                    seed.units[section].append(_unit(unit))
                unit = [text]
                continue
            if _subheading_like(raw):
                continue
            if unit:
                unit.append(text)
                continue
        if section and text:
            seed.narratives[section].append(text)
    if unit:
        seed.units[section].append(_unit(unit))
    return seed


def load_pool(seeds: Path = SEEDS) -> Pool:
    """Cut the seed reports in ``seeds`` into pieces to recombine."""
    organisations, names = _load_organisations(seeds / "organisations.yml")
    read = [_read_seed(path, names) for path in sorted(seeds.glob("*.txt"))]
    found = [seed for seed in read if seed is not None]
    if not found:
        raise ValueError(f"no seed reports in {seeds}")
    units = {
        title: tuple(unit for seed in found for unit in seed.units.get(title, ()))
        for _, title in FINDING_SECTIONS
    }
    shares: dict[str, float] = {}
    for _, title in FINDING_SECTIONS:
        parts = [
            len(seed.units.get(title, ())) / max(1, sum(len(u) for u in seed.units.values()))
            for seed in found
        ]
        shares[title] = sum(parts) / len(parts)
    narratives: dict[str, tuple[tuple[str, ...], ...]] = {}
    for seed in found:
        for key, lines in seed.narratives.items():
            narratives[key] = (*narratives.get(key, ()), tuple(lines))
    recommendations = tuple(rec for seed in found for rec in seed.recommendations)
    inspectors = {
        name.strip()
        for seed in found
        for name in seed.cover.get("name(s) of cqc inspector", "").split(",")
        if name.strip()
    }
    regions = {
        (
            seed.cover.get("cqc region", ""),
            next((v for k, v in seed.cover.items() if k.startswith("cqc deputy")), ""),
        )
        for seed in found
    }
    return Pool(
        narratives=narratives,
        units=units,
        shares=shares,
        recommendations=recommendations,
        asks=_asks(recommendations),
        clauses=_clauses(unit for section in units.values() for unit in section),
        inspectors=tuple(sorted(inspectors)),
        nhs_areas=tuple(sorted({seed.cover.get("nhs england area", "") for seed in found} - {""})),
        regions=tuple(sorted(region for region in regions if region[0])),
        organisations=organisations,
    )


def area_names(count: int, seed: int = 0) -> list[str]:
    """``count`` invented area names, unique even once slugified; report i gets name i."""
    rng = random.Random(f"areas:{seed}")
    base = [prefix + suffix for prefix in _PREFIXES for suffix in _SUFFIXES]
    rng.shuffle(base)
    names: list[str] = []
    seen: set[str] = set()
    round_ = 0
    while len(names) < count:
        for name in base:
            candidate = name if round_ == 0 else f"{_QUALIFIERS[(round_ - 1) % 8]} {name}"
            if round_ > len(_QUALIFIERS):
                candidate = f"{candidate} {round_ // len(_QUALIFIERS) + 1}"
            slug = slugify(candidate)
            if slug in seen:
                continue
            seen.add(slug)
            names.append(candidate)
            if len(names) == count:
                break
        round_ += 1
    return names


def _citation(rng: random.Random, ids: list[str]) -> str:
    if len(ids) == 1 and rng.random() < 0.15:
        return f"[Recommendation {ids[0]}](#)"
    word = "Recommendations" if len(ids) > 1 else "Recommendation"
    joined = ids[0] if len(ids) == 1 else ", ".join(ids[:-1]) + " and " + ids[-1]
    return rng.choice(_CITE_FORMS).format(word=word, ids=joined)


def _asks(recommendations: Iterable[str]) -> tuple[str, ...]:
    found: list[str] = []
    for text in recommendations:
        first = _SENTENCE_END.split(text)[0].rstrip(".")
        for joint in _JOINT.finditer(first):
            if 3 <= len(first[: joint.start()].split()) <= 6:
                found.append(first[: joint.start()].rstrip(","))
                break
    return tuple(sorted(set(found)))


def _clauses(units: Iterable[Unit]) -> tuple[str, ...]:
    found: list[str] = []
    for unit in units:
        for sentence in unit.sentences:
            if re.search(r"[*_\"\u201c\u201d()\[\]\t]", sentence) or AREA in sentence:
                continue
            for joint in _JOINT.finditer(sentence):
                clause = sentence[joint.end() :].rstrip(".").strip()
                if joint.start() > len(sentence) // 4 and 6 <= len(clause.split()) <= 30:
                    found.append(clause)
                    break
    return tuple(sorted(set(found)))


def _recommendation(rng: random.Random, pool: Pool) -> str:
    """A seed recommendation reworded, or a seed's ask joined to a clause of a finding."""
    if rng.random() < COPY_SHARE or not pool.asks or not pool.clauses:
        text = rng.choice(pool.recommendations)
    else:
        text = f"{rng.choice(pool.asks)} {rng.choice(pool.clauses)}"
        if rng.random() < 0.5:
            text += f", and {rng.choice(pool.clauses)}"
        text += "."
    for old, new in _SYNONYMS:
        if old in text and rng.random() < 0.5:
            text = text.replace(old, new, 1)
    return text


def _addressees(names: list[str]) -> str:
    written = names[0]
    for name in names[1:-1]:
        written += f", {name}"
    if len(names) > 1:
        joiner = " and " if _ORG_END.search(names[-2]) else ", "
        written += joiner + names[-1]
    return written


def _date(day: dt.date) -> str:
    return f"{day.day} {_MONTHS[day.month - 1]} {day.year}"


@dataclass(frozen=True, slots=True)
class Rendered:
    """The text of one synthetic report and what it holds."""

    text: str
    year: int
    """Publication year (the slug ends with it)."""
    findings: int
    recommendations: int


@dataclass(frozen=True, slots=True)
class _Cast:
    """Who a report is about: its cover lists and the organisations recommendations address."""

    ccgs: list[str]
    providers: list[str]
    addressable: list[str]


def _cast(rng: random.Random, pool: Pool) -> _Cast:
    by_kind: dict[str, list[str]] = {}
    for org in pool.organisations:
        by_kind.setdefault(org.kind, []).append(org.name)
    ccgs = rng.sample(by_kind.get("ccg", ["NHS England"]), k=min(2, rng.choice((1, 1, 2))))
    everyone = [name for kind in _PROVIDER_KINDS for name in by_kind.get(kind, [])]
    providers = rng.sample(everyone, k=min(len(everyone), rng.randint(3, 6)))
    addressable = ccgs + providers
    if rng.random() < 0.4 and by_kind.get("nhs-england"):
        addressable.append(by_kind["nhs-england"][0])
    if rng.random() < 0.3 and by_kind.get("local-authority"):
        addressable.append(rng.choice(by_kind["local-authority"]))
    return _Cast(ccgs, providers, addressable)


def _draw_findings(rng: random.Random, pool: Pool) -> list[tuple[str, str, list[str]]]:
    """(section title, number, lines) of 132-158 findings drawn section by section."""
    total = rng.randint(132, 158)
    wants = {
        title: max(3, round(total * pool.shares[title] * rng.uniform(0.85, 1.15)))
        for _, title in FINDING_SECTIONS
    }
    wants["Early help"] += total - sum(wants.values())
    drawn: list[tuple[str, str, list[str]]] = []
    for number, title in FINDING_SECTIONS:
        candidates = pool.units[title]
        chosen = rng.sample(candidates, k=min(wants[title], len(candidates)))
        chosen += rng.choices(candidates, k=wants[title] - len(chosen))
        for position, unit in enumerate(chosen, start=1):
            sentences = list(unit.sentences)
            other = rng.choice(candidates)
            if len(sentences) > 1 and len(other.sentences) > 1 and rng.random() < 0.5:
                keep = rng.randint(1, len(sentences) - 1)
                tail = rng.randint(1, len(other.sentences) - 1)
                sentences = sentences[:keep] + list(other.sentences[tail:])
            if rng.random() < 0.03:
                sentences.append(rng.choice(_PUBLIC_HEALTH).format(area=AREA))
            drawn.append((title, f"{number}.{position}", [" ".join(sentences), *unit.rest]))
    return drawn


def _group_sizes(rng: random.Random) -> list[int]:
    """Recommendations per group: 22-78 recommendations in 4-11 groups."""
    total = rng.randint(22, 78)
    groups = rng.randint(4, min(11, total // 3))
    sizes = [1] * groups
    for _ in range(total - groups):
        sizes[rng.randrange(groups)] += 1
    return sizes


def _assign_citations(rng: random.Random, findings: int, rec_ids: list[str]) -> list[list[str]]:
    """The recommendations each finding cites: every one at least once, a few twice."""
    cites: list[list[str]] = [[] for _ in range(findings)]
    order = list(range(findings))
    rng.shuffle(order)
    for slot, rec_id in zip(order, rec_ids, strict=False):
        cites[slot].append(rec_id)
    for slot in rng.sample(range(findings), k=findings // 6):
        extra = rng.choice(rec_ids)
        if extra not in cites[slot]:
            cites[slot].append(extra)
    return [sorted(ids, key=lambda rec: tuple(map(int, rec.split(".")))) for ids in cites]


def render_report(pool: Pool, index: int, area: str, seed: int = 0) -> Rendered:
    """The text of synthetic report ``index`` for ``area``."""
    rng = random.Random(f"report:{seed}:{index}")
    out: list[str] = []

    def put(*lines: str) -> None:
        for line in lines:
            out.append(line)
            out.append("")

    def section_lines(key: str) -> tuple[str, ...]:
        return rng.choice(pool.narratives.get(key, ((),)))

    cast = _cast(rng, pool)
    start = dt.date(2014, 6, 1) + dt.timedelta(days=rng.randrange(3 * 365))
    published = start + dt.timedelta(days=rng.randint(55, 120))
    region, deputy = rng.choice(pool.regions) if pool.regions else ("Central", "")
    inspectors = rng.sample(pool.inspectors, k=min(len(pool.inspectors), rng.randint(4, 7)))
    put(
        TITLE + area,
        "Children Looked After and Safeguarding",
        f"The role of health services in {area}",
    )
    out.extend(
        [
            f"Date of review:\t{_date(start)} to {_date(start + dt.timedelta(days=4))}",
            f"Date of publication:\t{_date(published)}",
            f"Name(s) of CQC inspector:\t{', '.join(inspectors)}",
            f"Provider services included:\t{', '.join(cast.providers)}",
            f"CCGs included:\t{', '.join(cast.ccgs)}",
            f"NHS England area:\t{rng.choice(pool.nhs_areas) if pool.nhs_areas else ''}",
            f"CQC region:\t{region}",
            "CQC Deputy Chief Inspector, Primary Medical Services and Integrated Care:\t" + deputy,
            "",
            "Contents",
            "",
            *(f"{title}\t{page}" for title, page in _CONTENTS),
            "",
        ]
    )
    for title in NARRATIVE:
        put(title, *section_lines(title))

    findings = _draw_findings(rng, pool)
    sizes = _group_sizes(rng)
    rec_ids = [f"{g}.{i}" for g, size in enumerate(sizes, start=1) for i in range(1, size + 1)]
    cites = _assign_citations(rng, len(findings), rec_ids)
    put(_JOURNEY, *section_lines(_JOURNEY))
    current = ""
    for (title, number, lines), ids in zip(findings, cites, strict=True):
        if title != current:
            current = title
            section = number.rsplit(".", 1)[0]
            if section == "5.1":
                put(_MANAGEMENT if rng.random() < 0.7 else f"5. {_MANAGEMENT}")
                put(*section_lines(_MANAGEMENT))
            put(f"{section}{'' if '.' in section else '.'} {title}", *section_lines(title))
        first = f"{number} {lines[0]}"
        put(f"{first} {_citation(rng, ids)}" if ids else first, *lines[1:])

    put(_RECOMMENDATIONS)
    for group, size in enumerate(sizes, start=1):
        names = rng.sample(
            cast.addressable, k=min(len(cast.addressable), rng.choice((1, 1, 1, 2, 2, 3)))
        )
        addressees = _addressees(names)
        put(
            f"{group}. **{addressees} should:**"
            if rng.random() < 0.2
            else f"{group}. {addressees} should:"
        )
        bullet = "- " if rng.random() < 0.6 else ""
        put(
            *(f"{bullet}{group}.{item} {_recommendation(rng, pool)}" for item in range(1, size + 1))
        )
    put(
        _NEXT,
        "An action plan addressing the recommendations above is required from "
        f"{cast.ccgs[0]} within **20 working days** of receipt of this report.",
    )
    return Rendered("\n".join(out).replace(AREA, area), published.year, len(findings), len(rec_ids))


_GENERATED_NAME = re.compile(r"^\d{4,}_[0-9a-f]{16}\.txt$")


def generate(count: int, out_dir: Path, seed: int = 0, seeds: Path = SEEDS) -> list[Generated]:
    """Write ``count`` synthetic reports (and the curated YAML files) into ``out_dir``."""
    out_dir.mkdir(parents=True, exist_ok=True)
    for name in CURATED:
        shutil.copy2(seeds / name, out_dir / name)
    pool = load_pool(seeds)
    written: list[Generated] = []
    for index, area in enumerate(area_names(count, seed)):
        report = render_report(pool, index, area, seed)
        tag = random.Random(f"file:{seed}:{index}").getrandbits(64)
        path = out_dir / f"{index:04d}_{tag:016x}.txt"
        path.write_text(report.text + "\n", encoding="utf-8")
        slug = f"{slugify(area)}-{report.year}"
        written.append(Generated(path, area, slug, report.findings, report.recommendations))
    # Reports of an earlier, larger or differently seeded run would be built too: remove them.
    names = {item.path.name for item in written}
    stale = [
        p for p in out_dir.glob("*.txt") if _GENERATED_NAME.match(p.name) and p.name not in names
    ]
    for path in stale:
        path.unlink()
    log.info("wrote %d reports into %s (%d stale ones removed)", count, out_dir, len(stale))
    return written


def main(argv: list[str] | None = None) -> int:
    """``python -m build_tools.devtools.synthetic N OUT_DIR [--seed S]``."""
    parser = argparse.ArgumentParser(
        prog="python -m build_tools.devtools.synthetic",
        description="Write N synthetic CLAS reports recombined from source_reports/.",
    )
    parser.add_argument("count", type=int, help="number of reports")
    parser.add_argument("out_dir", type=Path, help="folder to write them (and the YAML) into")
    parser.add_argument("--seed", type=int, default=0, help="random seed (default 0)")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.WARNING)
    if args.count < 1:
        parser.error("N must be at least 1")
    others = [p for p in args.out_dir.glob("*.txt") if not _GENERATED_NAME.match(p.name)]
    if others:
        log.warning("%s already holds %d other reports", args.out_dir, len(others))
    began = time.perf_counter()
    written = generate(args.count, args.out_dir, args.seed)
    elapsed = time.perf_counter() - began
    findings = sum(item.findings for item in written)
    recs = sum(item.recommendations for item in written)
    sys.stdout.write(
        f"wrote {len(written)} reports ({findings} findings, {recs} recommendations) "
        f"to {args.out_dir} in {elapsed:.2f} s\n"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
