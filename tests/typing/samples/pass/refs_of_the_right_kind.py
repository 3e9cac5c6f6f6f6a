"""A reference of the expected kind is accepted, and every kind is a ProfileRef."""

from typing import assert_type

from core.protocols.refs import (
    BoostAuthorRef,
    DiscordUserRef,
    GitAuthorRef,
    GitHubAccountRef,
    IdentityRef,
    MailingListSenderRef,
    ProfileKind,
    ProfileRef,
    RedditUserRef,
    SlackUserRef,
    WG21AuthorRef,
    YouTubeSpeakerRef,
    ref_of,
)


def follow(account: GitHubAccountRef) -> int:
    return account.profile_id


def blame(author: GitAuthorRef) -> int:
    return author.profile_id


def mention(user: SlackUserRef) -> int:
    return user.profile_id


def ping(user: DiscordUserRef) -> int:
    return user.profile_id


def reply_to(sender: MailingListSenderRef) -> int:
    return sender.profile_id


def credit(author: WG21AuthorRef) -> int:
    return author.profile_id


def introduce(speaker: YouTubeSpeakerRef) -> int:
    return speaker.profile_id


def upvote(user: RedditUserRef) -> int:
    return user.profile_id


def thank(maintainer: BoostAuthorRef) -> int:
    return maintainer.profile_id


def any_profile(ref: ProfileRef) -> ProfileKind:
    return ref.kind


def person(identity: IdentityRef) -> int:
    return identity.identity_id


follow(GitHubAccountRef(1))
blame(GitAuthorRef(2))
mention(SlackUserRef(3))
ping(DiscordUserRef(4))
reply_to(MailingListSenderRef(5))
credit(WG21AuthorRef(6))
introduce(YouTubeSpeakerRef(7))
upvote(RedditUserRef(8))
thank(BoostAuthorRef(10))
person(IdentityRef(9))

# Every kind is a ProfileRef.
every_kind: list[ProfileRef] = [
    GitHubAccountRef(1),
    GitAuthorRef(2),
    SlackUserRef(3),
    DiscordUserRef(4),
    MailingListSenderRef(5),
    WG21AuthorRef(6),
    YouTubeSpeakerRef(7),
    RedditUserRef(8),
    BoostAuthorRef(10),
]
kinds = [any_profile(ref) for ref in every_kind]

# A kind only known at run time gives the base class; narrowing gives the kind back.
loaded = ref_of(ProfileKind.SLACK, 3)
assert_type(loaded, ProfileRef)
if isinstance(loaded, SlackUserRef):
    mention(loaded)

assert_type(GitHubAccountRef(1).kind, ProfileKind)
assert_type(GitHubAccountRef(1).profile_id, int)
