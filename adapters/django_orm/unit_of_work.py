"""The unit of work on the Django ORM: one ``transaction.atomic`` block per unit, over the hub,
every tracker's records and the checkpoints of one database.

A batch's hub writes and its records share the transaction, so they commit or roll back
together; the hub's own blocks nest inside it as savepoints, and its events wait for the
outermost commit (adapters.unit_of_work). Bulk statements are chunked to stay under the
databases' parameter limits.
"""

from collections.abc import Collection, Hashable, Iterator
from typing import TYPE_CHECKING, Any

from django.db import OperationalError, transaction

from adapters.unit_of_work import BlockUnitOfWork, ExitInfo
from core.protocols.trackers import RecordType

if TYPE_CHECKING:
    from adapters.django_orm.hub.repository import DjangoIdentityRepository
    from adapters.django_orm.main.checkpoints import DjangoCheckpointStore
    from adapters.django_orm.records import DjangoRecordStore

# SQLite allows 32766 parameters per statement. Keys per lookup, rows per INSERT, and rows
# per UPDATE (which takes two parameters per field per row) stay below it; trackers ingest in
# batches smaller than any of these, so a batch is one statement of each.
CHUNK = 2000
INSERT_BATCH = 1000
UPDATE_BATCH = 500


def chunks[T](items: Collection[T], size: int = CHUNK) -> Iterator[list[T]]:
    as_list = list(items)
    for start in range(0, len(as_list), size):
        yield as_list[start : start + size]


class AtomicUnitOfWork(BlockUnitOfWork):
    """Blocks on ``transaction.atomic``: the outermost is a transaction, the others savepoints."""

    def __init__(self, using: str = "default") -> None:
        super().__init__()
        self.using = using
        self._atomics: list[transaction.Atomic] = []

    def _begin(self) -> None:
        block = transaction.atomic(using=self.using)
        block.__enter__()
        self._atomics.append(block)

    def _end(self, keep: bool, ended: ExitInfo) -> None:
        block = self._atomics.pop()
        if ended[0] is None and not keep:
            transaction.set_rollback(True, using=self.using)
        block.__exit__(*ended)


class DjangoUnitOfWork(AtomicUnitOfWork):
    """Implements core.protocols' IdentityUnitOfWork and RecordsUnitOfWork on one database.

    The hub's repository and the checkpoints are built on first use, so that a tracker's app
    runs with only itself installed (its subset-schema lane)."""

    def __init__(self, using: str = "default") -> None:
        super().__init__(using)
        self._identities: DjangoIdentityRepository | None = None
        self._checkpoints: DjangoCheckpointStore | None = None
        self._stores: dict[str, DjangoRecordStore[Any, Any]] = {}

    @property
    def identities(self) -> "DjangoIdentityRepository":
        if self._identities is None:
            from adapters.django_orm.hub.repository import DjangoIdentityRepository

            self._identities = DjangoIdentityRepository(self.using)
        return self._identities

    @property
    def checkpoints(self) -> "DjangoCheckpointStore":
        if self._checkpoints is None:
            from adapters.django_orm.main.checkpoints import DjangoCheckpointStore

            self._checkpoints = DjangoCheckpointStore(self.using)
        return self._checkpoints

    def records[K: Hashable, R](self, record_type: RecordType[R, K]) -> "DjangoRecordStore[K, R]":
        store = self._stores.get(record_type.name)
        if store is None:
            from adapters.django_orm.records import DjangoRecordStore
            from adapters.django_orm.trackers import model_for

            store = DjangoRecordStore[K, R](model_for(record_type), record_type, self.using)
            self._stores[record_type.name] = store
        return store


# PostgreSQL's serialization_failure and deadlock_detected: the transaction lost a race and
# may simply be run again.
_RETRYABLE_STATES = frozenset({"40001", "40P01"})


def retryable(error: BaseException) -> bool:
    """Whether a failed transaction lost a race with another writer, and may be run again."""
    if not isinstance(error, OperationalError):
        return False
    cause = error.__cause__
    state = getattr(cause, "sqlstate", None) or getattr(
        getattr(cause, "diag", None), "sqlstate", None
    )
    if state in _RETRYABLE_STATES:
        return True
    return "database is locked" in str(error)
