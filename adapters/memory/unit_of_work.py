"""Units of work over in-memory state: snapshot on entry, put back unless committed."""

import copy
from collections.abc import Hashable
from types import TracebackType
from typing import Self


class SnapshotUnitOfWork[S]:
    """Keeps changes only when committed; entered again while open, it nests like a
    savepoint. A subclass says how to take a snapshot of its state and how to put one back;
    the state is changed in place, so repositories holding it see every change."""

    def __init__(self) -> None:
        self._snapshots: list[tuple[S, bool]] = []

    def _take(self) -> S:
        raise NotImplementedError

    def _put(self, snapshot: S) -> None:
        raise NotImplementedError

    def __enter__(self) -> Self:
        self._snapshots.append((self._take(), False))
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        snapshot, committed = self._snapshots.pop()
        if exc_type is not None or not committed:
            self._put(snapshot)

    def commit(self) -> None:
        snapshot, _ = self._snapshots[-1]
        self._snapshots[-1] = (snapshot, True)

    def rollback(self) -> None:
        self._put(self._snapshots[-1][0])


type Rows = dict[tuple[str, Hashable], object]


class RowsUnitOfWork(SnapshotUnitOfWork[Rows]):
    """A tracker's records, all in one dict keyed by (table, natural key). Records are
    frozen, so a shallow copy is a snapshot."""

    def __init__(self) -> None:
        super().__init__()
        self.state: Rows = {}

    def _take(self) -> Rows:
        return copy.copy(self.state)

    def _put(self, snapshot: Rows) -> None:
        self.state.clear()
        self.state.update(snapshot)
