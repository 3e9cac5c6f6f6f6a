"""Who a Slack object names: users from users.json, the authors of messages, mentions.

users.json is the export's picture of each member when it was made, so a user found there is
claimed with what it says, the same claim wherever the user appears; a user absent from it (a
guest from another workspace, a member deleted before the export) is claimed with what the
message itself carries: its embedded ``user_profile`` copy, or an old-style mention's name.

The hub's display name is the name as typed (``real_name``, then ``display_name``, then the
username): ``real_name_normalized`` is only a fallback, since Slack strips combining marks
from it and a Devanagari or Vietnamese name loses letters there.

A bot message often has no user, only a ``bot_id`` (``B…``) whose bot is in no users.json: the
bot is claimed by that id, flagged as a bot, with the name the message shows.
"""

import re
from collections.abc import Iterator, Mapping

from core.protocols.claims import SlackUserClaim
from trackers.slack.sources.values import BadValue, mapping, optional_id, slack_id, text

SLACKBOT = "USLACKBOT"
# <@U0003> and the old <@U0003|name>; the name is what the user was called then.
_MENTION = re.compile(r"<@([A-Za-z0-9]+)(?:\|([^>]*))?>")
# Subtypes whose bot_id is the integration acted on, not the author.
_BOT_IS_THE_OBJECT = frozenset({"bot_add", "bot_remove", "bot_enable", "bot_disable"})


def _first(*values: object) -> str:
    return next((found for found in map(text, values) if found.strip()), "")


def user_claim(user: Mapping[str, object]) -> SlackUserClaim:
    """The claim of a users.json (or users.list) member; BadValue without a usable id."""
    user_id = slack_id(user.get("id"), "id")
    profile = mapping(user.get("profile"))
    return SlackUserClaim(
        slack_user_id=user_id,
        username=text(user.get("name")).strip(),
        display_name=display_name(user, profile),
        avatar_url=_first(profile.get("image_72"), profile.get("image_48")),
        email=text(profile.get("email")).strip(),
        is_bot=user.get("is_bot") is True or user_id == SLACKBOT,
    )


def display_name(user: Mapping[str, object], profile: Mapping[str, object]) -> str:
    return _first(
        user.get("real_name"),
        profile.get("real_name"),
        profile.get("display_name"),
        user.get("real_name_normalized"),
        profile.get("real_name_normalized"),
        profile.get("display_name_normalized"),
        user.get("name"),
    ).strip()


class Directory:
    """The users an export lists, by id, and the claims of those it does not."""

    def __init__(self) -> None:
        self._users: dict[str, SlackUserClaim] = {}

    def add(self, claim: SlackUserClaim) -> None:
        self._users[claim.slack_user_id] = claim

    def user(self, user_id: str) -> SlackUserClaim:
        """The listed user, else a claim of the id alone."""
        return self._users.get(user_id) or SlackUserClaim(user_id, is_bot=user_id == SLACKBOT)

    def named(self, value: object, what: str) -> SlackUserClaim | None:
        """The user an id field names (``creator``, ``inviter``), None when it names nobody;
        BadValue when it is not an id."""
        user_id = optional_id(value, what)
        return None if user_id is None else self.user(user_id)

    def author(self, message: Mapping[str, object]) -> SlackUserClaim | None:
        """Who wrote ``message``: a file comment's commenter, the user, else the bot."""
        subtype = message.get("subtype")
        if subtype == "file_comment" and isinstance(message.get("comment"), dict):
            return self.named(mapping(message["comment"]).get("user"), "comment.user")
        bot_id = optional_id(message.get("bot_id"), "bot_id")
        user_id = optional_id(message.get("user"), "user")
        sent_by_bot = bot_id is not None and subtype not in _BOT_IS_THE_OBJECT
        if user_id is not None:
            if user_id in self._users:
                return self._users[user_id]
            return self._unlisted(user_id, mapping(message.get("user_profile")), sent_by_bot)
        if bot_id is not None and sent_by_bot:
            return self._bot(bot_id, message)
        return None

    def mentioned(self, value: str) -> Iterator[SlackUserClaim]:
        """The users a message's text mentions, in order; a mention that is no id is not one."""
        for match in _MENTION.finditer(value):
            user_id, name = match.groups()
            try:
                user_id = slack_id(user_id, "mention")
            except BadValue:
                continue
            if user_id in self._users:
                yield self._users[user_id]
            else:
                yield SlackUserClaim(user_id, username=text(name).strip())

    def _unlisted(
        self, user_id: str, profile: Mapping[str, object], is_bot: bool
    ) -> SlackUserClaim:
        return SlackUserClaim(
            slack_user_id=user_id,
            username=text(profile.get("name")).strip(),
            display_name=display_name({}, profile),
            avatar_url=_first(profile.get("image_72"), profile.get("image_48")),
            is_bot=is_bot or user_id == SLACKBOT,
        )

    def _bot(self, bot_id: str, message: Mapping[str, object]) -> SlackUserClaim:
        bot = mapping(message.get("bot_profile"))
        icons = mapping(bot.get("icons") or message.get("icons"))
        name = _first(bot.get("name"), message.get("username")).strip()
        return SlackUserClaim(
            slack_user_id=bot_id,
            username=_first(message.get("username"), bot.get("name")).strip(),
            display_name=name,
            avatar_url=_first(icons.get("image_72"), icons.get("image_48")),
            is_bot=True,
        )
