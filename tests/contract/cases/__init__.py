"""The store contract's examples, one module per tracker.

Each module here exposes ``CASES``: a ``StoreCase`` for every record type of its tracker.
``discover`` finds them all, so adding a tracker adds one module to this package and edits
nothing shared; tests/contract/test_record_stores.py checks that every installed record type
has exactly one case.
"""

import importlib
import pkgutil
from datetime import UTC, datetime, timedelta, timezone
from typing import Any

import attrs

from core.protocols.trackers import RecordType

# Aware datetimes in three zones: a store may give them back in UTC, as the same instants.
IST = timezone(timedelta(hours=5, minutes=30))
PST = timezone(timedelta(hours=-8))
T1 = datetime(2024, 2, 29, 23, 59, 58, 123456, tzinfo=IST)
T2 = datetime(2024, 3, 1, 8, 0, tzinfo=UTC)
T3 = datetime(2025, 12, 31, 16, 30, 1, 999999, tzinfo=PST)
T4 = datetime(2026, 1, 2, 3, 4, 5, tzinfo=UTC)


@attrs.frozen
class StoreCase:
    """One record type's examples: a record with every field set (``full``), the same key with
    every other field changed (``changed``), and a record of another key with nothing known
    but its key (``sparse``)."""

    record_type: RecordType[Any, Any]
    full: Any
    changed: Any
    sparse: Any

    @property
    def name(self) -> str:
        return self.record_type.name

    @property
    def key(self) -> tuple[str, ...]:
        """The fields of the natural key."""
        return self.record_type.key

    def key_of(self, record: Any) -> Any:
        return self.record_type.key_of(record)


def discover() -> list[StoreCase]:
    """The cases of every module in this package, in the modules' name order."""
    cases: list[StoreCase] = []
    for module_info in pkgutil.iter_modules(__path__, f"{__name__}."):
        module = importlib.import_module(module_info.name)
        found: object = getattr(module, "CASES", None)
        if not isinstance(found, list) or not all(isinstance(c, StoreCase) for c in found):
            raise TypeError(f"{module_info.name} should define CASES: list[StoreCase]")
        cases.extend(found)
    return cases
