"""The Boost libraries tracker's store cases: one per record type, on every adapter."""

from core.protocols.refs import BoostAuthorRef, GitHubRepositoryRef
from tests.contract.cases import T1, T3, StoreCase
from trackers.boost_libraries.ingest import (
    DEPENDENCIES,
    DEPENDENCY_CHANGES,
    HEADERS,
    LIBRARIES,
    LIBRARY_VERSIONS,
    MODULES,
    VERSIONS,
)
from trackers.boost_libraries.records import (
    Dependency,
    DependencyChange,
    Header,
    Library,
    LibraryVersion,
    Module,
    Version,
)

CASES = [
    StoreCase(
        VERSIONS,
        full=Version("1.86.0", "boost-1.86.0", "a" * 40, T1, 1_086_000),
        changed=Version("1.86.0", "boost-1.86.0-moved", "b" * 64, T3, 1_086_001),
        sparse=Version("1.9.0"),
    ),
    StoreCase(
        MODULES,
        full=Module(
            "numeric_conversion",
            "libs/numeric/conversion",
            "../numeric_conversion.git",
            GitHubRepositoryRef("boostorg/numeric_conversion"),
            "1.35.0",
            "1.86.0",
            1_086_000,
        ),
        changed=Module(
            "numeric_conversion",
            "libs/numeric/conv",
            "https://github.com/BoostOrg/Conversion.git",
            GitHubRepositoryRef("boostorg/conversion"),
            "1.36.0",
            "1.87.0",
            1_087_000,
        ),
        sparse=Module("build"),
    ),
    StoreCase(
        LIBRARIES,
        full=Library("functional/hash", "container_hash", "1.33.0", "1.86.0", 1_086_000),
        changed=Library("functional/hash", "functional", "1.34.0", "1.87.0", 1_087_000),
        sparse=Library("asio"),
    ),
    StoreCase(
        LIBRARY_VERSIONS,
        full=LibraryVersion(
            "json",
            "1.86.0",
            module="json",
            name="JSON — ünïcødé 日本語",
            description="JSON parsing, serialization, and DOM in C++11",
            categories=("Containers", "Data", "IO"),
            cxxstd="11",
            authors=(BoostAuthorRef(7), BoostAuthorRef(8)),
            maintainers=(BoostAuthorRef(9), BoostAuthorRef(11)),
        ),
        changed=LibraryVersion(
            "json",
            "1.86.0",
            module="json2",
            name="Boost.JSON",
            description="JSON in C++17",
            categories=("IO", "Parsing"),
            cxxstd="17",
            authors=(BoostAuthorRef(8), BoostAuthorRef(10)),
            maintainers=(BoostAuthorRef(7), BoostAuthorRef(9)),
        ),
        sparse=LibraryVersion("asio", "1.9.0"),
    ),
    StoreCase(
        DEPENDENCIES,
        full=Dependency("json", "1.86.0", "config", "boost/config.hpp"),
        changed=Dependency("json", "1.86.0", "config", "boost/config/workaround.hpp"),
        sparse=Dependency("json", "1.86.0", "core"),
    ),
    StoreCase(
        DEPENDENCY_CHANGES,
        full=DependencyChange("json", "core", "1.86.0", True, "1.85.0"),
        changed=DependencyChange("json", "core", "1.86.0", False, "1.84.0"),
        sparse=DependencyChange("json", "assert", "1.86.0"),
    ),
    StoreCase(
        HEADERS,
        full=Header("boost/asio/io_context.hpp", "asio", "1.66.0", "1.86.0", 1_086_000),
        changed=Header("boost/asio/io_context.hpp", "asio2", "1.67.0", "1.87.0", 1_087_000),
        sparse=Header("boost/config.hpp"),
    ),
]
