"""``trackerhub orphans``: the tracker references to profiles the hub does not hold.

A tracker keeps a soft reference to a hub profile (``ProfileRefField``), never a foreign key, so
a profile deleted from the hub leaves its references behind. This scan finds them in bulk: for
every reference column of every installed tracker (a record's own columns and its tuple
fields' child tables), one query reads the distinct ids with their row counts; the ids of all
columns are then looked up in the hub's profile table at once, in chunks.

``fix`` empties each orphan reference it can: a nullable column is set to NULL (and its kind
column to ""), a tuple field's child row is deleted (the record keeps its other values); a
column that cannot be NULL is reported as not fixable. Each model is fixed in one transaction.
"""

from collections.abc import Iterable, Iterator
from typing import Any

import attrs
from django.apps import apps
from django.db import models, transaction
from django.db.models import Count

from adapters.django_orm.fields import ProfileRefField
from adapters.django_orm.trackers import tracker_apps
from adapters.django_orm.tuple_items import TupleItem

HUB_APP = "adapters.django_orm.hub"
NO_HUB = "the identity hub is not installed: no profiles to check references against"
CHUNK = 2000  # ids in one ``IN (...)``: below every backend's limit on query parameters
EXAMPLES = 5  # missing ids shown per column

SET_NULL = "set to null"
DELETED = "deleted"
NOT_FIXABLE = "not fixable"


@attrs.frozen
class RefColumn:
    """One reference column: ``field`` of ``model``, an app of tracker ``tracker``."""

    tracker: str
    model: type[models.Model]
    field: ProfileRefField

    @property
    def name(self) -> str:
        return f"{self.tracker}.{self.model._meta.model_name}.{self.field.name}"

    @property
    def is_child(self) -> bool:
        return issubclass(self.model, TupleItem)

    @property
    def action(self) -> str:
        """What ``fix`` does to an orphan reference of this column."""
        if self.is_child:
            return DELETED
        return SET_NULL if self.field.null else NOT_FIXABLE


@attrs.frozen
class Orphans:
    """The orphan references of one column: ``rows`` rows naming ``ids`` missing profiles."""

    column: RefColumn
    rows: int
    ids: tuple[int, ...]

    def as_json(self) -> dict[str, Any]:
        return {
            "rows": self.rows,
            "missing_profiles": len(self.ids),
            "examples": list(self.ids[:EXAMPLES]),
            "fix": self.column.action,
        }


def hub_installed() -> bool:
    return apps.is_installed(HUB_APP)


def ref_columns() -> list[RefColumn]:
    """Every reference column of the installed trackers, in a stable order."""
    found = [
        RefColumn(config.label, model, field)
        for config in tracker_apps()
        for model in config.get_models()
        for field in model._meta.concrete_fields
        if isinstance(field, ProfileRefField)
    ]
    return sorted(found, key=lambda column: column.name)


def _chunks(ids: list[int]) -> Iterator[list[int]]:
    for start in range(0, len(ids), CHUNK):
        yield ids[start : start + CHUNK]


def _existing(ids: Iterable[int], using: str) -> set[int]:
    profile = apps.get_model("hub", "Profile")
    manager = profile._default_manager.using(using)
    found: set[int] = set()
    for chunk in _chunks(sorted(ids)):
        found.update(manager.filter(pk__in=chunk).values_list("pk", flat=True))
    return found


def scan(using: str = "default") -> list[Orphans]:
    """The orphan references of every column that has any. Raises ``LookupError`` when the hub
    is not installed, and ``DatabaseError`` when the database cannot be read."""
    if not hub_installed():
        raise LookupError(NO_HUB)
    counted: list[tuple[RefColumn, dict[int, int]]] = []
    for column in ref_columns():
        attname = column.field.attname
        rows = (
            column.model._default_manager.using(using)
            .filter(**{f"{attname}__isnull": False})
            .values_list(attname)
            .annotate(n=Count("*"))
            .order_by()
        )
        counted.append((column, dict(rows)))
    every = {profile_id for _, counts in counted for profile_id in counts}
    existing = _existing(every, using)
    found: list[Orphans] = []
    for column, counts in counted:
        missing = tuple(sorted(set(counts) - existing))
        if missing:
            found.append(Orphans(column, sum(counts[i] for i in missing), missing))
    return found


def fix(found: list[Orphans], using: str = "default") -> dict[str, tuple[str, int]]:
    """Empties the orphan references ``found`` holds, one transaction per model: what was done
    to each column, and to how many rows (0 for a column that is not fixable)."""
    by_model: dict[type[models.Model], list[Orphans]] = {}
    for orphans in found:
        by_model.setdefault(orphans.column.model, []).append(orphans)
    done: dict[str, tuple[str, int]] = {}
    for model, columns in by_model.items():
        manager = model._default_manager.using(using)
        with transaction.atomic(using=using):
            for orphans in columns:
                column = orphans.column
                field = column.field
                n = 0
                for chunk in _chunks(list(orphans.ids)):
                    rows = manager.filter(**{f"{field.attname}__in": chunk})
                    if column.action == DELETED:
                        n += rows.delete()[0]
                    elif column.action == SET_NULL:
                        values: dict[str, Any] = {field.name: None}
                        if field.kind_field:
                            values[field.kind_field] = ""
                        n += rows.update(**values)
                done[column.name] = (column.action, n)
    return done


def report(found: list[Orphans], fixed: dict[str, tuple[str, int]] | None) -> dict[str, Any]:
    """What ``trackerhub orphans --json`` prints."""
    result: dict[str, Any] = {
        "orphans": {orphans.column.name: orphans.as_json() for orphans in found},
        "total": sum(orphans.rows for orphans in found),
    }
    if fixed is not None:
        result["fixed"] = {
            name: {"action": action, "rows": n} for name, (action, n) in fixed.items()
        }
    return result


def orphan_count(using: str = "default") -> int:
    """How many tracker rows reference a profile the hub does not hold (0 without a hub)."""
    if not hub_installed():
        return 0
    return sum(orphans.rows for orphans in scan(using))
