"""Diagnostics: what the stages report instead of raising.

Stages append :class:`Diagnostic` objects to a list; only the CLI prints them, as
``path:line: LEVEL: message [code]``. Every code the generator can emit is listed in
:data:`CODES` with the level it is issued at, so the table doubles as documentation.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field


class Level(enum.Enum):
    """Severity of a diagnostic; ``--strict`` turns warnings into a failing exit status."""

    INFO = "info"
    WARNING = "warning"
    ERROR = "error"


#: Every diagnostic code, its level and what it means.
CODES: dict[str, tuple[Level, str]] = {
    "unreadable": (Level.ERROR, "the file could not be opened or is not text"),
    "encoding": (Level.ERROR, "the file is not valid UTF-8"),
    "empty-report": (Level.ERROR, "the file holds no text"),
    "file-too-large": (Level.ERROR, "the file is larger than the documented size limit"),
    "line-too-long": (Level.WARNING, "a line is longer than any paragraph; read as it is"),
    "line-breaks-lost": (Level.ERROR, "the whole file is on a few very long lines"),
    "wrapped-lines": (Level.INFO, "the text was wrapped at a fixed width and joined back"),
    "missing-title": (Level.ERROR, "no 'Review of health services … in <area>' title line"),
    "missing-cover-field": (Level.WARNING, "a cover row the site needs is absent"),
    "bad-date": (Level.WARNING, "a cover date could not be read"),
    "missing-section": (Level.WARNING, "a section every CLAS report has was not found"),
    "duplicate-id": (Level.ERROR, "two findings or two recommendations share an id"),
    "finding-out-of-section": (Level.WARNING, "a finding's number does not match its section"),
    "orphan-recommendation": (Level.WARNING, "a recommendation appears before any group"),
    "recommendation-group-mismatch": (
        Level.WARNING,
        "a recommendation's number does not belong to the group it is listed under",
    ),
    "empty-group": (Level.WARNING, "a recommendation group has no recommendations"),
    "dangling-citation": (Level.WARNING, "a finding cites a recommendation that does not exist"),
    "uncited-recommendation": (Level.WARNING, "no finding cites this recommendation"),
    "citation-outside-finding": (Level.INFO, "a citation appears outside any numbered finding"),
    "page-debris": (Level.INFO, "a PDF page header or footer line was dropped"),
    "duplicate-slug": (Level.ERROR, "two reports would be published at the same address"),
    "control-characters": (Level.WARNING, "control characters were removed from a line"),
    "registry-missing": (Level.WARNING, "source_reports/organisations.yml is missing"),
    "registry-invalid": (Level.ERROR, "an entry of the organisations registry is malformed"),
    "unknown-kind": (Level.ERROR, "an organisation has a kind the registry does not define"),
    "duplicate-alias": (Level.ERROR, "one name is given to two organisations (or twice)"),
    "unknown-organisation": (Level.WARNING, "a report names an organisation the registry lacks"),
    "collective-without-members": (
        Level.WARNING,
        "a generic addressee such as 'Staffordshire CCGs' has no members on the cover",
    ),
    "taxonomy-missing": (Level.WARNING, "source_reports/themes.yml is missing"),
    "taxonomy-invalid": (Level.ERROR, "a theme or override is malformed"),
    "unknown-theme": (Level.ERROR, "an override names a theme the taxonomy lacks"),
    "override-unmatched": (Level.WARNING, "an override names an item that does not exist"),
    "glossary-missing": (Level.WARNING, "source_reports/glossary.yml is missing"),
    "glossary-invalid": (Level.ERROR, "an entry of the glossary is malformed"),
    "undefined-abbreviation": (Level.INFO, "a report uses an abbreviation the glossary lacks"),
    "address-dropped": (Level.ERROR, "a published address would disappear without a redirect"),
    "redirect-invalid": (Level.ERROR, "an entry of redirects.yml is malformed or points nowhere"),
    "pdf-unreadable": (Level.ERROR, "a file to import is not a PDF, or is damaged"),
    "pdf-encrypted": (Level.ERROR, "a PDF to import is encrypted and needs a password"),
    "pdf-no-text": (Level.ERROR, "a PDF to import has no text layer (a scan needs OCR first)"),
    "pdf-not-clas": (Level.ERROR, "a PDF to import is not a CLAS review"),
    "pdf-page-no-text": (Level.WARNING, "a page of an imported PDF has no text layer"),
    "pdf-furniture": (Level.INFO, "import removed a running header or footer (listed to check)"),
    "output-exists": (Level.ERROR, "import would overwrite an existing file (use --force)"),
    "output-unwritable": (Level.ERROR, "import cannot write its output file"),
    "hand-written-file": (
        Level.ERROR,
        "the generator would overwrite a file in docs/ that it did not write",
    ),
}


@dataclass(frozen=True, slots=True)
class Diagnostic:
    """One problem found in one source file."""

    path: str
    """Source path as given on the command line or relative to the project root."""
    line: int
    """1-based line number in the source file (0 when the whole file is meant)."""
    code: str
    """One of the keys of :data:`CODES`."""
    message: str
    """What was found, what was expected and how to fix it."""
    extra: tuple[tuple[str, str], ...] = field(default=())
    """Ids the diagnostic is about, e.g. ``(("finding", "3.10"), ("rec", "4.7"))``."""

    @property
    def level(self) -> Level:
        """The level fixed for this code in :data:`CODES`."""
        return CODES[self.code][0]

    def format(self) -> str:
        """Render as ``path:line: LEVEL: message [code]``."""
        return f"{self.path}:{self.line}: {self.level.name}: {self.message} [{self.code}]"

    def to_json(self) -> dict[str, object]:
        """The JSON object used in ``parse --json`` output."""
        data: dict[str, object] = {
            "path": self.path,
            "line": self.line,
            "level": self.level.value,
            "code": self.code,
            "message": self.message,
        }
        data.update(dict(self.extra))
        return data


def make(path: str, line: int, code: str, message: str, **ids: str) -> Diagnostic:
    """Build a diagnostic, checking the code exists so typos fail loudly in tests."""
    if code not in CODES:
        raise KeyError(f"unknown diagnostic code {code!r}")
    return Diagnostic(path, line, code, message, tuple(sorted(ids.items())))
