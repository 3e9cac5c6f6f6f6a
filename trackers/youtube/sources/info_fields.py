"""Typed reads of the fields of one yt-dlp (or youtube-dl) info object.

Twelve years of youtube-dl and yt-dlp disagree on which fields there are: a field that is
absent, or ``null`` (``yt-dlp -j`` keeps nulls, a written ``.info.json`` drops them), reads as
"not said". A field of the wrong type is an error (``FieldError``) that the reader reports
for its item, since a file that says ``"view_count": "many"`` was not written by either.
"""

import math
import re
from collections.abc import Mapping
from datetime import date, datetime

import attrs

from core.sources.dates import unix_utc
from core.sources.text import clean_text

_DAY = re.compile(r"(\d{4})(\d{2})(\d{2})")
_JSON_TYPES: dict[type, str] = {
    str: "a string",
    bool: "true or false",
    int: "a number",
    float: "a number",
    list: "an array",
    dict: "an object",
    type(None): "null",
}


class FieldError(ValueError):
    """A field holds a value of the wrong type or form."""


def json_type(value: object) -> str:
    return _JSON_TYPES.get(type(value), type(value).__name__)


@attrs.frozen
class Info:
    """One info object (a video, a channel-level playlist, or one of its entries)."""

    data: Mapping[str, object]

    def raw(self, key: str) -> object:
        return self.data.get(key)

    def text(self, key: str) -> str:
        """A string field, cleaned (no NUL, no lone surrogate) and stripped; "" when not
        said."""
        value = self.data.get(key)
        if value is None:
            return ""
        if not isinstance(value, str):
            raise self._wrong(key, "a string", value)
        return clean_text(value).strip()

    def integer(self, key: str) -> int | None:
        """A count: an integer, or None when not said."""
        value = self.data.get(key)
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, int):
            raise self._wrong(key, "an integer", value)
        return value

    def seconds(self, key: str) -> int | None:
        """A length in whole seconds, from an integer or a fractional number of them."""
        value = self.data.get(key)
        if isinstance(value, float):
            if not math.isfinite(value):
                raise FieldError(f"{key} should be a number of seconds, not {value}")
            return round(value)
        return self.integer(key)

    def words(self, key: str) -> tuple[str, ...] | None:
        """A list of strings (tags, categories), each cleaned, the empty ones left out."""
        value = self.data.get(key)
        if value is None:
            return None
        if not isinstance(value, list):
            raise self._wrong(key, "an array of strings", value)
        words: list[str] = []
        for index, word in enumerate(value):
            if not isinstance(word, str):
                raise FieldError(f"{key}[{index}] should be a string, not {json_type(word)}")
            word = clean_text(word).strip()
            if word:
                words.append(word)
        return tuple(words)

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
            raise FieldError(f"{key} {text[:40]!r} is not a YYYYMMDD date") from None

    def moment(self, key: str) -> datetime | None:
        """A Unix time in seconds (an integer, or a number with a fraction), in UTC."""
        value = self.data.get(key)
        if isinstance(value, float) and math.isfinite(value):
            seconds: int | None = math.floor(value)
        else:
            seconds = self.integer(key)
        if seconds is None:
            return None
        moment = unix_utc(seconds)
        if moment is None:
            shown = str(value) if len(str(value)) <= 24 else f"{str(value)[:21]}..."
            raise FieldError(f"{key} {shown} is out of range: no date is that far off")
        return moment

    def _wrong(self, key: str, wanted: str, value: object) -> FieldError:
        return FieldError(f"{key} should be {wanted}, not {json_type(value)}")
