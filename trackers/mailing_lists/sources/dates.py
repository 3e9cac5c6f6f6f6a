"""Dates as mail and HyperKitty write them, made aware and UTC, or None when unreadable."""

import email.utils
from datetime import datetime

from core.sources.dates import DateError, as_utc, iso_utc


def mail_date(value: str) -> datetime | None:
    """An RFC 5322 ``Date`` value in UTC; a missing or unknown zone ("-0000", a zone name) is
    read as UTC, and a zone offset that is out of range ("+2500", "+9999") is ignored and the
    time read as UTC, rather than losing the whole date."""
    value = value.strip()
    if not value:
        return None
    try:
        return as_utc(email.utils.parsedate_to_datetime(value))
    except DateError:
        return None
    except (TypeError, ValueError, IndexError, OverflowError):
        pass
    try:
        fields = email.utils.parsedate(value)  # The same parse, without the zone offset.
        if fields is None:
            return None
        return as_utc(datetime(*fields[:6]))  # noqa: DTZ001 - naive on purpose, made UTC.
    except (TypeError, ValueError, IndexError, OverflowError):
        return None


def iso_date(value: object) -> datetime | None:
    """An ISO 8601 date as HyperKitty's API writes it ("2019-01-01T12:00:00Z") in UTC."""
    if not isinstance(value, str):
        return None
    try:
        return iso_utc(value)
    except DateError:
        return None
