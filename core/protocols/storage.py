"""The storage ports every tracker shares: a store of frozen records by natural key, the
checkpoints of incremental collection, and the unit of work that holds them.

A tracker's records live in one store per record type. Every method is bulk, so an adapter
answers a batch with a number of queries that does not grow with it.
"""

from collections.abc import Collection, Hashable, Mapping, Sequence
from typing import Protocol

import attrs

from core.protocols.trackers import RecordType
from core.protocols.unit_of_work import UnitOfWork


class RecordStore[K: Hashable, R](Protocol):
    def get_many(self, keys: Collection[K]) -> dict[K, R]: ...

    def add_many(self, records: Sequence[R]) -> int:
        """Store the records; a key already stored (by this or a concurrent writer) keeps its
        record, and of one key given twice the first is stored. Returns how many this call
        really inserted."""
        ...

    def update_many(self, records: Sequence[R]) -> None:
        """Write every field of each record to the stored record with its key; a key not
        stored is left out, and of one key given twice the last wins."""
        ...

    def count(self) -> int: ...

    def keys_where(self, values: Mapping[str, object]) -> list[K]:
        """The keys of the stored records whose fields hold ``values`` (field name to
        value): every usage of one project, say."""
        ...

    def keys_referencing(self, profile_ids: Collection[int]) -> list[K]:
        """The keys of the stored records that hold a reference to any of the profiles, in
        any of their person fields."""
        ...


@attrs.frozen
class Checkpoint:
    """What a source had read at ``origin`` (a file, a repository) when its collect completed:
    the fingerprint a later collect compares to tell whether there is anything new."""

    source: str
    origin: str
    fingerprint: str


class CheckpointStore(Protocol):
    def get(self, source: str, origin: str) -> Checkpoint | None: ...

    def save(self, checkpoint: Checkpoint) -> None:
        """Store the checkpoint, replacing the one of the same source and origin."""
        ...


class RecordsUnitOfWork(UnitOfWork, Protocol):
    """A unit of work over the trackers' records and the collection checkpoints."""

    def records[K: Hashable, R](self, record_type: RecordType[R, K]) -> RecordStore[K, R]: ...

    @property
    def checkpoints(self) -> CheckpointStore: ...
