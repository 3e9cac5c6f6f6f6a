"""Reading a super-project from git: releases, modules wherever their objects are, libraries,
headers and dependencies, and the problems of each kind of bad input."""

import json
from pathlib import Path

import pytest

from core.protocols.ingest import SourceProblem
from core.protocols.refs import GitHubRepositoryRef
from tests.support.boost_repos import Gitlink, Mirror, Repo, git, gitmodules, library_json
from tests.unit.boost_libraries.sample import build_sample
from trackers.boost_libraries.records import (
    Dependency,
    DependencyChange,
    Header,
    Library,
    LibraryVersion,
    Module,
    Version,
)
from trackers.boost_libraries.sources.modules import BLOB_LIMIT
from trackers.boost_libraries.sources.super_project import boost_fingerprint, read_boost_libraries


def read(path: Path, since: str | None = None) -> list[object]:
    return list(read_boost_libraries(path, since))


def of[T](kind: type[T], items: list[object]) -> list[T]:
    return [item for item in items if isinstance(item, kind)]


def problems(items: list[object]) -> list[SourceProblem]:
    return of(SourceProblem, items)


@pytest.fixture
def sample(tmp_path: Path) -> Mirror:
    return build_sample(tmp_path / "boostorg")


def test_given_the_sample_mirror_then_every_release_module_library_and_header_is_read(
    sample: Mirror,
) -> None:
    items = read(sample.boost.path)

    assert problems(items) == []
    assert [(v.version, v.tag, v.sort_key) for v in of(Version, items)] == [
        ("1.85.0", "boost-1.85.0", 1_085_000),
        ("1.86.0", "boost-1.86.0", 1_086_000),
    ]
    assert of(Module, items)[3] == Module(
        "json",
        "libs/json",
        "../json.git",
        GitHubRepositoryRef("boostorg/json"),
        "1.85.0",
        "1.86.0",
        1_086_000,
    )
    assert of(Library, items)[0] == Library("assert", "assert", "1.85.0", "1.86.0", 1_086_000)
    assert [h.path for h in of(Header, items)] == [
        "boost/assert.hpp",
        "boost/config.hpp",
        "boost/core/ignore_unused.hpp",
        "boost/core/noncopyable.hpp",
        "boost/json.hpp",
        "boost/json/value.hpp",
    ]
    json_1_86 = [
        lv for lv in of(LibraryVersion, items) if (lv.library, lv.version) == ("json", "1.86.0")
    ]
    assert json_1_86[0].description == "JSON parsing, serialization, and DOM in C++11."


def test_given_two_releases_then_dependencies_follow_the_includes_and_the_log_has_what_changed(
    sample: Mirror,
) -> None:
    items = read(sample.boost.path)

    dependencies = {(d.module, d.version, d.dependency) for d in of(Dependency, items)}
    assert {(m, d) for m, v, d in dependencies if v == "1.85.0"} == {
        ("assert", "config"),
        ("core", "config"),
        ("json", "assert"),
        ("json", "config"),
    }
    # a commented-out include and one under #if 0 are not dependencies
    assert ("config", "1.85.0", "assert") not in dependencies
    assert ("json", "1.86.0", "assert") not in dependencies
    assert of(DependencyChange, items) == [
        DependencyChange("json", "assert", "1.86.0", False, "1.85.0"),
        DependencyChange("json", "core", "1.86.0", True, "1.85.0"),
    ]


def test_given_betas_and_two_digit_minors_then_only_releases_are_read_in_numeric_order(
    tmp_path: Path,
) -> None:
    mirror = Mirror(tmp_path)
    commit = mirror.module("config", {"include/boost/config.hpp": "\n"})
    for version in ("1.10.0", "1.9.0"):
        mirror.release(version, {"config": commit})
    mirror.boost.tag("boost-1.11.0.beta1")
    mirror.boost.tag("boost-1.11.0.rc1", annotated=False)
    mirror.boost.tag("v1.11.0")

    versions = [v.version for v in of(Version, read(mirror.boost.path))]

    assert versions == ["1.9.0", "1.10.0"]


def test_given_a_work_tree_with_initialised_modules_then_their_objects_are_read_from_the_git_dir(
    tmp_path: Path,
) -> None:
    # given a checkout (not bare) whose modules live in .git/modules/<name>, one nested, one a tool
    boost = Repo(tmp_path / "boost", bare=False)
    hash_ = Repo(boost.git_dir / "modules" / "container_hash")
    build = Repo(boost.git_dir / "modules" / "build")
    numeric = Repo(tmp_path / "boost" / "libs" / "numeric" / "conversion", bare=False)
    hash_commit = hash_.commit(
        {
            "include/boost/container_hash/hash.hpp": (
                "#include <boost/numeric/conversion/cast.hpp>\n"
            ),
            "include/boost/functional/hash.hpp": '#include "boost/container_hash/hash.hpp"\n',
            "meta/libraries.json": library_json("functional/hash", name="Container Hash"),
        }
    )
    numeric_commit = numeric.commit(
        {
            "include/boost/numeric/conversion/cast.hpp": "\n",
            "meta/libraries.json": json.dumps([{"key": "numeric/conversion"}]),
        }
    )
    build_commit = build.commit({"src/engine/main.cpp": "#include <boost/functional/hash.hpp>\n"})
    paths = {
        "container_hash": "libs/container_hash",
        "numeric_conversion": "libs/numeric/conversion",
        "build": "tools/build",
    }
    boost.commit(
        {
            ".gitmodules": gitmodules(paths),
            "libs/container_hash": Gitlink(hash_commit),
            "libs/numeric/conversion": Gitlink(numeric_commit),
            "tools/build": Gitlink(build_commit),
        }
    )
    boost.tag("boost-1.86.0")
    git(boost.path, "remote", "add", "origin", "git@github.com:BoostOrg/Boost.git")

    # when it is read
    items = read(boost.path)

    # then nested and tool modules are modules; only those with libraries.json hold libraries
    assert problems(items) == []
    assert [(m.name, m.path, m.repository) for m in of(Module, items)] == [
        ("build", "tools/build", GitHubRepositoryRef("boostorg/build")),
        ("container_hash", "libs/container_hash", GitHubRepositoryRef("boostorg/container_hash")),
        (
            "numeric_conversion",
            "libs/numeric/conversion",
            GitHubRepositoryRef("boostorg/numeric_conversion"),
        ),
    ]
    assert [(lib.key, lib.module) for lib in of(Library, items)] == [
        ("functional/hash", "container_hash"),
        ("numeric/conversion", "numeric_conversion"),
    ]
    assert {(d.module, d.dependency) for d in of(Dependency, items)} == {
        ("build", "container_hash"),
        ("container_hash", "numeric_conversion"),
    }


def test_given_a_module_whose_objects_are_nowhere_then_one_problem_says_how_to_get_them(
    sample: Mirror,
) -> None:
    # given the sample mirror without core's repository
    git(sample.root, "clone", "--quiet", "--bare", "core.git", "core-elsewhere.git")
    (sample.root / "core.git").rename(sample.root / "gone.git")

    items = read(sample.boost.path)

    # then one problem for core in both releases, and its module and releases still stored
    [problem] = problems(items)
    assert problem.position == "module core"
    assert "clone https://github.com/boostorg/core.git as" in problem.reason
    assert "core" in {m.name for m in of(Module, items)}
    assert len(of(Version, items)) == 2
    assert "core" not in {lv.library for lv in of(LibraryVersion, items)}
    # json's dependency on core is unknown, not a change: core's headers are not known either
    assert all(change.module != "core" for change in of(DependencyChange, items))


def test_given_bad_metadata_then_each_fault_is_one_problem_naming_file_release_and_position(
    tmp_path: Path,
) -> None:
    mirror = Mirror(tmp_path)
    broken = mirror.module("json", {"meta/libraries.json": "{ not json"})
    listed = mirror.module(
        "config",
        {
            "meta/libraries.json": json.dumps(
                [{"key": "config"}, {"name": "keyless"}, {"key": "x", "cxxstd": ["11"]}]
            )
        },
    )
    mirror.release("1.86.0", {"json": broken, "config": listed})
    mirror.release("1.87.0", {"json": broken, "config": listed})

    found = problems(read(mirror.boost.path))

    # then each fault is told once, at the first release holding it
    where = mirror.boost.path
    assert [(p.path, p.position, p.reason) for p in found] == [
        (f"{where}/libs/config/meta/libraries.json at boost-1.86.0", "library 2", "has no key"),
        (
            f"{where}/libs/config/meta/libraries.json at boost-1.86.0",
            "library 3 'x'",
            "cxxstd should be a string, not an array",
        ),
        (
            f"{where}/libs/json/meta/libraries.json at boost-1.86.0",
            "line 1 column 3",
            "not valid JSON: Expecting property name enclosed in double quotes",
        ),
    ]


def test_given_a_broken_gitmodules_then_that_release_is_one_problem_and_the_others_are_read(
    sample: Mirror,
) -> None:
    sample.boost.commit({".gitmodules": '[submodule "asio"\n\tpath = libs/asio\n'})
    sample.boost.tag("boost-1.87.0")

    items = read(sample.boost.path)

    [problem] = problems(items)
    assert problem.path == f"{sample.boost.path}/.gitmodules at boost-1.87.0"
    # git tells the line where it gave up: after the unclosed section header
    assert problem.position == "line 2"
    assert "bad config line 2" in problem.reason
    assert [v.version for v in of(Version, items)] == ["1.85.0", "1.86.0", "1.87.0"]
    # the release whose modules are unknown has no dependencies and changes no log
    assert {d.version for d in of(Dependency, items)} == {"1.85.0", "1.86.0"}


def test_given_a_file_too_big_to_read_then_it_is_skipped_with_a_problem(tmp_path: Path) -> None:
    mirror = Mirror(tmp_path)
    big = "#include <boost/config.hpp>\n" + "/" * BLOB_LIMIT
    commit = mirror.module("big", {"include/boost/big.hpp": big, "include/boost/config.hpp": ""})
    mirror.release("1.86.0", {"big": commit})

    items = read(mirror.boost.path)

    [problem] = problems(items)
    assert problem.path.endswith("libs/big/include/boost/big.hpp at boost-1.86.0")
    assert "more than the 4,194,304 read" in problem.reason
    assert "boost/big.hpp" in {h.path for h in of(Header, items)}


@pytest.mark.parametrize("kind", ["missing", "file", "not a repository", "no releases"])
def test_given_a_path_that_is_no_super_project_then_it_is_one_problem_for_the_whole_path(
    tmp_path: Path, kind: str
) -> None:
    path = tmp_path / "boost"
    if kind == "file":
        path.write_text("x")
    elif kind == "not a repository":
        path.mkdir()
    elif kind == "no releases":
        Repo(path).commit({"README.md": "x"})

    [problem] = read(path)

    assert isinstance(problem, SourceProblem)
    assert (problem.path, problem.position) == (str(path), "")
    if kind != "no releases":
        with pytest.raises(OSError, match=r"\S"):
            boost_fingerprint(path)


def test_given_an_earlier_fingerprint_then_only_new_releases_and_the_one_before_are_read(
    sample: Mirror,
) -> None:
    # given the sample read, then a release 1.87.0 where json includes assert alone
    since = boost_fingerprint(sample.boost.path)
    json_1_87 = sample.module(
        "json",
        {
            "include/boost/json.hpp": "#include <boost/assert.hpp>\n",
            "include/boost/json/new.hpp": "",
        },
    )
    commits = {name: repo.head or "" for name, repo in sample.modules.items()}
    sample.release("1.87.0", {**commits, "json": json_1_87})

    # when it is read again from that fingerprint
    items = read(sample.boost.path, since)

    # then 1.86.0 is read again for the log, 1.85.0 is not, and spans keep what they knew
    assert [v.version for v in of(Version, items)] == ["1.86.0", "1.87.0"]
    assert {
        (c.dependency, c.added) for c in of(DependencyChange, items) if c.version == "1.87.0"
    } == {
        ("assert", True),
        ("config", False),
        ("core", False),
    }
    headers = {h.path: h for h in of(Header, items)}
    assert headers["boost/json.hpp"].first_version == ""  # known from before: not said
    assert headers["boost/json/new.hpp"].first_version == "1.87.0"
    assert headers["boost/json/value.hpp"].last_version == "1.86.0"


def test_given_a_module_that_turns_up_after_a_read_then_the_fingerprint_changes_and_all_is_read(
    sample: Mirror,
) -> None:
    (sample.root / "core.git").rename(sample.root / "core-away")
    since = boost_fingerprint(sample.boost.path)
    (sample.root / "core-away").rename(sample.root / "core.git")

    assert boost_fingerprint(sample.boost.path) != since
    assert len(of(Version, read(sample.boost.path, since))) == 2
