"""The unit of work every store shares: one atomic piece of work, kept only if committed."""

from types import TracebackType
from typing import Protocol, Self


class UnitOfWork(Protocol):
    """Changes are kept only if ``commit`` is called before the block exits; an exception or a
    missing commit rolls them back. Each ``with`` block is one unit; nested blocks nest."""

    def __enter__(self) -> Self: ...

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None: ...

    def commit(self) -> None: ...

    def rollback(self) -> None: ...
