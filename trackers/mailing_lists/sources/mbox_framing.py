"""An mbox byte stream cut into messages, one at a time, in memory bounded by the largest one.

RFC 4155: each message starts with a ``From `` line at the start of the file or after a blank
line. Bodies cannot be trusted to have escaped their own ``From `` lines (Mailman 2 archives are
known not to), so after the first message a ``From `` line separates only when it also carries
the timestamp every mbox writer puts there: a time (``12:34``) and a four-digit year. That is
the test Mailman's own ``cleanarch`` applies, loosened for pipermail's ``From user at example.com
Mon Jan  1 00:00:00 2007`` and Gmail's ``+0000`` before the year. The first line of a file
needs no timestamp.

mboxrd quoting is undone: a line matching ``>+From `` loses one ``>``. (In an mboxo file that
also turns an original ``>From `` into ``From ``; nothing can tell the two apart.)

Lines are read in chunks of at most ``CHUNK`` bytes, so a file without line breaks costs no more
memory than one chunk beyond the message being built. (A ``From `` line longer than a chunk is
judged by its first chunk; no mbox writer makes one.)
"""

import io
import re
import zlib
from collections.abc import Iterator

import attrs

CHUNK = 1 << 16
# Bytes of one message that are read: far beyond any real mail's text; past them, a message's
# bytes (an attachment, most likely) are skipped, so memory stays bounded whatever the input.
MESSAGE_LIMIT = 16 << 20

_TIME = re.compile(rb"(?<!\d)\d{1,2}:\d\d(?!\d)")
_YEAR = re.compile(rb"(?<!\d)\d{4}(?!\d)")
_ESCAPED_FROM = re.compile(rb">+From ")
_BLANK = (b"\n", b"\r\n")


@attrs.frozen
class Frame:
    number: int  # 1-based, in file order.
    offset: int  # Byte offset of the message's "From " line (in the decompressed stream).
    data: bytes  # The message, unescaped, without its "From " line and the blank line after it.
    size: int = 0  # The message's size when more than MESSAGE_LIMIT bytes were left out.

    @property
    def position(self) -> str:
        return message_position(self.number, self.offset)


@attrs.frozen
class Unreadable:
    """The stream stops here: not an mbox, or the bytes could not be read."""

    position: str
    reason: str


def message_position(number: int, offset: int) -> str:
    return f"message {number} (byte {offset})"


def _is_separator(line: bytes) -> bool:
    return bool(_TIME.search(line) and _YEAR.search(line))


def _read(stream: io.BufferedIOBase) -> Iterator[bytes]:
    while chunk := stream.readline(CHUNK):
        yield chunk


def frames(stream: io.BufferedIOBase) -> Iterator[Frame | Unreadable]:
    """The messages in ``stream``, then an ``Unreadable`` if the stream ends in error."""
    number = 0
    offset = 0  # Of the next chunk.
    message_offset = 0
    lines: list[bytes] | None = None  # The message being built; None before the first one.
    kept = 0  # Bytes of the message in lines.
    size = 0  # Bytes of the message read.
    at_line_start = True
    after_blank = True
    skipping_from_line = False
    chunks = _read(stream)
    while True:
        try:
            chunk = next(chunks, b"")
        except (OSError, EOFError, zlib.error) as error:  # Unreadable disk, truncated gzip.
            where = f"byte {offset}" if lines is None else message_position(number, message_offset)
            yield Unreadable(where, f"cannot read further: {error}")
            return
        if not chunk:
            break
        line_start, at_line_start = at_line_start, chunk.endswith(b"\n")
        blank = line_start and chunk in _BLANK
        starts_message = line_start and after_blank and chunk.startswith(b"From ")
        if starts_message and (lines is None or _is_separator(chunk)):
            if lines is not None:
                if lines and lines[-1] in _BLANK:
                    lines.pop()  # The blank line before a separator belongs to it.
                yield _frame(number, message_offset, lines, size, kept)
            number += 1
            message_offset = offset
            lines = []
            kept = size = 0
            skipping_from_line = not at_line_start
            offset += len(chunk)
            after_blank = False
            continue
        offset += len(chunk)
        if lines is None:
            if chunk.strip():
                yield Unreadable("", "not an mbox: its first line that is not blank is no 'From '")
                return
            continue
        if skipping_from_line:
            skipping_from_line = not at_line_start
            continue
        if line_start and chunk[:1] == b">" and _ESCAPED_FROM.match(chunk):
            chunk = chunk[1:]
        size += len(chunk)
        if kept + len(chunk) <= MESSAGE_LIMIT:
            lines.append(chunk)
            kept += len(chunk)
        after_blank = blank
    if lines is not None:
        if lines and lines[-1] in _BLANK:
            lines.pop()
        yield _frame(number, message_offset, lines, size, kept)


def _frame(number: int, offset: int, lines: list[bytes], size: int, kept: int) -> Frame:
    return Frame(number, offset, b"".join(lines), size if size > kept else 0)
