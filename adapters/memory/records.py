"""Generic in-memory stores: a view on one table of the unit of work's journaled maps."""

from collections.abc import Callable, Collection, Hashable, Mapping, Sequence
from typing import cast

from adapters.memory.journal import Journal, JournaledMap
from core.ingest.people import people_in
from core.protocols.storage import Checkpoint


class MemoryRecordStore[K: Hashable, R]:
    """Records of one type, kept in ``rows`` (shared by every store of the unit of work)
    under ``(table, key)``."""

    def __init__(
        self, rows: JournaledMap[tuple[str, Hashable], object], table: str, key: Callable[[R], K]
    ) -> None:
        self._rows = rows
        self._table = table
        self._key = key

    def get_many(self, keys: Collection[K]) -> dict[K, R]:
        rows, table = self._rows, self._table
        return {key: cast(R, rows[(table, key)]) for key in keys if (table, key) in rows}

    def add_many(self, records: Sequence[R]) -> int:
        added = 0
        for record in records:
            slot = (self._table, self._key(record))
            if slot not in self._rows:
                self._rows[slot] = record
                added += 1
        return added

    def update_many(self, records: Sequence[R]) -> None:
        for record in records:
            slot = (self._table, self._key(record))
            if slot in self._rows:
                self._rows[slot] = record

    def count(self) -> int:
        return sum(1 for table, _ in self._rows if table == self._table)

    def keys_where(self, values: Mapping[str, object]) -> list[K]:
        return [
            cast(K, key)
            for (table, key), record in self._rows.items()
            if table == self._table
            and all(getattr(record, name) == value for name, value in values.items())
        ]

    def keys_referencing(self, profile_ids: Collection[int]) -> list[K]:
        wanted = set(profile_ids)
        return [
            cast(K, key)
            for (table, key), record in self._rows.items()
            if table == self._table and any(ref.profile_id in wanted for ref in people_in(record))
        ]


class MemoryCheckpointStore:
    def __init__(self, rows: JournaledMap[tuple[str, str], Checkpoint]) -> None:
        self._rows = rows

    @staticmethod
    def rows(journal: Journal) -> JournaledMap[tuple[str, str], Checkpoint]:
        return JournaledMap[tuple[str, str], Checkpoint](journal)

    def get(self, source: str, origin: str) -> Checkpoint | None:
        return self._rows.get((source, origin))

    def save(self, checkpoint: Checkpoint) -> None:
        self._rows[(checkpoint.source, checkpoint.origin)] = checkpoint
