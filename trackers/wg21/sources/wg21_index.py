"""The wg21.link index (``https://wg21.link/index.json``): one JSON object keyed by document
id, ``p2300r10``, ``n4950``, ``sd-6``, ``cwg2345``, each value an object:

    {"type": "paper", "title": "`std::execution`", "author": "Michał Dominiak, ... and
     Eric Niebler", "date": "2024-06-28", "subgroup": "LEWG", "link":
     "https://wg21.link/p2300r10", "long_link": "https://www.open-std.org/.../p2300r10.html",
     "github_url": "https://github.com/cplusplus/papers/issues/...", "issues": [...]}

An issue of an issue list names its ``submitter`` rather than an ``author``. Ids are read in
any case. A bare ``P`` number (``p2300``) stands for the paper's latest revision, which the
index lists under its own id: it gives the paper, not a document of its own. ``link`` is
not kept, since it is always ``https://wg21.link/<id>``.

The file is loaded whole when small and streamed entry by entry when big
(``json_entries``). An entry that cannot be read (a value that is no object, a field of the
wrong type, a key that is no document id) is one problem at ``entry "<key>"``.
"""

from collections.abc import Iterator
from pathlib import Path

from core.protocols.ingest import SourceProblem
from core.sources.files import path_text
from core.sources.json_files import json_entries
from core.sources.text import clean_text
from trackers.wg21.records import WG21Seen
from trackers.wg21.sources.document_ids import parse_document_id
from trackers.wg21.sources.documents import Described, paper_of, records_of

_TEXTS = ("type", "title", "author", "submitter", "date", "subgroup", "long_link", "github_url")
_KEY_SHOWN = 60  # characters of a key a problem shows


class _WrongType(ValueError):
    pass


def read_wg21_index(path: Path, since: str | None = None) -> Iterator[WG21Seen | SourceProblem]:
    """Every document of the index at ``path``, with its paper; a problem for each entry that
    cannot be read. ``since`` is not used: the index is read whole."""
    where = path_text(path)
    for entry in json_entries(path):
        if isinstance(entry, SourceProblem):
            yield entry
            continue
        key, value = entry
        position = f"entry {clean_text(key)[:_KEY_SHOWN]!r}"
        document_id = parse_document_id(key)
        if document_id is None:
            yield SourceProblem(where, position, "not a WG21 document id")
            continue
        if not isinstance(value, dict):
            yield SourceProblem(where, position, f"not an object but {_kind(value)}")
            continue
        try:
            texts = {name: _text(value, name) for name in _TEXTS}
            issues = _issues(value.get("issues"))
        except _WrongType as error:
            yield SourceProblem(where, position, str(error))
            continue
        described = Described(
            id=document_id,
            title=texts["title"],
            author_text=texts["author"] or texts["submitter"],
            date_text=texts["date"],
            subgroup=texts["subgroup"],
            url=texts["long_link"],
            issues=issues,
            kind=texts["type"],
            github_url=texts["github_url"],
        )
        if document_id.series == "p" and document_id.revision is None:
            yield paper_of(described)
        else:
            yield from records_of(described, where, position)


def _text(entry: dict[str, object], name: str) -> str:
    value = entry.get(name)
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    raise _WrongType(f"{name} is {_kind(value)}, not a string")


def _issues(value: object) -> tuple[str, ...]:
    """The ``issues`` list: ids or links, given as strings or numbers."""
    if value is None:
        return ()
    if not isinstance(value, list):
        raise _WrongType(f"issues is {_kind(value)}, not a list")
    issues: list[str] = []
    for item in value:
        if isinstance(item, str) or (isinstance(item, int) and not isinstance(item, bool)):
            issues.append(str(item))
        else:
            raise _WrongType(f"issues holds {_kind(item)}, not a string or a number")
    return tuple(issues)


def _kind(value: object) -> str:
    if isinstance(value, dict):
        return "an object"
    if isinstance(value, list):
        return "an array"
    if isinstance(value, str):
        return "a string"
    if isinstance(value, bool) or value is None:
        return "true, false or null"
    return "a number"
