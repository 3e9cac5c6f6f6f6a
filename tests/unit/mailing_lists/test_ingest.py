"""The mailing-list ingest use case on the memory adapters: no database, no Django."""

from collections import Counter

from hypothesis import given
from hypothesis import strategies as st

from adapters.memory import MemoryUnitOfWork
from core.identity import IdentityHub
from core.ingest import ingest
from core.protocols import MailingListSenderClaim
from core.protocols.ingest import Outcome, SourceProblem
from tests.unit.mailing_lists.strategies import messages
from trackers.mailing_lists.ingest import MAILING_LISTS, MESSAGES
from trackers.mailing_lists.records import MessageSeen

batches = st.lists(messages(), max_size=20)


def fresh() -> tuple[MemoryUnitOfWork, IdentityHub]:
    uow = MemoryUnitOfWork()
    return uow, IdentityHub(uow)


@given(batches, st.integers(min_value=1, max_value=7))
def test_ingesting_the_same_input_twice_changes_nothing(
    items: list[MessageSeen], batch_size: int
) -> None:
    uow, hub = fresh()
    ingest(MAILING_LISTS, items, uow, hub, origin="a.mbox", batch_size=batch_size)
    stored = dict(uow.state)
    profiles = hub.count_profiles()

    again = ingest(MAILING_LISTS, items, uow, hub, origin="a.mbox", batch_size=batch_size)

    assert uow.state == stored
    assert hub.count_profiles() == profiles
    counts = again.counts.get(MESSAGES.name, Counter())
    assert counts.get(Outcome.ADDED, 0) == counts.get(Outcome.UPDATED, 0) == 0
    assert counts.get(Outcome.UNCHANGED, 0) == len(items)


@given(batches, batches)
def test_a_later_ingest_never_loses_or_changes_a_known_value(
    first: list[MessageSeen], second: list[MessageSeen]
) -> None:
    uow, hub = fresh()
    ingest(MAILING_LISTS, first, uow, hub, origin="a.mbox")
    before = dict(uow.state)

    ingest(MAILING_LISTS, second, uow, hub, origin="b.mbox")

    for key, old in before.items():
        new = uow.state[key]
        for field in ("subject", "sent_at", "sender", "parent_hash", "body"):
            if getattr(old, field):
                assert getattr(new, field) == getattr(old, field)


@given(batches)
def test_every_read_message_is_counted_once(items: list[MessageSeen]) -> None:
    uow, hub = fresh()

    summary = ingest(MAILING_LISTS, items, uow, hub, origin="a.mbox", batch_size=3)

    counts = summary.counts.get(MESSAGES.name, Counter())
    assert sum(counts.values()) == len(items)
    assert counts.get(Outcome.ADDED, 0) == len(uow.state)


def test_a_sender_the_hub_refuses_skips_that_message_only() -> None:
    # given a batch where one sender's name is too long to be a profile
    good = MessageSeen(
        "boost", "1@x", "H1", "hi", None, MailingListSenderClaim("Ann"), None, "H1", ""
    )
    bad = MessageSeen(
        "boost", "2@x", "H2", "hi", None, MailingListSenderClaim("x" * 300), None, "H1", ""
    )
    uow, hub = fresh()

    # when it is ingested
    summary = ingest(MAILING_LISTS, [good, bad], uow, hub, origin="a.mbox")

    # then the good message is stored and the bad one reported with where and why
    assert list(uow.state) == [("mailing_lists.message", ("boost", "1@x"))]
    assert summary.counts[MESSAGES.name][Outcome.SKIPPED] == 1
    assert summary.problems == [
        SourceProblem("a.mbox", "message <2@x>", summary.problems[0].reason)
    ]
    assert "more than 255" in summary.problems[0].reason


def test_problems_from_the_reader_are_reported_and_counted_as_skipped() -> None:
    uow, hub = fresh()
    problems = [
        SourceProblem("a.mbox", "message 3 (byte 812)", "no headers"),
        SourceProblem("b.mbox", "", "not an mbox file"),
    ]

    summary = ingest(MAILING_LISTS, problems, uow, hub, origin="a.mbox")

    assert summary.problems == problems
    # A whole-file problem skips no record: only the one at a position counts.
    assert summary.counts[MESSAGES.name][Outcome.SKIPPED] == 1


def test_a_message_seen_twice_in_one_batch_is_stored_once_with_what_both_knew() -> None:
    bare = MessageSeen("boost", "1@x", "H1", "", None, None, None, "H1", "")
    full = MessageSeen(
        "boost", "1@x", "H1", "Re: hi", None, MailingListSenderClaim("Ann"), "H0", "H0", "body"
    )
    uow, hub = fresh()

    ingest(MAILING_LISTS, [bare, full], uow, hub, origin="a.mbox")

    stored = uow.records(MESSAGES).get_many([("boost", "1@x")])[("boost", "1@x")]
    assert (stored.subject, stored.parent_hash, stored.body) == ("Re: hi", "H0", "body")
    assert stored.sender is not None
    assert sum(hub.count_profiles().values()) == 1
