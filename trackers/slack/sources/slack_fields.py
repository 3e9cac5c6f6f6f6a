"""What Slack's JSON has of its own beyond the toolkit's typed reads (core.sources.fields):
ids, ``ts`` strings and the moment a ``ts`` names, message subtypes, and its Unix times.

Ids and ``ts`` become keys and short columns, so a value that is not one is a FieldError for
its item rather than stored: an export written by hand or by another tool may hold anything.
Slack writes "" where it has no id or ``ts`` to give (``"creator": ""``), read as not said.
"""

import re
from datetime import datetime, timedelta
from typing import Self

import attrs

from core.sources.dates import unix_utc
from core.sources.fields import FieldError, Fields, shown

# U…, W…, B…, C…, G…, D…, T…, E…: upper-case letters and digits, in practice 9 to 11.
_ID = re.compile(r"[A-Z0-9]{1,64}")
# "bot_message", "channel_join", "file_share"...
_SUBTYPE = re.compile(r"[A-Za-z0-9_]{1,64}")
# Seconds, a dot, a sequence number within them: "1453994356.000002".
_TS = re.compile(r"(\d{1,12})(?:\.(\d{1,12}))?")

AN_ID = "a Slack id"
A_TS = "a Slack timestamp (seconds.sequence)"


def is_slack_id(value: str) -> bool:
    return _ID.fullmatch(value) is not None


def ts_moment(ts: str) -> datetime | None:
    """The moment a ``ts`` names, its sequence read as microseconds (as Slack's clients do),
    or None when it is beyond what a datetime holds."""
    match = _TS.fullmatch(ts)
    if match is None:
        return None
    seconds, sequence = match.groups()
    moment = unix_utc(int(seconds))
    if moment is None:
        return None
    return moment + timedelta(microseconds=int((sequence or "0")[:6].ljust(6, "0")))


@attrs.frozen
class SlackFields(Fields):
    """One object of a Slack export (a user, a conversation, a message, a part of one)."""

    def part(self, key: str) -> Self:
        """An object field, or an empty one when not said: Slack leaves out what it has
        nothing for (a user's ``profile``, a message's ``user_profile`` or ``bot_profile``, a
        DM's ``topic``), and each field of an empty one reads as not said."""
        found = self.child(key)
        return attrs.evolve(self, data={}, path=self.name(key)) if found is None else found

    def optional_id(self, key: str) -> str | None:
        return self._form(key, _ID, AN_ID)

    def slack_id(self, key: str) -> str:
        return self._required(key, self.optional_id(key))

    def ids(self, key: str) -> tuple[str, ...] | None:
        """An array of ids (a conversation's ``members``); an entry "" names nobody."""
        values = self.strings(key)
        if values is None:
            return None
        ids = tuple(value.strip() for value in values)
        bad = next((n for n, found in enumerate(ids) if found and not is_slack_id(found)), None)
        if bad is not None:
            raise FieldError(f"{self.name(key)}[{bad}] should be {AN_ID}, not {shown(values[bad])}")
        return tuple(found for found in ids if found)

    def optional_ts(self, key: str) -> str | None:
        return self._form(key, _TS, A_TS)

    def ts(self, key: str) -> str:
        return self._required(key, self.optional_ts(key))

    def subtype(self) -> str:
        """A message's ``subtype``, "" for a plain message."""
        return self._form("subtype", _SUBTYPE, "a Slack message subtype") or ""

    def time(self, key: str) -> datetime | None:
        """A Unix time in seconds (``created``, ``updated``), in UTC. Slack writes 0 for a time
        that never was (Slackbot's ``updated``, a topic never set), so 0 is not said."""
        seconds = self.number(key)
        if seconds is None or seconds <= 0:
            return None
        return self.unix_moment(key)

    def _form(self, key: str, form: re.Pattern[str], wanted: str) -> str | None:
        """A string of ``form``, as given but for surrounding blanks; None for "" or none."""
        value = self.raw(key)
        if value is None or value == "":
            return None
        if isinstance(value, str) and form.fullmatch(value.strip()):
            return value.strip()
        raise self.wrong(key, wanted)

    def _required(self, key: str, found: str | None) -> str:
        if found is None:
            raise self.missing(key)
        return found
