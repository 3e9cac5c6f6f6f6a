"""The hub answers each claim with a reference of the claim's own kind."""

from collections.abc import Sequence
from typing import assert_type

from adapters.memory import MemoryUnitOfWork
from core.identity import IdentityHub
from core.protocols.claims import (
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
from core.protocols.identity import IdentityService, ProfileResolver
from core.protocols.refs import (
    DiscordUserRef,
    GitAuthorRef,
    GitHubAccountRef,
    MailingListSenderRef,
    ProfileRef,
    RedditUserRef,
    SlackUserRef,
    WG21AuthorRef,
    YouTubeSpeakerRef,
)

hub = IdentityHub(MemoryUnitOfWork())
service: IdentityService = hub
resolver: ProfileResolver = hub

assert_type(service.get_or_create(GitHubAccountClaim(login="octocat")), GitHubAccountRef | None)
assert_type(service.get_or_create(GitAuthorClaim(name="A", email="a@x.org")), GitAuthorRef | None)
assert_type(service.get_or_create(SlackUserClaim("U1")), SlackUserRef | None)
assert_type(service.get_or_create(DiscordUserClaim(1)), DiscordUserRef | None)
assert_type(
    service.get_or_create(MailingListSenderClaim(email="b@x.org")), MailingListSenderRef | None
)
assert_type(service.get_or_create(WG21AuthorClaim("Bjarne")), WG21AuthorRef | None)
assert_type(service.get_or_create(YouTubeSpeakerClaim("Herb")), YouTubeSpeakerRef | None)
assert_type(service.get_or_create(RedditUserClaim("spez")), RedditUserRef | None)

# A list of one kind of claim gives a list of that kind of reference.
accounts = [GitHubAccountClaim(github_id=1), GitHubAccountClaim(github_id=2)]
assert_type(resolver.get_or_create_many(accounts), list[GitHubAccountRef | None])
assert_type(hub.find_many(accounts), list[GitHubAccountRef | None])

# A mixed list is a list of ProfileClaim[ProfileRef] (claims are covariant in their ref).
mixed: list[ProfileClaim[ProfileRef]] = [
    GitHubAccountClaim(login="octocat"),
    SlackUserClaim("U1"),
    RedditUserClaim("spez"),
]
assert_type(resolver.get_or_create_many(mixed), list[ProfileRef | None])

# A specific claim is accepted where a claim of a broader kind is expected.
github_claim: ProfileClaim[GitHubAccountRef] = GitHubAccountClaim(login="octocat")
any_claim: ProfileClaim[ProfileRef] = github_claim


def authors(claims: Sequence[ProfileClaim[GitAuthorRef]]) -> list[GitAuthorRef]:
    return [ref for ref in resolver.get_or_create_many(claims) if ref is not None]


assert_type(authors([GitAuthorClaim(name="A")]), list[GitAuthorRef])

# The claim builds its own kind of reference.
assert_type(SlackUserClaim("U1").ref(3), SlackUserRef)
assert_type(github_claim.ref(1), GitHubAccountRef)
