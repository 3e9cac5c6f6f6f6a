"""What the Boost libraries tracker stores and how, for the kit's engine.

A release does not change once tagged, so what it says of a library, its dependencies and
their change log fill gaps only: reading a release again changes nothing. Modules, libraries
and headers span releases, and the latest release read describes them: their sightings are
ordered by ``last_sort_key`` (``NewerWins``), and an older release read again only fills in
what was unknown. A release's tag moved to another commit is the one thing that updates a
version (``released_at`` is its tag's date).

Erasure: a Boost author erased on request leaves the versions naming them as authors or
maintainers; the list simply no longer names them.
"""

from core.protocols.refs import BoostAuthorRef
from core.protocols.trackers import FillGaps, NewerWins, RecordType, Source, Tracker
from trackers.boost_libraries.records import (
    Dependency,
    DependencyChange,
    Header,
    Library,
    LibraryVersion,
    Module,
    Version,
)
from trackers.boost_libraries.sources.super_project import boost_fingerprint, read_boost_libraries

type LibraryVersionKey = tuple[str, str]  # (library key, version)
type DependencyKey = tuple[str, str, str]  # (module, version, dependency)
type DependencyChangeKey = tuple[str, str, str]  # (module, dependency, version)

VERSIONS = RecordType[Version, str](
    "boost_libraries.version", Version, ("version",), NewerWins(at="released_at")
)
MODULES = RecordType[Module, str](
    "boost_libraries.module", Module, ("name",), NewerWins(at="last_sort_key")
)
LIBRARIES = RecordType[Library, str](
    "boost_libraries.library", Library, ("key",), NewerWins(at="last_sort_key")
)
LIBRARY_VERSIONS = RecordType[LibraryVersion[BoostAuthorRef], LibraryVersionKey](
    "boost_libraries.library_version", LibraryVersion, ("library", "version"), FillGaps()
)
DEPENDENCIES = RecordType[Dependency, DependencyKey](
    "boost_libraries.dependency",
    Dependency,
    ("module", "version", "dependency"),
    FillGaps(),
    "boost_libraries.dependency {r.module} {r.version} -> {r.dependency}",
)
DEPENDENCY_CHANGES = RecordType[DependencyChange, DependencyChangeKey](
    "boost_libraries.dependency_change",
    DependencyChange,
    ("module", "dependency", "version"),
    FillGaps(),
    "boost_libraries.dependency_change {r.module} -> {r.dependency} in {r.version}",
)
HEADERS = RecordType[Header, str](
    "boost_libraries.header", Header, ("path",), NewerWins(at="last_sort_key")
)

BOOST_LIBRARIES = Tracker(
    "boost_libraries",
    record_types=(
        VERSIONS,
        MODULES,
        LIBRARIES,
        LIBRARY_VERSIONS,
        DEPENDENCIES,
        DEPENDENCY_CHANGES,
        HEADERS,
    ),
    unreadable="boost_libraries.item",
    sources=(
        Source(
            "boost-libraries",
            "a Boost super-project checkout (boostorg/boost), bare or not, with its modules"
            " initialised or mirrored beside it: releases, libraries, authors, headers and"
            " dependencies; only releases not read before are read again",
            read_boost_libraries,
            fingerprint=boost_fingerprint,
        ),
    ),
)
