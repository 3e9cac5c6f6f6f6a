"""The mailing-list tracker's repository and unit of work on the Django ORM."""

from collections.abc import Collection, Sequence
from functools import reduce
from operator import or_

from django.db.models import Q

from adapters.django_orm.mailing_lists.models import MailingListMessage
from adapters.django_orm.unit_of_work import INSERT_BATCH, UPDATE_BATCH, AtomicUnitOfWork, chunks
from core.protocols.refs import MailingListSenderRef
from trackers.mailing_lists.ports import MessageKey
from trackers.mailing_lists.records import Message

FIELDS = [
    "message_id_hash",
    "subject",
    "sent_at",
    "sender_profile_id",
    "parent_hash",
    "thread_hash",
    "body",
]


def _record(row: MailingListMessage) -> Message:
    return Message(
        list_name=row.list_name,
        message_id=row.message_id,
        message_id_hash=row.message_id_hash,
        subject=row.subject,
        sent_at=row.sent_at,
        sender=None
        if row.sender_profile_id is None
        else MailingListSenderRef(row.sender_profile_id),
        parent_hash=row.parent_hash or None,
        thread_hash=row.thread_hash,
        body=row.body,
    )


def _row(message: Message, pk: int | None = None) -> MailingListMessage:
    return MailingListMessage(
        pk=pk,
        list_name=message.list_name,
        message_id=message.message_id,
        message_id_hash=message.message_id_hash,
        subject=message.subject,
        sent_at=message.sent_at,
        sender_profile_id=None if message.sender is None else message.sender.profile_id,
        parent_hash=message.parent_hash or "",
        thread_hash=message.thread_hash,
        body=message.body,
    )


class DjangoMessageRepository:
    def __init__(self, using: str = "default") -> None:
        self.using = using

    def _rows_by_key(self, keys: Collection[MessageKey]) -> dict[MessageKey, MailingListMessage]:
        rows: dict[MessageKey, MailingListMessage] = {}
        for chunk in chunks(keys):
            by_list: dict[str, list[str]] = {}
            for list_name, message_id in chunk:
                by_list.setdefault(list_name, []).append(message_id)
            condition = reduce(
                or_, (Q(list_name=name, message_id__in=ids) for name, ids in by_list.items())
            )
            for row in MailingListMessage.objects.using(self.using).filter(condition):
                rows[(row.list_name, row.message_id)] = row
        return rows

    def get_many(self, keys: Collection[MessageKey]) -> dict[MessageKey, Message]:
        return {key: _record(row) for key, row in self._rows_by_key(keys).items()}

    def add_many(self, messages: Sequence[Message]) -> None:
        MailingListMessage.objects.using(self.using).bulk_create(
            [_row(m) for m in messages], batch_size=INSERT_BATCH
        )

    def update_many(self, messages: Sequence[Message]) -> None:
        if not messages:
            return
        ids = {
            key: row.pk
            for key, row in self._rows_by_key(
                [(m.list_name, m.message_id) for m in messages]
            ).items()
        }
        rows = [_row(m, ids[(m.list_name, m.message_id)]) for m in messages]
        MailingListMessage.objects.using(self.using).bulk_update(
            rows, FIELDS, batch_size=UPDATE_BATCH
        )

    def count(self) -> int:
        return MailingListMessage.objects.using(self.using).count()


class DjangoMailingListUnitOfWork(AtomicUnitOfWork):
    def __init__(self, using: str = "default") -> None:
        super().__init__(using)
        self.messages = DjangoMessageRepository(using)
