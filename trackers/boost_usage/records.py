"""What the Boost usage tracker stores: projects, and the Boost headers their files include.

A project is one folder scanned whole. Its key is the GitHub tracker's repository key
(``boostorg/json``, lower-cased) when the folder is a clone whose ``origin`` (else first
remote) is on GitHub, and then ``repository`` names that repository and ``owner`` the
GitHub account that owns it (a claim as read, a profile ref as stored); otherwise it is
``local/<folder name>-<8 hex digits of the folder's real path>``: two unrelated folders of one
name never share a project (and so never mark each other's usages gone), while the same folder
scanned again keeps its key. A folder moved elsewhere is a new project.

A usage is one header one file includes, as written (``boost/asio.hpp``): which library it
belongs to is for reports that join it with the Boost libraries tracker. A usage that
disappeared from its file is kept with the moment a scan found it gone (``gone_at``); one
that comes back is present again, still with the moment it was first seen.
"""

from datetime import datetime
from typing import Generic, TypeVar

import attrs

from core.protocols.claims import GitHubAccountClaim
from core.protocols.refs import GitHubRepositoryRef
from core.protocols.trackers import person

# How a project holds its owner: a claim as read, a ref as stored.
P = TypeVar("P", covariant=True)


@attrs.frozen
class Project(Generic[P]):
    """A scanned folder; its natural key is ``key``."""

    key: str  # "boostorg/json", "local/webapp-1a2b3c4d"
    name: str = ""  # the GitHub "owner/name" as its remote spells it, else the folder's name
    repository: GitHubRepositoryRef | None = None
    owner: P | None = person()  # the GitHub account owning the repository
    boost_version: str = ""  # "1.81.0"; "" when the project declares none
    version_source: str = ""  # what declared it: "embedded copy", "CMake find_package", ...
    version_file: str = ""  # the declaring file, from the project's root, posix
    version_line: int | None = None
    embeds_boost: bool = False  # the tree holds a copy of Boost (boost/version.hpp)
    # The tree as of: the newest modification time of the files read and their folders.
    changed_at: datetime | None = None


@attrs.frozen
class Usage:
    """A Boost header a file of a project includes; its natural key is (project, path,
    header)."""

    project: str  # the Project's key
    path: str  # the file, from the project's root, posix: "src/main.cpp"
    header: str  # as included: "boost/asio.hpp"
    line: int | None = None  # of the file's first include of the header, when first seen
    first_seen: datetime | None = None  # the file's modification time when first seen
    gone_at: datetime | None = None  # the tree's changed_at when a scan found it gone


# The records as sources yield them, the owner still a claim.
ProjectSeen = Project[GitHubAccountClaim]

type BoostUsageSeen = Project[GitHubAccountClaim] | Usage
