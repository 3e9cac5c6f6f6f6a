"""Slack activity: teams, users, channels, messages, and joins and leaves. Each model stores
one record type of the Slack tracker, field for field.

Every table stands on its own: a message names its channel by the channel's id, not by a
relation, so messages store whether or not their channel's row is there (a DM's index may be
missing from an export). A person is a soft reference to a Slack user's hub profile
(``ProfileRefField``): no relation to the hub, so this app migrates and runs with only itself
installed. A channel's members and a message's mentions, reactions, files and attachments
are child rows, kept in the record's order.

Ids and ``ts`` are short columns (the reader refuses any that is not one); every text a
person wrote or named is a text column, whatever its length.
"""

from typing import Any, ClassVar

from django.db import models

from adapters.django_orm.fields import ProfileRefField, natural_key
from adapters.django_orm.tuple_items import TupleItem
from core.protocols.refs import SlackUserRef
from core.protocols.trackers import RecordType
from trackers.slack import ingest as slack

ID_LENGTH = 64  # what the reader takes as a Slack id
TS_LENGTH = 32  # "1453994356.000002", with room
KIND_LENGTH = 16
SUBTYPE_LENGTH = 64  # what the reader takes as a subtype


def _person() -> ProfileRefField:
    return ProfileRefField(SlackUserRef, null=True, blank=True)


def _id(**options: Any) -> models.CharField[str, str]:
    return models.CharField(max_length=ID_LENGTH, **options)


def _ts(**options: Any) -> models.CharField[Any, Any]:
    return models.CharField(max_length=TS_LENGTH, **options)


class Team(models.Model):
    record_type: ClassVar[RecordType[Any, Any]] = slack.TEAMS

    team_id = _id()
    name = models.TextField(blank=True)
    domain = models.TextField(blank=True)

    class Meta:
        constraints = [natural_key(slack.TEAMS, "slack_team_key_unique")]

    def __str__(self) -> str:
        return self.name or self.team_id


class User(models.Model):
    """A member as users.json describes them; the person is their hub profile."""

    record_type: ClassVar[RecordType[Any, Any]] = slack.USERS

    user_id = _id()
    account = _person()
    team_id = _id(blank=True, db_index=True)
    name = models.TextField(blank=True, help_text="The username.")
    real_name = models.TextField(blank=True)
    display_name = models.TextField(blank=True)
    title = models.TextField(blank=True)
    time_zone = models.TextField(blank=True)
    is_bot = models.BooleanField(null=True, blank=True)
    is_deleted = models.BooleanField(null=True, blank=True)
    updated_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [natural_key(slack.USERS, "slack_user_key_unique")]

    def __str__(self) -> str:
        return self.name or self.user_id


class Channel(models.Model):
    record_type: ClassVar[RecordType[Any, Any]] = slack.CHANNELS

    channel_id = _id()
    kind = models.CharField(
        max_length=KIND_LENGTH,
        blank=True,
        choices=[
            ("public", "public channel"),
            ("private", "private channel"),
            ("mpim", "group DM"),
            ("im", "DM"),
        ],
    )
    name = models.TextField(blank=True)
    creator = _person()
    created_at = models.DateTimeField(null=True, blank=True)
    is_archived = models.BooleanField(null=True, blank=True)
    is_general = models.BooleanField(null=True, blank=True)
    topic = models.TextField(blank=True)
    purpose = models.TextField(blank=True)
    as_of = models.DateTimeField(
        null=True, blank=True, help_text="The last day of the export that described it."
    )

    class Meta:
        constraints = [natural_key(slack.CHANNELS, "slack_channel_key_unique")]

    def __str__(self) -> str:
        return f"#{self.name}" if self.name else self.channel_id


class ChannelMember(TupleItem):
    channel = models.ForeignKey(Channel, on_delete=models.CASCADE, related_name="members")
    member = ProfileRefField(SlackUserRef)


class Message(models.Model):
    record_type: ClassVar[RecordType[Any, Any]] = slack.MESSAGES

    channel_id = _id(help_text="The channel's id.")
    ts = _ts()
    author = _person()
    subtype = models.CharField(max_length=SUBTYPE_LENGTH, blank=True, db_index=True)
    text = models.TextField(blank=True)
    posted_at = models.DateTimeField(null=True, blank=True, db_index=True)
    # NULL, as the record's None: in no thread, no reply known; no ts is "".
    thread_ts = _ts(null=True, blank=True)
    reply_count = models.BigIntegerField(null=True, blank=True)
    latest_reply = _ts(null=True, blank=True)
    edited_at = models.DateTimeField(null=True, blank=True)
    updated_at = models.DateTimeField(null=True, blank=True)
    reaction_count = models.BigIntegerField(null=True, blank=True)

    class Meta:
        constraints = [natural_key(slack.MESSAGES, "slack_message_key_unique")]
        indexes = [
            models.Index(fields=["channel_id", "thread_ts"], name="slack_message_thread_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.channel_id} {self.ts}"


class MessageMention(TupleItem):
    message = models.ForeignKey(Message, on_delete=models.CASCADE, related_name="mentions")
    person = ProfileRefField(SlackUserRef)


class MessageReaction(TupleItem):
    message = models.ForeignKey(Message, on_delete=models.CASCADE, related_name="reactions")
    name = models.TextField()


class MessageFile(TupleItem):
    message = models.ForeignKey(Message, on_delete=models.CASCADE, related_name="files")
    name = models.TextField()


class MessageAttachment(TupleItem):
    message = models.ForeignKey(Message, on_delete=models.CASCADE, related_name="attachments")
    text = models.TextField()


class MembershipChange(models.Model):
    """Someone joining (``joined``) or leaving a channel, keyed as its message is."""

    record_type: ClassVar[RecordType[Any, Any]] = slack.MEMBERSHIP_CHANGES

    channel_id = _id(help_text="The channel's id.")
    ts = _ts()
    joined = models.BooleanField()
    member = _person()
    inviter = _person()
    at = models.DateTimeField(null=True, blank=True, db_index=True)

    class Meta:
        constraints = [
            natural_key(slack.MEMBERSHIP_CHANGES, "slack_membershipchange_key_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.channel_id} {'join' if self.joined else 'leave'} {self.ts}"
