"""One message object of a day file (or of a saved ``conversations.history`` page) as a record.

A ``channel_join`` or ``channel_leave`` (``group_join``, ``group_leave`` in old exports) is a
membership change, not a message; every other subtype is a message with its subtype, its
author found as ``people.Directory.author`` finds them.

Threads: a reply names its thread by ``thread_ts``; the thread's first message carries
``reply_count`` and ``latest_reply`` (newer exports) or a ``replies`` list of ``{user, ts}``
(older ones), from which both are derived when they are absent.
"""

from collections.abc import Sequence
from datetime import datetime

from trackers.slack.records import MembershipChangeSeen, MessageSeen
from trackers.slack.sources.people import Directory
from trackers.slack.sources.slack_fields import SlackFields, ts_moment

_JOINS = {"channel_join": True, "group_join": True, "channel_leave": False, "group_leave": False}


def message_record(
    channel_id: str, message: SlackFields, people: Directory
) -> MessageSeen | MembershipChangeSeen:
    """The record of ``message`` in ``channel_id``; ``FieldError`` when it cannot be one."""
    key = message.ts("ts")
    subtype = message.subtype()
    author = people.author(message, subtype)
    if subtype in _JOINS:
        return MembershipChangeSeen(
            channel_id,
            key,
            joined=_JOINS[subtype],
            member=author,
            inviter=people.named(message, "inviter"),
            at=ts_moment(key),
        )
    body = _body(message, subtype)
    posted_at = ts_moment(key)
    edited = message.child("edited")
    edited_at = None if edited is None else ts_moment(edited.ts("ts"))
    replies = message.children("replies") or []
    latest_reply = message.optional_ts("latest_reply") or _latest(replies)
    reply_count = message.count("reply_count")
    if reply_count is None and replies:
        reply_count = len(replies)
    reactions = message.children("reactions") or []
    return MessageSeen(
        channel_id,
        key,
        author=author,
        subtype=subtype,
        text=body,
        posted_at=posted_at,
        thread_ts=message.optional_ts("thread_ts"),
        reply_count=reply_count,
        latest_reply=latest_reply,
        edited_at=edited_at,
        updated_at=_last(posted_at, edited_at, ts_moment(latest_reply) if latest_reply else None),
        mentions=tuple(people.mentioned(body)) if body else None,
        reactions=tuple(name for name in map(_name, reactions) if name),
        reaction_count=sum(map(_reaction_count, reactions)) if reactions else None,
        files=_file_names(message),
        attachments=_attachment_texts(message),
    )


def _body(message: SlackFields, subtype: str) -> str:
    """What the message says: a file comment's text is the comment's own."""
    comment = message.child("comment") if subtype == "file_comment" else None
    if comment is not None:
        return comment.text("comment") or message.text("text")
    return message.text("text")


def _name(reaction: SlackFields) -> str:
    return reaction.text("name").strip()


def _reaction_count(reaction: SlackFields) -> int:
    """A reaction's count; its users when the count is missing (the users list is cut at 50
    on big reactions, so the count comes first)."""
    given = reaction.count("count")
    if given is not None:
        return given
    users = reaction.array("users")
    return 1 if users is None else len(users)


def _file_names(message: SlackFields) -> tuple[str, ...] | None:
    """The names of a message's files: ``files`` (newer exports) or ``file`` (older ones); a
    file the plan hides (``"mode": "hidden_by_limit"``) has its id only. None when the
    message has neither: Slack leaves the key out when there is none."""
    if not message.has("files") and not message.has("file"):
        return None
    files = message.children("files") or []
    old_style = None if files else message.child("file")
    if old_style is not None:
        files = [old_style]
    names = (
        file.text("name").strip() or file.text("title").strip() or file.text("id").strip()
        for file in files
    )
    return tuple(name for name in names if name)


def _attachment_texts(message: SlackFields) -> tuple[str, ...] | None:
    if not message.has("attachments"):
        return None
    texts = (
        attachment.text("fallback").strip()
        or attachment.text("title").strip()
        or attachment.text("text").strip()
        or attachment.text("from_url").strip()
        for attachment in message.children("attachments") or []
    )
    return tuple(found for found in texts if found)


def _latest(replies: Sequence[SlackFields]) -> str | None:
    """The latest ``ts`` of a ``replies`` list; FieldError for one that is not a ts."""
    found = [reply.ts("ts") for reply in replies]
    return max(found, key=_ts_order) if found else None


def _ts_order(value: str) -> tuple[int, int]:
    seconds, _, sequence = value.partition(".")
    return int(seconds), int(sequence or "0")


def _last(*moments: datetime | None) -> datetime | None:
    known = [moment for moment in moments if moment is not None]
    return max(known) if known else None
