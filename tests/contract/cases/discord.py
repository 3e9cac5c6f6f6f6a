"""The Discord tracker's store cases: one per record type, on every adapter."""

from core.protocols.refs import DiscordUserRef
from tests.contract.cases import T1, T2, T3, T4, StoreCase
from trackers.discord.ingest import CHANNELS, MESSAGES, REACTIONS, SERVERS
from trackers.discord.records import Channel, Message, Reaction, Server

# Snowflakes of today are 19 digits, beyond 32 and 53 bits; the largest a column holds too.
SERVER = 550980550656131073
CHANNEL = 1213034240409731083
MESSAGE = 1213032982634430465
LARGEST = 2**63 - 1

CASES = [
    StoreCase(
        SERVERS,
        full=Server(
            server_id=SERVER,
            name="Boost C++ Libraries — ünïcødé, 日本語 🚀",
            icon_url=f"https://cdn.discordapp.com/icons/{SERVER}/5e4d3c2b1a.png?size=512",
            seen_at=T1,
        ),
        changed=Server(
            server_id=SERVER,
            name="Boost",
            icon_url=f"https://cdn.discordapp.com/icons/{SERVER}/0a0b0c.webp",
            seen_at=T3,
        ),
        sparse=Server(server_id=LARGEST),
    ),
    StoreCase(
        CHANNELS,
        full=Channel(
            channel_id=CHANNEL,
            server_id=SERVER,
            kind="GuildPublicThread",
            name="Boost.JSON and C++20 modules 🧵",
            parent_id=550982060605571075,
            parent_name="général",
            topic="Threads about modules — ünïcødé",
            seen_at=T2,
        ),
        changed=Channel(
            channel_id=CHANNEL,
            server_id=SERVER + 1,
            kind="GuildPrivateThread",
            name="modules",
            parent_id=550982060605571076,
            parent_name="help",
            topic="moved",
            seen_at=T4,
        ),
        sparse=Channel(channel_id=863147497881731086),
    ),
    StoreCase(
        MESSAGES,
        full=Message(
            message_id=MESSAGE,
            channel_id=CHANNEL,
            kind="Reply",
            author=DiscordUserRef(41),
            sent_at=T1,
            edited_at=T2,
            call_ended_at=T2,
            content="@Ann yes — it works with clang 17 🎉\n> ünïcødé 日本語",
            is_pinned=False,
            reference_id=MESSAGE - 1,
            attachment_count=2,
            mentions=(DiscordUserRef(42), DiscordUserRef(43)),
        ),
        changed=Message(
            message_id=MESSAGE,
            channel_id=CHANNEL + 1,
            kind="Default",
            author=DiscordUserRef(51),
            sent_at=T3,
            edited_at=T4,
            call_ended_at=T4,
            content="edited",
            is_pinned=True,
            reference_id=MESSAGE - 2,
            attachment_count=0,
            mentions=(DiscordUserRef(43), DiscordUserRef(44)),
        ),
        sparse=Message(message_id=LARGEST, channel_id=CHANNEL),
    ),
    StoreCase(
        REACTIONS,
        full=Reaction(
            message_id=MESSAGE,
            emoji="👍🏽",
            emoji_name="👍🏽",
            count=3,
            users=(DiscordUserRef(41), DiscordUserRef(42), DiscordUserRef(43)),
            seen_at=T1,
        ),
        changed=Reaction(
            message_id=MESSAGE,
            emoji="👍🏽",
            emoji_name="thumbsup_tone3",
            count=4,
            users=(DiscordUserRef(43), DiscordUserRef(41), DiscordUserRef(44)),
            seen_at=T3,
        ),
        sparse=Reaction(message_id=MESSAGE, emoji="562637360332931081"),
    ),
]
