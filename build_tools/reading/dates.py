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

# "20 th July 2016", "20th July", "1st February 2016", "14 th September 2015", "14th of
# September 2015"; ordinals are often typed with a space before them because the PDF had them
# as superscripts.
_ORDINAL = r"\s*(?:st|nd|rd|th)?"
_WORDY = re.compile(
    rf"\b(?P<day>\d{{1,2}}){_ORDINAL}\s+(?:of\s+)?(?P<month>[A-Za-z]{{3,9}})\.?,?"
    r"(?:\s+(?P<year>\d{4}))?\b"
)
# The first day of a range that names its month once: "14 - 18 September 2015",
# "14 th to 18 th September 2015", "1st-5th June 2015".
_BARE_DAY = re.compile(
    rf"\b(?P<day>\d{{1,2}}){_ORDINAL}\s*(?:[-\u2013\u2014]|\bto\b|\buntil\b)\s*"
    rf"(?=\d{{1,2}}{_ORDINAL}\s+(?:of\s+)?[A-Za-z]{{3,9}})"
)
# "14/09/2015", "14.09.2015", "14-09-2015", "14/09/15" (a two-digit year is 20YY).
_NUMERIC = re.compile(
    r"\b(?P<day>\d{1,2})(?P<sep>[/.-])(?P<month>\d{1,2})(?P=sep)(?P<year>\d{4}|\d{2})\b"
)
_ISO = re.compile(r"\b(?P<year>\d{4})-(?P<month>\d{2})-(?P<day>\d{2})\b")


#: (position, year, month, day) of a date found in a text; the month is None for the bare
#: first day of a range and the year None when it is written only later.
_Found = tuple[int, int | None, int | None, int]


def _build(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def parse_dates(text: str) -> list[dt.date | None]:
    """Every date in ``text`` in order.

    A date written without a year takes the next year given, and the bare first day of a
    range ("14 - 18 September 2015") the month and year of the date after it. Returns an
    empty list when nothing date-like is present and ``None`` entries for impossible dates
    such as 31 February.
    """
    found: list[_Found] = []
    for match in _ISO.finditer(text):
        found.append((match.start(), int(match["year"]), int(match["month"]), int(match["day"])))
    for match in _NUMERIC.finditer(text):
        short = len(match["year"]) == 2
        numeric_year = int(match["year"]) + (2000 if short else 0)
        found.append((match.start(), numeric_year, int(match["month"]), int(match["day"])))
    for match in _WORDY.finditer(text):
        month = _MONTHS.get(match["month"].lower())
        if month is None:
            continue
        year = int(match["year"]) if match["year"] else None
        found.append((match.start(), year, month, int(match["day"])))
    for match in _BARE_DAY.finditer(text):
        found.append((match.start(), None, None, int(match["day"])))
    found.sort(key=lambda item: item[0])
    return [_complete(item, found[index + 1 :]) for index, item in enumerate(found)]


def _complete(item: _Found, later: list[_Found]) -> dt.date | None:
    """The date ``item`` stands for, taking a missing month or year from the dates after it."""
    _, year, month, day = item
    if month is None:
        # The bare first day of a range takes the month (and year) of the date after it;
        # "30 - 2 October" starts in the month before.
        following = next((other for other in later if other[2] is not None), None)
        if following is None or following[2] is None:
            return None
        year, month = following[1], following[2]
        if day > following[3]:
            month -= 1
            if month == 0 and year is not None:
                month, year = 12, year - 1
    if year is None:
        dated = next((other for other in later if other[1] is not None), None)
        if dated is None or dated[1] is None:
            return None
        year = dated[1]
        # "30 December - 2 January 2016" starts in the year before.
        if (month, day) > (dated[2] or 0, dated[3]):
            year -= 1
    return _build(year, month, day)


def format_date(date: dt.date) -> str:
    """British long form without a leading zero: ``20 July 2016``."""
    return f"{date.day} {date:%B %Y}"
