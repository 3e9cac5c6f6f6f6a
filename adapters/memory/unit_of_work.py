"""A unit of work over plain in-memory state: snapshot on entry, restore unless committed."""

import copy
from types import TracebackType
from typing import Self


class SnapshotUnitOfWork[K, V]:
    """Keeps changes only when committed. ``state`` is mutated in place, so repositories
    holding it see every change; entered again while open, it nests like a savepoint.
    Values must be immutable (frozen records): a snapshot is a shallow copy."""

    def __init__(self, state: dict[K, V]) -> None:
        self.state = state
        self._snapshots: list[tuple[dict[K, V], bool]] = []

    def __enter__(self) -> Self:
        self._snapshots.append((copy.copy(self.state), False))
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        snapshot, committed = self._snapshots.pop()
        if exc_type is not None or not committed:
            self._restore(snapshot)

    def commit(self) -> None:
        snapshot, _ = self._snapshots[-1]
        self._snapshots[-1] = (snapshot, True)

    def rollback(self) -> None:
        self._restore(self._snapshots[-1][0])

    def _restore(self, snapshot: dict[K, V]) -> None:
        self.state.clear()
        self.state.update(snapshot)
