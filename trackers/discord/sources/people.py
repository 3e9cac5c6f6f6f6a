"""The people of an export (authors, mentioned users, users who reacted) as claims.

A user is keyed by its snowflake id; what else a claim says replaces what the hub knew, so a
claim carries only what names the person:

- ``name`` is the username; a legacy account's discriminator (``"1234"``) is part of it, as
  Discord showed it (``ann#1234``), while a new-style name has ``"0000"`` (or ``"0"``) and is
  unique alone.
- ``nickname`` (absent in older exports) is the name shown in the server, the display name.
- A deleted account keeps its id but is renamed ``Deleted User`` (``deleted_user_<hex>`` for
  new-style names) with a default avatar: it stays a profile, but says no name and no avatar,
  so the ones known from earlier exports stay. Discord's shared placeholder id for accounts
  purged entirely would join strangers into one profile, so it is nobody.
- An avatar exported as a local copy (``--media``: a relative path, Windows style when exported
  on Windows, ``chat.json_Files\\avatar-5A3F.png``) is no address the hub can keep, and is left
  out; only web addresses are avatars.
"""

import re
from urllib.parse import urlsplit

from core.protocols.claims import DiscordUserClaim
from trackers.discord.sources.values import Node

# The author Discord substitutes for accounts purged entirely, shared by all of them.
DELETED_PLACEHOLDER_ID = 456226577798135808
_DELETED_NAME = re.compile(r"deleted[ _]user(?:[ _#]?[0-9a-f]{4,})?", re.IGNORECASE)
_NEW_STYLE = frozenset({"", "0", "0000"})


def is_deleted_name(name: str) -> bool:
    return _DELETED_NAME.fullmatch(name.strip()) is not None


def web_address(value: str) -> str:
    """``value`` when it is an http(s) address, else "" (a local path, Windows style or not)."""
    value = value.strip()
    try:
        scheme = urlsplit(value).scheme.lower()
    except ValueError:  # an address urllib cannot split ("http://[x"), no more use than a path
        return ""
    return value if scheme in ("http", "https") else ""


def user_claim(user: Node) -> DiscordUserClaim | None:
    """The person a user object names, or None for Discord's placeholder of purged accounts."""
    user_id = user.required_snowflake("id")
    is_bot = bool(user.flag("isBot"))
    name = user.text("name").strip()
    if user_id == DELETED_PLACEHOLDER_ID:
        return None
    if is_deleted_name(name):
        return DiscordUserClaim(user_id, is_bot=is_bot)
    discriminator = user.text("discriminator").strip()
    username = name if discriminator in _NEW_STYLE or not name else f"{name}#{discriminator}"
    return DiscordUserClaim(
        user_id,
        username=username,
        display_name=user.text("nickname").strip(),
        avatar_url=web_address(user.text("avatarUrl")),
        is_bot=is_bot,
    )


def user_claims(users: list[Node] | None) -> tuple[DiscordUserClaim, ...] | None:
    """The people of a list of user objects, in order, the placeholder left out; None when the
    export has no such list."""
    if users is None:
        return None
    claims = (user_claim(user) for user in users)
    return tuple(claim for claim in claims if claim is not None)
