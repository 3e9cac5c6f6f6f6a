"""A project's source tree, scanned whole: its Boost includes, its declared Boost version and
whether it embeds a copy of Boost.

``read_project_tree(path)`` yields a ``Usage`` per Boost header each C or C++ file includes
(``<boost/...>`` or ``"boost/..."``, as ``core.sources.cpp_includes`` reads them: comments,
``#if 0`` blocks and continued lines handled), then the ``Project``, then a ``SeenAll`` for
the project's usages, so that the ones no longer there are marked gone. A scan that could not
read every file (one unreadable, too big, a folder that cannot be listed, a broken link)
yields no ``SeenAll``: what that file included must not look gone. Its problems name the
file and why; the next collect scans the project again.

An embedded copy of Boost is a ``boost/version.hpp`` defining ``BOOST_LIB_VERSION``, in any
folder. The copy is its ``boost`` folder, or, when the folder above holds a Boost
distribution (a ``libs`` folder or a ``Jamroot`` beside it), that whole folder: the copy's
own files are Boost's, not the project's, and include no usage.

The declared version, in this order of trust (the first kind found wins; within a kind, the
file nearest the project's root, then the first in path order, then its first line):

1. an embedded copy's ``BOOST_VERSION`` / ``BOOST_LIB_VERSION``: what the build really uses;
2. the project's own ``#define BOOST_LIB_VERSION`` / ``BOOST_VERSION``;
3. CMake's ``find_package(Boost 1.81 ...)``: the least version it accepts;
4. conan's ``boost/1.83.0`` requirement;
5. vcpkg's override, else its ``version>=`` of a boost port.

Moments come from the tree, never from the clock, so that scanning an unchanged tree twice
yields the same records: a usage is first seen as of its file's modification time, and the
project (and so each usage found gone) is as of the tree's newest modification, of a file read
or of a folder (removing a file changes its folder's). A tree whose times were set back (an
archive unpacked with its old times) reads as older: its project's values then only fill in
what was unknown.

Files are read as UTF-8, any invalid byte replaced, up to ``FILE_LIMIT`` bytes; a manifest
that is not UTF-8 or not well-formed is a problem, and the rest of the tree is still read.

Incremental reading: ``project_fingerprint`` hashes the project's identity and the path,
size, modification and status-change time of every file the scan would read. An unchanged
project is not read again; a changed one is read whole, since only reading every file tells
an include removed from one.
"""

import hashlib
import os
from collections.abc import Callable, Generator, Iterable, Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path, PurePosixPath

import attrs

from core.protocols.ingest import SeenAll, SourceProblem
from core.sources.cpp_includes import includes
from core.sources.dates import unix_utc
from core.sources.files import files_under, folder_reader, open_error, open_regular, path_text
from core.sources.git import GitFailed
from core.sources.text import clean_text
from trackers.boost_usage.records import Project, ProjectSeen, Usage
from trackers.boost_usage.sources.declared_versions import (
    Declaration,
    ManifestError,
    cmake_declarations,
    conan_py_declarations,
    conan_txt_declarations,
    defines_lib_version,
    header_declarations,
    vcpkg_declarations,
)
from trackers.boost_usage.sources.project_identity import (
    ProjectIdentity,
    identity_text,
    project_identity,
)

SOURCE_SUFFIXES = (
    *(".h", ".hh", ".hpp", ".hxx", ".h++", ".ipp", ".inl", ".inc", ".tpp", ".tcc"),
    *(".c", ".cc", ".cpp", ".cxx", ".c++", ".cu", ".cuh", ".ixx", ".cppm", ".m", ".mm"),
)
# Names a manifest may end with; which manifest a file is, its whole name says.
_MANIFEST_SUFFIXES = ("cmakelists.txt", ".cmake", "conanfile.txt", "conanfile.py", "vcpkg.json")
# Bytes of one file that are read: far beyond any hand-written source; a bigger file is
# generated (an amalgamation, embedded data) and skipped.
FILE_LIMIT = 4 << 20
# Bumped when the scan reads differently: every project is then scanned again.
_READER = "boost-usage 1"

EMBEDDED = "embedded copy"
DEFINE = "#define"
CMAKE = "CMake find_package"
CONAN = "conan"
VCPKG = "vcpkg"
_TRUST = (EMBEDDED, DEFINE, CMAKE, CONAN, VCPKG)
_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)

type Manifest = Callable[[str], list[Declaration]]
_MANIFESTS: dict[str, tuple[str, Manifest]] = {
    "cmakelists.txt": (CMAKE, cmake_declarations),
    "conanfile.txt": (CONAN, conan_txt_declarations),
    "conanfile.py": (CONAN, conan_py_declarations),
    "vcpkg.json": (VCPKG, vcpkg_declarations),
}

type Item = ProjectSeen | Usage | SeenAll | SourceProblem


@folder_reader
def read_project_tree(path: Path, since: str | None = None) -> Iterator[Item]:
    """The usages, the project and, if every file was read, the ``SeenAll``; or problems."""
    del since  # a changed project is scanned whole (see the module docstring)
    where = path_text(path)
    try:
        identity = project_identity(path)
    except GitFailed as failure:
        yield SourceProblem(where, "", f"cannot read its git remotes: {failure.reason}")
        return
    scan = _Scan(path, identity)
    yield from scan.run()
    yield scan.project()
    if scan.complete:
        yield SeenAll(Usage, (identity.key,), _moment(scan.changed_ns))


def project_fingerprint(path: Path) -> str:
    """The project's identity and every scanned file's path, size, modification and status
    change times, hashed; raises OSError when ``path`` is not a folder that can be listed."""
    with os.scandir(path):
        pass
    digest = hashlib.sha256(f"{_READER}\0{identity_text(path)}\0".encode())
    for item in _tree(path):
        if isinstance(item, SourceProblem):
            digest.update(f"problem {item}\0".encode())
            continue
        relative, file = item
        try:
            status = file.stat()
        except OSError as error:
            digest.update(f"{relative} unreadable {error.errno}\0".encode())
            continue
        # The status-change time too: a write that keeps the size and sets the
        # modification time back (as an unpacked archive does) still changes it.
        digest.update(
            f"{relative} {status.st_size} {status.st_mtime_ns} {status.st_ctime_ns}\0".encode()
        )
    return digest.hexdigest()


def _tree(root: Path) -> Iterator[tuple[PurePosixPath, Path] | SourceProblem]:
    """Every source file and manifest under ``root`` with its path from the root, and the
    problems of the walk; nothing inside a ``.git`` folder."""
    depth = len(root.parts)
    for item in files_under([root], (*SOURCE_SUFFIXES, *_MANIFEST_SUFFIXES)):
        if isinstance(item, SourceProblem):
            if ".git" not in Path(item.path).parts[depth:]:
                yield item
            continue
        relative = PurePosixPath(*item.parts[depth:])
        if ".git" not in relative.parts and _kind(relative.name) is not None:
            yield relative, item


def _kind(name: str) -> str | None:
    """``"source"`` for a C or C++ file, the manifest's name for a manifest, None else (a
    ``my-vcpkg.json``)."""
    lower = name.lower()
    if lower.endswith(SOURCE_SUFFIXES):
        return "source"
    if lower.endswith(".cmake"):
        return "cmakelists.txt"
    return lower if lower in _MANIFESTS else None


type _Ranked = tuple[tuple[int, int], PurePosixPath, Declaration]


@attrs.define
class _Scan:
    """One scan of a project's tree, and what it found besides usages."""

    root: Path
    identity: ProjectIdentity
    complete: bool = True
    # The newest modification seen, in nanoseconds: of a file read, or of a folder.
    changed_ns: int = 0
    embeds_boost: bool = False
    declarations: dict[str, list[_Ranked]] = attrs.Factory(dict)

    def run(self) -> Iterator[Usage | SourceProblem]:
        files: list[tuple[PurePosixPath, Path]] = []
        for item in _tree(self.root):
            if isinstance(item, SourceProblem):
                self.complete = False
                yield item
            else:
                files.append(item)
        self._folders_changed(relative for relative, _ in files)
        copies: list[tuple[str, ...]] = []
        for order, (relative, file) in enumerate(files):
            if relative.name == "version.hpp" and relative.parent.name == "boost":
                copy = yield from self._embedded_copy(order, relative, file)
                if copy is not None:
                    copies.append(copy)
        for order, (relative, file) in enumerate(files):
            if any(relative.parts[: len(copy)] == copy for copy in copies):
                continue
            kind = _kind(relative.name)
            if kind == "source":
                yield from self._source(order, relative, file)
            elif kind is not None:
                declared_by, read = _MANIFESTS[kind]
                yield from self._manifest(order, relative, file, declared_by, read)

    def project(self) -> ProjectSeen:
        """The project, with the most trusted declaration of its Boost version."""
        best = next(
            (
                (kind, min(found, key=lambda ranked: (ranked[0], ranked[2].line)))
                for kind in _TRUST
                if (found := self.declarations.get(kind))
            ),
            None,
        )
        project = Project(
            key=self.identity.key,
            name=self.identity.name,
            repository=self.identity.repository,
            owner=self.identity.owner,
            embeds_boost=self.embeds_boost,
            changed_at=_moment(self.changed_ns),
        )
        if best is None:
            return project
        kind, (_, relative, declaration) = best
        return attrs.evolve(
            project,
            boost_version=declaration.version,
            version_source=kind,
            version_file=path_text(relative),
            version_line=declaration.line,
        )

    def _declare(
        self, kind: str, order: int, relative: PurePosixPath, found: list[Declaration]
    ) -> None:
        # Nearest the root first, then in the walk's (path) order.
        rank = (len(relative.parts), order)
        self.declarations.setdefault(kind, []).extend((rank, relative, d) for d in found)

    def _embedded_copy(
        self, order: int, relative: PurePosixPath, file: Path
    ) -> Generator[SourceProblem, None, tuple[str, ...] | None]:
        """The parts of the copy's folder, if this ``boost/version.hpp`` is Boost's own."""
        read = yield from self._text(file)
        if read is None or not defines_lib_version(text := read[0]):
            return None
        self.embeds_boost = True
        self._declare(EMBEDDED, order, relative, header_declarations(text))
        above = relative.parent.parent
        distribution = self.root / above
        if (distribution / "libs").is_dir() or (distribution / "Jamroot").is_file():
            return above.parts
        return relative.parent.parts

    def _source(
        self, order: int, relative: PurePosixPath, file: Path
    ) -> Generator[Usage | SourceProblem, None, None]:
        read = yield from self._text(file)
        if read is None:
            return
        text, modified = read
        first: dict[str, int] = {}
        for include in includes(text):
            header = clean_text(include.header)
            if header.startswith("boost/") and header not in first:
                first[header] = include.line
        for header, line in first.items():
            yield Usage(
                project=self.identity.key,
                path=path_text(relative),
                header=header,
                line=line,
                first_seen=_moment(modified),
            )
        if "BOOST_VERSION" in text or "BOOST_LIB_VERSION" in text:
            self._declare(DEFINE, order, relative, header_declarations(text))

    def _manifest(
        self, order: int, relative: PurePosixPath, file: Path, kind: str, read: Manifest
    ) -> Iterator[SourceProblem]:
        """A manifest's declarations; a problem with one leaves the usages complete."""
        where = path_text(file)
        got = self._read(file)
        if isinstance(got, str):
            yield SourceProblem(where, "", got)
            return
        raw = got[0]
        try:
            text = raw.decode("utf-8-sig")
        except UnicodeDecodeError as error:
            position = f"line {raw.count(b'\n', 0, error.start) + 1} (byte {error.start})"
            yield SourceProblem(where, position, "not UTF-8 text: the manifest is not read")
            return
        try:
            self._declare(kind, order, relative, read(clean_text(text)))
        except ManifestError as error:
            yield SourceProblem(where, error.position, error.reason)

    def _text(self, file: Path) -> Generator[SourceProblem, None, tuple[str, int] | None]:
        """The file's text and modification time, or None after its problem: the scan is
        then incomplete."""
        read = self._read(file)
        if isinstance(read, str):
            self.complete = False
            yield SourceProblem(path_text(file), "", read)
            return None
        raw, modified = read
        return clean_text(raw.decode("utf-8-sig", "replace")), modified

    def _read(self, file: Path) -> tuple[bytes, int] | str:
        """The file's bytes and modification time, or why they cannot be read."""
        try:
            with open_regular(file) as opened:
                status = os.fstat(opened.fileno())
                if status.st_size > FILE_LIMIT:
                    return _too_big(status.st_size)
                raw = opened.read(FILE_LIMIT + 1)
        except OSError as error:
            return open_error(error)
        if len(raw) > FILE_LIMIT:
            return _too_big(len(raw))
        self.changed_ns = max(self.changed_ns, status.st_mtime_ns)
        return raw, status.st_mtime_ns

    def _folders_changed(self, files: Iterable[PurePosixPath]) -> None:
        """Take in the modification times of the root and of each folder holding a file: a
        file removed changes its folder's, and no file's."""
        folders = {parent for relative in files for parent in relative.parents}
        for folder in {PurePosixPath("."), *folders}:
            try:
                modified = (self.root / folder).stat().st_mtime_ns
            except OSError:
                continue  # gone since the walk: the next scan sees what replaced it
            self.changed_ns = max(self.changed_ns, modified)


def _moment(nanoseconds: int) -> datetime:
    """A modification time as an aware datetime, to the microsecond a database keeps."""
    seconds, rest = divmod(nanoseconds, 10**9)
    moment = unix_utc(seconds) or _EPOCH  # a time no datetime holds: a clock gone wrong
    return moment + timedelta(microseconds=rest // 1000)


def _too_big(size: int) -> str:
    return f"{size:,} bytes, more than the {FILE_LIMIT:,} a file is read up to: skipped"
