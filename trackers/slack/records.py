"""What the Slack tracker stores, each record class declared once.

Every class holding people is generic over how it holds them: a reader yields it with claims
(``Message[SlackUserClaim]``, aliased ``MessageSeen``), the store keeps it with typed refs
(``Message[SlackUserRef]``). A person is a Slack user by user id; a bot that posts with no
user (an integration, absent from users.json) is one by its bot id, flagged as a bot.

Keys are Slack's own ids, which no export renames: a team by its id, a user by its id, a
channel by its id (``C…`` public, ``G…`` private or a group DM, ``D…`` a DM; an export's
folders are named after channels, which are renamed), a message and a join or leave by the
channel and its ``ts`` ("1453994356.000002": seconds, then a sequence number within them).
Collecting an export again, or a later export that overlaps it, finds the same keys.

None is "the source did not say". A tuple is what the sighting lists, () for none, and None
when it does not say (a message without text says nothing of its mentions, one without a
``files`` key nothing of its files): a channel's members and a message's mentions, files and
attachments change only with the channel or the message, so a newer sighting's list replaces
an older one's and an older one never fills back what a newer one emptied. Reactions are added
at any time, undated: an empty list is a gap, which any sighting fills, and a newer dated
sighting replaces them.
"""

from datetime import datetime
from typing import Generic, TypeVar

import attrs

from core.protocols.claims import SlackUserClaim
from core.protocols.trackers import people, person

# How a record holds people: claims as read, refs as stored.
P = TypeVar("P", covariant=True)


@attrs.frozen
class Team:
    """A workspace: its id, from users.json and messages; its name and domain, from a saved
    ``team.info`` response."""

    team_id: str
    name: str = ""
    domain: str = ""


@attrs.frozen
class User(Generic[P]):
    """A member as users.json describes them: what the hub's profile does not hold (the real
    name beside the display name, whether the account is deleted)."""

    user_id: str
    account: P | None = person()
    team_id: str = ""
    name: str = ""  # the username, "ann"
    real_name: str = ""  # as typed, combining marks and all
    display_name: str = ""
    title: str = ""
    time_zone: str = ""
    is_bot: bool | None = None
    is_deleted: bool | None = None
    updated_at: datetime | None = None  # users.json's "updated"


@attrs.frozen
class Channel(Generic[P]):
    """A conversation: a public or private channel, a group DM or a DM. ``as_of`` is the last
    day of the export that described it, so that a later export's description wins."""

    channel_id: str
    kind: str = ""  # "public", "private", "mpim" or "im"
    name: str = ""  # "" for a DM
    creator: P | None = person()
    created_at: datetime | None = None
    is_archived: bool | None = None
    is_general: bool | None = None
    topic: str = ""
    purpose: str = ""
    members: tuple[P, ...] | None = people()
    as_of: datetime | None = None


@attrs.frozen
class Message(Generic[P]):
    """A message in a channel. ``updated_at`` is the last change a sighting tells of (its
    posting, its last edit, its latest reply), so a later export's edits and reply counts win
    and an older one only fills in. Reactions are their names with the total count; files
    their names; attachments their fallback texts (what a bot's message says)."""

    channel_id: str
    ts: str
    author: P | None = person()
    subtype: str = ""  # "" for a plain message; "bot_message", "file_share", "me_message"...
    text: str = ""
    posted_at: datetime | None = None
    thread_ts: str | None = None  # the thread's first message; a thread's first has its own
    reply_count: int | None = None
    latest_reply: str | None = None
    edited_at: datetime | None = None
    updated_at: datetime | None = None
    mentions: tuple[P, ...] | None = people()  # <@U123> and <@U123|name>, in order
    reactions: tuple[str, ...] = ()
    reaction_count: int | None = None
    files: tuple[str, ...] | None = ()
    attachments: tuple[str, ...] | None = ()


@attrs.frozen
class MembershipChange(Generic[P]):
    """Someone joining or leaving a channel: a ``channel_join`` or ``channel_leave`` message
    (``group_*`` in old exports), keyed as that message is."""

    channel_id: str
    ts: str
    joined: bool
    member: P | None = person()
    inviter: P | None = person()
    at: datetime | None = None


UserSeen = User[SlackUserClaim]
ChannelSeen = Channel[SlackUserClaim]
MessageSeen = Message[SlackUserClaim]
MembershipChangeSeen = MembershipChange[SlackUserClaim]

type SlackSeen = (
    Team
    | User[SlackUserClaim]
    | Channel[SlackUserClaim]
    | Message[SlackUserClaim]
    | MembershipChange[SlackUserClaim]
)
