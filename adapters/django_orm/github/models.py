"""GitHub activity: repositories, commits, issues, pull requests, reviews and comments.

Every table stands on its own. A repository is named by its key string, not joined to, so a
commit or an issue whose repository row is absent still stores. A person is a hub profile id
held as a plain integer (a soft reference): no relation to the hub, so this app migrates and
runs with only itself installed. Where a column may hold either kind of person (a commit's
author, committer and co-authors) a kind column beside it says which. Labels, assignees and
co-authors are child rows of their issue, pull request or commit, kept in the record's order.
"""

from django.db import models

from core.protocols.refs import ProfileKind

# "owner/name" is at most 140 characters on GitHub; "local/<directory name>" at most 261.
KEY_LENGTH = 300
# A git object name: 40 hex digits (SHA-1) or 64 (SHA-256).
SHA_LENGTH = 64
STATE_LENGTH = 32
PERSON_KINDS = [
    (ProfileKind.GITHUB.value, "GitHub account"),
    (ProfileKind.GIT_AUTHOR.value, "Git author"),
]
SOFT_REFERENCE = "Soft reference to a hub profile."


def _positive(table: str, column: str) -> models.CheckConstraint:
    return models.CheckConstraint(
        condition=models.Q(**{f"{column}__gte": 1}), name=f"github_{table}_{column}_positive"
    )


def _person_kind(table: str, person: str) -> models.CheckConstraint:
    """Either no person (no id, kind "") or a profile id with one of the two kinds."""
    kinds = [value for value, _ in PERSON_KINDS]
    return models.CheckConstraint(
        condition=models.Q(
            **{f"{person}_profile_id__isnull": True, f"{person}_kind": ""},
        )
        | models.Q(**{f"{person}_profile_id__isnull": False, f"{person}_kind__in": kinds}),
        name=f"github_{table}_{person}_kind_valid",
    )


class Repository(models.Model):
    key = models.CharField(max_length=KEY_LENGTH, help_text="Lower-cased owner/name.")
    full_name = models.CharField(max_length=KEY_LENGTH)
    owner_profile_id = models.BigIntegerField(
        null=True, blank=True, db_index=True, help_text=SOFT_REFERENCE
    )
    github_id = models.BigIntegerField(null=True, blank=True)
    description = models.TextField(blank=True)
    is_fork = models.BooleanField(null=True, blank=True)
    created_at = models.DateTimeField(null=True, blank=True)
    updated_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name_plural = "repositories"
        constraints = [
            models.UniqueConstraint(fields=["key"], name="github_repository_key_unique"),
            _positive("repository", "owner_profile_id"),
        ]

    def __str__(self) -> str:
        return self.full_name or self.key


class Commit(models.Model):
    repository_key = models.CharField(max_length=KEY_LENGTH)
    sha = models.CharField(max_length=SHA_LENGTH)
    author_profile_id = models.BigIntegerField(
        null=True, blank=True, db_index=True, help_text=SOFT_REFERENCE
    )
    author_kind = models.CharField(max_length=20, choices=PERSON_KINDS, blank=True)
    committer_profile_id = models.BigIntegerField(
        null=True, blank=True, db_index=True, help_text=SOFT_REFERENCE
    )
    committer_kind = models.CharField(max_length=20, choices=PERSON_KINDS, blank=True)
    authored_at = models.DateTimeField(null=True, blank=True, db_index=True)
    committed_at = models.DateTimeField(null=True, blank=True)
    message = models.TextField(blank=True)
    # The parents' shas, space-separated, in order.
    parents = models.TextField(blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["repository_key", "sha"], name="github_commit_key_unique"
            ),
            _positive("commit", "author_profile_id"),
            _positive("commit", "committer_profile_id"),
            _person_kind("commit", "author"),
            _person_kind("commit", "committer"),
        ]

    def __str__(self) -> str:
        return f"{self.repository_key}@{self.sha[:12]}"


class CommitCoAuthor(models.Model):
    """A Co-authored-by: trailer's person; ``position`` keeps the trailers' order."""

    commit = models.ForeignKey(Commit, on_delete=models.CASCADE, related_name="co_authors")
    position = models.PositiveIntegerField()
    profile_id = models.BigIntegerField(db_index=True, help_text=SOFT_REFERENCE)
    kind = models.CharField(max_length=20, choices=PERSON_KINDS)

    class Meta:
        ordering = ["position"]
        constraints = [
            models.UniqueConstraint(
                fields=["commit", "position"], name="github_commitcoauthor_position_unique"
            ),
            _positive("commitcoauthor", "profile_id"),
            models.CheckConstraint(
                condition=models.Q(kind__in=[value for value, _ in PERSON_KINDS]),
                name="github_commitcoauthor_kind_valid",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.profile_id}"


class Issue(models.Model):
    repository_key = models.CharField(max_length=KEY_LENGTH)
    number = models.IntegerField()
    github_id = models.BigIntegerField(db_index=True)
    title = models.TextField(blank=True)
    state = models.CharField(max_length=STATE_LENGTH, blank=True)
    state_reason = models.CharField(max_length=STATE_LENGTH, blank=True)
    author_profile_id = models.BigIntegerField(
        null=True, blank=True, db_index=True, help_text=SOFT_REFERENCE
    )
    body = models.TextField(blank=True)
    created_at = models.DateTimeField(null=True, blank=True, db_index=True)
    updated_at = models.DateTimeField(null=True, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["repository_key", "number"], name="github_issue_key_unique"
            ),
            _positive("issue", "author_profile_id"),
        ]

    def __str__(self) -> str:
        return f"{self.repository_key}#{self.number}"


class IssueLabel(models.Model):
    issue = models.ForeignKey(Issue, on_delete=models.CASCADE, related_name="labels")
    position = models.PositiveIntegerField()
    name = models.CharField(max_length=255, db_index=True)

    class Meta:
        ordering = ["position"]
        constraints = [
            models.UniqueConstraint(
                fields=["issue", "position"], name="github_issuelabel_position_unique"
            ),
        ]

    def __str__(self) -> str:
        return self.name


class IssueAssignee(models.Model):
    issue = models.ForeignKey(Issue, on_delete=models.CASCADE, related_name="assignees")
    position = models.PositiveIntegerField()
    profile_id = models.BigIntegerField(db_index=True, help_text=SOFT_REFERENCE)

    class Meta:
        ordering = ["position"]
        constraints = [
            models.UniqueConstraint(
                fields=["issue", "position"], name="github_issueassignee_position_unique"
            ),
            _positive("issueassignee", "profile_id"),
        ]

    def __str__(self) -> str:
        return f"profile {self.profile_id}"


class PullRequest(models.Model):
    repository_key = models.CharField(max_length=KEY_LENGTH)
    number = models.IntegerField()
    github_id = models.BigIntegerField(null=True, blank=True, db_index=True)
    title = models.TextField(blank=True)
    state = models.CharField(max_length=STATE_LENGTH, blank=True)
    author_profile_id = models.BigIntegerField(
        null=True, blank=True, db_index=True, help_text=SOFT_REFERENCE
    )
    body = models.TextField(blank=True)
    head_sha = models.CharField(max_length=SHA_LENGTH, blank=True)
    base_sha = models.CharField(max_length=SHA_LENGTH, blank=True)
    created_at = models.DateTimeField(null=True, blank=True, db_index=True)
    updated_at = models.DateTimeField(null=True, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    merged_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["repository_key", "number"], name="github_pullrequest_key_unique"
            ),
            _positive("pullrequest", "author_profile_id"),
        ]

    def __str__(self) -> str:
        return f"{self.repository_key}#{self.number}"


class PullRequestLabel(models.Model):
    pull_request = models.ForeignKey(PullRequest, on_delete=models.CASCADE, related_name="labels")
    position = models.PositiveIntegerField()
    name = models.CharField(max_length=255, db_index=True)

    class Meta:
        ordering = ["position"]
        constraints = [
            models.UniqueConstraint(
                fields=["pull_request", "position"], name="github_pullrequestlabel_position_unique"
            ),
        ]

    def __str__(self) -> str:
        return self.name


class PullRequestAssignee(models.Model):
    pull_request = models.ForeignKey(
        PullRequest, on_delete=models.CASCADE, related_name="assignees"
    )
    position = models.PositiveIntegerField()
    profile_id = models.BigIntegerField(db_index=True, help_text=SOFT_REFERENCE)

    class Meta:
        ordering = ["position"]
        constraints = [
            models.UniqueConstraint(
                fields=["pull_request", "position"],
                name="github_pullrequestassignee_position_unique",
            ),
            _positive("pullrequestassignee", "profile_id"),
        ]

    def __str__(self) -> str:
        return f"profile {self.profile_id}"


class Review(models.Model):
    github_id = models.BigIntegerField()
    repository_key = models.CharField(max_length=KEY_LENGTH)
    pull_number = models.IntegerField()
    author_profile_id = models.BigIntegerField(
        null=True, blank=True, db_index=True, help_text=SOFT_REFERENCE
    )
    state = models.CharField(max_length=STATE_LENGTH, blank=True)
    body = models.TextField(blank=True)
    commit_sha = models.CharField(max_length=SHA_LENGTH, blank=True)
    submitted_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["github_id"], name="github_review_github_id_unique"),
            _positive("review", "author_profile_id"),
        ]
        indexes = [
            models.Index(fields=["repository_key", "pull_number"], name="github_review_pull_idx")
        ]

    def __str__(self) -> str:
        return f"{self.repository_key}#{self.pull_number} review {self.github_id}"


class IssueComment(models.Model):
    """A comment in an issue's or a pull request's conversation."""

    github_id = models.BigIntegerField()
    repository_key = models.CharField(max_length=KEY_LENGTH)
    issue_number = models.IntegerField()
    author_profile_id = models.BigIntegerField(
        null=True, blank=True, db_index=True, help_text=SOFT_REFERENCE
    )
    body = models.TextField(blank=True)
    created_at = models.DateTimeField(null=True, blank=True, db_index=True)
    updated_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["github_id"], name="github_issuecomment_github_id_unique"
            ),
            _positive("issuecomment", "author_profile_id"),
        ]
        indexes = [
            models.Index(
                fields=["repository_key", "issue_number"], name="github_issuecomment_issue_idx"
            )
        ]

    def __str__(self) -> str:
        return f"{self.repository_key}#{self.issue_number} comment {self.github_id}"


class ReviewComment(models.Model):
    """A comment on a pull request's diff."""

    github_id = models.BigIntegerField()
    repository_key = models.CharField(max_length=KEY_LENGTH)
    pull_number = models.IntegerField()
    author_profile_id = models.BigIntegerField(
        null=True, blank=True, db_index=True, help_text=SOFT_REFERENCE
    )
    body = models.TextField(blank=True)
    path = models.TextField(blank=True)
    # GitHub ids, not relations: the review or the comment replied to may not be stored.
    review_id = models.BigIntegerField(null=True, blank=True)
    in_reply_to_id = models.BigIntegerField(null=True, blank=True)
    created_at = models.DateTimeField(null=True, blank=True, db_index=True)
    updated_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["github_id"], name="github_reviewcomment_github_id_unique"
            ),
            _positive("reviewcomment", "author_profile_id"),
        ]
        indexes = [
            models.Index(
                fields=["repository_key", "pull_number"], name="github_reviewcomment_pull_idx"
            )
        ]

    def __str__(self) -> str:
        return f"{self.repository_key}#{self.pull_number} review comment {self.github_id}"
