"""A ``RecordStore`` on one Django model: frozen records in and out, every method bulk.

A store is told how to map a record to a row and a row back to a record (two functions), which
columns hold the natural key, and which child tables (labels, assignees, ...) belong to a row.
It behaves like the memory store: ``add_many`` keeps a stored record (and the first of a batch's
duplicates), ``update_many`` ignores keys not stored (and the last duplicate wins), and a
record's child rows become exactly what the record says. Each method costs a fixed number of
queries per chunk of the batch: one per table it touches.
"""

from collections.abc import Callable, Collection, Hashable, Iterable, Sequence
from functools import reduce
from operator import or_
from typing import Any, cast

import attrs
from django.db import models
from django.db.models import Q

from adapters.django_orm.unit_of_work import INSERT_BATCH, UPDATE_BATCH, chunks


@attrs.frozen
class NaturalKey[K: Hashable, R]:
    """A record type's natural key: the port's key function, and the columns that hold it in
    the same order. One column: the key is its value; two: the key is the pair."""

    columns: tuple[str] | tuple[str, str]
    of: Callable[[R], K]

    def from_values(self, values: Sequence[object]) -> K:
        return cast(K, values[0] if len(self.columns) == 1 else tuple(values))

    def matching(self, keys: Collection[K]) -> Q:
        """One condition for all ``keys``: ``IN`` on one column, or for a pair one ``IN`` on
        the second column per distinct first value, OR-ed."""
        if len(self.columns) == 1:
            return Q(**{f"{self.columns[0]}__in": list(keys)})
        first, second = self.columns
        groups: dict[object, list[object]] = {}
        for key in keys:
            group, item = cast(tuple[object, object], key)
            groups.setdefault(group, []).append(item)
        return reduce(
            or_, (Q(**{first: group, f"{second}__in": items}) for group, items in groups.items())
        )


@attrs.frozen
class ChildRows[R]:
    """A child table replaced along with its parent row: the parent model's reverse accessor
    (``related_name``) and the unsaved child rows of a record under its parent's primary key."""

    related_name: str
    rows_of: Callable[[R, int], Sequence[models.Model]]


@attrs.frozen
class _ChildTable[R]:
    rows: ChildRows[R]
    model: type[models.Model]
    parent: str  # the child's foreign key to the parent model


def _child_table[R](parent: type[models.Model], rows: ChildRows[R]) -> _ChildTable[R]:
    relation = parent._meta.get_field(rows.related_name)
    if not isinstance(relation, models.ManyToOneRel) or isinstance(relation.related_model, str):
        raise TypeError(f"{parent.__name__}.{rows.related_name} is not a reverse foreign key")
    return _ChildTable(rows, relation.related_model, relation.field.name)


class DjangoRecordStore[K: Hashable, R, M: models.Model]:
    """The records of one type, as rows of ``model`` (and of its child tables) in the database
    ``using``. ``to_row`` gives an unsaved row without a primary key; ``to_record`` reads a row
    whose child tables are prefetched."""

    def __init__(
        self,
        model: type[M],
        key: NaturalKey[K, R],
        to_record: Callable[[M], R],
        to_row: Callable[[R], M],
        *,
        children: Iterable[ChildRows[R]] = (),
        using: str = "default",
    ) -> None:
        self.model = model
        self.key = key
        self.using = using
        self._to_record = to_record
        self._to_row = to_row
        self._children = [_child_table(model, rows) for rows in children]
        # Every column but the primary key and the natural key, which an update never changes.
        self._fields = [
            field.name
            for field in model._meta.concrete_fields
            if not field.primary_key and field.name not in key.columns
        ]

    def get_many(self, keys: Collection[K]) -> dict[K, R]:
        found: dict[K, R] = {}
        related = [child.rows.related_name for child in self._children]
        for chunk in chunks(keys):
            rows = self._rows().filter(self.key.matching(chunk)).prefetch_related(*related)
            for row in rows:
                found[self._key_of_row(row)] = self._to_record(row)
        return found

    def add_many(self, records: Sequence[R]) -> None:
        first: dict[K, R] = {}
        for record in records:
            first.setdefault(self.key.of(record), record)
        stored = self._pks(first.keys())
        new = [record for key, record in first.items() if key not in stored]
        if not new:
            return
        rows = self._rows().bulk_create(
            [self._to_row(record) for record in new], batch_size=INSERT_BATCH
        )
        self._add_children([(record, row.pk) for record, row in zip(new, rows, strict=True)])

    def update_many(self, records: Sequence[R]) -> None:
        latest = {self.key.of(record): record for record in records}
        stored = self._pks(latest.keys())
        pairs = [(record, stored[key]) for key, record in latest.items() if key in stored]
        if not pairs:
            return
        rows = []
        for record, pk in pairs:
            row = self._to_row(record)
            row.pk = pk
            rows.append(row)
        self._rows().bulk_update(rows, self._fields, batch_size=UPDATE_BATCH)
        for child in self._children:
            for chunk in chunks([pk for _, pk in pairs]):
                child.model._default_manager.using(self.using).filter(
                    **{f"{child.parent}__in": chunk}
                ).delete()
        self._add_children(pairs)

    def count(self) -> int:
        return self._rows().count()

    def _rows(self) -> models.QuerySet[M]:
        return self.model._default_manager.using(self.using)

    def _key_of_row(self, row: M) -> K:
        return self.key.from_values([getattr(row, column) for column in self.key.columns])

    def _pks(self, keys: Collection[K]) -> dict[K, Any]:
        pks: dict[K, Any] = {}
        for chunk in chunks(keys):
            matching = self._rows().filter(self.key.matching(chunk))
            for pk, *values in matching.values_list("pk", *self.key.columns):
                pks[self.key.from_values(values)] = pk
        return pks

    def _add_children(self, pairs: Sequence[tuple[R, Any]]) -> None:
        for child in self._children:
            rows = [row for record, pk in pairs for row in child.rows.rows_of(record, pk)]
            child.model._default_manager.using(self.using).bulk_create(
                rows, batch_size=INSERT_BATCH
            )
