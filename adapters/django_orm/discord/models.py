"""Discord activity: servers, channels, messages and reactions, each model storing one record
type of the Discord tracker, field for field.

Every table stands on its own, keyed by Discord's snowflake ids: a channel names its server, a
message its channel and a reaction its message by id, not by a relation, so a message stores
whether or not its channel was ever exported. A person is a soft reference to a hub profile
(``ProfileRefField``): no relation to the hub, so this app migrates and runs with only itself
installed. Mentions and the users of a reaction are child rows, kept in the export's order.
"""

from typing import Any, ClassVar

from django.db import models

from adapters.django_orm.fields import ProfileRefField, natural_key
from adapters.django_orm.tuple_items import TupleItem
from core.protocols.refs import DiscordUserRef
from core.protocols.trackers import RecordType
from trackers.discord import ingest as discord
from trackers.discord.sources.messages import EMOJI_LIMIT


def _user() -> ProfileRefField:
    return ProfileRefField(DiscordUserRef, null=True, blank=True)


def _snowflake(help_text: str) -> models.BigIntegerField[Any, Any]:
    return models.BigIntegerField(null=True, blank=True, db_index=True, help_text=help_text)


class Server(models.Model):
    record_type: ClassVar[RecordType[Any, Any]] = discord.SERVERS

    server_id = models.BigIntegerField()
    name = models.TextField(blank=True)
    icon_url = models.TextField(blank=True)
    seen_at = models.DateTimeField(
        null=True, blank=True, help_text="When the export that last named it was taken."
    )

    class Meta:
        constraints = [natural_key(discord.SERVERS, "discord_server_key_unique")]

    def __str__(self) -> str:
        return self.name or str(self.server_id)


class Channel(models.Model):
    record_type: ClassVar[RecordType[Any, Any]] = discord.CHANNELS

    channel_id = models.BigIntegerField()
    server_id = _snowflake("The server's id; empty for direct and group chats.")
    kind = models.TextField(blank=True, help_text="GuildTextChat, GuildPublicThread, ...")
    name = models.TextField(blank=True)
    parent_id = _snowflake("A channel's category, a thread's channel.")
    parent_name = models.TextField(blank=True)
    topic = models.TextField(blank=True)
    seen_at = models.DateTimeField(
        null=True, blank=True, help_text="When the export that last named it was taken."
    )

    class Meta:
        constraints = [natural_key(discord.CHANNELS, "discord_channel_key_unique")]

    def __str__(self) -> str:
        return f"#{self.name}" if self.name else str(self.channel_id)


class Message(models.Model):
    record_type: ClassVar[RecordType[Any, Any]] = discord.MESSAGES

    message_id = models.BigIntegerField()
    channel_id = models.BigIntegerField()
    kind = models.TextField(blank=True, help_text="Default, Reply, GuildMemberJoin, Call, ...")
    author = _user()
    sent_at = models.DateTimeField(null=True, blank=True)
    edited_at = models.DateTimeField(null=True, blank=True)
    call_ended_at = models.DateTimeField(null=True, blank=True)
    content = models.TextField(blank=True)
    is_pinned = models.BooleanField(null=True, blank=True)
    reference_id = _snowflake("The message a reply answers, a pin notice pins, ...")
    attachment_count = models.BigIntegerField(null=True, blank=True)

    class Meta:
        constraints = [natural_key(discord.MESSAGES, "discord_message_key_unique")]
        indexes = [
            # A channel's messages in time order: how a conversation is read back.
            models.Index(fields=["channel_id", "sent_at"], name="discord_message_channel_time"),
            models.Index(fields=["sent_at"], name="discord_message_sent_at"),
        ]

    def __str__(self) -> str:
        return f"message {self.message_id}"


class _UserRow(TupleItem):
    """One of the users a record lists, as a child row; ``position`` keeps the export's order."""

    user = ProfileRefField(DiscordUserRef)

    class Meta(TupleItem.Meta):
        abstract = True


class MessageMention(_UserRow):
    """A user a message mentions."""

    message = models.ForeignKey(Message, on_delete=models.CASCADE, related_name="mentions")


class Reaction(models.Model):
    record_type: ClassVar[RecordType[Any, Any]] = discord.REACTIONS

    message_id = models.BigIntegerField()
    emoji = models.CharField(
        max_length=EMOJI_LIMIT, help_text="A custom emoji's id, or a standard emoji itself."
    )
    emoji_name = models.TextField(blank=True)
    count = models.BigIntegerField(null=True, blank=True)
    seen_at = models.DateTimeField(
        null=True, blank=True, help_text="When the export that counted them was taken."
    )

    class Meta:
        constraints = [natural_key(discord.REACTIONS, "discord_reaction_key_unique")]

    def __str__(self) -> str:
        return f"{self.emoji_name or self.emoji} on message {self.message_id}"


class ReactionUser(_UserRow):
    """A user who reacted."""

    reaction = models.ForeignKey(Reaction, on_delete=models.CASCADE, related_name="users")
