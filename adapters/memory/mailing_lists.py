"""The mailing-list tracker's store and unit of work, kept in memory."""

from adapters.memory.records import MemoryRecordStore
from adapters.memory.unit_of_work import RowsUnitOfWork
from trackers.mailing_lists.ports import MessageKey, message_key
from trackers.mailing_lists.records import Message


class MemoryMailingListUnitOfWork(RowsUnitOfWork):
    def __init__(self) -> None:
        super().__init__()
        self.messages = MemoryRecordStore[MessageKey, Message](self.state, "message", message_key)
