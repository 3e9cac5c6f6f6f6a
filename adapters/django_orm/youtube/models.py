"""YouTube talks: channels, videos and their transcripts, each model storing one record type
of the YouTube tracker, field for field.

Every table stands on its own: a video names its channel by the channel's id and a
transcript its video by the video's id, with no relation, so a video whose channel row is
absent (an older youtube-dl file) still stores. A speaker is a soft reference to a hub profile
(``ProfileRefField``): no relation to the hub, so this app migrates and runs with only itself
installed. Tags, categories and speakers are child rows of their video (or channel), kept in
the record's order.
"""

from typing import Any, ClassVar

from django.db import models

from adapters.django_orm.fields import ProfileRefField, natural_key
from adapters.django_orm.tuple_items import TupleItem
from core.protocols.refs import YouTubeSpeakerRef
from core.protocols.trackers import RecordType
from trackers.youtube import ingest as youtube

# The reader takes ids of at most 64 of YouTube's id characters: 11 for a video, 24 for a
# channel; and languages of at most 35 characters (BCP 47 tags, yt-dlp's "en-orig").
ID_LENGTH = 64
LANGUAGE_LENGTH = 35


class Word(TupleItem):
    """One word of a record's tuple (a tag, a category): a child row of the record, in the
    record's order."""

    name = models.TextField()

    class Meta(TupleItem.Meta):
        abstract = True


class Channel(models.Model):
    record_type: ClassVar[RecordType[Any, Any]] = youtube.CHANNELS

    channel_id = models.CharField(max_length=ID_LENGTH)
    name = models.TextField(blank=True)
    handle = models.TextField(blank=True, help_text="@handle")
    url = models.TextField(blank=True)
    description = models.TextField(blank=True)
    follower_count = models.BigIntegerField(null=True, blank=True)
    fetched_at = models.DateTimeField(null=True, blank=True, help_text="When yt-dlp wrote it.")

    class Meta:
        constraints = [natural_key(youtube.CHANNELS, "youtube_channel_key_unique")]

    def __str__(self) -> str:
        return self.name or self.channel_id


class ChannelTag(Word):
    channel = models.ForeignKey(Channel, on_delete=models.CASCADE, related_name="tags")


class Video(models.Model):
    record_type: ClassVar[RecordType[Any, Any]] = youtube.VIDEOS

    video_id = models.CharField(max_length=ID_LENGTH)
    title = models.TextField(blank=True)
    description = models.TextField(blank=True)
    channel_id = models.CharField(
        max_length=ID_LENGTH, blank=True, db_index=True, help_text="The channel's id."
    )
    uploader = models.TextField(blank=True)
    upload_date = models.DateField(null=True, blank=True, db_index=True)
    uploaded_at = models.DateTimeField(null=True, blank=True)
    duration = models.BigIntegerField(null=True, blank=True, help_text="Seconds.")
    view_count = models.BigIntegerField(null=True, blank=True)
    like_count = models.BigIntegerField(null=True, blank=True)
    comment_count = models.BigIntegerField(null=True, blank=True)
    url = models.TextField(blank=True)
    live_status = models.TextField(blank=True)
    availability = models.TextField(blank=True)
    fetched_at = models.DateTimeField(null=True, blank=True, help_text="When yt-dlp wrote it.")

    class Meta:
        constraints = [natural_key(youtube.VIDEOS, "youtube_video_key_unique")]

    def __str__(self) -> str:
        return self.title or self.video_id


class VideoTag(Word):
    video = models.ForeignKey(Video, on_delete=models.CASCADE, related_name="tags")


class VideoCategory(Word):
    video = models.ForeignKey(Video, on_delete=models.CASCADE, related_name="categories")

    class Meta(Word.Meta):
        verbose_name_plural = "video categories"


class VideoSpeaker(TupleItem):
    """A speaker of the talk; ``position`` keeps the order the talk names them in. The
    profile column is indexed: "the talks of this speaker" is the query it serves."""

    video = models.ForeignKey(Video, on_delete=models.CASCADE, related_name="speakers")
    speaker = ProfileRefField(YouTubeSpeakerRef)


class Transcript(models.Model):
    """A video's subtitles in one language, as plain text."""

    record_type: ClassVar[RecordType[Any, Any]] = youtube.TRANSCRIPTS

    video_id = models.CharField(max_length=ID_LENGTH, help_text="The video's id.")
    language = models.CharField(max_length=LANGUAGE_LENGTH)
    text = models.TextField(blank=True)
    automatic = models.BooleanField(
        null=True, blank=True, help_text="YouTube's automatic captions, timed word by word."
    )
    modified_at = models.DateTimeField(null=True, blank=True, help_text="The file's.")

    class Meta:
        constraints = [natural_key(youtube.TRANSCRIPTS, "youtube_transcript_key_unique")]

    def __str__(self) -> str:
        return f"{self.video_id} ({self.language})"
