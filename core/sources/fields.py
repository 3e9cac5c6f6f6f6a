"""Typed reads of the fields of one decoded JSON object, as every JSON source needs them.

Saved files span years of schema drift (an API's, an exporter's releases), so a field that is
absent or ``null`` is never an error: it reads as "not said" (None, or "" for a text). A field
of the wrong type or form is an error, ``FieldError``, naming the field by its path in the
object (``author.id``, ``reactions[1].emoji``) and what it holds instead; the reader turns it
into a SourceProblem for that one item.

A tracker whose source has values of its own (a Discord snowflake, a Slack ``ts``) subclasses
``Fields`` and raises ``wrong`` or ``missing`` for them, so every message has the same form.
"""

import functools
import math
import typing
from collections.abc import Callable, Mapping
from datetime import datetime, timedelta
from typing import Any, Self

import attrs

from core.sources.dates import DateError, iso_utc, unix_utc
from core.sources.text import clean_text

SHOWN = 40  # characters of a wrong text quoted in an error

# JSON's types as Python decodes them, in the order to test them: a bool is an int too.
_JSON_TYPES: tuple[tuple[type | tuple[type, ...], str], ...] = (
    (bool, "a boolean"),
    ((int, float), "a number"),
    (str, "a string"),
    (list, "an array"),
    (dict, "an object"),
)


class FieldError(ValueError):
    """A field of one item holds a value of the wrong type or form."""


def json_type(value: object) -> str:
    """A decoded value's JSON type with its article, for errors: ``"an array"``."""
    if value is None:
        return "null"
    return next(
        (name for kind, name in _JSON_TYPES if isinstance(value, kind)), type(value).__name__
    )


def shown(value: object) -> str:
    """A wrong value as an error shows it: a text quoted, cleaned and cut short; a number, a
    boolean or null as JSON writes it; an array or an object by its type."""
    match value:
        case str():
            text = clean_text(value)
            return repr(text[:SHOWN]) + ("..." if len(text) > SHOWN else "")
        case None:
            return "null"
        case bool():
            return "true" if value else "false"
        case int() | float():
            number = repr(value)
            return number if len(number) <= SHOWN else f"{number[:SHOWN]}..."
    return json_type(value)


def unix_moment(seconds: float) -> datetime | None:
    """The Unix time ``seconds`` (a fraction kept to the microsecond) in UTC, or None when no
    datetime is that far off."""
    if not math.isfinite(seconds):
        return None
    whole = math.floor(seconds)
    moment = unix_utc(whole)
    if moment is None:
        return None
    try:
        return moment + timedelta(microseconds=round((seconds - whole) * 1_000_000))
    except OverflowError:
        return None


@attrs.frozen
class Fields:
    """One JSON object, and where it sits in its item (``reactions[1]``), "" at the top."""

    data: Mapping[str, object]
    path: str = ""

    def name(self, key: str) -> str:
        """The field's path, as errors name it."""
        return f"{self.path}.{key}" if self.path else key

    def has(self, key: str) -> bool:
        return key in self.data

    def raw(self, key: str) -> object:
        return self.data.get(key)

    def wrong(self, key: str, wanted: str) -> FieldError:
        """The error for a field that holds something other than ``wanted``."""
        return FieldError(f"{self.name(key)} should be {wanted}, not {shown(self.data.get(key))}")

    def missing(self, key: str) -> FieldError:
        return FieldError(f"{self.name(key)} is missing")

    def text(self, key: str) -> str:
        """A string, cleaned for any database; "" when not said."""
        value = self.data.get(key)
        if value is None:
            return ""
        if not isinstance(value, str):
            raise self.wrong(key, "a string")
        return clean_text(value)

    def integer(self, key: str) -> int | None:
        value = self.data.get(key)
        # A bool is an int in Python, never a number in JSON.
        if value is None or (isinstance(value, int) and not isinstance(value, bool)):
            return value
        raise self.wrong(key, "an integer")

    def required_integer(self, key: str) -> int:
        value = self.integer(key)
        if value is None:
            raise self.missing(key)
        return value

    def count(self, key: str) -> int | None:
        """A number of things: an integer, never negative."""
        value = self.data.get(key)
        if value is None:
            return None
        if isinstance(value, int) and not isinstance(value, bool) and value >= 0:
            return value
        raise self.wrong(key, "a count")

    def number(self, key: str, wanted: str = "a number") -> float | None:
        """Any finite number, an integer or with a fraction; ``wanted`` names it in errors."""
        value = self.data.get(key)
        if value is None:
            return None
        if isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value):
            return value
        raise self.wrong(key, wanted)

    def flag(self, key: str) -> bool | None:
        value = self.data.get(key)
        if value is None or isinstance(value, bool):
            return value
        raise self.wrong(key, "true or false")

    def same_named(self, record: type, *names: str) -> dict[str, Any]:
        """The fields ``names`` of ``record``, each read from the key of its name as the record
        declares it: a text, an integer (required where it cannot be None), a flag, a moment
        (``moment``), strings. A record's fields are typed once, in its class."""
        declared = _declared(record)
        return {name: _read_as(record, name, declared[name])(self, name) for name in names}

    def moment(self, key: str) -> datetime | None:
        """A date and time as this source writes them: ISO 8601 here; a source of Unix times
        overrides it."""
        return self.iso_moment(key)

    def iso_moment(self, key: str) -> datetime | None:
        """An ISO 8601 date and time, in UTC; one written without an offset is taken as UTC."""
        text = self.text(key)
        if not text:
            return None
        try:
            return iso_utc(text)
        except DateError as error:
            raise FieldError(f"{self.name(key)} {error}: {shown(text)}") from None

    def unix_moment(self, key: str) -> datetime | None:
        """A Unix time in seconds, an integer or with a fraction (``1709251200.0``), in UTC."""
        seconds = self.number(key, "a Unix time")
        if seconds is None:
            return None
        moment = unix_moment(seconds)
        if moment is None:
            raise FieldError(
                f"{self.name(key)} {shown(seconds)} is out of range: no date is that far off"
            )
        return moment

    def strings(self, key: str) -> tuple[str, ...] | None:
        """An array of strings, each cleaned."""
        values = self.array(key)
        if values is None:
            return None
        found: list[str] = []
        for index, value in enumerate(values):
            if not isinstance(value, str):
                raise FieldError(
                    f"{self.name(key)}[{index}] should be a string, not {shown(value)}"
                )
            found.append(clean_text(value))
        return tuple(found)

    def child(self, key: str) -> Self | None:
        """An object field, read as this object is (a subclass's settings carry over)."""
        value = self.data.get(key)
        if value is None:
            return None
        if not isinstance(value, dict):
            raise self.wrong(key, "an object")
        return attrs.evolve(self, data=value, path=self.name(key))

    def required_child(self, key: str) -> Self:
        found = self.child(key)
        if found is None:
            raise self.missing(key)
        return found

    def array(self, key: str) -> list[object] | None:
        value = self.data.get(key)
        if value is None or isinstance(value, list):
            return value
        raise self.wrong(key, "an array")

    def children(self, key: str) -> list[Self] | None:
        """The objects of an array field, each named by its index."""
        values = self.array(key)
        if values is None:
            return None
        found: list[Self] = []
        for index, value in enumerate(values):
            where = f"{self.name(key)}[{index}]"
            if not isinstance(value, dict):
                raise FieldError(f"{where} should be an object, not {shown(value)}")
            found.append(attrs.evolve(self, data=value, path=where))
        return found


_READS: dict[object, Callable[[Fields, str], object]] = {
    str: Fields.text,
    int: Fields.required_integer,
    int | None: Fields.integer,
    bool | None: Fields.flag,
    datetime | None: lambda fields, key: fields.moment(key),
    tuple[str, ...] | None: Fields.strings,
}


@functools.cache
def _declared(record: type) -> dict[str, object]:
    # A record class as a source names it is generic: Issue[GitHubAccountClaim].
    return typing.get_type_hints(typing.get_origin(record) or record)


def _read_as(record: type, name: str, declared: object) -> Callable[[Fields, str], object]:
    read = _READS.get(declared)
    if read is None:
        raise TypeError(f"{record}.{name}: no JSON read for {declared}")
    return read
