"""``SoftenForeignKey``: the migration operation that turns a foreign key (or one-to-one) into a
soft reference, a plain column of the same name, type and values with no constraint.

Forwards, it is the schema editor's ``alter_field`` from the relation to the plain field: on
PostgreSQL Django drops the foreign key constraint in place, on SQLite it rebuilds the table
without it; the column, its values and its index stay. Backwards restores the relation, but
only when every value still names a row of the target: otherwise it refuses, naming the orphans,
instead of letting the database fail half-way (PostgreSQL) or at the final foreign key check
(SQLite). It depends on Django alone, so any project can use it.
"""

from typing import Any

from django.core.management.base import CommandError
from django.db import models
from django.db.backends.base.schema import BaseDatabaseSchemaEditor
from django.db.migrations.exceptions import IrreversibleError
from django.db.migrations.operations.base import Operation
from django.db.migrations.state import ProjectState

# How many orphan values the refusal names; the count says how many there are in all.
EXAMPLES = 5


class OrphanReferences(IrreversibleError, CommandError):
    """The relation cannot come back: some rows name no row of its target.

    A ``CommandError`` too, so that ``migrate`` prints the one line, not a traceback."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.returncode = 1


def column_of(field: models.Field[Any, Any], name: str) -> str:
    """The column ``field`` would have under ``name`` (fields of a migration state are not
    bound to a model, so they have none yet)."""
    bound = field.clone()
    bound.set_attributes_from_name(name)
    return str(bound.column)


class SoftenForeignKey(Operation):
    """Replace the foreign key or one-to-one ``name`` of ``model_name`` by ``soft_field``, a
    field of no relation on the same column (``db_column`` the relation's column)."""

    reversible = True
    reduces_to_sql = False

    def __init__(self, model_name: str, name: str, soft_field: models.Field[Any, Any]) -> None:
        self.model_name = model_name
        self.name = name
        self.soft_field = soft_field
        if soft_field.is_relation:
            raise ValueError(f"{model_name}.{name}: the soft field must be no relation")

    @property
    def model_name_lower(self) -> str:
        return self.model_name.lower()

    def deconstruct(self) -> tuple[str, list[Any], dict[str, Any]]:
        kwargs = {"model_name": self.model_name, "name": self.name, "soft_field": self.soft_field}
        return self.__class__.__name__, [], kwargs

    def describe(self) -> str:
        return (
            f"Turn the relation {self.model_name}.{self.name} into a soft reference"
            " (same column and values, no constraint)"
        )

    @property
    def migration_name_fragment(self) -> str:
        return f"decouple_{self.model_name_lower}_{self.name.lower()}"

    def state_forwards(self, app_label: str, state: ProjectState) -> None:
        model = state.models[app_label, self.model_name_lower]
        old = model.fields.get(self.name)
        label = f"{app_label}.{self.model_name}.{self.name}"
        if old is None or not (old.many_to_one or old.one_to_one):
            raise ValueError(f"{label} is no foreign key or one-to-one in the migration state")
        old_column, new_column = column_of(old, self.name), column_of(self.soft_field, self.name)
        if old_column != new_column:
            raise ValueError(
                f"{label}: the soft field's column is {new_column!r}, not the relation's"
                f" {old_column!r}; give it db_column={old_column!r}"
            )
        state.alter_field(app_label, self.model_name_lower, self.name, self.soft_field, True)

    def database_backwards(
        self,
        app_label: str,
        schema_editor: BaseDatabaseSchemaEditor,
        from_state: ProjectState,
        to_state: ProjectState,
    ) -> None:
        # from_state holds the soft field, to_state the relation to restore.
        alias = schema_editor.connection.alias
        soft_model = from_state.apps.get_model(app_label, self.model_name)
        if self.allow_migrate_model(alias, soft_model):
            relation = to_state.apps.get_model(app_label, self.model_name)._meta.get_field(
                self.name
            )
            self._refuse_orphans(alias, soft_model, relation)
        # Altering the column is the same step both ways, as for Django's AlterField.
        self.database_forwards(app_label, schema_editor, from_state, to_state)

    def database_forwards(
        self,
        app_label: str,
        schema_editor: BaseDatabaseSchemaEditor,
        from_state: ProjectState,
        to_state: ProjectState,
    ) -> None:
        to_model = to_state.apps.get_model(app_label, self.model_name)
        if self.allow_migrate_model(schema_editor.connection.alias, to_model):
            from_model = from_state.apps.get_model(app_label, self.model_name)
            schema_editor.alter_field(
                from_model,
                from_model._meta.get_field(self.name),
                to_model._meta.get_field(self.name),
            )

    def _refuse_orphans(self, alias: str, soft_model: Any, relation: Any) -> None:
        target = relation.related_model
        target_field = relation.target_field
        existing = target._base_manager.db_manager(alias).values(target_field.name)
        orphans = (
            soft_model._base_manager.db_manager(alias)
            .filter(**{f"{self.name}__isnull": False})
            .exclude(**{f"{self.name}__in": existing})
        )
        rows = orphans.count()
        if not rows:
            return
        values = orphans.values_list(self.name, flat=True).distinct().order_by(self.name)
        examples = ", ".join(str(value) for value in values[:EXAMPLES])
        more = ", ..." if values.count() > EXAMPLES else ""
        raise OrphanReferences(
            f"cannot restore the foreign key {soft_model._meta.db_table}.{relation.column}"
            f" -> {target._meta.db_table}.{target_field.column}: {rows} row(s) name no row"
            f" of it (values {examples}{more}); delete those rows, point them at existing"
            " rows or set them to NULL, then migrate back"
        )
