"""Admin for browsing GitHub activity, read-only: collection writes these rows; the admin lists
and searches them, and shows an issue's, a pull request's or a commit's child rows."""

from django.contrib import admin

from adapters.django_orm.admin import ReadOnlyAdmin
from adapters.django_orm.github.models import (
    Commit,
    FileChange,
    Issue,
    IssueComment,
    PullRequest,
    Repository,
    Review,
    ReviewComment,
)


@admin.register(Repository)
class RepositoryAdmin(ReadOnlyAdmin[Repository]):
    list_display = ("full_name", "key", "owner_profile_id", "is_fork", "updated_at")
    list_filter = ("is_fork",)
    search_fields = ("key", "full_name", "description")


@admin.register(Commit)
class CommitAdmin(ReadOnlyAdmin[Commit]):
    list_display = (
        "repository",
        "sha",
        "author_kind",
        "author_profile_id",
        "committer_profile_id",
        "authored_at",
    )
    list_filter = ("author_kind",)
    search_fields = ("repository", "sha", "message")
    date_hierarchy = "authored_at"


@admin.register(FileChange)
class FileChangeAdmin(ReadOnlyAdmin[FileChange]):
    list_display = ("repository", "sha", "path", "previous_path", "additions", "deletions")
    list_filter = ("is_binary",)
    search_fields = ("repository", "sha", "path", "previous_path")


@admin.register(Issue)
class IssueAdmin(ReadOnlyAdmin[Issue]):
    list_display = ("repository", "number", "title", "state", "author_profile_id", "created_at")
    list_filter = ("state", "state_reason")
    search_fields = ("repository", "title", "labels__name")
    date_hierarchy = "created_at"


@admin.register(PullRequest)
class PullRequestAdmin(ReadOnlyAdmin[PullRequest]):
    list_display = (
        "repository",
        "number",
        "title",
        "state",
        "author_profile_id",
        "created_at",
        "merged_at",
    )
    list_filter = ("state",)
    search_fields = ("repository", "title", "head_sha", "labels__name")
    date_hierarchy = "created_at"


@admin.register(Review)
class ReviewAdmin(ReadOnlyAdmin[Review]):
    list_display = (
        "repository",
        "pull_number",
        "github_id",
        "state",
        "author_profile_id",
        "submitted_at",
    )
    list_filter = ("state",)
    search_fields = ("repository", "body", "commit_sha")


@admin.register(IssueComment)
class IssueCommentAdmin(ReadOnlyAdmin[IssueComment]):
    list_display = (
        "repository",
        "issue_number",
        "github_id",
        "author_profile_id",
        "created_at",
    )
    search_fields = ("repository", "body")
    date_hierarchy = "created_at"


@admin.register(ReviewComment)
class ReviewCommentAdmin(ReadOnlyAdmin[ReviewComment]):
    list_display = (
        "repository",
        "pull_number",
        "github_id",
        "path",
        "author_profile_id",
        "created_at",
    )
    search_fields = ("repository", "body", "path")
    date_hierarchy = "created_at"
