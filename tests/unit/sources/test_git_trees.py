"""Reading a tree and its blobs in bulk: one ls-tree, one cat-file process."""

from pathlib import Path

import pytest

from core.sources.git import GitFailed
from core.sources.git_trees import GITLINK, read_blobs, tree_entries
from tests.support.boost_repos import Gitlink, Repo


@pytest.fixture
def repo(tmp_path: Path) -> Repo:
    repo = Repo(tmp_path / "r.git")
    repo.commit(
        {
            "include/boost/a.hpp": "a\n",
            "include/boost/é b.hpp": b"\xff\x00binary",
            "src/a.cpp": "a\n",  # the same content as a.hpp: one object
            "README.md": "readme",
            "libs/sub": Gitlink("1" * 40),
        }
    )
    return repo


def test_given_a_commit_then_its_files_and_gitlinks_are_listed_with_sizes(repo: Repo) -> None:
    assert repo.head is not None
    entries = {entry.path: entry for entry in tree_entries(repo.path, repo.head)}

    assert set(entries) == {
        "include/boost/a.hpp",
        "include/boost/é b.hpp",
        "src/a.cpp",
        "README.md",
        "libs/sub",
    }
    assert entries["include/boost/é b.hpp"].size == 8
    assert (entries["libs/sub"].mode, entries["libs/sub"].size) == (GITLINK, None)
    assert entries["src/a.cpp"].object == entries["include/boost/a.hpp"].object


def test_given_folders_then_only_what_is_under_them_is_listed(repo: Repo) -> None:
    assert repo.head is not None
    paths = [entry.path for entry in tree_entries(repo.path, repo.head, "include", "nothing")]

    assert sorted(paths) == ["include/boost/a.hpp", "include/boost/é b.hpp"]


def test_given_objects_then_each_content_comes_back_in_order_and_a_missing_one_as_none(
    repo: Repo,
) -> None:
    assert repo.head is not None
    entries = {entry.path: entry.object for entry in tree_entries(repo.path, repo.head)}
    wanted = [entries["include/boost/é b.hpp"], "0" * 40, entries["README.md"]]

    assert list(read_blobs(repo.path, wanted)) == [
        (wanted[0], b"\xff\x00binary"),
        ("0" * 40, None),
        (wanted[2], b"readme"),
    ]


def test_given_a_commit_the_repository_lacks_then_listing_it_fails_with_gits_reason(
    repo: Repo,
) -> None:
    with pytest.raises(GitFailed, match="not a tree object"):
        tree_entries(repo.path, "2" * 40)
