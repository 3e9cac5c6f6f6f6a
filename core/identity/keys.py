"""The natural key of each profile kind, and the quirks of the source systems it absorbs.

A key is unique within its kind. ``natural_key`` returns None for a claim that names nobody
(a deleted Reddit or GitHub user, AutoModerator, a commit with neither name nor email) and
raises InvalidProfileClaim for one that cannot be a key at all.
"""

import re

from core.identity.normalize import NAME_LIMIT, clean, display, fold, raw_email
from core.protocols.claims import (
    BoostAuthorClaim,
    DiscordUserClaim,
    GitAuthorClaim,
    GitHubAccountClaim,
    MailingListSenderClaim,
    ProfileClaim,
    RedditUserClaim,
    SlackUserClaim,
    WG21AuthorClaim,
    YouTubeSpeakerClaim,
)
from core.protocols.errors import InvalidProfileClaim
from core.protocols.refs import ProfileRef

GITHUB_GHOST_LOGIN = "ghost"
GITHUB_GHOST_ID = 10137
GITHUB_LOGIN_PREFIX = "login:"  # the key of an account known by its login alone
# Reddit's placeholders for a removed account and its moderation bot: no person behind them.
REDDIT_NOBODY = frozenset({"[deleted]", "[removed]", "automoderator"})
# Addresses many different people commit from: never a key on their own.
SHARED_GIT_ADDRESSES = frozenset(
    {"noreply@github.com", "gitgitgadget@gmail.com", "none@none", "unknown@unknown"}
)

_GITHUB_LOGIN = re.compile(r"^[A-Za-z0-9_.-]+(\[bot\])?$")
_REDDIT_USERNAME = re.compile(r"^[A-Za-z0-9_-]+$")
_SLACK_ID = re.compile(r"^[A-Za-z0-9]+$")
_MAX_BIGINT = 2**63 - 1


def natural_key(claim: ProfileClaim[ProfileRef]) -> str | None:
    match claim:
        case GitHubAccountClaim():
            return github_key(claim)
        case GitAuthorClaim():
            return git_author_key(claim)
        case SlackUserClaim():
            return slack_key(claim)
        case DiscordUserClaim():
            return discord_key(claim)
        case MailingListSenderClaim():
            return name_and_email_key(claim.display_name, claim.email)
        case WG21AuthorClaim():
            if not clean(claim.display_name):
                raise InvalidProfileClaim("a WG21 author needs a name")
            return name_and_email_key(claim.display_name, claim.email)
        case BoostAuthorClaim():
            if not clean(claim.display_name) and not clean(claim.email):
                raise InvalidProfileClaim("a Boost author needs a name or an address")
            return name_and_email_key(claim.display_name, claim.email)
        case YouTubeSpeakerClaim():
            return youtube_key(claim)
        case RedditUserClaim():
            return reddit_key(claim.username)
    raise InvalidProfileClaim(f"no profile kind takes a {type(claim).__name__}")


def github_login(login: str) -> str:
    value = display(login, "GitHub login")
    if value and not _GITHUB_LOGIN.match(value):
        raise InvalidProfileClaim(f"{login!r} is not a GitHub login")
    return value


def github_key(claim: GitHubAccountClaim) -> str | None:
    login = github_login(claim.login)
    github_id = claim.github_id
    if github_id is not None and (
        isinstance(github_id, bool)
        or not isinstance(github_id, int)
        or not 0 < github_id <= _MAX_BIGINT
    ):
        raise InvalidProfileClaim(
            f"GitHub account id must be a positive integer, got {github_id!r}"
        )
    # "ghost" stands in for every deleted account; one profile for all of them would merge
    # strangers.
    if login.casefold() == GITHUB_GHOST_LOGIN and github_id in (None, GITHUB_GHOST_ID):
        return None
    if github_id is not None:
        return f"id:{github_id}"
    if not login:
        raise InvalidProfileClaim("a GitHub account needs an id or a login")
    return GITHUB_LOGIN_PREFIX + login.casefold()


def git_author_identity(claim: GitAuthorClaim) -> tuple[str, str]:
    """(name, email) as displayed, with a swapped pair put back in order."""
    name = display(claim.name, "git author name")
    email = raw_email(claim.email)
    if "@" not in email and "@" in name and " " not in name:
        name, email = email, raw_email(name)
    return name, email


def git_author_key(claim: GitAuthorClaim) -> str | None:
    name, email = git_author_identity(claim)
    if not name and not email:
        return None
    if email and email not in SHARED_GIT_ADDRESSES and " via " not in name.casefold():
        return f"email:{email}"
    # A shared or missing address says nothing about who committed: the name must.
    return f"name:{fold(name)}|{email}"


def slack_key(claim: SlackUserClaim) -> str:
    value = clean(claim.slack_user_id)
    if not value or len(value) > 64 or not _SLACK_ID.match(value):
        raise InvalidProfileClaim(f"{claim.slack_user_id!r} is not a Slack user id")
    return value.upper()


def discord_key(claim: DiscordUserClaim) -> str:
    value = claim.discord_user_id
    if isinstance(value, bool) or not isinstance(value, int) or not 0 < value < 2**64:
        raise InvalidProfileClaim(f"{value!r} is not a Discord user id (a snowflake)")
    return str(value)


def name_and_email_key(name: str, email: str) -> str | None:
    """Mailing-list senders and WG21 authors: the pair, with either part possibly empty.
    A sender known only by name gets one profile, not one per message."""
    display(name, "name")
    address = raw_email(email)
    folded = fold(name)
    if not folded and not address:
        return None
    return f"{address}|{folded}"


def youtube_key(claim: YouTubeSpeakerClaim) -> str:
    name = display(claim.display_name, "speaker name")
    if not name:
        raise InvalidProfileClaim("a YouTube speaker needs a name")
    # Not scoped by channel: the same speaker on two channels is one person.
    return fold(name)


def reddit_username(username: str) -> str:
    value = clean(username)
    for prefix in ("/u/", "u/"):
        if value.casefold().startswith(prefix):
            value = value[len(prefix) :]
    if len(value) > NAME_LIMIT:
        raise InvalidProfileClaim(f"Reddit username {value[:40]!r}... is too long")
    return value


def reddit_key(username: str) -> str | None:
    value = reddit_username(username)
    if not value or value.casefold() in REDDIT_NOBODY:
        return None
    if not _REDDIT_USERNAME.match(value):
        raise InvalidProfileClaim(f"{username!r} is not a Reddit username")
    return value.casefold()
