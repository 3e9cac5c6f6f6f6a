"""How a record seen again updates the stored one.

GitHub data changes over time (titles are edited, issues close), so a sighting strictly newer
than the stored record (by ``updated_at``) wins. Any other sighting (as old, older, or either
without a date) only fills in what was unknown: without that, two saved pages that disagree
would overwrite each other on every collect. A value the source did not give (None, "", a field
an older API schema lacks) never erases a known one. A GitHub account replaces a bare git
identity, never the reverse.
"""

from collections.abc import Collection
from typing import Any, cast

import attrs

from core.protocols.refs import GitAuthorRef, GitHubAccountRef


def _unknown(value: object) -> bool:
    return value is None or value == ""


def merged[R: attrs.AttrsInstance](stored: R | None, new: R, *, unknown: Collection[str] = ()) -> R:
    """``stored`` updated from ``new``; ``unknown`` names fields ``new`` has no value for."""
    if stored is None:
        return new
    stored_at = getattr(stored, "updated_at", None)
    new_at = getattr(new, "updated_at", None)
    newer = new_at is not None and (stored_at is None or new_at > stored_at)
    changes: dict[str, Any] = {}
    for field in attrs.fields(type(new)):
        old_value, new_value = getattr(stored, field.name), getattr(new, field.name)
        if field.name in unknown or _unknown(new_value) or old_value == new_value:
            continue
        if isinstance(old_value, GitAuthorRef) and isinstance(new_value, GitHubAccountRef):
            changes[field.name] = new_value
        elif isinstance(old_value, GitHubAccountRef) and isinstance(new_value, GitAuthorRef):
            continue
        elif newer or _unknown(old_value) or old_value == ():
            changes[field.name] = new_value
    if not changes:
        return stored
    # attrs.evolve keeps the class; mypy's attrs plugin cannot see that through a TypeVar.
    return cast(R, attrs.evolve(cast(Any, stored), **changes))
