"""A module of the super-project at one commit: where its objects are, and what it holds.

A super-project's tree holds only a gitlink per module (the module's commit); the module's
files are in the module's own repository, which a checkout keeps in one of three places,
tried in this order:

- ``<super-project's git dir>/modules/<name>``, after ``git submodule update --init``;
- ``<work tree>/<path>/.git``, a module cloned in place;
- ``<folder of PATH>/<repository>.git`` (or without ``.git``), a mirror of the organisation
  beside a bare super-project: ``boost.git`` next to ``asio.git`` and ``config.git``.

A module commit is read once, in bulk (``core.sources.git_trees``): its ``include/`` tree
(the headers it provides), the ``#include``s of its ``include/`` and ``src/`` files (the
Boost headers it uses) and its ``meta/libraries.json``. A file over ``BLOB_LIMIT`` is not
read, and said so.
"""

import os
import posixpath
from pathlib import Path

import attrs

from core.sources.cpp_includes import includes
from core.sources.git import decode_git
from core.sources.git_trees import GITLINK, read_blobs, tree_entries

BLOB_LIMIT = 4 << 20  # bytes of one file read: far beyond any real header
META = "meta/libraries.json"
# Files the preprocessor reads: what an include names, and what is scanned for includes.
SOURCE_SUFFIXES = frozenset(
    {".h", ".hh", ".hpp", ".hxx", ".h++", ".ipp", ".inl", ".tpp", ".ixx", ".cppm"}
    | {".c", ".cc", ".cpp", ".cxx", ".c++"}
)
_READ = ("include", "src", META)
_BLOB_MODES = ("100644", "100755")


@attrs.frozen
class Submodule:
    """A module as one release's ``.gitmodules`` and tree give it."""

    name: str
    path: str
    url: str
    commit: str


@attrs.frozen
class FileProblem:
    """A file of the module that was not read whole: its path in the module, and why."""

    file: str
    reason: str


@attrs.frozen
class Snapshot:
    """What a module holds at one commit."""

    headers: tuple[str, ...]  # paths under include/: "boost/asio.hpp"
    included: frozenset[str]  # the Boost headers its include/ and src/ files include
    libraries_json: bytes | None  # None when it has none: a tool, or a header-only helper
    problems: tuple[FileProblem, ...]


def _is_source(path: str) -> bool:
    return posixpath.splitext(path)[1].lower() in SOURCE_SUFFIXES


def _is_header(path: str) -> bool:
    """A file of ``include/`` that an include may name: a C/C++ file, or one without suffix
    (``boost/detail/...`` headers of old libraries)."""
    suffix = posixpath.splitext(path)[1].lower()
    return suffix in SOURCE_SUFFIXES or not suffix


def read_snapshot(store: Path, commit: str) -> Snapshot:
    """Raises GitFailed (a commit the store lacks)."""
    entries = tree_entries(store, commit, *_READ)
    headers = sorted(
        entry.path.removeprefix("include/")
        for entry in entries
        if entry.path.startswith("include/") and entry.mode != GITLINK and _is_header(entry.path)
    )
    wanted = [
        entry
        for entry in entries
        if entry.mode in _BLOB_MODES
        and (
            entry.path == META
            or (entry.path.startswith(("include/", "src/")) and _is_source(entry.path))
        )
    ]
    problems = [
        FileProblem(
            entry.path, f"{entry.size:,} bytes, more than the {BLOB_LIMIT:,} read: not read"
        )
        for entry in wanted
        if (entry.size or 0) > BLOB_LIMIT
    ]
    small = [entry for entry in wanted if (entry.size or 0) <= BLOB_LIMIT]
    contents = dict(read_blobs(store, sorted({entry.object for entry in small})))
    included: set[str] = set()
    libraries_json = None
    for entry in small:
        content = contents.get(entry.object)
        if content is None:
            problems.append(FileProblem(entry.path, "its object is missing from the repository"))
        elif entry.path == META:
            libraries_json = content
        else:
            included.update(
                found.header
                for found in includes(decode_git(content))
                if found.header.startswith("boost/")
            )
    return Snapshot(tuple(headers), frozenset(included), libraries_json, tuple(problems))


@attrs.frozen
class Layout:
    """Where a super-project's modules may keep their objects."""

    git_dir: Path
    work_tree: Path | None
    siblings: Path  # the folder holding the super-project: an organisation mirror's

    def store_of(self, module: Submodule) -> Path | None:
        """The first place holding a repository for ``module``, or None."""
        for candidate in self.candidates(module):
            if candidate.is_dir():
                return candidate
        return None

    def candidates(self, module: Submodule) -> list[Path]:
        found: list[Path] = []
        if _safe_relative(module.name):
            found.append(self.git_dir / "modules" / module.name)
        if self.work_tree is not None and _safe_relative(module.path):
            in_place = self.work_tree / module.path
            if (in_place / ".git").exists():
                found.append(in_place)
        repository = _repository_name(module.url)
        if repository:
            found += [self.siblings / f"{repository}.git", self.siblings / repository]
        return found


def _safe_relative(path: str) -> bool:
    """A path from a hostile ``.gitmodules`` that stays inside where it is joined."""
    parts = path.split("/")
    return bool(path) and not path.startswith("/") and ".." not in parts and "" not in parts


def _repository_name(url: str) -> str:
    """The repository a submodule URL names, by its last component: ``../asio.git``,
    ``https://github.com/boostorg/asio`` and ``git@github.com:boostorg/asio.git`` are
    ``asio``."""
    name = url.strip().rstrip("/").replace(":", "/").rsplit("/", 1)[-1].removesuffix(".git")
    return "" if name in ("", ".", "..") or os.sep in name else name
