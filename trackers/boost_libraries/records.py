"""What the Boost libraries tracker stores: releases, modules, libraries, what each release says
of each library, the headers each module provides, and the dependencies between modules.

A *module* is a submodule of the super-project (``libs/asio``, ``libs/numeric/conversion``,
``tools/build``), named as ``.gitmodules`` names it (``asio``, ``numeric_conversion``). A
*library* is an entry of a module's ``meta/libraries.json``, named by its key (``asio``,
``functional/hash``): most modules hold one, some several, tools none. Versions are the
release numbers of the super-project's ``boost-X.Y.Z`` tags: ``"1.86.0"``.

Modules, libraries and headers are kept once, not once per release: each carries the span of
releases it is in, ``first_version`` to ``last_version``, and ``last_sort_key`` (the
``sort_key`` of ``last_version``) orders sightings, so that a later release's description of
it wins (``NewerWins``). ``first_version`` is the first release of the latest unbroken run of
releases holding it: a header removed and added back later starts a new run.

A dependency follows boostdep: module A depends on module B in a release when a file of A's
``include/`` or ``src/`` includes a header that B's ``include/`` provides in that release. Its
change log compares each release with the previous one; a module not in a release has no
dependencies there, so a new module's dependencies are all "added" in its first release.

``LibraryVersion`` is generic over how it holds people: a source yields it with
``BoostAuthorClaim``s, the store keeps it with ``BoostAuthorRef``s.
"""

from datetime import datetime
from typing import Generic, TypeVar

import attrs

from core.protocols.claims import BoostAuthorClaim
from core.protocols.refs import GitHubRepositoryRef
from core.protocols.trackers import people

# How a library version holds its authors and maintainers: claims as read, refs as stored.
P = TypeVar("P", covariant=True)


def sort_key(version: tuple[int, int, int]) -> int:
    """A release's place among releases as one integer, which a database orders too:
    ``1.86.0`` is 1086000, after ``1.9.0`` (1009000)."""
    major, minor, patch = version
    return major * 1_000_000 + minor * 1_000 + patch


@attrs.frozen
class Version:
    """A release of Boost: a ``boost-X.Y.Z`` tag of the super-project."""

    version: str  # "1.86.0"
    tag: str = ""  # "boost-1.86.0"
    commit: str = ""  # the super-project's commit the tag points to
    released_at: datetime | None = None  # the tag's date (its commit's, for a plain tag)
    sort_key: int | None = None  # orders releases: see sort_key()


@attrs.frozen
class Module:
    """A submodule of the super-project, by its name in ``.gitmodules``."""

    name: str  # "asio", "numeric_conversion"
    path: str = ""  # "libs/asio", "libs/numeric/conversion"
    url: str = ""  # as .gitmodules gives it: "../asio.git"
    repository: GitHubRepositoryRef | None = None  # the GitHub tracker's boostorg/asio
    first_version: str = ""
    last_version: str = ""
    last_sort_key: int | None = None


@attrs.frozen
class Library:
    """A library, by its key in ``meta/libraries.json``, with the module that holds it in
    the latest release."""

    key: str  # "asio", "functional/hash"
    module: str = ""  # the Module's name
    first_version: str = ""
    last_version: str = ""
    last_sort_key: int | None = None


@attrs.frozen
class LibraryVersion(Generic[P]):
    """What one release's ``meta/libraries.json`` says of a library."""

    library: str  # the Library's key
    version: str  # the Version's version
    module: str = ""
    name: str = ""
    description: str = ""
    categories: tuple[str, ...] = ()  # as written: ("Concurrent", "IO")
    cxxstd: str = ""  # the oldest C++ standard it needs, as written: "11", "03"
    authors: tuple[P, ...] = people()
    maintainers: tuple[P, ...] = people()


@attrs.frozen
class Dependency:
    """In release ``version``, ``module`` includes a header that ``dependency`` provides."""

    module: str
    version: str
    dependency: str
    via: str = ""  # why: the first, by path, of the dependency's headers the module includes


@attrs.frozen
class DependencyChange:
    """``module`` started (``added``) or stopped depending on ``dependency`` in release
    ``version``, against ``previous_version``, the release before it."""

    module: str
    dependency: str
    version: str
    added: bool | None = None  # False: removed
    previous_version: str = ""


@attrs.frozen
class Header:
    """A header, by its path under ``include/`` (``boost/asio/io_context.hpp``), and the
    module that provides it in ``last_version``: what a ``#include`` names, to its library."""

    path: str
    module: str = ""
    first_version: str = ""
    last_version: str = ""
    last_sort_key: int | None = None


# What the reader yields: library versions still hold claims.
LibraryVersionSeen = LibraryVersion[BoostAuthorClaim]

type BoostSeen = (
    Version | Module | Library | LibraryVersionSeen | Dependency | DependencyChange | Header
)
