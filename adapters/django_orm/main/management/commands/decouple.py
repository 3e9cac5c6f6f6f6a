"""``trackerhub decouple APP.Model.field``: write the migration that turns a foreign key (or
one-to-one) to another app's model into a soft reference, ready to review."""

import inspect
from pathlib import Path
from typing import Any

from django.apps import apps
from django.core.exceptions import FieldDoesNotExist
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import models
from django.db.migrations import Migration
from django.db.migrations.autodetector import MigrationAutodetector
from django.db.migrations.loader import MigrationLoader
from django.db.migrations.state import ProjectState
from django.db.migrations.writer import MigrationWriter

from adapters.django_orm.coupling.operations import SoftenForeignKey

# The plain field of each auto-incremented primary key's type; any other key keeps its class.
FieldType = type[models.Field[Any, Any]]
PLAIN: dict[FieldType, FieldType] = {
    models.AutoField: models.IntegerField,
    models.BigAutoField: models.BigIntegerField,
    models.SmallAutoField: models.SmallIntegerField,
}
# Options of the relation the soft field keeps, so that only the constraint changes.
KEPT = ("null", "blank", "verbose_name", "help_text", "db_comment", "editable")
# Options of the target key that make its column's type.
TYPED = ("max_length", "max_digits", "decimal_places")


class Command(BaseCommand):
    help = (
        "Write a migration turning the foreign key or one-to-one APP.Model.field, to a model of"
        " another app, into a soft reference: the same column and values, no constraint."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("field", help="the relation, as APP.Model.field")
        parser.add_argument("--name", help="the migration's name (after its number)")
        parser.add_argument(
            "--dry-run", action="store_true", help="print the migration instead of writing it"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        app_label, model_name, field_name = _parse(options["field"])
        relation = _relation(app_label, model_name, field_name)
        loader = MigrationLoader(None, ignore_no_migrations=True)
        leaf = _leaf(loader, app_label)
        state = loader.project_state(leaf, at_end=True)
        migrated = _migrated_relation(state, relation)
        soft_field = soft_field_for(migrated)
        operation = SoftenForeignKey(
            relation.model._meta.object_name or model_name, relation.name, soft_field
        )
        number = (MigrationAutodetector.parse_number(leaf[1]) or 0) + 1
        name = f"{number:04d}_{options['name'] or operation.migration_name_fragment}"
        # A class of its own, as a migration file declares one: its lists are class variables.
        migration = type(
            "Migration",
            (Migration,),
            {
                "dependencies": [leaf, _target_migration(loader, relation)],
                "operations": [operation],
            },
        )(name, app_label)
        writer = MigrationWriter(migration, include_header=False)
        line = field_line(relation.name, soft_field)
        where = inspect.getsourcefile(relation.model) or f"{app_label}'s models.py"
        then = (
            f"then change {relation.model._meta.label}.{relation.name} in {where} to:\n"
            f"    {line}\n"
            "and `trackerhub makemigrations --check` reports no changes.\n"
        )
        if options["dry_run"]:
            self.stdout.write(f"# {writer.path} (not written)\n{writer.as_string()}")
            self.stdout.write(then, ending="")
            return
        path = Path(writer.path)
        if path.exists():
            raise CommandError(f"{path} exists already; pass another --name")
        path.write_text(writer.as_string())
        self.stdout.write(f"wrote {path}\n{then}", ending="")


def _parse(dotted: str) -> tuple[str, str, str]:
    parts = dotted.split(".")
    if len(parts) != 3 or not all(parts):
        raise CommandError(f"name the relation as APP.Model.field, not {dotted!r}")
    return parts[0], parts[1], parts[2]


def _relation(app_label: str, model_name: str, field_name: str) -> models.ForeignKey[Any, Any]:
    try:
        config = apps.get_app_config(app_label)
    except LookupError:
        raise CommandError(f"no installed app is labelled {app_label!r}") from None
    try:
        model = config.get_model(model_name)
    except LookupError:
        raise CommandError(f"app {app_label!r} has no model {model_name!r}") from None
    label = f"{app_label}.{model._meta.object_name}.{field_name}"
    try:
        field = model._meta.get_field(field_name)
    except FieldDoesNotExist:
        raise CommandError(
            f"{app_label}.{model._meta.object_name} has no field {field_name!r}"
        ) from None
    if field.many_to_many:
        raise CommandError(
            f"{label} is a many-to-many: its rows live in a join table, which a soft reference"
            " does not replace; make the join table a model of its own first"
        )
    if not isinstance(field, models.ForeignKey) or not field.concrete:
        raise CommandError(f"{label} is not a foreign key or one-to-one")
    if field.remote_field.parent_link:
        raise CommandError(f"{label} is the parent link of a multi-table inheritance")
    target = field.related_model
    assert isinstance(target, type)  # resolved: the app registry is ready
    if target._meta.app_label == app_label:
        raise CommandError(
            f"{label} points at {target._meta.label}, a model of the same app: nothing to decouple"
        )
    return field


def _leaf(loader: MigrationLoader, app_label: str) -> tuple[str, str]:
    leaves = loader.graph.leaf_nodes(app_label)
    if not leaves:
        raise CommandError(f"app {app_label!r} has no migrations; run makemigrations first")
    if len(leaves) > 1:
        names = ", ".join(name for _, name in leaves)
        raise CommandError(f"app {app_label!r} has several latest migrations ({names}); merge them")
    return (leaves[0][0], leaves[0][1])


def _migrated_relation(state: ProjectState, relation: models.ForeignKey[Any, Any]) -> Any:
    """The relation as the app's migrations hold it, bound to a model of their state."""
    label = f"{relation.model._meta.label}.{relation.name}"
    try:
        model = state.apps.get_model(relation.model._meta.label)
        field = model._meta.get_field(relation.name)
    except (LookupError, FieldDoesNotExist):
        field = None
    if not isinstance(field, models.ForeignKey):
        raise CommandError(
            f"{label} is no foreign key in the app's migrations; run makemigrations first"
        )
    return field


def soft_field_for(relation: Any) -> models.Field[Any, Any]:
    """A plain field on the relation's column, of the type of the target's key (followed
    through parent links: a child's key is its parent's), keeping its index or uniqueness."""
    key: models.Field[Any, Any] = relation.target_field
    while key.is_relation:
        key = key.target_field  # type: ignore[attr-defined]
    key_type: FieldType = type(key)
    kind = PLAIN.get(key_type, key_type)
    kwargs: dict[str, Any] = {
        option: value
        for option, value in key.deconstruct()[3].items()
        if option in TYPED and kind is key_type
    }
    kwargs.update({k: v for k, v in relation.deconstruct()[3].items() if k in KEPT})
    kwargs["db_column"] = relation.column
    if relation.primary_key:
        # As Django's own key fields in migrations: a key is not serialised with its row.
        kwargs.update(primary_key=True, serialize=False)
    elif relation.unique:
        kwargs["unique"] = True
    elif relation.db_index:
        kwargs["db_index"] = True
    return kind(**kwargs)


def field_line(name: str, field: models.Field[Any, Any]) -> str:
    """The field as models.py declares it: Django marks a primary key unserialised itself."""
    _, _, args, kwargs = field.deconstruct()
    if kwargs.get("primary_key"):
        kwargs.pop("serialize", None)
    declared = type(field)(*args, **kwargs)
    code, _ = MigrationWriter.serialize(declared)
    return f"{name} = {code}"


def _target_migration(loader: MigrationLoader, relation: Any) -> tuple[str, str]:
    """The target app's first migration after which its model exists: what restoring the
    relation needs, and no more (a later one would tie the apps' migrations tighter)."""
    target = relation.related_model._meta
    leaves = loader.graph.leaf_nodes(target.app_label)
    if not leaves:  # an app without migrations: its tables come from syncdb
        return (target.app_label, "__first__")
    for app_label, name in loader.graph.forwards_plan(leaves[0]):
        if app_label != target.app_label:
            continue
        state = loader.project_state((app_label, name), at_end=True)
        if (target.app_label, target.model_name) in state.models:
            return (app_label, name)
    return (leaves[0][0], leaves[0][1])
