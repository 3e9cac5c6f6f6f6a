"""Admin for browsing Slack activity, read-only: collection writes these rows; the admin lists
and searches them, and shows a channel's members and a message's mentions, reactions, files
and attachments."""

from django.contrib import admin

from adapters.django_orm.admin import ReadOnlyAdmin
from adapters.django_orm.slack.models import (
    Channel,
    MembershipChange,
    Message,
    Team,
    User,
)


@admin.register(Team)
class TeamAdmin(ReadOnlyAdmin[Team]):
    list_display = ("team_id", "name", "domain")
    search_fields = ("team_id", "name", "domain")


@admin.register(User)
class UserAdmin(ReadOnlyAdmin[User]):
    list_display = (
        "user_id",
        "name",
        "real_name",
        "display_name",
        "account_profile_id",
        "is_bot",
        "is_deleted",
        "updated_at",
    )
    list_filter = ("is_bot", "is_deleted", "team_id")
    search_fields = ("user_id", "name", "real_name", "display_name", "title")


@admin.register(Channel)
class ChannelAdmin(ReadOnlyAdmin[Channel]):
    list_display = ("channel_id", "name", "kind", "creator_profile_id", "created_at", "is_archived")
    list_filter = ("kind", "is_archived")
    search_fields = ("channel_id", "name", "topic", "purpose")


@admin.register(Message)
class MessageAdmin(ReadOnlyAdmin[Message]):
    list_display = (
        "channel_id",
        "ts",
        "subtype",
        "author_profile_id",
        "posted_at",
        "reply_count",
        "reaction_count",
    )
    list_filter = ("subtype",)
    search_fields = ("channel_id", "ts", "thread_ts", "text")
    date_hierarchy = "posted_at"


@admin.register(MembershipChange)
class MembershipChangeAdmin(ReadOnlyAdmin[MembershipChange]):
    list_display = ("channel_id", "ts", "joined", "member_profile_id", "inviter_profile_id", "at")
    list_filter = ("joined",)
    search_fields = ("channel_id", "ts")
    date_hierarchy = "at"
