"""What a claim says about a profile besides its key, and how it updates a stored one.

Merging rules, fixing the seed's: a non-empty value replaces the stored one and an empty one
never erases it; an organisation, enterprise or bot is never downgraded to a plain user; a bot
flag once set stays set. Two exceptions keep a re-collect from rewriting profiles back and
forth: a git author's name (one address is committed from under several spellings of a name
over the years, so the first name stays; a history is read newest first, so that is the
newest), and a GitHub login known only from a bare login (an old noreply address of a renamed
account), which fills in a missing login but never replaces the one an API object gave.
"""

from typing import TypeVar

import attrs

from core.identity.keys import git_author_identity, github_login, reddit_username
from core.identity.normalize import URL_LIMIT, clean, display, is_address, raw_email
from core.protocols.claims import (
    BoostAuthorClaim,
    DiscordUserClaim,
    GitAuthorClaim,
    GitHubAccountClaim,
    GitHubAccountType,
    MailingListSenderClaim,
    ProfileClaim,
    RedditUserClaim,
    SlackUserClaim,
    WG21AuthorClaim,
    YouTubeSpeakerClaim,
)
from core.protocols.errors import InvalidProfileClaim
from core.protocols.records import ProfileDraft, ProfileRecord
from core.protocols.refs import ProfileKind, ProfileRef


@attrs.frozen
class Attributes:
    """The descriptive fields of a claim; an empty string means "not known"."""

    display_name: str = ""
    username: str = ""
    external_id: str = ""
    avatar_url: str = ""
    account_type: str = ""
    is_bot: bool = False
    email: str = ""


def attributes_of(claim: ProfileClaim[ProfileRef]) -> Attributes:
    match claim:
        case GitHubAccountClaim():
            account_type = claim.account_type
            if account_type is not None and not isinstance(account_type, GitHubAccountType):
                raise InvalidProfileClaim(f"{account_type!r} is not a GitHub account type")
            login = github_login(claim.login)
            return Attributes(
                display_name=display(claim.display_name, "display name"),
                username=login,
                external_id="" if claim.github_id is None else str(claim.github_id),
                avatar_url=display(claim.avatar_url, "avatar URL", URL_LIMIT),
                account_type="" if account_type is None else account_type.value,
                is_bot=account_type is GitHubAccountType.BOT or login.endswith("[bot]"),
                email=_address_or_nothing(claim.email),
            )
        case GitAuthorClaim():
            name, email = git_author_identity(claim)
            return Attributes(display_name=name, email=email if is_address(email) else "")
        case SlackUserClaim():
            return Attributes(
                display_name=display(claim.display_name, "display name"),
                username=display(claim.username, "username"),
                external_id=clean(claim.slack_user_id).upper(),
                avatar_url=display(claim.avatar_url, "avatar URL", URL_LIMIT),
                is_bot=claim.is_bot,
                email=_address_or_nothing(claim.email),
            )
        case DiscordUserClaim():
            return Attributes(
                display_name=display(claim.display_name, "display name"),
                username=display(claim.username, "username"),
                external_id=str(claim.discord_user_id),
                avatar_url=display(claim.avatar_url, "avatar URL", URL_LIMIT),
                is_bot=claim.is_bot,
            )
        case MailingListSenderClaim() | WG21AuthorClaim() | BoostAuthorClaim():
            return Attributes(
                display_name=display(claim.display_name, "display name"),
                email=_address_or_nothing(claim.email),
            )
        case YouTubeSpeakerClaim():
            return Attributes(display_name=display(claim.display_name, "speaker name"))
        case RedditUserClaim():
            username = reddit_username(claim.username)
            return Attributes(
                display_name=display(claim.display_name, "display name") or username,
                username=username,
                external_id=_reddit_fullname(claim.reddit_user_id),
                is_bot=False,
            )
    raise InvalidProfileClaim(f"no profile kind takes a {type(claim).__name__}")


def _address_or_nothing(value: str) -> str:
    address = raw_email(value)
    return address if is_address(address) else ""


def _reddit_fullname(value: str) -> str:
    value = display(value, "Reddit user id")
    if value and not value.startswith("t2_"):
        value = f"t2_{value}"
    return value


def draft_of(claim: ProfileClaim[ProfileRef], key: str) -> ProfileDraft:
    attributes = attributes_of(claim)
    return ProfileDraft(
        kind=claim.kind,
        key=key,
        display_name=attributes.display_name,
        username=attributes.username,
        external_id=attributes.external_id,
        avatar_url=attributes.avatar_url,
        account_type=attributes.account_type,
        is_bot=attributes.is_bot,
    )


Profile = TypeVar("Profile", ProfileDraft, ProfileRecord)

_NOT_A_DOWNGRADE_FROM = {"", GitHubAccountType.USER.value}


def merged(profile: Profile, attributes: Attributes) -> Profile:
    """``profile`` updated with what ``attributes`` know; the same object when nothing
    changes."""
    account_type = profile.account_type
    if attributes.account_type and (
        attributes.account_type != GitHubAccountType.USER.value
        or account_type in _NOT_A_DOWNGRADE_FROM
    ):
        account_type = attributes.account_type
    if profile.kind is ProfileKind.GIT_AUTHOR:
        display_name = profile.display_name or attributes.display_name
    else:
        display_name = attributes.display_name or profile.display_name
    username = attributes.username or profile.username
    if profile.kind is ProfileKind.GITHUB and not attributes.avatar_url:
        # A bare login (an old noreply address, a repository URL) may predate a rename; the
        # API's user objects, which always carry an avatar, say what the login is now.
        username = profile.username or attributes.username
    updated = attrs.evolve(
        profile,
        display_name=display_name,
        username=username,
        external_id=attributes.external_id or profile.external_id,
        avatar_url=attributes.avatar_url or profile.avatar_url,
        account_type=account_type,
        is_bot=profile.is_bot or attributes.is_bot,
    )
    return profile if updated == profile else updated


def changed_fields(before: ProfileRecord, after: ProfileRecord) -> tuple[str, ...]:
    return tuple(
        field.name
        for field in attrs.fields(ProfileRecord)
        if getattr(before, field.name) != getattr(after, field.name)
    )
