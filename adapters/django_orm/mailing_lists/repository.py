"""The mailing-list tracker's store and unit of work on the Django ORM."""

from adapters.django_orm.mailing_lists.models import MailingListMessage
from adapters.django_orm.records import DjangoRecordStore, NaturalKey
from adapters.django_orm.unit_of_work import AtomicUnitOfWork
from core.protocols.refs import MailingListSenderRef
from trackers.mailing_lists.ports import MessageKey, message_key
from trackers.mailing_lists.records import Message


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


def _row(message: Message) -> MailingListMessage:
    return MailingListMessage(
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


class DjangoMessageRepository(DjangoRecordStore[MessageKey, Message, MailingListMessage]):
    def __init__(self, using: str = "default") -> None:
        key = NaturalKey[MessageKey, Message](("list_name", "message_id"), message_key)
        super().__init__(MailingListMessage, key, _record, _row, using=using)


class DjangoMailingListUnitOfWork(AtomicUnitOfWork):
    def __init__(self, using: str = "default") -> None:
        super().__init__(using)
        self.messages = DjangoMessageRepository(using)
