"""Dates as mail and HyperKitty write them, made aware and UTC, or None when unreadable."""

import email.utils
from datetime import UTC, datetime


def _as_utc(moment: datetime) -> datetime | None:
    if moment.tzinfo is None:
        # "-0000", an unknown zone name or no zone at all: RFC 5322 says "-0000" means the
        # local zone is unknown; UTC is the only neutral reading.
        return moment.replace(tzinfo=UTC)
    try:
        return moment.astimezone(UTC)
    except (OverflowError, ValueError):  # Year 1 with a positive offset falls before year 1.
        return None


def mail_date(value: str) -> datetime | None:
    """An RFC 5322 ``Date`` value in UTC; a zone offset that is out of range ("+2500",
    "+9999") is ignored and the time read as UTC, rather than losing the whole date."""
    value = value.strip()
    if not value:
        return None
    try:
        return _as_utc(email.utils.parsedate_to_datetime(value))
    except (TypeError, ValueError, IndexError, OverflowError):
        pass
    try:
        fields = email.utils.parsedate(value)  # The same parse, without the zone offset.
        if fields is None:
            return None
        return _as_utc(datetime(*fields[:6]))  # noqa: DTZ001 - naive on purpose, made UTC above.
    except (TypeError, ValueError, IndexError, OverflowError):
        return None


def iso_date(value: object) -> datetime | None:
    """An ISO 8601 date as HyperKitty's API writes it ("2019-01-01T12:00:00Z") in UTC."""
    if not isinstance(value, str):
        return None
    try:
        return _as_utc(datetime.fromisoformat(value.strip()))
    except ValueError:
        return None
