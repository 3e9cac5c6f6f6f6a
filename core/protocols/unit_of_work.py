"""The unit of work every store shares: one atomic piece of work, kept only if committed."""

from collections.abc import Callable
from types import TracebackType
from typing import Protocol, Self


class UnitOfWork(Protocol):
    """Changes are kept only if ``commit`` is called before the block exits; an exception or a
    missing commit rolls them back. Each ``with`` block is one unit; a block entered inside
    another nests in it, like a savepoint, and is kept only if the outer one is too."""

    def __enter__(self) -> Self: ...

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None: ...

    def commit(self) -> None: ...

    def rollback(self) -> None: ...

    def on_commit(self, callback: Callable[[], None]) -> None:
        """Call ``callback`` once the outermost block has committed; never, if the block that
        asked, or one around it, rolls back. Outside any block, at once."""
        ...
