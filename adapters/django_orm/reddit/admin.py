"""Admin for browsing Reddit submissions and comments, read-only: collection writes them; the
admin lists and searches them, by subreddit, text, fullname and the thread a comment is in."""

from django.contrib import admin

from adapters.django_orm.admin import ReadOnlyAdmin
from adapters.django_orm.reddit.models import Comment, Submission


@admin.register(Submission)
class SubmissionAdmin(ReadOnlyAdmin[Submission]):
    list_display = (
        "fullname",
        "subreddit",
        "title",
        "author_profile_id",
        "score",
        "num_comments",
        "created_at",
    )
    list_filter = ("subreddit",)
    search_fields = ("fullname", "title", "selftext", "url")
    date_hierarchy = "created_at"


@admin.register(Comment)
class CommentAdmin(ReadOnlyAdmin[Comment]):
    list_display = (
        "fullname",
        "subreddit",
        "submission",
        "parent",
        "author_profile_id",
        "score",
        "created_at",
    )
    list_filter = ("subreddit",)
    # A thread's comments, by its submission's fullname; a reply's context, by its parent's.
    search_fields = ("fullname", "submission", "parent", "body")
    date_hierarchy = "created_at"
