"""Admin for browsing GitHub activity. Collection writes these rows; the admin lists and
searches them, and shows an issue's, a pull request's or a commit's child rows read-only."""

from django.contrib import admin
from django.db import models
from django.http import HttpRequest

from adapters.django_orm.github.models import (
    Commit,
    CommitCoAuthor,
    Issue,
    IssueAssignee,
    IssueComment,
    IssueLabel,
    PullRequest,
    PullRequestAssignee,
    PullRequestLabel,
    Repository,
    Review,
    ReviewComment,
)


class _ChildInline[C: models.Model, P: models.Model](admin.TabularInline[C, P]):
    extra = 0
    can_delete = False

    def has_add_permission(self, request: HttpRequest, obj: P | None = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: P | None = None) -> bool:
        return False


class CommitCoAuthorInline(_ChildInline[CommitCoAuthor, Commit]):
    model = CommitCoAuthor
    fields = ("position", "kind", "profile_id")


class IssueLabelInline(_ChildInline[IssueLabel, Issue]):
    model = IssueLabel
    fields = ("position", "name")


class IssueAssigneeInline(_ChildInline[IssueAssignee, Issue]):
    model = IssueAssignee
    fields = ("position", "profile_id")


class PullRequestLabelInline(_ChildInline[PullRequestLabel, PullRequest]):
    model = PullRequestLabel
    fields = ("position", "name")


class PullRequestAssigneeInline(_ChildInline[PullRequestAssignee, PullRequest]):
    model = PullRequestAssignee
    fields = ("position", "profile_id")


@admin.register(Repository)
class RepositoryAdmin(admin.ModelAdmin[Repository]):
    list_display = ("full_name", "key", "owner_profile_id", "is_fork", "updated_at")
    list_filter = ("is_fork",)
    search_fields = ("key", "full_name", "description")


@admin.register(Commit)
class CommitAdmin(admin.ModelAdmin[Commit]):
    list_display = (
        "repository_key",
        "sha",
        "author_kind",
        "author_profile_id",
        "committer_profile_id",
        "authored_at",
    )
    list_filter = ("author_kind",)
    search_fields = ("repository_key", "sha", "message")
    date_hierarchy = "authored_at"
    inlines = (CommitCoAuthorInline,)


@admin.register(Issue)
class IssueAdmin(admin.ModelAdmin[Issue]):
    list_display = ("repository_key", "number", "title", "state", "author_profile_id", "created_at")
    list_filter = ("state", "state_reason")
    search_fields = ("repository_key", "title", "labels__name")
    date_hierarchy = "created_at"
    inlines = (IssueLabelInline, IssueAssigneeInline)


@admin.register(PullRequest)
class PullRequestAdmin(admin.ModelAdmin[PullRequest]):
    list_display = (
        "repository_key",
        "number",
        "title",
        "state",
        "author_profile_id",
        "created_at",
        "merged_at",
    )
    list_filter = ("state",)
    search_fields = ("repository_key", "title", "head_sha", "labels__name")
    date_hierarchy = "created_at"
    inlines = (PullRequestLabelInline, PullRequestAssigneeInline)


@admin.register(Review)
class ReviewAdmin(admin.ModelAdmin[Review]):
    list_display = (
        "repository_key",
        "pull_number",
        "github_id",
        "state",
        "author_profile_id",
        "submitted_at",
    )
    list_filter = ("state",)
    search_fields = ("repository_key", "body", "commit_sha")


@admin.register(IssueComment)
class IssueCommentAdmin(admin.ModelAdmin[IssueComment]):
    list_display = (
        "repository_key",
        "issue_number",
        "github_id",
        "author_profile_id",
        "created_at",
    )
    search_fields = ("repository_key", "body")
    date_hierarchy = "created_at"


@admin.register(ReviewComment)
class ReviewCommentAdmin(admin.ModelAdmin[ReviewComment]):
    list_display = (
        "repository_key",
        "pull_number",
        "github_id",
        "path",
        "author_profile_id",
        "created_at",
    )
    search_fields = ("repository_key", "body", "path")
    date_hierarchy = "created_at"
