"""What every Django repository shares: a unit of work on ``transaction.atomic`` and the
chunking that keeps bulk statements under the databases' parameter limits."""

from collections.abc import Collection, Iterator
from types import TracebackType
from typing import Self

from django.db import transaction

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


class AtomicUnitOfWork:
    """A unit of work on ``transaction.atomic``: kept only when committed. Nested inside
    another atomic block it becomes a savepoint, so an ingest can wrap hub calls."""

    def __init__(self, using: str = "default") -> None:
        self.using = using
        self._blocks: list[tuple[transaction.Atomic, bool]] = []

    def __enter__(self) -> Self:
        block = transaction.atomic(using=self.using)
        block.__enter__()
        self._blocks.append((block, False))
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        block, committed = self._blocks.pop()
        if exc_type is None and not committed:
            transaction.set_rollback(True, using=self.using)
        block.__exit__(exc_type, exc, tb)

    def commit(self) -> None:
        block, _ = self._blocks[-1]
        self._blocks[-1] = (block, True)

    def rollback(self) -> None:
        transaction.set_rollback(True, using=self.using)
