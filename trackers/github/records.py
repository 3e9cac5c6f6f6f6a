"""What the GitHub tracker stores, and the "seen" items its sources produce.

A repository is keyed by its lower-cased ``owner/name``. A repository read from a local clone
with no GitHub remote is keyed ``local/<directory name>``. People are claims in seen items
and typed refs in stored records. A commit's people are git identities (name, email), except
that a GitHub noreply address or an API author object names the GitHub account itself.
"""

from datetime import datetime

import attrs

from core.protocols.claims import GitAuthorClaim, GitHubAccountClaim
from core.protocols.refs import GitAuthorRef, GitHubAccountRef

type PersonClaim = GitAuthorClaim | GitHubAccountClaim
type PersonRef = GitAuthorRef | GitHubAccountRef


def repository_key(full_name: str) -> str:
    return full_name.strip().strip("/").lower()


# -- seen items (people as claims) ---------------------------------------------------------


@attrs.frozen
class RepositorySeen:
    full_name: str  # "owner/name" as the source spells it
    owner: GitHubAccountClaim | None = None
    github_id: int | None = None
    description: str = ""
    is_fork: bool | None = None
    created_at: datetime | None = None
    updated_at: datetime | None = None


@attrs.frozen
class CommitSeen:
    repository: str  # full_name
    sha: str  # 40 lower-case hex digits
    author: PersonClaim | None
    committer: PersonClaim | None
    co_authors: tuple[PersonClaim, ...] = ()  # from Co-authored-by: trailers, in order
    authored_at: datetime | None = None
    committed_at: datetime | None = None
    message: str = ""
    parents: tuple[str, ...] = ()


@attrs.frozen
class IssueSeen:
    repository: str
    number: int
    github_id: int
    title: str = ""
    state: str = ""  # "open" | "closed"
    state_reason: str = ""
    author: GitHubAccountClaim | None = None
    # None: the source did not say (older schema); a tuple replaces the stored set.
    labels: tuple[str, ...] | None = None
    assignees: tuple[GitHubAccountClaim, ...] | None = None
    body: str = ""
    created_at: datetime | None = None
    updated_at: datetime | None = None
    closed_at: datetime | None = None


@attrs.frozen
class PullRequestSeen:
    repository: str
    number: int
    github_id: int | None = None  # /issues items describing a PR carry the issue id only
    title: str = ""
    state: str = ""
    author: GitHubAccountClaim | None = None
    labels: tuple[str, ...] | None = None
    assignees: tuple[GitHubAccountClaim, ...] | None = None
    body: str = ""
    head_sha: str = ""
    base_sha: str = ""
    created_at: datetime | None = None
    updated_at: datetime | None = None
    closed_at: datetime | None = None
    merged_at: datetime | None = None


@attrs.frozen
class ReviewSeen:
    repository: str
    pull_number: int
    github_id: int
    author: GitHubAccountClaim | None = None
    state: str = ""  # APPROVED, CHANGES_REQUESTED, COMMENTED, DISMISSED, PENDING
    body: str = ""
    commit_sha: str = ""
    submitted_at: datetime | None = None


@attrs.frozen
class IssueCommentSeen:
    """A comment in an issue's or a pull request's conversation (/issues/comments)."""

    repository: str
    issue_number: int
    github_id: int
    author: GitHubAccountClaim | None = None
    body: str = ""
    created_at: datetime | None = None
    updated_at: datetime | None = None


@attrs.frozen
class ReviewCommentSeen:
    """A comment on a pull request's diff (/pulls/comments)."""

    repository: str
    pull_number: int
    github_id: int
    author: GitHubAccountClaim | None = None
    body: str = ""
    path: str = ""
    review_id: int | None = None
    in_reply_to_id: int | None = None
    created_at: datetime | None = None
    updated_at: datetime | None = None


@attrs.frozen
class AccountSeen:
    """A /users/{login} response: a profile only, no record of its own."""

    account: GitHubAccountClaim


type GitHubSeen = (
    RepositorySeen
    | CommitSeen
    | IssueSeen
    | PullRequestSeen
    | ReviewSeen
    | IssueCommentSeen
    | ReviewCommentSeen
    | AccountSeen
)


# -- stored records (people as refs) --------------------------------------------------------
# Natural keys: repository by key; commit by (repository key, sha); issue and pull request
# by (repository key, number); review and comments by their GitHub id.


@attrs.frozen
class Repository:
    key: str  # repository_key(full_name)
    full_name: str
    owner: GitHubAccountRef | None = None
    github_id: int | None = None
    description: str = ""
    is_fork: bool | None = None
    created_at: datetime | None = None
    updated_at: datetime | None = None


@attrs.frozen
class Commit:
    repository: str  # repository key
    sha: str
    author: PersonRef | None = None
    committer: PersonRef | None = None
    co_authors: tuple[PersonRef, ...] = ()
    authored_at: datetime | None = None
    committed_at: datetime | None = None
    message: str = ""
    parents: tuple[str, ...] = ()


@attrs.frozen
class Issue:
    repository: str
    number: int
    github_id: int
    title: str = ""
    state: str = ""
    state_reason: str = ""
    author: GitHubAccountRef | None = None
    labels: tuple[str, ...] = ()
    assignees: tuple[GitHubAccountRef, ...] = ()
    body: str = ""
    created_at: datetime | None = None
    updated_at: datetime | None = None
    closed_at: datetime | None = None


@attrs.frozen
class PullRequest:
    repository: str
    number: int
    github_id: int | None = None
    title: str = ""
    state: str = ""
    author: GitHubAccountRef | None = None
    labels: tuple[str, ...] = ()
    assignees: tuple[GitHubAccountRef, ...] = ()
    body: str = ""
    head_sha: str = ""
    base_sha: str = ""
    created_at: datetime | None = None
    updated_at: datetime | None = None
    closed_at: datetime | None = None
    merged_at: datetime | None = None


@attrs.frozen
class Review:
    github_id: int
    repository: str
    pull_number: int
    author: GitHubAccountRef | None = None
    state: str = ""
    body: str = ""
    commit_sha: str = ""
    submitted_at: datetime | None = None


@attrs.frozen
class IssueComment:
    github_id: int
    repository: str
    issue_number: int
    author: GitHubAccountRef | None = None
    body: str = ""
    created_at: datetime | None = None
    updated_at: datetime | None = None


@attrs.frozen
class ReviewComment:
    github_id: int
    repository: str
    pull_number: int
    author: GitHubAccountRef | None = None
    body: str = ""
    path: str = ""
    review_id: int | None = None
    in_reply_to_id: int | None = None
    created_at: datetime | None = None
    updated_at: datetime | None = None
