"""Typed reads of the fields of one Reddit thing's ``data``, as the JSON endpoints write them.

A missing field or a ``null`` reads as nothing known; a field of the wrong type is a
FieldError, which the reader turns into a problem for that one thing.

Reddit's JSON endpoints HTML-escape every string they return (``&`` as ``&amp;``, ``<`` as
``&lt;``, ``>`` as ``&gt;``) unless asked for ``raw_json=1``, and a saved file does not say
which was asked. A thing's rendered HTML tells: escaped, it has no ``<`` at all. A thing without
rendered HTML (a link post) is read as escaped unless one of its strings holds a character the
escaping would have replaced; only a raw text holding a literal ``&amp;`` and nothing else of
the kind is read wrongly then, as ``&``.
"""

import math
import re
from collections.abc import Mapping
from datetime import datetime, timedelta

import attrs

from core.sources.dates import unix_utc
from core.sources.text import clean_text

# The rendered HTML of a comment's body and of a self post's text.
_RENDERED = ("body_html", "selftext_html")
_ESCAPES = {"&amp;": "&", "&lt;": "<", "&gt;": ">"}
_ESCAPE = re.compile("|".join(_ESCAPES))
# Text that a deleted or removed comment or post shows instead of what it said.
_GONE = frozenset({"[deleted]", "[removed]", "[ removed by reddit ]"})
_SHOWN = 40  # characters of a bad value quoted in a problem


class FieldError(ValueError):
    """A field of one thing holds a value of the wrong type or form."""


# JSON's types as Python decodes them, in the order to test them: a bool is an int too.
_JSON_TYPES: tuple[tuple[type | tuple[type, ...], str], ...] = (
    (bool, "a boolean"),
    ((int, float), "a number"),
    (str, "a string"),
    (list, "an array"),
    (dict, "an object"),
)


def type_name(value: object) -> str:
    """A decoded value's JSON type with its article, for problems: "a string"."""
    if value is None:
        return "null"
    return next(
        (name for kind, name in _JSON_TYPES if isinstance(value, kind)), type(value).__name__
    )


def shown(value: str) -> str:
    """A bad value as a problem quotes it: cleaned, cut short."""
    text = clean_text(value)
    return repr(text[:_SHOWN]) + ("..." if len(text) > _SHOWN else "")


def utc_moment(seconds: int, microseconds: int = 0) -> datetime | None:
    """The Unix time ``seconds`` and ``microseconds`` in UTC, or None beyond a datetime."""
    moment = unix_utc(seconds)
    if moment is None:
        return None
    try:
        return moment + timedelta(microseconds=microseconds)
    except OverflowError:
        return None


def is_escaped(data: Mapping[str, object]) -> bool:
    """Whether the strings of a thing's ``data`` were HTML-escaped by the endpoint."""
    for key in _RENDERED:
        html = data.get(key)
        if isinstance(html, str) and html:
            return "<" not in html
    return not any(isinstance(value, str) and _raw(value) for value in data.values())


def _raw(text: str) -> bool:
    """Whether ``text`` holds a character the escaping would have replaced."""
    return "<" in text or ">" in text or "&" in _ESCAPE.sub("", text)


@attrs.frozen
class ThingData:
    """The ``data`` object of one thing, and whether its strings are HTML-escaped."""

    data: Mapping[str, object]
    escaped: bool = False

    @classmethod
    def of(cls, data: Mapping[str, object]) -> "ThingData":
        return cls(data, is_escaped(data))

    def text(self, key: str) -> str:
        """A string field, cleaned and unescaped; "" when absent or null."""
        match self.data.get(key):
            case None:
                return ""
            case str() as value:
                text = clean_text(value)
            case wrong:
                raise _wrong_type(key, "a string", wrong)
        if self.escaped and "&" in text:
            text = _ESCAPE.sub(lambda match: _ESCAPES[match[0]], text)
        return text

    def said(self, key: str) -> str:
        """A body or a self post's text; "" when it was deleted or removed, which says
        nothing of what it was."""
        text = self.text(key)
        return "" if text.strip().casefold() in _GONE else text

    def integer(self, key: str) -> int | None:
        match self.data.get(key):
            case None:
                return None
            case bool() as wrong:  # a bool is an int in Python, never a number in JSON
                raise _wrong_type(key, "an integer", wrong)
            case int() as number:
                return number
            case wrong:
                raise _wrong_type(key, "an integer", wrong)

    def flag(self, key: str) -> bool:
        """A true-or-false field; absent or null is false."""
        match self.data.get(key):
            case None:
                return False
            case bool() as flag:
                return flag
            case wrong:
                raise _wrong_type(key, "true or false", wrong)

    def moment(self, key: str) -> datetime | None:
        """A Unix time in seconds, which Reddit writes as a float (``1709251200.0``)."""
        match self.data.get(key):
            case None:
                return None
            case bool() as wrong:
                raise _wrong_type(key, "a Unix time", wrong)
            case int() | float() as seconds:
                return _moment(key, seconds)
            case wrong:
                raise _wrong_type(key, "a Unix time", wrong)

    def edited(self) -> datetime | None:
        """When the thing was last edited: ``false`` for never, a Unix time, or ``true`` in
        old data (edited, at a time not given)."""
        match self.data.get("edited"):
            case None | bool():
                return None
            case int() | float() as seconds:
                return _moment("edited", seconds)
            case wrong:
                raise _wrong_type("edited", "false or a Unix time", wrong)

    def child(self, key: str) -> "ThingData | None":
        """An object field, read with this thing's escaping."""
        match self.data.get(key):
            case None:
                return None
            case dict() as value:
                return ThingData(value, self.escaped)
            case wrong:
                raise _wrong_type(key, "an object", wrong)


def _moment(key: str, seconds: int | float) -> datetime:
    moment = None
    if math.isfinite(seconds):
        whole = math.floor(seconds)
        moment = utc_moment(whole, round((seconds - whole) * 1_000_000))
    if moment is None:
        raise FieldError(f"{key} {seconds!r} is not a Unix time a date can hold")
    return moment


def _wrong_type(key: str, wanted: str, value: object) -> FieldError:
    return FieldError(f"{key} should be {wanted}, not {type_name(value)}")
