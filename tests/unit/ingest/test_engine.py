"""The kit's engine on the memory adapter: merge rules, retries, declarations."""

from collections.abc import Hashable, Sequence
from datetime import UTC, datetime, timedelta
from typing import Any

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from adapters.memory import MemoryUnitOfWork
from core.identity import IdentityHub
from core.ingest import ingest
from core.ingest.engine import ATTEMPTS
from core.ingest.merging import merged
from core.protocols import GitAuthorRef, GitHubAccountRef, MailingListSenderClaim, ProfileKind
from core.protocols.ingest import Outcome
from core.protocols.storage import RecordStore
from core.protocols.trackers import FillGaps, FirstWriteWins, NewerWins, RecordType, Tracker
from trackers.github.records import Commit, Issue
from trackers.mailing_lists.ingest import MAILING_LISTS, MESSAGES
from trackers.mailing_lists.records import Message, MessageSeen

T0 = datetime(2024, 1, 1, tzinfo=UTC)
titles = st.sampled_from(["", "crash", "fixed"])
moments = st.none() | st.sampled_from([T0, T0 + timedelta(days=1)])


def issue(title: str, updated_at: datetime | None, body: str = "") -> Issue[GitHubAccountRef]:
    return Issue("o/r", 1, 1, title=title, body=body, updated_at=updated_at)


@given(titles, moments, titles, moments)
def test_first_write_wins_never_changes_a_stored_record(
    old: str, old_at: datetime | None, new: str, new_at: datetime | None
) -> None:
    stored = issue(old, old_at)
    assert merged(FirstWriteWins(), stored, issue(new, new_at)) is stored


@given(titles, titles, titles, titles)
def test_filling_gaps_keeps_every_known_value_and_fills_only_the_unknown(
    old_title: str, old_body: str, new_title: str, new_body: str
) -> None:
    result = merged(FillGaps(), issue(old_title, None, old_body), issue(new_title, None, new_body))

    assert result.title == (old_title or new_title)
    assert result.body == (old_body or new_body)


@given(titles, moments, titles, moments)
def test_a_strictly_newer_sighting_replaces_known_values_and_never_erases_them(
    old: str, old_at: datetime | None, new: str, new_at: datetime | None
) -> None:
    result = merged(NewerWins(), issue(old, old_at), issue(new, new_at))

    newer = new_at is not None and (old_at is None or new_at > old_at)
    if not new:
        assert result.title == old  # a value not given never erases one
    elif newer or not old:
        assert result.title == new
    else:
        assert result.title == old


def test_a_preferred_kind_of_person_replaces_another_and_is_never_replaced_by_it() -> None:
    rule = FillGaps(prefer=(ProfileKind.GITHUB, ProfileKind.GIT_AUTHOR))
    by_git: Commit[GitAuthorRef | GitHubAccountRef] = Commit("o/r", "a" * 40, GitAuthorRef(1))
    by_account: Commit[GitAuthorRef | GitHubAccountRef] = Commit(
        "o/r", "a" * 40, GitHubAccountRef(2)
    )

    assert merged(rule, by_git, by_account).author == GitHubAccountRef(2)
    assert merged(rule, by_account, by_git).author == GitHubAccountRef(2)


def test_a_tracker_names_its_record_types_after_itself() -> None:
    with pytest.raises(ValueError, match="'message' is not named lists"):
        Tracker(
            "lists",
            (RecordType("message", Message, ("list_name",), FillGaps(), "{r}"),),
            unreadable="lists.message",
        )


def message(number: int) -> MessageSeen:
    return MessageSeen(
        "boost",
        f"{number}@x",
        f"H{number}",
        "hi",
        None,
        MailingListSenderClaim("Ann"),
        None,
        f"H{number}",
        "",
    )


class Lost(Exception):
    """A transaction that lost a race with another writer."""


class _Losing:
    """The memory unit of work, whose message store loses ``times`` races on its first
    writes."""

    def __init__(self, uow: MemoryUnitOfWork, times: int) -> None:
        self.uow, self.times = uow, times

    def __getattr__(self, name: str) -> Any:
        return getattr(self.uow, name)

    def __enter__(self) -> "_Losing":
        self.uow.__enter__()
        return self

    def __exit__(self, *exit: Any) -> None:
        self.uow.__exit__(*exit)

    def records[K: Hashable, R](self, record_type: RecordType[R, K]) -> RecordStore[K, R]:
        store = self.uow.records(record_type)
        losing = self

        class Store:
            def get_many(self, keys: Any) -> Any:
                return store.get_many(keys)

            def add_many(self, records: Sequence[Any]) -> int:
                added = store.add_many(records)
                if losing.times:
                    losing.times -= 1
                    raise Lost("deadlock detected")
                return added

            def update_many(self, records: Sequence[Any]) -> None:
                store.update_many(records)

            def count(self) -> int:
                return store.count()

            def keys_where(self, values: Any) -> Any:
                return store.keys_where(values)

            def keys_referencing(self, profile_ids: Any) -> Any:
                return store.keys_referencing(profile_ids)

        return Store()


def test_a_batch_that_loses_a_race_is_tried_again_and_counted_once() -> None:
    uow = MemoryUnitOfWork()
    losing = _Losing(uow, times=2)

    summary = ingest(
        MAILING_LISTS,
        [message(1), message(2)],
        losing,
        IdentityHub(uow),
        origin="a",
        retryable=lambda error: isinstance(error, Lost),
    )

    assert dict(summary.counts[MESSAGES.name]) == {Outcome.ADDED: 2}
    assert uow.records(MESSAGES).count() == 2


def test_a_batch_that_keeps_losing_fails_after_a_bounded_number_of_attempts() -> None:
    uow = MemoryUnitOfWork()
    losing = _Losing(uow, times=ATTEMPTS)

    with pytest.raises(Lost):
        ingest(
            MAILING_LISTS,
            [message(1)],
            losing,
            IdentityHub(uow),
            origin="a",
            retryable=lambda error: isinstance(error, Lost),
        )

    assert uow.records(MESSAGES).count() == 0
    assert sum(IdentityHub(uow).count_profiles().values()) == 0


def test_an_error_not_worth_retrying_is_raised_at_once() -> None:
    uow = MemoryUnitOfWork()
    losing = _Losing(uow, times=1)

    with pytest.raises(Lost):
        ingest(MAILING_LISTS, [message(1)], losing, IdentityHub(uow), origin="a")

    assert losing.times == 0


def test_an_item_no_record_type_takes_is_a_programming_error() -> None:
    uow = MemoryUnitOfWork()

    with pytest.raises(TypeError, match="no record type of this tracker takes a Issue"):
        ingest(MAILING_LISTS, [attrs.evolve(Issue("o/r", 1, 1))], uow, IdentityHub(uow), origin="a")


def test_an_older_sighting_never_fills_back_a_list_a_newer_one_emptied() -> None:
    # given an issue whose newer sighting said it has no labels any more
    stored: Issue[GitHubAccountRef] = Issue(
        "o/r", 1, 1, labels=(), updated_at=T0 + timedelta(days=1)
    )
    older: Issue[GitHubAccountRef] = Issue("o/r", 1, 1, labels=("bug",), updated_at=T0)

    # then the older sighting's labels do not come back: "none" is a value, not a gap
    assert merged(NewerWins(), stored, older) is stored


def test_an_empty_tuple_that_cannot_be_none_is_a_gap_to_fill() -> None:
    # given a commit read from git with no co-authors, and the same from the API with one
    from_git: Commit[GitAuthorRef | GitHubAccountRef] = Commit("o/r", "a" * 40)
    from_api: Commit[GitAuthorRef | GitHubAccountRef] = Commit(
        "o/r", "a" * 40, co_authors=(GitHubAccountRef(1),)
    )

    # then the co-author fills the gap
    assert merged(FillGaps(), from_git, from_api).co_authors == (GitHubAccountRef(1),)


def test_a_sighting_that_did_not_say_the_labels_never_empties_them_within_one_batch() -> None:
    # given, in one batch, a newer sighting that did not say the labels, then an older one that did
    from trackers.github.ingest import GITHUB, ISSUES
    from trackers.github.records import IssueSeen

    uow = MemoryUnitOfWork()
    newer = IssueSeen("o/r", 1, 1, labels=None, updated_at=T0 + timedelta(days=1))
    older = IssueSeen("o/r", 1, 1, labels=("bug",), updated_at=T0)

    # when both are collected together
    ingest(GITHUB, [newer, older], uow, IdentityHub(uow), origin="a")

    # then the labels the older one said are kept: "not said" is no value
    (stored,) = uow.records(ISSUES).get_many([("o/r", 1)]).values()
    assert stored.labels == ("bug",)
    assert stored.updated_at == T0 + timedelta(days=1)
