"""Values every tracker's ingest shares: where a problem is, and what became of a record."""

from datetime import datetime
from enum import StrEnum

import attrs


def _one_line(reason: str) -> str:
    """A reason on one line, as the summary prints it: people grep these."""
    return " ".join(reason.splitlines()) if "\n" in reason or "\r" in reason else reason


@attrs.frozen
class SourceProblem:
    """A file or record that could not be read whole: which file, where in it, and why.

    ``position`` is what a person needs to find the spot: ``line 12``, ``byte 4096``,
    ``item 3``, ``message 7 (byte 4096)``, or ``""`` when the whole file is at fault.
    ``reason`` is one line; ``detail`` what else the cause said (a database's DETAIL and HINT
    lines), for whoever reads the JSON. ``skipped`` is false for a record that was read and
    kept with less than its source held (a text cut at the size limit).
    """

    path: str
    position: str
    reason: str = attrs.field(converter=_one_line)
    detail: str = ""
    skipped: bool = True

    def __str__(self) -> str:
        where = f"{self.path}: {self.position}" if self.position else self.path
        return f"{where}: {self.reason}"


class Outcome(StrEnum):
    ADDED = "added"
    UPDATED = "updated"
    UNCHANGED = "unchanged"
    SKIPPED = "skipped"


@attrs.frozen
class SeenAll:
    """A reader's word that it has yielded every record of the class ``record`` present in
    ``scope`` (the values of its record type's ``Disappears.scope`` fields, in order) as of
    ``at``: any other stored record of that scope disappeared by then."""

    record: type
    scope: tuple[object, ...]
    at: datetime
