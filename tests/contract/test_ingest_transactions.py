"""A batch is one transaction on every adapter: its hub writes and its records commit or roll
back together, and the hub's events are published only for what was committed."""

from collections.abc import Hashable, Sequence
from types import TracebackType
from typing import Any, Self

import pytest

from core.ingest import IngestSummary, ingest
from core.protocols import MailingListSenderClaim
from core.protocols.events import EmailAdded, HubEvent, ProfileCreated
from core.protocols.ingest import Outcome
from core.protocols.storage import CheckpointStore, RecordStore
from core.protocols.trackers import RecordType
from tests.contract.conftest import Backend, UnitOfWork
from trackers.mailing_lists.ingest import MAILING_LISTS, MESSAGES
from trackers.mailing_lists.records import MessageSeen


class DiskFull(Exception):
    pass


class _FailingStore:
    """A store whose ``add_many`` fails when it is given the message ``fail_on``."""

    def __init__(self, store: RecordStore[Any, Any], fail_on: str) -> None:
        self._store = store
        self._fail_on = fail_on

    def get_many(self, keys: Any) -> Any:
        return self._store.get_many(keys)

    def add_many(self, records: Sequence[Any]) -> int:
        added = self._store.add_many(records)
        if any(record.message_id == self._fail_on for record in records):
            raise DiskFull("disk full")
        return added

    def update_many(self, records: Sequence[Any]) -> None:
        self._store.update_many(records)

    def count(self) -> int:
        return self._store.count()

    def keys_where(self, values: Any) -> Any:
        return self._store.keys_where(values)

    def keys_referencing(self, profile_ids: Any) -> Any:
        return self._store.keys_referencing(profile_ids)


class _FailingWork:
    """The backend's own unit of work, whose message store fails on one message."""

    def __init__(self, uow: UnitOfWork, fail_on: str) -> None:
        self._uow = uow
        self._fail_on = fail_on

    def __enter__(self) -> Self:
        self._uow.__enter__()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self._uow.__exit__(exc_type, exc, tb)

    def commit(self) -> None:
        self._uow.commit()

    def rollback(self) -> None:
        self._uow.rollback()

    def on_commit(self, callback: Any) -> None:
        self._uow.on_commit(callback)

    def records[K: Hashable, R](self, record_type: RecordType[R, K]) -> RecordStore[K, R]:
        return _FailingStore(self._uow.records(record_type), self._fail_on)

    @property
    def checkpoints(self) -> CheckpointStore:
        return self._uow.checkpoints


def message(number: int, sender: str) -> MessageSeen:
    return MessageSeen(
        "boost",
        f"{number}@x",
        f"H{number}",
        "hi",
        None,
        MailingListSenderClaim(sender, f"{sender.lower()}@example.com"),
        None,
        f"H{number}",
        "",
    )


def test_a_failed_batch_keeps_neither_its_records_nor_its_people_and_announces_nothing(
    backend: Backend,
) -> None:
    # given a hub and the records in one unit of work, and a store that fails on Bob's message
    uow = backend.make_uow()
    events: list[HubEvent] = []
    hub = backend.hub(events.append, uow=uow)
    failing = _FailingWork(uow, fail_on="2@x")
    summary = IngestSummary()

    # when Ann's message and then Bob's are ingested one batch each
    with pytest.raises(DiskFull):
        ingest(
            MAILING_LISTS,
            [message(1, "Ann"), message(2, "Bob")],
            failing,
            hub,
            origin="a.mbox",
            batch_size=1,
            summary=summary,
        )

    # then Ann's batch is stored and counted, Bob's left neither his message nor his profile
    with uow:
        assert set(uow.records(MESSAGES).get_many([("boost", "1@x"), ("boost", "2@x")])) == {
            ("boost", "1@x")
        }
    assert sum(hub.count_profiles().values()) == 1
    assert summary.counts[MESSAGES.name][Outcome.ADDED] == 1
    # and only Ann's profile and address were announced
    [ann] = hub.find_many([MailingListSenderClaim("Ann", "ann@example.com")])
    assert ann is not None
    assert events == [ProfileCreated(ann, events[0].key), EmailAdded(ann, "ann@example.com")]  # type: ignore[union-attr]
