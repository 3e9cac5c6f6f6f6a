"""Git repositories laid out as Boost keeps them, built with git's plumbing in a test's folder:
a super-project whose tree holds a gitlink per module, and the modules' own repositories
beside it (an organisation mirror), inside its git dir (``modules/<name>``) or in place."""

import json
import os
import subprocess
from collections.abc import Mapping
from pathlib import Path

import attrs

# Fixed people and dates: the same content builds the same commits, whoever runs the tests.
_IDENTITY = {
    "GIT_AUTHOR_NAME": "Release Manager",
    "GIT_AUTHOR_EMAIL": "release@example.com",
    "GIT_COMMITTER_NAME": "Release Manager",
    "GIT_COMMITTER_EMAIL": "release@example.com",
}


def git(path: Path, *args: str, stdin: bytes | None = None, env: Mapping[str, str] = {}) -> str:
    clean = {k: v for k, v in os.environ.items() if not k.startswith("GIT_")}
    done = subprocess.run(
        ["git", "-C", str(path), *args],
        input=stdin,
        capture_output=True,
        env={**clean, **_IDENTITY, **env},
        check=True,
    )
    return done.stdout.decode().strip()


@attrs.frozen
class Gitlink:
    """A module's commit in its super-project's tree."""

    commit: str


class Repo:
    """A repository whose commits are written from a dict of paths, each on top of the last."""

    def __init__(self, path: Path, bare: bool = True) -> None:
        self.path = path
        self.head: str | None = None
        self.clock = 1_700_000_000
        path.mkdir(parents=True, exist_ok=True)
        git(path, "init", "--quiet", "--initial-branch=master", *(["--bare"] if bare else []))

    @property
    def git_dir(self) -> Path:
        return Path(git(self.path, "rev-parse", "--absolute-git-dir"))

    def commit(self, files: Mapping[str, str | bytes | Gitlink], message: str = "update") -> str:
        index = self.git_dir / "builder-index"
        index.unlink(missing_ok=True)
        env = {"GIT_INDEX_FILE": str(index)}
        for name, content in files.items():
            if isinstance(content, Gitlink):
                mode, obj = "160000", content.commit
            else:
                data = content.encode() if isinstance(content, str) else content
                mode, obj = "100644", git(self.path, "hash-object", "-w", "--stdin", stdin=data)
            git(self.path, "update-index", "--add", "--cacheinfo", f"{mode},{obj},{name}", env=env)
        tree = git(self.path, "write-tree", env=env)
        index.unlink()
        self.clock += 86_400
        dates = {
            "GIT_AUTHOR_DATE": f"{self.clock} +0000",
            "GIT_COMMITTER_DATE": f"{self.clock} +0000",
        }
        parents = ["-p", self.head] if self.head else []
        self.head = git(self.path, "commit-tree", tree, *parents, "-m", message, env=dates)
        git(self.path, "update-ref", "refs/heads/master", self.head)
        return self.head

    def tag(self, name: str, commit: str | None = None, annotated: bool = True) -> None:
        target = commit or self.head
        assert target is not None
        if annotated:
            dates = {"GIT_COMMITTER_DATE": f"{self.clock + 3600} +0000"}
            git(self.path, "tag", "-a", "-m", name, name, target, env=dates)
        else:
            git(self.path, "tag", name, target)


def gitmodules(modules: Mapping[str, str]) -> str:
    """``.gitmodules`` for modules by name and path, each beside the super-project."""
    return "".join(
        f'[submodule "{name}"]\n\tpath = {path}\n\turl = ../{name}.git\n'
        "\tfetchRecurseSubmodules = on-demand\n"
        for name, path in modules.items()
    )


class Mirror:
    """``boost.git`` and each module's ``<name>.git`` side by side, as an organisation mirror."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.boost = Repo(root / "boost.git")
        self.modules: dict[str, Repo] = {}
        self.paths: dict[str, str] = {}

    def module(self, name: str, files: Mapping[str, str | bytes], path: str = "") -> str:
        """A commit of module ``name`` (created on first use) holding ``files``."""
        if name not in self.modules:
            self.modules[name] = Repo(self.root / f"{name}.git")
        self.paths[name] = path or self.paths.get(name) or f"libs/{name}"
        return self.modules[name].commit(files)

    def release(
        self, version: str, commits: Mapping[str, str], extra: Mapping[str, str | bytes] = {}
    ) -> str:
        """Tag ``boost-<version>`` on a super-project commit holding ``commits`` by module."""
        paths = {name: self.paths[name] for name in commits}
        files: dict[str, str | bytes | Gitlink] = {".gitmodules": gitmodules(paths), **extra}
        files.update({paths[name]: Gitlink(commit) for name, commit in commits.items()})
        commit = self.boost.commit(files, f"Boost {version}")
        self.boost.tag(f"boost-{version}")
        return commit


def library_json(key: str, *, name: str = "", **fields: object) -> str:
    """A ``meta/libraries.json`` of one library."""

    return json.dumps({"key": key, "name": name or key.title(), **fields}, indent=2)
