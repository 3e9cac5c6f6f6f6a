"""GitHub activity: repositories, commits and the files they changed, issues, pull requests,
reviews and comments. Each model stores one record type of the GitHub tracker, field for field.

Every table stands on its own. A repository is named by its key string, not joined to, so a
commit or an issue whose repository row is absent still stores. A person is a soft reference
to a hub profile (``ProfileRefField``): no relation to the hub, so this app migrates and runs
with only itself installed. Where a column may hold either kind of person (a commit's author,
committer and co-authors) a kind column beside it says which. Labels, assignees and co-authors
are child rows of their issue, pull request or commit, kept in the record's order.
"""

from typing import Any, ClassVar

from django.db import models

from adapters.django_orm.fields import (
    ProfileRefField,
    WordsField,
    kind_choices,
    kind_matches_ref,
    natural_key,
)
from adapters.django_orm.tuple_items import TupleItem
from core.protocols.refs import GitAuthorRef, GitHubAccountRef
from core.protocols.trackers import RecordType
from trackers.github import ingest as github

# "owner/name" is at most 140 characters on GitHub; "local/<directory name>" at most 261.
KEY_LENGTH = 300
# A git object name: 40 hex digits (SHA-1) or 64 (SHA-256).
SHA_LENGTH = 64
STATE_LENGTH = 32
PEOPLE = (GitHubAccountRef, GitAuthorRef)
KIND_LENGTH = 20


def _person(kind_field: str) -> ProfileRefField:
    return ProfileRefField(*PEOPLE, kind_field=kind_field, null=True, blank=True)


def _account() -> ProfileRefField:
    return ProfileRefField(GitHubAccountRef, null=True, blank=True)


def _kind() -> models.CharField[str, str]:
    return models.CharField(max_length=KIND_LENGTH, choices=kind_choices(*PEOPLE), blank=True)


class Repository(models.Model):
    record_type: ClassVar[RecordType[Any, Any]] = github.REPOSITORIES

    key = models.CharField(max_length=KEY_LENGTH, help_text="Lower-cased owner/name.")
    full_name = models.CharField(max_length=KEY_LENGTH)
    owner = _account()
    github_id = models.BigIntegerField(null=True, blank=True)
    description = models.TextField(blank=True)
    is_fork = models.BooleanField(null=True, blank=True)
    created_at = models.DateTimeField(null=True, blank=True)
    updated_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name_plural = "repositories"
        constraints = [
            natural_key(github.REPOSITORIES, "github_repository_key_unique"),
        ]

    def __str__(self) -> str:
        return self.full_name or self.key


class Commit(models.Model):
    record_type: ClassVar[RecordType[Any, Any]] = github.COMMITS

    repository = models.CharField(max_length=KEY_LENGTH, help_text="The repository's key.")
    sha = models.CharField(max_length=SHA_LENGTH)
    author = _person("author_kind")
    author_kind = _kind()
    committer = _person("committer_kind")
    committer_kind = _kind()
    authored_at = models.DateTimeField(null=True, blank=True, db_index=True)
    committed_at = models.DateTimeField(null=True, blank=True)
    message = models.TextField(blank=True)
    parents = WordsField(blank=True, help_text="The parents' shas, in order.")

    class Meta:
        constraints = [
            natural_key(github.COMMITS, "github_commit_key_unique"),
            kind_matches_ref("github_commit", "author", PEOPLE),
            kind_matches_ref("github_commit", "committer", PEOPLE),
        ]

    def __str__(self) -> str:
        return f"{self.repository}@{self.sha[:12]}"


class CommitCoAuthor(TupleItem):
    """A Co-authored-by: trailer's person; ``position`` keeps the trailers' order."""

    commit = models.ForeignKey(Commit, on_delete=models.CASCADE, related_name="co_authors")
    person = ProfileRefField(*PEOPLE, kind_field="person_kind")
    person_kind = models.CharField(max_length=KIND_LENGTH, choices=kind_choices(*PEOPLE))

    class Meta(TupleItem.Meta):
        constraints = [
            kind_matches_ref("github_commitcoauthor", "person", PEOPLE),
        ]


class FileChange(models.Model):
    """A file a commit changed against its first parent; binary files count 0 lines."""

    record_type: ClassVar[RecordType[Any, Any]] = github.FILE_CHANGES

    repository = models.CharField(max_length=KEY_LENGTH, help_text="The repository's key.")
    sha = models.CharField(max_length=SHA_LENGTH)
    path = models.TextField()
    previous_path = models.TextField(blank=True, help_text="The path before a rename.")
    additions = models.BigIntegerField(default=0)
    deletions = models.BigIntegerField(default=0)
    is_binary = models.BooleanField(null=True, blank=True)

    class Meta:
        constraints = [
            natural_key(github.FILE_CHANGES, "github_filechange_key_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.repository}@{self.sha[:12]} {self.path}"


class Issue(models.Model):
    record_type: ClassVar[RecordType[Any, Any]] = github.ISSUES

    repository = models.CharField(max_length=KEY_LENGTH, help_text="The repository's key.")
    number = models.BigIntegerField()
    github_id = models.BigIntegerField(db_index=True)
    title = models.TextField(blank=True)
    state = models.CharField(max_length=STATE_LENGTH, blank=True)
    state_reason = models.CharField(max_length=STATE_LENGTH, blank=True)
    author = _account()
    body = models.TextField(blank=True)
    created_at = models.DateTimeField(null=True, blank=True, db_index=True)
    updated_at = models.DateTimeField(null=True, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            natural_key(github.ISSUES, "github_issue_key_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.repository}#{self.number}"


class IssueLabel(TupleItem):
    issue = models.ForeignKey(Issue, on_delete=models.CASCADE, related_name="labels")
    name = models.CharField(max_length=255, db_index=True)


class IssueAssignee(TupleItem):
    issue = models.ForeignKey(Issue, on_delete=models.CASCADE, related_name="assignees")
    account = ProfileRefField(GitHubAccountRef)


class PullRequest(models.Model):
    record_type: ClassVar[RecordType[Any, Any]] = github.PULL_REQUESTS

    repository = models.CharField(max_length=KEY_LENGTH, help_text="The repository's key.")
    number = models.BigIntegerField()
    github_id = models.BigIntegerField(null=True, blank=True, db_index=True)
    title = models.TextField(blank=True)
    state = models.CharField(max_length=STATE_LENGTH, blank=True)
    author = _account()
    body = models.TextField(blank=True)
    head_sha = models.CharField(max_length=SHA_LENGTH, blank=True)
    base_sha = models.CharField(max_length=SHA_LENGTH, blank=True)
    created_at = models.DateTimeField(null=True, blank=True, db_index=True)
    updated_at = models.DateTimeField(null=True, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    merged_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            natural_key(github.PULL_REQUESTS, "github_pullrequest_key_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.repository}#{self.number}"


class PullRequestLabel(TupleItem):
    pull_request = models.ForeignKey(PullRequest, on_delete=models.CASCADE, related_name="labels")
    name = models.CharField(max_length=255, db_index=True)


class PullRequestAssignee(TupleItem):
    pull_request = models.ForeignKey(
        PullRequest, on_delete=models.CASCADE, related_name="assignees"
    )
    account = ProfileRefField(GitHubAccountRef)


class Review(models.Model):
    record_type: ClassVar[RecordType[Any, Any]] = github.REVIEWS

    repository = models.CharField(max_length=KEY_LENGTH, help_text="The repository's key.")
    pull_number = models.BigIntegerField()
    github_id = models.BigIntegerField()
    author = _account()
    state = models.CharField(max_length=STATE_LENGTH, blank=True)
    body = models.TextField(blank=True)
    commit_sha = models.CharField(max_length=SHA_LENGTH, blank=True)
    submitted_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            natural_key(github.REVIEWS, "github_review_github_id_unique"),
        ]
        indexes = [
            models.Index(fields=["repository", "pull_number"], name="github_review_pull_idx")
        ]

    def __str__(self) -> str:
        return f"{self.repository}#{self.pull_number} review {self.github_id}"


class IssueComment(models.Model):
    """A comment in an issue's or a pull request's conversation."""

    record_type: ClassVar[RecordType[Any, Any]] = github.ISSUE_COMMENTS

    repository = models.CharField(max_length=KEY_LENGTH, help_text="The repository's key.")
    issue_number = models.BigIntegerField()
    github_id = models.BigIntegerField()
    author = _account()
    body = models.TextField(blank=True)
    created_at = models.DateTimeField(null=True, blank=True, db_index=True)
    updated_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            natural_key(github.ISSUE_COMMENTS, "github_issuecomment_github_id_unique"),
        ]
        indexes = [
            models.Index(
                fields=["repository", "issue_number"], name="github_issuecomment_issue_idx"
            )
        ]

    def __str__(self) -> str:
        return f"{self.repository}#{self.issue_number} comment {self.github_id}"


class ReviewComment(models.Model):
    """A comment on a pull request's diff."""

    record_type: ClassVar[RecordType[Any, Any]] = github.REVIEW_COMMENTS

    repository = models.CharField(max_length=KEY_LENGTH, help_text="The repository's key.")
    pull_number = models.BigIntegerField()
    github_id = models.BigIntegerField()
    author = _account()
    body = models.TextField(blank=True)
    path = models.TextField(blank=True)
    # GitHub ids, not relations: the review or the comment replied to may not be stored.
    review_id = models.BigIntegerField(null=True, blank=True)
    in_reply_to_id = models.BigIntegerField(null=True, blank=True)
    created_at = models.DateTimeField(null=True, blank=True, db_index=True)
    updated_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            natural_key(github.REVIEW_COMMENTS, "github_reviewcomment_github_id_unique"),
        ]
        indexes = [
            models.Index(fields=["repository", "pull_number"], name="github_reviewcomment_pull_idx")
        ]

    def __str__(self) -> str:
        return f"{self.repository}#{self.pull_number} review comment {self.github_id}"
