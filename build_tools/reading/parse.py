"""Parse one report's normalised lines into a :class:`~build_tools.model.Report`.

The parser knows nothing about other reports. It reads the cover, skips the Contents block,
then feeds every body line through :data:`BODY_RULES`, an ordered list of small rules with one
signature: the first rule that accepts a line consumes it. Order is data: headings are tried
before findings because ``5.1 Leadership and management`` is shaped like a finding.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace

from .. import diagnostics as diag
from ..diagnostics import Diagnostic
from ..model import (
    Block,
    BodyBlock,
    CaseExample,
    Citation,
    CoverRow,
    Finding,
    Heading,
    Label,
    ListItem,
    Note,
    Paragraph,
    Quote,
    Recommendation,
    RecommendationGroup,
    Report,
    Table,
)
from .dates import parse_dates
from .inline import citation_groups
from .source import SourceLine, SourceText
from .text import LIST_MARKER, id_anchor, slugify

TITLE_RE = re.compile(
    r"^\W*Review of health services for Children Looked After and Safeguarding in "
    r"(?P<area>.+?)\W*$",
    re.IGNORECASE,
)
_COVER_ROW = re.compile(r"^(?P<label>[^\t:]{2,120}?)\s*:\s*\t+\s*(?P<value>.*)$")
_COVER_LABEL_SPACED = re.compile(
    r"^(?P<label>Date of review|Date of publication|Name\(s\) of CQC inspectors?|"
    r"Provider services included|CCGs included|NHS England area|CQC region)\s*:\s+(?P<value>.+)$",
    re.IGNORECASE,
)
_CONTENTS_ENTRY = re.compile(r"^.{1,120}\t\s*\d{1,3}$")
_PAGE_DEBRIS = re.compile(r"^(?:page\s+\d+\s+of\s+\d+|page\s+\d+|\d+\s+of\s+\d+)$", re.IGNORECASE)
# A running header often has the page number run into it: "… in Dorset 12", "3 Review of …".
_PAGE_MARK = re.compile(
    r"^(?:page\s+)?\d{1,3}(?:\s+of\s+\d{1,3})?\s+|\s+(?:page\s+)?\d{1,3}(?:\s+of\s+\d{1,3})?$",
    re.IGNORECASE,
)

# Section titles every CLAS report uses, mapped to (level, kind, number of their findings).
_TOP_SECTIONS: dict[str, str] = {
    "summary of the review": "narrative",
    "about the review": "narrative",
    "how we carried out the review": "narrative",
    "context of the review": "narrative",
    "the report": "narrative",
    "what people told us": "narrative",
    "the child's journey": "journey",
    "the childs journey": "journey",
    "management": "management",
    "recommendations": "recommendations",
    "next steps": "next-steps",
}
_SUB_SECTIONS: dict[str, tuple[str, str]] = {
    "early help": ("journey", "1"),
    "children in need": ("journey", "2"),
    "child protection": ("journey", "3"),
    "looked after children": ("journey", "4"),
    "looked-after children": ("journey", "4"),
    "leadership and management": ("management", "5.1"),
    "leadership & management": ("management", "5.1"),
    "governance": ("management", "5.2"),
    "training and supervision": ("management", "5.3"),
}
# Every CLAS report has these; the last two close it, so when they are missing the file may
# have been cut short.
_EXPECTED_SECTIONS = ("the child's journey",)
_CLOSING_SECTIONS = {"recommendations": "Recommendations", "next steps": "Next steps"}

_NUMBERED_TITLE = re.compile(r"^(?P<number>\d{1,2}(?:\.\d{1,2})?)\.?\s+(?P<title>\S.*)$")
_BULLET = re.compile(rf"^(?:{LIST_MARKER}(?=\s|$))\s*(?P<text>.*)$")
# A numbered line may carry a list marker too ("- 1.1 …", "•\t1.1 …").
_MARKED = rf"(?:{LIST_MARKER}\s*)?"
_FINDING = re.compile(
    rf"^{_MARKED}(?:\*{{1,3}})?(?P<id>\d{{1,2}}(?:\.\d{{1,2}}){{1,2}})\.?(?:\*{{1,3}})?\s+(?P<text>\S.*)$"
)
_GROUP = re.compile(rf"^{_MARKED}(?:\*{{1,3}})?(?P<number>\d{{1,2}})\.\s+(?P<rest>\D.*)$")
_ITEM = re.compile(
    rf"^{_MARKED}(?:\*{{1,3}})?(?P<group>\d{{1,2}})\.(?P<item>\d{{1,2}})\.?(?:\*{{1,3}})?\s+(?P<text>\S.*)$"
)
_SHOULD = re.compile(r"\s*\bshould\b\s*[:;.]?\s*$", re.IGNORECASE)
_EXAMPLE = re.compile(
    r"^[*_]{0,3}(?P<label>(?:case|good[ -]practice)\s+examples?(?:\s+\d{1,2})?"
    r"(?:\s+(?:in|from|of)\s+[^:*\n]{1,80}?)?)[*_]{0,3}\s*(?P<sep>[:;\u2013-])\s*(?P<rest>.*)$",
    re.IGNORECASE,
)
_EXAMPLE_ALONE = re.compile(
    r"^[*_]{0,3}(?P<label>(?:case|good[ -]practice)\s+examples?(?:\s+\d{1,2})?"
    r"(?:\s+(?:in|from|of)\s+[^:.*\n]{1,80})?)[*_]{0,3}\s*[:;]?[*_]{0,3}$",
    re.IGNORECASE,
)
_NB = re.compile(r"^[*_]{0,3}N\.\s?B\.?[*_]{0,3}[:.]?\s+\S", re.IGNORECASE)
_QUOTE_START = re.compile(r"^[*_]{0,3}[\"\u201c\u201d\u2018']")
_OUTCOMES = re.compile(r"^[*_]{0,3}Outcomes?[*_]{0,3}\s*[:;.]?[*_]{0,3}$", re.IGNORECASE)
# "These concerns have been brought to the attention of public health within Leicester City
# Council", "drawn to the attention of Medway Council's Public Health Directorate", "We have
# drawn these shortfalls … to the attention of Public Health Dorset", "A letter will be sent to
# Public Health", "A letter will be forwarded to Public Health": the matter goes to public
# health, it is not a recommendation. The sentence must name public health as where the matter
# goes ("brought to the attention of the practice lead GP" is not a note, nor is "commissioned
# by Public Health" or "referrals are sent to public health nurses"), and say it has gone or
# will go: a letter sent, forwarded, written or copied to it; a matter drawn, brought,
# referred, reported, raised, highlighted, escalated, passed on, forwarded, sent, shared or
# notified to it, or raised with it; public health informed, notified, alerted or made aware;
# or "we have written to / informed public health".
_PH = r"\bpublic\s+health\b(?!\s+(?:nurs|visit|practitioner|team\s+nurs))"
_PH_NEAR = rf"[^.;]{{0,60}}?{_PH}"
_GOES = (
    r"(?:drawn|brought|referred|reported|raised|highlighted|escalated|passed(?:\s+on)?|"
    r"forwarded|sent|shared|notified|copied|made\s+known|communicated)"
)
_BE = r"\b(?:will|shall|has|have|had|is|are|was|were)\s+(?:also\s+)?(?:be\s+|been\s+)?"
_TOLD = r"(?:informed|notified|alerted|advised|made\s+aware|written\s+to)"
_PUBLIC_HEALTH = re.compile(
    "|".join(
        (
            # "… drawn / brought … to the attention of … public health"
            rf"\b{_GOES}\b[^.;]{{0,80}}?\bto\s+the\s+(?:attention|notice)\s+of\b"
            rf"[^.;]{{0,120}}?{_PH}",
            # "A letter will (also) be sent / forwarded / written to … Public Health"
            rf"\bletter\s+{_BE}(?:sent|forwarded|written|issued|copied|passed)\s+"
            rf"(?:on\s+)?to\b{_PH_NEAR}",
            # "These concerns have been / will be referred / reported / passed on to public health"
            rf"{_BE}{_GOES}\s+(?:on\s+)?(?:to|with)\b{_PH_NEAR}",
            # "Public Health (Dorset) has been / will be informed / notified / made aware"
            rf"{_PH}[^.;]{{0,60}}?{_BE}{_TOLD}\b",
            # "We have written to / informed / notified public health", "we will inform …"
            r"\bwe\s+(?:have|will|shall|had)\s+(?:also\s+)?(?:written\s+to|write\s+to|"
            rf"inform(?:ed)?|notif(?:y|ied)|alert(?:ed)?|contact(?:ed)?){_PH_NEAR}",
        )
    ),
    re.IGNORECASE,
)
_ORG_END = re.compile(
    r"(?:\bTrust|\bCCGs?|\bEngland|\bCompany|\bC\.?I\.?C\.?|\bCouncil|\bPartnership|"
    r"\bServices?|\bHospitals?|\bLeicester|\bCare|\bSSAFA|\bBoard|\bAuthority|\)|\bPeninsula)$"
)
_COVER_SPLIT = re.compile(r"(?<=\bTrust)\s+(?!\()|(?<=\))\s+|(?<=\bCCG)\s+(?!\()|\s*[,;]\s*")


def normalise_title(text: str) -> str:
    """Lower-case a heading candidate, drop markup and trailing colons, unify apostrophes."""
    cleaned = re.sub(r"[*_#]", "", text).replace("\u2019", "'").replace("\u2018", "'")
    return re.sub(r"\s+", " ", cleaned).strip().rstrip(":").strip().lower()


def public_health_split(text: str) -> tuple[str, str] | None:
    """Split ``text`` before the sentence that refers a matter to public health.

    Returns ``(before, note)`` or None when there is no such sentence. The note runs from the
    start of its sentence to the end of the paragraph.
    """
    match = _PUBLIC_HEALTH.search(text)
    if match is None:
        return None
    start = 0
    for boundary in re.finditer(r"(?:[.!?)](?:\*{1,3})?|\*{2,3})\s+(?=[*_(]*[A-Z])", text):
        if boundary.end() <= match.start():
            start = boundary.end()
    return text[:start].rstrip(), text[start:]


def split_organisations(line: str) -> tuple[str, ...]:
    """Split an addressee line into organisations.

    Commas always separate. " and " / " & " separate only when the words before them already
    end like an organisation name, because single names contain "and" ("Kent and Medway NHS
    and Social Care Partnership Trust") and "&" ("Stafford & Surrounds CCG").
    """
    names: list[str] = []
    for written in re.split(r"\s*,\s*", line):
        piece = re.sub(r"^(?:and|&)\s+", "", written.strip())
        if not piece:
            continue
        parts = re.split(r"\s+(?:and|&)\s+", piece)
        current = parts[0]
        for part in parts[1:]:
            if _ORG_END.search(current):
                names.append(current)
                current = part
            else:
                joiner = " & " if f"{current} & {part}" in piece else " and "
                current = f"{current}{joiner}{part}"
        names.append(current)
    return tuple(name for name in names if name)


def split_cover_list(value: str) -> tuple[str, ...]:
    """Split a cover-page list that PDF conversion ran together ("… Trust Cambridgeshire …")."""
    return tuple(part.strip() for part in _COVER_SPLIT.split(value) if part and part.strip())


@dataclass
class _State:
    """Mutable working state of one parse; only this module sees it."""

    path: str
    diagnostics: list[Diagnostic]
    body: list[BodyBlock] = field(default_factory=list)
    kind: str = "narrative"
    section_title: str = ""
    section_number: str = ""
    finding: Finding | None = None
    example: CaseExample | None = None
    group: RecommendationGroup | None = None
    rec: Recommendation | None = None
    finding_lines: dict[str, int] = field(default_factory=dict)
    rec_lines: dict[str, int] = field(default_factory=dict)
    anchors: set[str] = field(default_factory=set)
    duplicates: dict[str, int] = field(default_factory=dict)
    seen_sections: set[str] = field(default_factory=set)
    example_count: int = 0
    last_finding: str | None = None
    area: str = ""

    def warn(self, line: int, code: str, message: str, **ids: str) -> None:
        self.diagnostics.append(diag.make(self.path, line, code, message, **ids))

    def register(
        self, what: str, item_id: str, line: int, seen: dict[str, int], **ids: str
    ) -> None:
        """Remember where ``item_id`` first appeared; a second appearance is a duplicate-id."""
        if item_id in seen:
            self.warn(
                line,
                "duplicate-id",
                f"{what} {item_id} appears twice; other instance at {self.path}:{seen[item_id]}",
                **ids,
            )
        else:
            seen[item_id] = line

    def unique_anchor(self, anchor: str) -> str:
        """Return ``anchor``, or ``anchor-dup-N`` when a duplicate id already took it."""
        # Start from the last N given out for this anchor: counting up from 1 every time made
        # a file of thousands of repeated ids take quadratic time.
        n = self.duplicates.get(anchor, 1)
        candidate = anchor if n == 1 else f"{anchor}-dup-{n}"
        while candidate in self.anchors:
            n += 1
            candidate = f"{anchor}-dup-{n}"
        self.duplicates[anchor] = n
        self.anchors.add(candidate)
        return candidate

    # -- closing open containers -------------------------------------------------------
    def close_finding(self) -> None:
        if self.finding is not None:
            self._emit(self.finding)
            self.finding = None

    def close_example(self) -> None:
        if self.example is not None:
            example, self.example = self.example, None
            self.body.append(example)

    def close_rec(self) -> None:
        if self.rec is not None and self.group is not None:
            self.group = replace(
                self.group, recommendations=(*self.group.recommendations, self.rec)
            )
        self.rec = None

    def close_group(self) -> None:
        self.close_rec()
        if self.group is not None:
            self.body.append(self.group)
            self.group = None

    def close_all(self) -> None:
        self.close_finding()
        self.close_example()
        self.close_group()

    def _emit(self, block: Block) -> None:
        if self.example is not None:
            self.example = replace(self.example, body=(*self.example.body, block))
        else:
            self.body.append(block)

    def add(self, block: Block) -> None:
        """Add a non-finding block where it belongs (inside an open example, if any)."""
        if self.finding is not None and self.example is None:
            self.close_finding()
        self._emit(block)

    @property
    def finding_id(self) -> str | None:
        """The finding that text seen now belongs to."""
        if self.finding is not None:
            return self.finding.id
        if self.example is not None:
            return self.example.after_finding
        return self.last_finding


Rule = Callable[[_State, SourceLine], bool]


def _heading_of(state: _State, text: str) -> tuple[int, str, str, str] | None:
    """(level, number, title, kind) when ``text`` is a section heading."""
    if len(text) > 90 or "\t" in text:
        return None
    # "**2. Children in need**": a heading set in bold is read without its markers.
    text = re.sub(r"^([*_]{1,3})(?=\S)(.*?\S)\1$", r"\2", text)
    number, title = "", text
    numbered = _NUMBERED_TITLE.match(text)
    if numbered and not _BULLET.match(text):
        number, title = numbered["number"], numbered["title"]
    key = normalise_title(title)
    # "**Early help**": a heading set in bold is still the heading, without the markers.
    title = re.sub(r"^[*_]+|[*_]+$", "", title).strip() or title
    if key in _TOP_SECTIONS and (not number or key == "management"):
        return 2, number, title, _TOP_SECTIONS[key]
    if key in _SUB_SECTIONS:
        kind = _SUB_SECTIONS[key][0]
        if key == "governance" and not number and state.kind != "management":
            return None
        return 3, number or "", title, kind
    # Unknown numbered sub-headings inside the child's journey or Management, e.g.
    # "4. Looked after children and care leavers": short, no closing punctuation. In the
    # journey a dotted number is a finding id even when its text is short ("3.12 Health
    # visitors place alerts" in a file cut mid-line).
    if (
        number
        and state.kind in ("journey", "management")
        and not (state.kind == "journey" and "." in number)
        and len(title.split()) <= 8
        and not re.search(r"[.:;!?)\]*]$", title)
        and title[:1].isupper()
        and not re.search(r"\d", title)
    ):
        return 3, number, title, state.kind
    return None


def _rule_page_debris(state: _State, line: SourceLine) -> bool:
    # PDF conversion leaves running headers (the title again) and "Page 3 of 40" footers.
    header = TITLE_RE.match(_PAGE_MARK.sub("", line.text))
    if _PAGE_DEBRIS.match(line.text) or (
        header is not None and header["area"].strip().lower() == state.area.lower()
    ):
        state.warn(line.number, "page-debris", f"dropped page header/footer {line.text!r}")
        return True
    return False


def _opens_recommendations(state: _State, text: str) -> bool:
    """True for "1. Dorset CCG should:" in the child's journey or Management.

    When the "Recommendations" heading is missing (lost in conversion), its first group line
    still shows where the section starts; without this the items would read as findings.
    """
    if state.kind not in ("journey", "management") or "recommendations" in state.seen_sections:
        return False
    match = _GROUP.match(text)
    return match is not None and _SHOULD.search(re.sub(r"[*_]+", "", match["rest"])) is not None


def _rule_heading(state: _State, line: SourceLine) -> bool:
    if (state.kind == "recommendations" and _GROUP.match(line.text)) or _opens_recommendations(
        state, line.text
    ):
        return False
    heading = _heading_of(state, line.text)
    if heading is None:
        return False
    level, number, title, kind = heading
    state.close_all()
    state.last_finding = None
    key = normalise_title(title)
    if kind == "journey" and level == 3 and "the child's journey" not in state.seen_sections:
        # The sub-section shows where the missing heading belongs; say so there, once.
        state.warn(
            line.number,
            "missing-section",
            f"sub-section '{title}' comes before any 'The child's journey' heading; "
            "add the heading above it",
        )
        state.seen_sections.add("the child's journey")
    seen = key.replace("looked-after", "looked after").replace("childs journey", "child's journey")
    state.seen_sections.add(seen)
    state.kind = kind
    state.section_title = title
    if level == 3:
        state.section_number = number or _SUB_SECTIONS.get(key, ("", ""))[1]
    elif key == "management":
        state.section_number = number or "5"
    else:
        state.section_number = ""
    anchor = state.unique_anchor(slugify(title) or "section")
    state.body.append(Heading(title, level, anchor, line.number, number))
    return True


def _rule_group(state: _State, line: SourceLine) -> bool:
    if _opens_recommendations(state, line.text):
        state.close_all()
        state.last_finding = None
        state.warn(
            line.number,
            "missing-section",
            "recommendation group comes before any 'Recommendations' heading; read as the "
            "start of the Recommendations section — add the heading above it",
        )
        state.seen_sections.add("recommendations")
        state.kind, state.section_title, state.section_number = "recommendations", "", ""
    if state.kind != "recommendations":
        return False
    match = _GROUP.match(line.text)
    if match is None:
        return False
    state.close_group()
    raw = re.sub(r"[*_]+", "", match["rest"]).strip()
    raw = _SHOULD.sub("", raw).strip().rstrip(":;").strip()
    number = int(match["number"])
    written = _BULLET.sub(lambda m: m["text"], line.text)
    state.group = RecommendationGroup(
        number=number,
        text=written,
        addressees_raw=raw,
        organisations=split_organisations(raw),
        line=line.number,
        anchor=state.unique_anchor(f"recommendations-group-{number}"),
    )
    return True


def _rule_item(state: _State, line: SourceLine) -> bool:
    if state.kind != "recommendations":
        return False
    match = _ITEM.match(line.text)
    if match is None:
        return False
    rec_id = f"{int(match['group'])}.{int(match['item'])}"
    if state.group is None:
        state.warn(
            line.number,
            "orphan-recommendation",
            f"recommendation {rec_id} comes before any 'N. <organisations> should:' line",
            rec=rec_id,
        )
        state.group = RecommendationGroup(
            int(match["group"]),
            "",
            "",
            (),
            line.number,
            state.unique_anchor(f"recommendations-group-{int(match['group'])}"),
        )
    state.close_rec()
    if int(match["group"]) != state.group.number:
        state.warn(
            line.number,
            "recommendation-group-mismatch",
            f"recommendation {rec_id} is listed under group {state.group.number}",
            rec=rec_id,
        )
    state.register("recommendation", rec_id, line.number, state.rec_lines, rec=rec_id)
    state.rec = Recommendation(
        id=rec_id,
        group=state.group.number,
        text=match["text"],
        line=line.number,
        anchor=state.unique_anchor(id_anchor("rec", rec_id)),
    )
    return True


def _rule_rec_continuation(state: _State, line: SourceLine) -> bool:
    if state.kind != "recommendations" or state.rec is None:
        return False
    extra = Paragraph(line.text, line.number)
    state.rec = replace(state.rec, continuation=(*state.rec.continuation, extra))
    return True


def _rule_finding(state: _State, line: SourceLine) -> bool:
    if state.kind not in ("journey", "management"):
        return False
    match = _FINDING.match(line.text)
    if match is None or _reads_as_quantity(match["text"]):
        return False
    finding_id = match["id"]
    state.close_finding()
    state.close_example()
    section_prefix = state.section_number.split(".")[0]
    if section_prefix and finding_id.split(".")[0] != section_prefix:
        state.warn(
            line.number,
            "finding-out-of-section",
            f"finding {finding_id} sits under '{state.section_title}' "
            f"(section {state.section_number})",
            finding=finding_id,
        )
    state.register("finding", finding_id, line.number, state.finding_lines, finding=finding_id)
    state.finding = Finding(
        id=finding_id,
        text=match["text"],
        line=line.number,
        anchor=state.unique_anchor(id_anchor("finding", finding_id)),
        section=state.section_title,
    )
    state.last_finding = finding_id
    return True


def _reads_as_quantity(text: str) -> bool:
    """True for "1.5 million children …": a number opening a sentence, not a finding.

    Findings start with a capital ("The", "All") or a mixed-case name ("iCaSH", "eCAF").
    """
    first = re.sub(r"^[*_(\[\"'\u201c\u2018]+", "", text).split(" ", 1)[0]
    return first[:1].islower() and not any(ch.isupper() for ch in first)


def _rule_example(state: _State, line: SourceLine) -> bool:
    if state.kind == "recommendations":
        return False
    whole = _EXAMPLE_ALONE.match(line.text)
    match = whole or _EXAMPLE.match(line.text)
    if match is None:
        return False
    rest = "" if whole else match["rest"]
    state.close_finding()
    state.close_example()
    state.example_count += 1
    body: tuple[Block, ...] = (Paragraph(rest, line.number, state.last_finding),) if rest else ()
    state.example = CaseExample(
        label=re.sub(r"\s+", " ", match["label"]).strip(),
        line=line.number,
        anchor=state.unique_anchor(f"example-{state.example_count}"),
        after_finding=state.last_finding,
        section=state.section_title,
        body=body,
    )
    return True


def _rule_nb(state: _State, line: SourceLine) -> bool:
    if not _NB.match(line.text):
        return False
    note = Note("nb", line.text, line.number, state.finding_id)
    state.add(note)
    return True


def _rule_table(state: _State, line: SourceLine) -> bool:
    if "\t" not in line.text:
        return False
    cells = tuple(line.text.split("\t"))
    state.close_finding()
    # Only the last block matters; copying the whole body here made long files quadratic.
    if state.example is not None:
        previous: Block | BodyBlock | None = state.example.body[-1] if state.example.body else None
    else:
        previous = state.body[-1] if state.body else None
    if isinstance(previous, Table) and previous.rows and _last_line(previous) == line.number - 1:
        merged = replace(previous, rows=(*previous.rows, cells))
        if state.example is not None:
            state.example = replace(state.example, body=(*state.example.body[:-1], merged))
        else:
            state.body[-1] = merged
        return True
    state.add(Table((cells,), line.number))
    return True


def _last_line(table: Table) -> int:
    return table.line + len(table.rows) - 1


def _rule_outcomes(state: _State, line: SourceLine) -> bool:
    if not _OUTCOMES.match(line.text):
        return False
    state.add(Label(line.text, line.number))
    return True


def _rule_bullet(state: _State, line: SourceLine) -> bool:
    match = _BULLET.match(line.text)
    if match is None:
        return False
    text = match["text"].strip()
    if not text or re.fullmatch(r"[*_]+", text):
        return True  # an empty bullet ("-" alone) carries no words
    state.add(ListItem(text, line.number, 1 if line.indent > 0 else 0))
    return True


def _rule_quote(state: _State, line: SourceLine) -> bool:
    if state.kind == "recommendations" or not _QUOTE_START.match(line.text):
        return False
    state.add(Quote(line.text, line.number))
    return True


def _rule_finding_continuation(state: _State, line: SourceLine) -> bool:
    if state.finding is None or state.example is not None:
        return False
    extra = Paragraph(line.text, line.number, state.finding.id)
    state.finding = replace(state.finding, continuation=(*state.finding.continuation, extra))
    return True


def _rule_paragraph(state: _State, line: SourceLine) -> bool:
    state.add(Paragraph(line.text, line.number, state.finding_id))
    return True


#: Body rules in the order they are tried.
BODY_RULES: tuple[Rule, ...] = (
    _rule_page_debris,
    _rule_heading,
    _rule_group,
    _rule_item,
    _rule_rec_continuation,
    _rule_finding,
    _rule_example,
    _rule_nb,
    _rule_table,
    _rule_outcomes,
    _rule_bullet,
    _rule_quote,
    _rule_finding_continuation,
    _rule_paragraph,
)


@dataclass
class _Cover:
    title: str = ""
    area: str = ""
    title_line: int = 0
    subtitle: list[str] = field(default_factory=list)
    rows: list[CoverRow] = field(default_factory=list)
    publication_date: dt.date | None = None
    review_start: dt.date | None = None
    review_end: dt.date | None = None


def _read_cover(lines: list[SourceLine], state: _State) -> tuple[_Cover, int]:
    """Read title, subtitle and cover rows; return them and the index where the cover stops."""
    cover = _Cover()
    index = 0
    while index < len(lines):
        line = lines[index]
        text = line.text
        if not text:
            index += 1
            continue
        if not cover.title:
            match = TITLE_RE.match(text)
            if match is None:
                break
            cover.title, cover.area, cover.title_line = text, match["area"].strip(), line.number
            index += 1
            continue
        row = _COVER_ROW.match(text) or _COVER_LABEL_SPACED.match(text)
        if row and not _CONTENTS_ENTRY.match(text):
            cover.rows.append(CoverRow(row["label"].strip(), row["value"].strip(), line.number))
            index += 1
            continue
        if normalise_title(text) == "contents" or _heading_of(state, text) is not None:
            break
        if cover.rows:
            break
        cover.subtitle.append(text)
        index += 1
    return cover, index


def _skip_contents(lines: list[SourceLine], index: int) -> int:
    """Step over a Contents block at ``index``; return the index where the body starts."""
    # Contents: "Title<TAB>page" rows; it lists PDF page numbers, so it is not reproduced.
    if index < len(lines) and normalise_title(lines[index].text) == "contents":
        index += 1
        while index < len(lines) and (
            not lines[index].text or _CONTENTS_ENTRY.match(lines[index].text)
        ):
            index += 1
    return index


def _cover_value(rows: list[CoverRow], *prefixes: str) -> CoverRow | None:
    for row in rows:
        label = row.label.lower()
        if any(label.startswith(prefix) for prefix in prefixes):
            return row
    return None


def _collect(report_body: tuple[BodyBlock, ...]) -> tuple[list[Finding], list[CaseExample]]:
    findings: list[Finding] = []
    examples: list[CaseExample] = []
    for block in report_body:
        if isinstance(block, Finding):
            findings.append(block)
        elif isinstance(block, CaseExample):
            examples.append(block)
            findings.extend(b for b in block.body if isinstance(b, Finding))
    return findings, examples


def _texts_in_order(
    blocks: tuple[BodyBlock, ...] | tuple[Block, ...],
) -> Iterator[tuple[str, int, str | None, str | None]]:
    """(markup, line, finding id, finding anchor) of every text that may cite or refer.

    Text after a finding (continuation paragraphs, examples, notes) belongs to the finding
    instance that precedes it.
    """
    anchor: str | None = None
    for block in blocks:
        if isinstance(block, Finding):
            anchor = block.anchor
            yield block.text, block.line, block.id, anchor
            for extra in block.continuation:
                yield extra.text, extra.line, block.id, anchor
        elif isinstance(block, (Paragraph, Note)):
            yield block.text, block.line, block.finding, anchor if block.finding else None
        elif isinstance(block, CaseExample):
            for text, line, finding_id, inner in _texts_in_order(block.body):
                yield text, line, finding_id, inner or (anchor if finding_id else None)
        elif isinstance(block, Heading):
            anchor = None


def parse_report(source: SourceText) -> tuple[Report | None, list[Diagnostic]]:
    """Parse one report. Returns None (with an error diagnostic) if it has no CLAS title."""
    state = _State(source.path, [])
    lines = list(source.lines)
    cover, end_of_cover = _read_cover(lines, state)
    state.area = cover.area
    if not cover.title:
        _warn_missing_title(state, lines)
        return None, state.diagnostics
    body_start = _skip_contents(lines, end_of_cover)
    _run_body_rules(state, lines[body_start:])
    body, ending = _close_open_blocks(state)
    last_line = lines[-1].number
    _check_expected_sections(state, last_line)
    _check_closing_sections(state, body, last_line, ending)
    citations, cites_by_anchor = _read_citations(state, body)
    notes = _collect_public_health_notes(body)
    findings, body = _attach_citations(body, cites_by_anchor)
    groups = _collect_groups(state, body)
    _read_cover_dates(state, cover)
    report = _assemble_report(
        source.path, cover, body, findings=findings, groups=groups, citations=citations, notes=notes
    )
    return report, state.diagnostics


def _warn_missing_title(state: _State, lines: list[SourceLine]) -> None:
    """Show what the file starts with instead of the CLAS title, so it can be put right."""
    first = next((line for line in lines if line.text), lines[0])
    state.warn(
        first.number,
        "missing-title",
        "first line should read 'Review of health services for Children Looked After "
        f"and Safeguarding in <area>', found {first.text[:80]!r}",
    )


def _run_body_rules(state: _State, lines: list[SourceLine]) -> None:
    """Give each body line to :data:`BODY_RULES`; the first rule that accepts it consumes it."""
    for line in lines:
        if not line.text:
            continue
        for rule in BODY_RULES:
            if rule(state, line):
                break


def _close_open_blocks(state: _State) -> tuple[tuple[BodyBlock, ...], str]:
    """Close what the file ends inside; return the body and where it ended, for truncation."""
    ending = _where(state)
    state.close_all()
    return tuple(state.body), ending


def _where(state: _State) -> str:
    """What the parse is inside now, for a message about where a file ends."""
    if state.rec is not None:
        return f"recommendation {state.rec.id}"
    if state.group is not None:
        return f"recommendation group {state.group.number}"
    if state.finding_id is not None:
        return f"finding {state.finding_id}"
    if state.section_title:
        return f"the section '{state.section_title}'"
    return "the cover"


def _check_expected_sections(state: _State, last_line: int) -> None:
    """Report a section every CLAS report has but this one lacks."""
    for expected in _EXPECTED_SECTIONS:
        if expected not in state.seen_sections:
            state.warn(last_line, "missing-section", f"no '{expected.capitalize()}' heading found")


def _check_closing_sections(
    state: _State, body: tuple[BodyBlock, ...], last_line: int, ending: str
) -> None:
    """Report missing closing sections, which usually mean the file was cut short."""
    closing = [title for key, title in _CLOSING_SECTIONS.items() if key not in state.seen_sections]
    if closing == ["Recommendations"]:
        # The report closes properly, so the section is missing, not cut off: point at the
        # heading it should have come before.
        next_steps = next(
            (
                block.line
                for block in body
                if isinstance(block, Heading) and normalise_title(block.title) == "next steps"
            ),
            last_line,
        )
        state.warn(
            next_steps, "missing-section", "no 'Recommendations' heading found before 'Next steps'"
        )
    elif closing:
        state.warn(
            last_line,
            "missing-section",
            f"no {' or '.join(repr(title) for title in closing)} heading found; the file "
            f"ends at line {last_line} inside {ending}, so it may be truncated",
        )


def _read_citations(
    state: _State, body: tuple[BodyBlock, ...]
) -> tuple[list[Citation], dict[str, list[str]]]:
    """Every citation in reading order, and the ids cited by each finding instance's anchor."""
    citations: list[Citation] = []
    # Keyed by anchor, so each instance of a duplicated finding id keeps its own citations.
    cites_by_anchor: dict[str, list[str]] = {}
    for text, line_number, finding_id, anchor in _texts_in_order(body):
        for ids in citation_groups(text):
            citations.append(Citation(finding_id, ids, line_number))
            if anchor is None:
                state.warn(
                    line_number,
                    "citation-outside-finding",
                    f"citation of {', '.join(ids)} is not inside a numbered finding",
                )
            else:
                bucket = cites_by_anchor.setdefault(anchor, [])
                bucket.extend(rec for rec in ids if rec not in bucket)
    return citations, cites_by_anchor


def _collect_public_health_notes(body: tuple[BodyBlock, ...]) -> list[Note]:
    """The texts that refer a matter to public health, which is not a recommendation."""
    return [
        Note("public-health", text, line_number, finding_id)
        for text, line_number, finding_id, _ in _texts_in_order(body)
        if public_health_split(text) is not None
    ]


def _attach_citations(
    body: tuple[BodyBlock, ...], cites_by_anchor: dict[str, list[str]]
) -> tuple[list[Finding], tuple[BodyBlock, ...]]:
    """Give each finding what it cites, both in the findings list and in the body."""
    findings, _ = _collect(body)
    findings = [replace(f, cites=tuple(cites_by_anchor.get(f.anchor, ()))) for f in findings]
    by_anchor = {f.anchor: f for f in findings}
    return findings, tuple(_with_cites(block, by_anchor) for block in body)


def _with_cites(block: BodyBlock, by_anchor: dict[str, Finding]) -> BodyBlock:
    """``block`` with each finding in it swapped for the copy that carries its citations."""
    if isinstance(block, Finding):
        return by_anchor.get(block.anchor, block)
    if isinstance(block, CaseExample):
        return replace(
            block,
            body=tuple(
                by_anchor.get(inner.anchor, inner) if isinstance(inner, Finding) else inner
                for inner in block.body
            ),
        )
    return block


def _collect_groups(state: _State, body: tuple[BodyBlock, ...]) -> tuple[RecommendationGroup, ...]:
    """The recommendation groups, reporting any that lists no recommendations."""
    groups = tuple(block for block in body if isinstance(block, RecommendationGroup))
    for group in groups:
        if not group.recommendations:
            state.warn(
                group.line,
                "empty-group",
                f"group {group.number} ({group.addressees_raw}) lists no recommendations",
            )
    return groups


def _read_cover_dates(state: _State, cover: _Cover) -> None:
    """Read the publication and review dates into ``cover``, reporting any it cannot read."""
    publication = _cover_value(cover.rows, "date of publication", "published")
    review = _cover_value(cover.rows, "date of review", "dates of review", "review dates")
    if publication is None:
        state.warn(cover.title_line, "missing-cover-field", "no 'Date of publication:' row")
    else:
        dates = parse_dates(publication.value)
        cover.publication_date = dates[0] if dates else None
        if cover.publication_date is None:
            state.warn(
                publication.line,
                "bad-date",
                f"cannot read date of publication {publication.value!r}; "
                "write it like '20 July 2016'",
            )
    if review is not None:
        dates = parse_dates(review.value)
        if dates and dates[0] is not None:
            cover.review_start = dates[0]
            cover.review_end = dates[-1] if len(dates) > 1 else dates[0]
        else:
            state.warn(
                review.line,
                "bad-date",
                f"cannot read review dates {review.value!r}; "
                "write them like '18 April 2016 to 22 April 2016'",
            )


def _assemble_report(
    path: str,
    cover: _Cover,
    body: tuple[BodyBlock, ...],
    *,
    findings: list[Finding],
    groups: tuple[RecommendationGroup, ...],
    citations: list[Citation],
    notes: list[Note],
) -> Report:
    """Put the parsed parts together as the one :class:`Report` the rest of the build reads."""
    rows = cover.rows
    year = cover.publication_date or cover.review_end
    inspectors = tuple(
        name.strip()
        for name in re.split(r"\s*[,;]\s*|\s+and\s+", _cover_text(rows, "name"))
        if name.strip()
    )
    return Report(
        source=path,
        slug=slugify(cover.area) + (f"-{year.year}" if year else ""),
        title=cover.title,
        area=cover.area,
        subtitle=tuple(cover.subtitle),
        cover=tuple(rows),
        publication_date=cover.publication_date,
        review_start=cover.review_start,
        review_end=cover.review_end,
        inspectors=inspectors,
        providers=split_cover_list(_cover_text(rows, "provider")),
        ccgs=split_cover_list(_cover_text(rows, "ccg")),
        nhs_england_area=_cover_text(rows, "nhs england"),
        cqc_region=_cover_text(rows, "cqc region"),
        body=body,
        findings=tuple(findings),
        groups=groups,
        citations=tuple(citations),
        public_health_notes=tuple(notes),
        case_examples=tuple(_collect(body)[1]),
        sections=tuple(block for block in body if isinstance(block, Heading)),
    )


def _cover_text(rows: list[CoverRow], *prefixes: str) -> str:
    """The value of the first cover row whose label starts with a prefix; empty if none."""
    row = _cover_value(rows, *prefixes)
    return row.value if row else ""
