"""What the coupling inventory reports: plain frozen values, the same whichever reader made
them (a project's app registry, or its source read by AST)."""

from enum import StrEnum

import attrs


class RelationKind(StrEnum):
    FOREIGN_KEY = "foreign_key"
    ONE_TO_ONE = "one_to_one"
    MANY_TO_MANY = "many_to_many"
    # A concrete model inheriting from a concrete model: a one-to-one parent link, made by Django.
    INHERITANCE = "multi_table_inheritance"
    GENERIC = "generic_relation"  # GenericForeignKey / GenericRelation, through contenttypes
    SOFT_REFERENCE = "soft_reference"  # a typed value naming a row of another app, no constraint


HARD = frozenset(kind for kind in RelationKind if kind is not RelationKind.SOFT_REFERENCE)


@attrs.frozen
class Relation:
    """One relation from a model of ``source_app`` to a model of ``target_app``.

    ``field`` is the field's name on the source model (for inheritance, the parent link);
    ``column`` its column ("" for a many-to-many, whose rows live in ``through``);
    ``on_delete`` what deleting the target does to the source row (``CASCADE``, ``PROTECT``,
    ``SET_NULL``, ...; "" where there is none); ``through`` the many-to-many's table as
    ``app.Model`` (auto-created or custom); ``to_field`` the target field when not its primary
    key; ``declared_in`` where the reader found it (a file and line for the AST reader, the
    abstract base or mixin it was inherited from, or "")."""

    kind: RelationKind
    source_app: str
    source_model: str
    field: str
    target_app: str
    target_model: str
    column: str = ""
    on_delete: str = ""
    nullable: bool = False
    through: str = ""
    to_field: str = ""
    declared_in: str = ""

    @property
    def key(self) -> str:
        """``app.Model.field``: how an allow file and ``trackerhub decouple`` name it."""
        return f"{self.source_app}.{self.source_model}.{self.field}"

    @property
    def source(self) -> str:
        return f"{self.source_app}.{self.source_model}"

    @property
    def target(self) -> str:
        return f"{self.target_app}.{self.target_model}"

    @property
    def is_hard(self) -> bool:
        """Held by the database (a constraint, a join table, a parent row), not by a value."""
        return self.kind in HARD

    @property
    def crosses_apps(self) -> bool:
        return self.source_app != self.target_app


@attrs.frozen
class ImportEdge:
    """``file`` (relative to the project's root), at ``line``, of ``source_app`` imports
    ``module``, which belongs to ``target_app``; ``lazy`` when the import is inside a function
    or method (made when it runs, invisible to a reader of the module's top)."""

    source_app: str
    target_app: str
    module: str
    file: str
    line: int
    lazy: bool = False


@attrs.frozen
class Inventory:
    """Every relation and import that crosses an app boundary, in a stable order."""

    relations: tuple[Relation, ...] = ()
    imports: tuple[ImportEdge, ...] = ()

    @property
    def hard(self) -> tuple[Relation, ...]:
        return tuple(r for r in self.relations if r.is_hard)


def sorted_inventory(relations: list[Relation], imports: list[ImportEdge]) -> Inventory:
    """Only what crosses apps, each once, ordered by source then field."""
    crossing = {r for r in relations if r.crosses_apps}
    across = {i for i in imports if i.source_app != i.target_app}
    return Inventory(
        tuple(sorted(crossing, key=lambda r: (r.source, r.field, r.kind.value, r.target))),
        tuple(sorted(across, key=lambda i: (i.source_app, i.file, i.line, i.module))),
    )
