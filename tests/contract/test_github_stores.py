"""The GitHub tracker's stores on every adapter: memory, SQLite, PostgreSQL.

The memory stores are the reference behaviour; each test here runs on all three adapters with
the same expectations, and a Hypothesis test drives memory and Django side by side.
"""

from collections.abc import Callable
from datetime import UTC, datetime, timedelta, timezone
from typing import Any

import attrs
import pytest
from django.db import connections
from django.test.utils import CaptureQueriesContext
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from adapters.memory.github import MemoryGitHubUnitOfWork
from core.protocols.claims import GitAuthorClaim, GitHubAccountClaim
from core.protocols.ingest import Outcome
from core.protocols.refs import GitAuthorRef, GitHubAccountRef
from core.protocols.storage import RecordStore
from tests.contract.conftest import Backend
from trackers.github.ingest import ingest_github
from trackers.github.ports import GitHubUnitOfWork, commit_key, number_key
from trackers.github.records import (
    Commit,
    CommitSeen,
    GitHubSeen,
    Issue,
    IssueComment,
    IssueSeen,
    PersonRef,
    PullRequest,
    PullRequestSeen,
    Repository,
    Review,
    ReviewComment,
)


@pytest.fixture
def github_uow(backend: Backend) -> GitHubUnitOfWork:
    return github_uow_of(backend)


def github_uow_of(backend: Backend) -> GitHubUnitOfWork:
    if backend.alias is None:
        return MemoryGitHubUnitOfWork()
    from adapters.django_orm.github.repository import DjangoGitHubUnitOfWork

    return DjangoGitHubUnitOfWork(backend.alias)


def store_of(uow: GitHubUnitOfWork, name: str) -> RecordStore[Any, Any]:
    store: RecordStore[Any, Any] = getattr(uow, name)
    return store


# Aware datetimes in three zones: a store may give them back in UTC, as the same instants.
IST = timezone(timedelta(hours=5, minutes=30))
PST = timezone(timedelta(hours=-8))
T1 = datetime(2024, 2, 29, 23, 59, 58, 123456, tzinfo=IST)
T2 = datetime(2024, 3, 1, 8, 0, tzinfo=UTC)
T3 = datetime(2025, 12, 31, 16, 30, 1, 999999, tzinfo=PST)
T4 = datetime(2026, 1, 2, 3, 4, 5, tzinfo=UTC)
SHA = "0123456789abcdef0123456789abcdef01234567"
PARENT_A = "a" * 40
PARENT_B = "b" * 40
BIG = 2**40  # review and comment ids outgrew 32 bits long ago


@attrs.frozen
class StoreCase:
    """One store: a record with every field set, the same key with every other field
    changed, and a record with nothing known but its key."""

    store: str
    full: Any
    changed: Any
    sparse: Any
    key: tuple[str, ...]  # the fields of the natural key

    def key_of(self, record: Any) -> Any:
        values = tuple(getattr(record, name) for name in self.key)
        return values[0] if len(values) == 1 else values


CASES = [
    StoreCase(
        "repositories",
        full=Repository(
            key="boostorg/json",
            full_name="boostorg/JSON",
            owner=GitHubAccountRef(7),
            github_id=BIG + 1,
            description="JSON for C++ — ünïcødé, 日本語, 🚀",
            is_fork=False,
            created_at=T1,
            updated_at=T2,
        ),
        changed=Repository(
            key="boostorg/json",
            full_name="BoostOrg/Json",
            owner=GitHubAccountRef(8),
            github_id=BIG + 2,
            description="moved",
            is_fork=True,
            created_at=T3,
            updated_at=T4,
        ),
        sparse=Repository(key="local/boost", full_name="local/boost"),
        key=("key",),
    ),
    StoreCase(
        "commits",
        full=Commit(
            repository="boostorg/json",
            sha=SHA,
            author=GitAuthorRef(11),
            committer=GitHubAccountRef(12),
            co_authors=(GitAuthorRef(13), GitHubAccountRef(14), GitAuthorRef(15)),
            authored_at=T1,
            committed_at=T2,
            message="Fix ünïcødé parsing 🐛\n\nCo-authored-by: Ann <ann@x.org>\n",
            parents=(PARENT_A, PARENT_B),
        ),
        changed=Commit(
            repository="boostorg/json",
            sha=SHA,
            author=GitHubAccountRef(21),
            committer=GitAuthorRef(22),
            co_authors=(GitHubAccountRef(14), GitAuthorRef(13)),
            authored_at=T3,
            committed_at=T4,
            message="reworded",
            parents=(PARENT_B,),
        ),
        sparse=Commit(repository="local/boost", sha="c" * 40),
        key=("repository", "sha"),
    ),
    StoreCase(
        "issues",
        full=Issue(
            repository="boostorg/json",
            number=42,
            github_id=BIG + 42,
            title="Crash on ünïcødé keys 💥",
            state="closed",
            state_reason="completed",
            author=GitHubAccountRef(31),
            labels=("bug", "help wanted", "ünïcødé 🏷"),
            assignees=(GitHubAccountRef(32), GitHubAccountRef(33)),
            body="Steps:\n1. parse\n2. 💥",
            created_at=T1,
            updated_at=T2,
            closed_at=T2,
        ),
        changed=Issue(
            repository="boostorg/json",
            number=42,
            github_id=BIG + 43,
            title="Reopened",
            state="open",
            state_reason="reopened",
            author=GitHubAccountRef(34),
            labels=("help wanted", "docs"),
            assignees=(GitHubAccountRef(33),),
            body="again",
            created_at=T3,
            updated_at=T4,
            closed_at=None,
        ),
        sparse=Issue(repository="local/boost", number=1, github_id=1),
        key=("repository", "number"),
    ),
    StoreCase(
        "pull_requests",
        full=PullRequest(
            repository="boostorg/json",
            number=43,
            github_id=BIG + 4300,
            title="Faster ünïcødé ⚡",
            state="closed",
            author=GitHubAccountRef(41),
            labels=("perf", "ünïcødé"),
            assignees=(GitHubAccountRef(42), GitHubAccountRef(43)),
            body="Benchmarks inside.",
            head_sha=PARENT_A,
            base_sha=PARENT_B,
            created_at=T1,
            updated_at=T2,
            closed_at=T2,
            merged_at=T2,
        ),
        changed=PullRequest(
            repository="boostorg/json",
            number=43,
            github_id=BIG + 4301,
            title="Reverted",
            state="open",
            author=GitHubAccountRef(44),
            labels=("needs review",),
            assignees=(GitHubAccountRef(43), GitHubAccountRef(42)),
            body="",
            head_sha=PARENT_B,
            base_sha=PARENT_A,
            created_at=T3,
            updated_at=T4,
            closed_at=T4,
            merged_at=None,
        ),
        sparse=PullRequest(repository="local/boost", number=2),
        key=("repository", "number"),
    ),
    StoreCase(
        "reviews",
        full=Review(
            github_id=BIG + 5,
            repository="boostorg/json",
            pull_number=43,
            author=GitHubAccountRef(51),
            state="CHANGES_REQUESTED",
            body="Please add a test — ünïcødé 🙏",
            commit_sha=PARENT_A,
            submitted_at=T1,
        ),
        changed=Review(
            github_id=BIG + 5,
            repository="boostorg/json-moved",
            pull_number=44,
            author=GitHubAccountRef(52),
            state="DISMISSED",
            body="",
            commit_sha=PARENT_B,
            submitted_at=T3,
        ),
        sparse=Review(github_id=1, repository="local/boost", pull_number=2),
        key=("github_id",),
    ),
    StoreCase(
        "issue_comments",
        full=IssueComment(
            github_id=BIG + 6,
            repository="boostorg/json",
            issue_number=42,
            author=GitHubAccountRef(61),
            body="Same here 👍 ünïcødé",
            created_at=T1,
            updated_at=T2,
        ),
        changed=IssueComment(
            github_id=BIG + 6,
            repository="boostorg/json-moved",
            issue_number=41,
            author=GitHubAccountRef(62),
            body="edited",
            created_at=T3,
            updated_at=T4,
        ),
        sparse=IssueComment(github_id=1, repository="local/boost", issue_number=1),
        key=("github_id",),
    ),
    StoreCase(
        "review_comments",
        full=ReviewComment(
            github_id=BIG + 7,
            repository="boostorg/json",
            pull_number=43,
            author=GitHubAccountRef(71),
            body="Nit: ünïcødé 🔍",
            path="include/boost/json/ünïcødé.hpp",
            review_id=BIG + 5,
            in_reply_to_id=BIG + 8,
            created_at=T1,
            updated_at=T2,
        ),
        changed=ReviewComment(
            github_id=BIG + 7,
            repository="boostorg/json-moved",
            pull_number=44,
            author=GitHubAccountRef(72),
            body="resolved",
            path="src/parser.cpp",
            review_id=None,
            in_reply_to_id=None,
            created_at=T3,
            updated_at=T4,
        ),
        sparse=ReviewComment(github_id=1, repository="local/boost", pull_number=2),
        key=("github_id",),
    ),
]

STORE_CASES = [pytest.param(case, id=case.store) for case in CASES]


@pytest.mark.parametrize("case", STORE_CASES)
def test_each_changed_record_differs_from_the_full_one_in_every_field_but_its_key(
    case: StoreCase,
) -> None:
    # given the examples the other tests rely on; then an update test really changes each field
    fields = attrs.fields_dict(type(case.full))
    same = [
        name
        for name in fields
        if name not in case.key and getattr(case.full, name) == getattr(case.changed, name)
    ]

    assert same == []
    assert case.key_of(case.full) == case.key_of(case.changed)
    assert case.key_of(case.full) != case.key_of(case.sparse)


@pytest.mark.parametrize("case", STORE_CASES)
def test_a_fully_populated_record_reads_back_equal_in_every_field(
    github_uow: GitHubUnitOfWork, case: StoreCase
) -> None:
    # given a record with every field set, and one with nothing known but its key
    with github_uow:
        store_of(github_uow, case.store).add_many([case.full, case.sparse])
        github_uow.commit()

    # when they are read back in a new unit of work
    with github_uow:
        found = store_of(github_uow, case.store).get_many(
            [case.key_of(case.full), case.key_of(case.sparse)]
        )

    # then both are equal to what was stored, tuples in their order and None fields None
    assert found == {case.key_of(case.full): case.full, case.key_of(case.sparse): case.sparse}


@pytest.mark.parametrize("case", STORE_CASES)
def test_an_update_replaces_every_field_of_the_stored_record(
    github_uow: GitHubUnitOfWork, case: StoreCase
) -> None:
    # given a stored record, and another one of the same store
    with github_uow:
        store_of(github_uow, case.store).add_many([case.full, case.sparse])
        github_uow.commit()

    # when the record is updated with every field changed
    with github_uow:
        store_of(github_uow, case.store).update_many([case.changed])
        github_uow.commit()

    # then it reads back as the update, and the other record is untouched
    with github_uow:
        store = store_of(github_uow, case.store)
        found = store.get_many([case.key_of(case.full), case.key_of(case.sparse)])
        assert found == {
            case.key_of(case.full): case.changed,
            case.key_of(case.sparse): case.sparse,
        }
        assert store.count() == 2


@pytest.mark.parametrize("case", STORE_CASES)
def test_an_update_back_to_nothing_known_clears_fields_and_child_rows(
    github_uow: GitHubUnitOfWork, case: StoreCase
) -> None:
    # given a fully populated record
    emptied = attrs.evolve(case.sparse, **{name: getattr(case.full, name) for name in case.key})
    with github_uow:
        store_of(github_uow, case.store).add_many([case.full])
        github_uow.commit()

    # when it is updated to a record with only its key
    with github_uow:
        store_of(github_uow, case.store).update_many([emptied])
        github_uow.commit()

    # then no label, assignee, co-author or person is left
    with github_uow:
        found = store_of(github_uow, case.store).get_many([case.key_of(case.full)])
    assert found == {case.key_of(case.full): emptied}


def test_an_update_reconciles_labels_and_assignees_of_issues_and_pull_requests(
    github_uow: GitHubUnitOfWork,
) -> None:
    # given an issue and a pull request with labels and assignees
    issue = Issue(
        "o/r",
        1,
        101,
        labels=("a", "b", "c"),
        assignees=(GitHubAccountRef(1), GitHubAccountRef(2), GitHubAccountRef(3)),
    )
    pull = PullRequest(
        "o/r", 2, labels=("x", "y"), assignees=(GitHubAccountRef(4), GitHubAccountRef(5))
    )
    with github_uow:
        github_uow.issues.add_many([issue])
        github_uow.pull_requests.add_many([pull])
        github_uow.commit()

    # when upstream removed some, added others and reordered the rest
    new_issue = attrs.evolve(
        issue, labels=("c", "d", "a"), assignees=(GitHubAccountRef(3), GitHubAccountRef(6))
    )
    new_pull = attrs.evolve(pull, labels=(), assignees=(GitHubAccountRef(5),))
    with github_uow:
        github_uow.issues.update_many([new_issue])
        github_uow.pull_requests.update_many([new_pull])
        github_uow.commit()

    # then the stored sets are exactly the new ones, in the new order
    with github_uow:
        stored_issue = github_uow.issues.get_many([("o/r", 1)])[("o/r", 1)]
        stored_pull = github_uow.pull_requests.get_many([("o/r", 2)])[("o/r", 2)]
    assert (stored_issue.labels, stored_issue.assignees) == (
        ("c", "d", "a"),
        (GitHubAccountRef(3), GitHubAccountRef(6)),
    )
    assert (stored_pull.labels, stored_pull.assignees) == ((), (GitHubAccountRef(5),))


def test_co_authors_keep_their_order_and_kind_through_an_update(
    github_uow: GitHubUnitOfWork,
) -> None:
    # given a commit whose people are of both kinds
    people: tuple[PersonRef, ...] = (
        GitAuthorRef(1),
        GitHubAccountRef(2),
        GitAuthorRef(3),
        GitHubAccountRef(4),
    )
    commit = Commit("o/r", SHA, author=GitHubAccountRef(9), co_authors=people)
    with github_uow:
        github_uow.commits.add_many([commit])
        github_uow.commit()

    # when the co-authors are reversed and one is dropped
    updated = attrs.evolve(commit, author=GitAuthorRef(9), co_authors=people[:0:-1])
    with github_uow:
        github_uow.commits.update_many([updated])
        github_uow.commit()

    # then they read back in the new order, each with its own kind of reference
    with github_uow:
        stored = github_uow.commits.get_many([("o/r", SHA)])[("o/r", SHA)]
    assert stored.co_authors == (GitHubAccountRef(4), GitAuthorRef(3), GitHubAccountRef(2))
    assert stored.author == GitAuthorRef(9)
    assert stored == updated


def test_count_counts_the_records_of_its_own_store_only(github_uow: GitHubUnitOfWork) -> None:
    # given records in several stores, labels and co-authors included
    with github_uow:
        github_uow.issues.add_many([Issue("o/r", n, n, labels=("a", "b")) for n in range(1, 4)])
        github_uow.pull_requests.add_many([PullRequest("o/r", 4)])
        github_uow.commits.add_many([Commit("o/r", SHA, co_authors=(GitAuthorRef(1),))])
        github_uow.commit()

    # when each store is counted; then it counts its own records, not their child rows
    with github_uow:
        counts = {case.store: store_of(github_uow, case.store).count() for case in CASES}
    assert counts == {
        "repositories": 0,
        "commits": 1,
        "issues": 3,
        "pull_requests": 1,
        "reviews": 0,
        "issue_comments": 0,
        "review_comments": 0,
    }


@pytest.mark.parametrize("case", STORE_CASES)
def test_keys_that_are_not_stored_are_simply_absent(
    github_uow: GitHubUnitOfWork, case: StoreCase
) -> None:
    # given one stored record
    with github_uow:
        store_of(github_uow, case.store).add_many([case.full])
        github_uow.commit()

    # when it is asked for among keys never stored (and for nothing at all)
    with github_uow:
        store = store_of(github_uow, case.store)
        found = store.get_many([case.key_of(case.sparse), case.key_of(case.full)])
        nothing = store.get_many([])

    # then only the stored one is found
    assert found == {case.key_of(case.full): case.full}
    assert nothing == {}


def test_keys_match_exactly_repository_and_number_together(github_uow: GitHubUnitOfWork) -> None:
    # given issues 1 and 2 in two repositories, but not every combination
    stored = [Issue("o/a", 1, 1), Issue("o/b", 2, 2)]
    with github_uow:
        github_uow.issues.add_many(stored)
        github_uow.commit()

    # when the crossed keys are asked for; then only the true pairs are found
    with github_uow:
        found = github_uow.issues.get_many([("o/a", 1), ("o/a", 2), ("o/b", 1), ("o/b", 2)])
    assert found == {number_key(issue): issue for issue in stored}


@pytest.mark.parametrize("case", STORE_CASES)
def test_adding_a_stored_key_again_keeps_the_stored_record(
    github_uow: GitHubUnitOfWork, case: StoreCase
) -> None:
    # given a stored record
    with github_uow:
        store_of(github_uow, case.store).add_many([case.full])
        github_uow.commit()

    # when a batch adds its key again (twice) along with a new record
    with github_uow:
        store_of(github_uow, case.store).add_many([case.changed, case.sparse, case.changed])
        github_uow.commit()

    # then the stored record is kept as it was and only the new one is added
    with github_uow:
        store = store_of(github_uow, case.store)
        found = store.get_many([case.key_of(case.full), case.key_of(case.sparse)])
        assert found == {case.key_of(case.full): case.full, case.key_of(case.sparse): case.sparse}
        assert store.count() == 2


@pytest.mark.parametrize("case", STORE_CASES)
def test_updating_a_key_never_stored_stores_nothing(
    github_uow: GitHubUnitOfWork, case: StoreCase
) -> None:
    # given an empty store; when a record is updated
    with github_uow:
        store_of(github_uow, case.store).update_many([case.full])
        github_uow.commit()

    # then nothing is stored
    with github_uow:
        assert store_of(github_uow, case.store).count() == 0


def test_the_last_of_a_batch_s_updates_to_one_key_wins(github_uow: GitHubUnitOfWork) -> None:
    # given a stored issue
    issue = Issue("o/r", 1, 1, labels=("a",))
    with github_uow:
        github_uow.issues.add_many([issue])
        github_uow.commit()

    # when one batch updates it twice
    first, last = attrs.evolve(issue, title="first"), attrs.evolve(issue, title="last")
    with github_uow:
        github_uow.issues.update_many([first, last])
        github_uow.commit()

    # then the later one is stored
    with github_uow:
        assert github_uow.issues.get_many([("o/r", 1)]) == {("o/r", 1): last}


def test_records_store_without_their_repository(github_uow: GitHubUnitOfWork) -> None:
    # given no repository at all; when records of one are added
    with github_uow:
        for case in CASES[1:]:
            store_of(github_uow, case.store).add_many([case.full])
        github_uow.commit()

    # then each is stored
    with github_uow:
        assert github_uow.repositories.count() == 0
        for case in CASES[1:]:
            assert store_of(github_uow, case.store).get_many([case.key_of(case.full)]) == {
                case.key_of(case.full): case.full
            }


def add_one_of_each(uow: GitHubUnitOfWork) -> None:
    for case in CASES:
        store_of(uow, case.store).add_many([case.full])


def counts_of(uow: GitHubUnitOfWork) -> dict[str, int]:
    with uow:
        return {case.store: store_of(uow, case.store).count() for case in CASES}


NOTHING = {case.store: 0 for case in CASES}


def test_a_unit_of_work_that_ends_without_a_commit_leaves_nothing(
    github_uow: GitHubUnitOfWork,
) -> None:
    # given a unit of work that adds a record to every store, child rows included
    with github_uow:
        add_one_of_each(github_uow)
        # when it ends without a commit

    # then no store holds anything
    assert counts_of(github_uow) == NOTHING


def test_a_rolled_back_unit_of_work_leaves_nothing(github_uow: GitHubUnitOfWork) -> None:
    # given a unit of work that adds a record to every store
    with github_uow:
        add_one_of_each(github_uow)
        # when it is rolled back
        github_uow.rollback()

    # then no store holds anything
    assert counts_of(github_uow) == NOTHING


def test_a_unit_of_work_that_raises_leaves_nothing_even_if_committed(
    github_uow: GitHubUnitOfWork,
) -> None:
    # given a unit of work that adds a record to every store and commits
    def fail_after_commit() -> None:
        with github_uow:
            add_one_of_each(github_uow)
            github_uow.commit()
            raise RuntimeError("boom")

    # when it raises before it ends
    with pytest.raises(RuntimeError):
        fail_after_commit()

    # then no store holds anything
    assert counts_of(github_uow) == NOTHING


# -- an ingest on each adapter -----------------------------------------------------------


def test_ingesting_github_activity_twice_reports_everything_unchanged(
    backend: Backend, github_uow: GitHubUnitOfWork
) -> None:
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
    hub = backend.hub()

    # when they are ingested twice
    first = ingest_github(items, github_uow, hub, origin="a.json")
    second = ingest_github(items, github_uow, hub, origin="a.json")

    # then the first run adds them and the second finds every one unchanged
    assert first.counts["github.commit"][Outcome.ADDED] == 3
    assert first.problems == []
    assert {t: dict(c) for t, c in second.counts.items()} == {
        "github.commit": {Outcome.UNCHANGED: 3},
        "github.issue": {Outcome.UNCHANGED: 1},
        "github.pull_request": {Outcome.UNCHANGED: 1},
    }
    with github_uow:
        commit = github_uow.commits.get_many([("o/r", f"{0:040x}")])[("o/r", f"{0:040x}")]
    assert [type(ref) for ref in commit.co_authors] == [GitHubAccountRef, GitAuthorRef]


# -- memory and Django side by side ------------------------------------------------------

REPOS = ["o/a", "o/b"]
SHAS = ["1" * 40, "2" * 40]


def texts() -> st.SearchStrategy[str]:
    # Records reach the stores cleaned of NUL; surrogates are no text at all.
    return st.text(st.characters(exclude_characters="\x00", exclude_categories=["Cs"]), max_size=8)


def moments() -> st.SearchStrategy[datetime | None]:
    zones = st.builds(
        lambda minutes: timezone(timedelta(minutes=minutes)), st.integers(-14 * 60, 14 * 60)
    )
    # Hypothesis takes naive bounds and makes each moment aware in one of the zones.
    earliest = datetime(1970, 1, 2)  # noqa: DTZ001
    latest = datetime(2100, 1, 1)  # noqa: DTZ001
    return st.none() | st.datetimes(min_value=earliest, max_value=latest, timezones=zones)


accounts = st.builds(GitHubAccountRef, st.integers(1, 5))
people: st.SearchStrategy[PersonRef] = accounts | st.builds(GitAuthorRef, st.integers(6, 9))

issues = st.builds(
    Issue,
    repository=st.sampled_from(REPOS),
    number=st.integers(1, 3),
    github_id=st.integers(1, 2**62),
    title=texts(),
    state=st.sampled_from(["", "open", "closed"]),
    author=st.none() | accounts,
    labels=st.lists(st.sampled_from(["a", "b", "ü", "🐛"]), max_size=4).map(tuple),
    assignees=st.lists(accounts, max_size=3).map(tuple),
    body=texts(),
    created_at=moments(),
    closed_at=moments(),
)

commits = st.builds(
    Commit,
    repository=st.sampled_from(REPOS),
    sha=st.sampled_from(SHAS),
    author=st.none() | people,
    committer=st.none() | people,
    co_authors=st.lists(people, max_size=4).map(tuple),
    authored_at=moments(),
    message=texts(),
    parents=st.lists(st.sampled_from(SHAS), max_size=2).map(tuple),
)

ISSUE_KEYS = [(repo, number) for repo in REPOS for number in range(1, 4)]
COMMIT_KEYS = [(repo, sha) for repo in REPOS for sha in SHAS]

batches = st.lists(
    st.tuples(
        st.sampled_from(["add", "update"]),
        st.lists(issues, max_size=4),
        st.lists(commits, max_size=3),
    ),
    min_size=1,
    max_size=5,
)

EXAMPLES: dict[str, int] = {"sqlite": 60, "postgres": 30}


def test_django_stores_agree_with_memory_under_random_batches(django_backend: Backend) -> None:
    @settings(
        max_examples=EXAMPLES[django_backend.name],
        deadline=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
    )
    @given(batches=batches)
    def agree(batches: list[tuple[str, list[Issue], list[Commit]]]) -> None:
        memory, django = MemoryGitHubUnitOfWork(), github_uow_of(django_backend)
        # Neither is committed: each example starts from empty stores.
        with memory, django:
            for action, issue_batch, commit_batch in batches:
                # given the same batch of adds or updates (duplicate keys included) on both
                write = _add if action == "add" else _update
                for uow in (memory, django):
                    write(uow.issues, issue_batch)
                    write(uow.commits, commit_batch)

                # then both hold the same records
                assert django.issues.get_many(ISSUE_KEYS) == memory.issues.get_many(ISSUE_KEYS)
                assert django.commits.get_many(COMMIT_KEYS) == memory.commits.get_many(COMMIT_KEYS)
                assert django.issues.count() == memory.issues.count()

    agree()


def _add(store: RecordStore[Any, Any], records: list[Any]) -> None:
    store.add_many(records)


def _update(store: RecordStore[Any, Any], records: list[Any]) -> None:
    store.update_many(records)


# -- query counts --------------------------------------------------------------------------


def queries(backend: Backend, action: Callable[[], object]) -> int:
    assert backend.alias is not None
    with CaptureQueriesContext(connections[backend.alias]) as captured:
        action()
    return len(captured.captured_queries)


def labelled_issues(n: int, offset: int = 0, version: int = 0) -> list[Issue]:
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
    uow = github_uow_of(django_backend)
    small, large = labelled_issues(5), labelled_issues(300, offset=5)
    small_keys, large_keys = [number_key(i) for i in small], [number_key(i) for i in large]

    def cost(action: Callable[[], object]) -> int:
        return queries(django_backend, action)

    with uow:
        # given batches of 5 and of 300 issues with labels and assignees
        # when each is added, read back, and updated with every label and assignee changed
        add = cost(lambda: uow.issues.add_many(small)), cost(lambda: uow.issues.add_many(large))
        get = (
            cost(lambda: uow.issues.get_many(small_keys)),
            cost(lambda: uow.issues.get_many(large_keys)),
        )
        update = (
            cost(lambda: uow.issues.update_many(labelled_issues(5, version=1))),
            cost(lambda: uow.issues.update_many(labelled_issues(300, offset=5, version=1))),
        )
        stored = uow.issues.get_many(large_keys)

    # then each step costs the same for both: one query per table it touches
    assert add[0] == add[1] == 4  # existing keys, issues, labels, assignees
    assert get[0] == get[1] == 3  # issues, then labels and assignees prefetched
    assert update[0] == update[1] == 6  # keys, issues, delete and insert each child table
    assert list(stored.values()) == labelled_issues(300, offset=5, version=1)


def test_commit_batches_cost_the_same_queries_for_5_and_for_300_commits(
    django_backend: Backend,
) -> None:
    uow = github_uow_of(django_backend)

    def commits(n: int, offset: int = 0, version: int = 0) -> list[Commit]:
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
    small_keys, large_keys = [commit_key(c) for c in small], [commit_key(c) for c in large]
    with uow:
        # given batches of 5 and of 300 commits with co-authors of both kinds
        # when each is added, read back, and updated
        add = cost(lambda: uow.commits.add_many(small)), cost(lambda: uow.commits.add_many(large))
        get = (
            cost(lambda: uow.commits.get_many(small_keys)),
            cost(lambda: uow.commits.get_many(large_keys)),
        )
        update = (
            cost(lambda: uow.commits.update_many(commits(5, version=1))),
            cost(lambda: uow.commits.update_many(commits(300, offset=5, version=1))),
        )

    # then each step costs the same for both
    assert add[0] == add[1] == 3  # existing keys, commits, co-authors
    assert get[0] == get[1] == 2  # commits, co-authors prefetched
    assert update[0] == update[1] == 4  # keys, commits, delete and insert co-authors
