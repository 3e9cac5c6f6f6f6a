"""Admin for browsing Discord activity, read-only: collection writes these rows; the admin lists
and searches them, and shows a message's mentions and a reaction's users."""

from django.contrib import admin

from adapters.django_orm.admin import ReadOnlyAdmin
from adapters.django_orm.discord.models import (
    Channel,
    Message,
    Reaction,
    Server,
)


@admin.register(Server)
class ServerAdmin(ReadOnlyAdmin[Server]):
    list_display = ("name", "server_id", "seen_at")
    search_fields = ("name", "=server_id")


@admin.register(Channel)
class ChannelAdmin(ReadOnlyAdmin[Channel]):
    list_display = ("name", "kind", "channel_id", "server_id", "parent_name", "seen_at")
    list_filter = ("kind",)
    search_fields = ("name", "topic", "parent_name", "=channel_id", "=server_id")


@admin.register(Message)
class MessageAdmin(ReadOnlyAdmin[Message]):
    list_display = (
        "message_id",
        "channel_id",
        "kind",
        "author_profile_id",
        "sent_at",
        "edited_at",
        "attachment_count",
    )
    list_filter = ("kind", "is_pinned")
    search_fields = ("content", "=message_id", "=channel_id", "=author_profile_id")
    date_hierarchy = "sent_at"


@admin.register(Reaction)
class ReactionAdmin(ReadOnlyAdmin[Reaction]):
    list_display = ("message_id", "emoji_name", "emoji", "count", "seen_at")
    search_fields = ("=message_id", "emoji", "emoji_name")
