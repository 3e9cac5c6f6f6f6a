"""A ``RecordStore`` on one Django model, mapped to its record type by field name.

A tracker's model declares the record type it stores (``record_type``) and a field for each of
the record's fields, of the same name: a column, or, for a tuple, the reverse relation of a
child table (labels, assignees, co-authors) whose rows hold one value each in ``position``
order. A ``ProfileRefField`` maps to a typed ref (with its kind column, for a field holding
several kinds), a ``WordsField`` to a tuple of words, any other field to its own value; so rows
and records map onto each other with no code per field.

It behaves like the memory store: ``add_many`` keeps a stored record (and the first of a
batch's duplicates) and tells how many it really inserted, ``update_many`` ignores keys not
stored (and the last duplicate wins), and a record's child rows become exactly what the record
says. Each method costs a fixed number of queries per chunk of the batch: one per table it
touches.

Rows are read with ``values_list`` and written with one ``INSERT ... ON CONFLICT DO NOTHING
RETURNING`` per chunk, never through model instances: a large history inserts hundreds of
thousands of rows, and the ORM's per-row machinery would cost more than the data. A row that a
concurrent collect inserted first is left as it is, and not counted as added.
"""

import collections.abc
from collections.abc import Callable, Collection, Hashable, Iterable, Sequence
from typing import Any, cast

import attrs
from django.db import connections, models
from django.db.models import Q

from adapters.django_orm.fields import GitHubRepositoryRefField, ProfileRefField, WordsField
from adapters.django_orm.queries import pairs_matching
from adapters.django_orm.unit_of_work import CHUNK, UPDATE_BATCH, chunks
from core.protocols.refs import ProfileKind, ref_of
from core.protocols.trackers import RecordType

# Rows per INSERT: SQLite takes at most 32766 parameters in one statement.
_PARAMETERS = 30_000


@attrs.frozen
class _Value:
    """How one value of a record sits in the columns of a row: their attribute names, the
    values to write for it, and the value read back from them."""

    columns: tuple[str, ...]
    to_db: Callable[[Any], tuple[Any, ...]]
    from_db: Callable[[tuple[Any, ...]], Any]


def _value(field: models.Field[Any, Any], connection: Any) -> _Value:
    if isinstance(field, ProfileRefField):
        return _ref_value(field)
    if isinstance(field, GitHubRepositoryRefField):
        return _Value(
            (field.attname,),
            lambda ref: ("" if ref is None else ref.key,),
            lambda row: row[0],  # already a ref: the field's from_db_value made it one
        )
    if isinstance(field, WordsField):
        return _Value((field.attname,), lambda words: (" ".join(words),), lambda row: row[0])
    if isinstance(field, models.DateTimeField):
        adapt = connection.ops.adapt_datetimefield_value
        return _Value((field.attname,), lambda moment: (adapt(moment),), lambda row: row[0])
    if type(field) in _AS_THEY_ARE:
        return _Value((field.attname,), lambda value: (value,), lambda row: row[0])
    return _Value(
        (field.attname,),
        lambda value: (field.get_db_prep_save(value, connection),),
        lambda row: row[0],
    )


# Fields whose Python values the drivers take as they are.
_AS_THEY_ARE = frozenset(
    {
        models.CharField,
        models.TextField,
        models.IntegerField,
        models.BigIntegerField,
        models.PositiveIntegerField,
        models.BooleanField,
    }
)


def _ref_value(field: ProfileRefField) -> _Value:
    if not field.kind_field:
        kind = field.ref_types[0].kind

        def one_kind(row: tuple[Any, ...]) -> Any:
            return None if row[0] is None else ref_of(kind, row[0])

        return _Value(
            (field.attname,), lambda ref: (None if ref is None else ref.profile_id,), one_kind
        )

    def with_kind(ref: Any) -> tuple[Any, ...]:
        return (None, "") if ref is None else (ref.profile_id, ref.kind.value)

    def of_kind(row: tuple[Any, ...]) -> Any:
        return None if row[0] is None else ref_of(ProfileKind(row[1]), row[0])

    kind_column = cast(
        models.Field[Any, Any], field.model._meta.get_field(field.kind_field)
    ).attname
    return _Value((field.attname, kind_column), with_kind, of_kind)


def _companions(model: type[models.Model]) -> set[str]:
    return {
        field.kind_field
        for field in model._meta.concrete_fields
        if isinstance(field, ProfileRefField) and field.kind_field
    }


@attrs.frozen
class _ChildTable:
    """A tuple field of the record, held in rows of ``model`` under ``parent`` (the foreign
    key's column), one ``value`` per row, in ``position`` order."""

    name: str
    model: type[models.Model]
    parent: str
    value: _Value
    holds_people: bool


@attrs.frozen
class Mapping:
    """How a model's rows hold a record type's records."""

    values: tuple[tuple[str, _Value], ...]  # record field -> its columns of the row
    children: tuple[_ChildTable, ...]
    updated: tuple[str, ...]  # model fields an update writes: all but the key and the pk

    @property
    def columns(self) -> tuple[str, ...]:
        return tuple(column for _, value in self.values for column in value.columns)


def mapping_of(
    model: type[models.Model], record_type: RecordType[Any, Any], using: str = "default"
) -> Mapping:
    """The mapping, or a ValueError naming each field that does not match."""
    connection = connections[using]
    values: list[tuple[str, _Value]] = []
    children: list[_ChildTable] = []
    problems: list[str] = []
    for name in (field.name for field in attrs.fields(record_type.record)):
        try:
            field = model._meta.get_field(name)
        except Exception:
            problems.append(f"no field {name!r} for {record_type.record.__name__}.{name}")
            continue
        if isinstance(field, models.ManyToOneRel):
            try:
                children.append(_child_table(field, name, connection))
            except ValueError as error:
                problems.append(str(error))
        elif isinstance(field, models.Field) and field.concrete:
            values.append((name, _value(field, connection)))
        else:
            problems.append(f"{name!r} is neither a column nor a child table")
    if not any(
        isinstance(constraint, models.UniqueConstraint)
        and tuple(constraint.fields) == record_type.key
        and constraint.condition is None
        for constraint in model._meta.constraints
    ):
        problems.append(f"no unique constraint on its natural key {record_type.key}")
    mapped = {name for name, _ in values} | _companions(model)
    for field in model._meta.concrete_fields:
        if not field.primary_key and field.name not in mapped:
            problems.append(
                f"column {field.name!r} holds no field of {record_type.record.__name__}"
            )
    if problems:
        raise ValueError(
            f"{model.__name__} does not store {record_type.name}: {'; '.join(problems)}"
        )
    updated = tuple(
        field.name
        for field in model._meta.concrete_fields
        if not field.primary_key and field.name not in record_type.key
    )
    return Mapping(tuple(values), tuple(children), updated)


def _child_table(relation: models.ManyToOneRel, name: str, connection: Any) -> _ChildTable:
    child = relation.related_model
    parent = relation.field
    values = [
        field
        for field in child._meta.concrete_fields
        if not field.primary_key
        and field.name not in (parent.name, "position")
        and field.name not in _companions(child)
    ]
    if len(values) != 1:
        names = [field.name for field in values]
        raise ValueError(f"{child.__name__} should hold one value per row, not {names}")
    value = values[0]
    return _ChildTable(
        name, child, parent.attname, _value(value, connection), isinstance(value, ProfileRefField)
    )


class DjangoRecordStore[K: Hashable, R]:
    """The records of ``record_type``, as rows of ``model`` and of its child tables, in the
    database ``using``."""

    def __init__(
        self, model: type[models.Model], record_type: RecordType[R, K], using: str = "default"
    ) -> None:
        self.model = model
        self.record_type = record_type
        self.using = using
        self.mapping = mapping_of(model, record_type, using)
        self._key_columns = tuple(
            cast(models.Field[Any, Any], model._meta.get_field(name)).attname
            for name in record_type.key
        )
        self._person_columns = tuple(
            field.attname
            for field in model._meta.concrete_fields
            if isinstance(field, ProfileRefField)
        )

    def get_many(self, keys: Collection[K]) -> dict[K, R]:
        wanted = set(keys)
        found: dict[K, R] = {}
        for chunk in chunks(wanted):
            rows = (
                self._rows().filter(self._matching(chunk)).values_list("pk", *self.mapping.columns)
            )
            records: dict[Any, dict[str, Any]] = {}
            for pk, *columns in rows:
                values: dict[str, Any] = {}
                at = 0
                for name, value in self.mapping.values:
                    width = len(value.columns)
                    values[name] = value.from_db(tuple(columns[at : at + width]))
                    at += width
                records[pk] = values
            for child in self.mapping.children:
                for values in records.values():
                    values[child.name] = []
                items = (
                    child.model._default_manager.using(self.using)
                    .filter(**{f"{child.parent}__in": list(records)})
                    .order_by(child.parent, "position")
                    .values_list(child.parent, *child.value.columns)
                )
                for parent, *columns in items:
                    records[parent][child.name].append(child.value.from_db(tuple(columns)))
            for values in records.values():
                for child in self.mapping.children:
                    values[child.name] = tuple(values[child.name])
                record = self.record_type.record(**values)
                key = self.record_type.key_of(record)
                if key in wanted:
                    found[key] = record
        return found

    def add_many(self, records: Sequence[R]) -> int:
        first: dict[K, R] = {}
        for record in records:
            first.setdefault(self.record_type.key_of(record), record)
        stored = self._pks(first.keys())
        # In key order: two collects of the same history then wait for each other's rows
        # instead of deadlocking.
        new = sorted(
            ((key, record) for key, record in first.items() if key not in stored),
            key=lambda pair: cast(Any, pair[0]),
        )
        if not new:
            return 0
        inserted = self._insert(new)
        self._add_children([(record, inserted[key]) for key, record in new if key in inserted])
        return len(inserted)

    def update_many(self, records: Sequence[R]) -> None:
        latest = {self.record_type.key_of(record): record for record in records}
        stored = self._pks(latest.keys())
        pairs = sorted(
            ((record, stored[key]) for key, record in latest.items() if key in stored),
            key=lambda pair: cast(Any, pair[1]),
        )
        if not pairs:
            return
        rows = []
        for record, pk in pairs:
            row = self.model(pk=pk)
            for name, _ in self.mapping.values:
                setattr(row, name, getattr(record, name))  # a ref sets its id and its kind
            rows.append(row)
        if self.mapping.updated:  # a record of its key alone has nothing but children to write
            self._rows().bulk_update(rows, self.mapping.updated, batch_size=UPDATE_BATCH)
        for child in self.mapping.children:
            for chunk in chunks([pk for _, pk in pairs]):
                child.model._default_manager.using(self.using).filter(
                    **{f"{child.parent}__in": chunk}
                ).delete()
        self._add_children(pairs)

    def count(self) -> int:
        return self._rows().count()

    def keys_where(self, values: collections.abc.Mapping[str, object]) -> list[K]:
        by_name = dict(self.mapping.values)
        condition: dict[str, Any] = {}
        for name, value in values.items():
            field = self.model._meta.get_field(name)
            if isinstance(field, ProfileRefField):  # an id column, and a kind column beside
                columns = by_name[name].columns
                condition.update(zip(columns, by_name[name].to_db(value), strict=True))
            elif value is None and isinstance(field, GitHubRepositoryRefField):
                condition[name] = ""  # no reference is an empty text, not NULL
            else:  # the field turns the value into its column's, as in any filter
                condition[name] = value
        return self._keys_of(self._rows().filter(**condition))

    def keys_referencing(self, profile_ids: Collection[int]) -> list[K]:
        pks: set[Any] = set()
        for chunk in chunks(set(profile_ids)):
            for column in self._person_columns:
                pks.update(
                    self._rows().filter(**{f"{column}__in": chunk}).values_list("pk", flat=True)
                )
            for child in self.mapping.children:
                if child.holds_people:
                    items = child.model._default_manager.using(self.using)
                    pks.update(
                        items.filter(**{f"{child.value.columns[0]}__in": chunk}).values_list(
                            child.parent, flat=True
                        )
                    )
        return [
            key for chunk in chunks(pks) for key in self._keys_of(self._rows().filter(pk__in=chunk))
        ]

    def _keys_of(self, rows: models.QuerySet[models.Model]) -> list[K]:
        by_name = dict(self.mapping.values)
        keys = [by_name[name] for name in self.record_type.key]
        found: list[K] = []
        for row in rows.values_list(*(c for k in keys for c in k.columns)):
            parts: list[Any] = []
            at = 0
            for key in keys:
                parts.append(key.from_db(tuple(row[at : at + len(key.columns)])))
                at += len(key.columns)
            found.append(cast(K, parts[0] if len(parts) == 1 else tuple(parts)))
        return found

    def _rows(self) -> models.QuerySet[models.Model]:
        return self.model._default_manager.using(self.using)

    def _row(self, record: R) -> tuple[Any, ...]:
        return tuple(
            db_value
            for name, value in self.mapping.values
            for db_value in value.to_db(getattr(record, name))
        )

    def _insert(self, new: Sequence[tuple[K, R]]) -> dict[K, Any]:
        """Insert the rows of ``new``; the primary key of each row really inserted, by key."""
        meta = self.model._meta
        columns = self.mapping.columns
        returned = (meta.pk.attname, *self._key_columns)
        pks: dict[K, Any] = {}
        width = len(columns)
        per_statement = max(1, _PARAMETERS // width)
        connection = connections[self.using]
        quote = connection.ops.quote_name
        head = f"INSERT INTO {quote(meta.db_table)} ({', '.join(map(quote, columns))}) VALUES "
        tail = f" ON CONFLICT DO NOTHING RETURNING {', '.join(map(quote, returned))}"
        placeholders = "(" + ", ".join(["%s"] * width) + ")"
        with connection.cursor() as cursor:
            for start in range(0, len(new), per_statement):
                part = new[start : start + per_statement]
                parameters = [db_value for _, record in part for db_value in self._row(record)]
                cursor.execute(head + ", ".join([placeholders] * len(part)) + tail, parameters)
                for pk, *key in cursor.fetchall():
                    pks[cast(K, key[0] if len(key) == 1 else tuple(key))] = pk
        return pks

    def _matching(self, keys: Collection[K]) -> Q:
        """Rows whose key may be among ``keys``: ``IN`` on a one-column key; for a longer key,
        per distinct first value, ``IN`` on the second (callers keep the exact matches)."""
        columns = self.record_type.key
        if len(columns) == 1:
            return Q(**{f"{columns[0]}__in": list(keys)})
        pairs = (cast(tuple[object, ...], key)[:2] for key in keys)
        return pairs_matching(columns[0], columns[1], cast(Iterable[tuple[object, object]], pairs))

    def _pks(self, keys: Collection[K]) -> dict[K, Any]:
        wanted = set(keys)
        pks: dict[K, Any] = {}
        for chunk in chunks(wanted):
            matching = self._rows().filter(self._matching(chunk))
            for pk, *values in matching.values_list("pk", *self._key_columns):
                key = cast(K, values[0] if len(values) == 1 else tuple(values))
                if key in wanted:
                    pks[key] = pk
        return pks

    def _add_children(self, pairs: Sequence[tuple[R, Any]]) -> None:
        connection = connections[self.using]
        quote = connection.ops.quote_name
        for child in self.mapping.children:
            rows = [
                (pk, position, *child.value.to_db(value))
                for record, pk in pairs
                for position, value in enumerate(getattr(record, child.name))
            ]
            if not rows:
                continue
            columns = (child.parent, "position", *child.value.columns)
            sql = (
                f"INSERT INTO {quote(child.model._meta.db_table)} "
                f"({', '.join(map(quote, columns))}) VALUES ({', '.join(['%s'] * len(columns))})"
            )
            with connection.cursor() as cursor:
                for chunk in chunks(rows, CHUNK):
                    cursor.executemany(sql, chunk)
