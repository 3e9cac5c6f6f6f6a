"""The export's lists as records: users.json's members, the channels of channels.json,
groups.json (private channels), mpims.json (group DMs) and dms.json (DMs), and a saved
``team.info`` response's team.

The same objects come from the Web API (``users.list``, ``conversations.list``), whose
conversations say what they are by flags (``is_im``, ``is_mpim``, ``is_private``) rather than
by the file they are in; the flags win.
"""

from collections.abc import Mapping
from datetime import datetime

from core.protocols.claims import SlackUserClaim
from trackers.slack.records import ChannelSeen, Team, UserSeen
from trackers.slack.sources.people import Directory, user_claim
from trackers.slack.sources.values import flag, mapping, optional_id, slack_id, text, unix_time

# The kind of conversation each index file lists.
INDEX_FILES = {
    "channels.json": "public",
    "groups.json": "private",
    "mpims.json": "mpim",
    "dms.json": "im",
}


def user_record(user: Mapping[str, object]) -> UserSeen:
    """A member of users.json; ``values.BadValue`` without a usable id."""
    claim = user_claim(user)
    profile = mapping(user.get("profile"))
    return UserSeen(
        user_id=claim.slack_user_id,
        account=claim,
        team_id=optional_id(user.get("team_id") or profile.get("team"), "team_id") or "",
        name=claim.username,
        real_name=text(user.get("real_name")).strip() or text(profile.get("real_name")).strip(),
        display_name=text(profile.get("display_name")).strip(),
        title=text(profile.get("title")).strip(),
        time_zone=text(user.get("tz")).strip(),
        is_bot=claim.is_bot if "is_bot" in user or claim.is_bot else None,
        is_deleted=flag(user.get("deleted")),
        updated_at=unix_time(user.get("updated")),
    )


def channel_record(
    channel: Mapping[str, object], listed_as: str, people: Directory, as_of: datetime | None
) -> ChannelSeen:
    """A conversation of an index file listing ``listed_as`` conversations; BadValue without
    a usable id."""
    members = channel.get("members")
    return ChannelSeen(
        channel_id=slack_id(channel.get("id"), "id"),
        kind=_kind(channel, listed_as),
        name=text(channel.get("name")).strip(),
        creator=people.named(channel.get("creator") or channel.get("user"), "creator"),
        created_at=unix_time(channel.get("created")),
        is_archived=flag(channel.get("is_archived")),
        is_general=flag(channel.get("is_general")),
        topic=text(mapping(channel.get("topic")).get("value")),
        purpose=text(mapping(channel.get("purpose")).get("value")),
        members=_members(members, people) if isinstance(members, list) else None,
        as_of=as_of,
    )


def _members(members: list[object], people: Directory) -> tuple[SlackUserClaim, ...]:
    named = (people.named(member, "members") for member in members)
    return tuple(claim for claim in named if claim is not None)


def team_record(team: Mapping[str, object]) -> Team:
    return Team(
        slack_id(team.get("id"), "team.id"),
        name=text(team.get("name")).strip(),
        domain=text(team.get("domain")).strip(),
    )


def _kind(channel: Mapping[str, object], listed_as: str) -> str:
    if channel.get("is_im") is True:
        return "im"
    if channel.get("is_mpim") is True:
        return "mpim"
    if channel.get("is_private") is True or channel.get("is_group") is True:
        return "private"
    if channel.get("is_channel") is True:
        return "public"
    return listed_as
