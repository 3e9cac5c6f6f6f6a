"""A GitHub repository named by a URL: a git remote (``https://``, ``ssh://``, ``git://`` or
scp-like ``git@github.com:owner/name.git``), or a submodule URL relative to its super-project's.
"""

import posixpath
import re

_GITHUB_URL = re.compile(
    r"""
    (?:
        (?:https?|git|ssh|git\+ssh|ssh\+git)://(?:[^@/]+@)?(?:www\.|ssh\.)?github\.com(?::\d+)?/
      | (?:[^@/:]+@)?github\.com:/?                # scp-like: git@github.com:owner/name
    )
    (?P<owner>[A-Za-z0-9][A-Za-z0-9_-]*)/(?P<name>[A-Za-z0-9_.-]+?)(?:\.git)?/*
    """,
    re.VERBOSE | re.IGNORECASE,
)


def github_full_name(url: str) -> str | None:
    """``owner/name`` as the URL spells it, or None when it names no GitHub repository."""
    found = _GITHUB_URL.fullmatch(url.strip())
    if found is None or found["name"] in (".", ".."):
        return None
    return f"{found['owner']}/{found['name']}"


def relative_github_full_name(url: str, base: str) -> str | None:
    """A submodule's repository: ``url`` as ``.gitmodules`` gives it, resolved against the
    super-project's ``base`` (``owner/name``) when relative (``../config.git`` beside
    ``boostorg/boost`` is ``boostorg/config``), else read as a URL."""
    url = url.strip()
    if not url.startswith(("./", "../")):
        return github_full_name(url)
    joined = posixpath.normpath(posixpath.join(base, url))
    owner, slash, name = joined.partition("/")
    name = name.removesuffix(".git")
    if not slash or not owner or not name or "/" in name or owner.startswith("."):
        return None
    return github_full_name(f"https://github.com/{owner}/{name}")
