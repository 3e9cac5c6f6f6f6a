"""One message object of a day file (or of a saved ``conversations.history`` page) as a record.

A ``channel_join`` or ``channel_leave`` (``group_join``, ``group_leave`` in old exports) is a
membership change, not a message; every other subtype is a message with its subtype, its
author found as ``people.Directory.author`` finds them.

Threads: a reply names its thread by ``thread_ts``; the thread's first message carries
``reply_count`` and ``latest_reply`` (newer exports) or a ``replies`` list of ``{user, ts}``
(older ones), from which both are derived when they are absent.
"""

from collections.abc import Mapping, Sequence
from datetime import datetime

from trackers.slack.records import MembershipChangeSeen, MessageSeen
from trackers.slack.sources.people import Directory
from trackers.slack.sources.values import (
    count,
    mappings,
    message_subtype,
    optional_ts,
    text,
    ts,
    ts_time,
)

_JOINS = {"channel_join": True, "group_join": True, "channel_leave": False, "group_leave": False}


def message_record(
    channel_id: str, message: Mapping[str, object], people: Directory
) -> MessageSeen | MembershipChangeSeen:
    """The record of ``message`` in ``channel_id``; ``values.BadValue`` when it cannot be one."""
    key = ts(message.get("ts"))
    subtype = message_subtype(message.get("subtype"))
    author = people.author(message)
    if subtype in _JOINS:
        return MembershipChangeSeen(
            channel_id,
            key,
            joined=_JOINS[subtype],
            member=author,
            inviter=people.named(message.get("inviter"), "inviter"),
            at=ts_time(key),
        )
    body = _body(message, subtype)
    posted_at = ts_time(key)
    edited = message.get("edited")
    edited_at = ts_time(ts(edited.get("ts"), "edited.ts")) if isinstance(edited, dict) else None
    replies = mappings(message.get("replies"))
    reply_times = [item.get("ts") for item in replies]
    latest_reply = optional_ts(message.get("latest_reply"), "latest_reply") or _latest(reply_times)
    reply_count = count(message.get("reply_count"))
    if reply_count is None and replies:
        reply_count = len(replies)
    reactions = mappings(message.get("reactions"))
    return MessageSeen(
        channel_id,
        key,
        author=author,
        subtype=subtype,
        text=body,
        posted_at=posted_at,
        thread_ts=optional_ts(message.get("thread_ts"), "thread_ts"),
        reply_count=reply_count,
        latest_reply=latest_reply,
        edited_at=edited_at,
        updated_at=_last(posted_at, edited_at, ts_time(latest_reply) if latest_reply else None),
        mentions=tuple(people.mentioned(body)) if body else None,
        reactions=tuple(name for name in map(_name, reactions) if name),
        reaction_count=sum(map(_reaction_count, reactions)) if reactions else None,
        files=_file_names(message),
        attachments=_attachment_texts(message),
    )


def _body(message: Mapping[str, object], subtype: str) -> str:
    """What the message says: a file comment's text is the comment's own."""
    comment = message.get("comment")
    if subtype == "file_comment" and isinstance(comment, dict):
        return text(comment.get("comment")) or text(message.get("text"))
    return text(message.get("text"))


def _name(reaction: Mapping[str, object]) -> str:
    return text(reaction.get("name")).strip()


def _reaction_count(reaction: Mapping[str, object]) -> int:
    """A reaction's count; its users when the count is missing (the users list is cut at 50
    on big reactions, so the count comes first)."""
    given = count(reaction.get("count"))
    if given is not None and given >= 0:
        return given
    users = reaction.get("users")
    return len(users) if isinstance(users, list) else 1


def _file_names(message: Mapping[str, object]) -> tuple[str, ...] | None:
    """The names of a message's files: ``files`` (newer exports) or ``file`` (older ones); a
    file the plan hides (``"mode": "hidden_by_limit"``) has its id only. None when the
    message has neither: Slack leaves the key out when there is none."""
    if "files" not in message and "file" not in message:
        return None
    files = mappings(message.get("files"))
    if not files and isinstance(message.get("file"), dict):
        files = mappings([message["file"]])
    names = (
        text(file.get("name")).strip()
        or text(file.get("title")).strip()
        or text(file.get("id")).strip()
        for file in files
    )
    return tuple(name for name in names if name)


def _attachment_texts(message: Mapping[str, object]) -> tuple[str, ...] | None:
    if "attachments" not in message:
        return None
    texts = (
        text(attachment.get("fallback")).strip()
        or text(attachment.get("title")).strip()
        or text(attachment.get("text")).strip()
        or text(attachment.get("from_url")).strip()
        for attachment in mappings(message.get("attachments"))
    )
    return tuple(found for found in texts if found)


def _latest(values: Sequence[object]) -> str | None:
    """The latest of the ``ts`` of a ``replies`` list; BadValue for one that is not a ts."""
    found = [ts(value, "replies.ts") for value in values]
    return max(found, key=_ts_order) if found else None


def _ts_order(value: str) -> tuple[int, int]:
    seconds, _, sequence = value.partition(".")
    return int(seconds), int(sequence or "0")


def _last(*moments: datetime | None) -> datetime | None:
    known = [moment for moment in moments if moment is not None]
    return max(known) if known else None
