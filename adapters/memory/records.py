"""A generic in-memory record store: a view on one table of a unit of work's state."""

from collections.abc import Callable, Collection, Hashable, Sequence


class MemoryRecordStore[K: Hashable, R]:
    """Records of one type, kept in ``rows`` (shared with the unit of work that snapshots it)
    under ``(table, key)``."""

    def __init__(
        self, rows: dict[tuple[str, Hashable], object], table: str, key: Callable[[R], K]
    ) -> None:
        self._rows = rows
        self._table = table
        self._key = key

    def get_many(self, keys: Collection[K]) -> dict[K, R]:
        found: dict[K, R] = {}
        for key in keys:
            if (self._table, key) in self._rows:
                found[key] = self._rows[(self._table, key)]  # type: ignore[assignment]
        return found

    def add_many(self, records: Sequence[R]) -> None:
        for record in records:
            self._rows.setdefault((self._table, self._key(record)), record)

    def update_many(self, records: Sequence[R]) -> None:
        for record in records:
            if (self._table, self._key(record)) in self._rows:
                self._rows[(self._table, self._key(record))] = record

    def count(self) -> int:
        return sum(1 for table, _ in self._rows if table == self._table)
