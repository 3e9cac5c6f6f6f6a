"""What an export says before its messages: the server (``guild``), the channel, and when the
export was taken (``exportedAt``).

Direct and group chats are exported under a pseudo-server of id 0 (``Direct Messages``): they
belong to no server. A thread's ``category`` is its channel (DiscordChatExporter's schema
predates threads, so the field kept its name), a channel's is its category: either way, what
the channel sits in.

``exportedAt`` is what tells a newer export from an older one. DiscordChatExporter writes it
just before the messages, and older releases not at all; it is looked for in the first
64 KiB of the file only, where the header ends: asking for a key the file lacks would parse,
and build, the whole message list to find out.
"""

import io
from datetime import datetime
from pathlib import Path

import attrs

from core.protocols.ingest import SourceProblem
from core.sources.fields import FieldError, Fields
from core.sources.files import open_regular
from core.sources.json_stream import JsonStream, StreamError
from trackers.discord.records import Channel, Server
from trackers.discord.sources.people import web_address
from trackers.discord.sources.values import Node

HEAD = 64 * 1024
# The server DiscordChatExporter puts direct and group chats in.
DIRECT_MESSAGES_ID = 0
NOT_AN_EXPORT = "not a DiscordChatExporter export"


@attrs.frozen
class Header:
    channel: Channel
    server: Server | None


def read_header(values: dict[str, object], seen_at: datetime | None) -> Header:
    """The channel and server of an export's ``guild`` and ``channel``; FieldError when they
    are missing or cannot be read."""
    guild, channel = values.get("guild"), values.get("channel")
    if not isinstance(guild, dict) or not isinstance(channel, dict):
        absent = [key for key in ("guild", "channel") if not isinstance(values.get(key), dict)]
        raise FieldError(f"{NOT_AN_EXPORT}: no {' and no '.join(absent)} object")
    server_node, channel_node = Node(guild, "guild"), Node(channel, "channel")
    server_id = server_node.required_snowflake("id")
    server = None
    if server_id != DIRECT_MESSAGES_ID:
        server = Server(
            server_id=server_id,
            name=server_node.text("name"),
            icon_url=web_address(server_node.text("iconUrl")),
            seen_at=seen_at,
        )
    return Header(
        Channel(
            channel_id=channel_node.required_snowflake("id"),
            server_id=None if server is None else server_id,
            kind=channel_node.text("type").strip(),
            name=channel_node.text("name"),
            parent_id=channel_node.snowflake("categoryId"),
            parent_name=channel_node.text("category"),
            topic=channel_node.text("topic"),
            seen_at=seen_at,
        ),
        server,
    )


def exported_at(path: Path, where: str) -> datetime | SourceProblem | None:
    """When the export at ``path`` was taken; None when its head does not say; a problem,
    that skips nothing, when it says something that is no date."""
    try:
        with open_regular(path) as file:
            head = file.read(HEAD)
        value = next(iter(JsonStream(io.BytesIO(head)).values("exportedAt")), None)
    except (OSError, StreamError):  # the head ends inside the messages: no exportedAt before
        return None
    if value is None:
        return None
    try:
        return Fields({"exportedAt": value}).iso_moment("exportedAt")
    except FieldError as error:
        reason = f"{error}; its records are kept, as of no known date"
        return SourceProblem(where, "exportedAt", reason, skipped=False)
