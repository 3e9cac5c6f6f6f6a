"""The GitHub tracker's stores and unit of work on the Django ORM: one ``DjangoRecordStore``
per record type, each told how its record maps to its row and child rows."""

from adapters.django_orm.github import models as tables
from adapters.django_orm.records import ChildRows, DjangoRecordStore, NaturalKey
from adapters.django_orm.unit_of_work import AtomicUnitOfWork
from core.protocols.refs import GitAuthorRef, GitHubAccountRef, ProfileKind
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
    PersonRef,
    PullRequest,
    Repository,
    Review,
    ReviewComment,
)

PERSON_REFS: dict[ProfileKind, type[GitHubAccountRef] | type[GitAuthorRef]] = {
    ProfileKind.GITHUB: GitHubAccountRef,
    ProfileKind.GIT_AUTHOR: GitAuthorRef,
}


# -- people ------------------------------------------------------------------------------


def _account(profile_id: int | None) -> GitHubAccountRef | None:
    return None if profile_id is None else GitHubAccountRef(profile_id)


def _profile_id(ref: GitHubAccountRef | GitAuthorRef | None) -> int | None:
    return None if ref is None else ref.profile_id


def _person(profile_id: int | None, kind: str) -> PersonRef | None:
    return None if profile_id is None else PERSON_REFS[ProfileKind(kind)](profile_id)


def _kind(ref: PersonRef | None) -> str:
    return "" if ref is None else ref.kind.value


# -- repositories --------------------------------------------------------------------------


def _repository(row: tables.Repository) -> Repository:
    return Repository(
        key=row.key,
        full_name=row.full_name,
        owner=_account(row.owner_profile_id),
        github_id=row.github_id,
        description=row.description,
        is_fork=row.is_fork,
        created_at=row.created_at,
        updated_at=row.updated_at,
    )


def _repository_row(record: Repository) -> tables.Repository:
    return tables.Repository(
        key=record.key,
        full_name=record.full_name,
        owner_profile_id=_profile_id(record.owner),
        github_id=record.github_id,
        description=record.description,
        is_fork=record.is_fork,
        created_at=record.created_at,
        updated_at=record.updated_at,
    )


class DjangoRepositoryStore(DjangoRecordStore[RepositoryKey, Repository, tables.Repository]):
    def __init__(self, using: str = "default") -> None:
        key = NaturalKey[RepositoryKey, Repository](("key",), repository_key_of)
        super().__init__(tables.Repository, key, _repository, _repository_row, using=using)


# -- commits -------------------------------------------------------------------------------


def _commit(row: tables.Commit) -> Commit:
    return Commit(
        repository=row.repository_key,
        sha=row.sha,
        author=_person(row.author_profile_id, row.author_kind),
        committer=_person(row.committer_profile_id, row.committer_kind),
        co_authors=tuple(
            PERSON_REFS[ProfileKind(c.kind)](c.profile_id) for c in row.co_authors.all()
        ),
        authored_at=row.authored_at,
        committed_at=row.committed_at,
        message=row.message,
        parents=tuple(row.parents.split()),
    )


def _commit_row(record: Commit) -> tables.Commit:
    return tables.Commit(
        repository_key=record.repository,
        sha=record.sha,
        author_profile_id=_profile_id(record.author),
        author_kind=_kind(record.author),
        committer_profile_id=_profile_id(record.committer),
        committer_kind=_kind(record.committer),
        authored_at=record.authored_at,
        committed_at=record.committed_at,
        message=record.message,
        parents=" ".join(record.parents),
    )


def _co_author_rows(record: Commit, commit_id: int) -> list[tables.CommitCoAuthor]:
    return [
        tables.CommitCoAuthor(
            commit_id=commit_id, position=i, profile_id=ref.profile_id, kind=ref.kind.value
        )
        for i, ref in enumerate(record.co_authors)
    ]


class DjangoCommitStore(DjangoRecordStore[CommitKey, Commit, tables.Commit]):
    def __init__(self, using: str = "default") -> None:
        key = NaturalKey[CommitKey, Commit](("repository_key", "sha"), commit_key)
        children = [ChildRows("co_authors", _co_author_rows)]
        super().__init__(tables.Commit, key, _commit, _commit_row, children=children, using=using)


# -- issues --------------------------------------------------------------------------------


def _issue(row: tables.Issue) -> Issue:
    return Issue(
        repository=row.repository_key,
        number=row.number,
        github_id=row.github_id,
        title=row.title,
        state=row.state,
        state_reason=row.state_reason,
        author=_account(row.author_profile_id),
        labels=tuple(label.name for label in row.labels.all()),
        assignees=tuple(GitHubAccountRef(a.profile_id) for a in row.assignees.all()),
        body=row.body,
        created_at=row.created_at,
        updated_at=row.updated_at,
        closed_at=row.closed_at,
    )


def _issue_row(record: Issue) -> tables.Issue:
    return tables.Issue(
        repository_key=record.repository,
        number=record.number,
        github_id=record.github_id,
        title=record.title,
        state=record.state,
        state_reason=record.state_reason,
        author_profile_id=_profile_id(record.author),
        body=record.body,
        created_at=record.created_at,
        updated_at=record.updated_at,
        closed_at=record.closed_at,
    )


def _issue_label_rows(record: Issue, issue_id: int) -> list[tables.IssueLabel]:
    return [
        tables.IssueLabel(issue_id=issue_id, position=i, name=name)
        for i, name in enumerate(record.labels)
    ]


def _issue_assignee_rows(record: Issue, issue_id: int) -> list[tables.IssueAssignee]:
    return [
        tables.IssueAssignee(issue_id=issue_id, position=i, profile_id=ref.profile_id)
        for i, ref in enumerate(record.assignees)
    ]


class DjangoIssueStore(DjangoRecordStore[NumberKey, Issue, tables.Issue]):
    def __init__(self, using: str = "default") -> None:
        key = NaturalKey[NumberKey, Issue](("repository_key", "number"), number_key)
        children = [
            ChildRows("labels", _issue_label_rows),
            ChildRows("assignees", _issue_assignee_rows),
        ]
        super().__init__(tables.Issue, key, _issue, _issue_row, children=children, using=using)


# -- pull requests -------------------------------------------------------------------------


def _pull_request(row: tables.PullRequest) -> PullRequest:
    return PullRequest(
        repository=row.repository_key,
        number=row.number,
        github_id=row.github_id,
        title=row.title,
        state=row.state,
        author=_account(row.author_profile_id),
        labels=tuple(label.name for label in row.labels.all()),
        assignees=tuple(GitHubAccountRef(a.profile_id) for a in row.assignees.all()),
        body=row.body,
        head_sha=row.head_sha,
        base_sha=row.base_sha,
        created_at=row.created_at,
        updated_at=row.updated_at,
        closed_at=row.closed_at,
        merged_at=row.merged_at,
    )


def _pull_request_row(record: PullRequest) -> tables.PullRequest:
    return tables.PullRequest(
        repository_key=record.repository,
        number=record.number,
        github_id=record.github_id,
        title=record.title,
        state=record.state,
        author_profile_id=_profile_id(record.author),
        body=record.body,
        head_sha=record.head_sha,
        base_sha=record.base_sha,
        created_at=record.created_at,
        updated_at=record.updated_at,
        closed_at=record.closed_at,
        merged_at=record.merged_at,
    )


def _pull_request_label_rows(
    record: PullRequest, pull_request_id: int
) -> list[tables.PullRequestLabel]:
    return [
        tables.PullRequestLabel(pull_request_id=pull_request_id, position=i, name=name)
        for i, name in enumerate(record.labels)
    ]


def _pull_request_assignee_rows(
    record: PullRequest, pull_request_id: int
) -> list[tables.PullRequestAssignee]:
    return [
        tables.PullRequestAssignee(
            pull_request_id=pull_request_id, position=i, profile_id=ref.profile_id
        )
        for i, ref in enumerate(record.assignees)
    ]


class DjangoPullRequestStore(DjangoRecordStore[NumberKey, PullRequest, tables.PullRequest]):
    def __init__(self, using: str = "default") -> None:
        key = NaturalKey[NumberKey, PullRequest](("repository_key", "number"), number_key)
        children = [
            ChildRows("labels", _pull_request_label_rows),
            ChildRows("assignees", _pull_request_assignee_rows),
        ]
        super().__init__(
            tables.PullRequest,
            key,
            _pull_request,
            _pull_request_row,
            children=children,
            using=using,
        )


# -- reviews and comments ------------------------------------------------------------------


def _review(row: tables.Review) -> Review:
    return Review(
        github_id=row.github_id,
        repository=row.repository_key,
        pull_number=row.pull_number,
        author=_account(row.author_profile_id),
        state=row.state,
        body=row.body,
        commit_sha=row.commit_sha,
        submitted_at=row.submitted_at,
    )


def _review_row(record: Review) -> tables.Review:
    return tables.Review(
        github_id=record.github_id,
        repository_key=record.repository,
        pull_number=record.pull_number,
        author_profile_id=_profile_id(record.author),
        state=record.state,
        body=record.body,
        commit_sha=record.commit_sha,
        submitted_at=record.submitted_at,
    )


class DjangoReviewStore(DjangoRecordStore[GitHubIdKey, Review, tables.Review]):
    def __init__(self, using: str = "default") -> None:
        key = NaturalKey[GitHubIdKey, Review](("github_id",), github_id_key)
        super().__init__(tables.Review, key, _review, _review_row, using=using)


def _issue_comment(row: tables.IssueComment) -> IssueComment:
    return IssueComment(
        github_id=row.github_id,
        repository=row.repository_key,
        issue_number=row.issue_number,
        author=_account(row.author_profile_id),
        body=row.body,
        created_at=row.created_at,
        updated_at=row.updated_at,
    )


def _issue_comment_row(record: IssueComment) -> tables.IssueComment:
    return tables.IssueComment(
        github_id=record.github_id,
        repository_key=record.repository,
        issue_number=record.issue_number,
        author_profile_id=_profile_id(record.author),
        body=record.body,
        created_at=record.created_at,
        updated_at=record.updated_at,
    )


class DjangoIssueCommentStore(DjangoRecordStore[GitHubIdKey, IssueComment, tables.IssueComment]):
    def __init__(self, using: str = "default") -> None:
        key = NaturalKey[GitHubIdKey, IssueComment](("github_id",), github_id_key)
        super().__init__(tables.IssueComment, key, _issue_comment, _issue_comment_row, using=using)


def _review_comment(row: tables.ReviewComment) -> ReviewComment:
    return ReviewComment(
        github_id=row.github_id,
        repository=row.repository_key,
        pull_number=row.pull_number,
        author=_account(row.author_profile_id),
        body=row.body,
        path=row.path,
        review_id=row.review_id,
        in_reply_to_id=row.in_reply_to_id,
        created_at=row.created_at,
        updated_at=row.updated_at,
    )


def _review_comment_row(record: ReviewComment) -> tables.ReviewComment:
    return tables.ReviewComment(
        github_id=record.github_id,
        repository_key=record.repository,
        pull_number=record.pull_number,
        author_profile_id=_profile_id(record.author),
        body=record.body,
        path=record.path,
        review_id=record.review_id,
        in_reply_to_id=record.in_reply_to_id,
        created_at=record.created_at,
        updated_at=record.updated_at,
    )


class DjangoReviewCommentStore(DjangoRecordStore[GitHubIdKey, ReviewComment, tables.ReviewComment]):
    def __init__(self, using: str = "default") -> None:
        key = NaturalKey[GitHubIdKey, ReviewComment](("github_id",), github_id_key)
        super().__init__(
            tables.ReviewComment, key, _review_comment, _review_comment_row, using=using
        )


# -- unit of work --------------------------------------------------------------------------


class DjangoGitHubUnitOfWork(AtomicUnitOfWork):
    def __init__(self, using: str = "default") -> None:
        super().__init__(using)
        self.repositories = DjangoRepositoryStore(using)
        self.commits = DjangoCommitStore(using)
        self.issues = DjangoIssueStore(using)
        self.pull_requests = DjangoPullRequestStore(using)
        self.reviews = DjangoReviewStore(using)
        self.issue_comments = DjangoIssueCommentStore(using)
        self.review_comments = DjangoReviewCommentStore(using)
