"""Cover-page dates as CQC writes them: ``20 th July 2016``, ``4 th April – 9 th April 2016``."""

from __future__ import annotations

import datetime as dt
import re

_MONTHS = {
    name: number
    for number, names in enumerate(
        [
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ],
        start=1,
    )
    for name in names
}

# "20 th July 2016", "20th July", "1st February 2016", "14 th September 2015"; ordinals are
# often typed with a space before them because the PDF had them as superscripts.
_WORDY = re.compile(
    r"\b(?P<day>\d{1,2})\s*(?:st|nd|rd|th)?\s+(?P<month>[A-Za-z]{3,9})\.?,?(?:\s+(?P<year>\d{4}))?\b"
)
_NUMERIC = re.compile(r"\b(?P<day>\d{1,2})[/.](?P<month>\d{1,2})[/.](?P<year>\d{4})\b")
_ISO = re.compile(r"\b(?P<year>\d{4})-(?P<month>\d{2})-(?P<day>\d{2})\b")


def _build(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def parse_dates(text: str) -> list[dt.date | None]:
    """Every date in ``text`` in order; a date written without a year takes the next year given.

    Returns an empty list when nothing date-like is present and ``None`` entries for
    impossible dates such as 31 February.
    """
    found: list[tuple[int, int | None, int, int]] = []  # (position, year, month, day)
    for match in _ISO.finditer(text):
        found.append((match.start(), int(match["year"]), int(match["month"]), int(match["day"])))
    for match in _NUMERIC.finditer(text):
        found.append((match.start(), int(match["year"]), int(match["month"]), int(match["day"])))
    for match in _WORDY.finditer(text):
        month = _MONTHS.get(match["month"].lower())
        if month is None:
            continue
        year = int(match["year"]) if match["year"] else None
        found.append((match.start(), year, month, int(match["day"])))
    found.sort()
    dates: list[dt.date | None] = []
    for index, (_, written_year, month, day) in enumerate(found):
        year = written_year
        if year is None:
            later = [item[1] for item in found[index + 1 :] if item[1] is not None]
            year = later[0] if later else None
        dates.append(_build(year, month, day) if year is not None else None)
    return dates


def format_date(date: dt.date) -> str:
    """British long form without a leading zero: ``20 July 2016``."""
    return f"{date.day} {date:%B %Y}"
