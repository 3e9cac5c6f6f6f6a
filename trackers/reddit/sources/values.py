"""The ``data`` object of one Reddit thing, read with the toolkit's ``Fields`` and what only
Reddit's JSON endpoints write: HTML-escaped text, deleted text, and ``edited``.

Reddit's JSON endpoints HTML-escape every string they return (``&`` as ``&amp;``, ``<`` as
``&lt;``, ``>`` as ``&gt;``) unless asked for ``raw_json=1``, and a saved file does not say
which was asked. A thing's rendered HTML tells: escaped, it has no ``<`` at all. A thing without
rendered HTML (a link post) is read as escaped unless one of its strings holds a character the
escaping would have replaced; only a raw text holding a literal ``&amp;`` and nothing else of
the kind is read wrongly then, as ``&``.
"""

import re
from collections.abc import Mapping
from datetime import datetime
from typing import Self

import attrs

from core.sources.fields import Fields

# The rendered HTML of a comment's body and of a self post's text.
_RENDERED = ("body_html", "selftext_html")
_ESCAPES = {"&amp;": "&", "&lt;": "<", "&gt;": ">"}
_ESCAPE = re.compile("|".join(_ESCAPES))
# Text that a deleted or removed comment or post shows instead of what it said.
_GONE = frozenset({"[deleted]", "[removed]", "[ removed by reddit ]"})


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
class ThingData(Fields):
    """The ``data`` object of one thing, and whether its strings are HTML-escaped; its child
    objects are read with the same escaping."""

    escaped: bool = False

    @classmethod
    def of(cls, data: Mapping[str, object]) -> Self:
        return cls(data, escaped=is_escaped(data))

    def text(self, key: str) -> str:
        """A string field, cleaned and unescaped; "" when absent or null."""
        text = super().text(key)
        if self.escaped and "&" in text:
            text = _ESCAPE.sub(lambda match: _ESCAPES[match[0]], text)
        return text

    def said(self, key: str) -> str:
        """A body or a self post's text; "" when it was deleted or removed, which says
        nothing of what it was."""
        text = self.text(key)
        return "" if text.strip().casefold() in _GONE else text

    def edited(self) -> datetime | None:
        """When the thing was last edited: ``false`` for never, a Unix time, or ``true`` in
        old data (edited, at a time not given)."""
        value = self.raw("edited")
        if value is None or isinstance(value, bool):
            return None
        if not isinstance(value, int | float):
            raise self.wrong("edited", "false or a Unix time")
        return self.unix_moment("edited")
