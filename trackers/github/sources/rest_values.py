"""Typed reads of fields from one decoded GitHub REST API object.

Saved responses span years of schema drift, so a missing field or a ``null`` is never an
error: it reads as the field's empty value. A field of the wrong type is an error
(``FieldError``), and the caller turns it into a SourceProblem for that one item.
"""

from collections.abc import Mapping
from datetime import datetime

import attrs

from core.sources.dates import DateError, iso_utc
from core.sources.text import clean_text

type JsonObject = Mapping[str, object]


class FieldError(ValueError):
    """A field of one item holds a value of the wrong type or form."""


def type_name(value: object) -> str:
    """A decoded value's JSON type with its article, for error messages: "a string"."""
    match value:
        case None:
            return "null"
        case bool():
            return "a boolean"
        case int() | float():
            return "a number"
        case str():
            return "a string"
        case list():
            return "an array"
        case dict():
            return "an object"
    return type(value).__name__


def parse_timestamp(value: str, field: str) -> datetime:
    """ISO 8601 as GitHub writes it (``2011-04-10T20:09:31Z``), as an aware UTC datetime; the
    API always writes UTC, so a saved file without an offset means UTC too."""
    try:
        return iso_utc(value)
    except DateError as error:
        raise FieldError(f"{field} {error}: {clean_text(value)[:40]!r}") from None


@attrs.frozen
class Fields:
    """One JSON object with a dotted ``prefix`` naming where it sits, for error messages."""

    data: JsonObject
    prefix: str = ""

    def name(self, key: str) -> str:
        return f"{self.prefix}{key}"

    def has(self, key: str) -> bool:
        return key in self.data

    def raw(self, key: str) -> object:
        return self.data.get(key)

    def text(self, key: str) -> str:
        value = self.data.get(key)
        if value is None:
            return ""
        if not isinstance(value, str):
            raise self._wrong_type(key, "a string", value)
        return clean_text(value)

    def integer(self, key: str) -> int:
        value = self.optional_integer(key)
        if value is None:
            raise FieldError(f"{self.name(key)} is missing")
        return value

    def optional_integer(self, key: str) -> int | None:
        value = self.data.get(key)
        if value is None:
            return None
        # bool is an int subclass in Python but never a number in JSON.
        if isinstance(value, bool) or not isinstance(value, int):
            raise self._wrong_type(key, "an integer", value)
        return value

    def flag(self, key: str) -> bool | None:
        value = self.data.get(key)
        if value is None:
            return None
        if not isinstance(value, bool):
            raise self._wrong_type(key, "true or false", value)
        return value

    def timestamp(self, key: str) -> datetime | None:
        text = self.text(key)
        return parse_timestamp(text, self.name(key)) if text else None

    def child(self, key: str) -> "Fields | None":
        value = self.data.get(key)
        if value is None:
            return None
        if not isinstance(value, dict):
            raise self._wrong_type(key, "an object", value)
        return Fields(value, f"{self.name(key)}.")

    def array(self, key: str) -> list[object] | None:
        value = self.data.get(key)
        if value is None:
            return None
        if not isinstance(value, list):
            raise self._wrong_type(key, "an array", value)
        return value

    def objects(self, key: str) -> "list[Fields]":
        """The objects of an array of them, each named by its index; none when absent."""
        found: list[Fields] = []
        for index, entry in enumerate(self.array(key) or ()):
            where = f"{self.name(key)}[{index}]"
            if not isinstance(entry, dict):
                raise FieldError(f"{where} should be an object, not {type_name(entry)}")
            found.append(Fields(entry, f"{where}."))
        return found

    def _wrong_type(self, key: str, wanted: str, value: object) -> FieldError:
        return FieldError(f"{self.name(key)} should be {wanted}, not {type_name(value)}")
