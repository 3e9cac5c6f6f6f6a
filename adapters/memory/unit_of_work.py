"""The unit of work in memory: the hub, every tracker's records and the checkpoints in one
journal, so that a batch's hub writes and its records are kept or undone together, exactly as
one database transaction holds them on Django.
"""

from collections.abc import Hashable
from typing import Any

from adapters.memory.identity import IdentityStore, MemoryIdentityRepository
from adapters.memory.journal import Journal, JournaledMap
from adapters.memory.records import MemoryCheckpointStore, MemoryRecordStore
from adapters.unit_of_work import BlockUnitOfWork, ExitInfo
from core.protocols.trackers import RecordType


class MemoryUnitOfWork(BlockUnitOfWork):
    """Implements core.protocols' IdentityUnitOfWork and RecordsUnitOfWork.

    ``store`` holds the hub's tables, ``state`` every record by ``(record type name, key)``,
    ``checkpoint_rows`` the checkpoints; all undone together unless committed."""

    def __init__(self) -> None:
        super().__init__()
        self.journal = Journal()
        self.store = IdentityStore(self.journal)
        self.state = JournaledMap[tuple[str, Hashable], object](self.journal)
        self.checkpoint_rows = MemoryCheckpointStore.rows(self.journal)
        self.identities = MemoryIdentityRepository(self.store)
        self.checkpoints = MemoryCheckpointStore(self.checkpoint_rows)
        self._stores: dict[str, MemoryRecordStore[Any, Any]] = {}

    def records[K: Hashable, R](self, record_type: RecordType[R, K]) -> MemoryRecordStore[K, R]:
        store = self._stores.get(record_type.name)
        if store is None:
            store = MemoryRecordStore[K, R](self.state, record_type.name, record_type.key_of)
            self._stores[record_type.name] = store
        return store

    def _begin(self) -> None:
        self.journal.begin()

    def _end(self, keep: bool, ended: ExitInfo) -> None:
        self.journal.end(keep)
