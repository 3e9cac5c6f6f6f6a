"""Which project a folder is: a GitHub repository by its remote, else a local folder.

See ``trackers.boost_usage.records`` for why a local key holds a hash of the folder's real
path. A folder with a ``.git`` whose remotes git cannot read is not given a local key instead:
the next scan, with git working, would file the same usages under another project.
"""

import hashlib
import os
from pathlib import Path

import attrs

from core.protocols.claims import GitHubAccountClaim
from core.protocols.refs import GitHubRepositoryRef
from core.sources.files import path_text
from core.sources.git import GitFailed, github_remote, remote_urls


@attrs.frozen
class ProjectIdentity:
    key: str
    name: str
    repository: GitHubRepositoryRef | None = None
    owner: GitHubAccountClaim | None = None


def project_identity(path: Path) -> ProjectIdentity:
    """The folder's project; raises GitFailed when it is a git work tree git cannot read."""
    if os.path.lexists(path / ".git"):
        full_name = github_remote(remote_urls(path))
        if full_name is not None:
            try:
                repository = GitHubRepositoryRef(full_name)
            except ValueError:  # not an owner/name a repository can have
                repository = None
            if repository is not None:
                owner = GitHubAccountClaim(login=full_name.partition("/")[0])
                return ProjectIdentity(repository.key, full_name, repository, owner)
    real = os.path.realpath(path)
    name = path_text(os.path.basename(real)) or "root"
    digest = hashlib.sha256(os.fsencode(real)).hexdigest()[:8]
    return ProjectIdentity(f"local/{name}-{digest}", name)


def identity_text(path: Path) -> str:
    """What names the project in a fingerprint: a changed remote makes it another project."""
    try:
        identity = project_identity(path)
    except GitFailed as failure:
        return f"git failed: {failure.reason}"
    return identity.key
