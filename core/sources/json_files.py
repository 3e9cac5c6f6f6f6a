"""A saved JSON response as the items of its page: loaded whole when small, streamed when big.

A file up to ``LOAD_WHOLE_UP_TO`` bytes is loaded whole, and a fault in it is told by line and
column (``line 13 column 13``). A bigger one is streamed (``json_stream``): the items of its
page are parsed one at a time, those before a fault stand, and the fault is told by byte offset
(``byte N``, within 4 KiB). Either way the same items come out, in the same order.

JSON files are UTF-8, as RFC 8259 asks (a byte order mark is skipped); a file in UTF-16 or
UTF-32, as Windows PowerShell 5 saves redirected output, is one problem naming its encoding,
since the fix is to save it again.

Which list in a document holds the items is the tracker's to say: ``list_keys`` names the keys
of a top-level object that may hold it, in order of preference, for streaming; ``page`` turns a
whole document into its items, or into the reason it is not a page.
"""

import codecs
import json
import os
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import BinaryIO

from core.protocols.ingest import SourceProblem
from core.sources.fields import json_type
from core.sources.files import open_error, open_regular, path_text
from core.sources.json_stream import JsonStream, StreamError

# Files up to this size are loaded whole; bigger ones are streamed, one item at a time.
LOAD_WHOLE_UP_TO = 8 * 1024 * 1024

type Page = Callable[[object], Sequence[object] | str]
type Item = tuple[int, object]


def json_items(
    path: Path, *, list_keys: Sequence[str], page: Page
) -> Iterator[Item | SourceProblem]:
    """Each item of the page in the file at ``path``, with its index (from 0, as ``jq '.[N]'``
    counts), or one problem where the file stops being readable."""
    where = path_text(path)
    try:
        file = open_regular(path)
    except OSError as error:
        yield SourceProblem(where, "", open_error(error))
        return
    with file:
        try:
            if os.fstat(file.fileno()).st_size > LOAD_WHOLE_UP_TO:
                yield from _streamed(where, file, list_keys, page)
                return
            raw = file.read()
        except OSError as error:
            yield SourceProblem(where, "", f"cannot read: {error.strerror or error}")
            return
    yield from _loaded(where, raw, page)


def json_entries(path: Path) -> Iterator[tuple[str, object] | SourceProblem]:
    """Each key and value of the top-level object in the file at ``path`` (an index keyed by
    document id), loaded whole when small, streamed entry by entry when big; or one problem
    where the file stops being readable, or is no object."""
    where = path_text(path)
    try:
        file = open_regular(path)
    except OSError as error:
        yield SourceProblem(where, "", open_error(error))
        return
    with file:
        try:
            if os.fstat(file.fileno()).st_size > LOAD_WHOLE_UP_TO:
                yield from _streamed_entries(where, file)
                return
            raw = file.read()
        except OSError as error:
            yield SourceProblem(where, "", f"cannot read: {error.strerror or error}")
            return
    for entry in _loaded(where, raw, lambda document: [document]):
        if isinstance(entry, SourceProblem):
            yield entry
        elif isinstance(entry[1], dict):
            yield from entry[1].items()
        else:
            yield SourceProblem(where, "", f"not a JSON object but {json_type(entry[1])}")


def json_values(path: Path, keys: Sequence[str]) -> dict[str, object] | SourceProblem:
    """The values of ``keys`` in the top-level object of the file at ``path`` (an export's
    ``guild`` and ``channel`` beside its list of messages), those absent left out; streamed
    only until the last of them when the file is big, so the list after them is not built."""
    wanted = set(keys)
    found: dict[str, object] = {}
    for entry in json_entries(path) if wanted else ():
        if isinstance(entry, SourceProblem):
            return entry
        key, value = entry
        if key in wanted:
            found[key] = value
            if len(found) == len(wanted):
                break
    return found


def _streamed_entries(where: str, file: BinaryIO) -> Iterator[tuple[str, object] | SourceProblem]:
    encoding = _not_utf8(file.read(4))
    if encoding:
        yield SourceProblem(where, "byte 0", f"not UTF-8 text: {encoding}")
        return
    stream = JsonStream(file)
    try:
        if stream.list_prefix(()) == "item":
            yield SourceProblem(where, "", "not a JSON object but an array")
            return
        yield from stream.entries()
    except StreamError as error:
        yield SourceProblem(where, f"byte {error.offset}", f"not valid JSON: {error.reason}")


def _loaded(where: str, raw: bytes, page: Page) -> Iterator[Item | SourceProblem]:
    encoding = _not_utf8(raw[:4])
    if encoding:
        yield SourceProblem(where, "byte 0", f"not UTF-8 text: {encoding}")
        return
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        yield SourceProblem(where, f"byte {error.start}", f"not UTF-8 text: {error.reason}")
        return
    try:
        document: object = json.loads(text)
    except json.JSONDecodeError as error:
        yield SourceProblem(
            where, f"line {error.lineno} column {error.colno}", f"not valid JSON: {error.msg}"
        )
        return
    except RecursionError:
        yield SourceProblem(where, "", "not valid JSON that can be read: nested too deeply")
        return
    except ValueError as error:  # a number longer than Python's 4300-digit limit
        yield SourceProblem(where, "", f"not valid JSON that can be read: {error}")
        return
    yield from _page(where, document, page)


def _streamed(
    where: str, file: BinaryIO, list_keys: Sequence[str], page: Page
) -> Iterator[Item | SourceProblem]:
    encoding = _not_utf8(file.read(4))
    if encoding:
        yield SourceProblem(where, "byte 0", f"not UTF-8 text: {encoding}")
        return
    stream = JsonStream(file)
    try:
        prefix = stream.list_prefix(list_keys)
        if prefix:
            yield from enumerate(stream.values(prefix))
            return
        # No list under any of the keys: the whole value, which may still be a page.
        (document,) = stream.values(prefix)
    except StreamError as error:
        yield SourceProblem(where, f"byte {error.offset}", f"not valid JSON: {error.reason}")
        return
    yield from _page(where, document, page)


def _page(where: str, document: object, page: Page) -> Iterator[Item | SourceProblem]:
    items = page(document)
    if isinstance(items, str):
        yield SourceProblem(where, "", items)
        return
    yield from enumerate(items)


_BOMS = (
    (codecs.BOM_UTF32_LE, "UTF-32 (it starts with a UTF-32 byte order mark)"),
    (codecs.BOM_UTF32_BE, "UTF-32 (it starts with a UTF-32 byte order mark)"),
    (codecs.BOM_UTF16_LE, "UTF-16 (it starts with a UTF-16 byte order mark)"),
    (codecs.BOM_UTF16_BE, "UTF-16 (it starts with a UTF-16 byte order mark)"),
)


def _not_utf8(start: bytes) -> str:
    """The encoding of a file that starts with ``start`` when it is UTF-16 or UTF-32, else ""."""
    for bom, name in _BOMS:
        if start.startswith(bom):
            return name
    encoding = json.detect_encoding(start) if len(start) >= 4 else "utf-8"
    if encoding.startswith("utf-8"):
        return ""
    return f"{encoding.upper()} (it has the zero bytes of {encoding.upper()})"
