"""References are values: their fields cannot be reassigned, nor their kind changed."""

from core.protocols.refs import GitHubAccountRef, IdentityRef, ProfileKind

account = GitHubAccountRef(1)
account.profile_id = 2  # expect: misc
account.kind = ProfileKind.SLACK  # expect: misc
identity = IdentityRef(9)
identity.identity_id = 10  # expect: misc
