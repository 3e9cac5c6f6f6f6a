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
from collections.abc import Iterator

from core.protocols.claims import SlackUserClaim
from trackers.slack.sources.slack_fields import SlackFields, is_slack_id

SLACKBOT = "USLACKBOT"
# <@U0003> and the old <@U0003|name>; the name is what the user was called then.
_MENTION = re.compile(r"<@([A-Za-z0-9]+)(?:\|([^>]*))?>")
# Subtypes whose bot_id is the integration acted on, not the author.
_BOT_IS_THE_OBJECT = frozenset({"bot_add", "bot_remove", "bot_enable", "bot_disable"})
_NOTHING = SlackFields({})


def _first(*texts: str) -> str:
    return next((found for found in texts if found.strip()), "")


def _avatar(images: SlackFields) -> str:
    return _first(images.text("image_72"), images.text("image_48"))


def user_claim(user: SlackFields) -> SlackUserClaim:
    """The claim of a users.json (or users.list) member; FieldError without a usable id."""
    user_id = user.slack_id("id")
    profile = user.part("profile")
    return SlackUserClaim(
        slack_user_id=user_id,
        username=user.text("name").strip(),
        display_name=display_name(user, profile),
        avatar_url=_avatar(profile),
        email=profile.text("email").strip(),
        is_bot=user.flag("is_bot") is True or user_id == SLACKBOT,
    )


def display_name(user: SlackFields, profile: SlackFields) -> str:
    return _first(
        user.text("real_name"),
        profile.text("real_name"),
        profile.text("display_name"),
        user.text("real_name_normalized"),
        profile.text("real_name_normalized"),
        profile.text("display_name_normalized"),
        user.text("name"),
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

    def named(self, fields: SlackFields, key: str) -> SlackUserClaim | None:
        """The user an id field names (``creator``, ``inviter``), None when it names nobody;
        FieldError when it is not an id."""
        user_id = fields.optional_id(key)
        return None if user_id is None else self.user(user_id)

    def author(self, message: SlackFields, subtype: str) -> SlackUserClaim | None:
        """Who wrote ``message`` of ``subtype``: a file comment's commenter, the user, else
        the bot."""
        comment = message.child("comment") if subtype == "file_comment" else None
        if comment is not None:
            return self.named(comment, "user")
        bot_id = message.optional_id("bot_id")
        user_id = message.optional_id("user")
        sent_by_bot = bot_id is not None and subtype not in _BOT_IS_THE_OBJECT
        if user_id is not None:
            if user_id in self._users:
                return self._users[user_id]
            return self._unlisted(user_id, message.part("user_profile"), sent_by_bot)
        if bot_id is not None and sent_by_bot:
            return self._bot(bot_id, message)
        return None

    def mentioned(self, text: str) -> Iterator[SlackUserClaim]:
        """The users a message's text mentions, in order; a mention that is no id is not one."""
        for match in _MENTION.finditer(text):
            user_id, name = match.groups()
            if not is_slack_id(user_id):
                continue
            if user_id in self._users:
                yield self._users[user_id]
            else:
                yield SlackUserClaim(user_id, username=(name or "").strip())

    def _unlisted(self, user_id: str, profile: SlackFields, is_bot: bool) -> SlackUserClaim:
        return SlackUserClaim(
            slack_user_id=user_id,
            username=profile.text("name").strip(),
            display_name=display_name(_NOTHING, profile),
            avatar_url=_avatar(profile),
            is_bot=is_bot or user_id == SLACKBOT,
        )

    def _bot(self, bot_id: str, message: SlackFields) -> SlackUserClaim:
        bot = message.part("bot_profile")
        icons = bot.child("icons")
        if icons is None or not icons.data:  # a bot without icons of its own: the message's
            icons = message.part("icons")
        username = message.text("username")
        return SlackUserClaim(
            slack_user_id=bot_id,
            username=_first(username, bot.text("name")).strip(),
            display_name=_first(bot.text("name"), username).strip(),
            avatar_url=_avatar(icons),
            is_bot=True,
        )
