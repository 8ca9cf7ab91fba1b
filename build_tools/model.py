"""The typed model of a parsed CLAS report.

Everything here is frozen: the parser builds it, later stages read it. Text fields hold the
report's own inline markup (``**bold**``, ``*italic*``, ``[Recommendation 1.1](#)``) exactly
as normalised by :mod:`build_tools.reading.source`; the renderer escapes it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field


@dataclass(frozen=True, slots=True)
class CoverRow:
    """One ``Label:<TAB>value`` row of the cover page."""

    label: str
    """The label without its colon, e.g. ``Date of publication``."""
    value: str
    """The value as written."""
    line: int
    """Source line."""


@dataclass(frozen=True, slots=True)
class Citation:
    """One place where the text cites recommendations, e.g. ``(Recommendations 1.9 and 2.2)``."""

    finding: str | None
    """Id of the finding the citation belongs to (None outside any finding)."""
    recs: tuple[str, ...]
    """Recommendation ids, in the order written."""
    line: int
    """Source line of the citation."""


@dataclass(frozen=True, slots=True)
class Heading:
    """A section or sub-section heading."""

    title: str
    """The heading text as written (without any leading section number)."""
    level: int
    """2 for a top-level section, 3 for a sub-section."""
    anchor: str
    """Id of the heading on the page."""
    line: int
    """Source line."""
    number: str = ""
    """The section number as written (``1``, ``5.1``), if any."""


@dataclass(frozen=True, slots=True)
class Paragraph:
    """A paragraph of narrative text."""

    text: str
    """Inline source markup."""
    line: int
    """Source line."""
    finding: str | None = None
    """The finding this paragraph continues, if any."""


@dataclass(frozen=True, slots=True)
class Quote:
    """Words of a child, parent or carer quoted in the report."""

    text: str
    """Inline source markup, quotation marks included."""
    line: int
    """Source line."""


@dataclass(frozen=True, slots=True)
class ListItem:
    """One bullet line."""

    text: str
    """Inline source markup without the bullet."""
    line: int
    """Source line."""
    depth: int = 0
    """0 for a top-level bullet, 1 for a nested one."""


@dataclass(frozen=True, slots=True)
class Table:
    """Rows of TAB-separated cells."""

    rows: tuple[tuple[str, ...], ...]
    """Cells as inline source markup; the first row is the header."""
    line: int
    """Source line of the first row."""


@dataclass(frozen=True, slots=True)
class Label:
    """A short lead-in line such as ``Outcomes:`` that introduces a list."""

    text: str
    """The label as written."""
    line: int
    """Source line."""


@dataclass(frozen=True, slots=True)
class Note:
    """An N.B. note or a note that a matter was referred to public health."""

    kind: str
    """``nb`` or ``public-health``."""
    text: str
    """Inline source markup of the note."""
    line: int
    """Source line."""
    finding: str | None = None
    """The finding the note belongs to, if any."""


@dataclass(frozen=True, slots=True)
class Finding:
    """A numbered finding such as ``1.2`` or ``5.3.19``."""

    id: str
    """The number as written, without a trailing dot."""
    text: str
    """Inline source markup of the finding's own paragraph."""
    line: int
    """Source line."""
    anchor: str
    """``finding-1-2``; unique on the page."""
    section: str
    """Title of the section the finding sits in."""
    continuation: tuple[Paragraph, ...] = ()
    """Unnumbered paragraphs that follow and belong to the finding."""
    cites: tuple[str, ...] = ()
    """Recommendation ids cited by the finding or its continuation, in order, no repeats."""


@dataclass(frozen=True, slots=True)
class CaseExample:
    """A case example or good-practice example, rendered as an admonition."""

    label: str
    """The label as written, e.g. ``Good Practice Example in Primary Care``."""
    line: int
    """Source line of the label."""
    anchor: str
    """``example-<n>`` with n counted in source order."""
    after_finding: str | None
    """The finding it illustrates (the last one before it)."""
    section: str
    """Title of the section it sits in."""
    body: tuple[Block, ...] = ()
    """Blocks inside the example (its first paragraph holds the text after the label)."""


@dataclass(frozen=True, slots=True)
class Recommendation:
    """One recommendation ``N.M`` of a group."""

    id: str
    """``1.3``."""
    group: int
    """Number of the group it is listed under."""
    text: str
    """Inline source markup."""
    line: int
    """Source line."""
    anchor: str
    """``rec-1-3``; unique on the page."""
    continuation: tuple[Paragraph, ...] = ()
    """Further unnumbered paragraphs of the recommendation."""


@dataclass(frozen=True, slots=True)
class RecommendationGroup:
    """``N. <addressees> should:`` and the recommendations under it."""

    number: int
    """N."""
    text: str
    """The group line as written (inline markup), e.g. ``1. Medway CCG should:``."""
    addressees_raw: str
    """The addressee line as written, markup and ``should:`` removed."""
    organisations: tuple[str, ...]
    """The addressees split into single organisations, in order."""
    line: int
    """Source line."""
    anchor: str
    """``recommendations-group-N``."""
    recommendations: tuple[Recommendation, ...] = ()
    """Items in source order."""


Block = Heading | Paragraph | Quote | ListItem | Table | Label | Note | Finding | CaseExample
BodyBlock = Block | RecommendationGroup


@dataclass(frozen=True, slots=True)
class Report:
    """One parsed report, before citations are resolved."""

    source: str
    """Path of the source file."""
    slug: str
    """``<area-slug>-<publication year>``."""
    title: str
    """The title line."""
    area: str
    """Local authority area, from the title."""
    subtitle: tuple[str, ...]
    """Lines between the title and the cover rows."""
    cover: tuple[CoverRow, ...]
    """Every labelled cover row in order."""
    publication_date: dt.date | None
    """Date of publication."""
    review_start: dt.date | None
    """First day of the review visit."""
    review_end: dt.date | None
    """Last day of the review visit."""
    inspectors: tuple[str, ...]
    """Names of the CQC inspectors."""
    providers: tuple[str, ...]
    """Provider services included, as written."""
    ccgs: tuple[str, ...]
    """CCGs included, as written."""
    nhs_england_area: str
    """NHS England area."""
    cqc_region: str
    """CQC region."""
    body: tuple[BodyBlock, ...]
    """Everything after the contents block, in source order."""
    findings: tuple[Finding, ...] = ()
    """Every numbered finding in source order."""
    groups: tuple[RecommendationGroup, ...] = ()
    """Recommendation groups in source order."""
    citations: tuple[Citation, ...] = ()
    """Every citation in source order."""
    public_health_notes: tuple[Note, ...] = ()
    """Notes that a matter was referred to public health."""
    case_examples: tuple[CaseExample, ...] = ()
    """Case and good-practice examples in source order."""
    sections: tuple[Heading, ...] = field(default=())
    """Every heading in source order."""

    @property
    def recommendations(self) -> tuple[Recommendation, ...]:
        """All recommendations of all groups, in source order."""
        return tuple(rec for group in self.groups for rec in group.recommendations)

    @property
    def year(self) -> int | None:
        """Publication year."""
        return self.publication_date.year if self.publication_date else None
