"""The mailing-list tracker's store and unit of work, and its records' natural key."""

from typing import Protocol

from core.protocols.storage import RecordStore
from core.protocols.unit_of_work import UnitOfWork
from trackers.mailing_lists.records import Message

type MessageKey = tuple[str, str]  # (list_name, message_id)


def message_key(record: Message) -> MessageKey:
    return (record.list_name, record.message_id)


class MailingListUnitOfWork(UnitOfWork, Protocol):
    @property
    def messages(self) -> RecordStore[MessageKey, Message]: ...
