"""The mailing-list tracker's behaviour on every adapter: memory, SQLite, PostgreSQL."""

from datetime import UTC, datetime

import pytest
from django.db import connections
from django.test.utils import CaptureQueriesContext

from adapters.memory.mailing_lists import MemoryMailingListUnitOfWork
from core.identity import IdentityHub
from core.protocols import MailingListSenderClaim, MailingListSenderRef
from core.protocols.ingest import Outcome
from tests.contract.conftest import Backend
from trackers.mailing_lists.ingest import RECORD_TYPE, ingest_messages
from trackers.mailing_lists.ports import MailingListUnitOfWork
from trackers.mailing_lists.records import Message, MessageSeen


@pytest.fixture
def tracker(backend: Backend) -> MailingListUnitOfWork:
    return tracker_of(backend)


def tracker_of(backend: Backend) -> MailingListUnitOfWork:
    if backend.alias is None:
        return MemoryMailingListUnitOfWork()
    from adapters.django_orm.mailing_lists.repository import DjangoMailingListUnitOfWork

    return DjangoMailingListUnitOfWork(backend.alias)


def seen(i: int, sender: MailingListSenderClaim | None = None, **changes: object) -> MessageSeen:
    values: dict[str, object] = {
        "list_name": "boost",
        "message_id": f"{i}@example.com",
        "message_id_hash": f"HASH{i}",
        "subject": f"subject {i}",
        "sent_at": datetime(2024, 1, 1, 12, i % 60, tzinfo=UTC),
        "sender": sender,
        "parent_hash": None if i == 0 else "HASH0",
        "thread_hash": "HASH0",
        "body": f"body {i} ünïcødé",
    }
    values.update(changes)
    return MessageSeen(**values)  # type: ignore[arg-type]


def test_a_stored_message_reads_back_with_every_field(
    tracker: MailingListUnitOfWork,
) -> None:
    message = Message(
        "boost",
        "1@x",
        "H1",
        "Re: [boost] hi",
        datetime(2001, 2, 3, 4, 5, 6, tzinfo=UTC),
        MailingListSenderRef(42),
        "H0",
        "H0",
        "line one\nline two",
    )
    with tracker:
        tracker.messages.add_many([message])
        tracker.commit()

    with tracker:
        assert tracker.messages.get_many([("boost", "1@x"), ("boost", "2@x")]) == {
            ("boost", "1@x"): message
        }
        assert tracker.messages.count() == 1


def test_one_message_id_on_two_lists_is_two_messages(tracker: MailingListUnitOfWork) -> None:
    a = Message("boost", "1@x", "H1", "", None, None, None, "H1", "")
    b = Message("boost-users", "1@x", "H1", "", None, None, None, "H1", "")

    with tracker:
        tracker.messages.add_many([a, b])
        tracker.commit()

    with tracker:
        assert tracker.messages.count() == 2


def test_ingest_stores_messages_with_their_senders_as_profiles(
    backend: Backend, tracker: MailingListUnitOfWork
) -> None:
    hub = backend.hub()
    items = [
        seen(0, MailingListSenderClaim("Ann", "ann@x.org")),
        seen(1),
        seen(2, MailingListSenderClaim("Ann", "ANN@x.org")),
    ]

    summary = ingest_messages(items, tracker, hub, origin="a.mbox")

    assert summary.counts[RECORD_TYPE][Outcome.ADDED] == 3
    with tracker:
        stored = tracker.messages.get_many([("boost", f"{i}@example.com") for i in range(3)])
    assert stored[("boost", "1@example.com")].sender is None
    sender = stored[("boost", "0@example.com")].sender
    assert sender is not None and stored[("boost", "2@example.com")].sender == sender
    snapshot = hub.get(sender)
    assert snapshot is not None and snapshot.primary_email == "ann@x.org"


def test_ingesting_twice_reports_everything_unchanged(
    backend: Backend, tracker: MailingListUnitOfWork
) -> None:
    hub = backend.hub()
    items = [seen(i, MailingListSenderClaim(f"Sender {i % 3}")) for i in range(10)]
    ingest_messages(items, tracker, hub, origin="a.mbox")

    again = ingest_messages(items, tracker, hub, origin="a.mbox")

    assert dict(again.counts[RECORD_TYPE]) == {Outcome.UNCHANGED: 10}


def test_a_message_seen_again_with_more_fills_in_what_was_unknown(
    backend: Backend, tracker: MailingListUnitOfWork
) -> None:
    hub = backend.hub()
    ingest_messages([seen(1, subject="", body="", parent_hash=None)], tracker, hub, origin="a")

    summary = ingest_messages([seen(1, subject="later")], tracker, hub, origin="b")

    assert dict(summary.counts[RECORD_TYPE]) == {Outcome.UPDATED: 1}
    with tracker:
        stored = tracker.messages.get_many([("boost", "1@example.com")])[("boost", "1@example.com")]
    assert (stored.subject, stored.parent_hash) == ("later", "HASH0")


def test_ingesting_a_batch_costs_the_same_queries_for_5_and_for_400_messages(
    django_backend: Backend,
) -> None:
    assert django_backend.alias is not None
    hub: IdentityHub = django_backend.hub()
    tracker = tracker_of(django_backend)

    def cost(items: list[MessageSeen]) -> int:
        with CaptureQueriesContext(connections[django_backend.alias or ""]) as captured:
            ingest_messages(items, tracker, hub, origin="a.mbox")
        return len(captured.captured_queries)

    small = cost([seen(i, MailingListSenderClaim(f"S{i}", f"s{i}@x.org")) for i in range(5)])
    large = cost([seen(i, MailingListSenderClaim(f"S{i}", f"s{i}@x.org")) for i in range(5, 405)])

    assert small == large
