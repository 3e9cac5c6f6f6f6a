"""``--plan``: for each hard relation across apps, what replaces it, what deleting its target
did and what happens instead, in order of risk, lowest first.

The risk is how much behaviour the change moves: a nullable reference that was set to NULL
becomes a soft reference whose consumer sets it to NULL (nothing changes but who does it); a
cascade across apps becomes a policy the source app applies itself; an inherited parent row
becomes composition, which changes every query of the child.
"""

import attrs

from adapters.django_orm.coupling.relations import Inventory, Relation, RelationKind


@attrs.frozen
class Proposal:
    relation: Relation
    risk: int  # 1 (lowest) to 5
    replacement: str
    deleting_target_did: str
    instead: str


_DELETE_DID = {
    "CASCADE": "deleted every row of {source} naming it: a cascade across the app boundary",
    "PROTECT": "was refused while a row of {source} named it",
    "RESTRICT": "was refused while a row of {source} named it (unless cascaded from elsewhere)",
    "SET_NULL": "set {field} of the rows of {source} naming it to NULL",
    "SET_DEFAULT": "set {field} of the rows of {source} naming it to its default",
    "SET": "set {field} of the rows of {source} naming it to a computed value",
    "DO_NOTHING": "left the rows of {source} naming a row that no longer exists",
}

_INSTEAD = {
    "CASCADE": (
        "nothing is deleted across apps: {source_app} applies the target's deleted (or erased)"
        " event by its own documented policy: anonymise, keep or delete its own rows"
    ),
    "PROTECT": (
        "{target_app} asks before deleting (a service lookup: is it still referenced?), or"
        " keeps a tombstone; `orphans` reports any reference left behind"
    ),
    "SET_NULL": (
        "an event consumer in {source_app} sets {field} to NULL when it applies the target's"
        " deleted event; `orphans --fix` does the same for anything missed"
    ),
    "DO_NOTHING": "the same, now by design: `orphans` finds the dangling values",
}
_INSTEAD["RESTRICT"] = _INSTEAD["PROTECT"]
_INSTEAD["SET_DEFAULT"] = _INSTEAD["SET"] = _INSTEAD["SET_NULL"]

_RISK = {"DO_NOTHING": 1, "SET_NULL": 1, "SET_DEFAULT": 1, "SET": 1, "PROTECT": 2}


def propose(relation: Relation) -> Proposal:
    """The proposal for one hard relation across apps."""
    names = {
        "source": relation.source,
        "source_app": relation.source_app,
        "target_app": relation.target_app,
        "field": relation.field,
    }
    match relation.kind:
        case RelationKind.FOREIGN_KEY | RelationKind.ONE_TO_ONE:
            rule = relation.on_delete or "DO_NOTHING"
            kind = "one-to-one" if relation.kind is RelationKind.ONE_TO_ONE else "foreign key"
            return Proposal(
                relation,
                _RISK.get(rule, 3 if rule != "RESTRICT" else 2),
                f"a typed soft reference in the same column ({relation.column}), no"
                f" constraint: `trackerhub decouple {relation.key}` writes the migration that"
                f" turns the {kind} into one, keeping every value (a primary key stays one)",
                "deleting the target "
                + _DELETE_DID.get(rule, _DELETE_DID["CASCADE"]).format(**names),
                _INSTEAD.get(rule, _INSTEAD["CASCADE"]).format(**names),
            )
        case RelationKind.MANY_TO_MANY:
            return Proposal(
                relation,
                4,
                f"a table of the {relation.source_app} app's own holding (its row, a soft"
                f" reference) pairs in place of {relation.through}, so that the app owns its"
                " side of the relation",
                "deleting either side deleted its join rows",
                f"{relation.source_app} drops the pairs naming a target when it applies the"
                " target's deleted event",
            )
        case RelationKind.GENERIC:
            return Proposal(
                relation,
                4,
                "a typed reference (app, model, id) resolved through a service port of the"
                " target's app, not through contenttypes",
                "deleting the target left a GenericForeignKey dangling, and deleted the rows"
                " of a GenericRelation",
                "the target's app publishes a deleted event; the consumer applies the"
                " source app's policy",
            )
        case RelationKind.INHERITANCE:
            return Proposal(
                relation,
                5,
                f"composition: {relation.source} becomes a model of its own with a soft"
                f" reference to its {relation.target} row (or the few fields it needs), read"
                " through the target app's service",
                "deleting the parent row deleted the child row, and every query of the child"
                " joined the parent's table",
                "deleting either is that app's event; the other applies it by its policy",
            )
        case RelationKind.SOFT_REFERENCE:
            raise ValueError(f"{relation.key} is already a soft reference")


def plan(inventory: Inventory) -> list[Proposal]:
    """A proposal for each hard relation across apps, lowest risk first."""
    proposals = [propose(relation) for relation in inventory.hard]
    return sorted(proposals, key=lambda p: (p.risk, p.relation.key))
