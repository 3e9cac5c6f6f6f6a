"""A reference of one kind is not accepted where another is expected."""

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


def follow(account: GitHubAccountRef) -> None: ...


def ping(user: DiscordUserRef) -> None: ...


def upvote(user: RedditUserRef) -> None: ...


def any_profile(ref: ProfileRef) -> None: ...


follow(SlackUserRef(3))  # expect: arg-type
sender: MailingListSenderRef = GitAuthorRef(2)  # expect: assignment
speaker: YouTubeSpeakerRef = WG21AuthorRef(6)  # expect: assignment
upvote(ref_of(ProfileKind.REDDIT, 8))  # expect: arg-type
ping(ProfileRef(4))  # expect: arg-type
any_profile(IdentityRef(9))  # expect: arg-type
author: WG21AuthorRef = BoostAuthorRef(10)  # expect: assignment
