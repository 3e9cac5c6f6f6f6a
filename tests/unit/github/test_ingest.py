"""The GitHub ingest use case on the memory adapters: no database, no Django."""

from collections import Counter
from datetime import UTC, datetime, timedelta

import attrs
from hypothesis import given
from hypothesis import strategies as st

from adapters.memory import MemoryUnitOfWork
from core.identity import IdentityHub
from core.ingest import ingest
from core.protocols import GitAuthorClaim, GitHubAccountClaim, GitHubAccountRef
from core.protocols.events import HubEvent
from core.protocols.ingest import Outcome, SourceProblem
from trackers.github.ingest import COMMITS, GITHUB, ISSUES, PULL_REQUESTS, REPOSITORIES
from trackers.github.records import (
    AccountSeen,
    Commit,
    CommitSeen,
    GitHubSeen,
    Issue,
    IssueComment,
    IssueCommentSeen,
    IssueSeen,
    PullRequest,
    PullRequestSeen,
    Repository,
    RepositorySeen,
    Review,
    ReviewSeen,
)

T0 = datetime(2024, 1, 1, tzinfo=UTC)
SHA = "a" * 40


def account(i: int) -> GitHubAccountClaim:
    return GitHubAccountClaim(github_id=i, login=f"user{i}")


def fresh() -> tuple[MemoryUnitOfWork, IdentityHub]:
    uow = MemoryUnitOfWork()
    return uow, IdentityHub(uow)


def issue(**changes: object) -> IssueSeen:
    values: dict[str, object] = {
        "repository": "boostorg/json",
        "number": 7,
        "github_id": 700,
        "title": "crash",
        "state": "open",
        "author": account(1),
        "labels": ("bug",),
        "assignees": (account(2), account(3)),
        "updated_at": T0,
    }
    values.update(changes)
    return IssueSeen(**values)  # type: ignore[arg-type]


texts = st.text(st.characters(exclude_categories=["Cs"], exclude_characters="\x00"), max_size=10)
items: st.SearchStrategy[GitHubSeen] = st.one_of(
    st.builds(
        RepositorySeen,
        st.sampled_from(["boostorg/json", "BoostOrg/JSON", "cppalliance/x"]),
        owner=st.none() | st.sampled_from([account(9), GitHubAccountClaim(login="boostorg")]),
        description=texts,
    ),
    st.builds(
        CommitSeen,
        st.just("boostorg/json"),
        st.sampled_from(["a" * 40, "b" * 40]),
        author=st.sampled_from([None, GitAuthorClaim("Ann", "ann@x.org"), account(4)]),
        committer=st.sampled_from([None, GitAuthorClaim("GitHub", "noreply@github.com")]),
        co_authors=st.lists(st.sampled_from([account(5), GitAuthorClaim("Bo", "bo@x.org")])).map(
            tuple
        ),
        message=texts,
    ),
    st.builds(
        issue,
        number=st.integers(1, 3),
        title=texts,
        state=st.sampled_from(["open", "closed"]),
        labels=st.none() | st.lists(st.sampled_from(["bug", "docs"]), unique=True).map(tuple),
        assignees=st.none() | st.lists(st.sampled_from([account(2), account(3)])).map(tuple),
        updated_at=st.sampled_from([T0, T0 + timedelta(days=1)]),
    ),
    st.builds(
        PullRequestSeen,
        st.just("boostorg/json"),
        st.integers(4, 5),
        github_id=st.none() | st.just(900),
        title=texts,
        head_sha=st.sampled_from(["", SHA]),
        merged_at=st.none() | st.just(T0),
    ),
    st.builds(
        ReviewSeen,
        st.just("boostorg/json"),
        st.just(4),
        st.integers(1, 3),
        author=st.just(account(6)),
    ),
    st.builds(
        IssueCommentSeen, st.just("boostorg/json"), st.just(7), st.integers(1, 3), body=texts
    ),
)


@given(st.lists(items, max_size=25), st.integers(min_value=1, max_value=8))
def test_ingesting_the_same_input_twice_changes_nothing(
    seen: list[GitHubSeen], batch_size: int
) -> None:
    uow, hub = fresh()
    ingest(GITHUB, seen, uow, hub, origin="page.json", batch_size=batch_size)
    stored = dict(uow.state)
    profiles = hub.count_profiles()

    again = ingest(GITHUB, seen, uow, hub, origin="page.json", batch_size=batch_size)

    assert uow.state == stored
    assert hub.count_profiles() == profiles
    outcomes = sum((Counter(c) for c in again.counts.values()), Counter())
    assert outcomes[Outcome.ADDED] == outcomes[Outcome.UPDATED] == 0


def identity_of(item: GitHubSeen) -> tuple[str, object]:
    match item:
        case Repository():
            return ("repository", item.full_name.lower())
        case Commit():
            return ("commit", item.sha)
        case Issue() | PullRequest():
            return ("number", item.number)
        case Review() | IssueComment():
            return (type(item).__name__, item.github_id)
    return ("other", repr(item))


@given(st.lists(items, max_size=25, unique_by=identity_of), st.integers(1, 8))
def test_input_naming_each_record_once_is_all_unchanged_the_second_time(
    seen: list[GitHubSeen], batch_size: int
) -> None:
    uow, hub = fresh()
    ingest(GITHUB, seen, uow, hub, origin="page.json", batch_size=batch_size)

    again = ingest(GITHUB, seen, uow, hub, origin="page.json", batch_size=batch_size)

    outcomes = sum((Counter(c) for c in again.counts.values()), Counter())
    assert outcomes == Counter({Outcome.UNCHANGED: len(seen)})


@given(st.lists(items, max_size=25))
def test_every_item_is_counted_once_under_its_record_type(seen: list[GitHubSeen]) -> None:
    uow, hub = fresh()

    summary = ingest(GITHUB, seen, uow, hub, origin="page.json", batch_size=4)

    counted = sum(sum(c.values()) for c in summary.counts.values())
    assert counted == len(seen)


def test_an_assignee_removed_upstream_disappears_here_too() -> None:
    uow, hub = fresh()
    ingest(GITHUB, [issue()], uow, hub, origin="a.json")

    ingest(
        GITHUB,
        [issue(assignees=(account(3),), updated_at=T0 + timedelta(hours=1))],
        uow,
        hub,
        origin="b.json",
    )

    stored = uow.records(ISSUES).get_many([("boostorg/json", 7)])[("boostorg/json", 7)]
    assert len(stored.assignees or ()) == 1
    assert stored.assignees == tuple(hub.find_many([account(3)]))


def test_a_sighting_without_assignees_keeps_the_known_ones() -> None:
    uow, hub = fresh()
    ingest(GITHUB, [issue()], uow, hub, origin="a.json")

    ingest(
        GITHUB,
        [issue(assignees=None, labels=None, updated_at=T0 + timedelta(hours=1))],
        uow,
        hub,
        origin="b.json",
    )

    stored = uow.records(ISSUES).get_many([("boostorg/json", 7)])[("boostorg/json", 7)]
    assert len(stored.assignees or ()) == 2
    assert stored.labels == ("bug",)


def test_an_older_sighting_does_not_undo_a_newer_one() -> None:
    uow, hub = fresh()
    ingest(
        GITHUB,
        [issue(state="closed", title="fixed", updated_at=T0 + timedelta(days=2))],
        uow,
        hub,
        origin="a",
    )

    summary = ingest(
        GITHUB, [issue(state="open", title="crash", updated_at=T0)], uow, hub, origin="b"
    )

    stored = uow.records(ISSUES).get_many([("boostorg/json", 7)])[("boostorg/json", 7)]
    assert (stored.state, stored.title) == ("closed", "fixed")
    assert dict(summary.counts["github.issue"]) == {Outcome.UNCHANGED: 1}


def test_a_pull_request_from_the_issues_list_and_from_pulls_merge_into_one() -> None:
    uow, hub = fresh()
    from_issues = PullRequestSeen(
        "boostorg/json", 4, None, "Add x", "open", account(1), ("feature",), ()
    )
    from_pulls = PullRequestSeen(
        "boostorg/json",
        4,
        900,
        "Add x",
        "open",
        account(1),
        None,
        None,
        head_sha=SHA,
        base_sha="b" * 40,
    )

    ingest(GITHUB, [from_issues], uow, hub, origin="issues.json")
    ingest(GITHUB, [from_pulls], uow, hub, origin="pulls.json")

    stored = uow.records(PULL_REQUESTS).get_many([("boostorg/json", 4)])[("boostorg/json", 4)]
    assert (stored.github_id, stored.head_sha, stored.labels) == (900, SHA, ("feature",))


def test_a_github_account_is_not_replaced_by_a_bare_git_identity() -> None:
    uow, hub = fresh()
    via_api = CommitSeen("boostorg/json", SHA, account(4), None)
    via_git = CommitSeen("boostorg/json", SHA, GitAuthorClaim("Ann", "ann@x.org"), None)

    ingest(GITHUB, [via_api], uow, hub, origin="commits.json")
    ingest(GITHUB, [via_git], uow, hub, origin="/repo")

    stored = uow.records(COMMITS).get_many([("boostorg/json", SHA)])[("boostorg/json", SHA)]
    assert isinstance(stored.author, GitHubAccountRef)


def test_repositories_are_one_whatever_the_case_of_their_name() -> None:
    uow, hub = fresh()

    ingest(
        GITHUB,
        [RepositorySeen("BoostOrg/JSON"), RepositorySeen("boostorg/json")],
        uow,
        hub,
        origin="a",
    )

    assert uow.records(REPOSITORIES).count() == 1


def test_a_record_naming_a_refused_person_is_skipped_and_the_rest_stored() -> None:
    uow, hub = fresh()
    bad = issue(number=8, author=GitHubAccountClaim(login="not a login"))

    summary = ingest(GITHUB, [issue(), bad], uow, hub, origin="issues.json")

    assert uow.records(ISSUES).count() == 1
    assert summary.counts["github.issue"][Outcome.SKIPPED] == 1
    [problem] = summary.problems
    assert (problem.path, problem.position) == ("issues.json", "github.issue boostorg/json#8")
    assert "not a GitHub login" in problem.reason


def test_ghost_and_null_users_are_stored_as_nobody() -> None:
    uow, hub = fresh()

    ingest(
        GITHUB,
        [
            issue(
                author=GitHubAccountClaim(github_id=10137, login="ghost"),
                assignees=(GitHubAccountClaim(login="ghost"),),
            ),
            IssueCommentSeen("boostorg/json", 7, 1, author=None),
        ],
        uow,
        hub,
        origin="a",
    )

    stored = uow.records(ISSUES).get_many([("boostorg/json", 7)])[("boostorg/json", 7)]
    assert (stored.author, stored.assignees) == (None, ())
    assert hub.count_profiles() == {}


def test_a_user_response_creates_the_profile_and_no_record() -> None:
    uow, hub = fresh()

    summary = ingest(GITHUB, [AccountSeen(account(12))], uow, hub, origin="user.json")

    assert uow.state == {}
    assert summary.counts == {}
    assert hub.find_many([account(12)])[0] is not None


def test_unreadable_items_are_reported_and_counted_as_skipped() -> None:
    uow, hub = fresh()
    problem = SourceProblem("page.json", "item 3", "not a recognised GitHub record")

    summary = ingest(
        GITHUB, [problem, SourceProblem("x.json", "", "not JSON")], uow, hub, origin="page.json"
    )

    assert summary.counts["github.item"][Outcome.SKIPPED] == 1
    assert len(summary.problems) == 2


def test_a_commit_read_from_git_gets_its_github_account_from_the_api() -> None:
    uow, hub = fresh()
    via_git = CommitSeen("boostorg/json", SHA, GitAuthorClaim("Ann", "ann@x.org"), None)
    via_api = CommitSeen("boostorg/json", SHA, account(4), None)

    ingest(GITHUB, [via_git], uow, hub, origin="/repo")
    ingest(GITHUB, [via_api], uow, hub, origin="commits.json")

    stored = uow.records(COMMITS).get_many([("boostorg/json", SHA)])[("boostorg/json", SHA)]
    assert isinstance(stored.author, GitHubAccountRef)


def test_two_pages_disagreeing_at_the_same_time_settle_after_one_collect() -> None:
    uow, hub = fresh()
    pages = [issue(assignees=()), issue(assignees=(account(2),))]
    ingest(GITHUB, pages, uow, hub, origin="a", batch_size=1)
    settled = dict(uow.state)

    again = ingest(GITHUB, pages, uow, hub, origin="a", batch_size=1)

    assert uow.state == settled
    assert dict(again.counts["github.issue"]) == {Outcome.UNCHANGED: 2}


@given(st.lists(items, max_size=20), st.lists(items, max_size=20))
def test_a_later_ingest_never_removes_a_record_or_empties_a_known_value(
    first: list[GitHubSeen], second: list[GitHubSeen]
) -> None:
    uow, hub = fresh()
    ingest(GITHUB, first, uow, hub, origin="a.json")
    before = dict(uow.state)

    ingest(GITHUB, second, uow, hub, origin="b.json")

    for key, old in before.items():
        new = uow.state[key]
        assert attrs.has(type(old))
        for field in attrs.fields(type(old)):  # type: ignore[arg-type]
            if field.name in ("labels", "assignees"):
                continue  # reconciled with the source by design
            if getattr(old, field.name) not in (None, "", ()):
                assert getattr(new, field.name) not in (None, "", ()), (key, field.name)


def test_collecting_a_history_again_changes_no_profile_of_an_address_under_two_names() -> None:
    # given commits from one address under two spellings of a name, in batches of one
    events: list[HubEvent] = []
    uow = MemoryUnitOfWork()
    hub = IdentityHub(uow, events.append)
    seen: list[GitHubSeen] = [
        CommitSeen("boostorg/json", f"{n:040x}", GitAuthorClaim(name, "ann@x.org"), None)
        for n, name in enumerate(["Ann Smith", "ann smith", "A. Smith"])
    ]
    ingest(GITHUB, seen, uow, hub, origin="/repo", batch_size=1)
    events.clear()

    # when the same history is collected again
    ingest(GITHUB, seen, uow, hub, origin="/repo", batch_size=1)

    # then nothing of the hub changed, so no event was published
    assert events == []
    [ann] = hub.find_many([GitAuthorClaim("Ann Smith", "ann@x.org")])
    assert ann is not None
    snapshot = hub.get(ann)
    assert snapshot is not None and snapshot.record.display_name == "Ann Smith"
