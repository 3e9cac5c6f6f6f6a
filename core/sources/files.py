"""Finding the files a source reads, naming them in messages, and telling whether one changed.

Only regular files are read: a FIFO would block for ever and ``/dev/zero`` never ends, so any
other kind of file is a problem, named directly or met in a folder. In a folder, every entry
with one of the source's suffixes is read or reported: a broken link, a FIFO, a folder that
cannot be listed and a link that loops back are problems, never skipped in silence. Symbolic
links to folders are followed, each real folder once.

File names are bytes to the operating system and need not be UTF-8; ``path_text`` escapes the
bytes that are not, so a name can always be printed and stored.
"""

import errno
import functools
import hashlib
import io
import os
import stat
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Concatenate

from core.protocols.ingest import SourceProblem

_KINDS = {
    stat.S_IFIFO: "a FIFO (named pipe)",
    stat.S_IFCHR: "a character device",
    stat.S_IFBLK: "a block device",
    stat.S_IFSOCK: "a socket",
    stat.S_IFDIR: "a folder",
}


def path_text(path: str | os.PathLike[str]) -> str:
    """``path`` as printable text: bytes that are not UTF-8 become ``\\xNN`` escapes."""
    return os.fsencode(path).decode("utf-8", "backslashreplace")


def files_under(paths: Sequence[Path], suffixes: tuple[str, ...]) -> Iterator[Path | SourceProblem]:
    """Each path that is a regular file, whatever its name, and under each folder every file
    whose name ends with one of ``suffixes`` (in any case), sorted; a problem for each path
    that cannot be read."""
    wanted = tuple(suffix.lower() for suffix in suffixes)
    for path in paths:
        try:
            status = path.stat()
        except OSError as error:
            yield SourceProblem(path_text(path), "", _missing(path, error))
            continue
        if stat.S_ISDIR(status.st_mode):
            top = (status.st_dev, status.st_ino)
            yield from _walk(path, wanted, {top}, (top,))
        elif stat.S_ISREG(status.st_mode):
            yield path
        else:
            yield SourceProblem(path_text(path), "", not_a_regular_file(status.st_mode))


def folder_reader[**P, T](
    read: Callable[Concatenate[Path, P], Iterator[T]],
) -> Callable[Concatenate[Path, P], Iterator[T | SourceProblem]]:
    """A reader that needs its path as a folder (a repository, a project's tree): a path that
    is missing or is not a folder yields its one problem, and ``read`` is not called."""

    def reader(path: Path, /, *args: P.args, **kwargs: P.kwargs) -> Iterator[T | SourceProblem]:
        if not os.path.isdir(path):
            reason = "not a folder" if os.path.lexists(path) else "no such folder"
            yield SourceProblem(path_text(path), "", reason)
            return
        yield from read(path, *args, **kwargs)

    functools.update_wrapper(reader, read)
    return reader


def not_a_regular_file(mode: int) -> str:
    return f"not a regular file but {_KINDS.get(stat.S_IFMT(mode), 'a special file')}"


def _missing(path: Path, error: OSError) -> str:
    if isinstance(error, FileNotFoundError):
        return "a broken symbolic link" if path.is_symlink() else "no such file or folder"
    if error.errno == errno.ELOOP:
        return "a symbolic link that loops back on itself"
    return f"cannot read: {error.strerror or error}"


def _walk(
    folder: Path,
    suffixes: tuple[str, ...],
    seen: set[tuple[int, int]],
    ancestors: tuple[tuple[int, int], ...],
) -> Iterator[Path | SourceProblem]:
    """The files under ``folder``; ``seen`` the folders read so far, ``ancestors`` those it is
    in. A link to a folder it is in is a loop, reported; a link to a folder read already by
    another name (``tk -> tcl8.6``) is an alias whose files were read once, left out."""
    try:
        with os.scandir(folder) as scan:
            entries = sorted(scan, key=lambda entry: os.fsencode(entry.name))
    except OSError as error:
        yield SourceProblem(
            path_text(folder), "", f"cannot list the folder: {error.strerror or error}"
        )
        return
    for entry in entries:
        path = Path(entry.path)
        try:
            status = entry.stat()  # follows links
        except OSError as error:
            if entry.name.lower().endswith(suffixes) or entry.is_symlink():
                yield SourceProblem(path_text(path), "", _missing(path, error))
            continue
        if stat.S_ISDIR(status.st_mode):
            identity = (status.st_dev, status.st_ino)
            if identity in ancestors:
                yield SourceProblem(
                    path_text(path), "", "a symbolic link to a folder it is in: a loop"
                )
                continue
            if identity in seen:
                continue
            seen.add(identity)
            yield from _walk(path, suffixes, seen, (*ancestors, identity))
        elif not entry.name.lower().endswith(suffixes):
            continue
        elif stat.S_ISREG(status.st_mode):
            yield path
        else:
            yield SourceProblem(path_text(path), "", not_a_regular_file(status.st_mode))


class NotARegularFile(OSError):
    """The path names a FIFO, a device, a socket or a folder: nothing a reader should open."""


def open_regular(path: Path) -> io.BufferedReader:
    """``path`` opened for reading in binary, if it is a regular file; else NotARegularFile.

    The file is opened without blocking, so that a FIFO nobody writes to is refused at once
    rather than waited on for ever."""
    descriptor = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_BINARY", 0))
    try:
        mode = os.fstat(descriptor).st_mode
        if not stat.S_ISREG(mode):
            raise NotARegularFile(errno.EINVAL, not_a_regular_file(mode))
        os.set_blocking(descriptor, True)
        return open(descriptor, "rb")
    except BaseException:
        os.close(descriptor)
        raise


def file_fingerprint(path: Path) -> str:
    """What tells a file read before from a changed one: its size, its modification time and a
    hash of its content. Raises OSError when the file cannot be read."""
    with open_regular(path) as file:
        status = os.fstat(file.fileno())
        digest = hashlib.file_digest(file, "sha256").hexdigest()
    return f"size {status.st_size}, modified {status.st_mtime_ns}, sha256 {digest}"


def open_error(error: OSError) -> str:
    """Why a file could not be opened, in a few words."""
    return f"cannot open: {error.strerror or error}"
