"""The GitHub ingest on SQLite and PostgreSQL: people are resolved in bulk, so a batch costs
the same number of queries whatever its size."""

from datetime import UTC, datetime

from django.db import connections
from django.test.utils import CaptureQueriesContext

from adapters.django_orm.unit_of_work import DjangoUnitOfWork
from core.ingest import ingest
from core.protocols import GitAuthorClaim, GitHubAccountClaim
from tests.contract.conftest import Backend
from trackers.github.ingest import GITHUB
from trackers.github.records import CommitSeen, GitHubSeen, IssueCommentSeen, IssueSeen

T0 = datetime(2024, 1, 1, tzinfo=UTC)


def activity(start: int, n: int) -> list[GitHubSeen]:
    items: list[GitHubSeen] = []
    for i in range(start, start + n):
        author = GitHubAccountClaim(github_id=i + 1, login=f"user{i}")
        items.append(
            IssueSeen(
                "boostorg/json",
                i,
                10_000 + i,
                title=f"issue {i}",
                author=author,
                labels=("bug", f"area-{i % 5}"),
                assignees=(GitHubAccountClaim(github_id=100_000 + i, login=f"helper{i}"),),
                updated_at=T0,
            )
        )
        items.append(IssueCommentSeen("boostorg/json", i, 20_000 + i, author=author, body="+1"))
        items.append(
            CommitSeen(
                "boostorg/json",
                f"{i:040x}",
                GitAuthorClaim(f"Dev {i}", f"dev{i}@example.com"),
                GitAuthorClaim("GitHub", "noreply@github.com"),
                co_authors=(GitHubAccountClaim(github_id=200_000 + i, login=f"pair{i}"),),
            )
        )
    return items


def test_a_batch_costs_the_same_queries_for_5_and_for_150_of_each_record(
    django_backend: Backend,
) -> None:
    assert django_backend.alias is not None
    alias = django_backend.alias
    uow = DjangoUnitOfWork(alias)
    hub = django_backend.hub(uow=uow)

    def cost(items: list[GitHubSeen]) -> int:
        with CaptureQueriesContext(connections[alias]) as captured:
            ingest(GITHUB, items, uow, hub, origin="page.json")
        return len(captured.captured_queries)

    small = cost(activity(0, 5))
    large = cost(activity(5, 150))

    assert small == large


def test_hub_queries_do_not_grow_with_the_batch(django_backend: Backend) -> None:
    assert django_backend.alias is not None
    alias = django_backend.alias
    uow = DjangoUnitOfWork(alias)
    hub = django_backend.hub(uow=uow)

    def hub_queries(items: list[GitHubSeen]) -> int:
        with CaptureQueriesContext(connections[alias]) as captured:
            ingest(GITHUB, items, uow, hub, origin="page.json")
        return sum("hub_" in query["sql"] for query in captured.captured_queries)

    assert hub_queries(activity(0, 5)) == hub_queries(activity(5, 150)) > 0
