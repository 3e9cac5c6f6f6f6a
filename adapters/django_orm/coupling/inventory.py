"""The coupling inventory of a running Django project, read from its app registry.

Every relation a model declares itself (its local fields, many-to-many fields and private
fields such as a ``GenericForeignKey``; so a relation inherited from an abstract base is the
concrete model's, as Django sees it) whose target is a model of another app: foreign keys,
one-to-ones, many-to-manys with their through model, the parent link of multi-table
inheritance, generic relations, and soft references (a field with a ``references`` attribute
naming ``app_label.Model``, as this project's ``ProfileRefField`` does). The imports between
the apps' modules are read from their source files (``imports``).

Django's own apps (``django.*``) are left out unless asked for: what ties a project together
is its own apps; ``admin`` logging against ``auth`` is Django's business.

Run as ``python -m adapters.django_orm.coupling.inventory --settings MODULE [--pythonpath DIR]``
it prints the inventory of another project, as JSON, from inside that project's environment.
"""

import argparse
import json
import os
import sys
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any, cast

import attrs
from django.apps import AppConfig, apps
from django.db import models

from adapters.django_orm.coupling.imports import import_edges
from adapters.django_orm.coupling.relations import (
    ImportEdge,
    Inventory,
    Relation,
    RelationKind,
    sorted_inventory,
)


def project_apps(include_django: bool = False) -> list[AppConfig]:
    return [
        config
        for config in apps.get_app_configs()
        if include_django or not config.name.startswith("django.")
    ]


def runtime_inventory(include_django: bool = False) -> Inventory:
    """The inventory of the project whose settings this process runs with."""
    configs = project_apps(include_django)
    relations = [
        relation
        for config in configs
        for model in config.get_models()
        for relation in relations_of(model)
    ]
    return sorted_inventory(relations, list(_imports(configs)))


def relations_of(model: type[models.Model]) -> Iterable[Relation]:
    """The relations ``model`` declares, to any model."""
    meta = model._meta
    parents = set(meta.parents.values())
    for field in [*meta.local_fields, *meta.local_many_to_many, *meta.private_fields]:
        relation = _relation(model, field, parents)
        if relation is not None:
            yield relation


def _generic_fields() -> tuple[type, ...]:
    """GenericForeignKey and GenericRelation, when contenttypes is installed (importing them
    otherwise fails: they load its model)."""
    if not apps.is_installed("django.contrib.contenttypes"):
        return ()
    from django.contrib.contenttypes.fields import GenericForeignKey, GenericRelation

    return (GenericForeignKey, GenericRelation)


def _relation(model: type[models.Model], field: Any, parents: set[Any]) -> Relation | None:
    meta = model._meta
    base = {"source_app": meta.app_label, "source_model": meta.object_name, "field": field.name}
    generic = _generic_fields()
    if generic and isinstance(field, generic[0]):
        gfk: Any = field
        ct_field: Any = meta.get_field(gfk.ct_field)
        fk_field: Any = meta.get_field(gfk.fk_field)
        return Relation(
            RelationKind.GENERIC,
            target_app="contenttypes",
            target_model="ContentType",
            column=f"{ct_field.column}, {fk_field.column}",
            on_delete=ct_field.remote_field.on_delete.__name__,
            nullable=ct_field.null,
            **base,
        )
    if generic and isinstance(field, generic[1]):
        target = cast(Any, field).related_model._meta
        return Relation(
            RelationKind.GENERIC,
            target_app=target.app_label,
            target_model=target.object_name,
            nullable=True,
            **base,
        )
    if field.many_to_many:
        target = field.related_model._meta
        return Relation(
            RelationKind.MANY_TO_MANY,
            target_app=target.app_label,
            target_model=target.object_name,
            through=field.remote_field.through._meta.label,
            nullable=True,
            **base,
        )
    if field.is_relation and field.concrete and (field.many_to_one or field.one_to_one):
        target = field.related_model._meta
        if field in parents:
            kind = RelationKind.INHERITANCE
        elif field.one_to_one:
            kind = RelationKind.ONE_TO_ONE
        else:
            kind = RelationKind.FOREIGN_KEY
        to_field = field.remote_field.field_name
        return Relation(
            kind,
            target_app=target.app_label,
            target_model=target.object_name,
            column=field.column,
            on_delete=field.remote_field.on_delete.__name__,
            nullable=field.null,
            to_field="" if to_field == target.pk.name else to_field,
            **base,
        )
    references = getattr(field, "references", None)
    if isinstance(references, str) and "." in references:
        target_app, _, target_model = references.partition(".")
        return Relation(
            RelationKind.SOFT_REFERENCE,
            target_app=target_app,
            target_model=target_model,
            column=field.column,
            nullable=field.null,
            **base,
        )
    return None


def _imports(configs: Sequence[AppConfig]) -> Iterable[ImportEdge]:
    by_root: dict[Path, dict[str, str]] = {}
    for config in configs:
        package = Path(config.path)
        root = package
        for _ in config.name.split("."):
            root = root.parent
        by_root.setdefault(root, {})[config.name] = config.label
    for root, named in by_root.items():
        yield from import_edges(root, named)


def as_json(inventory: Inventory) -> dict[str, Any]:
    return {
        "relations": [
            {**attrs.asdict(r), "kind": r.kind.value, "key": r.key, "hard": r.is_hard}
            for r in inventory.relations
        ],
        "imports": [attrs.asdict(i) for i in inventory.imports],
    }


def from_json(data: dict[str, Any]) -> Inventory:
    """An inventory as ``as_json`` wrote it (read back from another project's process)."""
    names = {a.name for a in attrs.fields(Relation)}
    relations = tuple(
        Relation(**{**{k: v for k, v in r.items() if k in names}, "kind": RelationKind(r["kind"])})
        for r in data["relations"]
    )
    return Inventory(relations, tuple(ImportEdge(**i) for i in data["imports"]))


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--settings", required=True, help="the project's settings module")
    parser.add_argument("--pythonpath", default="", help="a folder to import the project from")
    parser.add_argument("--include-django", action="store_true")
    options = parser.parse_args(argv)
    if options.pythonpath:
        sys.path.insert(0, options.pythonpath)
    os.environ["DJANGO_SETTINGS_MODULE"] = options.settings
    import django

    django.setup()
    json.dump(as_json(runtime_inventory(options.include_django)), sys.stdout)


if __name__ == "__main__":
    main()
