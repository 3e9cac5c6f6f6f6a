"""Running git on a repository that may be hostile, and decoding what it prints.

Every command runs as ``git --no-replace-objects -c safe.directory=* -C <path> ...`` in an
environment made for ``path`` alone, and why:

- ``--no-replace-objects``: read the objects as stored; with replace refs, git would show one
  object's name with another's content.
- ``-c safe.directory=*``: a repository owned by another OS user (a mounted volume, a CI cache)
  is otherwise refused as "dubious ownership". Trusting its config is safe as long as no
  command run through here runs a program named by that config: callers ask for no diffs
  with external tools or text converters, no pager (stdout is a pipe), no signature checks.
- ``GIT_CEILING_DIRECTORIES``: ``path`` itself must be the repository (its work tree, its
  ``.git`` directory or a bare repository); git must not walk up and read an enclosing
  checkout that happens to contain ``path``. Variables that would point git at another
  repository (``GIT_DIR``..., set inside a git hook) are dropped.
- ``LC_ALL=C``: git's complaints in English, as they become problem reasons.

Decoding (``decode_git``): valid UTF-8 stays as is; each byte that is not part of valid UTF-8
is read as cp1252 (or Latin-1 for the five bytes cp1252 leaves undefined), which decodes
Latin-1 and cp1252 names, messages and paths, even text mixing UTF-8 and cp1252. Text of
7-bit bytes holding an ISO-2022 escape sequence is tried as ISO-2022-JP-2 first. NUL is
dropped.
"""

import codecs
import os
import re
import subprocess
from pathlib import Path

from core.sources.github_urls import github_full_name

# Variables that would point git at another repository or object store than ``path``, set for
# instance when this runs inside a git hook.
_REPOSITORY_ENVIRONMENT = frozenset(
    {
        "GIT_DIR",
        "GIT_WORK_TREE",
        "GIT_COMMON_DIR",
        "GIT_INDEX_FILE",
        "GIT_OBJECT_DIRECTORY",
        "GIT_ALTERNATE_OBJECT_DIRECTORIES",
        "GIT_NAMESPACE",
        "GIT_DISCOVERY_ACROSS_FILESYSTEM",
        "GIT_GRAFT_FILE",
        "GIT_REPLACE_REF_BASE",
        "GIT_SHALLOW_FILE",
        "GIT_QUARANTINE_PATH",
        "GIT_PREFIX",
    }
)


class GitFailed(Exception):
    """git could not be run, or refused: ``reason`` is its complaint, on one line."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def git_command(path: Path, *args: str) -> list[str]:
    return ["git", "--no-replace-objects", "-c", "safe.directory=*", "-C", str(path), *args]


def git_environment(path: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in _REPOSITORY_ENVIRONMENT}
    env["GIT_CEILING_DIRECTORIES"] = os.path.dirname(os.path.realpath(path))
    env["LC_ALL"] = "C"
    env.pop("LANGUAGE", None)
    return env


def run_git(
    path: Path, *args: str, allowed_codes: tuple[int, ...] = (0,), input: str | None = None
) -> bytes:
    """What the command prints, whole; raises GitFailed."""
    try:
        done = subprocess.run(
            git_command(path, *args),
            input=None if input is None else input.encode(),
            stdin=subprocess.DEVNULL if input is None else None,
            capture_output=True,
            env=git_environment(path),
            check=False,
        )
    except FileNotFoundError:
        raise GitFailed("git is not installed (no git executable on PATH)") from None
    except OSError as error:
        raise GitFailed(f"cannot run git: {error}") from None
    if done.returncode not in allowed_codes:
        raise GitFailed(git_reason(done.stderr, done.returncode))
    return done.stdout


def git_reason(stderr: bytes, returncode: int) -> str:
    """git's complaint on one line: its ``error:`` and ``fatal:`` lines, else its first line."""
    lines = [line.strip() for line in decode_git(stderr).splitlines() if line.strip()]
    complaints = [line for line in lines if line.startswith(("error:", "fatal:"))]
    if not complaints:
        return lines[0] if lines else f"git exited with status {returncode}"
    # "error: Could not read <sha>" says what "fatal: revision walk setup failed" is about.
    return "; ".join(line.partition(":")[2].strip() for line in complaints[:3])


def remote_urls(path: Path) -> list[tuple[str, str]]:
    """(remote name, url) in the order of the repository's config file; raises GitFailed."""
    # Exit status 1 means "no such key": a repository without remotes.
    output = run_git(
        path, "config", "--local", "-z", "--get-regexp", r"^remote\..+\.url$", allowed_codes=(0, 1)
    )
    urls: list[tuple[str, str]] = []
    for entry in output.split(b"\0"):
        key, _, url = decode_git(entry).partition("\n")
        if key.startswith("remote.") and key.endswith(".url"):
            urls.append((key.removeprefix("remote.").removesuffix(".url"), url.strip()))
    return urls


def github_remote(urls: list[tuple[str, str]]) -> str | None:
    """The GitHub ``owner/name`` of the repository's ``origin``, else of its first remote."""
    origin = [url for name, url in urls if name == "origin"]
    chosen = (origin or [url for _, url in urls] or [""])[0]
    return github_full_name(chosen)


# -- decoding ----------------------------------------------------------------------------------


def _legacy_byte(byte: int) -> str:
    try:
        return bytes([byte]).decode("cp1252")
    except UnicodeDecodeError:  # 0x81, 0x8D, 0x8F, 0x90, 0x9D: undefined in cp1252
        return chr(byte)  # Latin-1


_LEGACY = tuple(_legacy_byte(byte) for byte in range(256))


def _decode_legacy(error: UnicodeError) -> tuple[str, int]:
    if not isinstance(error, UnicodeDecodeError):
        raise error
    bad = error.object[error.start : error.end]
    return "".join(_LEGACY[byte] for byte in bad), error.end


_LEGACY_ERRORS = "trackerhub.git.cp1252"
codecs.register_error(_LEGACY_ERRORS, _decode_legacy)

_ISO_2022_ESCAPE = re.compile(rb"\x1b[$()]")  # designations of ISO-2022-JP/-KR/-CN


def decode_git(raw: bytes) -> str:
    raw = raw.replace(b"\0", b"")
    if raw.isascii() and _ISO_2022_ESCAPE.search(raw):
        try:
            return raw.decode("iso2022_jp_2")
        except UnicodeDecodeError:
            pass  # an escape that is not ISO-2022 (terminal colours): keep it as text
    return raw.decode("utf-8", _LEGACY_ERRORS)
