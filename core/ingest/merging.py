"""How a record seen again updates the stored one, by the rule its record type declares.

For every rule, a value the sighting does not give (None, "", or a field it could not say, in
``unknown``) never erases a known one: without that, two saved pages that disagree would
overwrite each other on every collect, and an older export would empty what a newer one said.

What counts as a gap to fill: None; "" in a text field; and an empty tuple in a field that
cannot be None (a commit's co-authors: none known yet). In a field that can be None (an issue's
labels), None is "not said" and an empty tuple is a value, "none", which an older sighting must
not fill back in.
"""

import typing
from collections.abc import Collection
from typing import Any, cast

import attrs

from core.protocols.refs import ProfileKind, ProfileRef
from core.protocols.trackers import FirstWriteWins, MergeRule, NewerWins


def merged[R](rule: MergeRule, stored: R, new: R, unknown: Collection[str] = ()) -> R:
    """``stored`` updated from ``new`` by ``rule``: the very ``stored`` object when nothing
    changes, so that callers can tell an unchanged record by identity or equality."""
    if isinstance(rule, FirstWriteWins):
        return stored
    newer = isinstance(rule, NewerWins) and _is_newer(
        getattr(new, rule.at), getattr(stored, rule.at)
    )
    optional = _optional_fields(type(new))
    changes: dict[str, object] = {}
    for field in attrs.fields(type(cast(Any, new))):
        name = field.name
        old, value = getattr(stored, name), getattr(new, name)
        if name in unknown or value is None or value == "" or old == value:
            continue
        if rule.prefer and _different_kinds(old, value):
            if _rank(rule.prefer, value) < _rank(rule.prefer, old):
                changes[name] = value
        elif newer or old is None or old == "" or (old == () and name not in optional):
            changes[name] = value
    if not changes:
        return stored
    # attrs.evolve keeps the class; mypy cannot see that through a type variable.
    return cast(R, attrs.evolve(cast(Any, stored), **changes))


_OPTIONAL: dict[type, frozenset[str]] = {}


def _optional_fields(record_class: type) -> frozenset[str]:
    """The fields whose declared type admits None."""
    found = _OPTIONAL.get(record_class)
    if found is None:
        found = _OPTIONAL[record_class] = frozenset(
            field.name
            for field in attrs.fields(record_class)
            if type(None) in typing.get_args(field.type)
        )
    return found


def _is_newer(new_at: object, stored_at: object) -> bool:
    if new_at is None:
        return False
    return stored_at is None or cast(Any, new_at) > stored_at


def _different_kinds(old: object, value: object) -> bool:
    return (
        isinstance(old, ProfileRef) and isinstance(value, ProfileRef) and old.kind is not value.kind
    )


def _rank(prefer: tuple[ProfileKind, ...], ref: object) -> int:
    assert isinstance(ref, ProfileRef)
    return prefer.index(ref.kind) if ref.kind in prefer else len(prefer)
