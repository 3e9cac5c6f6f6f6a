"""A record is stored with typed refs, never with the claims a source read: a store of issues
refuses an issue still holding claims, and one holding refs of another kind."""

from adapters.memory import MemoryUnitOfWork
from core.protocols.claims import GitHubAccountClaim
from core.protocols.refs import GitHubAccountRef, SlackUserRef
from trackers.github.ingest import ISSUES
from trackers.github.records import Issue, IssueSeen

store = MemoryUnitOfWork().records(ISSUES)
seen = IssueSeen("o/r", 1, 1, author=GitHubAccountClaim(login="octocat"))
store.add_many([seen])  # expect: list-item
store.add_many([Issue("o/r", 2, 2, author=SlackUserRef(3))])  # expect: arg-type
stored: Issue[GitHubAccountRef] = Issue("o/r", 3, 3, author=GitHubAccountRef(4))
store.add_many([stored])
claimed: Issue[GitHubAccountClaim] = stored  # expect: assignment
