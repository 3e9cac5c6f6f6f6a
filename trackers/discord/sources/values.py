"""Typed reads of the fields of one decoded object of a DiscordChatExporter export.

Exports span years of DiscordChatExporter releases, and fields come and go (``nickname``,
``exportedAt``, ``roles``, the users of a reaction), so a missing field or a ``null`` is never
an error: it reads as unknown. A field of the wrong type or form is (``FieldError``), naming
the field by its path in the object (``author.id``) and the value it holds.
"""

import re
from collections.abc import Mapping
from datetime import datetime

import attrs

from core.sources.dates import DateError, iso_utc
from core.sources.text import clean_text

# A snowflake is a 64-bit integer, written as a decimal string; 20 digits hold any of them.
_SNOWFLAKE = re.compile(r"[0-9]{1,20}")
_SHOWN = 40  # characters of a wrong value quoted in an error


class FieldError(ValueError):
    """One field holds a value of the wrong type or form."""


def json_type(value: object) -> str:
    """What a decoded JSON value is, with its article, for errors: ``an array``."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true or false"
    names = {str: "a string", int: "a number", float: "a number", list: "an array"}
    return names.get(type(value), "an object")


def _shown(value: object) -> str:
    text = clean_text(value) if isinstance(value, str) else json_type(value)
    return repr(text[:_SHOWN]) if isinstance(value, str) else text


@attrs.frozen
class Node:
    """A JSON object, and where it sits in the export (``reactions[1].emoji``), "" at the top."""

    data: Mapping[str, object]
    path: str = ""

    def name(self, key: str) -> str:
        return f"{self.path}.{key}" if self.path else key

    def _wrong(self, key: str, wanted: str) -> FieldError:
        return FieldError(f"{self.name(key)} should be {wanted}, not {_shown(self.data[key])}")

    def text(self, key: str) -> str:
        """A string field, cleaned for any database; "" when absent or null."""
        value = self.data.get(key)
        if value is None:
            return ""
        if isinstance(value, str):
            return clean_text(value)
        raise self._wrong(key, "a string")

    def snowflake(self, key: str) -> int | None:
        """An id, a decimal string as exports write it (or a number, as some converters
        leave it); None when absent, null or "", as exports write an id that is not there."""
        value = self.data.get(key)
        if value is None or value == "":
            return None
        if isinstance(value, int) and not isinstance(value, bool) and value >= 0:
            return value
        if isinstance(value, str) and _SNOWFLAKE.fullmatch(value):
            return int(value)
        raise FieldError(f"{self.name(key)} is not a snowflake id: {_shown(value)}")

    def required_snowflake(self, key: str) -> int:
        found = self.snowflake(key)
        if found is None:
            raise FieldError(f"{self.name(key)} is missing")
        return found

    def moment(self, key: str) -> datetime | None:
        """An ISO 8601 date with its UTC offset, any number of fractional digits (exports
        write from 2 to 7), in UTC; None when absent or null."""
        text = self.text(key)
        if not text:
            return None
        try:
            return iso_utc(text)
        except DateError as error:
            raise FieldError(f"{self.name(key)} {error}: {_shown(text)}") from None

    def flag(self, key: str) -> bool | None:
        value = self.data.get(key)
        if value is None or isinstance(value, bool):
            return value
        raise self._wrong(key, "true or false")

    def count(self, key: str) -> int | None:
        value = self.data.get(key)
        if value is None:
            return None
        if isinstance(value, int) and not isinstance(value, bool) and value >= 0:
            return value
        raise self._wrong(key, "a count")

    def child(self, key: str) -> "Node | None":
        value = self.data.get(key)
        if value is None:
            return None
        if isinstance(value, dict):
            return Node(value, self.name(key))
        raise self._wrong(key, "an object")

    def required_child(self, key: str) -> "Node":
        found = self.child(key)
        if found is None:
            raise FieldError(f"{self.name(key)} is missing")
        return found

    def array(self, key: str) -> list[object] | None:
        value = self.data.get(key)
        if value is None or isinstance(value, list):
            return value
        raise self._wrong(key, "an array")

    def children(self, key: str) -> "list[Node] | None":
        """The objects of an array field, each named by its index; None when absent."""
        values = self.array(key)
        if values is None:
            return None
        nodes = []
        for index, value in enumerate(values):
            where = f"{self.name(key)}[{index}]"
            if not isinstance(value, dict):
                raise FieldError(f"{where} should be an object, not {_shown(value)}")
            nodes.append(Node(value, where))
        return nodes
