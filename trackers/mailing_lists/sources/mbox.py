"""mbox archives (RFC 4155, mboxrd or mboxo; Mailman 2 pipermail exports included), read as a
stream: one message in memory at a time, so multi-gigabyte archives read in constant memory.

Files compressed with gzip (pipermail serves ``2007-January.txt.gz``) are read as they are.
Positions in problems are byte offsets in the uncompressed stream.

What the values look like, for every message (see ``text``, ``senders``, ``message_ids``):
- text values hold no NUL characters (PostgreSQL rejects NUL in text) and no lone surrogates;
- subjects and names are on one line: folds undone, runs of white space made one space, ends
  stripped; Mailman's ``[list]`` prefixes are kept;
- bodies are the first text/plain part, with ``\\n`` line endings;
- a message without a Message-ID gets ``<sha1 of its Date, From, Subject and body>@
  trackerhub.invalid``, the same on every run;
- dates are UTC; a missing or unknown zone is read as UTC; an unreadable date is None.
"""

import gzip
import io
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from pathlib import Path

from core.protocols.ingest import SourceProblem
from core.sources.files import open_error, open_regular, path_text
from trackers.mailing_lists.records import MessageSeen
from trackers.mailing_lists.sources import list_names
from trackers.mailing_lists.sources.email_message import UnparseableMessage, read_message
from trackers.mailing_lists.sources.mbox_framing import MESSAGE_LIMIT, Frame, frames

_GZIP_MAGIC = b"\x1f\x8b"


@contextmanager
def _open(path: Path) -> Iterator[io.BufferedIOBase]:
    """The archive's bytes, decompressed when it is gzipped."""
    with open_regular(path) as raw:
        compressed = raw.read(2) == _GZIP_MAGIC
        raw.seek(0)
        if not compressed:
            yield raw
            return
        with gzip.GzipFile(fileobj=raw, mode="rb") as unzipped:
            yield unzipped


def _reason(error: BaseException) -> str:
    if isinstance(error, UnparseableMessage):
        return str(error)
    return f"{type(error).__name__}: {error}"


def read_mbox(
    path: Path, since: str | None = None, *, list_name: str | None = None
) -> Iterator[MessageSeen | SourceProblem]:
    """Every message in the mbox at ``path``, or a problem for each one that cannot be read.

    ``list_name`` names the list; without it, each message's List-Id does, else the file's stem.
    A file that cannot be opened, or is not an mbox, gives one problem with position "".
    ``since`` is not used: an archive is read whole.
    """
    where = path_text(path)
    fallback = list_names.from_path(path)
    with ExitStack() as stack:
        try:
            stream = stack.enter_context(_open(path))
        except OSError as error:
            yield SourceProblem(where, "", open_error(error))
            return
        for frame in frames(stream):
            if not isinstance(frame, Frame):
                yield SourceProblem(where, frame.position, frame.reason)
                return
            if frame.size:
                yield SourceProblem(
                    where,
                    frame.position,
                    f"{frame.size:,} bytes, more than the {MESSAGE_LIMIT:,} one message may hold:"
                    " only those are read",
                    skipped=False,
                )
            try:
                message = read_message(frame.data, list_name, fallback)
            # One broken message must not stop a whole archive; the problem says where it is.
            except Exception as error:
                yield SourceProblem(where, frame.position, _reason(error))
                continue
            yield message
