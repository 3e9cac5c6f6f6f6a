"""A claim's answer has the claim's kind, and no other."""

from adapters.memory import MemoryUnitOfWork
from core.identity import IdentityHub
from core.protocols.claims import (
    GitHubAccountClaim,
    ProfileClaim,
    SlackUserClaim,
    YouTubeSpeakerClaim,
)
from core.protocols.refs import (
    GitHubAccountRef,
    ProfileRef,
    SlackUserRef,
    YouTubeSpeakerRef,
)

hub = IdentityHub(MemoryUnitOfWork())
account_claim = GitHubAccountClaim(login="octocat")


def mention(user: SlackUserRef | None) -> None: ...


def resolve_account(claim: ProfileClaim[GitHubAccountRef]) -> None: ...


def resolve_accounts(claims: list[ProfileClaim[GitHubAccountRef]]) -> None: ...


slack_user: SlackUserRef | None = hub.get_or_create(account_claim)  # expect: assignment
mention(hub.get_or_create(account_claim))  # expect: arg-type
resolve_account(SlackUserClaim("U1"))  # expect: arg-type
github_claim: ProfileClaim[GitHubAccountRef] = SlackUserClaim("U1")  # expect: assignment
resolve_accounts([YouTubeSpeakerClaim("Herb")])  # expect: list-item

mixed: list[ProfileClaim[ProfileRef]] = [SlackUserClaim("U1")]
speakers: list[YouTubeSpeakerRef | None] = hub.get_or_create_many(mixed)  # expect: arg-type
