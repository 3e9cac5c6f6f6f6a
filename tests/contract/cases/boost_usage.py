"""The Boost usage tracker's store cases: a project and a usage, on every adapter."""

from core.protocols.refs import GitHubAccountRef, GitHubRepositoryRef
from tests.contract.cases import T1, T2, T3, T4, StoreCase
from trackers.boost_usage.ingest import PROJECTS, USAGES
from trackers.boost_usage.records import Project, Usage

CASES = [
    StoreCase(
        PROJECTS,
        full=Project(
            key="boostorg/json",
            name="boostorg/JSON",
            repository=GitHubRepositoryRef("boostorg/json"),
            owner=GitHubAccountRef(7),
            boost_version="1.86.0",
            version_source="CMake find_package",
            version_file="ünïcødé/日本語 🚀/CMakeLists.txt",
            version_line=12,
            embeds_boost=True,
            changed_at=T1,
        ),
        changed=Project(
            key="boostorg/json",
            name="BoostOrg/Json",
            repository=GitHubRepositoryRef("cppalliance/json"),
            owner=GitHubAccountRef(8),
            boost_version="1.85.0",
            version_source="embedded copy",
            version_file="third_party/boost/boost/version.hpp",
            version_line=3,
            embeds_boost=False,
            changed_at=T3,
        ),
        sparse=Project(key="local/webapp-1a2b3c4d"),
    ),
    StoreCase(
        USAGES,
        full=Usage(
            project="boostorg/json",
            path="src/ünïcødé 日本語 🚀.cpp",
            header="boost/json/ünïcødé.hpp",
            line=7,
            first_seen=T2,
            gone_at=T4,
        ),
        changed=Usage(
            project="boostorg/json",
            path="src/ünïcødé 日本語 🚀.cpp",
            header="boost/json/ünïcødé.hpp",
            line=8,
            first_seen=T1,
            gone_at=T3,
        ),
        sparse=Usage(project="local/webapp-1a2b3c4d", path="src/main.cpp", header="boost/asio.hpp"),
    ),
]
