"""Maps whose writes can be undone, block by block: what the memory adapter stores in.

Each write notes the value its key had before; ending a block without keeping it puts those
values back, newest first. The cost of a block is what it wrote, not what the store holds, so
ingesting a large history in memory stays linear.
"""

from collections.abc import Hashable, ItemsView, Iterator, KeysView, MutableMapping, ValuesView
from typing import Any, overload

_MISSING: Any = object()


class Journal:
    """The undo entries of each open block, innermost last."""

    def __init__(self) -> None:
        self._levels: list[list[tuple[dict[Any, Any], Any, Any]]] = []

    def begin(self) -> None:
        self._levels.append([])

    def end(self, keep: bool) -> None:
        entries = self._levels.pop()
        if keep:
            if self._levels:
                self._levels[-1].extend(entries)
            return
        for data, key, old in reversed(entries):
            if old is _MISSING:
                data.pop(key, None)
            else:
                data[key] = old

    def note(self, data: dict[Any, Any], key: Any) -> None:
        if self._levels:
            self._levels[-1].append((data, key, data.get(key, _MISSING)))


class JournaledMap[K: Hashable, V](MutableMapping[K, V]):
    """A dict whose writes the journal can undo."""

    def __init__(self, journal: Journal) -> None:
        self._journal = journal
        self._data: dict[K, V] = {}

    def __getitem__(self, key: K) -> V:
        return self._data[key]

    def __setitem__(self, key: K, value: V) -> None:
        self._journal.note(self._data, key)
        self._data[key] = value

    def __delitem__(self, key: K) -> None:
        self._journal.note(self._data, key)
        del self._data[key]

    def __contains__(self, key: object) -> bool:
        return key in self._data

    @overload
    def get(self, key: K, default: None = None) -> V | None: ...

    @overload
    def get[T](self, key: K, default: V | T) -> V | T: ...

    def get(self, key: K, default: object = None) -> object:
        return self._data.get(key, default)

    def __iter__(self) -> Iterator[K]:
        return iter(self._data)

    def __len__(self) -> int:
        return len(self._data)

    def __repr__(self) -> str:
        return repr(self._data)

    def keys(self) -> KeysView[K]:
        return self._data.keys()

    def values(self) -> ValuesView[V]:
        return self._data.values()

    def items(self) -> ItemsView[K, V]:
        return self._data.items()
