"""``trackerhub collect boost-libraries PATH``: a Boost super-project's releases, read from git.

For each release, oldest first: its ``Version``; per module whose objects are found (see
``modules``), the ``LibraryVersion`` of each entry of its ``meta/libraries.json`` and its
``Dependency``s; per module, the ``DependencyChange``s against the previous release. Then,
once every release is read, each ``Module``, ``Library`` and ``Header`` with the span of
releases it is in. A module commit is read once however many releases keep it.

Incremental: ``boost_fingerprint`` is the release tags with their commits and the modules
whose objects were found. Given an earlier one (``since``), only the releases from the first
new (or moved) one on are read, with the release before it, whose dependencies the first new
release's change log compares against. A module whose objects have turned up since is in all
releases, so everything is read again. Reading again what was read before yields the same
records: interrupted or run twice, a collect ends where one clean run would.

Problems: a path that is no git repository is one problem; a broken ``.gitmodules``, a
``libraries.json`` that is not JSON or holds wrong types, a library without key, a file too
big to read: one problem each, naming the file and the release (``libs/json/meta/
libraries.json at boost-1.86.0``) and where in it, and the rest is read. A module whose
objects are nowhere is one problem, saying how to get them; its ``Module`` is still stored.
"""

import json
import os
from collections.abc import Generator, Hashable, Iterator, Sequence
from pathlib import Path

import attrs

from core.protocols.ingest import SourceProblem
from core.protocols.refs import GitHubRepositoryRef
from core.sources.files import folder_reader, path_text
from core.sources.git import GitFailed, decode_git, github_remote, remote_urls, run_git
from core.sources.github_urls import relative_github_full_name
from trackers.boost_libraries.records import (
    BoostSeen,
    Dependency,
    DependencyChange,
    Header,
    Library,
    LibraryVersionSeen,
    Module,
    Version,
    sort_key,
)
from trackers.boost_libraries.sources.libraries_json import EntryProblem, library_entries
from trackers.boost_libraries.sources.modules import (
    META,
    Layout,
    Snapshot,
    Submodule,
    read_snapshot,
)
from trackers.boost_libraries.sources.releases import (
    GitmodulesError,
    Release,
    releases,
    submodules,
)

# The super-project's GitHub repository when its remote is not on GitHub (a mirror).
DEFAULT_BASE = "boostorg/boost"


@folder_reader
def read_boost_libraries(
    path: Path, since: str | None = None
) -> Iterator[BoostSeen | SourceProblem]:
    where = path_text(path)
    try:
        layout = _layout(path)
        base = github_remote(remote_urls(path)) or DEFAULT_BASE
        found = releases(path)
    except GitFailed as failure:
        yield SourceProblem(where, "", failure.reason)
        return
    if not found:
        yield SourceProblem(where, "", "not a Boost super-project: no boost-X.Y.Z release tag")
        return
    start = _first_to_read(found, since, _modules_found(path, layout, found))
    yield from _Reading(path, where, layout, base, found[start:], context=start > 0).run()


def boost_fingerprint(path: Path) -> str:
    """The release tags and their commits, and the modules whose objects are found, as JSON;
    raises OSError when ``path`` is no git repository."""
    try:
        layout = _layout(path)
        found = releases(path)
    except GitFailed as failure:
        raise OSError(failure.reason) from None
    return json.dumps(
        {
            "releases": {release.tag: release.commit for release in found},
            "modules": _modules_found(path, layout, found),
        }
    )


def _layout(path: Path) -> Layout:
    git_dir = Path(decode_git(run_git(path, "rev-parse", "--absolute-git-dir")).strip())
    try:
        top = decode_git(run_git(path, "rev-parse", "--show-toplevel")).strip()
        work_tree = Path(top) if top else None
    except GitFailed:  # a bare repository, or its .git folder
        work_tree = None
    here = Path(os.path.abspath(path))
    siblings = here.parent.parent if here.name == ".git" else here.parent
    return Layout(git_dir, work_tree, siblings)


def _modules_found(path: Path, layout: Layout, found: Sequence[Release]) -> list[str]:
    """The modules of the latest release whose objects are found: one that turns up later
    changes the fingerprint, and is read."""
    if not found:
        return []
    try:
        modules, _ = submodules(path, found[-1].commit)
    except (GitmodulesError, GitFailed):
        return []
    return sorted(module.name for module in modules if layout.store_of(module) is not None)


def _first_to_read(found: Sequence[Release], since: str | None, modules: list[str]) -> int:
    """The index of the first release to read: the one before the first release not read
    before, or 0 to read them all."""
    if since is None:
        return 0
    try:
        earlier = json.loads(since)
        tags = {str(tag): str(commit) for tag, commit in earlier["releases"].items()}
        modules_before = {str(name) for name in earlier["modules"]}
    except (ValueError, KeyError, TypeError, AttributeError):
        return 0  # not a fingerprint of this reader: read everything
    if not set(modules) <= modules_before:
        return 0
    for index, release in enumerate(found):
        if tags.get(release.tag) != release.commit:
            return max(0, index - 1)
    return 0


@attrs.define
class _Run:
    start: int
    last: int
    value: object


class _Spans:
    """Per key, the latest unbroken run of releases it is in, and its value in the last."""

    def __init__(self) -> None:
        self.runs: dict[Hashable, _Run] = {}

    def see(self, index: int, key: Hashable, value: object) -> None:
        run = self.runs.get(key)
        if run is not None and run.last >= index - 1:
            run.last, run.value = index, value
        else:
            self.runs[key] = _Run(index, index, value)


class _Reading:
    def __init__(
        self,
        path: Path,
        where: str,
        layout: Layout,
        base: str,
        window: Sequence[Release],
        context: bool,
    ) -> None:
        self.path = path
        self.where = where
        self.layout = layout
        self.base = base
        self.window = window
        # The first release of the window was read before: its spans reach further back.
        self.context = context
        self.snapshots: dict[tuple[str, str], Snapshot | None] = {}
        self.stores: dict[Submodule, Path | None] = {}
        self.reported: set[tuple[str, ...]] = set()  # what was told, once per module
        self.modules = _Spans()
        self.libraries = _Spans()
        self.headers = _Spans()

    def run(self) -> Iterator[BoostSeen | SourceProblem]:
        previous: tuple[set[str], dict[str, set[str]]] | None = None
        for index, release in enumerate(self.window):
            version = release.version
            yield Version(
                version, release.tag, release.commit, release.released_at, sort_key(release.number)
            )
            modules: list[Submodule] = []
            try:
                modules, problems = submodules(self.path, release.commit)
                for position, reason in problems:
                    yield self._problem(f".gitmodules at {release.tag}", position, reason)
            except GitmodulesError as error:
                yield self._problem(f".gitmodules at {release.tag}", error.position, error.reason)
            except GitFailed as failure:
                yield self._problem(f"tree of {release.tag}", "whole tree", failure.reason)
            read: dict[str, Snapshot] = {}
            for module in modules:
                self.modules.see(index, module.name, module)
                snapshot = yield from self._snapshot(module, release)
                if snapshot is not None:
                    read[module.name] = snapshot
            yield from self._library_versions(index, release, modules, read)
            provided: dict[str, str] = {}
            for name in sorted(read):
                for header in read[name].headers:
                    provided.setdefault(header, name)
            for header, name in provided.items():
                self.headers.see(index, header, name)
            dependencies: dict[str, set[str]] = {}
            for name, snapshot in read.items():
                via: dict[str, str] = {}
                for header in sorted(snapshot.included):
                    if provided.get(header, name) != name:
                        via.setdefault(provided[header], header)
                dependencies[name] = set(via)
                for dependency in sorted(via):
                    yield Dependency(name, version, dependency, via[dependency])
            present = {module.name for module in modules}
            if previous is not None:
                yield from _changes(
                    self.window[index - 1].version, version, previous, (present, dependencies)
                )
            previous = (present, dependencies)
        yield from self._spans()

    def _problem(self, file: str, position: str, reason: str) -> SourceProblem:
        return SourceProblem(f"{self.where}/{file}", position, reason)

    def _snapshot(
        self, module: Submodule, release: Release
    ) -> Generator[SourceProblem, None, Snapshot | None]:
        """Yields the problems of reading the module at this release; returns its snapshot,
        None when its objects are not here."""
        if module not in self.stores:
            self.stores[module] = self.layout.store_of(module)
        store = self.stores[module]
        if store is None:
            if (module.name, "nowhere") not in self.reported:
                self.reported.add((module.name, "nowhere"))
                yield SourceProblem(self.where, f"module {module.name}", self._how_to_get(module))
            return None
        key = (module.name, module.commit)
        if key not in self.snapshots:
            try:
                snapshot: Snapshot | None = read_snapshot(store, module.commit)
            except GitFailed as failure:
                snapshot = None
                if (module.name, "missing") not in self.reported:
                    self.reported.add((module.name, "missing"))
                    yield SourceProblem(
                        self.where,
                        f"module {module.name}",
                        f"commit {module.commit[:12]} of {release.tag} cannot be read from"
                        f" {path_text(store)} ({failure.reason}): fetch it there",
                    )
            self.snapshots[key] = snapshot
            if snapshot is not None:
                for problem in snapshot.problems:
                    yield self._problem(
                        f"{module.path}/{problem.file} at {release.tag}",
                        "whole file",
                        problem.reason,
                    )
        return self.snapshots[key]

    def _how_to_get(self, module: Submodule) -> str:
        repository = relative_github_full_name(module.url, self.base)
        clone = f"https://github.com/{repository}.git" if repository else module.url
        if self.layout.work_tree is not None:
            work_tree = path_text(self.layout.work_tree)
            how = f"run git submodule update --init {module.path} in {work_tree}"
        else:
            how = f"clone {clone} as {path_text(self.layout.siblings / (module.name + '.git'))}"
        return f"its objects are not here, so its libraries and dependencies are not read: {how}"

    def _library_versions(
        self, index: int, release: Release, modules: list[Submodule], read: dict[str, Snapshot]
    ) -> Iterator[BoostSeen | SourceProblem]:
        seen: set[str] = set()
        for module in modules:
            snapshot = read.get(module.name)
            if snapshot is None or snapshot.libraries_json is None:
                continue
            first_time = (module.name, module.commit, "meta") not in self.reported
            self.reported.add((module.name, module.commit, "meta"))
            for entry in library_entries(snapshot.libraries_json):
                if isinstance(entry, EntryProblem):
                    if first_time:
                        yield self._problem(
                            f"{module.path}/{META} at {release.tag}", entry.position, entry.reason
                        )
                    continue
                if entry.key in seen:
                    continue
                seen.add(entry.key)
                self.libraries.see(index, entry.key, module.name)
                yield LibraryVersionSeen(
                    library=entry.key,
                    version=release.version,
                    module=module.name,
                    name=entry.name,
                    description=entry.description,
                    categories=entry.categories,
                    cxxstd=entry.cxxstd,
                    authors=entry.authors,
                    maintainers=entry.maintainers,
                )

    def _spans(self) -> Iterator[BoostSeen]:
        versions = [release.version for release in self.window]
        keys = [sort_key(release.number) for release in self.window]

        def first(run: _Run) -> str:
            return "" if run.start == 0 and self.context else versions[run.start]

        for _, run in sorted(self.modules.runs.items(), key=_by_key):
            module = run.value
            assert isinstance(module, Submodule)
            repository = relative_github_full_name(module.url, self.base)
            yield Module(
                name=module.name,
                path=module.path,
                url=module.url,
                repository=GitHubRepositoryRef(repository) if repository else None,
                first_version=first(run),
                last_version=versions[run.last],
                last_sort_key=keys[run.last],
            )
        for key, run in sorted(self.libraries.runs.items(), key=_by_key):
            yield Library(str(key), str(run.value), first(run), versions[run.last], keys[run.last])
        for path, run in sorted(self.headers.runs.items(), key=_by_key):
            yield Header(str(path), str(run.value), first(run), versions[run.last], keys[run.last])


def _by_key(item: tuple[Hashable, _Run]) -> str:
    return str(item[0])


def _changes(
    previous_version: str,
    version: str,
    before: tuple[set[str], dict[str, set[str]]],
    after: tuple[set[str], dict[str, set[str]]],
) -> Iterator[DependencyChange]:
    """What each module's dependencies gained and lost between two releases, for each module
    whose dependencies are known in both (a module not in a release has none there)."""
    (present_before, known_before), (present_after, known_after) = before, after

    def known(present: set[str], found: dict[str, set[str]], name: str) -> set[str] | None:
        return found.get(name, set() if name not in present else None)

    for name in sorted(present_before | present_after):
        old = known(present_before, known_before, name)
        new = known(present_after, known_after, name)
        if old is None or new is None:
            continue
        for dependency in sorted(new ^ old):
            yield DependencyChange(name, dependency, version, dependency in new, previous_version)
