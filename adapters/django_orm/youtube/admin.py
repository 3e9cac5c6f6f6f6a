"""Admin for browsing YouTube talks, read-only: collection writes these rows; the admin lists
and searches them, and shows a video's tags, categories and speakers with it."""

from django.contrib import admin

from adapters.django_orm.admin import ReadOnlyAdmin
from adapters.django_orm.youtube.models import (
    Channel,
    Transcript,
    Video,
)


@admin.register(Channel)
class ChannelAdmin(ReadOnlyAdmin[Channel]):
    list_display = ("name", "handle", "channel_id", "follower_count", "fetched_at")
    search_fields = ("channel_id", "name", "handle", "description")


@admin.register(Video)
class VideoAdmin(ReadOnlyAdmin[Video]):
    list_display = ("title", "uploader", "upload_date", "duration", "view_count", "video_id")
    list_filter = ("live_status", "availability")
    search_fields = ("video_id", "title", "description", "channel_id", "uploader", "tags__name")
    date_hierarchy = "upload_date"


@admin.register(Transcript)
class TranscriptAdmin(ReadOnlyAdmin[Transcript]):
    list_display = ("video_id", "language", "automatic", "modified_at")
    list_filter = ("language", "automatic")
    search_fields = ("video_id", "text")
