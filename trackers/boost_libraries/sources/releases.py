"""A super-project's releases and the modules each one holds.

A release is a ``boost-X.Y.Z`` tag, annotated or not, of a commit; betas and release
candidates (``boost-1.86.0.beta1``, ``boost-1.86.0.rc1``) are not releases. Releases are
ordered by number, not by name or date: ``1.9.0`` comes before ``1.10.0``.

A release's modules are the submodules its ``.gitmodules`` declares (read by git itself,
``git config --blob``, so every syntax git accepts is read as git reads it) whose path holds
a gitlink in the release's tree, with the commit that gitlink names.
"""

import re
from datetime import datetime
from pathlib import Path

import attrs

from core.sources.dates import unix_utc
from core.sources.git import GitFailed, decode_git, run_git
from core.sources.git_trees import GITLINK, tree_entries
from trackers.boost_libraries.sources.modules import Submodule

_TAG = re.compile(r"boost-(?P<major>[0-9]{1,3})\.(?P<minor>[0-9]{1,3})\.(?P<patch>[0-9]{1,3})")
_FORMAT = (
    "%(refname:strip=2)%00%(objecttype)%00%(objectname)%00%(*objectname)%00%(creatordate:unix)"
)
_CONFIG_LINE = re.compile(r"\bline (?P<line>[0-9]+)\b")


@attrs.frozen
class Release:
    tag: str  # "boost-1.86.0"
    number: tuple[int, int, int]  # (1, 86, 0)
    commit: str
    released_at: datetime | None

    @property
    def version(self) -> str:
        return ".".join(map(str, self.number))


def releases(path: Path) -> list[Release]:
    """The release tags, oldest first; raises GitFailed."""
    output = run_git(path, "for-each-ref", f"--format={_FORMAT}", "refs/tags/boost-*")
    found: list[Release] = []
    for line in output.splitlines():
        fields = decode_git(line.replace(b"\0", b"\x1f")).split("\x1f")
        if len(fields) != 5:
            continue
        tag, kind, obj, peeled, date = fields
        match = _TAG.fullmatch(tag)
        commit = peeled if kind == "tag" else obj
        if match is None or not commit:
            continue
        number = (int(match["major"]), int(match["minor"]), int(match["patch"]))
        moment = unix_utc(int(date)) if date.lstrip("-").isdigit() else None
        found.append(Release(tag, number, commit, moment))
    return sorted(found, key=lambda release: release.number)


class GitmodulesError(Exception):
    """``.gitmodules`` could not be read: ``position`` in it (``line 3``, or the whole file)
    and why."""

    def __init__(self, position: str, reason: str) -> None:
        super().__init__(reason)
        self.position = position
        self.reason = reason


def submodules(path: Path, commit: str) -> tuple[list[Submodule], list[tuple[str, str]]]:
    """The modules of the release at ``commit``, by name, and (position, reason) for each
    declared submodule that cannot be one; raises GitmodulesError, GitFailed."""
    try:
        output = run_git(path, "config", f"--blob={commit}:.gitmodules", "-z", "--list")
    except GitFailed as failure:
        line = _CONFIG_LINE.search(failure.reason)
        raise GitmodulesError(
            f"line {line['line']}" if line else "whole file", failure.reason
        ) from None
    declared: dict[str, dict[str, str]] = {}
    for entry in output.split(b"\0"):
        key, _, value = decode_git(entry).partition("\n")
        section, _, rest = key.partition(".")
        name, _, variable = rest.rpartition(".")
        if section == "submodule" and name and variable in ("path", "url"):
            declared.setdefault(name, {})[variable] = value.strip()
    gitlinks = {
        entry.path: entry.object for entry in tree_entries(path, commit) if entry.mode == GITLINK
    }
    modules: list[Submodule] = []
    problems: list[tuple[str, str]] = []
    for name, values in sorted(declared.items()):
        module_path = values.get("path", "").strip("/")
        if not module_path:
            problems.append((f"submodule {name!r}", "has no path"))
        elif module_path in gitlinks:
            modules.append(
                Submodule(name, module_path, values.get("url", ""), gitlinks[module_path])
            )
    return modules, problems
