"""The reads of a DiscordChatExporter export's fields that are Discord's own: snowflake ids.

Every other read (texts, flags, counts, ISO dates, objects and arrays) is the toolkit's
(core.sources.fields): exports span years of DiscordChatExporter releases and fields come and
go (``nickname``, ``exportedAt``, ``roles``, the users of a reaction), so a field absent or
``null`` reads as unknown, and one of the wrong type or form is a ``FieldError`` naming it by
its path (``author.id``).
"""

import re

import attrs

from core.sources.fields import Fields

# A snowflake is a 64-bit integer, written as a decimal string; 20 digits hold any of them.
_SNOWFLAKE = re.compile(r"[0-9]{1,20}")


@attrs.frozen
class Node(Fields):
    """A JSON object of an export, and where it sits (``reactions[1].emoji``), "" at the top."""

    def snowflake(self, key: str) -> int | None:
        """An id, a decimal string as exports write it (or a number, as some converters
        leave it); None when absent, null or "", as exports write an id that is not there (a
        standard emoji's)."""
        value = self.data.get(key)
        if value is None or value == "":
            return None
        if isinstance(value, int) and not isinstance(value, bool) and value >= 0:
            return value
        if isinstance(value, str) and _SNOWFLAKE.fullmatch(value):
            return int(value)
        raise self.wrong(key, "a snowflake id")

    def required_snowflake(self, key: str) -> int:
        if (found := self.snowflake(key)) is None:
            raise self.missing(key)
        return found
