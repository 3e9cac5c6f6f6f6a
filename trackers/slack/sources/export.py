"""Where an export's files are: a folder, or a zip archive read in place.

Both are seen alike: the names of the JSON files under the export's root (``users.json``,
``general/2016-01-28.json``), and the items of the list in each. The root is where
``users.json`` or an index of conversations is: the top of a folder, the top of an archive or
the one folder an archive made by zipping an export folder again holds (macOS's
``__MACOSX/`` and ``._`` files beside it are not the export's).

A folder's files are read by the toolkit's ``json_items``: loaded whole when small (a fault
told by line and column), streamed when big. An archive's members are streamed by the
toolkit's ``JsonStream``, never extracted (a fault told by byte offset). Either way a fault
is a problem whose file is the export and whose position starts with the member's name.
"""

import os
from collections.abc import Iterator, Sequence
from pathlib import Path, PurePosixPath
from typing import BinaryIO, Protocol

from core.protocols.ingest import SourceProblem
from core.sources.archives import ArchiveError, Member, ZipArchive
from core.sources.files import files_under, path_text
from core.sources.json_files import Page, json_items
from core.sources.json_stream import JsonStream, StreamError

ROOT_FILES = ("users.json", "channels.json", "groups.json", "mpims.json", "dms.json")

type Item = tuple[int, object]


class Export(Protocol):
    """The JSON files of one export, by their names under its root."""

    @property
    def where(self) -> str:
        """The export's path, as problems name it."""
        ...

    @property
    def names(self) -> Sequence[str]:
        """Every JSON file's name under the root, ``/``-separated, sorted."""
        ...

    def items(
        self, name: str, list_keys: Sequence[str], page: Page
    ) -> Iterator[Item | SourceProblem]:
        """The items of the list in file ``name``, each with its index, or a problem where
        the file stops being readable."""
        ...


def _is_export_file(name: str) -> bool:
    parts = PurePosixPath(name).parts
    return (
        name.lower().endswith(".json")
        and parts[0] != "__MACOSX"
        and not any(part.startswith(".") for part in parts)
    )


def _inside(where: str, name: str, problem: SourceProblem) -> SourceProblem:
    """A problem of member ``name`` as a problem of the export at ``where``."""
    return SourceProblem(where, f"{name} {problem.position}".strip(), problem.reason)


def folder_files(folder: Path) -> Iterator[Path | SourceProblem]:
    """The JSON files of an export folder, at its top and in each folder there, no deeper
    (an export is two levels deep, and a folder named by mistake is not walked whole), each a
    regular file or a problem; OSError when the folder itself cannot be listed."""
    with os.scandir(folder) as scan:
        entries = sorted(scan, key=lambda entry: os.fsencode(entry.name))
    candidates: list[Path] = []
    for entry in entries:
        if entry.name.lower().endswith(".json"):
            candidates.append(Path(entry.path))
        elif entry.is_dir():
            try:
                with os.scandir(entry.path) as inner:
                    names = sorted(os.fsencode(e.name) for e in inner)
            except OSError as error:
                reason = f"cannot list the folder: {error.strerror or error}"
                yield SourceProblem(path_text(entry.path), "", reason)
                continue
            inside = Path(entry.path)
            candidates += [inside / os.fsdecode(n) for n in names if n.lower().endswith(b".json")]
    yield from files_under(candidates, (".json",))


class FolderExport:
    """An export unzipped into a folder; ``problems`` are its files that cannot be read."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.where = path_text(folder)
        names: list[str] = []
        self.problems: list[SourceProblem] = []
        try:
            listing = list(folder_files(folder))
        except OSError as error:
            listing = [SourceProblem(self.where, "", f"cannot list the folder: {error.strerror}")]
        for found in listing:
            if isinstance(found, SourceProblem):
                name = Path(os.path.relpath(found.path, folder)).as_posix()
                whole = name == "."  # the folder itself cannot be listed
                self.problems.append(SourceProblem(self.where, "" if whole else name, found.reason))
            else:
                name = found.relative_to(folder).as_posix()
                if _is_export_file(name):
                    names.append(name)
        self.names = sorted(names)

    def items(
        self, name: str, list_keys: Sequence[str], page: Page
    ) -> Iterator[Item | SourceProblem]:
        for entry in json_items(self.folder / name, list_keys=list_keys, page=page):
            yield _inside(self.where, name, entry) if isinstance(entry, SourceProblem) else entry


class ZipExport:
    """An export's zip archive, read in place."""

    def __init__(self, archive: ZipArchive, where: str) -> None:
        self.archive = archive
        self.where = where
        candidates = [m for m in archive.members if _is_export_file(m.name)]
        root = _root([m.name for m in candidates])
        prefix = f"{root}/" if root else ""
        self._members: dict[str, Member] = {
            m.name.removeprefix(prefix): m for m in candidates if m.name.startswith(prefix)
        }
        self.names = sorted(self._members)

    def items(
        self, name: str, list_keys: Sequence[str], page: Page
    ) -> Iterator[Item | SourceProblem]:
        try:
            with self.archive.open(self._members[name]) as file:
                yield from _streamed(file, list_keys, page)
        except ArchiveError as error:
            yield SourceProblem(self.where, name, error.reason)
        except _Fault as fault:
            yield SourceProblem(self.where, f"{name} {fault.position}".strip(), fault.reason)


def _root(names: list[str]) -> str:
    """The folder of the shallowest users.json or conversation index; "" for the top."""
    roots = sorted(
        (len(path.parts), str(path.parent))
        for path in map(PurePosixPath, names)
        if path.name in ROOT_FILES
    )
    if not roots:
        return ""
    folder = roots[0][1]
    return "" if folder == "." else folder


class _Fault(Exception):
    def __init__(self, position: str, reason: str) -> None:
        super().__init__(reason)
        self.position = position
        self.reason = reason


def _streamed(file: BinaryIO, list_keys: Sequence[str], page: Page) -> Iterator[Item]:
    """The items of a member, streamed; _Fault where it stops being readable."""
    stream = JsonStream(file)
    try:
        prefix = stream.list_prefix(list_keys)
        if prefix:
            yield from enumerate(stream.values(prefix))
            return
        (document,) = stream.values(prefix)
    except StreamError as error:
        raise _Fault(f"byte {error.offset}", f"not valid JSON: {error.reason}") from None
    items = page(document)
    if isinstance(items, str):
        raise _Fault("", items)
    yield from enumerate(items)
