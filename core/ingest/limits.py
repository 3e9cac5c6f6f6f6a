"""What one record may hold: integers a 64-bit column stores, and text of a bounded size.

Sources are written by other programs and by people, and a hostile or broken one can hold an
id of 2**70 or a 200 MB message. A record with an integer out of range is refused, as any
record naming a value that cannot be stored; a text longer than ``TEXT_LIMIT`` characters is
cut there, marked, and kept, with a problem saying what was cut.
"""

from collections.abc import Iterable
from typing import Any

import attrs

# Every integer column is 64-bit signed: what PostgreSQL's bigint and SQLite's INTEGER hold.
INTEGER_RANGE = range(-(2**63), 2**63)
# Characters one text field keeps: far beyond any real message, commit or comment body.
TEXT_LIMIT = 1_000_000


class OutOfRange(ValueError):
    """A record holds an integer no column can store."""


def bounded(record: Any, fields: Iterable["attrs.Attribute[Any]"]) -> tuple[Any, list[str]]:
    """``record`` with every text cut to ``TEXT_LIMIT``, and what was cut; raises OutOfRange
    for an integer no column holds. Texts and integers inside a tuple field are held to the
    same limits: a label or a tag is stored as a text too."""
    cuts: dict[str, Any] = {}
    notes: list[str] = []
    for field in fields:
        value = getattr(record, field.name)
        if isinstance(value, tuple):
            items = tuple(
                _bounded(f"{field.name}[{i}]", item, notes) for i, item in enumerate(value)
            )
            if items != value:
                cuts[field.name] = items
        else:
            kept = _bounded(field.name, value, notes)
            if kept is not value:
                cuts[field.name] = kept
    return (attrs.evolve(record, **cuts) if cuts else record), notes


def _bounded(name: str, value: Any, notes: list[str]) -> Any:
    if isinstance(value, bool):
        return value
    if isinstance(value, int):
        if value not in INTEGER_RANGE:
            raise OutOfRange(
                f"{name} {value} is out of range: a 64-bit integer holds"
                f" {INTEGER_RANGE.start} to {INTEGER_RANGE.stop - 1}"
            )
    elif isinstance(value, str) and len(value) > TEXT_LIMIT:
        rest = len(value) - TEXT_LIMIT
        notes.append(
            f"{name} is {len(value):,} characters long, more than the {TEXT_LIMIT:,}"
            " a text field holds: the rest is cut"
        )
        return value[:TEXT_LIMIT] + f"\n[cut by trackerhub: {rest:,} more characters]"
    return value
