"""Document dates as the index and the mailing pages write them.

Mostly ``YYYY-MM-DD``; older entries say ``2 March 2005``, ``March 2, 2005``, ``Sept 2014`` or
``2005-03``, some say ``unknown``. Only a date with its day is a date: a month or a year alone
gives none (the document's year is its folder's). Month names are read by their first three
letters, so ``Sept`` and the misspelt ``Sepember`` are September.
"""

import re
from datetime import date

from core.sources.dates import DateError

# What a source writes for a date it does not know: no date, and nothing wrong.
_UNKNOWN = frozenset({"", "unknown", "n/a", "na", "none", "tbd", "?", "-"})
_MONTHS = {
    name: number
    for number, name in enumerate(
        ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"), 1
    )
}
_NUMERIC = re.compile(r"(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})")
_DAY_MONTH_YEAR = re.compile(r"(\d{1,2})(?:st|nd|rd|th)?\s+([a-z]+)\.?,?\s+(\d{4})")
_MONTH_DAY_YEAR = re.compile(r"([a-z]+)\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})")
_WITHOUT_DAY = re.compile(r"(?:([a-z]+)\.?,?\s+)?\d{4}(?:[-/]\d{1,2})?")


def document_date(text: str) -> date | None:
    """The date ``text`` gives, None when it gives no day; DateError when it is no date."""
    value = " ".join(text.split()).lower()
    if value in _UNKNOWN:
        return None
    if match := _NUMERIC.fullmatch(value):
        return _date(int(match[1]), int(match[2]), int(match[3]))
    if match := _DAY_MONTH_YEAR.fullmatch(value):
        return _date(int(match[3]), _month(match[2]), int(match[1]))
    if match := _MONTH_DAY_YEAR.fullmatch(value):
        return _date(int(match[3]), _month(match[1]), int(match[2]))
    if match := _WITHOUT_DAY.fullmatch(value):
        if match[1]:
            _month(match[1])
        return None
    raise DateError("is not a date")


def _month(name: str) -> int:
    month = _MONTHS.get(name[:3])
    if month is None or len(name) < 3:
        raise DateError("names no month")
    return month


def _date(year: int, month: int, day: int) -> date:
    try:
        return date(year, month, day)
    except ValueError:
        raise DateError("is no day of the calendar") from None
