"""Typed references to the hub's profiles and persons.

A tracker never holds a row of the hub; it holds one of these values. Each profile kind has
its own reference class, so the type checker refuses a Slack user where a GitHub account is
expected, and two references of different kinds never compare equal.
"""

from enum import StrEnum
from typing import ClassVar

import attrs


class ProfileKind(StrEnum):
    GITHUB = "github"
    GIT_AUTHOR = "git_author"
    SLACK = "slack"
    DISCORD = "discord"
    MAILING_LIST = "mailing_list"
    WG21 = "wg21"
    YOUTUBE = "youtube"
    REDDIT = "reddit"


def _positive(instance: object, attribute: "attrs.Attribute[int]", value: int) -> None:
    # bool is an int subclass; a True id is always a bug upstream.
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise ValueError(
            f"{type(instance).__name__}.{attribute.name} must be a positive int, got {value!r}"
        )


@attrs.frozen
class ProfileRef:
    """The id of one profile in the hub. Use the subclass of the profile's kind."""

    profile_id: int = attrs.field(validator=_positive)
    kind: ClassVar[ProfileKind]

    def __str__(self) -> str:
        return f"{self.kind.value} profile {self.profile_id}"


@attrs.frozen
class GitHubAccountRef(ProfileRef):
    kind: ClassVar[ProfileKind] = ProfileKind.GITHUB


@attrs.frozen
class GitAuthorRef(ProfileRef):
    """A git author or committer known only by name and email."""

    kind: ClassVar[ProfileKind] = ProfileKind.GIT_AUTHOR


@attrs.frozen
class SlackUserRef(ProfileRef):
    kind: ClassVar[ProfileKind] = ProfileKind.SLACK


@attrs.frozen
class DiscordUserRef(ProfileRef):
    kind: ClassVar[ProfileKind] = ProfileKind.DISCORD


@attrs.frozen
class MailingListSenderRef(ProfileRef):
    kind: ClassVar[ProfileKind] = ProfileKind.MAILING_LIST


@attrs.frozen
class WG21AuthorRef(ProfileRef):
    kind: ClassVar[ProfileKind] = ProfileKind.WG21


@attrs.frozen
class YouTubeSpeakerRef(ProfileRef):
    kind: ClassVar[ProfileKind] = ProfileKind.YOUTUBE


@attrs.frozen
class RedditUserRef(ProfileRef):
    kind: ClassVar[ProfileKind] = ProfileKind.REDDIT


REF_TYPES: dict[ProfileKind, type[ProfileRef]] = {
    ref_type.kind: ref_type
    for ref_type in (
        GitHubAccountRef,
        GitAuthorRef,
        SlackUserRef,
        DiscordUserRef,
        MailingListSenderRef,
        WG21AuthorRef,
        YouTubeSpeakerRef,
        RedditUserRef,
    )
}


def ref_of(kind: ProfileKind, profile_id: int) -> ProfileRef:
    """The typed reference for a profile id whose kind is only known at run time."""
    return REF_TYPES[kind](profile_id)


@attrs.frozen
class IdentityRef:
    """A person: the identity that profiles of any kind may be linked to."""

    identity_id: int = attrs.field(validator=_positive)
