"""A module's ``meta/libraries.json``: one library object, or a list of them.

    {"key": "json", "name": "JSON", "authors": ["Vinnie Falco <vinnie.falco -at- gmail.com>"],
     "maintainers": "Dmitry Arkhipov <grisumbras -at- yandex -dot- ru>",
     "description": "JSON parsing, serialization, and DOM in C++11", "category": ["Containers",
     "Data", "IO"], "cxxstd": "11"}

``authors`` and ``maintainers`` are lists of strings or one string; ``category`` a list of
strings or one; ``cxxstd`` a string or a number (``11``). A file that is not JSON, or whose
top level is neither an object nor a list, is one problem; so is each entry that is no
object, has no key or holds a field of the wrong type, the other entries read. Entries are
counted from 1 in problems: ``library 2``, with its key when it has one.
"""

import json
from collections.abc import Iterator

import attrs

from core.protocols.claims import BoostAuthorClaim
from core.sources.fields import FieldError, Fields, json_type, shown
from core.sources.git import decode_git
from core.sources.text import clean_text
from trackers.boost_libraries.sources.people import person_claim


@attrs.frozen
class LibraryEntry:
    key: str
    name: str
    description: str
    categories: tuple[str, ...]
    cxxstd: str
    authors: tuple[BoostAuthorClaim, ...]
    maintainers: tuple[BoostAuthorClaim, ...]


@attrs.frozen
class EntryProblem:
    """What could not be read, and where in the file: ``line 3 column 5``, ``library 2``."""

    position: str
    reason: str


@attrs.frozen
class _Entry(Fields):
    def texts(self, key: str) -> tuple[str, ...]:
        """A list of strings, or one string standing for a list of one; () when not said."""
        value = self.raw(key)
        if isinstance(value, str):
            return (clean_text(value),)
        return self.strings(key) or ()

    def version_text(self, key: str) -> str:
        value = self.raw(key)
        if isinstance(value, int) and not isinstance(value, bool):
            return str(value)
        return self.text(key)


def library_entries(raw: bytes) -> Iterator[LibraryEntry | EntryProblem]:
    try:
        document = json.loads(decode_git(raw))
    except json.JSONDecodeError as error:
        yield EntryProblem(
            f"line {error.lineno} column {error.colno}", f"not valid JSON: {error.msg}"
        )
        return
    if isinstance(document, dict):
        values: list[object] = [document]
    elif isinstance(document, list):
        values = document
    else:
        yield EntryProblem(
            "top level", f"should be an object or a list of objects, not {json_type(document)}"
        )
        return
    for index, value in enumerate(values, start=1):
        yield _entry(index, value)


def _entry(index: int, value: object) -> LibraryEntry | EntryProblem:
    position = f"library {index}"
    if not isinstance(value, dict):
        return EntryProblem(position, f"should be an object, not {shown(value)}")
    fields = _Entry(value)
    try:
        key = fields.text("key").strip()
        if key:
            position = f"library {index} {shown(key)}"
        entry = LibraryEntry(
            key=key,
            name=fields.text("name").strip(),
            description=" ".join(fields.text("description").split()),
            categories=tuple(c.strip() for c in fields.texts("category") if c.strip()),
            cxxstd=fields.version_text("cxxstd").strip(),
            authors=_people(fields.texts("authors")),
            maintainers=_people(fields.texts("maintainers")),
        )
    except FieldError as error:
        return EntryProblem(position, str(error))
    if not key:
        return EntryProblem(position, "has no key")
    return entry


def _people(texts: tuple[str, ...]) -> tuple[BoostAuthorClaim, ...]:
    claims = (person_claim(text) for text in texts)
    return tuple(dict.fromkeys(claim for claim in claims if claim is not None))
