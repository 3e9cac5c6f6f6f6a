"""Zip archives read in place: each member streamed out of the archive, nothing extracted.

An archive is a file someone else made, so it is checked whole before a byte of it is read,
and refused (``ArchiveError``, with the reason) when it could do harm or never end:

- a member whose name would land outside the archive's folder once extracted (``../x``,
  ``/etc/x``, ``C:\\x``, with ``/`` or ``\\`` as separator, as Windows tools write them);
- a member that is a symbolic link, or any other kind of file but a regular one or a folder;
- more members than ``max_members``, or declared sizes adding up to more than
  ``max_expanded`` bytes, or a member that expands more than ``max_ratio`` times (a zip bomb);
- members whose data overlap, the trick that lets a small archive declare petabytes.

What is read out of a member can never pass its declared size: ``zipfile`` stops a member at
the size the archive declares and then checks its CRC, so data that expands past it is read as
a corrupt member, an ``ArchiveError`` raised by the member's stream. Every other fault met
while reading (truncated data, an unsupported compression, a password) is one too.

Standard library only: ``zipfile`` and its decompressors.
"""

import io
import lzma
import re
import stat
import struct
import zipfile
import zlib
from itertools import pairwise
from pathlib import Path
from types import TracebackType
from typing import IO, Any, BinaryIO, Self

from core.sources.files import open_regular

# What an archive may expand to in all: far beyond any community's export, far below a bomb.
MAX_EXPANDED = 16 * 1024**3
MAX_MEMBERS = 1_000_000
# JSON compresses some ten times; a member that expands hundreds of times is no document.
MAX_RATIO = 200
# Members this small are never bombs, whatever their ratio (a file of spaces).
_RATIO_FROM = 1024 * 1024
# The fixed part of a member's local header: its data starts at least this far after it.
_LOCAL_HEADER = 30
_DRIVE = re.compile(r"[A-Za-z]:")
# What a member's decompressor or zipfile raises on data it cannot read.
_READ_ERRORS = (
    zipfile.BadZipFile,
    zlib.error,
    lzma.LZMAError,
    EOFError,
    NotImplementedError,
    RuntimeError,
    ValueError,
    struct.error,
    OSError,  # bz2's "Invalid data stream", or the archive's own file failing
)


class ArchiveError(Exception):
    """An archive refused whole, or a member that cannot be read; ``reason`` says why, in a
    few words fit for one line of a report."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


class NotAZip(ArchiveError):
    """The file is no zip archive, or one too damaged to list."""


class Member:
    """A regular file in an archive: its name (``/``-separated, as it would be extracted) and
    its declared size."""

    def __init__(self, info: zipfile.ZipInfo, name: str) -> None:
        self.info = info
        self.name = name
        self.size = info.file_size

    def __repr__(self) -> str:
        return f"Member({self.name!r}, {self.size})"


class ZipArchive:
    """An open archive whose members passed the checks; a context manager that closes it."""

    def __init__(self, file: BinaryIO, archive: zipfile.ZipFile, members: list[Member]) -> None:
        self._file = file
        self._archive = archive
        self.members = tuple(members)

    def open(self, member: Member) -> BinaryIO:
        """The member's content, a seekable binary stream; reading it raises ArchiveError
        where its data cannot be read."""
        try:
            inner = self._archive.open(member.info)
        except _READ_ERRORS as error:
            raise ArchiveError(_read_reason(error)) from None
        return io.BufferedReader(_Guarded(inner))

    def close(self) -> None:
        self._archive.close()
        self._file.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()


def open_zip(
    path: Path,
    *,
    max_expanded: int = MAX_EXPANDED,
    max_members: int = MAX_MEMBERS,
    max_ratio: int = MAX_RATIO,
) -> ZipArchive:
    """The archive at ``path``, checked; OSError when the file cannot be opened (or is no
    regular file), NotAZip when it is no zip archive, ArchiveError when it is refused."""
    file = open_regular(path)
    try:
        try:
            archive = zipfile.ZipFile(file)
        except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, ValueError, struct.error) as e:
            raise NotAZip(f"not a zip archive ({_first_line(e)})") from None
        try:
            members = _checked(archive.infolist(), max_expanded, max_members, max_ratio)
        except ArchiveError:
            archive.close()
            raise
    except BaseException:
        file.close()
        raise
    return ZipArchive(file, archive, members)


def _checked(
    infos: list[zipfile.ZipInfo], max_expanded: int, max_members: int, max_ratio: int
) -> list[Member]:
    if len(infos) > max_members:
        raise ArchiveError(
            f"refused: {len(infos):,} members, more than the {max_members:,} an archive may hold"
        )
    members: list[Member] = []
    for info in infos:
        name = safe_name(info.filename)
        mode = info.external_attr >> 16
        if stat.S_ISLNK(mode):
            raise ArchiveError(f"refused: member {name!r} is a symbolic link")
        if info.is_dir():
            continue
        if mode and stat.S_IFMT(mode) and not stat.S_ISREG(mode):
            raise ArchiveError(f"refused: member {name!r} is not a regular file")
        if info.file_size > _RATIO_FROM and info.file_size > max_ratio * max(info.compress_size, 1):
            raise ArchiveError(
                f"refused: member {name!r} expands {info.file_size // max(info.compress_size, 1):,}"
                f" times, more than the {max_ratio} a document does: a zip bomb"
            )
        members.append(Member(info, name))
    declared = sum(info.file_size for info in infos)
    if declared > max_expanded:
        raise ArchiveError(
            f"refused: its members declare {declared:,} bytes expanded, more than the"
            f" {max_expanded:,} allowed"
        )
    _no_overlaps(infos)
    return members


def safe_name(filename: str) -> str:
    """A member's name with ``/`` as separator, or ArchiveError when extracting it would
    write outside the archive's folder."""
    name = filename.replace("\\", "/")
    parts = name.split("/")
    if name.startswith("/") or _DRIVE.match(name) or ".." in parts:
        raise ArchiveError(f"refused: member {filename!r} would land outside its folder")
    return "/".join(part for part in parts if part not in ("", "."))


def _no_overlaps(infos: list[zipfile.ZipInfo]) -> None:
    """Each member's data ends before the next member's header starts."""
    spans = sorted((info.header_offset, info.compress_size, info.filename) for info in infos)
    for (start, size, name), (following, _, other) in pairwise(spans):
        if following < start + _LOCAL_HEADER + size:
            raise ArchiveError(
                f"refused: members {name!r} and {other!r} overlap in the archive: a zip bomb"
            )


class _Guarded(io.RawIOBase):
    """A member's stream whose read faults are ArchiveErrors."""

    def __init__(self, inner: IO[bytes]) -> None:
        self._inner = inner

    def readable(self) -> bool:
        return True

    def seekable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        view = memoryview(buffer).cast("B")
        try:
            data = self._inner.read(len(view))
        except _READ_ERRORS as error:
            raise ArchiveError(_read_reason(error)) from None
        view[: len(data)] = data
        return len(data)

    def seek(self, offset: int, whence: int = io.SEEK_SET) -> int:
        try:
            return self._inner.seek(offset, whence)
        except _READ_ERRORS as error:
            raise ArchiveError(_read_reason(error)) from None

    def tell(self) -> int:
        return self._inner.tell()

    def close(self) -> None:
        self._inner.close()
        super().close()


def _read_reason(error: BaseException) -> str:
    text = _first_line(error)
    if isinstance(error, RuntimeError) and "encrypted" in text:
        return "encrypted: it cannot be read without its password"
    if isinstance(error, NotImplementedError):
        return f"cannot be read: {text or 'its compression method is not supported'}"
    if isinstance(error, zipfile.BadZipFile) and "CRC" in text:
        return "corrupt: its data does not match its declared size and CRC"
    if isinstance(error, EOFError):
        return "corrupt: its data ends early"
    return f"cannot be read: {text or type(error).__name__}"


def _first_line(error: BaseException) -> str:
    return str(error).strip().split("\n", 1)[0]
