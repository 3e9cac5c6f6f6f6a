"""What the GitHub tracker stores and how: its record types, for the kit's ingest engine.

GitHub data changes over time (titles are edited, issues close), so for records with an
``updated_at`` a sighting strictly newer than the stored record wins, and any other only fills
in what was unknown; a commit, its file changes and a review do not change once made, so a
sighting only fills in gaps. A GitHub account replaces a bare git identity in a commit, never
the reverse: the API knows who committed, a local clone only their name and address. A
sighting's labels and assignees replace the stored ones (an assignee removed upstream
disappears here too); a sighting that does not list them keeps them.

Erasure: a person erased on request leaves every record in place without them: issues,
pull requests, reviews and comments they wrote lose their author and body; commits lose
their author or committer (the message stays: it is the repository's history); assignees,
co-authors and owners no longer name them.
"""

from core.protocols.refs import GitHubAccountRef, ProfileKind
from core.protocols.trackers import (
    FillGaps,
    NewerWins,
    ProfilesOnly,
    RecordType,
    Redact,
    Source,
    Tracker,
)
from trackers.github.records import (
    AccountSeen,
    Commit,
    FileChange,
    Issue,
    IssueComment,
    PersonRef,
    PullRequest,
    Repository,
    Review,
    ReviewComment,
)
from trackers.github.sources.git_history import git_fingerprint, read_git_history
from trackers.github.sources.rest_json import read_rest_json

type RepositoryKey = str
type CommitKey = tuple[str, str]  # (repository key, sha)
type FileChangeKey = tuple[str, str, str]  # (repository key, sha, path)
type NumberKey = tuple[str, int]  # (repository key, issue or pull request number)
type GitHubIdKey = int

ACCOUNTS_FIRST = (ProfileKind.GITHUB, ProfileKind.GIT_AUTHOR)

REPOSITORIES = RecordType[Repository[GitHubAccountRef], RepositoryKey](
    "github.repository", Repository, ("key",), NewerWins(), "github.repository {r.full_name}"
)
COMMITS = RecordType[Commit[PersonRef], CommitKey](
    "github.commit",
    Commit,
    ("repository", "sha"),
    FillGaps(prefer=ACCOUNTS_FIRST),
    "github.commit {r.repository}@{r.sha}",
)
FILE_CHANGES = RecordType[FileChange, FileChangeKey](
    "github.file_change",
    FileChange,
    ("repository", "sha", "path"),
    FillGaps(),
    "github.file_change {r.repository}@{r.sha} {r.path}",
)
ISSUES = RecordType[Issue[GitHubAccountRef], NumberKey](
    "github.issue",
    Issue,
    ("repository", "number"),
    NewerWins(),
    "github.issue {r.repository}#{r.number}",
    erased=Redact(("body",), by=("author",)),
)
PULL_REQUESTS = RecordType[PullRequest[GitHubAccountRef], NumberKey](
    "github.pull_request",
    PullRequest,
    ("repository", "number"),
    NewerWins(),
    "github.pull_request {r.repository}#{r.number}",
    erased=Redact(("body",), by=("author",)),
)
REVIEWS = RecordType[Review[GitHubAccountRef], GitHubIdKey](
    "github.review",
    Review,
    ("github_id",),
    FillGaps(),
    "github.review {r.repository} id {r.github_id}",
    erased=Redact(("body",), by=("author",)),
)
ISSUE_COMMENTS = RecordType[IssueComment[GitHubAccountRef], GitHubIdKey](
    "github.issue_comment",
    IssueComment,
    ("github_id",),
    NewerWins(),
    "github.issue_comment {r.repository} id {r.github_id}",
    erased=Redact(("body",), by=("author",)),
)
REVIEW_COMMENTS = RecordType[ReviewComment[GitHubAccountRef], GitHubIdKey](
    "github.review_comment",
    ReviewComment,
    ("github_id",),
    NewerWins(),
    "github.review_comment {r.repository} id {r.github_id}",
    erased=Redact(("body",), by=("author",)),
)

GITHUB = Tracker(
    "github",
    record_types=(
        REPOSITORIES,
        COMMITS,
        FILE_CHANGES,
        ISSUES,
        PULL_REQUESTS,
        REVIEWS,
        ISSUE_COMMENTS,
        REVIEW_COMMENTS,
    ),
    unreadable="github.item",
    sources=(
        Source(
            "git",
            "the history of local git repositories, bare or not, with the files each commit"
            " changed; a repository collected before is read from where it was left",
            read_git_history,
            fingerprint=git_fingerprint,
        ),
        Source(
            "github-json",
            "saved GitHub REST API responses; files or folders of .json files",
            read_rest_json,
            suffixes=(".json",),
        ),
    ),
    profiles_only=(ProfilesOnly(AccountSeen, "github.user {r.account.login}"),),
)
