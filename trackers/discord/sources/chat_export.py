"""DiscordChatExporter JSON: one file per exported channel, server text channels, threads,
direct and group chats alike; a long channel split into ``[part 2]``, ``[part 3]`` files, each
with the same header and its own messages.

``read_chat_export(path)`` yields the channel's server (none for direct and group chats), the
channel, then each message followed by its reactions, or SourceProblems: one for a file that
is no export, one for each message that cannot be read (``message <id> (item N)``, counted
from 0 as ``jq '.messages[N]'`` does), and reading goes on.

Exports can be big: the header is read beside the message list without building it
(``json_values``), and the messages are streamed one at a time from a file too big to load
whole (``json_items``). A message id seen twice (in one file, as exports of a busy channel
hold, or in two overlapping exports) is one message: records are keyed by their ids.
"""

from collections.abc import Iterator, Sequence
from datetime import datetime
from pathlib import Path

from core.protocols.ingest import SourceProblem
from core.sources.fields import FieldError, json_type
from core.sources.files import path_text
from core.sources.json_files import json_items, json_values
from trackers.discord.records import DiscordSeen
from trackers.discord.sources.header import NOT_AN_EXPORT, exported_at, read_header
from trackers.discord.sources.messages import read_message
from trackers.discord.sources.values import Node

_NO_MESSAGES = f"{NOT_AN_EXPORT}: no messages list"


def read_chat_export(path: Path, since: str | None = None) -> Iterator[DiscordSeen | SourceProblem]:
    """Every record of the export at ``path``, in order. ``since`` is not used: an export is
    read whole."""
    where = path_text(path)
    values = json_values(path, ["guild", "channel"])
    if isinstance(values, SourceProblem):
        yield values
        return
    seen_at = exported_at(path, where)
    if isinstance(seen_at, SourceProblem):
        yield seen_at
        seen_at = None
    try:
        header = read_header(values, seen_at)
    except FieldError as error:
        yield SourceProblem(where, "", str(error))
        return
    if header.server is not None:
        yield header.server
    yield header.channel
    for entry in json_items(path, list_keys=("messages",), page=_messages):
        if isinstance(entry, SourceProblem):
            yield entry
        else:
            yield from _message_item(where, *entry, header.channel.channel_id, seen_at)


def _messages(document: object) -> Sequence[object] | str:
    messages = document.get("messages") if isinstance(document, dict) else None
    return messages if isinstance(messages, list) else _NO_MESSAGES


def _message_item(
    where: str, index: int, item: object, channel_id: int, seen_at: datetime | None
) -> Iterator[DiscordSeen | SourceProblem]:
    if not isinstance(item, dict):
        yield SourceProblem(where, f"item {index}", f"not a message object but {json_type(item)}")
        return
    try:
        message, reactions = read_message(Node(item), channel_id, seen_at)
    except FieldError as error:
        yield SourceProblem(where, _position(index, item), str(error))
        return
    yield message
    yield from reactions


def _position(index: int, item: dict[str, object]) -> str:
    """Where a message is: its id, when that much can be read, and its index."""
    try:
        message_id = Node(item).snowflake("id")
    except FieldError:
        message_id = None
    return f"item {index}" if message_id is None else f"message {message_id} (item {index})"
