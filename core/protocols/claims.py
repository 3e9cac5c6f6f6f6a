"""What a tracker knows of a person, handed to the hub to find or create the profile.

A claim carries raw values as the source gave them; the hub normalises them and derives the
natural key (core.identity.keys). Each claim class is tied to its reference class, so
``get_or_create(GitHubAccountClaim(...))`` is typed as returning a ``GitHubAccountRef``.
"""

from enum import StrEnum
from typing import ClassVar, Generic, TypeVar

import attrs

from core.protocols.refs import (
    BoostAuthorRef,
    DiscordUserRef,
    GitAuthorRef,
    GitHubAccountRef,
    MailingListSenderRef,
    ProfileKind,
    ProfileRef,
    RedditUserRef,
    SlackUserRef,
    WG21AuthorRef,
    YouTubeSpeakerRef,
)


class GitHubAccountType(StrEnum):
    USER = "user"
    ORGANIZATION = "organization"
    ENTERPRISE = "enterprise"
    BOT = "bot"


# Covariant: a list mixing GitHub and Slack claims is a Sequence[ProfileClaim[ProfileRef]].
R_co = TypeVar("R_co", bound=ProfileRef, covariant=True)


@attrs.frozen
class ProfileClaim(Generic[R_co]):
    """Base of every claim; ``ref`` builds the claim's own kind of reference."""

    kind: ClassVar[ProfileKind]

    def ref(self, profile_id: int) -> R_co:
        raise NotImplementedError


@attrs.frozen
class GitHubAccountClaim(ProfileClaim[GitHubAccountRef]):
    """A GitHub user, organisation or bot. The numeric id is the key; a login alone is
    accepted (repository owners from URLs, legacy noreply addresses) and is upgraded in place
    when the id turns up later."""

    kind: ClassVar[ProfileKind] = ProfileKind.GITHUB
    github_id: int | None = None
    login: str = ""
    display_name: str = ""
    avatar_url: str = ""
    account_type: GitHubAccountType | None = None
    email: str = ""

    def ref(self, profile_id: int) -> GitHubAccountRef:
        return GitHubAccountRef(profile_id)


@attrs.frozen
class GitAuthorClaim(ProfileClaim[GitAuthorRef]):
    """A git author or committer: a (name, email) pair from a commit."""

    kind: ClassVar[ProfileKind] = ProfileKind.GIT_AUTHOR
    name: str = ""
    email: str = ""

    def ref(self, profile_id: int) -> GitAuthorRef:
        return GitAuthorRef(profile_id)


@attrs.frozen
class SlackUserClaim(ProfileClaim[SlackUserRef]):
    kind: ClassVar[ProfileKind] = ProfileKind.SLACK
    slack_user_id: str
    username: str = ""
    display_name: str = ""
    avatar_url: str = ""
    email: str = ""
    is_bot: bool = False

    def ref(self, profile_id: int) -> SlackUserRef:
        return SlackUserRef(profile_id)


@attrs.frozen
class DiscordUserClaim(ProfileClaim[DiscordUserRef]):
    kind: ClassVar[ProfileKind] = ProfileKind.DISCORD
    discord_user_id: int
    username: str = ""
    display_name: str = ""
    avatar_url: str = ""
    is_bot: bool = False

    def ref(self, profile_id: int) -> DiscordUserRef:
        return DiscordUserRef(profile_id)


@attrs.frozen
class MailingListSenderClaim(ProfileClaim[MailingListSenderRef]):
    """The sender of a list message: display name and address, either of which may be empty."""

    kind: ClassVar[ProfileKind] = ProfileKind.MAILING_LIST
    display_name: str = ""
    email: str = ""

    def ref(self, profile_id: int) -> MailingListSenderRef:
        return MailingListSenderRef(profile_id)


@attrs.frozen
class WG21AuthorClaim(ProfileClaim[WG21AuthorRef]):
    kind: ClassVar[ProfileKind] = ProfileKind.WG21
    display_name: str
    email: str = ""

    def ref(self, profile_id: int) -> WG21AuthorRef:
        return WG21AuthorRef(profile_id)


@attrs.frozen
class YouTubeSpeakerClaim(ProfileClaim[YouTubeSpeakerRef]):
    """A speaker named in a talk; one person across every channel."""

    kind: ClassVar[ProfileKind] = ProfileKind.YOUTUBE
    display_name: str

    def ref(self, profile_id: int) -> YouTubeSpeakerRef:
        return YouTubeSpeakerRef(profile_id)


@attrs.frozen
class RedditUserClaim(ProfileClaim[RedditUserRef]):
    kind: ClassVar[ProfileKind] = ProfileKind.REDDIT
    username: str
    reddit_user_id: str = ""
    display_name: str = ""

    def ref(self, profile_id: int) -> RedditUserRef:
        return RedditUserRef(profile_id)


@attrs.frozen
class BoostAuthorClaim(ProfileClaim[BoostAuthorRef]):
    """An author or maintainer a Boost library's metadata names: ``"Name <address>"``, the
    address possibly obfuscated (``user -at- example.com``) or missing. Never a GitHub account:
    the metadata does not say which one, and guessing one by name invents links."""

    kind: ClassVar[ProfileKind] = ProfileKind.BOOST_AUTHOR
    display_name: str
    email: str = ""

    def ref(self, profile_id: int) -> BoostAuthorRef:
        return BoostAuthorRef(profile_id)
