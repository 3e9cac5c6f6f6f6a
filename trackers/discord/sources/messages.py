"""One message object of an export, read into its message and its reactions.

Attachments are kept as a count: their addresses are either Discord's, which expire, or a
local copy's path (``--media``). A reaction is its emoji and a count, with the users who
reacted when the export lists them (newer releases do).
"""

from datetime import datetime

from core.sources.fields import FieldError
from trackers.discord.records import MessageSeen, ReactionSeen
from trackers.discord.sources.people import user_claim, user_claims
from trackers.discord.sources.values import Node

# Characters of the longest emoji a reaction is keyed by: a custom emoji's name has at most 32,
# a standard one a few code points (a family with skin tones, some 15).
EMOJI_LIMIT = 100


def read_message(
    item: Node, channel_id: int, seen_at: datetime | None
) -> tuple[MessageSeen, list[ReactionSeen]]:
    """The message ``item`` and its reactions; FieldError when a field cannot be read."""
    message_id = item.required_snowflake("id")
    author = item.child("author")
    reference = item.child("reference")
    attachments = item.array("attachments")
    message = MessageSeen(
        message_id=message_id,
        channel_id=channel_id,
        kind=item.text("type").strip(),
        author=None if author is None else user_claim(author),
        sent_at=item.iso_moment("timestamp"),
        edited_at=item.iso_moment("timestampEdited"),
        call_ended_at=item.iso_moment("callEndedTimestamp"),
        content=item.text("content"),
        is_pinned=item.flag("isPinned"),
        reference_id=None if reference is None else reference.snowflake("messageId"),
        attachment_count=None if attachments is None else len(attachments),
        mentions=user_claims(item.children("mentions")),
    )
    reactions = [
        _reaction(message_id, reaction, seen_at) for reaction in item.children("reactions") or ()
    ]
    return message, reactions


def _reaction(message_id: int, reaction: Node, seen_at: datetime | None) -> ReactionSeen:
    emoji = reaction.required_child("emoji")
    emoji_id = emoji.snowflake("id")  # "" or null for a standard emoji
    name = emoji.text("name").strip()
    key = name if emoji_id is None else str(emoji_id)
    if not key:
        raise FieldError(f"{emoji.name('name')} is empty, and the emoji has no id")
    if len(key) > EMOJI_LIMIT:
        raise FieldError(
            f"{emoji.name('name')} is {len(key):,} characters long: no emoji is longer than"
            f" {EMOJI_LIMIT}"
        )
    return ReactionSeen(
        message_id=message_id,
        emoji=key,
        emoji_name=name,
        count=reaction.count("count"),
        users=user_claims(reaction.children("users")),
        seen_at=seen_at,
    )
