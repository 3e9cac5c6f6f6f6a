"""Values as Slack's JSON writes them: ids, ``ts`` strings, Unix times, texts, flags.

Ids and ``ts`` become keys and short columns, so a value that is not one is refused with a
reason rather than stored: an export written by hand or by another tool may hold anything.
"""

import re
from collections.abc import Mapping
from datetime import datetime, timedelta

from core.sources.dates import unix_utc
from core.sources.text import clean_text

# U…, W…, B…, C…, G…, D…, T…, E…: upper-case letters and digits, in practice 9 to 11.
_ID = re.compile(r"[A-Z0-9]{1,64}")
# "bot_message", "channel_join", "file_share"...
_SUBTYPE = re.compile(r"[A-Za-z0-9_]{1,64}")
# Seconds, a dot, a sequence number within them: "1453994356.000002".
_TS = re.compile(r"(\d{1,12})(?:\.(\d{1,12}))?")


class BadValue(ValueError):
    """A value that cannot be what its field holds; the message says which and why."""


def mapping(value: object) -> Mapping[str, object]:
    """An object's fields, or none for anything else: a missing ``profile`` is an empty one."""
    return value if isinstance(value, dict) else {}


def mappings(value: object) -> list[Mapping[str, object]]:
    """The objects of a list, or none for anything else."""
    return [item for item in value if isinstance(item, dict)] if isinstance(value, list) else []


def text(value: object) -> str:
    """A string cleaned for any database, or "" for anything else (absent, null, a number)."""
    return clean_text(value) if isinstance(value, str) else ""


def flag(value: object) -> bool | None:
    return value if isinstance(value, bool) else None


def slack_id(value: object, what: str) -> str:
    """A Slack id, as given (they are upper case); BadValue naming ``what`` otherwise."""
    if isinstance(value, str) and _ID.fullmatch(value.strip()):
        return value.strip()
    raise BadValue(_not(what, value, "a Slack id"))


def optional_id(value: object, what: str) -> str | None:
    """A Slack id, or None when there is none ("", null, absent)."""
    if value is None or value == "":
        return None
    return slack_id(value, what)


def message_subtype(value: object) -> str:
    """A message's subtype, "" for none; BadValue for what cannot be one."""
    if value is None or value == "":
        return ""
    if isinstance(value, str) and _SUBTYPE.fullmatch(value.strip()):
        return value.strip()
    raise BadValue(_not("subtype", value, "a Slack message subtype"))


def ts(value: object, what: str = "ts") -> str:
    """A message's ``ts``, as given; BadValue otherwise."""
    if isinstance(value, str) and _TS.fullmatch(value.strip()):
        return value.strip()
    raise BadValue(_not(what, value, "a Slack timestamp (seconds.sequence)"))


def ts_time(value: str) -> datetime | None:
    """The moment a ``ts`` names, its sequence read as microseconds (as Slack's clients do),
    or None when it is beyond what a datetime holds."""
    match = _TS.fullmatch(value)
    if match is None:
        return None
    seconds, fraction = match.groups()
    moment = unix_utc(int(seconds))
    if moment is None:
        return None
    micro = int((fraction or "0")[:6].ljust(6, "0"))
    return moment + timedelta(microseconds=micro)


def optional_ts(value: object, what: str) -> str | None:
    if value is None or value == "":
        return None
    return ts(value, what)


def unix_time(value: object) -> datetime | None:
    """A Unix time in seconds (``created``, ``updated``), or None when there is none; 0 is
    how Slack writes "never"."""
    if isinstance(value, bool) or not isinstance(value, int | float) or value <= 0:
        return None
    try:
        return unix_utc(int(value))
    except (OverflowError, ValueError):  # a float too big for an int, NaN
        return None


def count(value: object) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def _not(what: str, value: object, expected: str) -> str:
    if value is None:
        return f"no {what}"
    shown = repr(value)
    if len(shown) > 40:
        shown = f"{shown[:37]}..."
    return f"{what} {shown} is not {expected}"
