"""The GitHub tracker's stores and unit of work, and each record type's natural key."""

from typing import Protocol

from core.protocols.storage import RecordStore
from core.protocols.unit_of_work import UnitOfWork
from trackers.github.records import (
    Commit,
    Issue,
    IssueComment,
    PullRequest,
    Repository,
    Review,
    ReviewComment,
)

type RepositoryKey = str
type CommitKey = tuple[str, str]  # (repository key, sha)
type NumberKey = tuple[str, int]  # (repository key, issue or pull request number)
type GitHubIdKey = int


def repository_key_of(record: Repository) -> RepositoryKey:
    return record.key


def commit_key(record: Commit) -> CommitKey:
    return (record.repository, record.sha)


def number_key(record: Issue | PullRequest) -> NumberKey:
    return (record.repository, record.number)


def github_id_key(record: Review | IssueComment | ReviewComment) -> GitHubIdKey:
    return record.github_id


class GitHubUnitOfWork(UnitOfWork, Protocol):
    @property
    def repositories(self) -> RecordStore[RepositoryKey, Repository]: ...

    @property
    def commits(self) -> RecordStore[CommitKey, Commit]: ...

    @property
    def issues(self) -> RecordStore[NumberKey, Issue]: ...

    @property
    def pull_requests(self) -> RecordStore[NumberKey, PullRequest]: ...

    @property
    def reviews(self) -> RecordStore[GitHubIdKey, Review]: ...

    @property
    def issue_comments(self) -> RecordStore[GitHubIdKey, IssueComment]: ...

    @property
    def review_comments(self) -> RecordStore[GitHubIdKey, ReviewComment]: ...
