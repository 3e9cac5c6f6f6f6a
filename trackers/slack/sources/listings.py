"""The export's lists as records: users.json's members, the channels of channels.json,
groups.json (private channels), mpims.json (group DMs) and dms.json (DMs), and a saved
``team.info`` response's team.

The same objects come from the Web API (``users.list``, ``conversations.list``), whose
conversations say what they are by flags (``is_im``, ``is_mpim``, ``is_private``) rather than
by the file they are in; the flags win.
"""

from datetime import datetime

from trackers.slack.records import ChannelSeen, Team, UserSeen
from trackers.slack.sources.people import Directory, user_claim
from trackers.slack.sources.slack_fields import SlackFields

# The kind of conversation each index file lists.
INDEX_FILES = {
    "channels.json": "public",
    "groups.json": "private",
    "mpims.json": "mpim",
    "dms.json": "im",
}


def user_record(user: SlackFields) -> UserSeen:
    """A member of users.json; ``FieldError`` without a usable id or for a bad value."""
    claim = user_claim(user)
    profile = user.part("profile")
    return UserSeen(
        user_id=claim.slack_user_id,
        account=claim,
        team_id=user.optional_id("team_id") or profile.optional_id("team") or "",
        name=claim.username,
        real_name=user.text("real_name").strip() or profile.text("real_name").strip(),
        display_name=profile.text("display_name").strip(),
        title=profile.text("title").strip(),
        time_zone=user.text("tz").strip(),
        is_bot=claim.is_bot if user.has("is_bot") or claim.is_bot else None,
        is_deleted=user.flag("deleted"),
        updated_at=user.time("updated"),
    )


def channel_record(
    channel: SlackFields, listed_as: str, people: Directory, as_of: datetime | None
) -> ChannelSeen:
    """A conversation of an index file listing ``listed_as`` conversations; FieldError
    without a usable id or for a bad value."""
    members = channel.ids("members")
    return ChannelSeen(
        channel_id=channel.slack_id("id"),
        kind=_kind(channel, listed_as),
        name=channel.text("name").strip(),
        creator=people.named(channel, "creator") or people.named(channel, "user"),
        created_at=channel.time("created"),
        is_archived=channel.flag("is_archived"),
        is_general=channel.flag("is_general"),
        topic=channel.part("topic").text("value"),
        purpose=channel.part("purpose").text("value"),
        members=None if members is None else tuple(map(people.user, members)),
        as_of=as_of,
    )


def team_record(response: SlackFields) -> Team:
    """The team of a saved ``team.info`` response."""
    team = response.required_child("team")
    return Team(
        team.slack_id("id"),
        name=team.text("name").strip(),
        domain=team.text("domain").strip(),
    )


def _kind(channel: SlackFields, listed_as: str) -> str:
    if channel.flag("is_im"):
        return "im"
    if channel.flag("is_mpim"):
        return "mpim"
    if channel.flag("is_private") or channel.flag("is_group"):
        return "private"
    if channel.flag("is_channel"):
        return "public"
    return listed_as
