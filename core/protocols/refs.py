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
    BOOST_AUTHOR = "boost_author"


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


@attrs.frozen
class BoostAuthorRef(ProfileRef):
    """An author or maintainer of a Boost library, as its ``meta/libraries.json`` names them."""

    kind: ClassVar[ProfileKind] = ProfileKind.BOOST_AUTHOR


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
        BoostAuthorRef,
    )
}


def ref_of(kind: ProfileKind, profile_id: int) -> ProfileRef:
    """The typed reference for a profile id whose kind is only known at run time."""
    return REF_TYPES[kind](profile_id)


@attrs.frozen
class IdentityRef:
    """A person: the identity that profiles of any kind may be linked to."""

    identity_id: int = attrs.field(validator=_positive)


# -- references to another tracker's records --------------------------------------------------


def _repository_key(full_name: str) -> str:
    return full_name.strip().strip("/").lower()


def _owner_and_name(instance: object, attribute: "attrs.Attribute[str]", value: str) -> None:
    owner, slash, name = value.partition("/")
    if not (owner and slash and name) or "/" in name or any(c.isspace() for c in value):
        raise ValueError(f"{type(instance).__name__} needs an owner/name key, got {value!r}")


@attrs.frozen
class GitHubRepositoryRef:
    """A repository of the GitHub tracker, by the key its records use: the lower-cased
    ``owner/name`` (``local/<folder>-<root>`` for a clone with no GitHub remote).

    Another tracker (a Boost library, a project using Boost) holds this value, never a row of
    the GitHub tracker: the key is the GitHub tracker's natural key, so the reference needs no
    lookup to be made, stores as a plain text column, and stays valid whether the GitHub
    tracker has collected that repository yet or not (``orphans`` tells which it has not).
    """

    key: str = attrs.field(converter=_repository_key, validator=_owner_and_name)

    def __str__(self) -> str:
        return f"github repository {self.key}"


@attrs.frozen
class GitHubFileRef:
    """A file of a GitHub tracker's repository, by its path from the repository's root."""

    repository: GitHubRepositoryRef
    path: str

    def __str__(self) -> str:
        return f"{self.repository.key}:{self.path}"
