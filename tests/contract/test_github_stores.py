"""What is the GitHub tracker's own in its stores, on every adapter: memory, SQLite,
PostgreSQL. What every record store does, GitHub's included, is in test_record_stores.py."""

from collections.abc import Callable

import attrs
from django.db import connections
from django.test.utils import CaptureQueriesContext

from core.ingest import ingest
from core.protocols.claims import GitAuthorClaim, GitHubAccountClaim
from core.protocols.ingest import Outcome
from core.protocols.refs import GitAuthorRef, GitHubAccountRef
from tests.contract.cases.github import CASES, SHA
from tests.contract.conftest import Backend
from trackers.github.ingest import COMMITS, GITHUB, ISSUES, REPOSITORIES
from trackers.github.records import (
    Commit,
    CommitSeen,
    GitHubSeen,
    Issue,
    IssueSeen,
    PersonRef,
    PullRequestSeen,
)


def test_keys_match_exactly_repository_and_number_together(backend: Backend) -> None:
    # given issues 1 and 2 in two repositories, but not every combination
    uow = backend.make_uow()
    stored: list[Issue[GitHubAccountRef]] = [Issue("o/a", 1, 1), Issue("o/b", 2, 2)]
    with uow:
        uow.records(ISSUES).add_many(stored)
        uow.commit()

    # when the crossed keys are asked for; then only the true pairs are found
    with uow:
        found = uow.records(ISSUES).get_many([("o/a", 1), ("o/a", 2), ("o/b", 1), ("o/b", 2)])
    assert found == {ISSUES.key_of(issue): issue for issue in stored}


def test_co_authors_keep_their_kind_through_an_update(backend: Backend) -> None:
    # given a commit whose people are of both kinds
    uow = backend.make_uow()
    people: tuple[PersonRef, ...] = (
        GitAuthorRef(1),
        GitHubAccountRef(2),
        GitAuthorRef(3),
        GitHubAccountRef(4),
    )
    commit = Commit("o/r", SHA, author=GitHubAccountRef(9), co_authors=people)
    with uow:
        uow.records(COMMITS).add_many([commit])
        uow.commit()

    # when the co-authors are reversed and one is dropped
    updated = attrs.evolve(commit, author=GitAuthorRef(9), co_authors=people[:0:-1])
    with uow:
        uow.records(COMMITS).update_many([updated])
        uow.commit()

    # then they read back in the new order, each with its own kind of reference
    with uow:
        stored = uow.records(COMMITS).get_many([("o/r", SHA)])[("o/r", SHA)]
    assert stored.co_authors == (GitHubAccountRef(4), GitAuthorRef(3), GitHubAccountRef(2))
    assert stored.author == GitAuthorRef(9)
    assert stored == updated


def test_records_store_without_their_repository(backend: Backend) -> None:
    # given no repository at all; when records of one are added
    uow = backend.make_uow()
    others = [case for case in CASES if case.record_type != REPOSITORIES]
    with uow:
        for case in others:
            uow.records(case.record_type).add_many([case.full])
        uow.commit()

    # then each is stored
    with uow:
        assert uow.records(REPOSITORIES).count() == 0
        for case in others:
            assert uow.records(case.record_type).get_many([case.key_of(case.full)]) == {
                case.key_of(case.full): case.full
            }


# -- an ingest on each adapter -----------------------------------------------------------


def test_ingesting_github_activity_twice_reports_everything_unchanged(backend: Backend) -> None:
    # given sightings of commits, issues and pull requests with people of both kinds
    ann = GitAuthorClaim("Ann", "ann@x.org")
    octo = GitHubAccountClaim(github_id=1, login="octocat")
    items: list[GitHubSeen] = [
        *(
            CommitSeen("o/R", f"{i:040x}", author=ann, committer=octo, co_authors=(octo, ann))
            for i in range(3)
        ),
        IssueSeen("o/R", 1, 11, title="t", author=octo, labels=("b", "a"), assignees=(octo,)),
        PullRequestSeen("o/R", 2, 12, labels=("x",), assignees=()),
    ]
    uow = backend.make_uow()
    hub = backend.hub(uow=uow)

    # when they are ingested twice
    first = ingest(GITHUB, items, uow, hub, origin="a.json")
    second = ingest(GITHUB, items, uow, hub, origin="a.json")

    # then the first run adds them and the second finds every one unchanged
    assert first.counts["github.commit"][Outcome.ADDED] == 3
    assert first.problems == []
    assert {t: dict(c) for t, c in second.counts.items()} == {
        "github.commit": {Outcome.UNCHANGED: 3},
        "github.issue": {Outcome.UNCHANGED: 1},
        "github.pull_request": {Outcome.UNCHANGED: 1},
    }
    with uow:
        commit = uow.records(COMMITS).get_many([("o/r", f"{0:040x}")])[("o/r", f"{0:040x}")]
    assert [type(ref) for ref in commit.co_authors] == [GitHubAccountRef, GitAuthorRef]


# -- query counts --------------------------------------------------------------------------


def queries(backend: Backend, action: Callable[[], object]) -> int:
    assert backend.alias is not None
    with CaptureQueriesContext(connections[backend.alias]) as captured:
        action()
    return len(captured.captured_queries)


def labelled_issues(n: int, offset: int = 0, version: int = 0) -> list[Issue[GitHubAccountRef]]:
    """Issues with three labels and two assignees each; another version changes them all."""
    return [
        Issue(
            "o/r",
            number,
            number,
            title=f"issue {number} v{version}",
            author=GitHubAccountRef(number),
            labels=(f"l{(number + version) % 7}", "bug", f"ü{version}"),
            assignees=(GitHubAccountRef(number + version), GitHubAccountRef(number + 1)),
        )
        for number in range(offset + 1, offset + n + 1)
    ]


def test_issue_batches_cost_the_same_queries_for_5_and_for_300_issues(
    django_backend: Backend,
) -> None:
    uow = django_backend.make_uow()
    small, large = labelled_issues(5), labelled_issues(300, offset=5)
    small_keys, large_keys = [ISSUES.key_of(i) for i in small], [ISSUES.key_of(i) for i in large]

    def cost(action: Callable[[], object]) -> int:
        return queries(django_backend, action)

    with uow:
        # given batches of 5 and of 300 issues with labels and assignees
        # when each is added, read back, and updated with every label and assignee changed
        add = (
            cost(lambda: uow.records(ISSUES).add_many(small)),
            cost(lambda: uow.records(ISSUES).add_many(large)),
        )
        get = (
            cost(lambda: uow.records(ISSUES).get_many(small_keys)),
            cost(lambda: uow.records(ISSUES).get_many(large_keys)),
        )
        update = (
            cost(lambda: uow.records(ISSUES).update_many(labelled_issues(5, version=1))),
            cost(
                lambda: uow.records(ISSUES).update_many(labelled_issues(300, offset=5, version=1))
            ),
        )
        stored = uow.records(ISSUES).get_many(large_keys)

    # then each step costs the same for both: one query per table it touches
    assert add[0] == add[1] == 4  # existing keys, issues, labels, assignees
    assert get[0] == get[1] == 3  # issues, then labels and assignees prefetched
    assert update[0] == update[1] == 6  # keys, issues, delete and insert each child table
    assert list(stored.values()) == labelled_issues(300, offset=5, version=1)


def test_commit_batches_cost_the_same_queries_for_5_and_for_300_commits(
    django_backend: Backend,
) -> None:
    uow = django_backend.make_uow()

    def commits(n: int, offset: int = 0, version: int = 0) -> list[Commit[PersonRef]]:
        return [
            Commit(
                "o/r",
                f"{i:040x}",
                author=GitAuthorRef(i),
                co_authors=(GitHubAccountRef(i + version), GitAuthorRef(i + 1)),
            )
            for i in range(offset + 1, offset + n + 1)
        ]

    def cost(action: Callable[[], object]) -> int:
        return queries(django_backend, action)

    small, large = commits(5), commits(300, offset=5)
    small_keys, large_keys = [COMMITS.key_of(c) for c in small], [COMMITS.key_of(c) for c in large]
    with uow:
        # given batches of 5 and of 300 commits with co-authors of both kinds
        # when each is added, read back, and updated
        add = (
            cost(lambda: uow.records(COMMITS).add_many(small)),
            cost(lambda: uow.records(COMMITS).add_many(large)),
        )
        get = (
            cost(lambda: uow.records(COMMITS).get_many(small_keys)),
            cost(lambda: uow.records(COMMITS).get_many(large_keys)),
        )
        update = (
            cost(lambda: uow.records(COMMITS).update_many(commits(5, version=1))),
            cost(lambda: uow.records(COMMITS).update_many(commits(300, offset=5, version=1))),
        )

    # then each step costs the same for both
    assert add[0] == add[1] == 3  # existing keys, commits, co-authors
    assert get[0] == get[1] == 2  # commits, co-authors prefetched
    assert update[0] == update[1] == 4  # keys, commits, delete and insert co-authors
