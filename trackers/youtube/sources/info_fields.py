"""Typed reads of the fields of one yt-dlp (or youtube-dl) info object: the toolkit's
``Fields`` (``core.sources.fields``), with what only yt-dlp writes.

Twelve years of youtube-dl and yt-dlp disagree on which fields there are: a field that is
absent, or ``null`` (``yt-dlp -j`` keeps nulls, a written ``.info.json`` drops them), reads as
"not said". A field of the wrong type is an error (``FieldError``) that the reader reports
for its item, since a file that says ``"view_count": "many"`` was not written by either.
"""

import re
from datetime import date

import attrs

from core.sources.fields import FieldError, Fields

_DAY = re.compile(r"(\d{4})(\d{2})(\d{2})")


@attrs.frozen
class Info(Fields):
    """One info object (a video, a channel-level playlist, or one of its entries)."""

    def text(self, key: str) -> str:
        """A string field, cleaned and stripped; "" when not said."""
        return super().text(key).strip()

    def seconds(self, key: str) -> int | None:
        """A length in whole seconds, from an integer or a fractional number of them."""
        try:
            seconds = self.number(key)
        except FieldError:
            raise self.wrong(key, "a finite number of seconds") from None
        return None if seconds is None else round(seconds)

    def words(self, key: str) -> tuple[str, ...] | None:
        """A list of strings (tags, categories), each cleaned and stripped, the empty ones
        left out."""
        words = self.strings(key)
        if words is None:
            return None
        return tuple(stripped for word in words if (stripped := word.strip()))

    def day(self, key: str) -> date | None:
        """A ``YYYYMMDD`` date."""
        text = self.text(key)
        if not text:
            return None
        parts = _DAY.fullmatch(text)
        try:
            if parts is None:
                raise ValueError
            return date(int(parts[1]), int(parts[2]), int(parts[3]))
        except ValueError:
            raise self.wrong(key, "a YYYYMMDD date") from None
