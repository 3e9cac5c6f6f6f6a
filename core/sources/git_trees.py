"""The files of a git tree at one commit, and their contents, read in bulk.

Reading a tree file by file (``git show <commit>:<path>``) costs a process per file: thousands
for one release of a large C++ library. Here a tree costs one ``git ls-tree -r -z -l`` (every
entry with its object and size, so a caller can skip what is too big before reading it) and
the blobs one ``git cat-file --batch`` process, whose output is read blob by blob as git writes
it. The object names go to git through a file, not a pipe: git writing a large blob into a
full stdout pipe while this side is still writing names into git's stdin would deadlock.

Both run through ``core.sources.git`` (safe directory, ceiling, no program named by the
repository's config) and raise ``GitFailed``.
"""

import subprocess
import tempfile
from collections.abc import Iterator, Sequence
from pathlib import Path

import attrs

from core.sources.git import (
    GitFailed,
    decode_git,
    git_command,
    git_environment,
    git_reason,
    run_git,
)

GITLINK = "160000"  # the mode of a submodule's commit in its super-project's tree


@attrs.frozen
class TreeEntry:
    path: str  # from the tree's root, "/"-separated
    mode: str  # "100644", "100755", "120000" (a symlink), "160000" (a gitlink)
    object: str  # the blob's (or gitlink's commit's) object name
    size: int | None  # bytes of a blob; None for a gitlink


def tree_entries(path: Path, commit: str, *under: str) -> list[TreeEntry]:
    """Every file and gitlink of ``commit``'s tree, or of the folders and files ``under``
    names (relative to the root); raises GitFailed."""
    output = run_git(path, "ls-tree", "-r", "-z", "-l", "--full-tree", commit, "--", *under)
    entries: list[TreeEntry] = []
    for raw in output.split(b"\0"):
        head, tab, name = raw.partition(b"\t")
        fields = head.split()
        if not tab or len(fields) != 4:
            continue
        mode, kind, obj, size = (field.decode() for field in fields)
        if kind not in ("blob", "commit"):
            continue
        entries.append(
            TreeEntry(decode_git(name), mode, obj, int(size) if size.isdigit() else None)
        )
    return entries


def read_blobs(path: Path, objects: Sequence[str]) -> Iterator[tuple[str, bytes | None]]:
    """Each object of ``objects``, in order, with its content (None when the repository lacks
    it); raises GitFailed when git cannot be run or stops short. Closing the iterator early
    stops git."""
    if not objects:
        return
    with tempfile.TemporaryFile() as names, tempfile.TemporaryFile() as stderr:
        names.write("".join(f"{obj}\n" for obj in objects).encode())
        names.seek(0)
        try:
            process = subprocess.Popen(
                git_command(path, "cat-file", "--batch"),
                stdin=names,
                stdout=subprocess.PIPE,
                stderr=stderr,
                env=git_environment(path),
            )
        except FileNotFoundError:
            raise GitFailed("git is not installed (no git executable on PATH)") from None
        except OSError as error:
            raise GitFailed(f"cannot run git: {error}") from None
        try:
            assert process.stdout is not None  # stdout=PIPE
            for obj in objects:
                header = process.stdout.readline().split()
                if len(header) == 2 and header[1] == b"missing":
                    yield obj, None
                    continue
                if len(header) != 3 or not header[2].isdigit():
                    break
                content = process.stdout.read(int(header[2]))
                process.stdout.read(1)  # the line break after each content
                yield obj, content
            else:
                process.stdout.close()
                if process.wait() == 0:
                    return
            process.wait()
            stderr.seek(0)
            raise GitFailed(f"git cat-file failed: {git_reason(stderr.read(), process.returncode)}")
        finally:
            if process.stdout is not None:
                process.stdout.close()
            if process.poll() is None:
                process.terminate()
            process.wait()
