"""Saved GitHub REST API v3 responses: one JSON file per response, read one file at a time.

A file holds one page (an array of at most 100 items), one object, or a page wrapped with
the headers it was recorded with (``{"headers": {...}, "body": [...]}``, ``{"data": [...]}``,
or search results' ``{"total_count": ..., "items": [...]}``). Each item's record type is told
by its shape (rest_shapes), so a folder may mix endpoints and files may be named anything.

Problems never stop the stream: a file that cannot be read yields one SourceProblem, an item
that cannot be read yields one for that item (``item N`` counts from 0, as ``jq '.[N]'`` does),
and reading goes on.

A file up to LOAD_WHOLE_UP_TO bytes is loaded whole, and a fault in it is told by line and
column. A bigger one is streamed (json_stream): its page's items are read one at a time, those
before a fault stand, and the fault is told by byte offset (``byte N``, within 4 KiB).
"""

import json
import os
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import BinaryIO

from core.protocols.ingest import SourceProblem
from trackers.github.records import GitHubSeen, RepositorySeen, repository_key
from trackers.github.sources.json_stream import JsonStream, StreamError
from trackers.github.sources.rest_records import build
from trackers.github.sources.rest_shapes import is_error_response, recognise
from trackers.github.sources.rest_values import FieldError, Fields, clean_text, type_name

# Where recorders and search results put the list of items when they wrap a page.
_PAGE_KEYS = ("body", "data", "items")
_KEYS_SHOWN = 12
_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")
_UTF16 = "not UTF-8 text: UTF-16 (it starts with a UTF-16 byte order mark)"
# Files up to this size are loaded whole; bigger ones are streamed, one item at a time.
LOAD_WHOLE_UP_TO = 8 * 1024 * 1024


def read_rest_json(paths: Sequence[Path]) -> Iterator[GitHubSeen | SourceProblem]:
    """Every seen item in the given files and folders (``*.json`` files, recursively, sorted).

    A repository is yielded the first time a file mentions it, before the file's records in
    it. Only one file is held in memory at a time.
    """
    for path in paths:
        for file in _json_files(path):
            if isinstance(file, SourceProblem):
                yield file
            else:
                yield from _read_file(file)


def _json_files(path: Path) -> Iterator[Path | SourceProblem]:
    if path.is_dir():
        found = (p for p in path.rglob("*") if p.suffix.lower() == ".json" and p.is_file())
        yield from sorted(found)
    elif path.exists():
        # A file named on purpose is read whatever its extension.
        yield path
    else:
        yield SourceProblem(str(path), "", "no such file or folder")


def _read_file(path: Path) -> Iterator[GitHubSeen | SourceProblem]:
    where = str(path)
    try:
        with path.open("rb") as file:
            if os.fstat(file.fileno()).st_size > LOAD_WHOLE_UP_TO:
                yield from _stream_file(where, file)
                return
            raw = file.read()
    except OSError as error:
        yield SourceProblem(where, "", f"cannot read the file: {error.strerror or error}")
        return
    try:
        # utf-8-sig: files saved by Windows tools often start with a byte order mark.
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        yield SourceProblem(where, f"byte {error.start}", _not_utf8(raw, error))
        return
    try:
        document: object = json.loads(text)
    except json.JSONDecodeError as error:
        yield SourceProblem(
            where, f"line {error.lineno} column {error.colno}", f"not valid JSON: {error.msg}"
        )
        return
    except (ValueError, RecursionError) as error:
        # Numbers longer than Python's 4300-digit limit, or arrays nested past the stack.
        yield SourceProblem(where, "", f"JSON that cannot be read: {error}")
        return
    yield from _read_document(where, document)


def _stream_file(where: str, file: BinaryIO) -> Iterator[GitHubSeen | SourceProblem]:
    """The items of a file too big to load whole, read one at a time as the page is parsed."""
    if file.read(2) in _UTF16_BOMS:
        yield SourceProblem(where, "byte 0", _UTF16)
        return
    stream = JsonStream(file)
    try:
        prefix = stream.list_prefix(_PAGE_KEYS)
        if prefix:
            yield from _read_items(where, stream.values(prefix))
            return
        # No page in it: the whole value, an object (the record itself) or worse.
        (document,) = stream.values(prefix)
    except StreamError as error:
        yield SourceProblem(where, f"byte {error.offset}", f"not valid JSON: {error.reason}")
        return
    yield from _read_document(where, document)


def _read_document(where: str, document: object) -> Iterator[GitHubSeen | SourceProblem]:
    items = _page_items(document)
    if items is None:
        yield SourceProblem(
            where, "", f"not a GitHub response: the top-level value is {type_name(document)}"
        )
        return
    yield from _read_items(where, items)


def _page_items(document: object) -> list[object] | None:
    """The items of a page, wrapped or not; a single object is a page of one."""
    if isinstance(document, list):
        return document
    if not isinstance(document, dict):
        return None
    for key in _PAGE_KEYS:
        if isinstance(document.get(key), list):
            return list(document[key])
    # A single-object response recorded with its headers: {"headers": ..., "body": {...}}.
    if isinstance(document.get("headers"), dict):
        for key in ("body", "data"):
            if isinstance(document.get(key), dict):
                return [document[key]]
    return [document]


def _read_items(where: str, items: Iterable[object]) -> Iterator[GitHubSeen | SourceProblem]:
    mentioned: set[str] = set()
    for index, item in enumerate(items):
        position = f"item {index}"
        if not isinstance(item, dict):
            yield SourceProblem(where, position, f"not a JSON object but {type_name(item)}")
            continue
        shape = recognise(item)
        if shape is None:
            yield SourceProblem(where, position, _unrecognised(item))
            continue
        try:
            built = build(shape, Fields(item))
        except FieldError as error:
            yield SourceProblem(where, position, f"{shape}: {error}")
            continue
        if built.repository is not None:
            key = repository_key(built.repository.full_name)
            if key not in mentioned:
                mentioned.add(key)
                yield built.repository
        if isinstance(built.record, RepositorySeen):
            mentioned.add(repository_key(built.record.full_name))
        yield built.record


def _unrecognised(item: dict[str, object]) -> str:
    if is_error_response(item):
        message = item.get("message")
        text = clean_text(message) if isinstance(message, str) else type_name(message)
        return f"a GitHub error response, not a record: {text[:200]}"
    keys = sorted(clean_text(key) for key in item)
    shown = ", ".join(keys[:_KEYS_SHOWN]) + (", ..." if len(keys) > _KEYS_SHOWN else "")
    return f"not a recognised GitHub record: keys {shown or '(none)'}"


def _not_utf8(raw: bytes, error: UnicodeDecodeError) -> str:
    # Windows PowerShell 5 saves redirected output as UTF-16: say so, since the fix is a re-save.
    if raw.startswith(_UTF16_BOMS):
        return _UTF16
    return f"not UTF-8 text: {error.reason}"
