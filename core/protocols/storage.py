"""The storage port every tracker's records share: a store of frozen records by natural key.

A tracker's unit of work exposes one store per record type. Every method is bulk, so an
adapter answers a batch with a number of queries that does not grow with it.
"""

from collections.abc import Collection, Hashable, Sequence
from typing import Protocol


class RecordStore[K: Hashable, R](Protocol):
    def get_many(self, keys: Collection[K]) -> dict[K, R]: ...

    def add_many(self, records: Sequence[R]) -> None: ...

    def update_many(self, records: Sequence[R]) -> None:
        """Write every field of each record to the stored record with its key."""
        ...

    def count(self) -> int: ...
