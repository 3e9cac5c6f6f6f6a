"""What the Discord tracker stores, each record class declared once.

Everything is keyed by Discord's own snowflake ids, which are unique across Discord and never
reused: a server by its id, a channel (a text channel, a thread, a direct or a group chat) by
its id, a message by its id, and a reaction by the message's id and its emoji. So the part
files of one long channel, two exports that overlap and a collect run again all land on the
same records.

A record holding people is generic over how it holds them: a source yields it with claims
(``Message[DiscordUserClaim]``, aliased ``MessageSeen``), the store keeps it with typed refs
(``Message[DiscordUserRef]``).

None is "the export did not say". For mentions and the users of a reaction, whose default is
an empty tuple, None keeps the stored ones (older exports list no reacting users), while a
tuple, even empty, is what that export saw.
"""

from datetime import datetime
from typing import Generic, TypeVar

import attrs

from core.protocols.claims import DiscordUserClaim
from core.protocols.trackers import people, person

# How a record holds people: claims as a source read them, refs as stored.
P = TypeVar("P", covariant=True)


@attrs.frozen
class Server:
    """A server (a guild, in Discord's API). Direct and group chats belong to none."""

    server_id: int
    name: str = ""
    icon_url: str = ""  # Only a web address: a local copy an export downloaded is left out.
    seen_at: datetime | None = None  # When the export that last named it was taken.


@attrs.frozen
class Channel:
    """A channel of any kind: a server's text or announcement channel, a thread, a forum post,
    a direct chat or a group chat."""

    channel_id: int
    server_id: int | None = None  # None for direct and group chats.
    kind: str = ""  # As DiscordChatExporter names it: GuildTextChat, GuildPublicThread, ...
    name: str = ""
    # What the channel sits in: a channel's category, a thread's channel.
    parent_id: int | None = None
    parent_name: str = ""
    topic: str = ""
    seen_at: datetime | None = None  # When the export that last named it was taken.


@attrs.frozen
class Message(Generic[P]):
    """A message, system messages (a member joining, a call, a pin, a rename) included."""

    message_id: int
    channel_id: int
    kind: str = ""  # Default, Reply, GuildMemberJoin, Call, ChannelNameChange, ...
    author: P | None = person()  # None for Discord's shared placeholder of deleted accounts.
    sent_at: datetime | None = None
    edited_at: datetime | None = None  # The last edit the export saw.
    call_ended_at: datetime | None = None
    content: str = ""  # Empty for a message of attachments only, and for most system ones.
    is_pinned: bool | None = None
    # The message this one refers to: the one a reply answers, a pin notice pins, a crosspost
    # copies. An id, not a record: it may be in a channel never exported.
    reference_id: int | None = None
    attachment_count: int | None = None
    mentions: tuple[P, ...] | None = people()


@attrs.frozen
class Reaction(Generic[P]):
    """The reactions with one emoji to one message, as a count."""

    message_id: int
    # A custom emoji's id, which survives its renaming; for a standard emoji, which has no id
    # (exports write "" or null), the emoji itself.
    emoji: str
    emoji_name: str = ""  # A custom emoji's name, or the standard emoji itself.
    count: int | None = None
    users: tuple[P, ...] | None = people()  # Who reacted; None where the export does not list them.
    seen_at: datetime | None = None  # When the export that counted them was taken.


MessageSeen = Message[DiscordUserClaim]
ReactionSeen = Reaction[DiscordUserClaim]

type DiscordSeen = Server | Channel | Message[DiscordUserClaim] | Reaction[DiscordUserClaim]
