"""What every adapter's unit of work shares: blocks that nest, and work to do after commit.

A block is kept only if it was committed and ended without an exception, and, nested, only if
every block around it is kept too. Callbacks registered with ``on_commit`` (the hub's events)
wait for the outermost block: they run once it has committed, and are dropped with the block
that asked for them if it, or any block around it, rolls back. So no event announces a write
that a failed batch took back, on any adapter.
"""

import signal
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from types import TracebackType
from typing import Self

import attrs

type ExitInfo = tuple[type[BaseException] | None, BaseException | None, TracebackType | None]


@contextmanager
def _interrupts_held() -> Iterator[None]:
    """SIGINT waits until the block ends, then interrupts as usual."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT})


@attrs.define
class _Block:
    committed: bool = False
    rolled_back: bool = False
    callbacks: list[Callable[[], None]] = attrs.field(factory=list)


class BlockUnitOfWork:
    """The nesting and the callbacks; a subclass begins and ends the store's own blocks."""

    def __init__(self) -> None:
        self._blocks: list[_Block] = []

    def _begin(self) -> None:
        raise NotImplementedError

    def _end(self, keep: bool, ended: ExitInfo) -> None:
        """End the innermost block, keeping or undoing its work (``ended``: what ended it, as
        ``__exit__`` was given); may raise if keeping fails."""
        raise NotImplementedError

    def __enter__(self) -> Self:
        self._begin()
        self._blocks.append(_Block())
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        block = self._blocks.pop()
        keep = exc_type is None and block.committed and not block.rolled_back
        if self._blocks or not keep:
            self._end(keep, (exc_type, exc, tb))
            if keep:
                self._blocks[-1].callbacks.extend(block.callbacks)
            return
        # The outermost commit and the work after it are not torn apart by Ctrl-C: what says a
        # batch was stored (its counts) is there exactly when the batch is.
        with _interrupts_held():
            self._end(keep, (exc_type, exc, tb))
            for callback in block.callbacks:
                callback()

    def commit(self) -> None:
        self._blocks[-1].committed = True

    def rollback(self) -> None:
        self._blocks[-1].rolled_back = True

    def on_commit(self, callback: Callable[[], None]) -> None:
        if self._blocks:
            self._blocks[-1].callbacks.append(callback)
        else:
            callback()

    @property
    def in_block(self) -> bool:
        return bool(self._blocks)
