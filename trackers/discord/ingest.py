"""What the Discord tracker stores and how: its record types, for the kit's ingest engine.

Which of two sightings is newer is told by the export itself. A message changes only by being
edited, and an export says when it last was (``timestampEdited``): a sighting edited later
replaces what it knows, any other (the same message in an older export, an overlapping one, a
part file read again) only fills in what was unknown. A server's and a channel's names and a
reaction's count change without a trace, so the export taken later (``exportedAt``) wins;
an export that does not say when it was taken only fills in gaps.

Erasure: a user erased on request leaves their messages in place, with no author and no
content; mentions and reactions no longer name them.
"""

from core.protocols.refs import DiscordUserRef
from core.protocols.trackers import NewerWins, RecordType, Redact, Source, Tracker
from trackers.discord.records import Channel, Message, Reaction, Server
from trackers.discord.sources.chat_export import read_chat_export

type SnowflakeKey = int
type ReactionKey = tuple[int, str]  # (message id, emoji)

SERVERS = RecordType[Server, SnowflakeKey](
    "discord.server", Server, ("server_id",), NewerWins(at="seen_at")
)
CHANNELS = RecordType[Channel, SnowflakeKey](
    "discord.channel", Channel, ("channel_id",), NewerWins(at="seen_at")
)
MESSAGES = RecordType[Message[DiscordUserRef], SnowflakeKey](
    "discord.message",
    Message,
    ("message_id",),
    NewerWins(at="edited_at"),
    erased=Redact(("content",), by=("author",)),
)
REACTIONS = RecordType[Reaction[DiscordUserRef], ReactionKey](
    "discord.reaction",
    Reaction,
    ("message_id", "emoji"),
    NewerWins(at="seen_at"),
    "discord.reaction {r.emoji} on message {r.message_id}",
)

DISCORD = Tracker(
    "discord",
    record_types=(SERVERS, CHANNELS, MESSAGES, REACTIONS),
    unreadable="discord.message",
    sources=(
        Source(
            "discord-export",
            "DiscordChatExporter JSON exports of channels, threads, direct and group chats"
            " (part files included); files or folders of .json files",
            read_chat_export,
            suffixes=(".json",),
        ),
    ),
)
