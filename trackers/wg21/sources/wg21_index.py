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
wrong type, a key that is no document id) is one problem at ``entry '<key>'``, the key
quoted and cut short as the toolkit shows a text; a field of the wrong type is told in the
toolkit's form, ``title should be a string, not a number``.
"""

from collections.abc import Iterator
from pathlib import Path

import attrs

from core.protocols.ingest import SourceProblem
from core.sources.fields import FieldError, Fields, shown
from core.sources.files import path_text
from core.sources.json_files import json_entries
from trackers.wg21.records import WG21Seen
from trackers.wg21.sources.document_ids import parse_document_id
from trackers.wg21.sources.documents import Described, paper_of, records_of

_TEXTS = ("type", "title", "author", "submitter", "date", "subgroup", "long_link", "github_url")


@attrs.frozen
class _Entry(Fields):
    """One entry of the index: the toolkit's reads, and its list of issues."""

    def ids(self, key: str) -> tuple[str, ...]:
        """An array of ids or links, each given as a string or an integer (``"cwg2345"``,
        ``4012``); () when not said."""
        found: list[str] = []
        for index, value in enumerate(self.array(key) or ()):
            # A bool is an int in Python, never a number in JSON.
            if not isinstance(value, str | int) or isinstance(value, bool):
                raise FieldError(
                    f"{self.name(key)}[{index}] should be a string or an integer,"
                    f" not {shown(value)}"
                )
            found.append(str(value))
        return tuple(found)


def read_wg21_index(path: Path, since: str | None = None) -> Iterator[WG21Seen | SourceProblem]:
    """Every document of the index at ``path``, with its paper; a problem for each entry that
    cannot be read. ``since`` is not used: the index is read whole."""
    where = path_text(path)
    for entry in json_entries(path):
        if isinstance(entry, SourceProblem):
            yield entry
            continue
        key, value = entry
        position = f"entry {shown(key)}"
        document_id = parse_document_id(key)
        if document_id is None:
            yield SourceProblem(where, position, "not a WG21 document id")
            continue
        if not isinstance(value, dict):
            yield SourceProblem(where, position, f"should be an object, not {shown(value)}")
            continue
        fields = _Entry(value)
        try:
            texts = {name: fields.text(name) for name in _TEXTS}
            issues = fields.ids("issues")
        except FieldError as error:
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
