"""What is the mailing-list tracker's own, on every adapter: memory, SQLite, PostgreSQL. What
its message store does as every record store does is in test_record_stores.py."""

from datetime import UTC, datetime

from django.db import connections
from django.test.utils import CaptureQueriesContext

from core.identity import IdentityHub
from core.ingest import ingest
from core.protocols import MailingListSenderClaim, MailingListSenderRef
from core.protocols.ingest import Outcome
from tests.contract.conftest import Backend
from trackers.mailing_lists.ingest import MAILING_LISTS, MESSAGES
from trackers.mailing_lists.records import Message, MessageSeen


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


def test_one_message_id_on_two_lists_is_two_messages(backend: Backend) -> None:
    uow = backend.make_uow()
    a: Message[MailingListSenderRef] = Message("boost", "1@x", "H1", "", None, None, None, "H1", "")
    b: Message[MailingListSenderRef] = Message(
        "boost-users", "1@x", "H1", "", None, None, None, "H1", ""
    )

    with uow:
        uow.records(MESSAGES).add_many([a, b])
        uow.commit()

    with uow:
        assert uow.records(MESSAGES).count() == 2


def test_ingest_stores_messages_with_their_senders_as_profiles(backend: Backend) -> None:
    uow = backend.make_uow()
    hub = backend.hub(uow=uow)
    items = [
        seen(0, MailingListSenderClaim("Ann", "ann@x.org")),
        seen(1),
        seen(2, MailingListSenderClaim("Ann", "ANN@x.org")),
    ]

    summary = ingest(MAILING_LISTS, items, uow, hub, origin="a.mbox")

    assert summary.counts[MESSAGES.name][Outcome.ADDED] == 3
    with uow:
        stored = uow.records(MESSAGES).get_many([("boost", f"{i}@example.com") for i in range(3)])
    assert stored[("boost", "1@example.com")].sender is None
    sender = stored[("boost", "0@example.com")].sender
    assert sender is not None and stored[("boost", "2@example.com")].sender == sender
    snapshot = hub.get(sender)
    assert snapshot is not None and snapshot.primary_email == "ann@x.org"


def test_ingesting_twice_reports_everything_unchanged(backend: Backend) -> None:
    uow = backend.make_uow()
    hub = backend.hub(uow=uow)
    items = [seen(i, MailingListSenderClaim(f"Sender {i % 3}")) for i in range(10)]
    ingest(MAILING_LISTS, items, uow, hub, origin="a.mbox")

    again = ingest(MAILING_LISTS, items, uow, hub, origin="a.mbox")

    assert dict(again.counts[MESSAGES.name]) == {Outcome.UNCHANGED: 10}


def test_a_message_seen_again_with_more_fills_in_what_was_unknown(backend: Backend) -> None:
    uow = backend.make_uow()
    hub = backend.hub(uow=uow)
    ingest(MAILING_LISTS, [seen(1, subject="", body="", parent_hash=None)], uow, hub, origin="a")

    summary = ingest(MAILING_LISTS, [seen(1, subject="later")], uow, hub, origin="b")

    assert dict(summary.counts[MESSAGES.name]) == {Outcome.UPDATED: 1}
    with uow:
        stored = uow.records(MESSAGES).get_many([("boost", "1@example.com")])[
            ("boost", "1@example.com")
        ]
    assert (stored.subject, stored.parent_hash) == ("later", "HASH0")


def test_ingesting_a_batch_costs_the_same_queries_for_5_and_for_400_messages(
    django_backend: Backend,
) -> None:
    assert django_backend.alias is not None
    alias = django_backend.alias
    uow = django_backend.make_uow()
    hub: IdentityHub = django_backend.hub(uow=uow)

    def cost(items: list[MessageSeen]) -> int:
        with CaptureQueriesContext(connections[alias]) as captured:
            ingest(MAILING_LISTS, items, uow, hub, origin="a.mbox")
        return len(captured.captured_queries)

    small = cost([seen(i, MailingListSenderClaim(f"S{i}", f"s{i}@x.org")) for i in range(5)])
    large = cost([seen(i, MailingListSenderClaim(f"S{i}", f"s{i}@x.org")) for i in range(5, 405)])

    assert small == large
