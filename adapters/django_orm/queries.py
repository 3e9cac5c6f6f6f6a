"""Query conditions the stores share."""

from collections.abc import Iterable
from functools import reduce
from operator import or_

from django.db.models import Q


def pairs_matching(first: str, second: str, pairs: Iterable[tuple[object, object]]) -> Q:
    """Rows whose (``first``, ``second``) is among ``pairs``: per distinct first value, one
    ``IN`` on the second, OR-ed; a bounded number of conditions for a batch that mostly shares
    its first values (one repository, one list, a few profile kinds)."""
    groups: dict[object, set[object]] = {}
    for group, item in pairs:
        groups.setdefault(group, set()).add(item)
    return reduce(
        or_, (Q(**{first: group, f"{second}__in": list(items)}) for group, items in groups.items())
    )
