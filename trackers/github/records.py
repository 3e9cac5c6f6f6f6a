"""What the GitHub tracker stores, each record class declared once.

Every record class is generic over how it holds people: a source yields it with claims
(``Issue[GitHubAccountClaim]``, aliased ``IssueSeen``) and the store keeps it with typed refs
(``Issue[GitHubAccountRef]``). A commit's people are git identities (name, email), except that a
GitHub noreply address or an API author object names the GitHub account itself.

A repository is keyed by its lower-cased ``owner/name`` (``key``); a repository read from a
local clone with no GitHub remote is ``local/<directory name>``. Records name their repository
by that key, so a record stores whether or not its repository row is there.

None is "the source did not say": for labels and assignees, whose default is an empty tuple,
None keeps the stored ones, while a tuple (even empty) replaces them.
"""

from datetime import datetime
from typing import Generic, TypeVar

import attrs

from core.protocols.claims import GitAuthorClaim, GitHubAccountClaim
from core.protocols.refs import GitAuthorRef, GitHubAccountRef
from core.protocols.trackers import people, person

type PersonClaim = GitAuthorClaim | GitHubAccountClaim
type PersonRef = GitAuthorRef | GitHubAccountRef

# How a record holds people: claims as a source read them, refs as stored. Covariant: a record
# holding only git authors is a record holding people of either kind.
P = TypeVar("P", covariant=True)


def repository_key(full_name: str) -> str:
    return full_name.strip().strip("/").lower()


def _lower(value: str) -> str:
    return value.lower()


def _key_of_full_name(repository: "Repository[object]") -> str:
    return repository_key(repository.full_name)


@attrs.frozen
class Repository(Generic[P]):
    full_name: str  # "owner/name" as the source spells it
    owner: P | None = person()
    github_id: int | None = None
    description: str = ""
    is_fork: bool | None = None
    created_at: datetime | None = None
    updated_at: datetime | None = None
    key: str = attrs.field(default=attrs.Factory(_key_of_full_name, takes_self=True))


@attrs.frozen
class Commit(Generic[P]):
    repository: str = attrs.field(converter=repository_key)
    sha: str = attrs.field(converter=_lower)  # 40 hex digits, or 64 for SHA-256 repositories
    author: P | None = person()
    committer: P | None = person()
    co_authors: tuple[P, ...] = people()  # from Co-authored-by: trailers, in order
    authored_at: datetime | None = None
    committed_at: datetime | None = None
    message: str = ""
    parents: tuple[str, ...] = ()


@attrs.frozen
class FileChange:
    """A file a commit changed, against its first parent: its path (the new one, for a
    rename), the path it had before a rename, the lines added and deleted (0 and 0 for a
    binary file), and whether it is binary (None: the source could not tell)."""

    repository: str = attrs.field(converter=repository_key)
    sha: str = attrs.field(converter=_lower)
    path: str
    previous_path: str = ""
    additions: int = 0
    deletions: int = 0
    is_binary: bool | None = None


@attrs.frozen
class Issue(Generic[P]):
    repository: str = attrs.field(converter=repository_key)
    number: int
    github_id: int
    title: str = ""
    state: str = ""  # "open" | "closed"
    state_reason: str = ""
    author: P | None = person()
    labels: tuple[str, ...] | None = ()
    assignees: tuple[P, ...] | None = people()
    body: str = ""
    created_at: datetime | None = None
    updated_at: datetime | None = None
    closed_at: datetime | None = None


@attrs.frozen
class PullRequest(Generic[P]):
    repository: str = attrs.field(converter=repository_key)
    number: int
    github_id: int | None = None  # /issues items describing a PR carry the issue id only
    title: str = ""
    state: str = ""
    author: P | None = person()
    labels: tuple[str, ...] | None = ()
    assignees: tuple[P, ...] | None = people()
    body: str = ""
    head_sha: str = ""
    base_sha: str = ""
    created_at: datetime | None = None
    updated_at: datetime | None = None
    closed_at: datetime | None = None
    merged_at: datetime | None = None


@attrs.frozen
class Review(Generic[P]):
    repository: str = attrs.field(converter=repository_key)
    pull_number: int
    github_id: int
    author: P | None = person()
    state: str = ""  # APPROVED, CHANGES_REQUESTED, COMMENTED, DISMISSED, PENDING
    body: str = ""
    commit_sha: str = ""
    submitted_at: datetime | None = None


@attrs.frozen
class IssueComment(Generic[P]):
    """A comment in an issue's or a pull request's conversation (/issues/comments)."""

    repository: str = attrs.field(converter=repository_key)
    issue_number: int
    github_id: int
    author: P | None = person()
    body: str = ""
    created_at: datetime | None = None
    updated_at: datetime | None = None


@attrs.frozen
class ReviewComment(Generic[P]):
    """A comment on a pull request's diff (/pulls/comments)."""

    repository: str = attrs.field(converter=repository_key)
    pull_number: int
    github_id: int
    author: P | None = person()
    body: str = ""
    path: str = ""
    # GitHub ids, not records: the review or the comment replied to may not be stored.
    review_id: int | None = None
    in_reply_to_id: int | None = None
    created_at: datetime | None = None
    updated_at: datetime | None = None


@attrs.frozen
class AccountSeen:
    """A /users/{login} response: a profile only, no record of its own."""

    account: GitHubAccountClaim = person()


# The records as sources yield them, people still claims.
RepositorySeen = Repository[GitHubAccountClaim]
CommitSeen = Commit[PersonClaim]
IssueSeen = Issue[GitHubAccountClaim]
PullRequestSeen = PullRequest[GitHubAccountClaim]
ReviewSeen = Review[GitHubAccountClaim]
IssueCommentSeen = IssueComment[GitHubAccountClaim]
ReviewCommentSeen = ReviewComment[GitHubAccountClaim]

type GitHubSeen = (
    Repository[GitHubAccountClaim]
    | Commit[PersonClaim]
    | FileChange
    | Issue[GitHubAccountClaim]
    | PullRequest[GitHubAccountClaim]
    | Review[GitHubAccountClaim]
    | IssueComment[GitHubAccountClaim]
    | ReviewComment[GitHubAccountClaim]
    | AccountSeen
)
