"""The people of a batch: every claim its items hold, resolved in one bulk call, and each item
turned into its stored record, claims replaced by typed refs.

Which fields hold people, and which read None as "the source did not say", is read once per
record class from its attrs fields (``core.protocols.trackers.person``, ``people``).
"""

from collections.abc import Iterable, Mapping
from typing import Any

import attrs

from core.ingest.limits import OutOfRange, bounded
from core.protocols.claims import ProfileClaim
from core.protocols.errors import ErasedPerson, IdentityError
from core.protocols.identity import ProfileResolver
from core.protocols.refs import ProfileRef
from core.protocols.trackers import PERSON, Redact

type Resolved = Mapping[ProfileClaim[ProfileRef], ProfileRef | IdentityError | None]


@attrs.frozen
class Shape:
    """The fields of a record class that the engine treats specially."""

    people: tuple[tuple[str, bool], ...]  # (field, holds a tuple of people)
    defaults: tuple[tuple[str, object], ...]  # fields whose default is not None, and it
    values: "tuple[attrs.Attribute[Any], ...]"  # fields that may hold an integer or a text


_SHAPES: dict[type, Shape] = {}


def shape_of(record_class: type) -> Shape:
    shape = _SHAPES.get(record_class)
    if shape is None:
        shape = _SHAPES[record_class] = _read_shape(record_class)
    return shape


def _read_shape(record_class: type) -> Shape:
    people: list[tuple[str, bool]] = []
    defaults: list[tuple[str, object]] = []
    values: list[attrs.Attribute[Any]] = []
    for field in attrs.fields(record_class):
        if PERSON not in field.metadata:
            values.append(field)
        if PERSON in field.metadata:
            people.append((field.name, bool(field.metadata[PERSON])))
        default = field.default
        if isinstance(default, attrs.Factory):  # type: ignore[arg-type]
            continue  # derived from other fields (a repository's key), never "not said"
        if default is not None and default is not attrs.NOTHING:
            defaults.append((field.name, default))
    return Shape(tuple(people), tuple(defaults), tuple(values))


def people_in(item: Any) -> Iterable[Any]:
    """The people an item or record names, in field order: claims as read, refs as stored."""
    for name, many in shape_of(type(item)).people:
        value: Any = getattr(item, name)
        if value is None:
            continue
        if many:
            yield from value
        else:
            yield value


def resolve(items: Iterable[object], people: ProfileResolver, known: Resolved) -> Resolved:
    """Every claim of ``items``, each once: those in ``known`` (resolved by a batch that has
    committed) as they were, the others in one call to the hub."""
    claims: dict[ProfileClaim[ProfileRef], None] = dict.fromkeys(
        claim for item in items for claim in people_in(item)
    )
    resolved = {claim: known[claim] for claim in claims if claim in known}
    asked = [claim for claim in claims if claim not in resolved]
    if asked:
        resolved.update(zip(asked, people.get_or_create_each(asked), strict=True))
    return resolved


class Refused(Exception):
    """An item names a person the hub will not take; the message says which field and why."""


def stored_form(
    item: Any, resolved: Resolved, redact: Redact | None = None
) -> tuple[Any, frozenset[str], list[str]]:
    """The record to store for a seen ``item``, the fields the item did not say (None where
    the field's default is not None), and what had to be cut to fit (``limits``). A person
    erased on request is left out, and ``redact`` applies as it did to the stored records.
    Raises Refused."""
    shape = shape_of(type(item))
    try:
        item, notes = bounded(item, shape.values)
    except OutOfRange as error:
        raise Refused(str(error)) from None
    changes: dict[str, object] = {}
    unknown: list[str] = []
    for name, default in shape.defaults:
        if getattr(item, name) is None:
            changes[name] = default
            unknown.append(name)
    erased: set[str] = set()
    for name, many in shape.people:
        value: Any = changes.get(name, getattr(item, name))
        if value is None:
            continue
        if many:
            refs = [_ref(name, claim, resolved, erased) for claim in value]
            changes[name] = tuple(dict.fromkeys(ref for ref in refs if ref is not None))
        else:
            changes[name] = _ref(name, value, resolved, erased)
    if redact is not None and erased & set(redact.by):
        changes.update(redacted_values(type(item), redact))
    record = attrs.evolve(item, **changes) if changes else item
    return record, frozenset(unknown), notes


def _ref(
    field: str, claim: ProfileClaim[ProfileRef], resolved: Resolved, erased: set[str]
) -> ProfileRef | None:
    ref = resolved[claim]
    if isinstance(ref, ErasedPerson):
        erased.add(field)
        return None
    if isinstance(ref, IdentityError):
        raise Refused(f"{field}: {ref}")
    return ref


def redacted_values(record_class: type, redact: Redact) -> dict[str, object]:
    """The values ``redact`` empties its fields to: each field's default, or None."""
    fields = attrs.fields_dict(record_class)
    values: dict[str, object] = {}
    for name in redact.fields:
        default = fields[name].default
        values[name] = None if default is attrs.NOTHING else default
    return values
