"""The GitHub tracker's stores and unit of work, kept in memory."""

from adapters.memory.records import MemoryRecordStore
from adapters.memory.unit_of_work import RowsUnitOfWork
from trackers.github.ports import (
    CommitKey,
    GitHubIdKey,
    NumberKey,
    RepositoryKey,
    commit_key,
    github_id_key,
    number_key,
    repository_key_of,
)
from trackers.github.records import (
    Commit,
    Issue,
    IssueComment,
    PullRequest,
    Repository,
    Review,
    ReviewComment,
)


class MemoryGitHubUnitOfWork(RowsUnitOfWork):
    def __init__(self) -> None:
        super().__init__()
        rows = self.state
        self.repositories = MemoryRecordStore[RepositoryKey, Repository](
            rows, "repository", repository_key_of
        )
        self.commits = MemoryRecordStore[CommitKey, Commit](rows, "commit", commit_key)
        self.issues = MemoryRecordStore[NumberKey, Issue](rows, "issue", number_key)
        self.pull_requests = MemoryRecordStore[NumberKey, PullRequest](
            rows, "pull_request", number_key
        )
        self.reviews = MemoryRecordStore[GitHubIdKey, Review](rows, "review", github_id_key)
        self.issue_comments = MemoryRecordStore[GitHubIdKey, IssueComment](
            rows, "issue_comment", github_id_key
        )
        self.review_comments = MemoryRecordStore[GitHubIdKey, ReviewComment](
            rows, "review_comment", github_id_key
        )
