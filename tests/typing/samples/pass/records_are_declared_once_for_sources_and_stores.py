"""One record class serves a source, with claims, and a store, with refs; a record holding
only git authors is a record holding people of either kind."""

from adapters.memory import MemoryUnitOfWork
from core.protocols.claims import GitAuthorClaim
from core.protocols.refs import GitAuthorRef, GitHubAccountRef
from trackers.github.ingest import COMMITS, ISSUES
from trackers.github.records import Commit, CommitSeen, Issue, PersonRef

uow = MemoryUnitOfWork()
seen = CommitSeen("o/r", "a" * 40, GitAuthorClaim("Ann", "ann@x.org"), None)
by_git: Commit[GitAuthorRef] = Commit("o/r", "a" * 40, author=GitAuthorRef(1))
either: Commit[PersonRef] = by_git
uow.records(COMMITS).add_many([by_git, either])
issue: Issue[GitHubAccountRef] = Issue("o/r", 1, 1, assignees=(GitHubAccountRef(2),))
uow.records(ISSUES).add_many([issue])
found: dict[tuple[str, int], Issue[GitHubAccountRef]] = uow.records(ISSUES).get_many([("o/r", 1)])
