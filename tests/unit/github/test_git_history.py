"""Reading local git history: every quirk of formats.md "Local git history", on real repositories
built with git in tmp_path."""

import json
import os
import shutil
import subprocess
import time
import tracemalloc
from collections.abc import Generator, Sequence
from datetime import UTC, datetime
from itertools import islice
from pathlib import Path
from typing import ClassVar

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from core.protocols.claims import GitAuthorClaim, GitHubAccountClaim
from core.protocols.ingest import SourceProblem
from trackers.github.records import Commit, CommitSeen, FileChange, Repository, RepositorySeen
from trackers.github.sources.git_history import (
    RECORD_LIMIT,
    git_fingerprint,
    git_log_command,
    read_git_history,
)

REPO_ROOT = Path(__file__).parents[3]
EMPTY_TREE = b"4b825dc642cb6eb9a060e54bf8d69288fbee4904"
ADA = ("Ada Lovelace", "ada@example.com")
ADA_CLAIM = GitAuthorClaim(name="Ada Lovelace", email="ada@example.com")

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")


@pytest.fixture(autouse=True)
def _no_user_git_config(monkeypatch: pytest.MonkeyPatch) -> None:
    """Neither the fixtures nor the reader may see the machine's global or system git config."""
    monkeypatch.setenv("GIT_CONFIG_GLOBAL", os.devnull)
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")
    for name in ("GIT_DIR", "GIT_WORK_TREE", "GIT_INDEX_FILE", "GIT_OBJECT_DIRECTORY"):
        monkeypatch.delenv(name, raising=False)


# -- building repositories ---------------------------------------------------------------------


def git(repo: Path, *args: str, env: dict[str, str] | None = None, stdin: bytes = b"") -> str:
    done = subprocess.run(
        ["git", "-C", str(repo), *args],
        input=stdin,
        capture_output=True,
        env={**os.environ, **(env or {})},
        check=False,
    )
    assert done.returncode == 0, done.stderr.decode(errors="replace")
    return done.stdout.decode(errors="replace").strip()


def init(path: Path, *args: str) -> Path:
    path.mkdir(parents=True, exist_ok=True)
    git(path, "init", "-q", "-b", "main", *args)
    return path


def commit(
    repo: Path,
    message: str = "Change something",
    *,
    author: tuple[str, str] = ADA,
    committer: tuple[str, str] | None = None,
    date: str = "2024-05-01T12:00:00+02:00",
) -> str:
    """``git commit --allow-empty`` as ``author``, keeping the message verbatim."""
    committer = committer or author
    env = {
        "GIT_AUTHOR_NAME": author[0],
        "GIT_AUTHOR_EMAIL": author[1],
        "GIT_AUTHOR_DATE": date,
        "GIT_COMMITTER_NAME": committer[0],
        "GIT_COMMITTER_EMAIL": committer[1],
        "GIT_COMMITTER_DATE": date,
    }
    git(repo, "commit", "-q", "--allow-empty", "--cleanup=verbatim", "-m", message, env=env)
    return git(repo, "rev-parse", "HEAD")


def raw_commit(
    repo: Path,
    *,
    author: bytes = b"Ada Lovelace <ada@example.com>",
    committer: bytes = b"Ada Lovelace <ada@example.com>",
    message: bytes = b"Change something\n",
    author_date: bytes = b"1714557600 +0200",
    headers: bytes = b"",
    ref: str = "refs/heads/main",
) -> str:
    """A commit object written byte for byte, as old or foreign tools wrote them; no checks."""
    parent = subprocess.run(
        ["git", "-C", str(repo), "rev-parse", "--verify", "-q", ref],
        capture_output=True,
        check=False,
    ).stdout.strip()
    body = (
        b"tree " + EMPTY_TREE + b"\n"
        + (b"parent " + parent + b"\n" if parent else b"")
        + b"author " + author + b" " + author_date + b"\n"
        + b"committer " + committer + b" 1714557600 +0200\n"
        + headers
        + b"\n" + message
    )  # fmt: skip
    git(repo, "hash-object", "-t", "tree", "-w", "--stdin")  # the empty tree must exist
    sha = git(repo, "hash-object", "-t", "commit", "-w", "--literally", "--stdin", stdin=body)
    git(repo, "update-ref", ref, sha)
    return sha


def fast_import(repo: Path, count: int, message_size: int = 120) -> None:
    """A linear history of ``count`` commits, written in one ``git fast-import`` run."""
    chunks: list[bytes] = []
    for i in range(count):
        who = f"Dev {i % 97} <dev{i % 97}@example.com> {1_600_000_000 + i * 60} +0000"
        message = f"Commit {i}\n\n{'word ' * (message_size // 5)}\n".encode()
        chunks.append(
            f"commit refs/heads/main\nauthor {who}\ncommitter {who}\ndata {len(message)}\n".encode()
            + message
            + b"\n"
        )
    git(repo, "fast-import", "--quiet", stdin=b"".join(chunks))


def read(path: Path) -> list[RepositorySeen | CommitSeen | FileChange | SourceProblem]:
    return list(read_git_history(path))


def only_files(items: Sequence[object]) -> list[FileChange]:
    return [item for item in items if isinstance(item, FileChange)]


def commits_of(path: Path) -> list[CommitSeen]:
    items = read(path)
    assert not [item for item in items if isinstance(item, SourceProblem)], items
    return [item for item in items if isinstance(item, Commit)]


def only_commit(path: Path) -> CommitSeen:
    [seen] = commits_of(path)
    return seen


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    return init(tmp_path / "project")


# -- the repository ----------------------------------------------------------------------------


def test_a_repository_without_remotes_is_named_after_its_directory(repo: Path) -> None:
    # given a repository with one commit and no remote
    sha = commit(repo)

    # when it is read
    items = read(repo)

    # then it comes first, named local/<directory>-<its root commit>, followed by its commit
    assert items[0] == RepositorySeen(full_name=f"local/project-{sha[:12]}", owner=None)
    [seen] = items[1:]
    assert isinstance(seen, Commit)
    assert (seen.repository, seen.sha) == (f"local/project-{sha[:12]}", sha)


def test_unrelated_repositories_in_folders_of_one_name_stay_apart(tmp_path: Path) -> None:
    # given two histories in two folders both called "project", and a clone of the first
    first = init(tmp_path / "a" / "project")
    second = init(tmp_path / "b" / "project")
    commit(first, "One")
    commit(second, "Other")
    clone = tmp_path / "c" / "project"
    subprocess.run(["git", "clone", "-q", str(first), str(clone)], check=True)

    # when each is read, then the unrelated ones have two names and the clone the first's
    names = [read(repo)[0] for repo in (first, second, clone)]
    assert all(isinstance(repository, Repository) for repository in names)
    keys = [getattr(repository, "key", None) for repository in names]
    assert len(set(keys[:2])) == 2
    assert keys[2] == keys[0]


@pytest.mark.parametrize(
    "url",
    [
        "https://github.com/boostorg/json.git",
        "https://github.com/boostorg/json",
        "https://github.com/boostorg/json/",
        "http://www.github.com/boostorg/json.git",
        "https://user:token@github.com/boostorg/json.git",
        "git@github.com:boostorg/json.git",
        "git@github.com:boostorg/json",
        "org-42@github.com:boostorg/json.git",
        "ssh://git@github.com/boostorg/json.git",
        "ssh://git@ssh.github.com:443/boostorg/json",
        "git://github.com/boostorg/json.git",
        "git+ssh://git@GitHub.com/boostorg/json.git",
    ],
)
def test_a_github_origin_names_the_repository_and_its_owner(repo: Path, url: str) -> None:
    # given a repository cloned from GitHub, in any URL style
    git(repo, "remote", "add", "origin", url)

    # when it is read
    [repository] = read(repo)

    # then its full name and owner come from the URL
    assert repository == RepositorySeen(
        full_name="boostorg/json", owner=GitHubAccountClaim(login="boostorg")
    )


def test_origin_is_preferred_over_the_other_remotes(repo: Path) -> None:
    # given a fork whose first remote is upstream and whose origin is the fork
    git(repo, "remote", "add", "upstream", "https://github.com/boostorg/json.git")
    git(repo, "remote", "add", "origin", "git@github.com:alice/json.git")

    # when it is read, then origin names it
    assert read(repo)[0] == RepositorySeen("alice/json", GitHubAccountClaim(login="alice"))


def test_the_first_remote_names_a_repository_without_origin(repo: Path) -> None:
    # given remotes but no origin
    git(repo, "remote", "add", "upstream", "https://github.com/boostorg/json.git")
    git(repo, "remote", "add", "mirror", "https://github.com/someone/json.git")

    # when it is read, then the first remote names it
    assert read(repo)[0] == RepositorySeen("boostorg/json", GitHubAccountClaim(login="boostorg"))


@pytest.mark.parametrize(
    "url",
    [
        "https://gitlab.com/boostorg/json.git",
        "git@example.com:github.com/json.git",
        "https://github.com/boostorg",
        "/srv/git/json.git",
    ],
)
def test_an_origin_that_is_not_a_github_repository_gives_a_local_name(repo: Path, url: str) -> None:
    git(repo, "remote", "add", "origin", url)
    assert read(repo)[0] == RepositorySeen(full_name="local/project", owner=None)


def test_a_bare_clone_is_read_and_named_without_its_git_suffix(repo: Path, tmp_path: Path) -> None:
    # given a bare clone of a repository with two commits
    first, second = commit(repo, "One"), commit(repo, "Two")
    bare = tmp_path / "mirror.git"
    subprocess.run(["git", "clone", "-q", "--bare", str(repo), str(bare)], check=True)

    # when the bare clone is read
    items = read(bare)

    # then it is local/mirror (its origin is a path) and holds both commits
    assert items[0] == RepositorySeen(full_name=f"local/mirror-{first[:12]}")
    assert [c.sha for c in items[1:] if isinstance(c, Commit)] == [second, first]


def test_the_git_directory_of_a_work_tree_reads_as_the_work_tree(repo: Path) -> None:
    sha = commit(repo)
    items = read(repo / ".git")
    assert items[0] == RepositorySeen(full_name=f"local/project-{sha[:12]}")
    assert [c.sha for c in items[1:] if isinstance(c, Commit)] == [sha]


def test_a_linked_worktree_reads_its_repository(repo: Path, tmp_path: Path) -> None:
    # given a second work tree, whose .git is a file pointing into the main repository
    sha = commit(repo)
    git(repo, "worktree", "add", "-q", str(tmp_path / "feature"))

    # when it is read, then it shows the repository's commits
    assert [c.sha for c in commits_of(tmp_path / "feature")] == [sha]


def test_an_empty_repository_yields_the_repository_and_nothing_else(repo: Path) -> None:
    assert read(repo) == [RepositorySeen(full_name="local/project")]


def test_an_empty_bare_repository_yields_the_repository_and_nothing_else(tmp_path: Path) -> None:
    bare = init(tmp_path / "empty.git", "--bare")
    assert read(bare) == [RepositorySeen(full_name="local/empty")]


def test_a_repository_owned_by_another_user_is_read(repo: Path) -> None:
    # the command line trusts every directory, whoever owns it ...
    assert "safe.directory=*" in git_log_command(repo)
    if os.geteuid() != 0:
        return  # ... and only root can hand a directory to another user to prove it end to end

    # given a repository owned by nobody, which git refuses by default
    sha = commit(repo)
    subprocess.run(["chown", "-R", "65534:65534", str(repo)], check=True)
    refused = subprocess.run(["git", "-C", str(repo), "log"], capture_output=True, check=False)
    assert b"dubious ownership" in refused.stderr

    # when it is read, then its commits are there
    assert [c.sha for c in commits_of(repo)] == [sha]


# -- problems ----------------------------------------------------------------------------------


def test_a_missing_path_is_one_problem(tmp_path: Path) -> None:
    missing = tmp_path / "nowhere"
    assert read(missing) == [SourceProblem(str(missing), "", "no such folder")]


def test_a_file_is_one_problem(tmp_path: Path) -> None:
    file = tmp_path / "README"
    file.write_text("not a repository")
    assert read(file) == [SourceProblem(str(file), "", "not a folder")]


def test_a_directory_that_is_not_a_repository_is_one_problem(tmp_path: Path) -> None:
    # given a plain directory
    plain = tmp_path / "plain"
    plain.mkdir()

    # when it is read, then git's reason is the problem
    [problem] = read(plain)
    assert isinstance(problem, SourceProblem)
    assert (problem.path, problem.position) == (str(plain), "")
    assert "not a git repository" in problem.reason


def test_a_subdirectory_of_a_work_tree_is_not_read_as_the_enclosing_repository(
    repo: Path,
) -> None:
    # given a directory inside a checkout
    commit(repo)
    (repo / "docs").mkdir()

    # when it is read, then git does not walk up to the checkout
    [problem] = read(repo / "docs")
    assert isinstance(problem, SourceProblem)
    assert "not a git repository" in problem.reason


def test_missing_git_is_one_problem(
    repo: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # given a PATH without git
    nothing = tmp_path / "bin"
    nothing.mkdir()
    monkeypatch.setenv("PATH", str(nothing))

    # when a repository is read, then the problem says git is missing
    [problem] = read(repo)
    assert isinstance(problem, SourceProblem)
    assert problem.reason.startswith("git is not installed")


def test_a_missing_commit_object_is_a_problem_after_the_repository(repo: Path) -> None:
    # given a history whose middle commit object was lost
    commit(repo, "One")
    lost = commit(repo, "Two")
    commit(repo, "Three")
    (repo / ".git" / "objects" / lost[:2] / lost[2:]).unlink()

    # when it is read
    items = read(repo)

    # then the repository is seen and git's failure is reported with the lost sha
    assert items[0] == RepositorySeen(full_name="local/project")
    problem = items[-1]
    assert isinstance(problem, SourceProblem)
    assert problem.reason.startswith("git log failed")
    assert lost in problem.reason


def test_a_malformed_record_is_a_problem_and_reading_goes_on(repo: Path) -> None:
    # given a commit whose author name holds the unit separator the reader splits fields on,
    # between two ordinary commits
    before = commit(repo, "Before")
    odd = raw_commit(repo, author=b"Mal\x1fformed <m@example.com>")
    after = commit(repo, "After", date="2024-05-02T12:00:00+02:00")

    # when it is read
    items = read(repo)[1:]

    # then that commit is a problem at its sha, and both neighbours are read
    assert [item.sha for item in items if isinstance(item, Commit)] == [after, before]
    [problem] = [item for item in items if isinstance(item, SourceProblem)]
    assert problem.position == f"commit {odd}"
    assert "malformed" in problem.reason


# -- commits -----------------------------------------------------------------------------------


def test_a_commit_is_read_with_its_people_dates_message_and_parent(repo: Path) -> None:
    # given two commits, the second by someone else
    first = commit(repo, "Add the parser\n\nIt reads everything.\n")
    second = commit(
        repo,
        "Fix the parser",
        author=("Grace Hopper", "grace@example.com"),
        committer=ADA,
        date="2024-05-02T09:30:15-05:00",
    )

    # when they are read
    newer, older = commits_of(repo)

    # then each is complete, newest first, and dates are in UTC
    assert older == CommitSeen(
        repository=f"local/project-{first[:12]}",
        sha=first,
        author=ADA_CLAIM,
        committer=ADA_CLAIM,
        authored_at=datetime(2024, 5, 1, 10, 0, tzinfo=UTC),
        committed_at=datetime(2024, 5, 1, 10, 0, tzinfo=UTC),
        message="Add the parser\n\nIt reads everything.",
        parents=(),
    )
    assert newer.sha == second
    assert newer.author == GitAuthorClaim(name="Grace Hopper", email="grace@example.com")
    assert newer.committer == ADA_CLAIM
    assert newer.authored_at == datetime(2024, 5, 2, 14, 30, 15, tzinfo=UTC)
    assert newer.parents == (first,)


@pytest.mark.parametrize(
    ("date", "expected"),
    [
        (b"notadate +0000", None),
        (b"-5 +0000", None),
        (b"99999999999999999 +9999", None),  # git's ISO format prints 1970 for this one
        (b"", None),
        # git's ISO format dies on this one: "Timestamp before Unix epoch"
        (b"1 -1200", datetime(1970, 1, 1, 0, 0, 1, tzinfo=UTC)),
    ],
)
def test_an_odd_date_is_read_exactly_or_as_none_and_the_commit_is_still_read(
    repo: Path, date: bytes, expected: datetime | None
) -> None:
    # given an author date that is garbage, negative, out of range, missing or before 1970
    # in its own time zone
    raw_commit(repo, author_date=date)

    # when it is read
    seen = only_commit(repo)

    # then that date is exact or None, and the rest of the commit is there
    assert seen.authored_at == expected
    assert seen.committed_at == datetime(2024, 5, 1, 10, 0, tzinfo=UTC)


def test_a_merge_has_both_parents(repo: Path) -> None:
    # given a branch merged with --no-ff
    base = commit(repo, "Base")
    git(repo, "switch", "-q", "-c", "feature")
    feature = commit(repo, "Feature", date="2024-05-02T12:00:00+02:00")
    git(repo, "switch", "-q", "main")
    mainline = commit(repo, "Mainline", date="2024-05-03T12:00:00+02:00")
    git(repo, "merge", "-q", "--no-ff", "-m", "Merge feature", "feature", env=_ada_env())

    # when it is read
    seen = commits_of(repo)

    # then the merge lists the mainline parent first, and every commit is there once
    merge = seen[0]
    assert merge.parents == (mainline, feature)
    assert sorted(c.sha for c in seen[1:]) == sorted([base, feature, mainline])


def _ada_env() -> dict[str, str]:
    return {
        "GIT_AUTHOR_NAME": ADA[0],
        "GIT_AUTHOR_EMAIL": ADA[1],
        "GIT_COMMITTER_NAME": ADA[0],
        "GIT_COMMITTER_EMAIL": ADA[1],
        "GIT_AUTHOR_DATE": "2024-05-04T12:00:00+02:00",
        "GIT_COMMITTER_DATE": "2024-05-04T12:00:00+02:00",
    }


def test_a_rename_is_a_file_change_naming_the_old_path_and_no_patch_is_asked_for(
    repo: Path,
) -> None:
    # given a file added then renamed with one more line
    (repo / "old.txt").write_text("content\n")
    git(repo, "add", "old.txt")
    added = commit(repo, "Add old.txt")
    git(repo, "mv", "old.txt", "new.txt")
    (repo / "new.txt").write_text("content\nmore\n")
    git(repo, "add", "new.txt")
    renamed = commit(repo, "Rename to new.txt", date="2024-05-02T12:00:00+02:00")

    # when it is read, then the rename is a commit whose file change names both paths
    items = read(repo)
    assert commits_of(repo)[0].sha == renamed
    changes = [item for item in items if isinstance(item, FileChange) and item.sha == renamed]
    assert changes == [
        FileChange(
            f"local/project-{added[:12]}", renamed, "new.txt", "old.txt", 1, 0, is_binary=False
        )
    ]

    # and git computes line counts only: no patch, no copy detection, no combined merge diffs
    command = git_log_command(repo)
    asking_for_patches = {"-p", "--patch", "--stat", "-C", "-c", "--cc", "--name-status"}
    assert asking_for_patches.isdisjoint(command[command.index("log") :])


def test_a_submodule_is_a_commit_of_the_superproject_and_is_not_followed(
    repo: Path, tmp_path: Path
) -> None:
    # given a library with its own commit, added to the project as a submodule
    library = init(tmp_path / "library")
    library_commit = commit(library, "Library commit")
    git(
        repo,
        "-c",
        "protocol.file.allow=always",
        "submodule",
        "add",
        "-q",
        str(library),
        "libs/library",
    )
    added = commit(repo, "Add the library")

    # when the project is read
    seen = commits_of(repo)

    # then only the project's commit is there; the gitlink did not pull in the library
    assert [c.sha for c in seen] == [added]
    assert library_commit not in {c.sha for c in seen}


def test_a_commit_reachable_only_from_a_detached_head_is_read(repo: Path) -> None:
    # given a commit made on a detached HEAD, on no branch
    base = commit(repo, "Base")
    git(repo, "switch", "-q", "--detach")
    detached = commit(repo, "Experiment", date="2024-05-02T12:00:00+02:00")

    # when it is read, then both commits are there
    assert [c.sha for c in commits_of(repo)] == [detached, base]


def test_every_branch_and_tag_is_read_but_not_stash_or_notes(repo: Path) -> None:
    # given a commit on a side branch, a tagged commit on no branch, a stash and a note
    base = commit(repo, "Base")
    git(repo, "switch", "-q", "-c", "side")
    side = commit(repo, "Side", date="2024-05-02T12:00:00+02:00")
    git(repo, "switch", "-q", "--detach", base)
    tagged = commit(repo, "Tagged", date="2024-05-03T12:00:00+02:00")
    git(repo, "tag", "v1", tagged)
    git(repo, "switch", "-q", "main")
    (repo / "wip.txt").write_text("work in progress\n")
    git(repo, "add", "wip.txt")
    git(repo, "stash", "-q", env=_ada_env())
    git(repo, "notes", "add", "-m", "A note", base, env=_ada_env())

    # when it is read, then the project's commits are there and git's bookkeeping is not
    assert sorted(c.sha for c in commits_of(repo)) == sorted([base, side, tagged])


def test_a_sha256_repository_is_read(tmp_path: Path) -> None:
    repo = init(tmp_path / "modern", "--object-format=sha256")
    sha = commit(repo)
    seen = only_commit(repo)
    assert seen.sha == sha
    assert len(sha) == 64


def test_the_mailmap_is_not_applied(repo: Path) -> None:
    # given a .mailmap mapping the author to another identity
    (repo / ".mailmap").write_text("Someone Else <else@example.com> <ada@example.com>\n")
    git(repo, "add", ".mailmap")
    commit(repo)

    # when it is read, then the author is as recorded; merging people is the hub's job
    assert only_commit(repo).author == ADA_CLAIM


# -- messages and encodings --------------------------------------------------------------------


def test_a_latin1_author_name_without_declared_encoding_is_decoded(repo: Path) -> None:
    # given a name stored as Latin-1 bytes by an old tool, with no encoding header
    raw_commit(repo, author=b"J\xf6rg S\xe9guin <joerg@example.com>")

    # when it is read, then the name is decoded
    assert only_commit(repo).author == GitAuthorClaim(name="Jörg Séguin", email="joerg@example.com")


def test_a_commit_declaring_its_encoding_is_reencoded_by_git(repo: Path) -> None:
    # given a commit whose name and message are Latin-1 and which says so
    raw_commit(
        repo,
        author=b"Fran\xe7ois <fr@example.com>",
        message=b"R\xe9sum\xe9 fix\n",
        headers=b"encoding ISO-8859-1\n",
    )

    # when it is read
    seen = only_commit(repo)

    # then both are decoded
    assert seen.author == GitAuthorClaim(name="François", email="fr@example.com")
    assert seen.message == "Résumé fix"


def test_an_iso_2022_jp_author_name_is_decoded(repo: Path) -> None:
    # given a name stored as ISO-2022-JP escape sequences
    raw_commit(repo, author="山田 太郎".encode("iso2022_jp") + b" <yamada@example.jp>")

    # when it is read, then the escapes are decoded
    assert only_commit(repo).author == GitAuthorClaim(name="山田 太郎", email="yamada@example.jp")


def test_terminal_escapes_in_a_message_are_kept(repo: Path) -> None:
    # given a message quoting coloured terminal output (an ESC that is not ISO-2022)
    raw_commit(repo, message=b"Fix colours\n\n\x1b[31mred\x1b[0m\n")
    assert only_commit(repo).message == "Fix colours\n\n\x1b[31mred\x1b[0m"


def test_a_cp1252_message_with_stray_carriage_returns_is_cleaned(repo: Path) -> None:
    # given a message typed on Windows: cp1252 quotes and dashes, CRLF and a lone CR
    raw_commit(repo, message=b"\x93Smart\x94 quotes \x96 fixed\r\n\r\nBody line\rnext\r\n\r\n")

    # when it is read, then the bytes are decoded, and lines end with LF only
    assert only_commit(repo).message == "\u201cSmart\u201d quotes \u2013 fixed\n\nBody line\nnext"


def test_a_message_mixing_utf8_and_cp1252_keeps_both(repo: Path) -> None:
    raw_commit(repo, message="Café: ".encode() + b"na\xefve\n")
    assert only_commit(repo).message == "Café: naïve"


def test_a_message_longer_than_many_reads_is_read_whole(repo: Path) -> None:
    # given a message of a megabyte (a pasted log), between two ordinary commits
    commit(repo, "Before")
    huge = "Paste the build log\n\n" + "".join(f"line {i} of the log\n" for i in range(50_000))
    raw_commit(repo, message=huge.encode(), author_date=b"1714651200 +0000")  # too long for -m
    commit(repo, "After", date="2024-05-03T12:00Z")

    # when it is read, then the message arrives whole and its neighbours are intact
    after, middle, before = commits_of(repo)
    assert (after.message, middle.message, before.message) == ("After", huge.rstrip(), "Before")


def test_a_carriage_return_in_a_name_is_dropped(repo: Path) -> None:
    raw_commit(repo, author=b"Win\rdows User <win@example.com\r>")
    assert only_commit(repo).author == GitAuthorClaim(name="Windows User", email="win@example.com")


def test_trailing_whitespace_of_a_message_is_trimmed(repo: Path) -> None:
    commit(repo, "Subject  \n\nBody\n\n\n   \n")
    assert only_commit(repo).message == "Subject  \n\nBody"


# -- people ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "email"),
    [
        ("rganor", "rganor"),  # an email without a domain
        ("Nobody", ""),  # an empty email
        ("Al", "al.example.com"),  # no @
        ("ada@example.com", "ada@example.com"),  # the name is the email
        ("ada@example.com", "Ada Lovelace"),  # swapped
        ("alice", "alice@(none)"),  # hosts of unconfigured machines
        ("alice", "alice@laptop.(none)"),
        ("GitGitGadget relay", "gitgitgadget@gmail.com"),
    ],
)
def test_odd_identities_are_passed_on_raw_for_the_hub_to_normalise(
    repo: Path, name: str, email: str
) -> None:
    commit(repo, author=(name, email))
    assert only_commit(repo).author == GitAuthorClaim(name=name, email=email)


def test_an_author_with_neither_name_nor_email_is_none(repo: Path) -> None:
    raw_commit(repo, author=b" <>")
    assert only_commit(repo).author is None


def test_one_person_under_many_emails_is_passed_on_as_many_identities(repo: Path) -> None:
    # given one person committing under eight addresses over the years
    addresses = [f"ada{year}@example.com" for year in range(2010, 2018)]
    for day, address in enumerate(addresses, start=1):
        commit(repo, author=("Ada Lovelace", address), date=f"2024-05-{day:02}T12:00Z")

    # when read, then each identity reaches the hub, which links them
    assert [c.author for c in reversed(commits_of(repo))] == [
        GitAuthorClaim(name="Ada Lovelace", email=address) for address in addresses
    ]


def test_emails_differing_only_in_case_are_kept_as_written(repo: Path) -> None:
    # given one person committing under two spellings of an address
    commit(repo, "One", author=("Ada", "Ada@Example.com"))
    commit(repo, "Two", author=("Ada", "ada@example.com"), date="2024-05-02T12:00:00+02:00")

    # when read, then both spellings reach the hub, which folds case
    assert [c.author for c in commits_of(repo)] == [
        GitAuthorClaim(name="Ada", email="ada@example.com"),
        GitAuthorClaim(name="Ada", email="Ada@Example.com"),
    ]


def test_people_sharing_a_relay_address_stay_distinct(repo: Path) -> None:
    # given two people whose patches GitGitGadget relayed from the same address
    relay = "gitgitgadget@gmail.com"
    commit(repo, "One", author=("Jane Doe via GitGitGadget", relay))
    commit(repo, "Two", author=("John Roe via GitGitGadget", relay), date="2024-05-02T12:00Z")

    # when read, then two claims, not one
    assert [c.author for c in commits_of(repo)] == [
        GitAuthorClaim(name="John Roe via GitGitGadget", email=relay),
        GitAuthorClaim(name="Jane Doe via GitGitGadget", email=relay),
    ]


@pytest.mark.parametrize(
    ("email", "account"),
    [
        ("583231+octocat@users.noreply.github.com", GitHubAccountClaim(583231, "octocat")),
        ("octocat@users.noreply.github.com", GitHubAccountClaim(login="octocat")),
        ("583231+OctoCat@Users.NoReply.GitHub.com", GitHubAccountClaim(583231, "OctoCat")),
        ("8+jane_acme@users.noreply.github.com", GitHubAccountClaim(8, "jane_acme")),
        (
            "41898282+github-actions[bot]@users.noreply.github.com",
            GitHubAccountClaim(41898282, "github-actions[bot]"),
        ),
        (
            "49699333+dependabot[bot]@users.noreply.github.com",
            GitHubAccountClaim(49699333, "dependabot[bot]"),
        ),
    ],
)
def test_a_github_noreply_address_names_the_account(
    repo: Path, email: str, account: GitHubAccountClaim
) -> None:
    commit(repo, author=("Whatever Name", email))
    assert only_commit(repo).author == account


@pytest.mark.parametrize(
    "email",
    [
        "noreply@github.com",
        "0+octocat@users.noreply.github.com",
        "octo cat@users.noreply.github.com",
        "octocat@users.noreply.github.com.evil.example",
        "support@dependabot.com",
    ],
)
def test_addresses_that_only_resemble_noreply_stay_git_identities(repo: Path, email: str) -> None:
    commit(repo, author=("Someone", email))
    assert only_commit(repo).author == GitAuthorClaim(name="Someone", email=email)


def test_a_web_merge_keeps_the_github_committer_as_a_git_identity(repo: Path) -> None:
    # given a commit made in GitHub's web interface
    commit(
        repo,
        "Merge pull request #1 from alice/fix",
        author=("Alice", "1234+alice@users.noreply.github.com"),
        committer=("GitHub", "noreply@github.com"),
    )

    # when it is read
    seen = only_commit(repo)

    # then the author is her account and the committer is GitHub's shared identity
    assert seen.author == GitHubAccountClaim(1234, "alice")
    assert seen.committer == GitAuthorClaim(name="GitHub", email="noreply@github.com")


# -- co-authors --------------------------------------------------------------------------------


def test_co_authors_come_from_trailers_deduplicated_in_order_without_the_author(
    repo: Path,
) -> None:
    # given a squash-merge message with repeated, cased and noreply co-author trailers
    commit(
        repo,
        "Add a feature (#12)\n\n"
        "* first part\n* second part\n\n"
        "Co-authored-by: Grace Hopper <grace@example.com>\n"
        "co-authored-by: 583231+octocat@users.noreply.github.com\n"
        "CO-AUTHORED-BY: Grace Hopper <grace@example.com>\n"
        "Co-authored-by: Ada Lovelace <ada@example.com>\n"
        "Signed-off-by: Ada Lovelace <ada@example.com>\n"
        "Co-authored-by: Legacy <legacy@users.noreply.github.com>\n",
    )

    # when it is read
    seen = only_commit(repo)

    # then the co-authors are each named once, in order, and the author is not among them
    assert seen.co_authors == (
        GitAuthorClaim(name="Grace Hopper", email="grace@example.com"),
        GitHubAccountClaim(583231, "octocat"),
        GitHubAccountClaim(login="legacy"),
    )


@pytest.mark.parametrize(
    ("trailer", "expected"),
    [
        ("Grace Hopper <grace@example.com", GitAuthorClaim("Grace Hopper", "grace@example.com")),
        ("Grace Hopper grace@example.com", GitAuthorClaim("Grace Hopper", "grace@example.com")),
        ("<grace@example.com>", GitAuthorClaim("", "grace@example.com")),
        ("Grace Hopper", None),
        ("", None),
        ("<>", None),
        ("some garbage here", None),
    ],
)
def test_a_sloppy_co_author_trailer_is_read_if_it_holds_an_address_and_skipped_if_not(
    repo: Path, trailer: str, expected: GitAuthorClaim | None
) -> None:
    commit(repo, f"Subject\n\nBody.\n\nCo-authored-by: {trailer}\n")
    assert only_commit(repo).co_authors == ((expected,) if expected else ())


def test_a_folded_co_author_trailer_is_unfolded(repo: Path) -> None:
    commit(repo, "Subject\n\nCo-authored-by: Grace Brewster Murray Hopper\n <grace@example.com>\n")
    assert only_commit(repo).co_authors == (
        GitAuthorClaim("Grace Brewster Murray Hopper", "grace@example.com"),
    )


@pytest.mark.parametrize(
    "message",
    [
        # in the body, not in the last paragraph
        "Subject\n\nCo-authored-by: Grace <grace@example.com>\n\nMore prose after it.\n",
        # a last paragraph that is prose mentioning the trailer
        "Subject\n\nThanks to Grace.\nCo-authored-by: Grace <grace@example.com>\n",
        # the subject line is never a trailer block
        "Co-authored-by: Grace <grace@example.com>\n",
        # quoted in an indented block
        "Subject\n\n    Co-authored-by: Grace <grace@example.com>\n",
        # the subject, after leading blank lines, is still the subject
        "\n\nCo-authored-by: Grace <grace@example.com>\n",
    ],
)
def test_a_co_authored_by_line_that_is_not_a_trailer_is_ignored(repo: Path, message: str) -> None:
    commit(repo, message)
    assert only_commit(repo).co_authors == ()


def test_other_trailers_name_no_co_author(repo: Path) -> None:
    # given sign-offs and a reporter, people the commit record has no place for
    commit(
        repo,
        "Fix a crash\n\n"
        "Reported-by: Linus <linus@example.com>\n"
        "Signed-off-by: Grace Hopper <grace@example.com>\n",
    )

    # when it is read, then they stay in the message and are not co-authors
    seen = only_commit(repo)
    assert seen.co_authors == ()
    assert "Reported-by: Linus <linus@example.com>" in seen.message


def test_a_git_generated_trailer_lets_a_partly_prose_block_count(repo: Path) -> None:
    # given git's own rule: with a Signed-off-by, a block a quarter made of trailers counts
    commit(
        repo,
        "Subject\n\n"
        "[ rebased onto main ]\n"
        "Co-authored-by: Grace <grace@example.com>\n"
        "Signed-off-by: Ada Lovelace <ada@example.com>\n",
    )
    assert only_commit(repo).co_authors == (GitAuthorClaim("Grace", "grace@example.com"),)


# -- the project's own history, and properties -------------------------------------------------


def test_the_projects_own_history_is_read() -> None:
    # given the checkout these tests run from (CI always runs from a git clone)
    items = islice(read_git_history(REPO_ROOT), 200)

    # when it is read
    first, *rest = items

    # then a repository and at least one commit with the files it changed come out, no problem
    assert isinstance(first, Repository)
    assert rest, "the trackerhub checkout has no commits"
    assert all(isinstance(item, Commit | FileChange) for item in rest), rest
    assert any(isinstance(item, FileChange) for item in rest)
    for item in rest:
        assert isinstance(item, Commit | FileChange)
        assert len(item.sha) == 40
        assert int(item.sha, 16) >= 0


# Names and addresses as git's own parser returns them: no control characters (no NUL, CR,
# separators, ESC), no angle brackets in names, no ">" in addresses.
_printable = st.characters(exclude_categories=("Cs", "Cc"))
names = (
    st.text(_printable.filter(lambda c: c not in "<>"), max_size=30)
    .map(lambda s: s.rstrip(" "))  # git drops trailing spaces before "<"
    .filter(lambda s: s.strip() != "")
)
emails = st.text(_printable.filter(lambda c: c != ">"), max_size=30)
# Messages: anything but NUL (git ends every field there), CR (turned into LF, tested above)
# and ESC (a 7-bit message holding an ISO-2022 escape is read as ISO-2022, tested above).
messages = st.text(st.characters(exclude_categories=["Cs"], exclude_characters="\0\r\x1b"))


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(name=names, email=emails, message=messages)
def test_any_name_email_and_message_are_read_back(
    tmp_path_factory: pytest.TempPathFactory, name: str, email: str, message: str
) -> None:
    # given a commit holding them, byte for byte
    assume("users.noreply.github.com" not in email.lower())
    repo = init(tmp_path_factory.mktemp("property"))
    raw_commit(
        repo,
        author=name.encode() + b" <" + email.encode() + b">",
        message=message.encode(),
    )

    # when it is read
    seen = only_commit(repo)

    # then they come back unchanged but for the message's trailing whitespace
    assert seen.author == GitAuthorClaim(name=name, email=email)
    assert seen.message == message.rstrip()


# -- streaming ---------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def large_repository(tmp_path_factory: pytest.TempPathFactory) -> Path:
    repo = init(tmp_path_factory.mktemp("large") / "large")
    fast_import(repo, 20_000)
    return repo


class _RecordingPopen(subprocess.Popen[bytes]):
    """Popen that remembers each process it starts, for the test to inspect."""

    started: ClassVar[list[subprocess.Popen[bytes]]] = []

    def __init__(self, args: Sequence[str], **kwargs: object) -> None:
        super().__init__(args, **kwargs)  # type: ignore[call-overload]
        _RecordingPopen.started.append(self)


@pytest.fixture
def started(monkeypatch: pytest.MonkeyPatch) -> list[subprocess.Popen[bytes]]:
    _RecordingPopen.started = []
    monkeypatch.setattr(subprocess, "Popen", _RecordingPopen)
    return _RecordingPopen.started


def test_stopping_early_stops_and_reaps_git(
    tmp_path: Path, started: list[subprocess.Popen[bytes]]
) -> None:
    # given a history far larger than a pipe holds
    repo = init(tmp_path / "long")
    fast_import(repo, 2_000, message_size=400)

    # when only the first few commits are taken and the iterator is closed
    items = read_git_history(repo)
    assert isinstance(items, Generator)
    first = list(islice(items, 4))
    items.close()

    # then git was stopped before its end and reaped: no zombie is left
    assert [type(item) for item in first] == [Repository, Commit, Commit, Commit]
    [log] = [p for p in started if isinstance(p.args, list) and "log" in p.args]
    assert log.returncode is not None
    assert log.returncode != 0  # terminated, or killed by the closed pipe
    with pytest.raises(ChildProcessError):
        os.waitpid(log.pid, os.WNOHANG)


def test_reading_a_large_history_keeps_memory_bounded(large_repository: Path) -> None:
    # given the size of what git prints for a 20,000-commit history
    output = subprocess.run(git_log_command(large_repository), capture_output=True, check=True)
    output_size = len(output.stdout)

    # when all of it is read while Python's allocations are traced
    tracemalloc.start()
    try:
        count = sum(1 for item in read_git_history(large_repository) if isinstance(item, Commit))
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()

    # then every commit came out and the peak is a small fraction of the output
    assert count == 20_000
    assert peak < output_size / 4, (peak, output_size)


def test_throughput_on_a_large_history_is_reported(large_repository: Path) -> None:
    # when a 20,000-commit history is read (the rate is printed, not asserted: machines differ)
    started_at = time.perf_counter()
    count = sum(1 for item in read_git_history(large_repository) if isinstance(item, Commit))
    elapsed = time.perf_counter() - started_at

    # then every commit came out
    assert count == 20_000
    print(f"\ngit history: {count} commits in {elapsed:.2f}s = {count / elapsed:,.0f} commits/s")


# -- reading what is new since an earlier read ------------------------------------------------


def test_a_fingerprint_names_the_repository_and_the_tips_of_its_refs(repo: Path) -> None:
    # given a repository with a branch and a tag
    first = commit(repo, "one")
    git(repo, "tag", "v1")
    git(repo, "checkout", "-q", "-b", "topic")
    second = commit(repo, "two", date="2024-05-02T12:00:00+02:00")

    # then its fingerprint is the same until a ref moves
    fingerprint = git_fingerprint(repo)
    assert json.loads(fingerprint) == {
        "repository": f"local/project-{first[:12]}",
        "tips": sorted({first, second}),
    }
    assert git_fingerprint(repo) == fingerprint
    commit(repo, "three", date="2024-05-03T12:00:00+02:00")
    assert git_fingerprint(repo) != fingerprint


def test_a_path_that_is_no_repository_has_no_fingerprint(tmp_path: Path) -> None:
    with pytest.raises(OSError, match="not a git repository"):
        git_fingerprint(tmp_path)


def test_reading_since_a_fingerprint_reads_only_the_commits_new_since(repo: Path) -> None:
    # given a history read once
    old = [commit(repo, "one"), commit(repo, "two", date="2024-05-02T12:00:00+02:00")]
    since = git_fingerprint(repo)

    # when main moves on and a new branch appears
    moved = commit(repo, "three", date="2024-05-03T12:00:00+02:00")
    git(repo, "checkout", "-q", "-b", "topic", old[0])
    branched = commit(repo, "four", date="2024-05-04T12:00:00+02:00")

    # then only the new commits are read, after the repository
    items = list(read_git_history(repo, since))
    assert items[0] == RepositorySeen(full_name=f"local/project-{old[0][:12]}")
    assert {item.sha for item in items if isinstance(item, Commit)} == {moved, branched}


def test_an_earlier_tip_that_no_longer_exists_is_no_error(repo: Path) -> None:
    # given a fingerprint naming a commit that was force-pushed away and collected
    first = commit(repo, "one")
    since = json.dumps({"repository": f"local/project-{first[:12]}", "tips": [first, "f" * 40]})
    second = commit(repo, "two", date="2024-05-02T12:00:00+02:00")

    # then the tip that exists still excludes what was read, and nothing goes wrong
    items = list(read_git_history(repo, since))
    assert not [item for item in items if isinstance(item, SourceProblem)]
    assert [item.sha for item in items if isinstance(item, Commit)] == [second]


@pytest.mark.parametrize(
    "since",
    [
        json.dumps({"repository": "boostorg/json", "tips": []}),  # the repository was renamed
        "not a fingerprint",
        json.dumps({"tips": "x"}),
    ],
)
def test_a_fingerprint_of_another_name_or_form_reads_everything(repo: Path, since: str) -> None:
    shas = [commit(repo, "one"), commit(repo, "two", date="2024-05-02T12:00:00+02:00")]
    if "boostorg" in since:
        since = json.dumps({"repository": "boostorg/json", "tips": shas})

    items = list(read_git_history(repo, since))

    assert {item.sha for item in items if isinstance(item, Commit)} == set(shas)


def test_the_files_of_a_commit_follow_it_with_their_line_counts(repo: Path) -> None:
    # given a commit adding a text file, a binary file and a file in a folder with a space
    (repo / "notes.txt").write_text("a\nb\nc\n")
    (repo / "image.png").write_bytes(b"\x89PNG\x00\x01\x02")
    (repo / "a folder").mkdir()
    (repo / "a folder" / "ünï.txt").write_text("x\n")
    git(repo, "add", "-A")
    sha = commit(repo, "Add files")

    # when it is read
    items = read(repo)

    # then each file is a change of that commit, a binary one counting no lines
    assert isinstance(items[1], Commit) and items[1].sha == sha
    assert all(isinstance(c, FileChange) and c.sha == sha for c in items[2:])
    assert sorted((c.path, c.additions, c.deletions, c.is_binary) for c in only_files(items)) == [
        ("a folder/ünï.txt", 1, 0, False),
        ("image.png", 0, 0, True),
        ("notes.txt", 3, 0, False),
    ]


def test_a_merge_lists_the_files_it_changed_against_its_first_parent(repo: Path) -> None:
    # given a topic branch adding a file, merged into main which changed another
    (repo / "base.txt").write_text("base\n")
    git(repo, "add", "base.txt")
    commit(repo, "base")
    git(repo, "checkout", "-q", "-b", "topic")
    (repo / "topic.txt").write_text("topic\n")
    git(repo, "add", "topic.txt")
    commit(repo, "topic", date="2024-05-02T12:00:00+02:00")
    git(repo, "checkout", "-q", "main")
    (repo / "main.txt").write_text("main\n")
    git(repo, "add", "main.txt")
    commit(repo, "main", date="2024-05-03T12:00:00+02:00")
    git(repo, "merge", "-q", "--no-ff", "-m", "Merge topic", "topic", env=_ada_env())
    merge = git(repo, "rev-parse", "HEAD")

    # then the merge's file changes are what the topic brought to main
    items = read(repo)
    assert [c.path for c in items if isinstance(c, FileChange) and c.sha == merge] == ["topic.txt"]


def test_a_commit_message_of_tens_of_megabytes_is_read_cut_in_bounded_memory(repo: Path) -> None:
    # given a commit whose message is 40 MB
    huge = raw_commit(repo, message=b"Huge\n\n" + b"x" * 40_000_000 + b"\n")

    # when it is read while Python's allocations are traced
    tracemalloc.start()
    try:
        [seen] = commits_of(repo)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()

    # then the commit is read with the first RECORD_LIMIT bytes of its record, in memory a few
    # times that, not a few times the message
    assert seen.sha == huge
    assert seen.message.startswith("Huge\n\nxxx")
    assert len(seen.message) < RECORD_LIMIT
    assert peak < 8 * RECORD_LIMIT < 40_000_000, peak
