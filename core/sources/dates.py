"""Dates as sources write them, made aware and UTC."""

from datetime import UTC, datetime


class DateError(ValueError):
    """A date that cannot be read, or that falls outside what a datetime holds in UTC."""


def as_utc(moment: datetime) -> datetime:
    """``moment`` in UTC; a naive one is read as UTC already (the only neutral reading of a
    missing or unknown zone)."""
    if moment.tzinfo is None:
        return moment.replace(tzinfo=UTC)
    try:
        return moment.astimezone(UTC)
    except (OverflowError, ValueError):  # year 1 with a positive offset falls before year 1
        raise DateError("is out of range") from None


def iso_utc(value: str) -> datetime:
    """An ISO 8601 date and time (``2011-04-10T20:09:31Z``) in UTC."""
    try:
        parsed = datetime.fromisoformat(value.strip())
    except ValueError:
        raise DateError("is not an ISO 8601 date") from None
    return as_utc(parsed)


def unix_utc(seconds: int) -> datetime | None:
    """A Unix time in UTC, or None when it is beyond what a datetime holds."""
    try:
        return datetime.fromtimestamp(seconds, UTC)
    except (ValueError, OverflowError, OSError):
        return None
