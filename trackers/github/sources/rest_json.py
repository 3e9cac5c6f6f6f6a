"""Saved GitHub REST API v3 responses: one JSON file per response, read one file at a time.

A file holds one page (an array of at most 100 items), one object, or a page wrapped with
the headers it was recorded with (``{"headers": {...}, "body": [...]}``, ``{"data": [...]}``,
or search results' ``{"total_count": ..., "items": [...]}``). Each item's record type is told
by its shape (rest_shapes), so a folder may mix endpoints and files may be named anything.

Problems never stop the stream: a file that cannot be read yields one SourceProblem, an item
that cannot be read yields one for that item (``item N`` counts from 0, as ``jq '.[N]'`` does),
and reading goes on.

Small files are loaded whole and big ones streamed, by the toolkit's ``json_items``.
"""

from collections.abc import Iterator, Sequence
from pathlib import Path

from core.protocols.ingest import SourceProblem
from core.sources.fields import FieldError, Fields, json_type
from core.sources.files import path_text
from core.sources.json_files import json_items
from core.sources.text import clean_text
from trackers.github.records import GitHubSeen, Repository, repository_key
from trackers.github.sources.rest_records import build
from trackers.github.sources.rest_shapes import is_error_response, recognise

# Where recorders and search results put the list of items when they wrap a page.
_PAGE_KEYS = ("body", "data", "items")
_KEYS_SHOWN = 12


def read_rest_json(path: Path, since: str | None = None) -> Iterator[GitHubSeen | SourceProblem]:
    """Every seen item in the saved response at ``path``, in order.

    A repository is yielded the first time the file mentions it, before the file's records in
    it. ``since`` is not used: a saved response is read whole.
    """
    where = path_text(path)
    mentioned: set[str] = set()
    for entry in json_items(path, list_keys=_PAGE_KEYS, page=_page_items):
        if isinstance(entry, SourceProblem):
            yield entry
        else:
            yield from _read_item(where, *entry, mentioned)


def _page_items(document: object) -> Sequence[object] | str:
    """The items of a page, wrapped or not; a single object is a page of one."""
    if isinstance(document, list):
        return document
    if not isinstance(document, dict):
        return f"not a GitHub response: the top-level value is {json_type(document)}"
    for key in _PAGE_KEYS:
        if isinstance(document.get(key), list):
            return list(document[key])
    # A single-object response recorded with its headers: {"headers": ..., "body": {...}}.
    if isinstance(document.get("headers"), dict):
        for key in ("body", "data"):
            if isinstance(document.get(key), dict):
                return [document[key]]
    return [document]


def _read_item(
    where: str, index: int, item: object, mentioned: set[str]
) -> Iterator[GitHubSeen | SourceProblem]:
    position = f"item {index}"
    if not isinstance(item, dict):
        yield SourceProblem(where, position, f"not a JSON object but {json_type(item)}")
        return
    shape = recognise(item)
    if shape is None:
        yield SourceProblem(where, position, _unrecognised(item))
        return
    try:
        built = build(shape, Fields(item))
    except FieldError as error:
        yield SourceProblem(where, position, f"{shape}: {error}")
        return
    if built.repository is not None:
        key = repository_key(built.repository.full_name)
        if key not in mentioned:
            mentioned.add(key)
            yield built.repository
    if isinstance(built.record, Repository):
        mentioned.add(repository_key(built.record.full_name))
    yield built.record
    yield from built.also


def _unrecognised(item: dict[str, object]) -> str:
    if is_error_response(item):
        message = item.get("message")
        text = clean_text(message) if isinstance(message, str) else json_type(message)
        return f"a GitHub error response, not a record: {text[:200]}"
    keys = sorted(clean_text(key) for key in item)
    shown = ", ".join(keys[:_KEYS_SHOWN]) + (", ..." if len(keys) > _KEYS_SHOWN else "")
    return f"not a recognised GitHub record: keys {shown or '(none)'}"
