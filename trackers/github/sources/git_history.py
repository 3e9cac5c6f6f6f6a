"""Local git history: the commits of a repository on disk and the files each changed, streamed
from ``git log --numstat``.

``read_git_history(path)`` yields one ``RepositorySeen`` and then, per commit reachable from any
ref, one ``CommitSeen`` followed by a ``FileChange`` per file it changed, or ``SourceProblem``s.
It runs ``git log`` as a subprocess and reads its standard output incrementally as bytes, so
memory stays bounded whatever the history's size; git works on one core while Python parses
and stores on the other.

Incremental reading: ``git_fingerprint`` names the repository and the commits its refs point
to. Given the fingerprint of an earlier complete read (``since``), only the commits that are
new since are read: those reachable from a ref that moved or appeared and not from a ref's
earlier tip (``--not``, through ``--stdin``). A tip that no longer exists (a force push that
was garbage-collected) is left out, so at worst commits are read again, never missed.

The command line (see ``git_log_command``), and why each part is there:

- ``--no-replace-objects``: read the objects as stored; with replace refs, git would show one
  commit's sha with another commit's content.
- git runs through ``core.sources.git``: ``-c safe.directory=*`` for a repository another OS
  user owns, ``GIT_CEILING_DIRECTORIES`` so that ``path`` itself must be the repository. Nothing
  below runs a program the repository's config names: no diffs (``diff.external``, textconv),
  no pager (stdout is a pipe), no signature checks (``gpg.program``; hence
  ``--no-show-signature``).
- ``--exclude=refs/notes/* --exclude=refs/stash --all``: every branch, tag and remote-tracking
  ref, plus HEAD (``--all`` includes HEAD, so a detached HEAD's commits are read). Naming
  ``HEAD`` again would make git fail on an empty repository ("unknown revision"). Notes and
  stash commits are git bookkeeping of one clone, not the project's history.
- ``--date-order``: children before parents, otherwise newest first; a stable order for callers.
- ``-z`` and ``--format``: fields separated by US (0x1F), the message after RS (0x1E), each
  record ended by NUL, then (after a line break) its numstat entries, each ended by NUL. Git
  stops every ``%`` field at a NUL byte, so NUL cannot occur inside a record; US and RS cannot
  occur in the fixed fields of any commit written by git's own tools. A record starts with a
  hex object name and US, a numstat entry with counts and a tab, so the two never mix up.
- ``%at``/``%ct`` (Unix seconds) rather than ``%aI``/``%cI``: for some dates stored in real
  repositories git dies (``fatal: Timestamp before Unix epoch``), prints ``1970-01-01`` for an
  overflowing one or prints the literal placeholder ``%aI`` for an unparseable one; the Unix
  time is printed verbatim or empty. The record keeps UTC times, so the offset is not needed.
- ``--encoding=UTF-8``: a commit that declares its encoding (``i18n.commitEncoding``) is
  re-encoded to UTF-8 by git, whatever ``i18n.logOutputEncoding`` the repository configures.
  Commits that declare nothing are passed through as stored bytes and decoded here.
- ``--no-use-mailmap``: people are passed on as recorded; merging identities is the hub's job.
- ``--numstat -M --diff-merges=first-parent``: the lines added and deleted per file, renames
  found (``-M``), and for a merge the files it changed against its first parent, as GitHub's
  API reports a commit's ``files``. No patch (``-p``), no copy detection (``-C``) and no
  combined merge diffs (``-c``, ``--cc``), which cost orders of magnitude in throughput. With
  ``-z`` paths are printed verbatim, so ``core.quotepath`` does not matter; a rename prints an
  empty path, then the old and the new path, each ended by NUL. ``--no-ext-diff`` and
  ``--no-textconv``: no external diff program or text converter named by the repository's
  config ever runs.

Decoding: each field and path is decoded on its own, by ``core.sources.git.decode_git``
(UTF-8, each invalid byte as cp1252, ISO-2022 tried first). CR is dropped from names and
addresses and turned into a line break in messages.
"""

import json
import os
import re
import subprocess
import tempfile
from collections.abc import Iterator, Sequence
from datetime import datetime
from pathlib import Path
from typing import IO

from core.protocols.claims import GitHubAccountClaim
from core.protocols.ingest import SourceProblem
from core.sources.dates import unix_utc
from core.sources.files import folder_reader, path_text
from core.sources.git import (
    GitFailed,
    decode_git,
    git_command,
    git_environment,
    git_reason,
    github_remote,
    remote_urls,
    run_git,
)
from trackers.github.records import CommitSeen, FileChange, RepositorySeen
from trackers.github.sources.git_identity import co_authors, commit_message, git_person

# -- the command line --------------------------------------------------------------------------

_FIELD = b"\x1f"  # between the fixed fields of a record
_BODY = b"\x1e"  # between the fixed fields and the message
_RECORD = b"\0"  # after each record (git's -z)
_FIELDS = ("%H", "%P", "%an", "%ae", "%at", "%cn", "%ce", "%ct")
_FORMAT = "%x1f".join(_FIELDS) + "%x1e%B"

_READ_SIZE = 64 * 1024
# Bytes of one record (a commit's fields and message) that are read: far beyond any real
# commit; the message's text is cut further by the kit's text limit.
RECORD_LIMIT = 4 << 20
_STOP_TIMEOUT = 10.0  # seconds to wait for git to exit after SIGTERM before SIGKILL


_ALL_REFS = ("--exclude=refs/notes/*", "--exclude=refs/stash", "--all")


def git_log_command(path: Path) -> list[str]:
    """The ``git log`` command line that ``read_git_history`` runs (see the module docstring)."""
    return git_command(
        path,
        "log",
        *_ALL_REFS,
        "--date-order",
        "-z",
        "--no-show-signature",
        "--no-use-mailmap",
        "--encoding=UTF-8",
        f"--format={_FORMAT}",
        "--numstat",
        "-M",
        "--diff-merges=first-parent",
        "--no-ext-diff",
        "--no-textconv",
    )


# -- reading -----------------------------------------------------------------------------------


@folder_reader
def read_git_history(
    path: Path, since: str | None = None
) -> Iterator[RepositorySeen | CommitSeen | FileChange | SourceProblem]:
    """Yield the repository at ``path``, then each of its commits with its file changes, or the
    problems met; with ``since``, the fingerprint of an earlier complete read, only what is
    new since then.

    A path that is missing, not a folder or not a git repository yields one problem and
    nothing else. An empty repository yields its ``RepositorySeen`` only. A record git printed
    but that cannot be read yields a problem at ``commit <sha>`` (or ``commit <n>``, counting
    from 1) and reading goes on. Closing the iterator early stops git.
    """
    where = path_text(path)
    try:
        repository = _repository(path)
        read_before = _tips_read_before(path, repository, since)
    except GitFailed as failure:
        yield SourceProblem(where, "", failure.reason)
        return
    yield repository
    yield from _commits(path, repository.full_name, read_before)


def git_fingerprint(path: Path) -> str:
    """The repository's name and the commits its refs (and HEAD) point to, as JSON: a later
    collect reads only what is new since. Raises OSError when ``path`` is no repository."""
    try:
        repository = _repository(path)
        tips = _tips(path)
    except GitFailed as failure:
        raise OSError(failure.reason) from None
    return json.dumps({"repository": repository.full_name, "tips": tips})


def _repository(path: Path) -> RepositorySeen:
    run_git(path, "rev-parse", "--absolute-git-dir")
    return _repository_seen(path, remote_urls(path))


def _tips(path: Path) -> list[str]:
    refs = run_git(path, "rev-parse", *_ALL_REFS).split()
    # Exit status 1: an empty repository, whose HEAD names no commit yet.
    head = run_git(path, "rev-parse", "--verify", "-q", "HEAD", allowed_codes=(0, 1)).split()
    return sorted({sha.decode() for sha in [*refs, *head]})


def _tips_read_before(path: Path, repository: RepositorySeen, since: str | None) -> list[str]:
    """The tips of an earlier complete read that still exist, if it read this repository."""
    if since is None:
        return []
    try:
        earlier = json.loads(since)
        if earlier["repository"] != repository.full_name:
            return []  # renamed: its records now go under the new name, all of them
        tips = [str(sha) for sha in earlier["tips"] if _SHA.fullmatch(str(sha).encode())]
    except (ValueError, KeyError, TypeError):
        return []  # not a fingerprint of this reader: read everything
    if not tips:
        return []
    found = run_git(path, "cat-file", "--batch-check=%(objectname)", input="\n".join(tips) + "\n")
    return [line.decode() for line in found.splitlines() if _SHA.fullmatch(line)]


def _commits(
    path: Path, repository: str, read_before: Sequence[str]
) -> Iterator[CommitSeen | FileChange | SourceProblem]:
    where = path_text(path)
    command = git_log_command(path)
    # stderr goes to a file, not a pipe: a pipe nobody reads until git ends would block git
    # once full (a repository with thousands of broken refs warns about each). The tips read
    # before go through a file too, as --stdin: there may be more than a command line holds.
    with tempfile.TemporaryFile() as stderr, tempfile.TemporaryFile() as revisions:
        if read_before:
            revisions.write("".join(f"^{sha}\n" for sha in read_before).encode())
            revisions.seek(0)
            command.append("--stdin")
        try:
            process = subprocess.Popen(
                command,
                bufsize=0,  # stdout.read(n) is then one read(2): whatever git has written
                stdin=revisions if read_before else subprocess.DEVNULL,
                stdout=subprocess.PIPE,
                stderr=stderr,
                env=git_environment(path),
            )
        except FileNotFoundError:
            yield SourceProblem(where, "", "git is not installed (no git executable on PATH)")
            return
        except OSError as error:
            yield SourceProblem(where, "", f"cannot run git: {error}")
            return
        try:
            assert process.stdout is not None  # stdout=PIPE
            yield from _parse(_records(process.stdout), repository, where)
            returncode = process.wait()
            if returncode != 0:
                stderr.seek(0)
                message = stderr.read()
                # Only older gits complain about an empty repository; it is not a problem.
                if b"does not have any commits yet" not in message:
                    yield SourceProblem(
                        where, "", f"git log failed: {git_reason(message, returncode)}"
                    )
        finally:
            _stop(process)


def _parse(
    tokens: Iterator[bytes], repository: str, where: str
) -> Iterator[CommitSeen | FileChange | SourceProblem]:
    """Commit records and the numstat entries after each, from git's NUL-ended tokens."""
    sha = ""
    position = ""
    index = 0
    for token in tokens:
        entry = _NUMSTAT.match(token)
        if entry is None:
            index += 1
            commit = _commit(token, repository, where, index)
            if isinstance(commit, SourceProblem):
                sha, position = "", commit.position
            else:
                sha, position = commit.sha, f"commit {commit.sha}"
            yield commit
            continue
        if not sha:
            continue  # the files of a commit that could not be read
        path = entry["path"]
        previous = b""
        if not path:  # a rename: the old path, then the new one
            previous, path = next(tokens, b""), next(tokens, b"")
        if not path:
            yield SourceProblem(where, position, "malformed numstat entry: no path")
            continue
        binary = entry["added"] == b"-"
        yield FileChange(
            repository=repository,
            sha=sha,
            path=decode_git(path),
            previous_path=decode_git(previous),
            additions=0 if binary else int(entry["added"]),
            deletions=0 if binary else int(entry["deleted"]),
            is_binary=binary,
        )


def _records(stream: IO[bytes]) -> Iterator[bytes]:
    """Split git's output on NUL, holding at most one read and one partial record; of a record
    longer than RECORD_LIMIT (a commit message of hundreds of megabytes), only its first
    RECORD_LIMIT bytes, so memory stays bounded whatever the history holds."""
    pending: list[bytes] = []  # pieces of a record longer than a read; joined once, not re-copied
    held = 0
    while chunk := stream.read(_READ_SIZE):
        pieces = chunk.split(_RECORD)
        if len(pieces) == 1:
            if held < RECORD_LIMIT:
                pending.append(chunk[: RECORD_LIMIT - held])
                held += len(pending[-1])
            continue
        pending.append(pieces[0][: max(0, RECORD_LIMIT - held)])
        yield b"".join(pending)
        yield from pieces[1:-1]
        pending = [pieces[-1]] if pieces[-1] else []
        held = len(pieces[-1])
    if any(pending):
        yield b"".join(pending)  # git always ends a record with NUL; keep a torn tail anyway


def _stop(process: subprocess.Popen[bytes]) -> None:
    """Stop git if the consumer stopped early, and always reap it (no zombie)."""
    if process.stdout is not None:
        process.stdout.close()
    if process.poll() is None:
        process.terminate()
    try:
        process.wait(timeout=_STOP_TIMEOUT)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


# -- one record --------------------------------------------------------------------------------

_SHA = re.compile(rb"[0-9a-f]{40}(?:[0-9a-f]{24})?")  # SHA-1, or SHA-256 repositories
# "added<TAB>deleted<TAB>path", the counts "-" for a binary file, the path empty for a rename;
# the first entry of a commit follows the line break git puts after its log message.
_NUMSTAT = re.compile(rb"\n?(?P<added>[0-9]+|-)\t(?P<deleted>[0-9]+|-)\t(?P<path>.*)", re.DOTALL)


def _commit(raw: bytes, repository: str, where: str, index: int) -> CommitSeen | SourceProblem:
    head, separator, body = raw.partition(_BODY)
    fields = head.split(_FIELD)
    sha = fields[0]
    position = f"commit {sha.decode()}" if _SHA.fullmatch(sha) else f"commit {index}"
    if not separator or len(fields) != len(_FIELDS) or not _SHA.fullmatch(sha):
        return SourceProblem(
            where,
            position,
            f"malformed git log record: {len(fields)} fields before the message,"
            f" expected {len(_FIELDS)} (a name or address holding a control character?)",
        )
    parents = fields[1].split()
    if not all(_SHA.fullmatch(parent) for parent in parents):
        return SourceProblem(where, position, "malformed git log record: bad parent list")
    author = git_person(_identity(fields[2]), _identity(fields[3]))
    message = _message(body)
    return CommitSeen(
        repository=repository,
        sha=sha.decode(),
        author=author,
        committer=git_person(_identity(fields[5]), _identity(fields[6])),
        co_authors=co_authors(message, author),
        authored_at=_timestamp(fields[4]),
        committed_at=_timestamp(fields[7]),
        message=message,
        parents=tuple(parent.decode() for parent in parents),
    )


def _timestamp(raw: bytes) -> datetime | None:
    try:
        return unix_utc(int(raw))
    except ValueError:  # empty
        return None


# -- decoding ----------------------------------------------------------------------------------


def _identity(raw: bytes) -> str:
    return decode_git(raw).replace("\r", "")


def _message(raw: bytes) -> str:
    return commit_message(decode_git(raw))


# -- the repository ----------------------------------------------------------------------------


def _repository_seen(path: Path, urls: list[tuple[str, str]]) -> RepositorySeen:
    full_name = github_remote(urls)
    if full_name is not None:
        owner = full_name.partition("/")[0]
        return RepositorySeen(full_name=full_name, owner=GitHubAccountClaim(login=owner))
    return RepositorySeen(full_name=_local_name(path))


def _local_name(path: Path) -> str:
    """``local/<directory>-<root commit>``: two unrelated repositories in folders of one name
    stay apart, while clones of one history, wherever they lie, are one repository. The root
    is the least of the history's root commits; an empty repository has none yet."""
    name = f"local/{_directory_name(path)}"
    try:
        roots = run_git(path, "rev-list", "--max-parents=0", *_ALL_REFS).split()
    except GitFailed:  # a broken history: reading it will say what is wrong
        return name
    return f"{name}-{min(roots).decode()[:12]}" if roots else name


def _directory_name(path: Path) -> str:
    directory = Path(os.path.abspath(path))
    if directory.name == ".git":  # the path named the git directory of a work tree
        directory = directory.parent
    return directory.name.removesuffix(".git") or directory.name or "repository"
