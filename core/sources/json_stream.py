"""The values of a JSON file too big to load whole, streamed with ijson (its C backend, yajl2_c,
where it is built): one list item is in memory at a time, never the whole list.

It is the toolkit's one streaming JSON parser; ``json_files`` decides when a file is streamed.

Where yajl reads differently from ``json.load``, and what is done about it:

- A lone surrogate escape (``"\\ud800"``, which ``json.dump`` writes for a lone surrogate) comes
  out of yajl as ``?``, or as bytes that are not UTF-8, which stop the stream. The readers turn
  lone surrogates into U+FFFD anyway, so such escapes are rewritten to ``\\ufffd`` before
  parsing; the rewrite keeps the length, so byte offsets hold.
- ijson keeps the dotted path of every open array and object, which grows with the square of
  the depth (20,000 nested ``[`` take a gigabyte). Depth and path length are capped, as
  ``json.load`` has its recursion limit: the parser's events pass a check on their way to
  ijson's item builder, and it is fed 4 KiB at a time so one read cannot run far past the cap.
  The check costs time (some 60 MB/s parsed, against some 170 MB/s unchecked): memory first.
- Numbers are ints and floats as with ``json.load``, but an integer beyond 64 bits or a float
  beyond a double's range is an error, and so are ``NaN`` and ``Infinity``.
- An error's offset is how far the parser had been given the file: the fault lies in the 4 KiB
  before it, or at it for a file that stops short. Only the first error is seen.
- ijson names values by dotted paths, so a top-level key with a dot in it, or an empty one,
  could alias a list's items; no API writes such keys.
"""

import re
from collections.abc import Iterator, Sequence
from typing import BinaryIO

import ijson

MAX_DEPTH = 1000
# Characters in ijson's dotted path to an open array or object: the keys on the way to it.
MAX_PATH = 10_000
_CHUNK = 4 * 1024  # given to the parser at a time
_BLOCK = 64 * 1024  # read from the file at a time
_BOM = b"\xef\xbb\xbf"
_LOOKAHEAD = 12  # a surrogate pair escape, "\ud83d\ude00"
# A \u escape of a surrogate, or "\u" after an escaped backslash: the run of backslashes before
# it tells which. A high one followed by a low one is a pair, which is kept.
_SURROGATE = re.compile(rb"\\u[dD][89a-fA-F][0-9a-fA-F]{2}")
_PAIR = re.compile(rb"\\u[dD][89abAB][0-9a-fA-F]{2}\\u[dD][c-fC-F][0-9a-fA-F]{2}")
_OPEN = ("start_map", "start_array")
_CLOSE = ("end_map", "end_array")
_TOO_DEEP = f"nested deeper than {MAX_DEPTH} levels or {MAX_PATH} characters of keys"


class StreamError(Exception):
    """The file stops being JSON that can be read, at or before byte ``offset``."""

    def __init__(self, offset: int, reason: str) -> None:
        super().__init__(f"byte {offset}: {reason}")
        self.offset = offset
        self.reason = reason


class JsonStream:
    """One UTF-8 JSON file (a byte order mark is skipped), read as many times as asked."""

    def __init__(self, file: BinaryIO) -> None:
        self._file = file
        file.seek(0)
        self._start = len(_BOM) if file.read(len(_BOM)) == _BOM else 0

    def list_prefix(self, list_keys: Sequence[str]) -> str:
        """What to stream, as an ijson path: ``item`` for a top-level array; ``KEY.item`` for
        the first of ``list_keys`` (in that order of preference) whose value in a top-level
        object is an array; else ``""``, the whole top-level value.

        An object is read until its most preferred key or its end; a fault ends the look,
        and ``values`` reports it.
        """
        best = len(list_keys)
        depth = 0
        key: object = None  # the top-level key whose value starts with the next event
        try:
            for _, event, value in self._events():
                if key is not None and event == "start_array":
                    best = min(best, list_keys.index(str(key)))
                key = None
                if event == "map_key" and depth == 1 and value in list_keys:
                    key = value
                elif event in _OPEN:
                    if depth == 0 and event == "start_array":
                        return "item"
                    depth += 1
                elif event in _CLOSE:
                    depth -= 1
                if best == 0 or depth == 0:
                    break
        except StreamError:
            pass
        return f"{list_keys[best]}.item" if best < len(list_keys) else ""

    def values(self, prefix: str) -> Iterator[object]:
        """Each value at the ijson path ``prefix``, built as the parser reaches its end; where
        the file stops being readable JSON, a StreamError after the values before it."""
        yield from ijson.items(self._events(), prefix)

    def entries(self) -> Iterator[tuple[str, object]]:
        """Each key and value of the top-level object, the value built as the parser reaches
        its end; a StreamError where the file stops being readable JSON."""
        yield from ijson.kvitems(self._events(), "")

    def _events(self) -> Iterator[tuple[str, str, object]]:
        reader = _Reader(self._file, self._start)
        depth = 0
        try:
            for event in ijson.parse(reader, buf_size=_CHUNK, use_float=True):
                if event[1] in _OPEN:
                    depth += 1
                    if depth > MAX_DEPTH or len(event[0]) > MAX_PATH:
                        raise StreamError(reader.offset, _at_chunk(_TOO_DEEP))
                elif event[1] in _CLOSE:
                    depth -= 1
                yield event
        except (ijson.JSONError, UnicodeDecodeError) as error:
            raise StreamError(reader.offset, _reason(error)) from None


class _Reader:
    """The file from ``start``, at most _CHUNK bytes a read, lone surrogate escapes rewritten.
    ``offset`` is the file offset up to which the parser has been given the file."""

    def __init__(self, file: BinaryIO, start: int) -> None:
        file.seek(start)
        self._file = file
        self.offset = start
        self._ready = b""  # rewritten, not yet given
        self._at = 0
        self._tail = b""  # read, not yet rewritten: what follows may change how it reads
        self._odd = False  # the bytes rewritten so far end in an odd run of backslashes
        self._done = False

    def read(self, size: int = -1) -> bytes:
        if size == 0:
            return b""
        while self._at == len(self._ready) and not self._done:
            self._refill()
        given = self._ready[self._at : self._at + min(size if size > 0 else _CHUNK, _CHUNK)]
        self._at += len(given)
        self.offset += len(given)
        return given

    def _refill(self) -> None:
        block = self._file.read(_BLOCK)
        self._done = not block
        # A backslash standing for the odd run of them before the tail, so that it is counted.
        carried = b"\\" if self._odd else b""
        text = carried + self._tail + block
        limit = len(text) if self._done else len(text) - _LOOKAHEAD
        cut = max(limit, len(carried))
        pieces: list[bytes] = []
        done = 0  # text before it is in pieces
        kept = 0  # where the last escape handled ends
        for match in _SURROGATE.finditer(text):
            at = match.start()
            if at >= limit:
                break
            if at < kept or _backslashes_before(text, at) % 2:
                continue  # the low half of a pair, or "\\" then "ud800": not an escape
            if _PAIR.match(text, at):
                kept = at + _LOOKAHEAD
            else:
                pieces += (text[done:at], b"\\ufffd")
                done = kept = at + len(match[0])
            cut = max(cut, kept)
        pieces.append(text[done:cut])
        self._odd = _backslashes_before(text, cut) % 2 == 1
        self._ready, self._at = b"".join(pieces)[len(carried) :], 0
        self._tail = text[cut:]


def _backslashes_before(text: bytes, at: int) -> int:
    start = at
    while start > 0 and text[start - 1] == 0x5C:
        start -= 1
    return at - start


def _at_chunk(reason: str) -> str:
    return f"{reason} (in the {_CHUNK // 1024} KiB before this byte)"


def _reason(error: Exception) -> str:
    if isinstance(error, UnicodeDecodeError):
        return _at_chunk(f"not UTF-8 text: {error.reason}")
    message = error.args[0] if error.args else ""
    if isinstance(message, bytes):
        message = message.decode("utf-8", "replace")
    # yajl's message: "parse error: premature EOF\n" and a picture of where it stopped.
    reason = str(message).split("\n", 1)[0].strip().rstrip(".")
    reason = reason.removeprefix("parse error: ").removeprefix("lexical error: ")
    if reason == "premature EOF":
        return "the file ends before the JSON does"
    return _at_chunk(reason or type(error).__name__)
