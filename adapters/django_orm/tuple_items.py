"""The rows of a record's tuple field: labels, co-authors, tags, one value a row, in order.

A tuple field is a child model of the record's model: a foreign key to it whose
``related_name`` is the field's name, and the value's field (``name = models.TextField()``,
``person = ProfileRefField(...)``). ``TupleItem`` gives it the rest, once for every tracker:
``position``, the record's order, the ordering by it, and the constraint that a position
holds one value, ``<app>_<model>_position_unique``. The generic record store reads and writes
every such model alike (``records.py``).
"""

from typing import Any

from django.db import models
from django.db.models.signals import class_prepared


class TupleItem(models.Model):
    """One value of a record's tuple field, at ``position``."""

    position = models.PositiveIntegerField()

    class Meta:
        abstract = True
        ordering = ["position"]

    def __str__(self) -> str:
        return " ".join(str(getattr(self, field.name)) for field in value_fields(type(self)))


def value_fields(model: type[models.Model]) -> list[models.Field[Any, Any]]:
    """The fields of a TupleItem model that hold its value: all but its key, its record and
    its position."""
    return [
        field
        for field in model._meta.concrete_fields
        if not field.primary_key
        and field.name != "position"
        and not isinstance(field, models.ForeignKey)
    ]


def tuple_items_of(model: type[models.Model]) -> list[type[TupleItem]]:
    """The TupleItem models of ``model``'s tuple fields, in the order they are declared."""
    return [
        relation.related_model
        for relation in model._meta.related_objects
        if isinstance(relation.related_model, type)
        and issubclass(relation.related_model, TupleItem)
    ]


def _position_holds_one_value(sender: type[models.Model], **kwargs: object) -> None:
    """Adds the (record, position) constraint to each concrete TupleItem as it is declared.

    Declared in the abstract model's Meta it could not name the foreign key, which each
    model names after its record. It goes into ``original_attrs`` too, where migrations read
    a model's options from."""
    meta = sender._meta
    if not issubclass(sender, TupleItem) or meta.abstract:
        return
    (record,) = [field for field in meta.local_fields if isinstance(field, models.ForeignKey)]
    name = f"{meta.app_label}_{meta.model_name}_position_unique"
    if any(constraint.name == name for constraint in meta.constraints):
        return
    unique = models.UniqueConstraint(fields=[record.name, "position"], name=name)
    meta.constraints = [unique, *meta.constraints]
    meta.original_attrs["constraints"] = meta.constraints


class_prepared.connect(_position_holds_one_value)
