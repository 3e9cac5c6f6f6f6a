"""Scanning a project's tree: its Boost includes, its declared version, its embedded copy of
Boost, its identity, and every way a tree can be unreadable."""

import os
import shutil
import subprocess
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from core.protocols.claims import GitHubAccountClaim
from core.protocols.ingest import SeenAll, SourceProblem
from core.protocols.refs import GitHubRepositoryRef
from core.sources.files import open_regular
from trackers.boost_usage.records import Project, ProjectSeen, Usage
from trackers.boost_usage.sources import project_tree
from trackers.boost_usage.sources.project_tree import project_fingerprint, read_project_tree

FIXTURES = Path(__file__).parents[2] / "fixtures" / "boost_usage"
AT = datetime(2025, 6, 1, 12, 0, tzinfo=UTC)

needs_git = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")


def scan(path: Path) -> list[object]:
    return list(read_project_tree(path, None))


def touch(path: Path, at: datetime) -> None:
    nanoseconds = int(at.timestamp()) * 10**9 + at.microsecond * 1000
    os.utime(path, ns=(nanoseconds, nanoseconds))


def usages(items: list[object]) -> dict[tuple[str, str], int | None]:
    return {(u.path, u.header): u.line for u in items if isinstance(u, Usage)}


def project(items: list[object]) -> ProjectSeen:
    [found] = [item for item in items if isinstance(item, Project)]
    return found


def problems(items: list[object]) -> list[SourceProblem]:
    return [item for item in items if isinstance(item, SourceProblem)]


def write(root: Path, files: dict[str, str | bytes]) -> Path:
    for name, content in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content)
    return root


@pytest.fixture(autouse=True)
def _no_user_git_config(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GIT_CONFIG_GLOBAL", os.devnull)
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")


# -- includes ------------------------------------------------------------------------------


def test_given_a_cmake_project_then_each_file_s_boost_headers_are_its_usages_at_first_line() -> (
    None
):
    # when the project is scanned
    items = scan(FIXTURES / "cmake_project")

    # then comments, #if 0, raw strings, other libraries and other files include nothing,
    # each header counts once per file at its first include, and both live branches count
    assert usages(items) == {
        ("src/main.cpp", "boost/filesystem.hpp"): 2,
        ("src/main.cpp", "boost/program_options.hpp"): 3,
        ("src/main.cpp", "boost/spirit/home/x3.hpp"): 12,
        ("src/main.cpp", "boost/asio.hpp"): 15,
        ("src/main.cpp", "boost/optional.hpp"): 17,
        ("include/app/app.hpp", "boost/core/noncopyable.hpp"): 2,
    }
    assert problems(items) == []


def test_given_a_scan_then_each_usage_is_first_seen_as_of_its_file_s_modification(
    tmp_path: Path,
) -> None:
    write(tmp_path, {"a.cpp": "#include <boost/a.hpp>", "src/b.cpp": "#include <boost/b.hpp>"})
    touch(tmp_path / "a.cpp", AT)
    touch(tmp_path / "src" / "b.cpp", AT + timedelta(seconds=1.5))

    items = scan(tmp_path)

    key = project(items).key
    assert {
        (u.project, u.path, u.first_seen, u.gone_at) for u in items if isinstance(u, Usage)
    } == {
        (key, "a.cpp", AT, None),
        (key, "src/b.cpp", AT + timedelta(seconds=1.5), None),
    }


def test_given_a_complete_scan_then_it_ends_with_seen_all_as_of_the_tree_s_newest_change(
    tmp_path: Path,
) -> None:
    # given a tree whose newest modification is a folder's: a file was removed from it
    write(tmp_path, {"a.cpp": "#include <boost/a.hpp>", "src/b.cpp": ""})
    for path in (tmp_path, tmp_path / "a.cpp", tmp_path / "src/b.cpp"):
        touch(path, AT)
    touch(tmp_path / "src", AT + timedelta(days=1))

    items = scan(tmp_path)

    # then the project and its sweep are as of that change
    assert project(items).changed_at == AT + timedelta(days=1)
    assert items[-1] == SeenAll(Usage, (project(items).key,), AT + timedelta(days=1))


def test_given_an_unchanged_tree_when_scanned_twice_then_the_same_records_come_out() -> None:
    assert scan(FIXTURES / "cmake_project") == scan(FIXTURES / "cmake_project")


def test_given_a_file_with_a_byte_order_mark_and_latin_1_bytes_then_its_includes_are_read(
    tmp_path: Path,
) -> None:
    write(
        tmp_path,
        {"a.cpp": b'\xef\xbb\xbf#include <boost/any.hpp>\n// caf\xe9\n#include "boost/x.h"'},
    )

    assert usages(scan(tmp_path)) == {("a.cpp", "boost/any.hpp"): 1, ("a.cpp", "boost/x.h"): 3}


def test_given_files_inside_git_folders_then_they_are_not_the_project_s(tmp_path: Path) -> None:
    write(
        tmp_path,
        {"lib/.git/hooks/x.cpp": "#include <boost/a.hpp>\n", "b.hh": "#include <boost/b.hpp>"},
    )

    assert usages(scan(tmp_path)) == {("b.hh", "boost/b.hpp"): 1}


# -- declared versions ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("folder", "version", "source", "file", "line"),
    [
        ("cmake_project", "1.81.0", "CMake find_package", "CMakeLists.txt", 6),
        ("conan_project", "1.83.0", "conan", "conanfile.py", 9),
        ("vcpkg_project", "1.84.0", "vcpkg", "vcpkg.json", 6),
        ("distribution", "1.84.0", "embedded copy", "vendor/boost_1_84_0/boost/version.hpp", 3),
    ],
)
def test_given_a_project_then_its_most_trusted_declaration_names_version_file_and_line(
    folder: str, version: str, source: str, file: str, line: int
) -> None:
    found = project(scan(FIXTURES / folder))

    assert (found.boost_version, found.version_source) == (version, source)
    assert (found.version_file, found.version_line) == (file, line)


def test_given_an_own_define_and_a_cmake_minimum_then_the_define_is_trusted_first(
    tmp_path: Path,
) -> None:
    write(
        tmp_path,
        {
            "CMakeLists.txt": "find_package(Boost 1.80)\n",
            "src/pin.hpp": '#pragma once\n#define BOOST_LIB_VERSION "1_82"\n',
        },
    )

    found = project(scan(tmp_path))

    assert (found.boost_version, found.version_source, found.version_file) == (
        "1.82.0",
        "#define",
        "src/pin.hpp",
    )


def test_given_nothing_declared_then_the_version_is_unknown(tmp_path: Path) -> None:
    write(tmp_path, {"main.c": "#include <boost/preprocessor.hpp>\n"})

    found = project(scan(tmp_path))

    assert (found.boost_version, found.version_file, found.version_line) == ("", "", None)
    assert not found.embeds_boost


# -- embedded copies -----------------------------------------------------------------------


def test_given_a_boost_distribution_in_the_tree_then_none_of_its_files_are_usages() -> None:
    items = scan(FIXTURES / "distribution")

    assert project(items).embeds_boost
    assert usages(items) == {("src/main.cpp", "boost/json.hpp"): 1}


def test_given_a_copied_boost_folder_then_only_that_folder_is_the_copy(tmp_path: Path) -> None:
    # given headers copied into the project's include folder, beside its own
    write(
        tmp_path,
        {
            "include/boost/version.hpp": '#define BOOST_LIB_VERSION "1_85"\n',
            "include/boost/any.hpp": "#include <boost/config.hpp>\n",
            "include/app/app.hpp": "#include <boost/any.hpp>\n",
        },
    )

    items = scan(tmp_path)

    # then the copy's own includes are left out, the project's own kept
    assert usages(items) == {("include/app/app.hpp", "boost/any.hpp"): 1}
    found = project(items)
    assert (found.embeds_boost, found.boost_version) == (True, "1.85.0")


def test_given_a_version_header_that_is_not_boost_s_then_nothing_is_embedded(
    tmp_path: Path,
) -> None:
    write(tmp_path, {"boost/version.hpp": "#include <boost/config.hpp>\n"})

    items = scan(tmp_path)

    assert not project(items).embeds_boost
    assert usages(items) == {("boost/version.hpp", "boost/config.hpp"): 1}


# -- identity ------------------------------------------------------------------------------


def test_given_a_plain_folder_then_its_key_is_local_with_its_name_and_a_hash_of_its_path(
    tmp_path: Path,
) -> None:
    one = write(tmp_path / "a" / "app", {"x.cpp": ""})
    other = write(tmp_path / "b" / "app", {"x.cpp": ""})

    first, second, again = (project(scan(path)) for path in (one, other, one))

    assert first.key.startswith("local/app-") and first.name == "app"
    assert first.key != second.key and first.key == again.key
    assert first.repository is None


def git(repo: Path, *args: str) -> None:
    subprocess.run(["git", "-C", str(repo), *args], check=True, capture_output=True)


@needs_git
def test_given_a_clone_of_a_github_repository_then_it_is_that_repository_by_reference(
    tmp_path: Path,
) -> None:
    repo = write(tmp_path / "checkout", {"src/a.cpp": "#include <boost/json.hpp>\n"})
    git(repo, "init", "--quiet")
    git(repo, "remote", "add", "upstream", "https://gitlab.com/mirror/json.git")
    git(repo, "remote", "add", "origin", "git@github.com:BoostOrg/JSON.git")

    items = scan(repo)

    found = project(items)
    assert (found.key, found.name) == ("boostorg/json", "BoostOrg/JSON")
    assert found.repository == GitHubRepositoryRef("boostorg/json")
    assert found.owner == GitHubAccountClaim(login="BoostOrg")
    assert {u.project for u in items if isinstance(u, Usage)} == {"boostorg/json"}


@needs_git
def test_given_a_git_work_tree_without_a_github_remote_then_it_is_a_local_project(
    tmp_path: Path,
) -> None:
    repo = write(tmp_path / "tool", {"a.cpp": ""})
    git(repo, "init", "--quiet")
    git(repo, "remote", "add", "origin", "https://gitlab.com/me/tool.git")

    found = project(scan(repo))

    assert found.key.startswith("local/tool-")
    assert (found.repository, found.owner) == (None, None)


def test_given_a_git_folder_git_cannot_read_then_one_problem_and_no_records(
    tmp_path: Path,
) -> None:
    write(tmp_path / "p", {".git": "gitdir: /no/such/place\n", "a.cpp": "#include <boost/a.hpp>"})

    items = scan(tmp_path / "p")

    [problem] = items
    assert isinstance(problem, SourceProblem)
    assert problem.path == str(tmp_path / "p") and problem.position == ""
    assert problem.reason.startswith("cannot read its git remotes: ")


# -- problems ------------------------------------------------------------------------------


def test_given_no_such_path_then_one_problem_says_so() -> None:
    assert scan(Path("/no/such/project")) == [
        SourceProblem("/no/such/project", "", "no such folder")
    ]


def test_given_a_file_rather_than_a_folder_then_one_problem_says_so() -> None:
    path = FIXTURES / "cmake_project" / "CMakeLists.txt"

    assert scan(path) == [SourceProblem(str(path), "", "not a folder")]


def test_given_a_file_too_big_then_it_is_skipped_with_a_problem_and_nothing_looks_gone(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(project_tree, "FILE_LIMIT", 100)
    write(
        tmp_path,
        {"big.cpp": "#include <boost/a.hpp>\n" + "x" * 200, "ok.cpp": "#include <boost/b.hpp>"},
    )

    items = scan(tmp_path)

    assert problems(items) == [
        SourceProblem(
            str(tmp_path / "big.cpp"),
            "",
            "223 bytes, more than the 100 a file is read up to: skipped",
        )
    ]
    assert usages(items) == {("ok.cpp", "boost/b.hpp"): 1}
    assert not any(isinstance(item, SeenAll) for item in items)


def test_given_a_file_that_cannot_be_opened_then_a_problem_names_it_and_the_scan_is_partial(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write(tmp_path, {"locked.cpp": "#include <boost/a.hpp>", "ok.cpp": "#include <boost/b.hpp>"})
    opened = open_regular

    def refuse(path: Path) -> object:
        if path.name == "locked.cpp":
            raise PermissionError(13, "Permission denied")
        return opened(path)

    monkeypatch.setattr(project_tree, "open_regular", refuse)

    items = scan(tmp_path)

    assert problems(items) == [
        SourceProblem(str(tmp_path / "locked.cpp"), "", "cannot open: Permission denied")
    ]
    assert usages(items) == {("ok.cpp", "boost/b.hpp"): 1}
    assert not any(isinstance(item, SeenAll) for item in items)


def test_given_a_fifo_and_a_broken_link_then_each_is_a_problem_and_the_scan_is_partial(
    tmp_path: Path,
) -> None:
    write(tmp_path, {"ok.cpp": "#include <boost/b.hpp>"})
    os.mkfifo(tmp_path / "pipe.hpp")
    (tmp_path / "gone.cpp").symlink_to(tmp_path / "nowhere.cpp")

    items = scan(tmp_path)

    assert {(p.path, p.reason) for p in problems(items)} == {
        (str(tmp_path / "pipe.hpp"), "not a regular file but a FIFO (named pipe)"),
        (str(tmp_path / "gone.cpp"), "a broken symbolic link"),
    }
    assert usages(items) == {("ok.cpp", "boost/b.hpp"): 1}
    assert not any(isinstance(item, SeenAll) for item in items)


def test_given_broken_manifests_then_each_is_a_problem_and_the_usages_are_complete() -> None:
    folder = FIXTURES / "broken"

    items = scan(folder)

    assert problems(items) == [
        SourceProblem(
            str(folder / "CMakeLists.txt"),
            "line 1 (byte 5)",
            "not UTF-8 text: the manifest is not read",
        ),
        SourceProblem(
            str(folder / "vcpkg.json"),
            "line 5 column 3",
            "not valid JSON: Expecting value",
        ),
    ]
    assert usages(items) == {("src/ok.cpp", "boost/json.hpp"): 1}
    assert project(items).boost_version == ""
    assert isinstance(items[-1], SeenAll)


# -- fingerprint ---------------------------------------------------------------------------


def tree_for_fingerprints(root: Path) -> Path:
    return write(root, {"a.cpp": "#include <boost/a.hpp>\n", "notes.txt": "x"})


def test_given_an_unchanged_tree_then_its_fingerprint_is_the_same(tmp_path: Path) -> None:
    root = tree_for_fingerprints(tmp_path)

    assert project_fingerprint(root) == project_fingerprint(root)


def test_given_a_file_that_is_not_scanned_changes_then_the_fingerprint_stays(
    tmp_path: Path,
) -> None:
    root = tree_for_fingerprints(tmp_path)
    before = project_fingerprint(root)

    (root / "notes.txt").write_text("a longer note")

    assert project_fingerprint(root) == before


@pytest.mark.parametrize(
    "change",
    [
        lambda root: (root / "a.cpp").write_text("#include <boost/b.hpp>\n// longer\n"),
        lambda root: (root / "b.hpp").write_text(""),
        lambda root: (root / "a.cpp").unlink(),
        lambda root: (root / "vcpkg.json").write_text("{}"),
        lambda root: os.utime(root / "a.cpp", ns=(0, 10**9)),
    ],
    ids=["edited", "added", "removed", "manifest added", "touched"],
)
def test_given_a_scanned_file_changes_then_the_fingerprint_changes(
    tmp_path: Path, change: object
) -> None:
    root = tree_for_fingerprints(tmp_path)
    before = project_fingerprint(root)

    assert callable(change)
    change(root)

    assert project_fingerprint(root) != before


@pytest.mark.parametrize(
    ("name", "error"), [("missing", FileNotFoundError), ("CMakeLists.txt", NotADirectoryError)]
)
def test_given_a_path_that_is_not_a_folder_then_the_fingerprint_cannot_be_taken(
    name: str, error: type[OSError]
) -> None:
    with pytest.raises(error):
        project_fingerprint(FIXTURES / "cmake_project" / name)


def test_given_a_file_name_that_is_not_utf_8_then_its_path_is_stored_escaped(
    tmp_path: Path,
) -> None:
    name = os.fsdecode(b"caf\xe9.cpp")
    (tmp_path / name).write_text("#include <boost/any.hpp>\n")

    assert usages(scan(tmp_path)) == {("caf\\xe9.cpp", "boost/any.hpp"): 1}
